using NodaTime;

namespace Crm.Rules.Churn;

/// <summary>A customer's facts as of a date, for churn-risk scoring (CHURN-1, CHURN-2). Unknown facts stay unset.</summary>
/// <param name="AsOf">The date the facts describe ("today", given by the caller).</param>
/// <threadsafety>This type is an immutable value type and is thread-safe.</threadsafety>
public readonly record struct ChurnFacts(LocalDate AsOf)
{
    /// <summary>The last login or use of the product.</summary>
    public LocalDate? LastUse { get; init; }

    /// <summary>Whether the product has logins (CHURN-1: 30 days without a login is a signal, instead of 3 months without use).</summary>
    public bool LoginBased { get; init; }

    /// <summary>The last interaction of any kind.</summary>
    public LocalDate? LastInteraction { get; init; }

    /// <summary>The last purchase.</summary>
    public LocalDate? LastPurchase { get; init; }

    /// <summary>The transaction amount of the latest full month.</summary>
    public decimal? AmountThisMonth { get; init; }

    /// <summary>The transaction amount of the month before.</summary>
    public decimal? AmountLastMonth { get; init; }

    /// <summary>Whether the customer asked about competitors or their prices.</summary>
    public bool CompetitorInquiry { get; init; }

    /// <summary>Whether the key contact left.</summary>
    public bool KeyContactLeft { get; init; }

    /// <summary>Whether a new key contact replaced them.</summary>
    public bool KeyContactReplaced { get; init; }

    /// <summary>Contacts per month in the earlier reference period.</summary>
    public decimal? ContactsPerMonthBefore { get; init; }

    /// <summary>Contacts per month now.</summary>
    public decimal? ContactsPerMonthNow { get; init; }

    /// <summary>Whether the customer gave negative feedback.</summary>
    public bool NegativeFeedback { get; init; }

    /// <summary>Whether the customer refused renewal talks.</summary>
    public bool RenewalRefused { get; init; }

    /// <summary>How many complaints are unresolved.</summary>
    public int UnresolvedComplaints { get; init; }

    /// <summary>
    /// P(alive) from the BG/NBD model of the customer's purchase history, 0..1, or <see langword="null"/> when not known
    /// (CHURN early warning, seed 001). Give it rounded as the analytics rules round it
    /// (<see cref="Analytics.AnalyticsRules.Warn(double)"/>'s <see cref="Analytics.ChurnWarning.ProbabilityAlive"/>), so the comparison is exact and reproducible.
    /// </summary>
    public decimal? ProbabilityAlive { get; init; }

    /// <summary>The value grade (the value dimension), or <see langword="null"/>.</summary>
    public string? ValueGrade { get; init; }
}

/// <summary>A signal that fired, with the evidence.</summary>
/// <param name="Signal">The detector.</param>
/// <param name="Dimension">The dimension it feeds.</param>
/// <param name="Points">The points it added.</param>
/// <param name="Evidence">Why, e.g. <c>no use for 97 days since 2026-08-17 (threshold 90)</c>.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record FiredSignal(ChurnSignal Signal, ChurnDimension Dimension, int Points, string Evidence)
{
    /// <summary>The signal as text: <c>noUse +2: no use for 97 days …</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{ChurnWords.Of(Signal)} +{Points}: {Evidence}";
}

/// <summary>One dimension's score and the signals behind it.</summary>
/// <param name="Dimension">The dimension.</param>
/// <param name="Score">1..5, 5 = highest risk.</param>
/// <param name="Signals">The signals that fired in it (for <see cref="ChurnDimension.Value"/>, the grade it came from).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record DimensionScore(ChurnDimension Dimension, int Score, IReadOnlyList<FiredSignal> Signals)
{
    /// <summary>The score as text: <c>behaviour 3</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{ChurnWords.Of(Dimension)} {Score}";
}

/// <summary>A risk band's response (CHURN-4).</summary>
/// <param name="Band">The band.</param>
/// <param name="OwnerRole">Who leads.</param>
/// <param name="Actions">What to do.</param>
/// <param name="SlaPolicies">The SLA policies the response runs under.</param>
/// <param name="FollowUp">How often to follow up, or <see langword="null"/> for routine care.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record ChurnPlaybook(ChurnBand Band, string OwnerRole, IReadOnlyList<string> Actions, IReadOnlyList<string> SlaPolicies, Period? FollowUp)
{
    /// <summary>The playbook as text: <c>high: salesDirector; form a rescue team …</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Band}: {OwnerRole}; {string.Join("; ", Actions)}";
}

/// <summary>How a score compares with the previous assessment.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public enum ChurnTrend
{
    /// <summary>No previous assessment.</summary>
    Unknown,

    /// <summary>A lower total than before.</summary>
    Improving,

    /// <summary>The same total.</summary>
    Steady,

    /// <summary>A higher total than before.</summary>
    Worsening,
}

/// <summary>The allocation-free result of scoring one customer.</summary>
/// <param name="Behaviour">The behaviour score, 1..5.</param>
/// <param name="Attitude">The attitude score, 1..5.</param>
/// <param name="Value">The value score, 1..5.</param>
/// <param name="Band">The band, with its rank in <see cref="ChurnRules.Bands"/> (0 = highest risk).</param>
/// <param name="FiredSignals">A bit per detector in <see cref="ChurnRules.Signals"/> order.</param>
/// <param name="Fingerprint">The rule set that produced it (a reference to its string: scoring stays allocation-free).</param>
/// <threadsafety>This type is an immutable value type and is thread-safe.</threadsafety>
public readonly record struct ChurnOutcome(byte Behaviour, byte Attitude, byte Value, ChurnBand Band, uint FiredSignals, string Fingerprint)
{
    /// <summary>Behaviour + attitude + value, 3..15.</summary>
    public int Total => Behaviour + Attitude + Value;

    /// <summary>The outcome as text: <c>high (13: behaviour 5, attitude 3, value 5)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Band} ({Total}: behaviour {Behaviour}, attitude {Attitude}, value {Value})";
}

/// <summary>A churn-risk result that explains itself (CHURN-1 … CHURN-5).</summary>
/// <param name="Total">3..15.</param>
/// <param name="Band">The band: <c>high</c>, <c>medium</c>, <c>low</c> by default.</param>
/// <param name="Dimensions">Behaviour, attitude and value, with their signals.</param>
/// <param name="Playbook">The band's response.</param>
/// <param name="Trend">Against the previous total, when given.</param>
/// <param name="ChurnRiskTag">CHURN-5: whether the last interaction or purchase is older than the configured days.</param>
/// <param name="TagEvidence">Why the tag is set, or <see langword="null"/>.</param>
/// <param name="Fingerprint">The rule set that produced it.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record ChurnAssessment(
    int Total,
    ChurnBand Band,
    IReadOnlyList<DimensionScore> Dimensions,
    ChurnPlaybook Playbook,
    ChurnTrend Trend,
    bool ChurnRiskTag,
    string? TagEvidence,
    string Fingerprint)
{
    /// <summary>Every signal that fired, across dimensions.</summary>
    public IEnumerable<FiredSignal> FiredSignals => Dimensions.SelectMany(d => d.Signals).Where(s => s.Dimension != ChurnDimension.Value);

    /// <summary>The assessment as text: band, total, dimensions, fired signals, trend and tag.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var signals = string.Join("; ", FiredSignals);
        return $"{Band} ({Total}: {string.Join(", ", Dimensions)}){(signals.Length == 0 ? "" : $"; {signals}")}; trend {ChurnWords.Of(Trend)}{(ChurnRiskTag ? $"; churn-risk tag: {TagEvidence}" : "")}";
    }
}
