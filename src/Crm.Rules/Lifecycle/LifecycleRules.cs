using System.Collections.Frozen;
using NodaTime;

namespace Crm.Rules.Lifecycle;

/// <summary>A record's move into a stage.</summary>
/// <param name="Stage">The stage entered.</param>
/// <param name="At">When.</param>
/// <param name="Reason">Why (e.g. a loss reason), or <see langword="null"/>.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record StageEntry(string Stage, Instant At, string? Reason = null);

/// <summary>Time spent in one stage.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="Entered">When it was entered.</param>
/// <param name="Left">When it was left, or <see langword="null"/> while the record is still in it.</param>
/// <param name="Duration">Left (or as-of) minus entered.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record StageSpan(string Stage, Instant Entered, Instant? Left, Duration Duration)
{
    /// <summary>The span as text: <c>lead from 2026-01-01T00:00:00Z for 3:00:00:00</c> (days:hours:minutes:seconds).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Stage} from {Entered}{(Left is null ? " (still there)" : "")} for {Duration:D:hh:mm:ss}";
}

/// <summary>Stage-to-stage conversion in a period (LIFE-5).</summary>
/// <param name="From">The stage entered in the period.</param>
/// <param name="To">The next stage.</param>
/// <param name="Entered">Records that entered <paramref name="From"/> in the period.</param>
/// <param name="Converted">Of those, records that later entered <paramref name="To"/>.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record StageConversion(string From, string To, int Entered, int Converted)
{
    /// <summary>Converted / entered, 0..1 (0 when nothing entered).</summary>
    public decimal Rate => Entered == 0 ? 0m : FixedPoint.Normalize((decimal)Converted / Entered);

    /// <summary>The conversion as text: <c>lead → prospect: 3 of 4 (0.75)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{From} → {To}: {Converted} of {Entered} ({FixedPoint.Format(decimal.Round(Rate, 4))})";
}

/// <summary>A funnel report over many histories (LIFE-5).</summary>
/// <param name="Conversions">Each stage to the next stage in the machine's order.</param>
/// <param name="MedianTimeInStage">The median time in each stage, over the records that left it.</param>
/// <param name="Outcomes">The latest stage of each history whose last move fell in the period (won, lost, still open …), by reason.</param>
/// <param name="Fingerprint">The rule set that produced it.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record FunnelReport(
    IReadOnlyList<StageConversion> Conversions,
    IReadOnlyDictionary<string, Duration> MedianTimeInStage,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Outcomes,
    string Fingerprint)
{
    /// <summary>The report as text: every conversion, then the median time in each stage.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{string.Join("; ", Conversions)}{(MedianTimeInStage.Count == 0 ? "" : $"; median time in stage: {string.Join(", ", MedianTimeInStage.Select(m => $"{m.Key} {m.Value:D:hh:mm:ss}"))}")}";
}

/// <summary>Where a customer stands before a key-account review (GRADE-6).</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public enum AccountStanding
{
    /// <summary>Not a key account yet: the review asks whether its purchases grew enough to promote it.</summary>
    Potential,

    /// <summary>A key account: the review asks whether it missed its target too often and is demoted.</summary>
    KeyAccount,
}

/// <summary>What a key-account review decides (GRADE-6).</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public enum KeyAccountAction
{
    /// <summary>The customer keeps its standing.</summary>
    Keep,

    /// <summary>A potential customer becomes a key account.</summary>
    Promote,

    /// <summary>A key account loses its standing.</summary>
    Demote,
}

/// <summary>A key-account decision (GRADE-6).</summary>
/// <param name="Action">What to do.</param>
/// <param name="Reason">Why, with the numbers and thresholds that decided it.</param>
/// <param name="Fingerprint">The rule set that produced it.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record KeyAccountDecision(KeyAccountAction Action, string Reason, string Fingerprint)
{
    /// <summary>The decision as text: <c>promote: purchases up 50% …</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{LifecycleWords.Of(Action)}: {Reason}";
}

