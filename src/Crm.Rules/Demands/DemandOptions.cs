namespace Crm.Rules.Demands;

/// <summary>Settings of the demand four-quadrant prioritiser (RULES.md DEM-1 … DEM-4).</summary>
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
    /// The ordering keys within the backlog, most significant first (DEM-3): <c>quadrant</c>, <c>customerGrade</c>,
    /// <c>valueToCost</c>, <c>strategicFit</c>. Ties are broken by the demand id.
    /// </summary>
    /// <value>quadrant, customerGrade, valueToCost, strategicFit.</value>
    public List<string> OrderBy { get; set; } = ["quadrant", "customerGrade", "valueToCost", "strategicFit"];

    /// <summary>Customer grades, best first; grades not listed come after them.</summary>
    /// <value>A, B, C.</value>
    public List<string> GradeOrder { get; set; } = ["A", "B", "C"];

    /// <summary>Working days within which the customer hears back after a demand is met (DEM-4, SLA-5).</summary>
    /// <value>3.</value>
    public int FeedbackWorkingDays { get; set; } = 3;

    /// <summary>The SLA calendar the feedback days count on.</summary>
    /// <value><c>business</c>.</value>
    public string FeedbackCalendar { get; set; } = "business";

    /// <summary>The monthly demand satisfaction target (DEM-4, KPI-1).</summary>
    /// <value>0.90.</value>
    public decimal SatisfactionTarget { get; set; } = 0.90m;
}
