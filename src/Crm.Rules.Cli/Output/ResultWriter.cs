using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Crm.Rules.Data;
using nietras.SeparatedValues;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Crm.Rules.Cli.Output;

/// <summary>
/// Writes results record by record in the chosen format, holding at most one page of a table: JSON (an array,
/// UTF-8 with the relaxed encoder so <c>张三</c>, <c>+08:00</c> and <c>≥</c> appear as themselves), JSON Lines, CSV
/// (every text cell made printable, formula-leading cells neutralised with a leading <c>'</c>, see
/// <see cref="SafeText.CsvCell"/>) or an 80-column console table (control characters removed; details such as an
/// explanation printed under the page rather than as a wide column).
/// </summary>
internal abstract class ResultWriter : IDisposable
{
    /// <summary>A writer of <paramref name="columns"/> (CSV's header; JSON writes whatever it is given).</summary>
    /// <param name="format">The format.</param>
    /// <param name="output">Where to write.</param>
    /// <param name="columns">The CSV columns, in order.</param>
    /// <param name="table">The table's columns (field name, heading), fewer than CSV's so a row fits 80 columns; default: <paramref name="columns"/>.</param>
    public static ResultWriter Create(OutputFormat format, TextWriter output, IReadOnlyList<string> columns, IReadOnlyList<(string Field, string Heading)>? table = null) => format switch
    {
        OutputFormat.Json => new JsonResultWriter(output, lines: false),
        OutputFormat.JsonLines => new JsonResultWriter(output, lines: true),
        OutputFormat.Csv => new CsvResultWriter(output, columns),
        _ => new TableResultWriter(output, table ?? columns.Select(c => (c, c)).ToArray()),
    };

    public abstract void BeginRecord();

    public abstract void Text(string name, string? value);

    public abstract void Number(string name, decimal? value);

    public abstract void Integer(string name, long? value);

    public abstract void Boolean(string name, bool value);

    public abstract void List(string name, IReadOnlyList<string> values);

    /// <summary>A nested part (an explanation): JSON writes it as <paramref name="json"/> does; the table prints <paramref name="text"/> under the page; CSV leaves it out.</summary>
    public abstract void Details(string name, Action<Utf8JsonWriter> json, Func<string> text);

    public abstract void EndRecord();

    /// <summary>Finishes the output (closes the JSON array, prints the last table page).</summary>
    public abstract void Complete();

    public abstract void Dispose();

    internal static string Format(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);
}

internal sealed class JsonResultWriter : ResultWriter
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly TextWriter _output;
    private readonly bool _lines;
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 16);
    private readonly Utf8JsonWriter _json;
    private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();
    private char[] _chars = new char[1 << 16];
    private bool _completed;

    public JsonResultWriter(TextWriter output, bool lines)
    {
        _output = output;
        _lines = lines;
        _json = new Utf8JsonWriter(_buffer, lines ? Compact : Indented);
        if (!lines)
        {
            _json.WriteStartArray();
        }
    }

    public override void BeginRecord() => _json.WriteStartObject();

    public override void Text(string name, string? value)
    {
        if (value is null)
        {
            _json.WriteNull(name);
        }
        else
        {
            _json.WriteString(name, value);
        }
    }

    public override void Number(string name, decimal? value)
    {
        if (value is { } v)
        {
            _json.WriteNumber(name, v);
        }
        else
        {
            _json.WriteNull(name);
        }
    }

    public override void Integer(string name, long? value)
    {
        if (value is { } v)
        {
            _json.WriteNumber(name, v);
        }
        else
        {
            _json.WriteNull(name);
        }
    }

    public override void Boolean(string name, bool value) => _json.WriteBoolean(name, value);

    public override void List(string name, IReadOnlyList<string> values)
    {
        _json.WriteStartArray(name);
        foreach (var value in values)
        {
            _json.WriteStringValue(value);
        }

        _json.WriteEndArray();
    }

    public override void Details(string name, Action<Utf8JsonWriter> json, Func<string> text)
    {
        _json.WritePropertyName(name);
        json(_json);
    }

    public override void EndRecord()
    {
        _json.WriteEndObject();
        if (_lines)
        {
            _json.Flush();
            _buffer.Write("\n"u8);
            _json.Reset();
        }

        if (_buffer.WrittenCount + _json.BytesPending > 1 << 15)
        {
            Drain();
        }
    }

    public override void Complete()
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        if (!_lines)
        {
            _json.WriteEndArray();
            _json.Flush();
            _buffer.Write("\n"u8);
        }

        Drain();
        _output.Flush();
    }

    public override void Dispose() => _json.Dispose();

    private void Drain()
    {
        _json.Flush();
        var bytes = _buffer.WrittenSpan;
        var needed = _decoder.GetCharCount(bytes, flush: false);
        if (needed > _chars.Length)
        {
            _chars = new char[needed];
        }

        var count = _decoder.GetChars(bytes, _chars, flush: false);
        _output.Write(_chars, 0, count);
        _buffer.ResetWrittenCount();
    }
}

