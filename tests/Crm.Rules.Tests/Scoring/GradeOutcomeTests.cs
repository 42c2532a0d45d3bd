using System.Runtime.CompilerServices;

namespace Crm.Rules.Tests.Scoring;

public class GradeOutcomeTests
{
    private static readonly ValueGradingRules Seed = CrmRuleSet.SeedStandard.ValueGrading;

    [Fact]
    public void Default_IsNotGraded()
    {
        var outcome = default(GradeOutcome);

        Assert.Equal(GradeStatus.NotGraded, outcome.Status);
        Assert.Equal(0, (int)outcome.Status);
        Assert.False(outcome.IsGraded);
        Assert.Null(outcome.Grade);
        Assert.Equal(0m, outcome.Total);
        Assert.Null(outcome.ProblemIndicator);
        Assert.Equal("", outcome.Fingerprint);
        Assert.Equal("not graded", outcome.ToString());
    }

    [Fact]
    public void Default_AnUnfilledBatchSlotIsNotGraded()
    {
        var outcomes = new GradeOutcome[2];
        Seed.GradeBatch(TestRules.Scores(4, 4, 4, 4, 4, 4), outcomes.AsSpan(0, 1));

        Assert.Equal((GradeStatus.Graded, "A"), (outcomes[0].Status, outcomes[0].Grade?.Name));
        Assert.Equal((GradeStatus.NotGraded, null), (outcomes[1].Status, outcomes[1].Grade?.Name));
    }

    [Fact]
    public void Outcome_StaysTwentyFourBytes()
        => Assert.Equal(24, Unsafe.SizeOf<GradeOutcome>());

    [Fact]
    public void ToString_ReadsForEveryStatus()
    {
        var renormalizing = TestRules.FromJson("""{ "valueGrading": { "missingValues": "renormalize" } }""").ValueGrading;

        Assert.Equal("A (total 4.3)", Seed.Grade(TestRules.Scores(5, 4, 4, 4, 4, 4)).ToString());
        Assert.Equal("A (total 4, weights renormalized; historicalAmount missing)", renormalizing.Grade(TestRules.Scores(0, 4, 4, 4, 4, 4)).ToString());
        Assert.Equal("not graded: frequency missing", Seed.Grade(TestRules.Scores(5, 0, 5, 5, 5, 5)).ToString());
        Assert.Equal("not graded: historicalAmount missing", renormalizing.Grade(new byte[6]).ToString());
        Assert.Equal("not graded: industryInfluence has a value that cannot be scored", Seed.Grade(TestRules.Scores(5, 5, 5, 6, 5, 5)).ToString());
        Assert.Equal("not graded", default(GradeOutcome).ToString());
        Assert.All(Enum.GetValues<GradeStatus>(), s => Assert.NotEqual(s.ToString(), ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void SeedStandard_GradesThroughTheRankTable()
    {
        // Weights 0.30, 0.15, 0.15, 0.10, 0.15, 0.15 are 6, 3, 3, 2, 3, 3 units of 0.05: 101 possible totals.
        Assert.True(Seed.HasRankTable);
        Assert.Equal("B", Seed.Grade(TestRules.Scores(4, 4, 4, 3, 4, 4)).Grade!.Name);
        Assert.Equal("A", Seed.Grade(TestRules.Scores(4, 4, 4, 4, 4, 4)).Grade!.Name);
    }

    [Fact]
    public void ThresholdBetweenTwoUnitTotals_IsReachedOnlyByTheHigherOne()
    {
        // Units of 0.5: totals 3.5 and 4 sit either side of 3.75 (the table entry of 3.5 must not round up).
        var rules = TestRules.FromJson("""
            { "valueGrading": {
                "indicators": [ {"name":"a","weight":0.5}, {"name":"b","weight":0.5} ],
                "grades": { "A": {"minimumTotal": 3.750001}, "B": {"minimumTotal": 3.75} } } }
            """).ValueGrading;

        Assert.True(rules.HasRankTable);
        Assert.Equal("C", rules.Grade(TestRules.Scores(3, 4)).Grade!.Name);
        Assert.Equal("A", rules.Grade(TestRules.Scores(4, 4)).Grade!.Name);
    }
}
