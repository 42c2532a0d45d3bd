using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Crm.Rules.Data;
using NodaTime;
using nietras.SeparatedValues;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Crm.Rules.CommandLine.Output;

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

    /// <summary>
    /// A writer of records that stand alone — CSV rows without the header, JSON Lines — for a parallel run's worker,
    /// whose text the run puts after the header the run's own writer wrote. It writes UTF-8: the bytes the run's
    /// output would have encoded, made on the worker (JSON is never turned into characters and back).
    /// </summary>
    /// <exception cref="ArgumentException">The format's records do not stand alone (a JSON array, a table).</exception>
    public static ResultWriter CreateRecordsOnly(OutputFormat format, IBufferWriter<byte> utf8, IReadOnlyList<string> columns) => format switch
    {
        OutputFormat.JsonLines => new JsonResultWriter(utf8),
        OutputFormat.Csv => new CsvResultWriter(utf8, columns),
        _ => throw new ArgumentException($"{format} records do not stand alone", nameof(format)),
    };

    /// <summary>Whether a format's records stand alone, so a run may write them from several threads (<see cref="CreateRecordsOnly"/>).</summary>
    public static bool RecordsStandAlone(OutputFormat format) => format is OutputFormat.Csv or OutputFormat.JsonLines;

    /// <summary>Masks contact details in text cells (DATA-3); <see langword="null"/> with <c>--reveal</c>.</summary>
    public virtual ContactMasker? Masker { get => _masker; set => _masker = value; }

    // Masked reads the field, not the virtual property: every text cell of every record asks for it.
    private ContactMasker? _masker;

    public abstract void BeginRecord();

    public abstract void Text(string name, string? value);

    /// <summary>Text from a span (an id read from input), without making a string of it where the format allows.</summary>
    public virtual void Text(string name, ReadOnlySpan<char> value) => Text(name, value.ToString());

    /// <summary>
    /// Text the rules formatted themselves — a duration, an instant, a date — which cannot carry a formula from input:
    /// CSV writes it as it is (a negative duration <c>-PT1H</c> is not neutralised); elsewhere it is text.
    /// </summary>
    public virtual void Formatted(string name, string? value) => Text(name, value);

    /// <summary>A date the rules computed, written as <see cref="IsoDate"/> writes it: <see cref="Formatted"/>, without a string where the format allows.</summary>
    public virtual void Date(string name, LocalDate? value) => Formatted(name, value is { } date ? IsoDate.Format(date) : null);

    public abstract void Number(string name, decimal? value);

    public abstract void Integer(string name, long? value);

    public abstract void Boolean(string name, bool value);

    public abstract void List(string name, IReadOnlyList<string> values);

    /// <summary>
    /// A list that can also append itself joined (<see cref="TextList"/>): CSV joins it straight into its cell, without a
    /// string per item; the other formats take its items' strings.
    /// </summary>
    public virtual void List(string name, in TextList list) => List(name, list.Items);

    /// <summary>A nested part (an explanation): JSON writes it as <paramref name="json"/> does; the table prints <paramref name="text"/> under the page; CSV writes <paramref name="text"/> when it has a column of that name, and leaves it out otherwise.</summary>
    public abstract void Details(string name, Action<Utf8JsonWriter> json, Func<string> text);

    /// <summary>
    /// A nested part as <see cref="DetailsPart"/> gives it: JSON as its writer does; CSV writes its text as any text
    /// (a part's text kept as one string is then written as the cell it became before); the other writers take the text.
    /// </summary>
    public virtual void Details(string name, in DetailsPart details)
    {
        var (state, json, text) = (details.State, details.Json, details.Text);
        Details(name, writer => json(writer, state), () => text(state));
    }

    /// <summary>Sentences (an explanation, evidence) as a nested part: a JSON array of strings; the table and CSV (when it has the column) print them joined by <c>; </c>.</summary>
    public void Sentences(string name, IReadOnlyList<string> lines) => Details(name, json =>
    {
        json.WriteStartArray();
        foreach (var line in lines)
        {
            json.WriteStringValue(line);
        }

        json.WriteEndArray();
    }, () => string.Join("; ", lines));

    /// <summary>
    /// Starts a group of fields inside the record, as <c>crm-rules assess</c> writes one per family: a nested object in
    /// JSON, columns named <c>section.field</c> in CSV and tables. Sections do not nest.
    /// </summary>
    public abstract void BeginSection(string name);

    /// <summary>Ends the section <see cref="BeginSection"/> started.</summary>
    public abstract void EndSection();

    public abstract void EndRecord();

    /// <summary>Hands everything written so far to the output, without finishing it (a parallel run's worker, after each record).</summary>
    public virtual void FlushRecord()
    {
    }

    /// <summary>Finishes the output (closes the JSON array, prints the last table page).</summary>
    public abstract void Complete();

    public abstract void Dispose();

    /// <summary>Room for any date's text: <c>uuuu-MM-dd</c>, a sign before year 1.</summary>
    internal const int DateCharacters = 16;

    /// <summary>Text with contact details masked, unless revealed; the same string when there is nothing to mask.</summary>
    protected string Masked(string text) => _masker is { } masker ? masker.Mask(text) : text;

    /// <summary>As <see cref="Masked(string)"/>, for a span: the span itself when it surely holds no contact detail.</summary>
    protected ReadOnlySpan<char> Masked(ReadOnlySpan<char> text) =>
        _masker is { } masker && ContactMasker.MightContainContact(text) ? masker.Mask(text.ToString()) : text;

    internal static string Format(decimal value)
    {
        Span<char> text = stackalloc char[32];
        return new string(text[..FormatInto(value, text)]);
    }

    /// <summary>
    /// Writes a number invariantly, without trailing zeros (0.300 and 0.3 are the same number and print the same way),
    /// and without the cost of a custom format string: the default format, then the zeros cut.
    /// </summary>
    internal static int FormatInto(decimal value, Span<char> destination)
    {
        if (TryFormatDigits(value, destination, out var digits))
        {
            return digits;
        }

        value.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture);
        if (destination[..written].Contains('.'))
        {
            while (destination[written - 1] == '0')
            {
                written--;
            }

            if (destination[written - 1] == '.')
            {
                written--;
            }
        }

        return written;
    }

    // A decimal whose mantissa fits in 64 bits (every score, total and amount a command writes): the mantissa's digits
    // with the point set by the scale and the fraction's trailing zeros cut — what the default format and the cut give,
    // without the general formatter (a Native AOT build spent 1 % of a million-row assess in it). Zero (and its negative
    // form) and larger mantissas are left to the formatter. 32 characters hold any result: the longest is a sign, "0.", 27
    // zeros and a digit (31).
    private static bool TryFormatDigits(decimal value, Span<char> destination, out int written)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        written = 0;
        if (bits[2] != 0 || mantissa == 0)
        {
            return false;
        }

        var scale = (bits[3] >> 16) & 0xFF;
        while (scale > 0 && mantissa % 10 == 0)
        {
            mantissa /= 10;
            scale--;
        }

        Span<char> digits = stackalloc char[20];
        var count = 0;
        for (; mantissa != 0; mantissa /= 10)
        {
            digits[^++count] = (char)('0' + (int)(mantissa % 10));
        }

        var at = 0;
        if (bits[3] < 0)
        {
            destination[at++] = '-';
        }

        var all = digits[^count..];
        if (scale >= count)
        {
            // 0.05: the integer part is zero, and zeros stand between the point and the digits.
            destination[at++] = '0';
            destination[at++] = '.';
            destination.Slice(at, scale - count).Fill('0');
            at += scale - count;
            all.CopyTo(destination[at..]);
            at += count;
        }
        else
        {
            all[..(count - scale)].CopyTo(destination[at..]);
            at += count - scale;
            if (scale > 0)
            {
                destination[at++] = '.';
                all[(count - scale)..].CopyTo(destination[at..]);
                at += scale;
            }
        }

        written = at;
        return true;
    }

    // A whole number: 0 to 99 (a score, a count of days) as its digits, any other by the invariant formatter.
    private protected static int FormatInto(long value, Span<char> destination)
    {
        if ((ulong)value < 10)
        {
            destination[0] = (char)('0' + value);
            return 1;
        }

        if ((ulong)value < 100)
        {
            destination[0] = (char)('0' + (value / 10));
            destination[1] = (char)('0' + (value % 10));
            return 2;
        }

        value.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture);
        return written;
    }
}