internal sealed class CsvResultWriter : ResultWriter
{
    private readonly SepWriter _writer;
    private readonly Dictionary<string, int> _columns;
    private readonly string?[] _cells;
    private bool _completed;

    public CsvResultWriter(TextWriter output, IReadOnlyList<string> columns)
    {
        _writer = Sep.Writer(o => o with { Sep = new Sep(','), Escape = true }).To(output, leaveOpen: true);
        _writer.Header.Add(columns);
        _writer.Header.Write();
        _columns = columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        _cells = new string?[columns.Count];
    }

    public override void BeginRecord() => Array.Clear(_cells);

    public override void Text(string name, string? value)
    {
        if (value is not null)
        {
            Set(name, SafeText.CsvCell(value));
        }
    }

    public override void Number(string name, decimal? value)
    {
        if (value is { } v)
        {
            Set(name, Format(v));
        }
    }

    public override void Integer(string name, long? value)
    {
        if (value is { } v)
        {
            Set(name, v.ToString(CultureInfo.InvariantCulture));
        }
    }

    public override void Boolean(string name, bool value) => Set(name, value ? "true" : "false");

    // CSV has no lists: the items are joined with "; " (JSON keeps them as an array).
    public override void List(string name, IReadOnlyList<string> values) => Set(name, SafeText.CsvCell(string.Join("; ", values)));

    public override void Details(string name, Action<Utf8JsonWriter> json, Func<string> text)
    {
        if (_columns.ContainsKey(name))
        {
            Set(name, SafeText.CsvCell(text()));
        }
    }

    public override void EndRecord()
    {
        using var row = _writer.NewRow();
        for (var i = 0; i < _cells.Length; i++)
        {
            row[i].Set(_cells[i]);
        }
    }

    public override void Complete()
    {
        if (!_completed)
        {
            _completed = true;
            _writer.Flush();
        }
    }

    public override void Dispose() => _writer.Dispose();

    private void Set(string name, string text)
    {
        if (_columns.TryGetValue(name, out var index))
        {
            _cells[index] = text;
        }
    }
}

internal sealed class TableResultWriter : ResultWriter
{
    private const int PageSize = 50;
    private readonly IAnsiConsole _console;
    private readonly IReadOnlyList<(string Field, string Heading)> _columns;
    private readonly List<string[]> _rows = [];
    private readonly List<(string Id, string Name, string Text)> _details = [];
    private string[] _current = [];
    private string _currentId = "";

    public TableResultWriter(TextWriter output, IReadOnlyList<(string Field, string Heading)> columns)
    {
        _console = Consoles.For(output);
        _columns = columns;
    }

    public override void BeginRecord()
    {
        _current = new string[_columns.Count];
        Array.Fill(_current, "");
        _currentId = "";
    }

    public override void Text(string name, string? value)
    {
        if (name == "id")
        {
            _currentId = SafeText.Printable(value ?? "");
        }

        Set(name, value ?? "-");
    }

    public override void Number(string name, decimal? value) => Set(name, value is { } v ? Format(v) : "-");

    public override void Integer(string name, long? value) => Set(name, value?.ToString(CultureInfo.InvariantCulture) ?? "-");

    public override void Boolean(string name, bool value) => Set(name, value ? "yes" : "no");

    public override void List(string name, IReadOnlyList<string> values) => Set(name, values.Count == 0 ? "-" : string.Join(", ", values));

    public override void Details(string name, Action<Utf8JsonWriter> json, Func<string> text) => _details.Add((_currentId, name, SafeText.Printable(text())));

    public override void EndRecord()
    {
        _rows.Add(_current);
        if (_rows.Count >= PageSize)
        {
            Flush();
        }
    }

    public override void Complete() => Flush();

    public override void Dispose()
    {
    }

    private void Set(string name, string text)
    {
        for (var i = 0; i < _columns.Count; i++)
        {
            if (_columns[i].Field == name)
            {
                _current[i] = SafeText.Printable(text);
                return;
            }
        }
    }

    private void Flush()
    {
        if (_rows.Count == 0)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded);
        foreach (var (_, heading) in _columns)
        {
            table.AddColumn(new TableColumn(new Text(heading)));
        }

        foreach (var row in _rows)
        {
            table.AddRow(row.Select(cell => (IRenderable)new Text(cell)).ToArray());
        }

        _console.Write(table);
        foreach (var (id, name, text) in _details)
        {
            _console.Write(new Text($"{id} {name}: {text}\n"));
        }

        _rows.Clear();
        _details.Clear();
    }
}
