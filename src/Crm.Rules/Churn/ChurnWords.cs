namespace Crm.Rules.Churn;

/// <summary>The churn signals: the eight detectors of CHURN-1/2, the BG/NBD early warning (seed 001), and the grade behind the value dimension.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public enum ChurnSignal
{
    /// <summary>No use (or no login) for the configured days (JSON <c>noUse</c>).</summary>
    NoUse,

    /// <summary>Purchase amount down by the configured share month over month (JSON <c>amountDrop</c>).</summary>
    AmountDrop,

    /// <summary>Asked about competitors or their prices (JSON <c>competitorInquiry</c>).</summary>
    CompetitorInquiry,

    /// <summary>The key contact left and nobody replaced them (JSON <c>keyContactLeft</c>).</summary>
    KeyContactLeft,

    /// <summary>Contact frequency down by the configured factor (JSON <c>contactFrequencyDrop</c>).</summary>
    ContactFrequencyDrop,

    /// <summary>Negative feedback (JSON <c>negativeFeedback</c>).</summary>
    NegativeFeedback,

    /// <summary>Refused renewal talks (JSON <c>renewalRefused</c>).</summary>
    RenewalRefused,

    /// <summary>Unresolved complaints at or above the configured count (JSON <c>unresolvedComplaints</c>).</summary>
    UnresolvedComplaints,

    /// <summary>P(alive) from the BG/NBD model below the configured probability: predictive churn warning from the purchase history (JSON <c>lowProbabilityAlive</c>).</summary>
    LowProbabilityAlive,

    /// <summary>Not a detector: the evidence of the value dimension, the customer's grade (<c>valueGrade</c>).</summary>
    ValueGrade,
}

/// <summary>The three dimensions of CHURN-3, each scored 1..5.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public enum ChurnDimension
{
    /// <summary>What the customer does (JSON <c>behaviour</c>).</summary>
    Behaviour,

    /// <summary>How the customer feels (JSON <c>attitude</c>).</summary>
    Attitude,

    /// <summary>What is at stake, from the grade (<c>value</c>).</summary>
    Value,
}

/// <summary>
/// A churn-risk band: its rank among the configured bands (0 is the highest risk) and its configured name. Lower ranks
/// compare as riskier: <c>a &lt; b</c> means <c>a</c> is the riskier band.
/// </summary>
/// <param name="Rank">0 for the highest-risk band, 1 for the next, and so on.</param>
/// <param name="Name">The band's name, <c>high</c>, <c>medium</c> or <c>low</c> by default.</param>
/// <threadsafety>This type is an immutable value type and is thread-safe.</threadsafety>
public readonly record struct ChurnBand(int Rank, string Name) : IComparable<ChurnBand>
{
    /// <summary>Compares ranks: the riskier band first.</summary>
    /// <param name="other">The other band.</param>
    /// <returns>Negative when this band is riskier.</returns>
    public int CompareTo(ChurnBand other) => Rank.CompareTo(other.Rank);

    /// <summary>Whether <paramref name="left"/> is riskier than <paramref name="right"/>.</summary>
    /// <param name="left">A band.</param>
    /// <param name="right">Another band.</param>
    /// <returns>The comparison of ranks.</returns>
    public static bool operator <(ChurnBand left, ChurnBand right) => left.Rank < right.Rank;

    /// <summary>Whether <paramref name="left"/> is less risky than <paramref name="right"/>.</summary>
    /// <param name="left">A band.</param>
    /// <param name="right">Another band.</param>
    /// <returns>The comparison of ranks.</returns>
    public static bool operator >(ChurnBand left, ChurnBand right) => left.Rank > right.Rank;

    /// <summary>Whether <paramref name="left"/> is as risky as <paramref name="right"/> or riskier.</summary>
    /// <param name="left">A band.</param>
    /// <param name="right">Another band.</param>
    /// <returns>The comparison of ranks.</returns>
    public static bool operator <=(ChurnBand left, ChurnBand right) => left.Rank <= right.Rank;

    /// <summary>Whether <paramref name="left"/> is as risky as <paramref name="right"/> or less.</summary>
    /// <param name="left">A band.</param>
    /// <param name="right">Another band.</param>
    /// <returns>The comparison of ranks.</returns>
    public static bool operator >=(ChurnBand left, ChurnBand right) => left.Rank >= right.Rank;

    /// <summary>The band's name.</summary>
    /// <returns>The name, or <c>(no band)</c> for the default value.</returns>
    public override string ToString() => Name ?? "(no band)";
}

/// <summary>The JSON words of the churn family's closed sets: one source for configuration keys, evidence and output.</summary>
/// <threadsafety>This type is stateless and thread-safe.</threadsafety>
public static class ChurnWords
{
    private static readonly string[] Signals = ["noUse", "amountDrop", "competitorInquiry", "keyContactLeft", "contactFrequencyDrop", "negativeFeedback", "renewalRefused", "unresolvedComplaints", "lowProbabilityAlive", "valueGrade"];

    private static readonly string[] Dimensions = ["behaviour", "attitude", "value"];

    private static readonly string[] Trends = ["unknown", "improving", "steady", "worsening"];

    /// <summary>The detectors' names, as keys of <c>churn.signals</c>, in detector order.</summary>
    internal static ReadOnlySpan<string> Detectors => Signals.AsSpan(0, 9);

    /// <summary>The word of a signal, e.g. <c>noUse</c>.</summary>
    /// <param name="signal">The signal.</param>
    /// <returns>The word.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined signal.</exception>
    public static string Of(ChurnSignal signal)
        => (uint)signal < (uint)Signals.Length ? Signals[(int)signal] : throw new ArgumentOutOfRangeException(nameof(signal), signal, "not a churn signal");

    /// <summary>The word of a dimension, e.g. <c>behaviour</c>.</summary>
    /// <param name="dimension">The dimension.</param>
    /// <returns>The word.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined dimension.</exception>
    public static string Of(ChurnDimension dimension)
        => (uint)dimension < (uint)Dimensions.Length ? Dimensions[(int)dimension] : throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "not a churn dimension");

    /// <summary>The word of a trend, e.g. <c>worsening</c>.</summary>
    /// <param name="trend">The trend.</param>
    /// <returns>The word.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined trend.</exception>
    public static string Of(ChurnTrend trend)
        => (uint)trend < (uint)Trends.Length ? Trends[(int)trend] : throw new ArgumentOutOfRangeException(nameof(trend), trend, "not a churn trend");

    /// <summary>The dimension a configuration word names (<c>behaviour</c> or <c>attitude</c>; signals feed no other).</summary>
    internal static ChurnDimension? SignalDimension(string? word) => word switch
    {
        "behaviour" => ChurnDimension.Behaviour,
        "attitude" => ChurnDimension.Attitude,
        _ => null,
    };
}
