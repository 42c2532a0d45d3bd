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

    /// <summary>
    /// Every KPI target of every family, as rates 0..1 keyed by KPI name: the one owner of targets (KPI-1). The demand
    /// prioritiser (DEM-4), the cadence planner's monthly review (CAD-5) and data quality (DATA-2) read theirs from here.
    /// </summary>
    /// <value>
    /// repeatPurchaseRate 0.40, crossSellRate 0.25, referralRate 0.15, ltvGrowth 0.10, demandSatisfaction 0.90 (DEM-4),
    /// requestResolution 0.80 (CAD-5's floor), todoCompletion 0.80 (CAD-5 names it but gives no number: the floor),
    /// dataCompleteness 0.95 (DATA-2).
    /// </value>
    public Dictionary<string, decimal> KpiTargets { get; set; } = new()
    {
        ["repeatPurchaseRate"] = 0.40m,
        ["crossSellRate"] = 0.25m,
        ["referralRate"] = 0.15m,
        ["ltvGrowth"] = 0.10m,
        [Kpis.DemandSatisfaction] = 0.90m,
        [Kpis.RequestResolution] = 0.80m,
        [Kpis.TodoCompletion] = 0.80m,
        [Kpis.DataCompleteness] = 0.95m,
    };
}

/// <summary>The names of the KPIs other families check, each a required key of <see cref="SatisfactionOptions.KpiTargets"/>.</summary>
/// <threadsafety>This type is stateless and thread-safe.</threadsafety>
public static class Kpis
{
    /// <summary>Monthly demand satisfaction (DEM-4).</summary>
    public const string DemandSatisfaction = "demandSatisfaction";

    /// <summary>Monthly request resolution (CAD-5: below the floor flags the process).</summary>
    public const string RequestResolution = "requestResolution";

    /// <summary>Monthly to-do completion (CAD-5).</summary>
    public const string TodoCompletion = "todoCompletion";

    /// <summary>Records with every key field filled (DATA-2).</summary>
    public const string DataCompleteness = "dataCompleteness";

    /// <summary>The KPIs another family checks, with the rule that checks each.</summary>
    internal static readonly (string Kpi, string Rule)[] Required =
    [
        (DemandSatisfaction, "the demand prioritiser's monthly check (DEM-4)"),
        (RequestResolution, "the cadence planner's monthly review (CAD-5)"),
        (TodoCompletion, "the cadence planner's monthly review (CAD-5)"),
        (DataCompleteness, "the data-quality completeness check (DATA-2)"),
    ];
}