internal sealed class JsonResultWriter : ResultWriter
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Utf8Text? _output;
    private readonly IBufferWriter<byte>? _utf8;
    private readonly bool _lines;
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 16);
    private readonly Utf8JsonWriter _json;
    private bool _completed;

    public JsonResultWriter(TextWriter output, bool lines)
    {
        _output = new Utf8Text(output);
        _lines = lines;
        _json = new Utf8JsonWriter(_buffer, lines ? Compact : Indented);
        if (!lines)
        {
            _json.WriteStartArray();
        }
    }

    /// <summary>JSON Lines as UTF-8 bytes, handed to <paramref name="utf8"/> as they are.</summary>
    public JsonResultWriter(IBufferWriter<byte> utf8)
    {
        _utf8 = utf8;
        _lines = true;
        _json = new Utf8JsonWriter(_buffer, Compact);
    }

    public override void BeginRecord() => _json.WriteStartObject();

    public override void BeginSection(string name) => _json.WriteStartObject(name);

    public override void EndSection() => _json.WriteEndObject();

    public override void Text(string name, string? value)
    {
        if (value is null)
        {
            _json.WriteNull(name);
        }
        else
        {
            _json.WriteString(name, Masked(value));
        }
    }

    public override void Formatted(string name, string? value)
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

    public override void Text(string name, ReadOnlySpan<char> value) => _json.WriteString(name, Masked(value));

    public override void Date(string name, LocalDate? value)
    {
        if (value is { } date)
        {
            Span<char> text = stackalloc char[DateCharacters];
            IsoDate.TryFormat(date, text, out var written);
            _json.WriteString(name, text[..written]);
        }
        else
        {
            _json.WriteNull(name);
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
            _json.WriteStringValue(Masked(value));
        }

        _json.WriteEndArray();
    }

    public override void Details(string name, Action<Utf8JsonWriter> json, Func<string> text)
    {
        _json.WritePropertyName(name);
        json(_json);
    }

    // The part's own writer, without the closure the base would make for it.
    public override void Details(string name, in DetailsPart details)
    {
        _json.WritePropertyName(name);
        details.Json(_json, details.State);
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
        _output?.Text.Flush();
    }

    public override void FlushRecord() => Drain();

    public override void Dispose() => _json.Dispose();

    private void Drain()
    {
        _json.Flush();
        if (_utf8 is not null)
        {
            _utf8.Write(_buffer.WrittenSpan);
        }
        else
        {
            _output!.Write(_buffer.WrittenSpan);
        }

        _buffer.ResetWrittenCount();
    }
}

