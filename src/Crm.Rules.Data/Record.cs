using System.Runtime.CompilerServices;
using NodaTime;

namespace Crm.Rules.Data;

/// <summary>
/// One record as a source read it: where it is, its id, and each schema field's kind and text — plus every problem
/// found reading it. A source reuses one instance for every record, so a record is valid only until the source moves
/// on; copy out what must outlive it. The typed readers (<see cref="Number"/>, <see cref="Date"/> …) apply one rule
/// to every format: an absent field, an empty cell and JSON <c>null</c> are "no value" (<see langword="null"/>); a
/// blank value, text that does not parse, a JSON value of the wrong kind or a value out of range is an error recorded
/// on the record with its field and a sentence, and the reader returns <see langword="null"/>. So a command reads all
/// its fields, then checks <see cref="IsValid"/> once and gets every problem of the record together.
/// </summary>
/// <threadsafety>Not thread-safe: a record belongs to the source reading it.</threadsafety>
public sealed class Record
{
    // Each field's kind and where its text is, side by side: a field is set and read with one bounds check, not three
    // (every cell of every row passes here).
    private readonly Field[] _fields;
    // Problems are kept without the id, which may come later in a JSON object than the problem; the id is put in
    // when they are read.
    private readonly List<(string? Field, string Sentence)> _errors = [];
    private char[] _text = new char[256];
    private int _used;

    internal Record(RecordSchema schema, bool typed)
    {
        Schema = schema;
        IsTyped = typed;
        _fields = new Field[schema.Fields.Count];
    }

    /// <summary>The fields the record was read for.</summary>
    public RecordSchema Schema { get; }

    /// <summary>Whether values carry their own JSON kinds (JSON, JSON Lines); CSV values are all text.</summary>
    public bool IsTyped { get; }

    /// <summary>Where the record is.</summary>
    public RecordLocation Location { get; private set; }

    /// <summary>The record's id (printable), or <see langword="null"/> when it has none or it could not be read.</summary>
    public string? Id => _hasId ? _id ??= SafeText.Printable(RawText(0)) : null;

    /// <summary>The record's id as a span (printable), empty when it has none; no string is made for it.</summary>
    public ReadOnlySpan<char> IdText => !_hasId ? [] : _id is not null ? _id : RawText(0);

    private bool _hasId;
    private string? _id;

    /// <summary>Whether no problem has been found in the record so far.</summary>
    public bool IsValid => _errors.Count == 0;

