using Crm.Rules.Sla;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Crm.Rules.Tests.Testing;

public class RuleChecksTests
{
    private static readonly CrmRuleSet Seed = CrmRuleSet.SeedStandard;

    [Fact]
    public void EveryCheck_HoldsOnTheSeedStandard()
    {
        var results = RuleChecks.All(Seed, maxTest: 100);
        Assert.All(results, r => Assert.True(r.Holds, r.ToString()));
        RuleAssert.AllHold(results);
        RuleAssert.GradingIsMonotone(Seed);
        RuleAssert.GradeBandsPartitionTotals(Seed);
        RuleAssert.ChurnBandsPartitionTotals(Seed);
        RuleAssert.SlaDeadlinesAreMonotone(Seed);
        RuleAssert.LifecycleStaysInDefinedStages(Seed);
        RuleAssert.CadenceNeverDueBeforeLastContact(Seed);
    }

    [Fact]
    public void SmallSpaces_AreCheckedExhaustively()
    {
        var grading = RuleChecks.GradingIsMonotone(Seed);
        Assert.True(grading.Exhaustive);
        Assert.Equal(15_625, grading.CasesTried); // 5^6 score vectors
        Assert.Equal("holds: grading is monotone (raising an indicator score never lowers the grade or the total; banded indicators score monotonically in their value) (15625 cases, every case)", grading.ToString());
        Assert.True(RuleChecks.ChurnBandsPartitionTotals(Seed).Exhaustive);
        Assert.False(RuleChecks.SlaDeadlinesAreMonotone(Seed, 50).Exhaustive);
    }

    [Fact]
    public void GradingIsMonotone_FailsOnBandsThatRiseThenFall()
    {
        var options = new CrmRulesOptions();
        options.ValueGrading.Indicators[0].Bands =
        [
            new ScoreBandOptions { Max = 10, Score = 1 },
            new ScoreBandOptions { Min = 10, Max = 20, Score = 5 },
            new ScoreBandOptions { Min = 20, Score = 2 },
        ];
        var rules = CrmRuleSet.Compile(options);

        var result = RuleChecks.GradingIsMonotone(rules);

        Assert.False(result.Holds);
        Assert.Contains("indicator 'historicalAmount'", result.CounterExample, StringComparison.Ordinal);
        Assert.Contains("rising up to 10 up to 20 and falling after it", result.CounterExample, StringComparison.Ordinal);
        var thrown = Assert.Throws<RuleAssertionException>(() => RuleAssert.GradingIsMonotone(rules));
        Assert.Same(result.CounterExample, result.CounterExample);
        Assert.StartsWith("does not hold: grading is monotone", thrown.Message, StringComparison.Ordinal);
        Assert.False(thrown.Result!.Holds);
    }

    [Fact]
    public void GradingIsMonotone_AcceptsBandsThatOnlyFall()
    {
        var options = new CrmRulesOptions();
        options.ValueGrading.Indicators[0].Bands =
        [
            new ScoreBandOptions { Max = 30, Score = 5 },
            new ScoreBandOptions { Min = 30, Max = 90, Score = 3 },
            new ScoreBandOptions { Min = 90, Score = 1 },
        ];
        Assert.True(RuleChecks.GradingIsMonotone(CrmRuleSet.Compile(options)).Holds);
    }

    [Fact]
    public void GradeBandsPartitionTotals_FailsOnAGradeNoTotalReaches()
    {
        // The seed's weights are multiples of 0.05, so every total is too: nothing lies in [3.01, 3.02).
        var options = new CrmRulesOptions();
        var treatment = options.ValueGrading.Grades["C"].Treatment;
        options.ValueGrading.Grades["B"].MinimumTotal = 3.02m;
        options.ValueGrading.Grades["Sliver"] = new GradeOptions { MinimumTotal = 3.01m, Treatment = treatment };
        var rules = CrmRuleSet.Compile(GradeReferences.Follow(options));

        var result = RuleChecks.GradeBandsPartitionTotals(rules);

        Assert.False(result.Holds);
        Assert.True(result.Exhaustive);
        Assert.Equal(
            "grade Sliver (3.01 up to 3.02) is reached by no score combination; the nearest reachable totals are 3 below and 3.05 above",
            result.CounterExample);
        Assert.Throws<RuleAssertionException>(() => RuleAssert.GradeBandsPartitionTotals(rules));
    }

    [Fact]
    public void ChurnBandsPartitionTotals_FailsOnABandAboveTheHighestReachableTotal()
    {
        // Value scores of at most 3 cap the total at 5 + 5 + 3 = 13: a band from 14 is never reached.
        var options = new CrmRulesOptions();
        options.Churn.ValueScores = new Dictionary<string, int> { ["A"] = 3, ["B"] = 2, ["C"] = 1 };
        options.Churn.Bands["high"].MinimumTotal = 14;
        var rules = CrmRuleSet.Compile(options);

        var result = RuleChecks.ChurnBandsPartitionTotals(rules);

        Assert.False(result.Holds);
        Assert.StartsWith("band high (from total 14) is reached by no total: the reachable totals are 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13", result.CounterExample, StringComparison.Ordinal);
        Assert.Throws<RuleAssertionException>(() => RuleAssert.ChurnBandsPartitionTotals(rules));
    }