internal sealed class CsvResultWriter : ResultWriter
{
    private readonly TextWriter? _output;
    private readonly IBufferWriter<byte>? _utf8;
    private readonly string[] _names;
    private readonly Dictionary<string, int> _columns;

    // "grade.total" is found as "total" in section "grade" without building the dotted name for every field.
    private readonly Dictionary<string, SectionColumns> _sections = new(StringComparer.Ordinal);
    private readonly List<(string Name, SectionColumns Fields)> _sectionOrder = [];
    private int _nextSection;
    private SectionColumns? _section;
    private int _sectionCursor;
    private readonly int[] _starts;
    private readonly int[] _lengths;
    private readonly KeptCells[] _kept;
    private char[] _join = new char[256];
    private string[] _items = new string[8];
    private readonly StringBuilder _joined = new(256);
    // The last two texts from input made safe in this record and where their cells are: the id, echoed by every
    // section (as a string or a span of it), with a reason written between two of its echoes.
    private RecentCell _recent;
    private RecentCell _older;
    // The record's line as it is written: the cells in column order with the commas between them, each cell's place
    // kept, so that a line whose cells came in order (every command writes them so) is finished, not assembled.
    private char[] _text = new char[1024];
    private int _used;
    private bool _inOrder;
    private int _last;
    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create(",\"\r\n");
    private static readonly System.Buffers.SearchValues<char> QuoteOrBreak = System.Buffers.SearchValues.Create("\"\r\n");
    private char[] _line;
    private int _cursor;
    private bool _completed;

    public CsvResultWriter(TextWriter output, IReadOnlyList<string> columns, bool header = true)
        : this(output, null, columns, header)
    {
    }

    /// <summary>Rows without the header, as UTF-8 bytes handed to <paramref name="utf8"/>.</summary>
    public CsvResultWriter(IBufferWriter<byte> utf8, IReadOnlyList<string> columns)
        : this(null, utf8, columns, header: false)
    {
    }

