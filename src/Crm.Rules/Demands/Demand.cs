using System.Text.Json.Serialization;

namespace Crm.Rules.Demands;

/// <summary>A customer demand to prioritise. Give importance and urgency as flags or as 1..5 scores.</summary>
/// <param name="Id">A unique id; the final tie-breaker.</param>
/// <param name="CustomerGrade">The customer's grade, e.g. <c>A</c>.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
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
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public enum Quadrant
{
    /// <summary>Important and urgent: handle first (<c>do-first</c>).</summary>
    [JsonStringEnumMemberName("do-first")]
    DoFirst,

    /// <summary>Important, not urgent: plan (<c>plan</c>).</summary>
    [JsonStringEnumMemberName("plan")]
    Plan,

    /// <summary>Urgent, not important: quick response (<c>quick-response</c>).</summary>
    [JsonStringEnumMemberName("quick-response")]
    QuickResponse,

    /// <summary>Neither: defer (<c>defer</c>).</summary>
    [JsonStringEnumMemberName("defer")]
    Defer,
}
