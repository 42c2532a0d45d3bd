namespace Crm.Rules.Data;

/// <summary>
/// The fields a command reads from each record, in slot order: slot 0 is always <c>id</c>. Sources map a CSV header
/// or each JSON object's keys onto these slots once, so reading a field is an array lookup. Fields marked personal
/// (contact details, the configuration's <c>dataQuality.personalFields</c>) are never echoed in error messages.
/// </summary>
/// <threadsafety>Immutable after construction; safe to share between threads and sources.</threadsafety>
public sealed class RecordSchema
{
    /// <summary>The name of the field every record must have.</summary>
    public const string IdField = "id";

    private readonly Dictionary<string, int> _slots;
    private readonly bool[] _personal;

    /// <summary>Creates a schema of <c>id</c> followed by <paramref name="fields"/>.</summary>
    /// <param name="fields">The fields after <c>id</c>, in slot order (exact, case-sensitive names).</param>
    /// <param name="personal">Those of the fields that hold personal data (never echoed in messages).</param>
    /// <exception cref="ArgumentException">A field is named twice, is <c>id</c>, or is blank; or a personal field is not a field.</exception>
    public RecordSchema(IEnumerable<string> fields, IEnumerable<string>? personal = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var names = new List<string> { IdField };
        foreach (var field in fields)
        {
            if (string.IsNullOrWhiteSpace(field) || names.Contains(field, StringComparer.Ordinal))
            {
                throw new ArgumentException($"the field '{field}' is blank, is 'id' or appears twice", nameof(fields));
            }

            names.Add(field);
        }

        Fields = names;
        _slots = names.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i, StringComparer.Ordinal);
        _personal = new bool[names.Count];
        foreach (var field in personal ?? [])
        {
            _personal[_slots.TryGetValue(field, out var slot) ? slot : throw new ArgumentException($"the personal field '{field}' is not a field", nameof(personal))] = true;
        }

