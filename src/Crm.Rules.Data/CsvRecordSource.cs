using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using nietras.SeparatedValues;

namespace Crm.Rules.Data;

/// <summary>
/// CSV records through Sep: RFC 4180 quoting, a header row whose first column is <c>id</c>, every column a schema
/// field (an unknown column stops the input: it would otherwise be ignored silently), cells trimmed of surrounding
/// white space. A row with more or fewer cells than the header, or a blank line, is a record with an error.
/// </summary>
internal sealed class CsvRecordSource : RecordSource
{
    private readonly SepReader _reader;
    private readonly int[] _slotOfColumn;
    private readonly string[] _missing;

    public CsvRecordSource(Stream stream, string name, RecordSchema schema)
        : base(name, schema, typed: false)
    {
        var text = new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        try
        {
            _reader = Sep.Reader(o => o with { Sep = new Sep(','), HasHeader = true, Unescape = true, DisableColCountCheck = true, DisableFastFloat = true }).From(text);
        }
        catch (DecoderFallbackException e)
        {
            text.Dispose();
            throw new RecordInputException($"{name} line 1: the file is not valid UTF-8 ({e.Message.Split('\n')[0]})", e);
        }

        var header = _reader.Header.ColNames;
        if (header.Count == 0 || (header.Count == 1 && header[0].Trim().Length == 0))
        {
            _reader.Dispose();
            throw new RecordInputException($"{name}: the file is empty; expected a header row starting with 'id'");
        }

        var names = header.Select(h => h.Trim()).ToArray();
        names[0] = names[0].TrimStart('\uFEFF');
        if (!schema.HasColumnNames && !string.Equals(names[0], RecordSchema.IdField, StringComparison.Ordinal))
        {
            _reader.Dispose();
            throw new RecordInputException($"{name} line 1: the first column must be 'id', not {FieldText.Excerpt(names[0])}");
        }

        // With renamed columns the id may stand anywhere, but it must be there.
        if (!names.Contains(schema.ColumnOf(0), StringComparer.Ordinal))
        {
            _reader.Dispose();
            throw new RecordInputException($"{name} line 1: no column {FieldText.Excerpt(schema.ColumnOf(0))}, the id of every record");
        }

        var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            _reader.Dispose();
            throw new RecordInputException($"{name} line 1: the column {FieldText.Excerpt(duplicate.Key)} appears more than once");
        }

        _slotOfColumn = names.Select(n => schema.ColumnSlot(n)).ToArray();
        var unknown = names.Where((n, i) => _slotOfColumn[i] == -1).ToList();
        if (unknown.Count > 0)
        {
            _reader.Dispose();
            throw new RecordInputException(
                $"{name} line 1: unknown column{(unknown.Count == 1 ? "" : "s")} {string.Join(", ", unknown.Select(u => FieldText.Excerpt(u)))}; the columns are {schema}{(schema.HasColumnNames ? " (name a column that no rule reads as ignored)" : "")}");
        }

        _missing = schema.Fields.Where((f, slot) => !names.Contains(schema.ColumnOf(slot), StringComparer.Ordinal)).ToArray();
    }

    public override IReadOnlyList<string> MissingColumns => _missing;

    public override bool MoveNext()
    {
        try
        {
            if (!_reader.MoveNext())
            {
                return false;
            }
        }
        catch (DecoderFallbackException e)
        {
            throw new RecordInputException($"{Name} after record {Count}: the file is not valid UTF-8 ({e.Message.Split('\n')[0]}); the records before were read", e);
        }

        var row = _reader.Current;
        Count++;
        var record = Current;
        record.Begin(new RecordLocation(Name, Count, row.LineNumberFrom, -1));
        var cells = row.ColCount;
        if (cells == 1 && row.Span.Trim().IsEmpty)
        {
            record.AddRecordError(null, "the line is blank; every line after the header must be a record (remove it)");
            return true;
        }

        // A cell is a part of the row's text (Sep unescapes a quoted one in place): the row is copied once, after every
        // cell was read, and each field is where its cell sits in it. A cell found anywhere else is copied on its own.
        var columns = _slotOfColumn.Length;
        var line = row.Span;
        ref var lineStart = ref MemoryMarshal.GetReference(line);
        record.ReserveLine(line.Length);
        for (var i = 0; i < Math.Min(cells, columns); i++)
        {
            if (_slotOfColumn[i] < 0)
            {
                continue;
            }

            var raw = row[i].Span;
            var value = TrimCell(raw);
            var kind = raw.IsEmpty ? FieldKind.Empty : value.IsEmpty ? FieldKind.Blank : FieldKind.Text;
            var start = Unsafe.ByteOffset(ref lineStart, ref MemoryMarshal.GetReference(value)) / sizeof(char);
            if (value.IsEmpty)
            {
                record.SetWithin(_slotOfColumn[i], kind, 0, 0);
            }
            else if (start >= 0 && start + value.Length <= line.Length)
            {
                record.SetWithin(_slotOfColumn[i], kind, (int)start, value.Length);
            }
            else
            {
                record.Set(_slotOfColumn[i], kind, value);
            }
        }

        record.FillLine(line);

        record.ReadId();
        if (cells != columns)
        {
            record.AddRecordError(null, $"the row has {cells} field{(cells == 1 ? "" : "s")}; the header has {columns} (a missing or extra separator?)");
        }

        return true;
    }

    // A cell that starts and ends with a visible ASCII character has nothing to trim (most cells): the general trim,
    // which asks of each end whether it is any Unicode white space, only for the others. Inlined: it runs for every cell.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<char> TrimCell(ReadOnlySpan<char> raw)
        => raw.Length > 0 && raw[0] - (uint)'!' <= '~' - '!' && raw[^1] - (uint)'!' <= '~' - '!' ? raw : raw.Trim();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _reader.Dispose();
        }

        base.Dispose(disposing);
    }
}