    /// <summary>Whether every problem found so far is about <paramref name="field"/> (and there is one), without building the error list.</summary>
    /// <param name="field">A field name.</param>
    /// <returns><see langword="true"/> when the record has problems and all of them name that field.</returns>
    public bool HasErrorsOnlyIn(string field)
    {
        if (_errors.Count == 0)
        {
            return false;
        }

        foreach (var (f, _) in _errors)
        {
            if (!string.Equals(f, field, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Every problem found in the record so far, in the order found.</summary>
    public IReadOnlyList<RecordError> Errors => _errors.Select(e => new RecordError(Location, Id, e.Field, e.Sentence)).ToArray();

    /// <summary>What the record holds in a slot.</summary>
    /// <param name="slot">A slot of <see cref="Schema"/>.</param>
    /// <returns>The kind.</returns>
    public FieldKind KindOf(int slot) => _fields[slot].Kind;

    /// <summary>Whether the field in a slot has a value (it is not absent, empty or <c>null</c>).</summary>
    /// <param name="slot">A slot of <see cref="Schema"/>.</param>
    /// <returns><see langword="true"/> when there is a value (which may still be wrong).</returns>
    public bool HasValue(int slot) => _fields[slot].Kind is not (FieldKind.Absent or FieldKind.Null or FieldKind.Empty);

    /// <summary>The raw text of a slot: a CSV cell (trimmed), a JSON string (unescaped), a number's or structure's JSON text.</summary>
    /// <param name="slot">A slot of <see cref="Schema"/>.</param>
    /// <returns>The text; empty when there is none. Valid until the source moves on.</returns>
    public ReadOnlySpan<char> RawText(int slot)
    {
        ref readonly var field = ref _fields[slot];
        return _text.AsSpan(field.Start, field.Length);
    }

    /// <summary>
    /// Records a problem with the record (found while reading or evaluating it). A sentence about a personal field
    /// that quotes the field's value as <see cref="FieldText.Excerpt"/> does gets "the value (not shown: personal
    /// data)" in its place, whoever wrote it: a command, or the rules through an exception.
    /// </summary>
    /// <param name="field">The field concerned, or <see langword="null"/> for the whole record.</param>
    /// <param name="sentence">What is wrong.</param>
    public void AddError(string? field, string sentence) => _errors.Add((field, field is null ? sentence : Hidden(Schema.IndexOf(field), sentence)));

    /// <summary>Reads text (a CSV cell or JSON string).</summary>
    /// <param name="slot">A slot of <see cref="Schema"/>.</param>
    /// <returns>The printable text (control characters removed), or <see langword="null"/> for no value or an error.</returns>
    public string? Text(int slot) => Check(slot, FieldKind.Text, "a string") ? SafeText.Printable(RawText(slot)) : null;

    /// <summary>
    /// The field's text as it is in the record, without making a string: for a key looked up per record (an invoice id
    /// in a set). Unlike <see cref="Text"/>, control characters are not removed; echo it through <see cref="SafeText"/>.
    /// </summary>
    /// <param name="slot">A slot of <see cref="Schema"/>.</param>
    /// <param name="text">The raw text, or empty for no value or an error.</param>
    /// <returns><see langword="true"/> when the field holds text (a JSON string, or any CSV cell with a value).</returns>
    public bool TryGetText(int slot, out ReadOnlySpan<char> text)
    {
        var ok = Check(slot, FieldKind.Text, "a string");
        text = ok ? RawText(slot) : [];
        return ok;
    }

    /// <summary>Reads a decimal number, optionally within a range.</summary>
    /// <param name="slot">A slot of <see cref="Schema"/>.</param>
    /// <param name="minimum">The smallest value accepted, if any.</param>
    /// <param name="maximum">The largest value accepted, if any.</param>
    /// <returns>The number, or <see langword="null"/> for no value or an error.</returns>
    public decimal? Number(int slot, decimal? minimum = null, decimal? maximum = null)
    {
        if (!Check(slot, FieldKind.Number, "a number"))
        {
            return null;
        }

        var text = RawText(slot);
        decimal value;
        string problem;
        bool ok;
        if (IsTyped)
        {
            // A JSON number is unambiguous (JSON allows an exponent); only its size can fail.
            ok = decimal.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out value);
            problem = ok ? "" : $"{Shown(slot)} is too large a number";
        }
        else
        {
            ok = FieldText.TryParseDecimal(text, out value, out problem);
        }

        if (!ok)
        {
            return Error(slot, problem);
        }

        // Each bound compared only when given: the lifted comparison was compiled to compare with the absent bound too.
        if ((minimum is { } least && value < least) || (maximum is { } most && value > most))
        {
            return Error(slot, $"{Shown(slot)} is out of range: give a number from {Range(minimum, maximum)}");
        }

        return value;
    }

    /// <summary>Reads a whole number within a range.</summary>
    /// <param name="slot">A slot of <see cref="Schema"/>.</param>
    /// <param name="minimum">The smallest value accepted.</param>
    /// <param name="maximum">The largest value accepted.</param>
    /// <returns>The number, or <see langword="null"/> for no value or an error.</returns>
    public int? WholeNumber(int slot, int minimum = int.MinValue, int maximum = int.MaxValue)
    {
        if (!Check(slot, FieldKind.Number, "a whole number"))
        {
            return null;
        }

        return FieldText.TryParseInt32(RawText(slot), minimum, maximum, out var value, out var problem)
            ? value
            : ErrorOf<int>(slot, problem);
    }

    /// <summary>Reads <c>true</c> or <c>false</c>.</summary>
    /// <param name="slot">A slot of <see cref="Schema"/>.</param>
    /// <returns>The value, or <see langword="null"/> for no value or an error.</returns>
    public bool? Boolean(int slot)
    {
        if (!Check(slot, FieldKind.Boolean, "true or false"))
        {
            return null;
        }

        return FieldText.TryParseBoolean(RawText(slot), out var value, out var problem) ? value : ErrorOf<bool>(slot, problem);
    }

    /// <summary>Reads an ISO date (<c>2026-11-24</c>).</summary>
    /// <param name="slot">A slot of <see cref="Schema"/>.</param>
    /// <returns>The date, or <see langword="null"/> for no value or an error.</returns>
    public LocalDate? Date(int slot)
    {
        if (!Check(slot, FieldKind.Text, "a date string such as \"2026-11-24\""))
        {
            return null;
        }

        return FieldText.TryParseDate(RawText(slot), out var value, out var problem) ? value : ErrorOf<LocalDate>(slot, problem);
    }

    /// <summary>Reads an ISO instant with an offset.</summary>
    /// <param name="slot">A slot of <see cref="Schema"/>.</param>
    /// <returns>The instant with its offset, or <see langword="null"/> for no value or an error.</returns>
    public OffsetDateTime? Instant(int slot)
    {
        if (!Check(slot, FieldKind.Text, "an instant string such as \"2026-03-06T17:30:00+08:00\""))
        {
            return null;
        }

        return FieldText.TryParseInstant(RawText(slot), out var value, out var problem) ? value : ErrorOf<OffsetDateTime>(slot, problem);
    }

    /// <summary>Reads an ISO-8601 duration (<c>PT48H</c>).</summary>
    /// <param name="slot">A slot of <see cref="Schema"/>.</param>
    /// <returns>The duration, or <see langword="null"/> for no value or an error.</returns>
    public Duration? Duration(int slot)
    {
        if (!Check(slot, FieldKind.Text, "a duration string such as \"PT48H\""))
        {
            return null;
        }

        return FieldText.TryParseDuration(RawText(slot), out var value, out var problem) ? value : ErrorOf<Duration>(slot, problem);
    }

    /// <summary>
    /// Copies this record — location, id, every field's kind and text, and its problems — into <paramref name="target"/>,
    /// a record of the same schema, reusing the target's buffers. A source reuses one record for every record it reads;
    /// a copy outlives the source's next move, so records can be handed to other threads in batches.
    /// </summary>
    /// <param name="target">A record made by <see cref="Copy"/> from a record of the same schema.</param>
    /// <exception cref="ArgumentNullException"><paramref name="target"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="target"/> was read for another schema or another kind of source.</exception>
    /// <threadsafety>Reads this record and writes <paramref name="target"/>; neither may be used by another thread meanwhile.</threadsafety>
    public void CopyTo(Record target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!ReferenceEquals(target.Schema, Schema) || target.IsTyped != IsTyped)
        {
            throw new ArgumentException("the copy must be of a record with the same schema and kind of source", nameof(target));
        }

        target.Location = Location;
        target._hasId = _hasId;
        target._id = _id;
        target._errors.Clear();
        target._errors.AddRange(_errors);
        _fields.CopyTo(target._fields, 0);
        if (target._text.Length < _used)
        {
            target._text = new char[Math.Max(_used, _text.Length)];
        }

        _text.AsSpan(0, _used).CopyTo(target._text);
        target._used = _used;
    }

    /// <summary>A copy of this record that outlives the source's next move (see <see cref="CopyTo"/>).</summary>
    /// <returns>A new record with the same schema, location, fields and problems.</returns>
    /// <threadsafety>Reads this record, which may not be used by another thread meanwhile.</threadsafety>
    public Record Copy()
    {
        var copy = new Record(Schema, IsTyped);
        CopyTo(copy);
        return copy;
    }

    // ---- for sources ----

    internal void Begin(RecordLocation location)
    {
        Location = location;
        _hasId = false;
        _id = null;
        _errors.Clear();
        Array.Clear(_fields);
        _used = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Set(int slot, FieldKind kind, ReadOnlySpan<char> text)
    {
        _fields[slot] = new Field(kind, _used, text.Length);
        Reserve(text.Length);
        text.CopyTo(_text.AsSpan(_used));
        _used += text.Length;
    }

    // The whole line's room first, then each field found within it (SetWithin), then the line's text itself (Fill): one
    // copy per record instead of one per field.
    internal void ReserveLine(int length)
    {
        Reserve(length);
        _used += length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void SetWithin(int slot, FieldKind kind, int start, int length)
    {
        _fields[slot] = new Field(kind, start, length);
    }

    internal void FillLine(ReadOnlySpan<char> line) => line.CopyTo(_text);

    internal Span<char> SetSpan(int slot, FieldKind kind, int length)
    {
        Reserve(length);
        _fields[slot] = new Field(kind, _used, length);
        var span = _text.AsSpan(_used, length);
        _used += length;
        return span;
    }

    internal void Trim(int slot, int length) => _fields[slot].Length = length;

    internal void AddRecordError(string? field, string sentence) => AddError(field, sentence);

    /// <summary>Reads the id (slot 0): it must be text with something in it.</summary>
    internal void ReadId()
    {
        var kind = _fields[0].Kind;
        if (kind is FieldKind.Text)
        {
            _hasId = true;
            if (SafeText.IsPrintable(RawText(0)) || (_id = SafeText.Printable(RawText(0))).Length > 0)
            {
                return;
            }

            _hasId = false;
            _id = null;
        }

        AddError(RecordSchema.IdField, kind switch
        {
            FieldKind.Absent or FieldKind.Null or FieldKind.Empty or FieldKind.Blank => "every record needs an id",
            FieldKind.Number => "the id is a JSON number; give it as a string",
            FieldKind.Boolean => "the id is a JSON boolean; give it as a string",
            FieldKind.Structure => "the id is a JSON object or array; give it as a string",
            _ => "the id has no printable characters",
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Reserve(int length)
    {
        if (_used + length > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(_text.Length * 2, _used + length));
        }
    }

    // Whether a value of the wanted kind is there to parse; records the error when the value is blank or of another
    // JSON kind. CSV text may hold any kind (it is parsed); JSON must give the kind itself.
    // Inlined by request, the usual case first (a value of the wanted kind, or CSV text): every field read passes here,
    // and a Native AOT build, without the JIT's profile, called it for each.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Check(int slot, FieldKind wanted, string expected)
    {
        var kind = _fields[slot].Kind;
        if (kind == wanted || (kind == FieldKind.Text && !IsTyped))
        {
            return true;
        }

        return CheckOther(slot, kind, expected);
    }

    private bool CheckOther(int slot, FieldKind kind, string expected)
    {
        switch (kind)
        {
            case FieldKind.Absent or FieldKind.Null or FieldKind.Empty:
                return false;
            case FieldKind.Blank:
                Error(slot, "holds only spaces; leave it empty for no value");
                return false;
        }

        if (!IsTyped)
        {
            return true;
        }

        Error(slot, $"is {Describe(kind)}; give {expected}");
        return false;
    }

    private static string Describe(FieldKind kind) => kind switch
    {
        FieldKind.Text => "a JSON string",
        FieldKind.Number => "a JSON number",
        FieldKind.Boolean => "a JSON boolean",
        _ => "a JSON object or array",
    };

    private const string NotShown = "the value (not shown: personal data)";

    // A message shows a value only when the field is not personal.
    private string Shown(int slot) => Schema.IsPersonal(slot) ? NotShown : FieldText.Excerpt(RawText(slot));

    // Commands quote a value as they read it (printable) and the readers quote the raw text: both forms are hidden.
    private string Hidden(int slot, string sentence)
    {
        if (slot < 0 || !Schema.IsPersonal(slot) || _fields[slot].Length == 0)
        {
            return sentence;
        }

        var raw = RawText(slot);
        return sentence.Replace(FieldText.Excerpt(raw), NotShown, StringComparison.Ordinal)
            .Replace(FieldText.Excerpt(SafeText.Printable(raw)), NotShown, StringComparison.Ordinal);
    }

    private static string Range(decimal? minimum, decimal? maximum) => (minimum, maximum) switch
    {
        ({ } lo, { } hi) => $"{lo} to {hi}",
        ({ } lo, null) => $"{lo} up",
        (null, { } hi) => $"up to {hi}",
        _ => "any",
    };

    private decimal? Error(int slot, string sentence)
    {
        AddError(Schema.Fields[slot], sentence);
        return null;
    }

    private T? ErrorOf<T>(int slot, string sentence)
        where T : struct
    {
        AddError(Schema.Fields[slot], sentence);
        return null;
    }

    private struct Field(FieldKind kind, int start, int length)
    {
        public FieldKind Kind = kind;
        public int Start = start;
        public int Length = length;
    }
}