        _lookup = _slots.GetAlternateLookup<ReadOnlySpan<char>>();
        _columnLookup = _lookup;
        _columns = names;
    }

    private RecordSchema(RecordSchema fields, IReadOnlyList<string> columns, IReadOnlySet<string> ignored)
    {
        Fields = fields.Fields;
        _slots = fields._slots;
        _personal = fields._personal;
        _lookup = fields._lookup;
        _columns = columns;
        _columnSlots = columns.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i, StringComparer.Ordinal);
        _columnLookup = _columnSlots.GetAlternateLookup<ReadOnlySpan<char>>();
        _ignored = ignored;
        _ignoredLookup = ignored.Count == 0 ? null : ignored.ToHashSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly Dictionary<string, int>? _columnSlots;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _columnLookup;
    private readonly IReadOnlyList<string> _columns;
    private readonly IReadOnlySet<string> _ignored = new HashSet<string>();
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>>? _ignoredLookup;

    /// <summary>What <see cref="ColumnSlot"/> answers for an input column named in <see cref="WithColumns"/>'s ignore list.</summary>
    public const int IgnoredColumn = -2;

    /// <summary>Whether the input's columns are named otherwise than the fields (see <see cref="WithColumns"/>).</summary>
    public bool HasColumnNames => _columnSlots is not null;

    /// <summary>The input columns named as ignored (see <see cref="WithColumns"/>), ordered (ordinal).</summary>
    public IReadOnlyList<string> IgnoredColumns => [.. _ignored.Order(StringComparer.Ordinal)];

    /// <summary>
    /// The same fields read from an input whose columns (CSV header, JSON keys) are named otherwise — a transaction log
    /// exported by another system, e.g. <c>id</c> from <c>CustomerID</c> — and whose other columns are read by no rule.
    /// Nothing is left out silently: every input column must be a field's column or be named in <paramref name="ignored"/>.
    /// </summary>
    /// <param name="columns">The input's name for each field that has another name (field → column); other fields keep their own name.</param>
    /// <param name="ignored">Input columns that are not read.</param>
    /// <returns>The schema with those column names.</returns>
    /// <exception cref="ArgumentException">A key is not a field, a column is blank or given to two fields or also ignored.</exception>
    public RecordSchema WithColumns(IReadOnlyDictionary<string, string> columns, IEnumerable<string>? ignored = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var names = Fields.ToArray();
        foreach (var (field, column) in columns)
        {
            var slot = IndexOf(field);
            if (slot < 0)
            {
                throw new ArgumentException($"'{field}' is not a field (the fields are {this})", nameof(columns));
            }

            if (string.IsNullOrWhiteSpace(column))
            {
                throw new ArgumentException($"the column of '{field}' is blank", nameof(columns));
            }

            names[slot] = column;
        }

        var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"the column '{duplicate.Key}' would be read for two fields", nameof(columns));
        }

        var skip = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in ignored ?? [])
        {
            if (string.IsNullOrWhiteSpace(column) || names.Contains(column, StringComparer.Ordinal))
            {
                throw new ArgumentException($"the column '{column}' is blank or is the column of a field, so it cannot be ignored", nameof(ignored));
            }

            skip.Add(column);
        }

        return new RecordSchema(this, names, skip);
    }

    /// <summary>
    /// The same schema, column names and ignored columns, with <paramref name="columns"/> ignored as well: the columns a
    /// decision table adds to a command's input (<c>case</c>, <c>asOf</c>, <c>expect.grade</c>) and no rule reads.
    /// </summary>
    /// <param name="columns">Input columns that are not read; those that are a field's column are refused.</param>
    /// <returns>The schema that also ignores them, or this one when there are none.</returns>
    /// <exception cref="ArgumentException">A column is blank or is the column of a field.</exception>
    public RecordSchema AlsoIgnoring(IEnumerable<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var skip = new HashSet<string>(_ignored, StringComparer.Ordinal);
        foreach (var column in columns)
        {
            if (string.IsNullOrWhiteSpace(column) || _columnLookup.TryGetValue(column, out _))
            {
                throw new ArgumentException($"the column '{column}' is blank or is the column of a field, so it cannot be ignored", nameof(columns));
            }

            skip.Add(column);
        }

        return skip.Count == _ignored.Count ? this : new RecordSchema(this, _columns, skip);
    }

    /// <summary>The input column a field is read from: its own name unless <see cref="WithColumns"/> named another.</summary>
    /// <param name="slot">The field's slot.</param>
    /// <returns>The column's name.</returns>
    public string ColumnOf(int slot) => _columns[slot];

    /// <summary>The slot an input column is read into: -1 for a column the schema does not know, <see cref="IgnoredColumn"/> for one named as ignored.</summary>
    /// <param name="column">The input column's exact name.</param>
    /// <returns>The slot, -1 or <see cref="IgnoredColumn"/>.</returns>
    public int ColumnSlot(ReadOnlySpan<char> column)
        => _columnLookup.TryGetValue(column, out var slot) ? slot : _ignoredLookup is { } ignored && ignored.Contains(column) ? IgnoredColumn : -1;

    /// <summary>Every field, <c>id</c> first, in slot order.</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>The slot of a field, or -1 when the schema has no such field.</summary>
    /// <param name="name">The field's exact name.</param>
    /// <returns>The slot, or -1.</returns>
    public int IndexOf(ReadOnlySpan<char> name) => _lookup.TryGetValue(name, out var slot) ? slot : -1;

    /// <summary>Whether the field in a slot holds contact details (and so is never echoed).</summary>
    /// <param name="slot">The slot.</param>
    /// <returns><see langword="true"/> for a personal field.</returns>
    public bool IsPersonal(int slot) => _personal[slot];

    /// <summary>The fields as users read them in a message, by their input column names: <c>id, historicalAmount, frequency</c>.</summary>
    /// <returns>The list.</returns>
    public override string ToString() => string.Join(", ", _columns);
}

/// <summary>What a record holds in one field.</summary>
/// <threadsafety>An enumeration; safe to share.</threadsafety>
public enum FieldKind
{
    /// <summary>The field is not there: no such CSV column, or no such key in the JSON object.</summary>
    Absent,

    /// <summary>JSON <c>null</c>: no value.</summary>
    Null,

    /// <summary>An empty CSV cell: no value.</summary>
    Empty,

    /// <summary>A CSV cell or JSON string of spaces only: an error wherever a value is read (leave it empty instead).</summary>
    Blank,

    /// <summary>Text: a CSV cell, or a JSON string.</summary>
    Text,

    /// <summary>A JSON number.</summary>
    Number,

    /// <summary>JSON <c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A JSON object or array (its JSON text is kept).</summary>
    Structure,
}
