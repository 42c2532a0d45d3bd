using System.Globalization;

namespace Crm.Rules.Testing;

/// <summary>
/// The outcome of one property check on a rule set: whether the property holds, how many cases were tried (and whether they
/// were every case there is), and when it does not hold a counter-example — shrunk to a simplest one when the cases were random.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class RuleCheckResult
{
    private RuleCheckResult(string property, bool holds, int casesTried, bool exhaustive, string? counterExample, string? originalCounterExample, int shrinks)
    {
        Property = property;
        Holds = holds;
        CasesTried = casesTried;
        Exhaustive = exhaustive;
        CounterExample = counterExample;
        OriginalCounterExample = originalCounterExample;
        Shrinks = shrinks;
    }

    /// <summary>The property checked, in words.</summary>
    /// <value>For example <c>grading is monotone</c>.</value>
    public string Property { get; }

    /// <summary>Whether no case violated the property.</summary>
    /// <value><see langword="true"/> when every case tried satisfied it.</value>
    public bool Holds { get; }

    /// <summary>How many cases were tried.</summary>
    /// <value>Up to the failing case when the property does not hold.</value>
    public int CasesTried { get; }

    /// <summary>Whether the cases tried are every case there is (so a result that holds is a proof, not a sample).</summary>
    /// <value><see langword="true"/> for an exhaustive check.</value>
    public bool Exhaustive { get; }

    /// <summary>The case that violates the property and how, shrunk to a simplest one when the cases were random.</summary>
    /// <value><see langword="null"/> when the property holds.</value>
    public string? CounterExample { get; }

    /// <summary>The counter-example as first found, before shrinking.</summary>
    /// <value><see langword="null"/> when the property holds or the check was exhaustive.</value>
    public string? OriginalCounterExample { get; }

    /// <summary>How many times the counter-example was shrunk.</summary>
    /// <value>0 for an exhaustive check or a property that holds.</value>
    public int Shrinks { get; }

    /// <summary>A result that holds.</summary>
    /// <param name="property">The property, in words.</param>
    /// <param name="casesTried">The cases tried.</param>
    /// <param name="exhaustive">Whether they were every case.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException"><paramref name="property"/> is empty.</exception>
    public static RuleCheckResult Passed(string property, int casesTried, bool exhaustive)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(property);
        return new(property, true, casesTried, exhaustive, null, null, 0);
    }

    /// <summary>A result that does not hold.</summary>
    /// <param name="property">The property, in words.</param>
    /// <param name="casesTried">The cases tried, the failing one included.</param>
    /// <param name="exhaustive">Whether the cases were enumerated rather than random.</param>
    /// <param name="counterExample">The (shrunk) counter-example and how it violates the property.</param>
    /// <param name="originalCounterExample">The counter-example before shrinking, if it was shrunk.</param>
    /// <param name="shrinks">How many times it was shrunk.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException"><paramref name="property"/> or <paramref name="counterExample"/> is empty.</exception>
    public static RuleCheckResult Failed(string property, int casesTried, bool exhaustive, string counterExample, string? originalCounterExample = null, int shrinks = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(property);
        ArgumentException.ThrowIfNullOrWhiteSpace(counterExample);
        return new(property, false, casesTried, exhaustive, counterExample, originalCounterExample == counterExample ? null : originalCounterExample, shrinks);
    }

    /// <summary>The result, readably: <c>holds: … (N cases, every case)</c> or <c>does not hold: … after N cases; counter-example: …</c>.</summary>
    /// <returns>One line, or two when a shrunk counter-example also shows the original.</returns>
    public override string ToString()
    {
        var cases = string.Create(CultureInfo.InvariantCulture, $"{CasesTried} {(CasesTried == 1 ? "case" : "cases")}{(Exhaustive ? ", every case" : " at random")}");
        if (Holds)
        {
            return $"holds: {Property} ({cases})";
        }

        var shrunk = Shrinks > 0 ? string.Create(CultureInfo.InvariantCulture, $" (shrunk {Shrinks} {(Shrinks == 1 ? "time" : "times")})") : "";
        var original = OriginalCounterExample is null ? "" : $"{Environment.NewLine}  first found as: {OriginalCounterExample}";
        return $"does not hold: {Property} ({cases}); counter-example{shrunk}: {CounterExample}{original}";
    }
}
