namespace Crm.Rules.Demands;

/// <summary>Settings of the demand four-quadrant prioritiser (RULES.md DEM-1 … DEM-4).</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class DemandOptions
{
    /// <summary>The lowest importance score (1..5) that counts as important.</summary>
    /// <value>4.</value>
    public decimal ImportanceThreshold { get; set; } = 4m;

    /// <summary>The lowest urgency score (1..5) that counts as urgent.</summary>
    /// <value>4.</value>
    public decimal UrgencyThreshold { get; set; } = 4m;

    /// <summary>The quadrants in handling order (DEM-2): <c>do-first</c>, <c>plan</c>, <c>quick-response</c>, <c>defer</c>.</summary>
    /// <value>do-first, plan, quick-response, defer.</value>
    public List<string> QuadrantOrder { get; set; } = ["do-first", "plan", "quick-response", "defer"];

    /// <summary>The action of each quadrant.</summary>
    public Dictionary<string, string> Actions { get; set; } = new()
    {
        ["do-first"] = "handle first",
        ["plan"] = "plan and schedule",
        ["quick-response"] = "respond quickly, then delegate",
        ["defer"] = "defer or decline",
    };

    /// <summary>
    /// The ordering keys of the lexicographic mode, most significant first (DEM-3): <c>quadrant</c>, <c>customerGrade</c>,
    /// <c>valueToCost</c>, <c>strategicFit</c>. Ties are broken by the demand id. The weighted mode does not read it.
    /// </summary>
    /// <value>quadrant, customerGrade, valueToCost, strategicFit.</value>
    public List<string> OrderBy { get; set; } = ["quadrant", "customerGrade", "valueToCost", "strategicFit"];

    /// <summary>How the ordering keys combine: lexicographically (the seed standard) or as a weighted score.</summary>
    /// <value>The lexicographic mode, with weights customerGrade 0.4, valueToCost 0.4, strategicFit 0.2 ready for the weighted mode.</value>
    public DemandOrderingOptions Ordering { get; set; } = new();

    /// <summary>Customer grades, best first; grades not listed come after them.</summary>
    /// <value>A, B, C.</value>
    public List<string> GradeOrder { get; set; } = ["A", "B", "C"];

    /// <summary>Working days within which the customer hears back after a demand is met (DEM-4, SLA-5).</summary>
    /// <value>3.</value>
    public int FeedbackWorkingDays { get; set; } = 3;

    /// <summary>The SLA calendar the feedback days count on.</summary>
    /// <value><c>business</c>.</value>
    public string FeedbackCalendar { get; set; } = "business";
}

/// <summary>How the backlog keys combine (DEM-3 leaves it open); see <c>docs/demands.md</c>.</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class DemandOrderingOptions
{
    /// <summary>
    /// <c>lexicographic</c>: the keys of <see cref="DemandOptions.OrderBy"/>, most significant first. <c>weighted</c>:
    /// the quadrant first, then the weighted score of <see cref="Weights"/> (higher first), then the demand id.
    /// </summary>
    /// <value><c>lexicographic</c>.</value>
    public string Mode { get; set; } = "lexicographic";

    /// <summary>
    /// The weight of each key in the weighted mode: <c>customerGrade</c>, <c>valueToCost</c>, <c>strategicFit</c>, each
    /// 0..1 with at most 6 decimal places, adding up to exactly 1; a key left out weighs 0. The quadrant is not
    /// weighted: it always orders first, because DEM-2 makes it a handling rule rather than a criterion to trade off.
    /// </summary>
    /// <remarks>A rules file merges this map key by key over the defaults: give every key, with 0 for a key to leave out.</remarks>
    /// <value>customerGrade 0.4, valueToCost 0.4, strategicFit 0.2.</value>
    public Dictionary<string, decimal> Weights { get; set; } = new()
    {
        ["customerGrade"] = 0.4m,
        ["valueToCost"] = 0.4m,
        ["strategicFit"] = 0.2m,
    };
}
