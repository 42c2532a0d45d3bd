namespace Crm.Rules.Scoring;

/// <summary>Settings of additive lead screening (RULES.md LEAD-1).</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class LeadScoringOptions
{
    /// <summary>The criteria keyed by name, each with the points it adds when met. Points may be negative.</summary>
    /// <value>industryMatch +3, budgetClear +2, authorityClear +2.</value>
    public Dictionary<string, LeadCriterionOptions> Criteria { get; set; } = SeedStandardGrading.LeadCriteria();

    /// <summary>The lowest total (inclusive) that moves the lead to the next funnel stage.</summary>
    /// <value>5.</value>
    public decimal AdvanceAtPoints { get; set; } = 5m;

    /// <summary>The labels keyed by name, each with the lowest total that earns it; exactly one omits it and takes every lower total.</summary>
    /// <value>high-potential from 5, normal from 3, nurture below 3.</value>
    public Dictionary<string, LeadLabelOptions> Labels { get; set; } = SeedStandardGrading.LeadLabels();
}

/// <summary>One lead screening criterion.</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class LeadCriterionOptions
{
    /// <summary>The points added when the criterion is met (negative to subtract), with at most 6 decimal places.</summary>
    public decimal Points { get; set; }

    /// <summary>An optional description shown in explanations.</summary>
    public string? Description { get; set; }
}

/// <summary>One lead label.</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class LeadLabelOptions
{
    /// <summary>The lowest total (inclusive) that earns the label; <see langword="null"/> for the lowest label only.</summary>
    public decimal? MinimumPoints { get; set; }
}
