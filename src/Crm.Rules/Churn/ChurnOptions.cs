using NodaTime;

namespace Crm.Rules.Churn;

/// <summary>Settings of churn-risk scoring (RULES.md CHURN-1 … CHURN-5).</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class ChurnOptions
{
    /// <summary>The signal detectors keyed by name, each with its dimension, threshold and points (CHURN-1, CHURN-2).</summary>
    /// <remarks>The names are the built-in detectors; a file can change a detector's threshold, points or dimension, or disable it.</remarks>
    public Dictionary<string, ChurnSignalOptions> Signals { get; set; } = SeedStandardChurn.Signals();

    /// <summary>The value dimension's score by customer grade (5 = most at stake); a customer without a grade scores <see cref="UngradedValueScore"/>.</summary>
    /// <value>A 5, B 3, C 1.</value>
    public Dictionary<string, int> ValueScores { get; set; } = new() { ["A"] = 5, ["B"] = 3, ["C"] = 1 };

    /// <summary>The value score of a customer without a grade.</summary>
    /// <value>3.</value>
    public int UngradedValueScore { get; set; } = 3;

    /// <summary>The risk bands keyed by name, each with the lowest total that reaches it and its playbook (CHURN-3, CHURN-4).</summary>
    /// <value>high ≥ 12, medium ≥ 8, low below.</value>
    public Dictionary<string, ChurnBandOptions> Bands { get; set; } = SeedStandardChurn.Bands();

    /// <summary>Days without interaction or purchase that tag a customer "churn risk" in the lifecycle view (CHURN-5).</summary>
    /// <value>90 (3 months).</value>
    public int RiskTagAfterDays { get; set; } = 90;
}

/// <summary>One signal detector.</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class ChurnSignalOptions
{
    /// <summary>Whether the detector runs.</summary>
    /// <value><see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>The dimension a fired signal adds to: <c>behaviour</c> or <c>attitude</c>.</summary>
    public string Dimension { get; set; } = "behaviour";

    /// <summary>The points a fired signal adds to its dimension's score (which starts at 1 and is capped at 5).</summary>
    public int Points { get; set; } = 1;

    /// <summary>The detector's threshold, where it has one: days for <c>noUse</c>, a fraction for <c>amountDrop</c>, a factor for <c>contactFrequencyDrop</c>, a count for <c>unresolvedComplaints</c>, a probability for <c>lowProbabilityAlive</c>.</summary>
    public decimal? Threshold { get; set; }

    /// <summary>For <c>noUse</c>: the days threshold of products with logins (CHURN-1: 30).</summary>
    public decimal? LoginThreshold { get; set; }
}

/// <summary>A churn risk band with its playbook (CHURN-4).</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class ChurnBandOptions
{
    /// <summary>The lowest total (inclusive) of the band; <see langword="null"/> for the lowest band.</summary>
    public int? MinimumTotal { get; set; }

    /// <summary>Who leads the response.</summary>
    public string OwnerRole { get; set; } = "";

    /// <summary>What to do.</summary>
    public List<string> Actions { get; set; } = [];

    /// <summary>The SLA policies (by name) the response runs under, e.g. <c>churn-cause-analysis</c>.</summary>
    public List<string> SlaPolicies { get; set; } = [];

    /// <summary>How often to follow up, or <see langword="null"/> for routine care.</summary>
    public Period? FollowUp { get; set; }
}

/// <summary>The seed standard's churn numbers in one place.</summary>
internal static class SeedStandardChurn
{
    public const string Behaviour = "behaviour";
    public const string Attitude = "attitude";

    // CHURN-3 leaves open how signals become a 1..5 score: each dimension starts at 1, fired signals add their points,
    // capped at 5. The strongest signals (months without use, halved spend, refused renewal) add 2.
    public static Dictionary<string, ChurnSignalOptions> Signals() => new()
    {
        ["noUse"] = new() { Dimension = Behaviour, Points = 2, Threshold = 90, LoginThreshold = 30 },
        ["amountDrop"] = new() { Dimension = Behaviour, Points = 2, Threshold = 0.5m },
        ["competitorInquiry"] = new() { Dimension = Behaviour, Points = 1 },
        ["keyContactLeft"] = new() { Dimension = Behaviour, Points = 1 },
        ["contactFrequencyDrop"] = new() { Dimension = Attitude, Points = 1, Threshold = 4 },
        ["negativeFeedback"] = new() { Dimension = Attitude, Points = 1 },
        ["renewalRefused"] = new() { Dimension = Attitude, Points = 2 },
        ["unresolvedComplaints"] = new() { Dimension = Attitude, Points = 1, Threshold = 1 },
        // Seed 001 asks for predictive churn warning; the BG/NBD probability that the customer still buys is that
        // prediction. Below 0.3 it weighs like months without use (decision: docs/churn.md).
        ["lowProbabilityAlive"] = new() { Dimension = Behaviour, Points = 2, Threshold = 0.3m },
    };

    public static Dictionary<string, ChurnBandOptions> Bands() => new()
    {
        ["high"] = new()
        {
            MinimumTotal = 12,
            OwnerRole = "salesDirector",
            Actions = ["form a rescue team led by the sales director", "analyse the cause within 24 h", "talk to the customer's executives within 3 days", "record measures, feedback and result"],
            SlaPolicies = ["churn-cause-analysis", "churn-executive-talk"],
            FollowUp = Period.FromWeeks(1),
        },
        ["medium"] = new()
        {
            MinimumTotal = 8,
            OwnerRole = "salesManager",
            Actions = ["track weekly", "record measures, feedback and result"],
            FollowUp = Period.FromWeeks(1),
        },
        ["low"] = new()
        {
            MinimumTotal = null,
            OwnerRole = "customerService",
            Actions = ["routine care"],
        },
    };
}
