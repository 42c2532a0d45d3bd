namespace Crm.Rules.Demands;

/// <summary>One demand's place in the backlog, and why.</summary>
/// <threadsafety>This type is immutable and thread-safe (its reasons are built once, on first use).</threadsafety>
public sealed class PrioritisedDemand
{
    private readonly DemandRules _rules;
    private readonly WeightedScores? _scores;
    private readonly int _position;
    private IReadOnlyList<DemandReason>? _reasons;

    internal PrioritisedDemand(DemandRules rules, Demand demand, Quadrant quadrant, int rank, WeightedScores? scores, int position)
    {
        _rules = rules;
        Demand = demand;
        Quadrant = quadrant;
        Rank = rank;
        _scores = scores;
        _position = position;
    }

    /// <summary>The demand.</summary>
    public Demand Demand { get; }

    /// <summary>Its quadrant.</summary>
    public Quadrant Quadrant { get; }

    /// <summary>The quadrant as text: <c>do-first</c>, <c>plan</c>, <c>quick-response</c>, <c>defer</c>.</summary>
    public string QuadrantName => DemandWords.Of(Quadrant);

    /// <summary>The quadrant's action.</summary>
    public string Action => _rules.ActionOf(Quadrant);

    /// <summary>1 for the first demand to handle.</summary>
    public int Rank { get; }

    /// <summary>The ordering mode that placed it.</summary>
    public DemandOrderingMode Mode => _scores is null ? DemandOrderingMode.Lexicographic : DemandOrderingMode.Weighted;

    /// <summary>
    /// The weighted score, 0..1 (Σ weight × share of the quadrant's other demands it is ahead of), rounded to 6 decimal
    /// places; <see langword="null"/> in the lexicographic mode.
    /// </summary>
    /// <remarks>The order compares the unrounded scores exactly; this rounding is for reading only.</remarks>
    public decimal? Score => _scores?.ScoreOf(_position);

    /// <summary>
    /// The keys that placed it, most significant first: e.g. <c>do-first (important, urgent)</c>, <c>grade A</c>,
    /// <c>value/cost 3</c>, <c>strategic fit 1</c>; in the weighted mode each weighted key also shows its contribution.
    /// </summary>
    /// <remarks>Built on first use, so that ordering a large backlog does not pay for text nobody reads.</remarks>
    public IReadOnlyList<DemandReason> Reasons => _reasons ??= _rules.ReasonsFor(Demand, Quadrant, _scores, _position);

    /// <summary>The fingerprint of the rule set that produced the order.</summary>
    public string Fingerprint => _rules.Fingerprint;

    /// <summary>The place and its reasons on one line.</summary>
    /// <returns>E.g. <c>1. D-7: do-first (important, urgent); grade A; value/cost 3; strategic fit 1</c>, with <c>; score 0.75</c> at the end in the weighted mode.</returns>
    public override string ToString()
        => $"{Rank}. {Demand.Id}: {string.Join("; ", Reasons)}{(Score is { } score ? $"; score {FixedPoint.Format(score)}" : "")}";
}

/// <summary>One ordering key's part in a demand's place.</summary>
/// <threadsafety>This type is an immutable value and thread-safe.</threadsafety>
public sealed record DemandReason
{
    internal DemandReason(DemandOrderKey key, string text, decimal? weight = null, int ahead = 0, int peers = 0)
    {
        Key = key;
        Text = text;
        Weight = weight;
        Ahead = ahead;
        Peers = peers;
    }

    /// <summary>The key.</summary>
    public DemandOrderKey Key { get; }

    /// <summary>The demand's value of the key, e.g. <c>grade A</c> or <c>value/cost 3</c> (ratios rounded to 4 places for reading).</summary>
    public string Text { get; }

    /// <summary>The key's weight in the weighted mode; <see langword="null"/> in the lexicographic mode and for the quadrant.</summary>
    public decimal? Weight { get; }

    /// <summary>In the weighted mode: how many of the other demands in its quadrant it is strictly ahead of on this key.</summary>
    public int Ahead { get; }

    /// <summary>In the weighted mode: how many other demands share its quadrant.</summary>
    public int Peers { get; }

    /// <summary>
    /// The key's part of the weighted score: weight × ahead / peers (0 when it is alone in its quadrant), rounded to 6
    /// decimal places; <see langword="null"/> when <see cref="Weight"/> is.
    /// </summary>
    public decimal? Contribution => Weight is { } w ? FixedPoint.Normalize(Peers == 0 ? 0m : decimal.Round(w * Ahead / Peers, FixedPoint.DecimalPlaces, MidpointRounding.AwayFromZero)) : null;

    /// <summary>The reason as text.</summary>
    /// <returns>
    /// E.g. <c>grade A</c>; in the weighted mode <c>grade A: ahead of 3 of 4 × 0.4 = 0.3</c>, or
    /// <c>grade A: alone in its quadrant × 0.4 = 0</c>.
    /// </returns>
    public override string ToString() => Weight is not { } w ? Text
        : Peers == 0 ? $"{Text}: alone in its quadrant × {FixedPoint.Format(w)} = 0"
        : $"{Text}: ahead of {Ahead} of {Peers} × {FixedPoint.Format(w)} = {FixedPoint.Format(Contribution!.Value)}";
}

/// <summary>The rank counts of one weighted prioritisation, shared by its results (never changed after it is built).</summary>
internal sealed class WeightedScores(DemandOrderKey[] keys, long[] weights, int[][] ahead, int[] peers, long[] scores)
{
    public DemandOrderKey[] Keys { get; } = keys;

    /// <summary>The weights in millionths, parallel to <see cref="Keys"/>.</summary>
    public long[] Weights { get; } = weights;

    /// <summary>Per key, per input position: the demands of the same quadrant strictly behind on that key.</summary>
    public int[][] Ahead { get; } = ahead;

    /// <summary>Per input position: the other demands of the same quadrant.</summary>
    public int[] Peers { get; } = peers;

    /// <summary>Per input position: Σ weight (millionths) × ahead, the exact score times peers × 10^6.</summary>
    public long[] Scores { get; } = scores;

    public decimal ScoreOf(int position)
        => Peers[position] == 0 ? 0m : FixedPoint.Normalize(decimal.Round(Scores[position] / (decimal)FixedPoint.One / Peers[position], FixedPoint.DecimalPlaces, MidpointRounding.AwayFromZero));
}