/// <summary>The compiled lifecycle and funnel rules (LIFE-1 … LIFE-5, GRADE-6).</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class LifecycleRules
{
    private readonly FrozenDictionary<string, StateMachine> _machines;
    private readonly decimal _promoteAtGrowth;
    private readonly int _growthWindowMonths;
    private readonly int _demoteAfterMissedReviews;

    internal LifecycleRules(LifecycleOptions options, string fingerprint)
    {
        Fingerprint = fingerprint;
        _machines = options.Machines.ToFrozenDictionary(m => m.Key, m => new StateMachine(m.Key, m.Value, fingerprint), StringComparer.Ordinal);
        _promoteAtGrowth = options.KeyAccounts.PromoteAtGrowth;
        _growthWindowMonths = options.KeyAccounts.GrowthWindowMonths;
        _demoteAfterMissedReviews = options.KeyAccounts.DemoteAfterMissedReviews;
    }

    /// <summary>The fingerprint of the rule set these rules belong to.</summary>
    public string Fingerprint { get; }

    /// <summary>The machines by name.</summary>
    public IReadOnlyDictionary<string, StateMachine> Machines => _machines;

    /// <summary>The machine with the given name, or <see langword="null"/>.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The machine, or <see langword="null"/>.</returns>
    public StateMachine? Machine(string name) => _machines.GetValueOrDefault(name);

    /// <summary>The time spent in each stage of a history (LIFE-5).</summary>
    /// <param name="history">The stage entries, in any order.</param>
    /// <param name="asOf">"Now", for the stage the record is still in.</param>
    /// <returns>One span per entry, in time order.</returns>
    public static IReadOnlyList<StageSpan> TimeInStages(IEnumerable<StageEntry> history, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(history);
        var ordered = history.OrderBy(e => e.At).ToArray();
        return ordered.Select((e, i) =>
        {
            Instant? left = i + 1 < ordered.Length ? ordered[i + 1].At : null;
            return new StageSpan(e.Stage, e.At, left, (left ?? asOf) - e.At);
        }).ToArray();
    }

    /// <summary>
    /// Funnel analytics over many histories (LIFE-5): for each stage and the next one in the machine's order, how many
    /// records entered the stage in the period and how many of those went on to the next; the median time in each stage;
    /// and the records that ended in each final stage, by reason.
    /// </summary>
    /// <param name="machine">The machine whose stage order defines "next".</param>
    /// <param name="histories">The histories.</param>
    /// <param name="from">The period's start (inclusive).</param>
    /// <param name="to">The period's end (exclusive).</param>
    /// <returns>The report.</returns>
    public FunnelReport Funnel(StateMachine machine, IEnumerable<IReadOnlyList<StageEntry>> histories, Instant from, Instant to)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(histories);
        var all = histories.Select(h => h.OrderBy(e => e.At).ToArray()).ToArray();
        var stages = machine.Stages;
        var finals = stages.Where(machine.IsFinal).ToHashSet();
        var conversions = new List<StageConversion>();
        for (var i = 0; i + 1 < stages.Count; i++)
        {
            var (stage, next) = (stages[i], stages[i + 1]);
            if (finals.Contains(stage))
            {
                continue;
            }

            var entered = all.Where(h => h.Any(e => e.Stage == stage && e.At >= from && e.At < to)).ToArray();
            var converted = entered.Count(h => h.SkipWhile(e => e.Stage != stage).Any(e => e.Stage == next));
            conversions.Add(new StageConversion(stage, next, entered.Length, converted));
        }

        var medians = new Dictionary<string, Duration>(StringComparer.Ordinal);
        foreach (var stage in stages)
        {
            var durations = all.SelectMany(h => h.Zip(h.Skip(1)).Where(p => p.First.Stage == stage).Select(p => p.Second.At - p.First.At)).Order().ToArray();
            if (durations.Length > 0)
            {
                medians[stage] = durations.Length % 2 == 1
                    ? durations[durations.Length / 2]
                    : Duration.FromTicks((durations[durations.Length / 2 - 1].BclCompatibleTicks + durations[durations.Length / 2].BclCompatibleTicks) / 2);
            }
        }

        // Where the histories stand: the latest stage of each history that moved in the period, by reason (won, lost …).
        var outcomes = all.Where(h => h.Length > 0 && h[^1].At >= from && h[^1].At < to)
            .GroupBy(h => h[^1].Stage)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyDictionary<string, int>)g.GroupBy(h => h[^1].Reason ?? "(no reason)").ToDictionary(r => r.Key, r => r.Count()));
        return new FunnelReport(conversions, medians, outcomes, Fingerprint);
    }

    /// <summary>
    /// Key-account promotion and demotion (GRADE-6): purchases up by at least the growth threshold within the window
    /// promote a potential customer; a key account that missed its target in the configured number of consecutive reviews
    /// is demoted. A potential customer with no purchases before the window has no growth to measure and keeps its standing.
    /// </summary>
    /// <param name="standing">Whether the customer is a key account now.</param>
    /// <param name="purchasesBefore">Purchases in the window before the latest one.</param>
    /// <param name="purchasesNow">Purchases in the latest window.</param>
    /// <param name="consecutiveMissedReviews">How many of the latest reviews in a row missed the target.</param>
    /// <returns>The decision and its reason.</returns>
    public KeyAccountDecision KeyAccount(AccountStanding standing, decimal purchasesBefore, decimal purchasesNow, int consecutiveMissedReviews)
    {
        if (standing == AccountStanding.KeyAccount)
        {
            var reviews = consecutiveMissedReviews == 1 ? "1 review" : $"{consecutiveMissedReviews} reviews";
            return consecutiveMissedReviews >= _demoteAfterMissedReviews
                ? new KeyAccountDecision(KeyAccountAction.Demote, $"missed the target in {reviews} in a row (demote after {_demoteAfterMissedReviews})", Fingerprint)
                : new KeyAccountDecision(KeyAccountAction.Keep, $"missed the target in {reviews} in a row (demote after {_demoteAfterMissedReviews})", Fingerprint);
        }

        var grown = purchasesBefore > 0m && purchasesNow - purchasesBefore >= _promoteAtGrowth * purchasesBefore;
        var growth = purchasesBefore > 0m ? $"{FixedPoint.Format(decimal.Round((purchasesNow - purchasesBefore) * 100m / purchasesBefore, 1))}%" : "unknown (no purchases before)";
        var reason = $"purchases up {growth} within {_growthWindowMonths} months (promote from {FixedPoint.Format(_promoteAtGrowth * 100m)}%)";
        return new KeyAccountDecision(grown ? KeyAccountAction.Promote : KeyAccountAction.Keep, reason, Fingerprint);
    }
}
