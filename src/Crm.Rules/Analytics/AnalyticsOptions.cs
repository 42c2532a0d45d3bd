using System.Text.Json.Serialization;

namespace Crm.Rules.Analytics;

/// <summary>
/// Settings of customer analytics: RFM scores and segments (RFM-1), VIP tiers (GRADE-8), the customer-base models'
/// fit, discounted lifetime value, and the P(alive) early warning that feeds churn (seed 001).
/// </summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class AnalyticsOptions
{
    /// <summary>How RFM figures become 1..5 scores and scores become segments (RFM-1).</summary>
    /// <value>Quintile scores, cancellations subtracted, the documented twelve-row segment table.</value>
    public RfmOptions Rfm { get; set; } = new();

    /// <summary>VIP tiers by share of customers, highest value first (GRADE-8), in order.</summary>
    /// <value>diamond: the top 8 %; gold: the next 15 % (the top of the seed's 5–8 % and 12–15 %).</value>
    public List<VipTierOptions> VipTiers { get; set; } = SeedStandardAnalytics.VipTiers();

    /// <summary>The maximum-likelihood fit of the BG/NBD and Gamma-Gamma models.</summary>
    /// <value>Up to 10,000 iterations, converged when the simplex's values agree to 10⁻¹⁰ relative.</value>
    public ModelFitOptions ModelFit { get; set; } = new();

    /// <summary>Discounted customer lifetime value from the fitted models.</summary>
    /// <value>52 weekly steps (one year) discounted at 0.2 % a week (about 11 % a year).</value>
    public LifetimeValueOptions LifetimeValue { get; set; } = new();

    /// <summary>Key-account value classes from RFM and CLV (GRADE-7): strategic, profit, potential.</summary>
    /// <value>strategic: CLV score ≥ 4 and 365 days or more of buying; profit: frequency and average order value scores ≥ 4; potential: monetary score ≤ 2 and spend up 50 % over the last 182 days.</value>
    public KeyAccountClassesOptions KeyAccounts { get; set; } = new();

    /// <summary>
    /// Which value-grading indicators take a customer's RFM figures, so that a host can grade customers straight from
    /// its order history: indicator name → the RFM score or raw figure it takes. Indicators not named here keep coming
    /// from the host (or are missing, as <c>valueGrading.missingValues</c> says).
    /// </summary>
    /// <remarks>
    /// For the seed standard's model the natural mapping is <c>{ "historicalAmount": "monetaryScore", "frequency":
    /// "frequencyScore" }</c> (<c>docs/analytics.md</c>). It is not the default: a host that replaces the grading
    /// indicators would otherwise have to repeat this section, and a mapping to an indicator that does not exist is an error.
    /// </remarks>
    /// <value>Empty: no indicator takes RFM results.</value>
    public Dictionary<string, RfmIndicatorSource> GradingIndicators { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How P(alive) is rounded before the churn family's <c>lowProbabilityAlive</c> signal compares it with its threshold.</summary>
    /// <value>4 decimal places.</value>
    public ChurnWarningOptions ChurnWarning { get; set; } = new();
}

/// <summary>How RFM figures become scores and segments (RFM-1; the seeds leave both open).</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class RfmOptions
{
    /// <summary>Whether scores are quintiles of the customers analysed together, or fixed bands of the figures.</summary>
    /// <value><see cref="RfmScoring.Quantiles"/>.</value>
    public RfmScoring Scoring { get; set; } = RfmScoring.Quantiles;

    /// <summary>The fixed bands, used when <see cref="Scoring"/> is <see cref="RfmScoring.Bands"/>.</summary>
    /// <value>Recency 30 / 90 / 180 / 365 days; frequency 2 / 3 / 5 / 10 purchases; monetary 100 / 500 / 1,000 / 5,000.</value>
    public RfmBandOptions Bands { get; set; } = new();

    /// <summary>What a negative amount (a cancellation or refund) does to the monetary figure; it is never a purchase.</summary>
    /// <value><see cref="CancellationHandling.Subtract"/>.</value>
    public CancellationHandling Cancellations { get; set; } = CancellationHandling.Subtract;

    /// <summary>What a line without a customer id does: it is never silently dropped.</summary>
    /// <value><see cref="MissingCustomerIdHandling.Reject"/>: the line is an error (a record error with its line at the command line).</value>
    public MissingCustomerIdHandling MissingCustomerIds { get; set; } = MissingCustomerIdHandling.Reject;

    /// <summary>The segment table: the first row whose three score ranges hold a customer's scores names its segment.</summary>
    /// <value>The twelve rows of <c>docs/analytics.md</c>, ending with the catch-all <c>others</c>.</value>
    public List<RfmSegmentOptions> Segments { get; set; } = SeedStandardAnalytics.Segments();
}

/// <summary>How RFM scores are made.</summary>
/// <threadsafety>An enumeration; safe to share.</threadsafety>
public enum RfmScoring
{
    /// <summary>Quintiles of the customers analysed together: the value at 0-based rank i of n scores 1 + ⌊5·i/n⌋, ties take the rank of the first of them.</summary>
    [JsonStringEnumMemberName("quantiles")]
    Quantiles,

    /// <summary>Fixed bands of the figures (<see cref="RfmOptions.Bands"/>): a customer's scores do not depend on the other customers.</summary>
    [JsonStringEnumMemberName("bands")]
    Bands,
}

/// <summary>What a negative amount in a transaction log does.</summary>
/// <threadsafety>An enumeration; safe to share.</threadsafety>
public enum CancellationHandling
{
    /// <summary>It is subtracted from the customer's monetary value (a refund takes back what was paid); it is never a purchase.</summary>
    [JsonStringEnumMemberName("subtract")]
    Subtract,

    /// <summary>It is left out of every figure.</summary>
    [JsonStringEnumMemberName("ignore")]
    Ignore,
}

/// <summary>
/// Key-account value classes (GRADE-7): an ordered list of classes, each a set of conditions on a customer's measures;
/// the first class whose every condition holds is the customer's, and a customer no class takes is no key account.
/// </summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class KeyAccountClassesOptions
{
    /// <summary>The days of each of the two windows whose spend the <c>growth</c> measure compares (the last days up to the analysis date, and as many before).</summary>
    /// <value>182 (six months: seed 001 upgrades a potential customer whose purchases grow 50 % within six months).</value>
    public int GrowthWindowDays { get; set; } = 182;

    /// <summary>The classes, in order.</summary>
    /// <value>strategic, profit, potential (seed 001's three, with the service each gets).</value>
    public List<KeyAccountClassOptions> Classes { get; set; } = SeedStandardAnalytics.KeyAccountClasses();
}

/// <summary>One key-account class: its name, the conditions a customer must meet, and the service it gets.</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class KeyAccountClassOptions
{
    /// <summary>The class's name, e.g. <c>strategic</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The conditions, all of which must hold.</summary>
    public List<KeyAccountConditionOptions> When { get; set; } = [];

    /// <summary>The service the class gets (seed 001), for the host's playbook.</summary>
    public List<string> Service { get; set; } = [];
}

/// <summary>
/// A condition on one measure: its 1..5 score among the customers analysed together (<see cref="MinScore"/>,
/// <see cref="MaxScore"/>) and/or its value (<see cref="AtLeast"/>, <see cref="AtMost"/>), bounds inclusive. A customer
/// without the measure (no CLV given, no spend before the growth window) does not meet it.
/// </summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class KeyAccountConditionOptions
{
    /// <summary>The measure.</summary>
    public KeyAccountMeasure Measure { get; set; }

    /// <summary>The lowest score, 1..5, or <see langword="null"/>.</summary>
    public int? MinScore { get; set; }

    /// <summary>The highest score, 1..5, or <see langword="null"/>.</summary>
    public int? MaxScore { get; set; }

    /// <summary>The lowest value, or <see langword="null"/>.</summary>
    public decimal? AtLeast { get; set; }

    /// <summary>The highest value, or <see langword="null"/>.</summary>
    public decimal? AtMost { get; set; }
}

/// <summary>What a key-account condition looks at. Scores are quintiles among the customers analysed together (5 best), except that monetary, frequency and recency take the RFM scores.</summary>
/// <threadsafety>An enumeration; safe to share.</threadsafety>
public enum KeyAccountMeasure
{
    /// <summary>Money spent (RFM monetary).</summary>
    [JsonStringEnumMemberName("monetary")]
    Monetary,

    /// <summary>Purchases (RFM frequency).</summary>
    [JsonStringEnumMemberName("frequency")]
    Frequency,

    /// <summary>Days since the last purchase (RFM recency: the most recent score 5).</summary>
    [JsonStringEnumMemberName("recencyDays")]
    RecencyDays,

    /// <summary>Money spent per purchase ("unit price" of seed 001's profit class).</summary>
    [JsonStringEnumMemberName("averageOrderValue")]
    AverageOrderValue,

    /// <summary>Days since the first purchase (the "long cycle" of seed 001's strategic class).</summary>
    [JsonStringEnumMemberName("tenureDays")]
    TenureDays,

    /// <summary>Spend growth over the growth window, recent ÷ previous − 1 (0.5 is +50 %); none without spend before.</summary>
    [JsonStringEnumMemberName("growth")]
    Growth,

    /// <summary>The customer lifetime value the host or the models give; none when not given.</summary>
    [JsonStringEnumMemberName("lifetimeValue")]
    LifetimeValue,
}

/// <summary>What of a customer's RFM result a value-grading indicator takes (<see cref="AnalyticsOptions.GradingIndicators"/>).</summary>
/// <threadsafety>An enumeration; safe to share.</threadsafety>
public enum RfmIndicatorSource
{
    /// <summary>The recency score, 1..5, taken as the indicator's score.</summary>
    [JsonStringEnumMemberName("recencyScore")]
    RecencyScore,

    /// <summary>The frequency score, 1..5, taken as the indicator's score.</summary>
    [JsonStringEnumMemberName("frequencyScore")]
    FrequencyScore,

    /// <summary>The monetary score, 1..5, taken as the indicator's score.</summary>
    [JsonStringEnumMemberName("monetaryScore")]
    MonetaryScore,

    /// <summary>The days since the last purchase, scored through the indicator's bands.</summary>
    [JsonStringEnumMemberName("recencyDays")]
    RecencyDays,

    /// <summary>The number of purchases, scored through the indicator's bands.</summary>
    [JsonStringEnumMemberName("frequency")]
    Frequency,

    /// <summary>The money spent, scored through the indicator's bands.</summary>
    [JsonStringEnumMemberName("monetary")]
    Monetary,
}

/// <summary>What a transaction line without a customer id does.</summary>
/// <threadsafety>An enumeration; safe to share.</threadsafety>
public enum MissingCustomerIdHandling
{
    /// <summary>The line is refused: an error naming it (anonymous sales must be cleaned out before analysis).</summary>
    [JsonStringEnumMemberName("reject")]
    Reject,

    /// <summary>The line is left out of every figure and counted (guest checkouts, e.g. a quarter of UCI Online Retail's lines).</summary>
    [JsonStringEnumMemberName("count")]
    Count,
}

/// <summary>
/// Fixed RFM bands: four strictly increasing thresholds per figure. Recency scores 5 at or below the first threshold,
/// 4 at or below the second, … and 1 above the last; frequency and monetary score 1 below the first threshold, 2 from
/// it, … and 5 from the last.
/// </summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class RfmBandOptions
{
    /// <summary>Days since the last purchase: at most the first scores 5.</summary>
    /// <value>30, 90, 180, 365.</value>
    public List<int> RecencyDays { get; set; } = [30, 90, 180, 365];

    /// <summary>Purchases: at least the last scores 5.</summary>
    /// <value>2, 3, 5, 10.</value>
    public List<int> Frequency { get; set; } = [2, 3, 5, 10];

    /// <summary>Money spent: at least the last scores 5.</summary>
    /// <value>100, 500, 1000, 5000.</value>
    public List<decimal> Monetary { get; set; } = [100m, 500m, 1000m, 5000m];
}

/// <summary>One row of the RFM segment table.</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class RfmSegmentOptions
{
    /// <summary>The segment's name, e.g. <c>champions</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The recency scores the row holds.</summary>
    /// <value>1–5 (any).</value>
    public ScoreRangeOptions Recency { get; set; } = new();

    /// <summary>The frequency scores the row holds.</summary>
    /// <value>1–5 (any).</value>
    public ScoreRangeOptions Frequency { get; set; } = new();

    /// <summary>The monetary scores the row holds.</summary>
    /// <value>1–5 (any).</value>
    public ScoreRangeOptions Monetary { get; set; } = new();
}

/// <summary>An inclusive range of 1..5 scores.</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class ScoreRangeOptions
{
    /// <summary>The lowest score held.</summary>
    /// <value>1.</value>
    public int Min { get; set; } = 1;

    /// <summary>The highest score held.</summary>
    /// <value>5.</value>
    public int Max { get; set; } = 5;
}

/// <summary>A VIP tier: the next <see cref="Share"/> of customers by value after the tiers above it (GRADE-8).</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class VipTierOptions
{
    /// <summary>The tier's name, e.g. <c>diamond</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The share of all customers the tier takes, above 0 and at most 1, e.g. 0.08.</summary>
    public decimal Share { get; set; }
}

/// <summary>The maximum-likelihood fit of the customer-base models (Nelder–Mead on the parameters' logarithms).</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class ModelFitOptions
{
    /// <summary>The most iterations before the fit stops and reports that it did not converge.</summary>
    /// <value>10,000.</value>
    public int MaximumIterations { get; set; } = 10_000;

    /// <summary>Converged when the values at the simplex's corners agree to 10^−<c>ToleranceDigits</c> relative.</summary>
    /// <value>10 (agreement to 10⁻¹⁰).</value>
    public int ToleranceDigits { get; set; } = 10;
}

/// <summary>Discounted lifetime value: the purchases BG/NBD expects in each step, valued by Gamma-Gamma and discounted per step.</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class LifetimeValueOptions
{
    /// <summary>The number of steps of the horizon.</summary>
    /// <value>52.</value>
    public int Steps { get; set; } = 52;

    /// <summary>The length of one step in the models' time unit (weeks when the summaries are in weeks).</summary>
    /// <value>1.</value>
    public decimal StepLength { get; set; } = 1m;

    /// <summary>The discount rate per step.</summary>
    /// <value>0.002 (0.2 % a week, about 11 % a year).</value>
    public decimal DiscountRate { get; set; } = 0.002m;
}

/// <summary>
/// The early churn warning from the BG/NBD probability that a customer is still alive. Its threshold is the churn
/// family's (<c>churn.signals.lowProbabilityAlive.threshold</c>), so one number decides both the warning and the signal.
/// </summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class ChurnWarningOptions
{
    /// <summary>The decimal places P(alive) is rounded to (half away from zero) before the comparison, so the rule is exact and reproducible.</summary>
    /// <value>4.</value>
    public int DecimalPlaces { get; set; } = 4;
}

/// <summary>The analytics defaults in one place (decisions documented in <c>docs/analytics.md</c>).</summary>
internal static class SeedStandardAnalytics
{
    public static List<VipTierOptions> VipTiers() => [new() { Name = "diamond", Share = 0.08m }, new() { Name = "gold", Share = 0.15m }];

    // The narrow segments first so that every row is reached, the broad ones after, a catch-all last. The names follow
    // common use (the R package rfm's documentation), reordered: in that package's order "new customers" is hidden.
    public static List<RfmSegmentOptions> Segments() =>
    [
        Row("champions", 4, 5, 4, 5, 4, 5),
        Row("can't lose them", 1, 1, 4, 5, 4, 5),
        Row("new customers", 4, 5, 1, 1, 1, 1),
        Row("promising", 3, 4, 1, 1, 1, 1),
        Row("lost", 1, 1, 1, 1, 1, 1),
        Row("loyal customers", 2, 5, 3, 5, 3, 5),
        Row("need attention", 2, 3, 2, 3, 2, 3),
        Row("about to sleep", 2, 3, 1, 2, 1, 2),
        Row("potential loyalists", 3, 5, 1, 3, 1, 3),
        Row("at risk", 1, 2, 2, 5, 2, 5),
        Row("hibernating", 1, 2, 1, 2, 1, 2),
        Row("others", 1, 5, 1, 5, 1, 5),
    ];

    // Seed 001: strategic = high CLV and a long cycle, profit = high frequency and high unit price, potential = low
    // current value and high growth (+50 % within six months makes a potential customer a KA). "High" is the top two
    // quintiles; "long" is a year of buying (decision, docs/analytics.md).
    public static List<KeyAccountClassOptions> KeyAccountClasses() =>
    [
        new()
        {
            Name = "strategic",
            When = [new() { Measure = KeyAccountMeasure.LifetimeValue, MinScore = 4 }, new() { Measure = KeyAccountMeasure.TenureDays, AtLeast = 365 }],
            Service = ["a dedicated account manager and technical advisor team", "a 24-hour response channel"],
        },
        new()
        {
            Name = "profit",
            When = [new() { Measure = KeyAccountMeasure.Frequency, MinScore = 4 }, new() { Measure = KeyAccountMeasure.AverageOrderValue, MinScore = 4 }],
            Service = ["a standard service package", "a monthly business analysis report"],
        },
        new()
        {
            Name = "potential",
            When = [new() { Measure = KeyAccountMeasure.Monetary, MaxScore = 2 }, new() { Measure = KeyAccountMeasure.Growth, AtLeast = 0.5m }],
            Service = ["free product training", "a 6-month development target (+50 % purchases to become a key account)"],
        },
    ];

    private static RfmSegmentOptions Row(string name, int r0, int r1, int f0, int f1, int m0, int m1) => new()
    {
        Name = name,
        Recency = new() { Min = r0, Max = r1 },
        Frequency = new() { Min = f0, Max = f1 },
        Monetary = new() { Min = m0, Max = m1 },
    };
}