    private CsvResultWriter(TextWriter? output, IBufferWriter<byte>? utf8, IReadOnlyList<string> columns, bool header)
    {
        _output = output;
        _utf8 = utf8;
        _names = [.. columns];
        _line = new char[1024];
        _columns = columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].IndexOf('.', StringComparison.Ordinal) is var dot and > 0)
            {
                var section = string.Intern(columns[i][..dot]);
                if (!_sections.TryGetValue(section, out var fields))
                {
                    _sections[section] = fields = new SectionColumns(_sectionOrder.Count);
                    _sectionOrder.Add((section, fields));
                }

                // Interned: the commands name their fields with literals, so the lookup in order is a reference comparison.
                fields.Add(string.Intern(columns[i][(dot + 1)..]), i);
            }
        }

        _starts = new int[columns.Count];
        _lengths = new int[columns.Count];
        _kept = new KeptCells[columns.Count];
        if (header)
        {
            // A line like any other, its cells the column names as they are.
            BeginRecord();
            for (var i = 0; i < _names.Length; i++)
            {
                _names[i].CopyTo(Reserve(i, _names[i].Length));
                Put(i, _names[i].Length);
            }

            EndRecord();
        }
    }

    public override ContactMasker? Masker
    {
        get => base.Masker;
        set
        {
            // The cells kept for text already written were masked by the masker before.
            base.Masker = value;
            Array.Clear(_kept);
            (_recent, _older) = (default, default);
        }
    }

    public override void BeginRecord()
    {
        Array.Clear(_lengths);
        _used = 0;
        (_inOrder, _last) = (true, -1);
        _cursor = 0;
        _nextSection = 0;
        _section = null;
        (_recent, _older) = (default, default);
    }

    // A section with no columns (a viewer who may not see it) is written nowhere. Sections come in the order of their
    // columns, named by literals: the next ones are tried by reference (IsName), the dictionary asked otherwise.
    public override void BeginSection(string name)
    {
        // A section skipped (a profile without its inputs) is passed over: the order goes on after the one found.
        var order = CollectionsMarshal.AsSpan(_sectionOrder);
        for (var next = _nextSection; next < order.Length; next++)
        {
            if (IsName(ref order[next].Name, name))
            {
                _section = order[next].Fields;
                _nextSection = next + 1;
                _sectionCursor = 0;
                return;
            }
        }

        // Written out of order (or not a section of these columns).
        if (_sections.TryGetValue(name, out var fields))
        {
            _section = fields;
            _nextSection = fields.Position + 1;
        }
        else
        {
            _section = SectionColumns.None;
        }

        _sectionCursor = 0;
    }

    public override void EndSection() => _section = null;

    public override void Text(string name, string? value)
    {
        // The slot is found for an empty value too: the next field is then found in order, not in a dictionary.
        if (Slot(name) is not (var slot and >= 0) || value is null)
        {
            return;
        }

        // Most text is the rule set's own (a grade, an owner role, a band): a few strings, the same instances, in the
        // same column record after record, in any order. A text seen twice in a column is kept with the cell it became
        // and copied, not made safe again; text from input (an id, a reason) is a new string every record, is never
        // seen twice and so never kept.
        ref var kept = ref _kept[slot];
        if (kept.Find(value) is { } cell)
        {
            CopyCell(cell, Reserve(slot, cell.Length));
            Put(slot, cell.Length);
            return;
        }

        // Text from input may be written more than once in a record (the id, echoed by every section): made safe once.
        if (TryCopyRecent(slot, value))
        {
            return;
        }

        SetText(slot, value);
        kept.Saw(value, _text.AsSpan(_starts[slot], _lengths[slot]));
        (_older, _recent) = (_recent, new RecentCell(value, _starts[slot], _lengths[slot]));
    }

    public override void Text(string name, ReadOnlySpan<char> value)
    {
        if (Slot(name) is var slot and >= 0 && !TryCopyRecent(slot, value))
        {
            SetText(slot, value);
        }
    }

    // A text made safe before in this record — the same characters of the same string, given as the string or as a
    // span of it — is its cell again, copied. (A record's cells are only ever appended: the first is still as it was made.)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryCopyRecent(int slot, ReadOnlySpan<char> value)
    {
        ref var first = ref MemoryMarshal.GetReference(value);
        var cell = _recent.Holds(ref first, value.Length) ? _recent : _older.Holds(ref first, value.Length) ? _older : default;
        if (cell.Text is null)
        {
            return false;
        }

        var copy = Reserve(slot, cell.Length);
        CopyCell(_text.AsSpan(cell.Start, cell.Length), copy);
        Put(slot, cell.Length);
        return true;
    }

    private readonly record struct RecentCell(string? Text, int Start, int Length)
    {
        public bool Holds(ref char first, int length)
            => Text is { } text && text.Length == length && Unsafe.AreSame(ref first, ref Unsafe.AsRef(in text.GetPinnableReference()));
    }

    public override void Formatted(string name, string? value)
    {
        if (Slot(name) is var slot and >= 0 && value is not null)
        {
            var span = Reserve(slot, value.Length);
            CopyCell(value, span);
            Put(slot, value.Length);
        }
    }

    public override void Date(string name, LocalDate? value)
    {
        if (Slot(name) is var slot and >= 0 && value is { } date)
        {
            IsoDate.TryFormat(date, Reserve(slot, DateCharacters), out var written);
            Put(slot, written);
        }
    }

    public override void Number(string name, decimal? value)
    {
        if (Slot(name) is var slot and >= 0 && value is { } v)
        {
            var span = Reserve(slot, 32);
            var written = FormatInto(v, span);
            Put(slot, written);
        }
    }

    public override void Integer(string name, long? value)
    {
        if (Slot(name) is var slot and >= 0 && value is { } v)
        {
            var span = Reserve(slot, 20);
            Put(slot, FormatInto(v, span));
        }
    }

    public override void Boolean(string name, bool value) => Text(name, value ? "true" : "false");

    // CSV has no lists: the items are joined with "; " (JSON keeps them as an array).
    public override void List(string name, IReadOnlyList<string> values)
    {
        // A list of one item is the cell its item makes (the one section missing, the one stage permitted): written as
        // that text, so that a rule set's name is the cell kept for it rather than made safe again; none, an empty cell.
        // The count asked once: a Native AOT build calls through the interface for each question to a shared list.
        var count = values is string[] array ? array.Length : values.Count;
        if (count <= 1)
        {
            Text(name, count == 0 ? "" : values[0]);
            return;
        }

        if (Slot(name) is not (var slot and >= 0))
        {
            return;
        }

        // Joined in a buffer the writer keeps, not a string per list: the cell is made safe as a whole, as before.
        SetText(slot, Join(values));
    }

    // The lists written are arrays and lists nearly always: their items are read as a span, not one interface call each.
    private ReadOnlySpan<char> Join(IReadOnlyList<string> values) => values switch
    {
        string[] array => Join(array.AsSpan()),
        List<string> list => Join(CollectionsMarshal.AsSpan(list)),
        _ => JoinAny(values),
    };

    private ReadOnlySpan<char> Join(ReadOnlySpan<string> values)
    {
        var length = 0;
        foreach (var value in values)
        {
            length += value.Length + 2;
        }

        EnsureJoin(length);
        var at = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                _join[at++] = ';';
                _join[at++] = ' ';
            }

            values[i].CopyTo(_join.AsSpan(at));
            at += values[i].Length;
        }

        return _join.AsSpan(0, at);
    }

    // Any other list: its items gathered in a buffer the writer keeps, then joined as the span.
    private ReadOnlySpan<char> JoinAny(IReadOnlyList<string> values)
    {
        if (_items.Length < values.Count)
        {
            _items = new string[Math.Max(values.Count, _items.Length * 2)];
        }

        for (var i = 0; i < values.Count; i++)
        {
            _items[i] = values[i];
        }

        var joined = Join(_items.AsSpan(0, values.Count));
        Array.Clear(_items, 0, values.Count);
        return joined;
    }

    // The cell List would make of the list's items ("; " between them, as Join puts it), made in place.
    public override void List(string name, in TextList list)
    {
        if (Slot(name) is not (var slot and >= 0))
        {
            return;
        }

        _joined.Clear();
        list.AppendJoined(_joined, "; ");
        SetJoined(slot);
    }

    private void EnsureJoin(int length)
    {
        if (length > _join.Length)
        {
            _join = new char[Math.Max(length, _join.Length * 2)];
        }
    }

    // Written where the command has a column for it (a section's field found as the section's, not by its bare name).
    public override void Details(string name, Action<Utf8JsonWriter> json, Func<string> text)
    {
        if (Slot(name) is var slot and >= 0)
        {
            SetText(slot, text());
        }
    }

    // The same cell, written as Text writes the part's string: a part whose text is kept (a band's deadlines) is the cell
    // it became before, not made safe again every record.
    public override void Details(string name, in DetailsPart details) => Text(name, details.Text(details.State));

    // The text appended to the builder as the cell: straight from the builder when it is one chunk (it is reused, and
    // a builder cleared keeps its capacity in one), through the join buffer otherwise.
    private void SetJoined(int slot)
    {
        foreach (var chunk in _joined.GetChunks())
        {
            if (chunk.Length == _joined.Length)
            {
                SetText(slot, chunk.Span);
                return;
            }

            break;
        }

        EnsureJoin(_joined.Length);
        _joined.CopyTo(0, _join, _joined.Length);
        SetText(slot, _join.AsSpan(0, _joined.Length));
    }

    public override void EndRecord()
    {
        if (_inOrder)
        {
            // The columns after the last cell written are empty: their commas end the line.
            var trailing = _names.Length - 1 - Math.Max(_last, 0);
            Grow(trailing + 1);
            _text.AsSpan(_used, trailing).Fill(',');
            _text[_used + trailing] = '\n';
            _used += trailing + 1;

            // Most lines have no cell to quote: when the line holds no quote or line break, and no comma but those between
            // its cells, it is the CSV line as it stands — two searches of the line instead of one per cell.
            var cells = _text.AsSpan(0, _used - 1);
            if (cells.IndexOfAny(QuoteOrBreak) < 0 && cells.Count(',') == _names.Length - 1)
            {
                Send(_text, _used);
                return;
            }
        }

        // Cells out of order, or one to quote: the line is assembled from the cells. Room for the worst case at once —
        // every character a quote to double, every cell quoted — so the cells are copied without a check per character.
        Ensure((_used * 2) + (_names.Length * 3) + 1);
        var assembled = _line.AsSpan();
        var at = 0;
        for (var i = 0; i < _names.Length; i++)
        {
            if (i > 0)
            {
                assembled[at++] = ',';
            }

            at += WriteCell(assembled[at..], _text.AsSpan(_starts[i], _lengths[i]));
        }

        assembled[at++] = '\n';
        Send(_line, at);
    }

    private void Send(char[] line, int length)
    {
        if (_utf8 is not null)
        {
            // Encoded as the command line's stdout encodes (UTF-8, a lone surrogate replaced — though no input yields one:
            // CSV is decoded from UTF-8 and JSON refuses one); a line ends with a whole character.
            var bytes = Encoding.UTF8.GetBytes(line.AsSpan(0, length), _utf8.GetSpan(Encoding.UTF8.GetMaxByteCount(length)));
            _utf8.Advance(bytes);
        }
        else
        {
            _output!.Write(line, 0, length);
        }
    }

    public override void Complete()
    {
        if (!_completed)
        {
            _completed = true;
            _output?.Flush();
        }
    }

    public override void Dispose()
    {
    }

    // RFC 4180: a cell with a comma, quote or line break is quoted, its quotes doubled; the line has room for that.
    // (Sep's writer, used at first, took 5 times as long as this for a million rows here; Sep still reads every CSV input.)
    private static int WriteCell(Span<char> line, ReadOnlySpan<char> cell)
    {
        if (cell.IndexOfAny(Special) < 0)
        {
            cell.CopyTo(line);
            return cell.Length;
        }

        var at = 0;
        line[at++] = '"';
        for (var quote = cell.IndexOf('"'); quote >= 0; quote = cell.IndexOf('"'))
        {
            // The text up to and with the quote, then the quote again.
            cell[..(quote + 1)].CopyTo(line[at..]);
            at += quote + 1;
            line[at++] = '"';
            cell = cell[(quote + 1)..];
        }

        cell.CopyTo(line[at..]);
        at += cell.Length;
        line[at++] = '"';
        return at;
    }

    private void Ensure(int length)
    {
        if (length > _line.Length)
        {
            Array.Resize(ref _line, Math.Max(_line.Length * 2, length));
        }
    }

    // Every text cell is made printable and, when it would start like a formula, prefixed with a quote (OWASP).
    private void SetText(int slot, ReadOnlySpan<char> value)
    {
        var masked = Masked(value);
        var text = SafeText.IsPrintable(masked) ? masked : SafeText.Printable(masked);
        var quote = SafeText.StartsLikeFormula(text) ? 1 : 0;
        var span = Reserve(slot, text.Length + quote);
        if (quote == 1)
        {
            span[0] = '\'';
        }

        CopyCell(text, span[quote..]);
        Put(slot, text.Length + quote);
    }

    // Commands write their fields in the same order every record: the next column is checked first (the names are
    // the same literals, so a reference comparison), the dictionary only when a field is skipped. This and the small
    // steps of every cell below are inlined by request: the JIT learns they are hot from its profile, a Native AOT build
    // has no profile and called each (a million-row assess 6 % slower, docs/performance.md).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(string name)
    {
        if (_section is { } section)
        {
            // As for the top level: a section's fields come in the order of its columns.
            if (_sectionCursor < section.Names.Length && IsName(ref section.Names[_sectionCursor], name))
            {
                return section.Slots[_sectionCursor++];
            }

            if (section.Index.TryGetValue(name, out var at))
            {
                _sectionCursor = at + 1;
                return section.Slots[at];
            }

            return -1;
        }

        if (_cursor < _names.Length && IsName(ref _names[_cursor], name))
        {
            return _cursor++;
        }

        if (_columns.TryGetValue(name, out var slot))
        {
            _cursor = slot + 1;
            return slot;
        }

        return -1;
    }

    // The name expected next, compared by reference first: the writer keeps the instance the command passed once it has
    // matched, so every later record matches without comparing characters. The JIT interns literals, so the column names
    // (interned too) are those instances from the start; a Native AOT build's literals are not the interned strings, and
    // without this every field was compared character by character and many found by a dictionary (docs/performance.md).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsName(ref string expected, string name)
    {
        if (ReferenceEquals(expected, name))
        {
            return true;
        }

        if (!string.Equals(expected, name, StringComparison.Ordinal))
        {
            return false;
        }

        expected = name;
        return true;
    }

    // Room for a cell after the text written. A cell for a later column than the last one goes after the commas that
    // separate them; a cell for an earlier column (or the same again) ends the order, and the line is then assembled
    // from the cells' places.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<char> Reserve(int slot, int length)
    {
        var separators = 0;
        if (_inOrder)
        {
            if (slot > _last)
            {
                // The commas between the last cell and this one: as many as the columns between them.
                separators = slot - Math.Max(_last, 0);
                _last = slot;
            }
            else
            {
                _inOrder = false;
            }
        }

        Grow(separators + length);
        if (separators == 1)
        {
            // The usual case, the next column: one comma, not a fill.
            _text[_used++] = ',';
        }
        else if (separators > 1)
        {
            _text.AsSpan(_used, separators).Fill(',');
            _used += separators;
        }

        _starts[slot] = _used;
        return _text.AsSpan(_used, length);
    }

    // A cell's characters into the room reserved for it (never overlapping: cells are only appended). Most cells are a
    // few characters — a grade, a role, an id, a fingerprint — copied in place by two loads and two stores that overlap,
    // not by a call to the general copy, which costs more than the copy itself at these lengths.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyCell(ReadOnlySpan<char> cell, Span<char> room)
    {
        var length = cell.Length;
        if ((uint)length > (uint)room.Length)
        {
            ThrowNoRoom();
        }

        ref var from = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(cell));
        ref var to = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(room));
        var last = (nint)(length * sizeof(char));
        if (length is >= 8 and <= 16)
        {
            var (head, tail) = (Unsafe.ReadUnaligned<Vector128<byte>>(ref from), Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.Add(ref from, last - 16)));
            Unsafe.WriteUnaligned(ref to, head);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref to, last - 16), tail);
        }
        else if (length is >= 4 and < 8)
        {
            var (head, tail) = (Unsafe.ReadUnaligned<ulong>(ref from), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref from, last - 8)));
            Unsafe.WriteUnaligned(ref to, head);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref to, last - 8), tail);
        }
        else if (length < 4)
        {
            for (var i = 0; i < length; i++)
            {
                room[i] = cell[i];
            }
        }
        else
        {
            cell.CopyTo(room);
        }
    }

    private static void ThrowNoRoom() => throw new ArgumentException("The cell is longer than the room reserved for it.");

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Grow(int more)
    {
        if (_used + more > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(_text.Length * 2, _used + more));
        }
    }

    // The cell reserved for the slot holds this many characters.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Put(int slot, int length)
    {
        _lengths[slot] = length;
        _used += length;
    }

    /// <summary>
    /// A column's texts seen twice and the cells they became (found by reference), and the last texts seen once: the
    /// newest replaces the oldest, so a column whose texts are all new strings keeps nothing. Four places of each, as
    /// fields compared one after another: every cell of every record looks here, and a Native AOT build indexed an
    /// inline array through a helper call.
    /// </summary>
    private struct KeptCells
    {
        private string? _text0, _text1, _text2, _text3;
        private string? _cell0, _cell1, _cell2, _cell3;
        private string? _seen0, _seen1, _seen2, _seen3;
        private int _nextKept;
        private int _nextSeen;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly string? Find(string text)
            => ReferenceEquals(_text0, text) ? _cell0
                : ReferenceEquals(_text1, text) ? _cell1
                : ReferenceEquals(_text2, text) ? _cell2
                : ReferenceEquals(_text3, text) ? _cell3
                : null;

        public void Saw(string text, ReadOnlySpan<char> cell)
        {
            if (ReferenceEquals(_seen0, text))
            {
                _seen0 = null;
            }
            else if (ReferenceEquals(_seen1, text))
            {
                _seen1 = null;
            }
            else if (ReferenceEquals(_seen2, text))
            {
                _seen2 = null;
            }
            else if (ReferenceEquals(_seen3, text))
            {
                _seen3 = null;
            }
            else
            {
                // Seen once: it takes the oldest place among the texts seen once.
                switch (_nextSeen)
                {
                    case 0: _seen0 = text; break;
                    case 1: _seen1 = text; break;
                    case 2: _seen2 = text; break;
                    default: _seen3 = text; break;
                }

                _nextSeen = (_nextSeen + 1) % 4;
                return;
            }

            // Seen twice: kept with its cell, in the oldest kept place.
            var made = cell.ToString();
            switch (_nextKept)
            {
                case 0: (_text0, _cell0) = (text, made); break;
                case 1: (_text1, _cell1) = (text, made); break;
                case 2: (_text2, _cell2) = (text, made); break;
                default: (_text3, _cell3) = (text, made); break;
            }

            _nextKept = (_nextKept + 1) % 4;
        }
    }

    /// <summary>A section's place among the sections, its columns: the field names in column order, their slots, and where each name is.</summary>
    private sealed class SectionColumns(int position)
    {
        public static readonly SectionColumns None = new(-1);

        /// <summary>Where the section is in the order of the columns.</summary>
        public int Position { get; } = position;

        // Arrays, not lists: every field of every record is looked up here (one bounds check, no list in between).
        public string[] Names { get; private set; } = [];

        public int[] Slots { get; private set; } = [];

        public Dictionary<string, int> Index { get; } = new(StringComparer.Ordinal);

        public void Add(string field, int slot)
        {
            Index[field] = Names.Length;
            Names = [.. Names, field];
            Slots = [.. Slots, slot];
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
    private string? _section;

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
        _section = null;
    }

    public override void BeginSection(string name) => _section = name;

    public override void EndSection() => _section = null;

    public override void Text(string name, string? value)
    {
        if (name == "id" && _section is null)
        {
            _currentId = SafeText.Printable(value ?? "");
        }

        Set(name, value ?? "-");
    }

    public override void Number(string name, decimal? value) => Set(name, value is { } v ? Format(v) : "-");

    public override void Integer(string name, long? value) => Set(name, value?.ToString(CultureInfo.InvariantCulture) ?? "-");

    public override void Boolean(string name, bool value) => Set(name, value ? "yes" : "no");

    public override void List(string name, IReadOnlyList<string> values) => Set(name, values.Count == 0 ? "-" : string.Join(", ", values));

    public override void Details(string name, Action<Utf8JsonWriter> json, Func<string> text)
    {
        // An empty detail (no deadlines, no evidence) is no line under the table.
        if (text() is { Length: > 0 } detail)
        {
            _details.Add((Masked(_currentId), name, SafeText.Printable(Masked(detail))));
        }
    }

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
            if (IsColumn(_columns[i].Field, name))
            {
                _current[i] = SafeText.Printable(Masked(text));
                return;
            }
        }
    }

    // In a section, the column "grade.total" is the field "total".
    private bool IsColumn(string column, string name) => _section is null
        ? column == name
        : column.Length == _section.Length + 1 + name.Length && column.StartsWith(_section, StringComparison.Ordinal)
            && column[_section.Length] == '.' && column.EndsWith(name, StringComparison.Ordinal);

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

