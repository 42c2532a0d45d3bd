using System.Globalization;
using Crm.Rules.Configuration;
using Crm.Rules.Lifecycle;
using Crm.Rules.Scoring;
using Crm.Rules.Sla;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Crm.Rules.Testing;

/// <summary>
/// Properties a host checks on its own rule set. Each returns a <see cref="RuleCheckResult"/>; <see cref="RuleAssert"/>
/// turns one that does not hold into an exception. Small spaces (score combinations, band totals, transitions) are checked
/// exhaustively; large ones (instants, customers, facts) with FsCheck, whose shrinking gives a simplest counter-example.
/// </summary>
/// <threadsafety>This type is stateless and thread-safe.</threadsafety>
public static partial class RuleChecks
{
    /// <summary>Random cases per property when none is given.</summary>
    public const int DefaultMaxTest = 300;

    /// <summary>At most this many score combinations are enumerated; wider models are sampled at random.</summary>
    public const int ExhaustiveLimit = 250_000;

    private const string GradingMonotone = "grading is monotone (raising an indicator score never lowers the grade or the total; banded indicators score monotonically in their value)";
    private const string GradesPartition = "grades partition the reachable totals (every total gets exactly one grade, the one whose range holds it, and every grade is reachable)";
    private const string ChurnPartition = "churn bands partition the reachable totals (every total gets exactly one band, a higher total is never less risky, and every band is reachable)";
    private const string SlaMonotone = "SLA deadlines are monotone in the start (a later start never gives an earlier deadline), for every policy";
    private const string LifecycleClosed = "lifecycle machines stay in their defined stages (every transition ends at a stage, proposals and allowed moves only return stages)";
    private const string CadenceAfterContact = "a cadence due date is never before the last contact";

    /// <summary>
    /// Raising any indicator score by one never lowers the grade nor the total; and a banded indicator's bands score
    /// monotonically in the value (all rising or all falling), so that more of a value never moves the grade back and forth.
    /// Every score combination is tried when there are at most <see cref="ExhaustiveLimit"/>; otherwise <paramref name="maxTest"/> random ones.
    /// </summary>
    /// <param name="rules">The rule set.</param>
    /// <param name="maxTest">Random cases, when the combinations are too many to enumerate.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    public static RuleCheckResult GradingIsMonotone(CrmRuleSet rules, int maxTest = DefaultMaxTest)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var grading = rules.ValueGrading;
        foreach (var indicator in grading.Indicators.Where(i => i.Bands.Count > 1))
        {
            if (BandsChangeDirection(indicator) is { } problem)
            {
                return RuleCheckResult.Failed(GradingMonotone, 1, exhaustive: true, problem);
            }
        }

        string? Violation(byte[] scores)
        {
            var before = grading.Grade(scores);
            for (var i = 0; i < scores.Length; i++)
            {
                if (scores[i] >= grading.MaximumScore)
                {
                    continue;
                }

                var raised = (byte[])scores.Clone();
                raised[i]++;
                var after = grading.Grade(raised);
                if (after.Grade!.Rank > before.Grade!.Rank || after.Total < before.Total)
                {
                    return string.Create(CultureInfo.InvariantCulture,
                        $"raising '{grading.Indicators[i].Name}' from {scores[i]} to {raised[i]} moves total {Show(before.Total)} (grade {before.Grade.Name}) to {Show(after.Total)} (grade {after.Grade.Name})");
                }
            }

            return null;
        }

