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
    }

    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

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

    /// <summary>The fields as users read them in a message: <c>id, historicalAmount, frequency</c>.</summary>
    /// <returns>The list.</returns>
    public override string ToString() => string.Join(", ", Fields);
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