/// <summary>
/// A list of texts a command can hand a writer two ways: as its items' strings, or appended to a builder joined by a
/// separator, with no string per item — what CSV's one cell needs. The two must agree: the appended text is the items
/// joined (tests hold each use to it).
/// </summary>
/// <param name="state">What the list is made from (a section, the touches of a plan).</param>
/// <param name="items">The items' strings, from <paramref name="state"/>.</param>
/// <param name="appendJoined">Appends the items to the builder, joined by the separator, from <paramref name="state"/>.</param>
internal readonly struct TextList(object state, Func<object, IReadOnlyList<string>> items, Action<StringBuilder, object, string> appendJoined)
{
    /// <summary>A list of strings already made, as a <see cref="TextList"/>.</summary>
    /// <param name="items">The strings.</param>
    /// <returns>The list.</returns>
    public static TextList Of(IReadOnlyList<string> items) => new(items, static i => (IReadOnlyList<string>)i, static (text, i, separator) =>
    {
        var strings = (IReadOnlyList<string>)i;
        for (var k = 0; k < strings.Count; k++)
        {
            (k == 0 ? text : text.Append(separator)).Append(strings[k]);
        }
    });

    /// <summary>The items' strings.</summary>
    public IReadOnlyList<string> Items => items(state);

    /// <summary>Appends the items to <paramref name="text"/>, joined by <paramref name="separator"/>.</summary>
    public void AppendJoined(StringBuilder text, string separator) => appendJoined(text, state, separator);
}

/// <summary>
/// A nested part a command can hand a writer without a closure or a string: what it is made from, how JSON writes it,
/// and how its text (the table's line, CSV's cell) is appended to a builder.
/// </summary>
/// <param name="state">What the part is made from (a section).</param>
/// <param name="json">Writes the part as JSON, from <paramref name="state"/>.</param>
/// <param name="text">The part's text (the table's line, CSV's cell), from <paramref name="state"/>: the same string each time, where the part keeps it.</param>
internal readonly struct DetailsPart(object state, Action<Utf8JsonWriter, object> json, Func<object, string> text)
{
    /// <summary>What the part is made from.</summary>
    public object State => state;

    /// <summary>Writes the part as JSON.</summary>
    public Action<Utf8JsonWriter, object> Json => json;

    /// <summary>The part's text.</summary>
    public Func<object, string> Text => text;
}
