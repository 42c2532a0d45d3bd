namespace Crm.Rules.Demands;

/// <summary>A customer demand to prioritise. Give importance and urgency as flags or as 1..5 scores.</summary>
/// <param name="Id">A unique id; the final tie-breaker.</param>
/// <param name="CustomerGrade">The customer's grade, e.g. <c>A</c>.</param>
public sealed record Demand(string Id, string? CustomerGrade)
{
    /// <summary>Whether the demand is important; overrides <see cref="Importance"/>.</summary>
    public bool? Important { get; init; }

    /// <summary>Whether the demand is urgent; overrides <see cref="Urgency"/>.</summary>
    public bool? Urgent { get; init; }

    /// <summary>Importance on a 1..5 scale, compared with the configured threshold.</summary>
    public decimal? Importance { get; init; }

    /// <summary>Urgency on a 1..5 scale, compared with the configured threshold.</summary>
    public decimal? Urgency { get; init; }

    /// <summary>The value of meeting the demand (any currency), or <see langword="null"/>.</summary>
    public decimal? Value { get; init; }

    /// <summary>The cost of meeting it, or <see langword="null"/>.</summary>
    public decimal? Cost { get; init; }

    /// <summary>Strategic fit, higher is better (e.g. 0..5), or <see langword="null"/>.</summary>
    public decimal? StrategicFit { get; init; }
}

/// <summary>The four quadrants (DEM-2).</summary>
public enum Quadrant
{
    /// <summary>Important and urgent: handle first.</summary>
    DoFirst,

    /// <summary>Important, not urgent: plan.</summary>
    Plan,

    /// <summary>Urgent, not important: quick response.</summary>
    QuickResponse,

    /// <summary>Neither: defer.</summary>
    Defer,
}

/// <summary>One demand's place in the backlog, and why.</summary>
/// <param name="Demand">The demand.</param>
/// <param name="Quadrant">Its quadrant.</param>
/// <param name="QuadrantName">The quadrant as text: <c>do-first</c>, <c>plan</c>, <c>quick-response</c>, <c>defer</c>.</param>
/// <param name="Action">The quadrant's action.</param>
/// <param name="Rank">1 for the first demand to handle.</param>
/// <param name="Reason">The keys that placed it, in order.</param>
/// <param name="Fingerprint">The rule set that produced the order.</param>
public sealed record PrioritisedDemand(Demand Demand, Quadrant Quadrant, string QuadrantName, string Action, int Rank, string Reason, string Fingerprint);
