using System.Globalization;

namespace Crm.Rules.CommandLine.Output;

/// <summary>
/// One result of a command as fields and their values in the command's own JSON names, held in one reusable buffer
/// so that capturing a million results makes no string per field: numbers are written canonically (0.300 as 0.3),
/// so equal numbers have equal text; a list is its items joined by <c>"; "</c>.
/// </summary>
internal sealed class CapturedRecord
{
    private readonly List<Field> _fields = [];
    private char[] _chars = new char[256];
    private int _used;

    /// <summary>The input record (1-based) the result answers, or 0 when the command wrote it after reading (an aggregate).</summary>
    public long Ordinal { get; set; }

    public int Count => _fields.Count;

    public string NameAt(int index) => _fields[index].Name;

    public FieldKind KindAt(int index) => _fields[index].Kind;

    public bool IsNullAt(int index) => _fields[index].IsNull;

    public ReadOnlySpan<char> ValueAt(int index) => _chars.AsSpan(_fields[index].Start, _fields[index].Length);

    public string? TextAt(int index) => IsNullAt(index) ? null : ValueAt(index).ToString();

    /// <summary>The index of a field, or -1.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < _fields.Count; i++)
        {
            if (string.Equals(_fields[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The record's id, as written (masked unless revealed).</summary>
    public ReadOnlySpan<char> Id => IndexOf("id") is var i and >= 0 ? ValueAt(i) : [];

    public void Clear()
    {
        _fields.Clear();
        _used = 0;
        Ordinal = 0;
    }

    public void Add(string name, ReadOnlySpan<char> value, FieldKind kind)
    {
        Reserve(value.Length);
        value.CopyTo(_chars.AsSpan(_used));
        _fields.Add(new Field(name, _used, value.Length, kind, IsNull: false));
        _used += value.Length;
    }

    public void AddNull(string name, FieldKind kind) => _fields.Add(new Field(name, _used, 0, kind, IsNull: true));

    public void AddNumber(string name, decimal value)
    {
        Reserve(32);
        var written = ResultWriter.FormatInto(value, _chars.AsSpan(_used));
        _fields.Add(new Field(name, _used, written, FieldKind.Number, IsNull: false));
        _used += written;
    }

    public void AddInteger(string name, long value)
    {
        Reserve(24);
        value.TryFormat(_chars.AsSpan(_used), out var written, default, CultureInfo.InvariantCulture);
        _fields.Add(new Field(name, _used, written, FieldKind.Number, IsNull: false));
        _used += written;
    }

    /// <summary>Makes this record a copy of <paramref name="other"/>, reusing this one's buffer.</summary>
    public void CopyFrom(CapturedRecord other)
    {
        _fields.Clear();
        _fields.AddRange(other._fields);
        _used = 0;
        Reserve(other._used);
        other._chars.AsSpan(0, other._used).CopyTo(_chars);
        _used = other._used;
        Ordinal = other.Ordinal;
    }

    public CapturedRecord Copy()
    {
        var copy = new CapturedRecord();
        copy.CopyFrom(this);
        return copy;
    }

    private void Reserve(int length)
    {
        if (_used + length > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _used + length));
        }
    }

    /// <summary>How a field was written, which decides how an expectation compares with it.</summary>
    public enum FieldKind
    {
        /// <summary>Text from input or rules (a grade, an id, a reason).</summary>
        Text,

        /// <summary>Text the rules formatted: an instant, a date, a duration.</summary>
        Formatted,

        /// <summary>A number, canonical.</summary>
        Number,

        /// <summary><c>true</c> or <c>false</c>.</summary>
        Boolean,

        /// <summary>Items joined by <c>"; "</c>.</summary>
        List,

        /// <summary>An explanation, as the table prints it; never compared by a diff.</summary>
        Details,
    }

    private readonly record struct Field(string Name, int Start, int Length, FieldKind Kind, bool IsNull);
}

/// <summary>A writer that hands each result to a callback as a <see cref="CapturedRecord"/> (reused: copy what you keep).</summary>
internal sealed class CaptureResultWriter(Action<CapturedRecord> deliver, RecordCursor cursor, bool details) : ResultWriter
{
    private readonly CapturedRecord _record = new();
    private string? _section;

    public override void BeginRecord()
    {
        _record.Clear();
        _record.Ordinal = cursor.Current;
        _section = null;
    }

    // A section's fields are captured under their CSV names ("grade.total"), as a decision table names them.
    public override void BeginSection(string name) => _section = name + ".";

    public override void EndSection() => _section = null;

    private string Named(string name) => _section is null ? name : _section + name;

    public override void Text(string name, string? value)
    {
        if (value is null)
        {
            _record.AddNull(Named(name), CapturedRecord.FieldKind.Text);
        }
        else
        {
            _record.Add(Named(name), Masked(value), CapturedRecord.FieldKind.Text);
        }
    }

    public override void Text(string name, ReadOnlySpan<char> value) => _record.Add(Named(name), Masked(value), CapturedRecord.FieldKind.Text);

    public override void Formatted(string name, string? value)
    {
        if (value is null)
        {
            _record.AddNull(Named(name), CapturedRecord.FieldKind.Formatted);
        }
        else
        {
            _record.Add(Named(name), value, CapturedRecord.FieldKind.Formatted);
        }
    }

    public override void Number(string name, decimal? value)
    {
        if (value is { } v)
        {
            _record.AddNumber(Named(name), v);
        }
        else
        {
            _record.AddNull(Named(name), CapturedRecord.FieldKind.Number);
        }
    }

    public override void Integer(string name, long? value)
    {
        if (value is { } v)
        {
            _record.AddInteger(Named(name), v);
        }
        else
        {
            _record.AddNull(Named(name), CapturedRecord.FieldKind.Number);
        }
    }

    public override void Boolean(string name, bool value) => _record.Add(Named(name), value ? "true" : "false", CapturedRecord.FieldKind.Boolean);

    public override void List(string name, IReadOnlyList<string> values) => _record.Add(Named(name), Masked(string.Join("; ", values)), CapturedRecord.FieldKind.List);

    public override void Details(string name, Action<System.Text.Json.Utf8JsonWriter> json, Func<string> text)
    {
        if (details)
        {
            _record.Add(Named(name), Crm.Rules.Data.SafeText.Printable(Masked(text())), CapturedRecord.FieldKind.Details);
        }
    }

    public override void EndRecord() => deliver(_record);

    public override void Complete()
    {
    }

    public override void Dispose()
    {
    }
}
