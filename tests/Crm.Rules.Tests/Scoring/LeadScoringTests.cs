namespace Crm.Rules.Tests.Scoring;

public class LeadScoringTests
{
    private static readonly LeadScoringRules Seed = CrmRuleSet.SeedStandard.LeadScoring;

    [Fact]
    public void Lead1_SeedStandard_PointsAndThreshold()
    {
        Assert.Equal(
            [("industryMatch", 3m), ("budgetClear", 2m), ("authorityClear", 2m)],
            Seed.Criteria.Select(c => (c.Name, c.Points)));
        Assert.Equal(5m, Seed.AdvanceAtPoints);
        Assert.Equal(["high-potential", "normal", "nurture"], Seed.Labels.Select(l => l.Name));
    }

    [Theory]
    [InlineData(new[] { "industryMatch", "budgetClear", "authorityClear" }, 7, "high-potential", true)]
    [InlineData(new[] { "industryMatch", "budgetClear" }, 5, "high-potential", true)]
    [InlineData(new[] { "budgetClear", "authorityClear" }, 4, "normal", false)]
    [InlineData(new[] { "industryMatch" }, 3, "normal", false)]
    [InlineData(new[] { "budgetClear" }, 2, "nurture", false)]
    [InlineData(new string[0], 0, "nurture", false)]
    public void Lead1_PointsLabelAndAdvance(string[] met, int points, string label, bool advances)
    {
        var assessment = Seed.Assess(met);

        Assert.Equal((decimal)points, assessment.Points);
        Assert.Equal(label, assessment.Label.Name);
        Assert.Equal(advances, assessment.Advances);
        Assert.Equal(met.Length, assessment.Met.Count);
        Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, assessment.Fingerprint);
    }

    [Fact]
    public void Lead1_NegativePointsSubtract()
    {
        var rules = TestRules.FromJson("""
            { "leadScoring": { "criteria": { "competitorLockIn": { "points": -2.5, "description": "signed with a competitor last year" } } } }
            """).LeadScoring;

        var assessment = rules.Assess(["industryMatch", "budgetClear", "competitorLockIn"]);

        Assert.Equal(2.5m, assessment.Points);
        Assert.Equal("nurture", assessment.Label.Name);
        Assert.False(assessment.Advances);
        Assert.Equal(-2.5m, rules.Assess(["competitorLockIn"]).Points);
    }

    [Fact]
    public void Lead1_UnknownCriterionIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => Seed.Assess(["budget"]));
        Assert.StartsWith("'budget' is not a lead criterion (known: industryMatch, budgetClear, authorityClear)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_FlagVectorMatchesAssess()
    {
        var outcome = Seed.Score([true, false, true]);
        Assert.Equal((5m, "high-potential", true), (outcome.Points, outcome.Label!.Name, outcome.Advances));
    }
}
