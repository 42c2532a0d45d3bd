namespace Crm.Rules.Satisfaction;

/// <summary>Settings of satisfaction surveys, NPS and KPI targets (RULES.md SAT-1, SAT-2, KPI-1).</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class SatisfactionOptions
{
    /// <summary>The survey items keyed by name, each with its group (SAT-1).</summary>
    /// <value>product: completeness, ease, stability; service: speed, expertise, problemSolving.</value>
    public Dictionary<string, string> Items { get; set; } = new()
    {
        ["completeness"] = "product",
        ["ease"] = "product",
        ["stability"] = "product",
        ["speed"] = "service",
        ["expertise"] = "service",
        ["problemSolving"] = "service",
    };

    /// <summary>The lowest answer on the item scale.</summary>
    /// <value>1.</value>
    public int ScaleMinimum { get; set; } = 1;

    /// <summary>The highest answer on the item scale.</summary>
    /// <value>5.</value>
    public int ScaleMaximum { get; set; } = 5;

    /// <summary>The lowest "would you recommend" answer (0..10) of a promoter (SAT-2).</summary>
    /// <value>9.</value>
    public int PromoterMinimum { get; set; } = 9;

    /// <summary>The lowest answer of a passive; lower answers are detractors (SAT-2).</summary>
    /// <value>7.</value>
    public int PassiveMinimum { get; set; } = 7;

    /// <summary>KPI targets as rates 0..1, keyed by KPI name (KPI-1; DEM-4 and CAD-5 use theirs from their own sections).</summary>
    /// <value>repeatPurchaseRate 0.40, crossSellRate 0.25, referralRate 0.15, ltvGrowth 0.10, demandSatisfaction 0.90, requestResolution 0.80.</value>
    public Dictionary<string, decimal> KpiTargets { get; set; } = new()
    {
        ["repeatPurchaseRate"] = 0.40m,
        ["crossSellRate"] = 0.25m,
        ["referralRate"] = 0.15m,
        ["ltvGrowth"] = 0.10m,
        ["demandSatisfaction"] = 0.90m,
        ["requestResolution"] = 0.80m,
    };
}