    [Fact]
    public void SlaDeadlinesAreMonotone_FailsWithAShrunkCounterExample_WhenALaterStartGivesAnEarlierDeadline()
    {
        // A broken calculator: starts in the afternoon (UTC) get a deadline two days early.
        var policies = Seed.Sla.Policies;
        Instant Broken(SlaPolicy policy, Instant start) =>
            Seed.Sla.Evaluate(SlaClock.Start(policy, start), start).Deadline - (start.InUtc().Hour >= 12 ? Duration.FromDays(2) : Duration.Zero);

        var result = RuleChecks.SlaDeadlinesAreMonotone(policies, Broken, 300);

        Assert.False(result.Holds);
        Assert.False(result.Exhaustive);
        // Shrinking tries the first policy first, but a case that fails for one policy need not fail for it (its deadline
        // may cross a weekend the two-day slip does not undo), so the counter-example names some policy of the set.
        Assert.Contains(policies, p => result.CounterExample!.StartsWith($"policy '{p.Name}', start ", StringComparison.Ordinal));
        Assert.Contains("the deadline moves from", result.CounterExample, StringComparison.Ordinal);
        Assert.True(result.Shrinks > 0, result.ToString());
        Assert.Contains("first found as: ", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void LifecycleStaysInDefinedStages_FailsOnATransitionToAnUndefinedStage()
    {
        var ghost = new GhostMachine();
        var result = RuleChecks.LifecycleStaysInDefinedStages([ghost], _ => new Dictionary<string, string>(), 50);

        Assert.False(result.Holds);
        Assert.Equal("machine 'ghostly': a transition from 'open' ends at 'limbo', which is not one of its stages (open, closed)", result.CounterExample);
    }

    [Fact]
    public void LifecycleStaysInDefinedStages_FailsWithAShrunkCase_OnAProposalOfAnUndefinedStage()
    {
        var result = RuleChecks.LifecycleStaysInDefinedStages([new GhostMachine(proposesGhost: true)], _ => new Dictionary<string, string> { ["vip"] = "boolean" }, 200);

        Assert.False(result.Holds);
        Assert.Equal("machine 'ghostly' at 'open' with facts vip=true: machine 'ghostly' proposes 'limbo', which is not one of its stages", result.CounterExample);
    }

    [Fact]
    public void CadenceNeverDueBeforeLastContact_FailsWithTheSimplestCustomer()
    {
        // A broken planner: complaints are followed up a week before the last contact.
        var result = RuleChecks.CadenceNeverDueBeforeLastContact(
            CrmGen.CadenceCases(Seed),
            c => c.EventKind == "complaint" ? c.LastContact.PlusDays(-7) : Seed.Cadence.Plan(c.Customer(), c.AsOf).NextDue,
            300);

        Assert.False(result.Holds);
        Assert.Equal("grade none, lead high-potential, last contact 2020-01-01, as of +0d, first deal none, event complaint at +0d: due 2019-12-25, before the last contact 2020-01-01", result.CounterExample);
    }

    [Fact]
    public void TheResultText_SaysWhatFailedAndHow()
    {
        var failed = RuleCheckResult.Failed("p", 12, exhaustive: false, "x: bad", "y: bad", 3);
        Assert.Equal($"does not hold: p (12 cases at random); counter-example (shrunk 3 times): x: bad{Environment.NewLine}  first found as: y: bad", failed.ToString());
        Assert.Equal("does not hold: p (1 case, every case); counter-example: x", RuleCheckResult.Failed("p", 1, exhaustive: true, "x").ToString());
        Assert.Null(RuleCheckResult.Failed("p", 1, exhaustive: false, "x", "x").OriginalCounterExample);
        var message = Assert.Throws<RuleAssertionException>(() => RuleAssert.AllHold([failed, RuleCheckResult.Passed("q", 1, true), failed])).Message;
        Assert.StartsWith("2 rule checks do not hold:", message, StringComparison.Ordinal);
        RuleAssert.Holds(RuleCheckResult.Passed("q", 1, true));
    }

    private sealed class GhostMachine(bool proposesGhost = false) : IStageMachine
    {
        public string Name => "ghostly";

        public IReadOnlyList<string> Stages { get; } = ["open", "closed"];

        public string Propose(string stage, Crm.Rules.Lifecycle.StageFacts facts)
            => proposesGhost && facts.ToString().Contains("vip=true", StringComparison.Ordinal) ? "limbo" : stage;

        public IEnumerable<string> Moves(string stage, Crm.Rules.Lifecycle.StageFacts facts)
            => proposesGhost ? (stage == "open" ? ["closed"] : []) : stage == "open" ? ["closed", "limbo"] : [];
    }
}
