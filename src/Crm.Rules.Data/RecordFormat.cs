namespace Crm.Rules.Data;

/// <summary>How a stream of records is written.</summary>
/// <threadsafety>An enumeration; safe to share.</threadsafety>
public enum RecordFormat
{
    /// <summary>Comma-separated values with a header row whose first column is <c>id</c> (RFC 4180 quoting).</summary>
    Csv,

    /// <summary>A JSON array of objects, each with an <c>id</c>, read element by element.</summary>
    Json,

    /// <summary>JSON Lines: one JSON object per line, each read on its own.</summary>
    JsonLines,
}

/// <summary>Tells a record format from a file name.</summary>
/// <threadsafety>Stateless; safe to call from any thread.</threadsafety>
public static class RecordFormats
{
    /// <summary>The format a file name's extension stands for: <c>.csv</c>, <c>.json</c>, <c>.jsonl</c> / <c>.ndjson</c>.</summary>
    /// <param name="path">A file name or path.</param>
    /// <param name="format">The format, when the extension is one of those.</param>
    /// <returns><see langword="true"/> when the extension names a format.</returns>
    public static bool TryFromExtension(string path, out RecordFormat format)
    {
        ArgumentNullException.ThrowIfNull(path);
        switch (Path.GetExtension(path).ToUpperInvariant())
        {
            case ".CSV":
                format = RecordFormat.Csv;
                return true;
            case ".JSON":
                format = RecordFormat.Json;
                return true;
            case ".JSONL" or ".NDJSON":
                format = RecordFormat.JsonLines;
                return true;
            default:
                format = default;
                return false;
        }
    }

    /// <summary>
    /// The format of content that has no telling file name, from its first non-blank byte: <c>[</c> is a JSON array,
    /// <c>{</c> JSON Lines, anything else CSV.
    /// </summary>
    /// <param name="start">The first bytes of the content (a UTF-8 byte-order mark is skipped).</param>
    /// <returns>The format the content starts like.</returns>
    public static RecordFormat Sniff(ReadOnlySpan<byte> start)
    {
        if (start.StartsWith("\uFEFF"u8))
        {
            start = start[3..];
        }

        foreach (var b in start)
        {
            switch (b)
            {
                case (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n':
                    continue;
                case (byte)'[':
                    return RecordFormat.Json;
                case (byte)'{':
                    return RecordFormat.JsonLines;
                default:
                    return RecordFormat.Csv;
            }
        }

        return RecordFormat.Csv;
    }
}
