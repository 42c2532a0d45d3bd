using System.Text;

namespace Crm.Rules.Data;

/// <summary>
/// Streams records from CSV, a JSON array or JSON Lines, one at a time, into a reused <see cref="Record"/>: memory
/// stays bounded by the largest record, whatever the input's size. A record that cannot be read is still returned,
/// with its problems in <see cref="Record.Errors"/>, so the caller reports it and goes on; only a problem with the
/// input as a whole (see <see cref="RecordInputException"/>) ends the stream.
/// </summary>
/// <threadsafety>Not thread-safe: one reader per source.</threadsafety>
public abstract class RecordSource : IDisposable
{
    private protected RecordSource(string name, RecordSchema schema, bool typed)
    {
        Name = name;
        Schema = schema;
        Current = new Record(schema, typed);
    }

    /// <summary>The input's name in messages (the file name, or <c>stdin</c>).</summary>
    public string Name { get; }

    /// <summary>The fields read from each record.</summary>
    public RecordSchema Schema { get; }

    /// <summary>The record read by the last successful <see cref="MoveNext"/>; reused for the next one.</summary>
    public Record Current { get; private set; }

    /// <summary>How many records have been read so far.</summary>
    public long Count { get; private protected set; }

    /// <summary>
    /// The schema fields the input cannot hold at all (CSV columns missing from the header); empty for JSON, whose
    /// records each say which fields they have.
    /// </summary>
    public virtual IReadOnlyList<string> MissingColumns => [];

    /// <summary>
    /// Hands <see cref="Current"/> over to the caller, who keeps it, and reads the next records into
    /// <paramref name="replacement"/> instead: a caller that holds records beyond the next move (a batch for another
    /// thread) takes each without copying it.
    /// </summary>
    /// <param name="replacement">
    /// A record of this source's schema and kind — one taken before, or a <see cref="Record.Copy"/> — that the caller no
    /// longer uses: the next <see cref="MoveNext"/> reads into it.
    /// </param>
    /// <returns>The record read last, the caller's from now on.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="replacement"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="replacement"/> is of another schema or kind of source, or is <see cref="Current"/> itself.
    /// </exception>
    public Record Exchange(Record replacement)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        if (!ReferenceEquals(replacement.Schema, Schema) || replacement.IsTyped != Current.IsTyped || ReferenceEquals(replacement, Current))
        {
            throw new ArgumentException("the replacement must be another record of this source's schema and kind of source", nameof(replacement));
        }

        var taken = Current;
        Current = replacement;
        return taken;
    }

    /// <summary>Reads the next record into <see cref="Current"/>.</summary>
    /// <returns><see langword="false"/> at the end of the input.</returns>
    /// <exception cref="RecordInputException">The input cannot be read further; the message says where and why.</exception>
    public abstract bool MoveNext();

    /// <summary>Opens a file, of the format its extension names unless <paramref name="format"/> is given; a <c>.gz</c> file is read through gzip (<c>orders.csv.gz</c> is CSV).</summary>
    /// <param name="path">The file.</param>
    /// <param name="schema">The fields to read.</param>
    /// <param name="format">The format, or <see langword="null"/> to take it from the extension (or the content when the extension names none).</param>
    /// <returns>The source; dispose it.</returns>
    /// <exception cref="RecordInputException">The file does not exist or cannot be opened, or its header is wrong.</exception>
    public static RecordSource OpenFile(string path, RecordSchema schema, RecordFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        Stream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RecordInputException($"{path}: {(e is FileNotFoundException or DirectoryNotFoundException ? "the input file does not exist" : e.Message)}", e);
        }

        try
        {
            var name = Path.GetFileName(path);
            var inner = path;
            if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            {
                stream = new GzipInput(stream, name);
                inner = path[..^3];
            }

            return Open(stream, name, schema, format ?? (RecordFormats.TryFromExtension(inner, out var f) ? f : null));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads records from a stream (e.g. stdin), which the source disposes.</summary>
    /// <param name="stream">The input, UTF-8.</param>
    /// <param name="name">The input's name in messages.</param>
    /// <param name="schema">The fields to read.</param>
    /// <param name="format">The format, or <see langword="null"/> to tell it from the first bytes (<c>[</c> JSON, <c>{</c> JSON Lines, else CSV).</param>
    /// <returns>The source; dispose it.</returns>
    /// <exception cref="RecordInputException">The header is wrong (CSV).</exception>
    public static RecordSource Open(Stream stream, string name, RecordSchema schema, RecordFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(schema);
        var chosen = format ?? Sniff(ref stream);
        return chosen switch
        {
            RecordFormat.Csv => new CsvRecordSource(stream, name, schema),
            RecordFormat.Json => new JsonArrayRecordSource(stream, name, schema),
            _ => new JsonLinesRecordSource(stream, name, schema),
        };
    }

    /// <summary>Releases the input.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the input.</summary>
    /// <param name="disposing"><see langword="true"/> when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }

    // Strict UTF-8: invalid bytes are an error, never silently U+FFFD.
    private protected static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static RecordFormat Sniff(ref Stream stream)
    {
        var start = new byte[512];
        var read = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        var format = RecordFormats.Sniff(start.AsSpan(0, read));
        stream = new PrefixedStream(start.AsMemory(0, read), stream);
        return format;
    }

    // The read-only, forward-only shape both wrappers below share: only Read and Dispose differ.
    private abstract class ReadOnlyStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public abstract override int Read(Span<byte> buffer);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    // Gives back the bytes read to tell the format, then the rest of the stream.
    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream inner) : ReadOnlyStream
    {
        public override int Read(Span<byte> buffer)
        {
            if (prefix.IsEmpty)
            {
                return inner.Read(buffer);
            }

            var n = Math.Min(buffer.Length, prefix.Length);
            prefix.Span[..n].CopyTo(buffer);
            prefix = prefix[n..];
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    // A gzip file whose compressed data are broken is a problem with the input as a whole, said as such. A file cut
    // short is not reported by GZipStream at all (it just ends, mid-line): at the end the decompressed length is
    // checked against the trailer's (ISIZE, the length mod 2^32), which a cut file lacks. A file of several gzip
    // members carries only the last member's length there: it is refused rather than read unverified.
    private sealed class GzipInput(Stream file, string name) : ReadOnlyStream
    {
        private readonly System.IO.Compression.GZipStream _gzip = new(file, System.IO.Compression.CompressionMode.Decompress, leaveOpen: true);
        private long _length;
        private bool _checked;

        public override int Read(Span<byte> buffer)
        {
            int read;
            try
            {
                read = _gzip.Read(buffer);
            }
            catch (InvalidDataException e)
            {
                throw new RecordInputException($"{name}: the gzip data are broken ({e.Message}); the records before were read", e);
            }

            _length += read;
            if (read == 0 && buffer.Length > 0 && !_checked)
            {
                _checked = true;
                CheckLength();
            }

            return read;
        }

        private void CheckLength()
        {
            if (!file.CanSeek)
            {
                return;
            }

            Span<byte> trailer = stackalloc byte[4];
            file.Seek(-4, SeekOrigin.End);
            file.ReadExactly(trailer);
            var declared = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(trailer);
            if (declared != (uint)_length)
            {
                throw new RecordInputException(string.Create(
                    System.Globalization.CultureInfo.InvariantCulture,
                    $"{name}: the gzip data end early — {_length:N0} bytes came out, its trailer says {declared:N0} (mod 2^32); the file is cut short, or holds several gzip members (recompress it as one); the records before were read"));
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _gzip.Dispose();
                file.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
