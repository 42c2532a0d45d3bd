namespace Crm.Rules.Satisfaction;

/// <summary>An observed rate checked against its target (KPI-1, CAD-5, DEM-4, DATA-2).</summary>
/// <param name="Name">The KPI's name, e.g. <c>repeatPurchaseRate</c>.</param>
/// <param name="Successes">The numerator of the observed rate.</param>
/// <param name="Total">The denominator of the observed rate.</param>
/// <param name="Target">The target rate, 0..1; the KPI is met at or above it.</param>
/// <param name="Fingerprint">The rule set that held the target.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record KpiCheck(string Name, long Successes, long Total, decimal Target, string Fingerprint)
{
    /// <summary>The observed rate successes / total (0 when there is nothing to count), rounded to 28 digits.</summary>
    public decimal Observed => Total == 0 ? 0m : FixedPoint.Normalize((decimal)Successes / Total);

    /// <summary>Whether the observed rate reaches the target, compared exactly (successes ≥ target × total). An empty period never meets a positive target.</summary>
    public bool Met => Total > 0 ? Successes >= Target * Total : Target <= 0m;

    /// <summary>Observed minus target: negative when the KPI is missed.</summary>
    public decimal Gap => Observed - Target;

    /// <summary>The check as text: <c>dataCompleteness: 9 of 10 (0.9) against 0.95, missed</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
        => $"{Name}: {Successes} of {Total} ({FixedPoint.Format(decimal.Round(Observed, 4))}) against {FixedPoint.Format(Target)}, {(Met ? "met" : "missed")}";

    /// <summary>Builds a check from counts.</summary>
    /// <param name="name">The KPI's name.</param>
    /// <param name="successes">How many succeeded.</param>
    /// <param name="total">Out of how many.</param>
    /// <param name="target">The target rate.</param>
    /// <param name="fingerprint">The rule set that held the target.</param>
    /// <returns>The check.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or successes exceed the total.</exception>
    public static KpiCheck FromCounts(string name, long successes, long total, decimal target, string fingerprint)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, total);
        return new KpiCheck(name, successes, total, target, fingerprint);
    }
}
