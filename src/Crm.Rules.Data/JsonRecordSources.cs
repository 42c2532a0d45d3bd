using System.Text.Json;

namespace Crm.Rules.Data;

/// <summary>A growable window over a stream's bytes: what has been read and not yet consumed.</summary>
internal sealed class ByteWindow(Stream stream) : IDisposable
{
    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;

    public bool Ended { get; private set; }

    /// <summary>The absolute offset of <see cref="Data"/>'s first byte in the stream.</summary>
    public long Offset { get; private set; }

    public ReadOnlySpan<byte> Data => _buffer.AsSpan(_start, _end - _start);

    public void Consume(int count)
    {
        _start += count;
        Offset += count;
    }

    /// <summary>Reads more bytes (growing the window when it is full); false when the stream has ended.</summary>
    public bool Fill()
    {
        if (Ended)
        {
            return false;
        }

        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = stream.Read(_buffer, _end, _buffer.Length - _end);
        _end += read;
        Ended = read == 0;
        return read > 0;
    }

    public void Dispose() => stream.Dispose();
}

/// <summary>
/// A JSON array of records, read element by element with <see cref="Utf8JsonReader"/>: only the current element is
/// held. An element that is not an object, or an object with unknown, duplicate or wrongly typed fields, is a record
/// with errors. Malformed JSON ends the input (no later element can be found reliably), after the records before it.
/// </summary>
internal sealed class JsonArrayRecordSource : RecordSource
{
    private readonly ByteWindow _window;
    private JsonReaderState _state = new(JsonRecordParser.Options);
    private long _line = 1;
    private bool _started;
    private bool _done;

    public JsonArrayRecordSource(Stream stream, string name, RecordSchema schema)
        : base(name, schema, typed: true)
    {
        _window = new ByteWindow(stream);
    }

    public override bool MoveNext()
    {
        if (_done)
        {
            return false;
        }

        while (true)
        {
            var data = _window.Data;
            if (!_started && data.StartsWith("\uFEFF"u8))
            {
                _window.Consume(3);
                continue;
            }

            var reader = new Utf8JsonReader(data, _window.Ended, _state);
            try
            {
                if (!reader.Read())
                {
                    if (_window.Ended)
                    {
                        if (!_started)
                        {
                            throw new RecordInputException($"{Name}: the file is empty; expected a JSON array of records [ {{ \"id\": … }}, … ]");
                        }

                        throw Malformed(reader, data, "the array is not closed with ']'");
                    }

                    _window.Fill();
                    continue;
                }

                if (!_started)
                {
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        throw new RecordInputException($"{Name}: expected a JSON array of records [ {{ \"id\": … }}, … ], not {JsonRecordParser.Describe(reader.TokenType)}; for one object per line use JSON Lines (.jsonl)");
                    }

                    _started = true;
                    Advance(ref reader, data);
                    continue;
                }

                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    Advance(ref reader, data);
                    _done = true;
                    EnsureNothingFollows();
                    return false;
                }

                var start = checked((int)reader.TokenStartIndex);
                if (!reader.TrySkip())
                {
                    if (!_window.Fill() && _window.Ended)
                    {
                        // Read the rest as a final block so the reader says what is wrong.
                        var final = new Utf8JsonReader(_window.Data, true, _state);
                        final.Read();
                        final.Skip();
                    }

                    continue;
                }

                Count++;
                var record = Current;
                var line = _line + data[..start].Count((byte)'\n');
                record.Begin(new RecordLocation(Name, Count, line, _window.Offset + start));
                JsonRecordParser.Parse(data[start..checked((int)reader.BytesConsumed)], record);
                Advance(ref reader, data);
                return true;
            }
            catch (JsonException e)
            {
                _done = true;
                throw new RecordInputException(
                    $"{Name} line {_line + (e.LineNumber ?? 0)}: malformed JSON ({JsonRecordParser.FirstSentence(e.Message)}); {Count} record{(Count == 1 ? "" : "s")} before it were read, the rest cannot be reached", e);
            }
        }
    }

    private void Advance(ref Utf8JsonReader reader, ReadOnlySpan<byte> data)
    {
        var consumed = checked((int)reader.BytesConsumed);
        _line += data[..consumed].Count((byte)'\n');
        _state = reader.CurrentState;
        _window.Consume(consumed);
    }

    private RecordInputException Malformed(Utf8JsonReader reader, ReadOnlySpan<byte> data, string why)
    {
        _done = true;
        return new RecordInputException($"{Name} line {_line + data[..checked((int)reader.BytesConsumed)].Count((byte)'\n')}: malformed JSON ({why}); {Count} records before it were read");
    }

    private void EnsureNothingFollows()
    {
        while (true)
        {
            foreach (var b in _window.Data)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                {
                    throw new RecordInputException($"{Name} line {_line}: something follows the closing ']' of the array; the {Count} records of the array were read");
                }
            }

            _window.Consume(_window.Data.Length);
            if (!_window.Fill())
            {
                return;
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _window.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>
/// JSON Lines: each line is one record, read on its own, so a malformed line is a record with an error and the
/// following lines are still read. Blank lines hold no record and are passed over.
/// </summary>
internal sealed class JsonLinesRecordSource : RecordSource
{
    private readonly ByteWindow _window;
    private long _line;

    public JsonLinesRecordSource(Stream stream, string name, RecordSchema schema)
        : base(name, schema, typed: true)
    {
        _window = new ByteWindow(stream);
    }

    public override bool MoveNext()
    {
        while (true)
        {
            var data = _window.Data;
            var newline = data.IndexOf((byte)'\n');
            if (newline < 0 && !_window.Ended)
            {
                _window.Fill();
                continue;
            }

            if (newline < 0 && data.IsEmpty)
            {
                return false;
            }

            var length = newline < 0 ? data.Length : newline + 1;
            var line = data[..(newline < 0 ? data.Length : newline)];
            if (_line == 0 && line.StartsWith("\uFEFF"u8))
            {
                line = line[3..];
            }

            _line++;
            var offset = _window.Offset;
            if (line.Trim(" \t\r"u8).IsEmpty)
            {
                _window.Consume(length);
                continue;
            }

            Count++;
            var record = Current;
            record.Begin(new RecordLocation(Name, Count, _line, offset));
            JsonRecordParser.Parse(line, record);
            _window.Consume(length);
            return true;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _window.Dispose();
        }

        base.Dispose(disposing);
    }
}
