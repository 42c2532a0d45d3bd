using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Crm.Rules.Scoring;

/// <summary>
/// One customer's indicator values in a grading model's order, each scored as it is set: what a host that reads
/// records fills once per record and hands to an assessment as its indicators
/// (<see cref="Assessment.CustomerProfile.Indicators"/>). The value refused by its indicator is reported when it is set;
/// grading them then reads the scores kept, so no value is scored twice. By name it reads like any dictionary of
/// indicator values: every indicator of the model is a key, <see cref="IndicatorValue.Missing"/> until set.
/// </summary>
/// <remarks>Made by <see cref="ValueGradingRules.CreateScoredIndicators"/>; graded like <see cref="ValueGradingRules.Grade(ReadOnlySpan{IndicatorValue})"/>.</remarks>
/// <threadsafety>
/// Not thread-safe: it is meant to be filled and read by one thread, record after record (one per worker), and must not
/// be changed while an assessment it was handed to runs.
/// </threadsafety>
public sealed class ScoredIndicatorDictionary : IReadOnlyDictionary<string, IndicatorValue>
{
    private readonly IndicatorValue[] _values;
    private readonly byte[] _scores;

    // Per indicator, whether its value was refused; and how many are, so that values without any refused needs no search.
    private readonly bool[] _refused;
    private int _refusedCount;

    internal ScoredIndicatorDictionary(ValueGradingRules rules)
    {
        Rules = rules;
        _values = new IndicatorValue[rules.Indicators.Count];
        _scores = new byte[_values.Length];
        _refused = new bool[_values.Length];
    }

    /// <summary>The grading model whose indicators the dictionary holds.</summary>
    public ValueGradingRules Rules { get; }

    /// <summary>How many indicators the model has (every one a key).</summary>
    public int Count => _values.Length;

    /// <summary>The indicator names, in model order.</summary>
    public IEnumerable<string> Keys => Rules.Indicators.Select(i => i.Name);

    /// <summary>The values, in model order.</summary>
    public IEnumerable<IndicatorValue> Values => _values;

    /// <summary>The value of the named indicator.</summary>
    /// <param name="key">An indicator name.</param>
    /// <returns>The value, <see cref="IndicatorValue.Missing"/> when not set.</returns>
    /// <exception cref="KeyNotFoundException">The model has no such indicator.</exception>
    public IndicatorValue this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"'{key}' is not an indicator of the model");

    /// <summary>
    /// Sets the value of the indicator at <paramref name="index"/> (model order) and scores it. A value its indicator
    /// refuses is kept as given, and grading reports it (<see cref="GradeStatus.InvalidValue"/>), as grading the
    /// values would.
    /// </summary>
    /// <param name="index">The indicator's position in the model.</param>
    /// <param name="value">The value; <see cref="IndicatorValue.Missing"/> clears it.</param>
    /// <param name="problem">Why the indicator refuses the value (<see cref="Indicator.TryScore"/>'s sentence), when it does.</param>
    /// <returns><see langword="false"/> when the value cannot be scored.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not an indicator's position.</exception>
    public bool TrySet(int index, in IndicatorValue value, out string? problem)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _values.Length);
        _values[index] = value;
        var refused = !Rules.TryScore(index, value, out _scores[index], out problem);
        if (refused != _refused[index])
        {
            _refused[index] = refused;
            _refusedCount += refused ? 1 : -1;
        }

        return !refused;
    }

    /// <summary>Sets every indicator missing.</summary>
    public void Clear()
    {
        Array.Clear(_values);
        Array.Clear(_scores);
        Array.Clear(_refused);
        _refusedCount = 0;
    }

    /// <summary>Whether the model has the named indicator (every one is a key, set or not).</summary>
    /// <param name="key">An indicator name.</param>
    /// <returns><see langword="true"/> for an indicator of the model.</returns>
    public bool ContainsKey(string key) => Rules.IndexOf(key) >= 0;

    /// <summary>The value of the named indicator.</summary>
    /// <param name="key">An indicator name.</param>
    /// <param name="value">Its value, <see cref="IndicatorValue.Missing"/> when not set.</param>
    /// <returns><see langword="false"/> when the model has no such indicator.</returns>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out IndicatorValue value)
    {
        var index = Rules.IndexOf(key);
        value = index >= 0 ? _values[index] : default;
        return index >= 0;
    }

    /// <summary>The indicators and their values, in model order.</summary>
    /// <returns>The enumerator.</returns>
    public IEnumerator<KeyValuePair<string, IndicatorValue>> GetEnumerator()
    {
        for (var i = 0; i < _values.Length; i++)
        {
            yield return new(Rules.Indicators[i].Name, _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // Grade(values) from the scores kept: refused at the first indicator whose value was refused, graded otherwise.
    internal GradeOutcome Grade()
        => _refusedCount == 0 ? Rules.Grade(_scores) : Rules.Refused(Array.IndexOf(_refused, true));
}