        return ScoreCombinations(grading, GradingMonotone, Violation, maxTest);
    }

    /// <summary>
    /// Every reachable total (of complete score vectors) gets exactly one grade: the one whose range (its minimum total up
    /// to the next grade's) holds it; and every grade is reached by some combination — a grade between two reachable
    /// totals is dead configuration. Reachability is only decided when every combination is enumerated.
    /// </summary>
    /// <param name="rules">The rule set.</param>
    /// <param name="maxTest">Random cases, when the combinations are too many to enumerate.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    public static RuleCheckResult GradeBandsPartitionTotals(CrmRuleSet rules, int maxTest = DefaultMaxTest)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var grading = rules.ValueGrading;
        var grades = grading.Grades;
        var totals = new SortedSet<decimal>();

        string? Violation(byte[] scores)
        {
            var outcome = grading.Grade(scores);
            var total = outcome.Total;
            totals.Add(total);
            var holding = grades.Where(g => (g.MinimumTotal is not { } min || total >= min) && (g.Rank == 0 || total < grades[g.Rank - 1].MinimumTotal!.Value)).ToList();
            if (holding.Count != 1)
            {
                return $"total {Show(total)} lies in the ranges of {holding.Count} grades ({string.Join(", ", holding.Select(g => g.Name))})";
            }

            return holding[0] != outcome.Grade
                ? $"total {Show(total)} lies in the range of grade {holding[0].Name} but is graded {outcome.Grade!.Name}"
                : null;
        }

        var result = ScoreCombinations(grading, GradesPartition, Violation, maxTest);
        if (!result.Holds || !result.Exhaustive)
        {
            return result;
        }

        foreach (var grade in grades)
        {
            var upper = grade.Rank == 0 ? (decimal?)null : grades[grade.Rank - 1].MinimumTotal;
            if (!totals.Any(t => (grade.MinimumTotal is not { } min || t >= min) && (upper is not { } max || t < max)))
            {
                var below = totals.Where(t => grade.MinimumTotal is { } min && t < min).Select(t => (decimal?)t).LastOrDefault();
                var above = totals.Where(t => upper is { } max && t >= max).Select(t => (decimal?)t).FirstOrDefault();
                return RuleCheckResult.Failed(GradesPartition, result.CasesTried, exhaustive: true,
                    $"grade {grade.Name} ({Range(grade.MinimumTotal, upper)}) is reached by no score combination; the nearest reachable totals are {(below is { } b ? Show(b) : "none")} below and {(above is { } a ? Show(a) : "none")} above");
            }
        }

        return result;
    }

    /// <summary>
    /// Every reachable churn total (each dimension from 1 plus the points its enabled signals can add, capped at 5; value
    /// from the configured value scores) gets exactly one band, the one its threshold puts it in; a higher total is never in
    /// a less risky band; and every band is reached by some total. Checked exhaustively (at most 125 combinations).
    /// </summary>
    /// <param name="rules">The rule set.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    public static RuleCheckResult ChurnBandsPartitionTotals(CrmRuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var options = OptionsOf(rules).Churn;
        var behaviour = Reachable(options, "behaviour");
        var attitude = Reachable(options, "attitude");
        var value = options.ValueScores.Values.Append(options.UngradedValueScore).Distinct().Order().ToArray();
        var thresholds = options.Bands.ToDictionary(b => b.Key, b => b.Value.MinimumTotal, StringComparer.Ordinal);
        var cases = 0;
        var byTotal = new SortedDictionary<int, (string Band, int Rank, string Case)>();
        foreach (var b in behaviour)
        {
            foreach (var a in attitude)
            {
                foreach (var v in value)
                {
                    cases++;
                    var outcome = rules.Churn.Score(b, a, v);
                    var combination = string.Create(CultureInfo.InvariantCulture, $"behaviour {b}, attitude {a}, value {v} (total {outcome.Total})");
                    var expected = thresholds.Where(t => t.Value is null || outcome.Total >= t.Value).MaxBy(t => t.Value ?? int.MinValue).Key;
                    if (outcome.Band.ToString() != expected)
                    {
                        return RuleCheckResult.Failed(ChurnPartition, cases, exhaustive: true, $"{combination} is in band {outcome.Band} but its threshold puts it in {expected}");
                    }

                    if (byTotal.TryGetValue(outcome.Total, out var seen) && seen.Band != expected)
                    {
                        return RuleCheckResult.Failed(ChurnPartition, cases, exhaustive: true, $"{combination} is in band {expected} but {seen.Case} is in {seen.Band}");
                    }

                    byTotal[outcome.Total] = (expected, outcome.Band.Rank, combination);
                }
            }
        }

        var ordered = byTotal.ToList();
        for (var k = 1; k < ordered.Count; k++)
        {
            if (ordered[k].Value.Rank > ordered[k - 1].Value.Rank)
            {
                return RuleCheckResult.Failed(ChurnPartition, cases, exhaustive: true,
                    $"total {ordered[k].Key} is in the less risky band {ordered[k].Value.Band} than total {ordered[k - 1].Key} ({ordered[k - 1].Value.Band})");
            }
        }

        var reached = byTotal.Values.Select(t => t.Band).ToHashSet(StringComparer.Ordinal);
        if (thresholds.Keys.FirstOrDefault(band => !reached.Contains(band)) is { } dead)
        {
            return RuleCheckResult.Failed(ChurnPartition, cases, exhaustive: true,
                string.Create(CultureInfo.InvariantCulture,
                    $"band {dead} (from total {thresholds[dead]?.ToString(CultureInfo.InvariantCulture) ?? "3"}) is reached by no total: the reachable totals are {string.Join(", ", byTotal.Keys)} (behaviour {string.Join("/", behaviour)}, attitude {string.Join("/", attitude)}, value {string.Join("/", value)})"));
        }

        return RuleCheckResult.Passed(ChurnPartition, cases, exhaustive: true);
    }

    /// <summary>
    /// For every SLA policy, a later start never gives an earlier deadline: random starts in 2000–2040 (UTC) and random
    /// delays up to a month, shrunk to the first policy, the earliest start and the shortest delay that fail.
    /// </summary>
    /// <param name="rules">The rule set.</param>
    /// <param name="maxTest">Random cases.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    public static RuleCheckResult SlaDeadlinesAreMonotone(CrmRuleSet rules, int maxTest = DefaultMaxTest)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return SlaDeadlinesAreMonotone(rules.Sla.Policies, (policy, start) => rules.Sla.Evaluate(SlaClock.Start(policy, start), start).Deadline, maxTest);
    }

    /// <summary>The SLA check over any deadline function: the seam the package's own tests break on purpose.</summary>
    internal static RuleCheckResult SlaDeadlinesAreMonotone(IReadOnlyList<SlaPolicy> policies, Func<SlaPolicy, Instant, Instant> deadline, int maxTest)
    {
        if (policies.Count == 0)
        {
            return RuleCheckResult.Passed(SlaMonotone, 0, exhaustive: true);
        }

        var cases = Arb.From(
            from policy in Gen.Choose(0, policies.Count - 1)
            from minute in Gen.Choose(0, SlaStart.WindowMinutes)
            from later in Gen.Choose(0, 31 * 24 * 60)
            select new SlaStart(policies, policy, minute, later),
            c => Shrink.Towards(c.Policy, 0).Select(p => c with { Policy = p })
                .Concat(Shrink.Towards(c.Minute, 0).Select(m => c with { Minute = m }))
                .Concat(Shrink.Towards(c.LaterMinutes, 0).Select(l => c with { LaterMinutes = l })));
        return PropertyRun.Check(SlaMonotone, cases, c =>
        {
            var policy = policies[c.Policy];
            var early = deadline(policy, c.Start);
            var late = deadline(policy, c.Start + Duration.FromMinutes(c.LaterMinutes));
            return late < early ? $"the deadline moves from {early} back to {late}" : null;
        }, maxTest);
    }

    /// <summary>
    /// Every transition of every machine ends at a defined stage (checked from every stage), and from every stage, with
    /// random facts over the machine's declared facts, proposals and allowed moves only return defined stages.
    /// </summary>
    /// <param name="rules">The rule set.</param>
    /// <param name="maxTest">Random fact sets per check.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    public static RuleCheckResult LifecycleStaysInDefinedStages(CrmRuleSet rules, int maxTest = DefaultMaxTest)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var options = OptionsOf(rules).Lifecycle;
        var machines = rules.Lifecycle.Machines.Values.OrderBy(m => m.Name, StringComparer.Ordinal).Select(m => (IStageMachine)new CompiledMachine(m)).ToArray();
        return LifecycleStaysInDefinedStages(machines, m => options.Machines[m.Name].Facts, maxTest);
    }

    /// <summary>The lifecycle check over any machines: the seam the package's own tests break on purpose.</summary>
    internal static RuleCheckResult LifecycleStaysInDefinedStages(IReadOnlyList<IStageMachine> machines, Func<IStageMachine, IReadOnlyDictionary<string, string>> facts, int maxTest)
    {
        var structural = 0;
        foreach (var machine in machines)
        {
            foreach (var stage in machine.Stages)
            {
                structural++;
                if (machine.Moves(stage, StageFacts.Empty).FirstOrDefault(to => !machine.Stages.Contains(to)) is { } undefined)
                {
                    return RuleCheckResult.Failed(LifecycleClosed, structural, exhaustive: true, $"machine '{machine.Name}': a transition from '{stage}' ends at '{undefined}', which is not one of its stages ({string.Join(", ", machine.Stages)})");
                }
            }
        }

        if (machines.Count == 0)
        {
            return RuleCheckResult.Passed(LifecycleClosed, structural, exhaustive: true);
        }

        var cases = Arb.From(
            from m in Gen.Choose(0, machines.Count - 1)
            from stage in Gen.Choose(0, 99)
            from flags in Gen.Elements(true, false).ArrayOf(16)
            from numbers in Gen.Choose(-10_000, 10_000).ArrayOf(16)
            select new LifecycleCase(machines, facts, m, stage, flags, numbers),
            c => Shrink.Towards(c.Machine, 0).Select(m => c with { Machine = m })
                .Concat(Shrink.Towards(c.Stage, 0).Select(s => c with { Stage = s }))
                .Concat(Shrink.Each(c.Flags, Shrink.Bool).Select(f => c with { Flags = f }))
                .Concat(Shrink.Each(c.Numbers, n => Shrink.Towards(n, 0)).Select(n => c with { Numbers = n })));
        return PropertyRun.Check(LifecycleClosed, cases, c =>
        {
            var machine = c.StageMachine;
            var proposed = machine.Propose(c.StageName, c.Facts());
            if (!machine.Stages.Contains(proposed))
            {
                return $"machine '{machine.Name}' proposes '{proposed}', which is not one of its stages";
            }

            return machine.Moves(c.StageName, c.Facts()).FirstOrDefault(to => !machine.Stages.Contains(to)) is { } undefined
                ? $"machine '{machine.Name}' allows a move to '{undefined}', which is not one of its stages"
                : null;
        }, maxTest);
    }

    /// <summary>
    /// No contact plan is due before the customer's last contact: random customers (grades and lead labels of this rule set,
    /// event kinds it follows up, first deals, planning days up to two years on), shrunk to a simplest failing customer.
    /// </summary>
    /// <param name="rules">The rule set.</param>
    /// <param name="maxTest">Random cases.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    public static RuleCheckResult CadenceNeverDueBeforeLastContact(CrmRuleSet rules, int maxTest = DefaultMaxTest)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return CadenceNeverDueBeforeLastContact(CrmGen.CadenceCases(rules), c => rules.Cadence.Plan(c.Customer(), c.AsOf).NextDue, maxTest);
    }

    /// <summary>The cadence check over any planner: the seam the package's own tests break on purpose.</summary>
    internal static RuleCheckResult CadenceNeverDueBeforeLastContact(Arbitrary<CadenceCase> cases, Func<CadenceCase, LocalDate> nextDue, int maxTest)
        => PropertyRun.Check(CadenceAfterContact, cases, c => nextDue(c) is var due && due < c.LastContact
            ? $"due {due:uuuu-MM-dd}, before the last contact {c.LastContact:uuuu-MM-dd}"
            : null, maxTest);

    /// <summary>Every check of this class on one rule set.</summary>
    /// <param name="rules">The rule set.</param>
    /// <param name="maxTest">Random cases per random check.</param>
    /// <returns>One result per check, in a fixed order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    public static IReadOnlyList<RuleCheckResult> All(CrmRuleSet rules, int maxTest = DefaultMaxTest)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return
        [
            GradingIsMonotone(rules, maxTest),
            GradeBandsPartitionTotals(rules, maxTest),
            ChurnBandsPartitionTotals(rules),
            SlaDeadlinesAreMonotone(rules, maxTest),
            LifecycleStaysInDefinedStages(rules, maxTest),
            CadenceNeverDueBeforeLastContact(rules, maxTest),
            NpsCategoriesPartitionAnswers(rules, maxTest),
            DemandOrderIsDeterministic(rules, maxTest),
            DataCompletenessIsARate(rules, maxTest),
            RfmScoresCoverTheSegmentTable(rules, maxTest),
            LoyaltyPointsNeverNegative(rules, maxTest),
            AccessFollowsTheRoles(rules),
            SlaPausesNeverAdvanceTheDeadline(rules, maxTest),
        ];
    }

    /// <summary>The options a compiled rule set was compiled from (its canonical JSON read back), read once per rule set.</summary>
    /// <remarks>
    /// A rules file is laid over the seed standard, so a map entry of the seed that the rule set does not have (a renamed
    /// grade, a removed machine) is written as <c>null</c> before it is read back: otherwise the seed's entry would come
    /// back (two floor grades, say) and the read-back options would not even validate.
    /// </remarks>
    // The options a rule set was compiled from, read back once per rule set (the checks ask for them per case).
    internal static CrmRulesOptions OptionsOf(CrmRuleSet rules) => ReadBack.GetValue(rules, r => r.ToOptions());

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<CrmRuleSet, CrmRulesOptions> ReadBack = new();

    // Every complete score vector when there are few enough, otherwise random ones shrunk towards the lowest scores.
    private static RuleCheckResult ScoreCombinations(ValueGradingRules grading, string property, Func<byte[], string?> violation, int maxTest)
    {
        var width = grading.Indicators.Count;
        var low = grading.MinimumScore;
        var high = grading.MaximumScore;
        var size = Math.Pow(high - low + 1, width);
        if (size <= ExhaustiveLimit)
        {
            var scores = Enumerable.Repeat((byte)low, width).ToArray();
            var tried = 0;
            while (true)
            {
                tried++;
                if (violation(scores) is { } problem)
                {
                    return RuleCheckResult.Failed(property, tried, exhaustive: true, $"scores {string.Join(",", scores)}: {problem}");
                }

                var k = width - 1;
                while (k >= 0 && scores[k] == high)
                {
                    scores[k--] = (byte)low;
                }

                if (k < 0)
                {
                    return RuleCheckResult.Passed(property, tried, exhaustive: true);
                }

                scores[k]++;
            }
        }

        var cases = Arb.From(
            Gen.Choose(low, high).Select(s => (byte)s).ArrayOf(width).Select(s => new ScoreVector(s)),
            v => Shrink.Each(v.Scores, s => Shrink.Towards(s, low).Select(x => (byte)x)).Select(s => new ScoreVector(s)));
        return PropertyRun.Check(property, cases, v => violation(v.Scores), maxTest);
    }

    private static string? BandsChangeDirection(Indicator indicator)
    {
        var bands = indicator.Bands;
        var direction = 0;
        for (var k = 1; k < bands.Count; k++)
        {
            var step = Math.Sign(bands[k].Score - bands[k - 1].Score);
            if (step != 0 && direction != 0 && step != direction)
            {
                var turn = bands[k - 1];
                return $"indicator '{indicator.Name}': its bands score {string.Join(", ", bands.Select(b => $"{Range(b.Min, b.Max)} → {b.Score}"))}, " +
                    $"{(direction > 0 ? "rising" : "falling")} up to {Range(turn.Min, turn.Max)} and {(step > 0 ? "rising" : "falling")} after it, so more of the value moves the grade both ways";
            }

            direction = step != 0 ? step : direction;
        }

        return null;
    }

    // Each dimension starts at 1; any subset of its enabled signals may fire; the dimension is capped at 5.
    private static int[] Reachable(Churn.ChurnOptions options, string dimension)
    {
        var sums = new HashSet<int> { 1 };
        foreach (var signal in options.Signals.Values.Where(s => s.Enabled && s.Dimension == dimension && s.Points > 0))
        {
            foreach (var sum in sums.ToArray())
            {
                sums.Add(Math.Min(5, sum + signal.Points));
            }
        }

        return sums.Order().ToArray();
    }

    // Dividing by one with 28 decimals drops trailing zeros: 4.500 shows as 4.5.
    private static string Show(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    private static string Range(decimal? min, decimal? max) =>
        $"{(min is { } lo ? Show(lo) : "lowest")} up to {(max is { } hi ? Show(hi) : "highest")}";

    private sealed record ScoreVector(byte[] Scores)
    {
        public override string ToString() => $"scores {string.Join(",", Scores)}";
    }

    private sealed record SlaStart(IReadOnlyList<SlaPolicy> Policies, int Policy, int Minute, int LaterMinutes)
    {
        public const int WindowMinutes = 40 * 365 * 24 * 60;

        private static readonly Instant WindowStart = Instant.FromUtc(2000, 1, 1, 0, 0);

        public Instant Start => WindowStart + Duration.FromMinutes(Minute);

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"policy '{Policies[Policy].Name}', start {Start} and {LaterMinutes} minutes later");
    }
}
