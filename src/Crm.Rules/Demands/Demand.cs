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
/// <threadsafety>This type is immutable and thread-safe (its reason is written once, on first use).</threadsafety>
public sealed class PrioritisedDemand
{
    private readonly DemandRules _rules;
    private string? _reason;

    internal PrioritisedDemand(DemandRules rules, Demand demand, Quadrant quadrant, int rank)
    {
        _rules = rules;
        Demand = demand;
        Quadrant = quadrant;
        Rank = rank;
    }

    /// <summary>The demand.</summary>
    public Demand Demand { get; }

    /// <summary>Its quadrant.</summary>
    public Quadrant Quadrant { get; }

    /// <summary>The quadrant as text: <c>do-first</c>, <c>plan</c>, <c>quick-response</c>, <c>defer</c>.</summary>
    public string QuadrantName => DemandRules.QuadrantNames[(int)Quadrant];

    /// <summary>The quadrant's action.</summary>
    public string Action => _rules.ActionOf(Quadrant);

    /// <summary>1 for the first demand to handle.</summary>
    public int Rank { get; }

    /// <summary>The keys that placed it, in order, e.g. <c>do-first (important, urgent); grade A; value/cost 3; strategic fit 1</c>.</summary>
    /// <remarks>Built on first use, so that ordering a large backlog does not pay for text nobody reads.</remarks>
    public string Reason => _reason ??= _rules.ReasonFor(Demand, Quadrant);

    /// <summary>The fingerprint of the rule set that produced the order.</summary>
    public string Fingerprint => _rules.Fingerprint;
}
