using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Crm.Rules.CommandLine.Commands;

/// <summary>
/// One record's values of named fields in the rules' order — the grading's indicators, the key fields data quality
/// checks — as the dictionary a <see cref="Assessment.CustomerProfile"/> holds: the assessment asks for them in that
/// order with the rules' own name strings, so each is found by comparing one reference, not by hashing its name, and
/// filling the row hashes nothing either. Reused record after record by one worker.
/// </summary>
/// <typeparam name="T">The values.</typeparam>
internal sealed class OrderedRow<T>(IReadOnlyList<string> names) : IReadOnlyDictionary<string, T>
{
    private readonly string[] _names = [.. names];
    private readonly T[] _values = new T[names.Count];
    private int _next;

    public int Count => _names.Length;

    public IEnumerable<string> Keys => _names;

    public IEnumerable<T> Values => _values;

    public T this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"'{key}' is not one of the row's names");

    /// <summary>Sets the value of the name at <paramref name="index"/> in the rules' order.</summary>
    public void Set(int index, T value) => _values[index] = value;

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out T value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _values[index] : default;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, T>> GetEnumerator()
    {
        for (var i = 0; i < _names.Length; i++)
        {
            yield return new(_names[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // The next name in order is tried first, by reference; any other key (another caller, another string) by value.
    private int IndexOf(string key)
    {
        var next = _next;
        if (next < _names.Length && ReferenceEquals(_names[next], key))
        {
            _next = next + 1 == _names.Length ? 0 : next + 1;
            return next;
        }

        var index = Array.IndexOf(_names, key);
        if (index >= 0)
        {
            _next = index + 1 == _names.Length ? 0 : index + 1;
        }

        return index;
    }
}
