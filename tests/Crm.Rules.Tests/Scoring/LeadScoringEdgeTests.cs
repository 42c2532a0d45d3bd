namespace Crm.Rules.Tests.Scoring;

/// <summary>LEAD-1 at the edges: thresholds other than the seed's, labels configured lowest first, refusals and texts.</summary>
public class LeadScoringEdgeTests
{
    private static readonly LeadScoringRules Seed = CrmRuleSet.SeedStandard.LeadScoring;

    [Fact]
    public void Lead1_AdvancesFromExactlyTheConfiguredPoints()
    {
        // An advance threshold between the label thresholds: 4 advances, 3.999999 does not.
        var rules = TestRules.FromJson("""
            { "leadScoring": { "advanceAtPoints": 4, "criteria": { "a": { "points": 3.999999 }, "b": { "points": 0.000001 } } } }
            """).LeadScoring;

        Assert.True(rules.Assess(["a", "b"]).Advances);
        Assert.Equal(4m, rules.Assess(["a", "b"]).Points);
        Assert.False(rules.Assess(["a"]).Advances);
        Assert.Equal("normal", rules.Assess(["a", "b"]).Label.Name);
        Assert.Equal(4m, rules.AdvanceAtPoints);
    }

    [Fact]
    public void Lead1_LabelsConfiguredLowestFirstRankByThreshold()
    {
        // Options built in code keep the dictionary's order; labels must still rank highest threshold first.
        var options = new CrmRulesOptions();
        options.LeadScoring.Criteria = new() { ["one"] = new() { Points = 1 }, ["two"] = new() { Points = 2 }, ["four"] = new() { Points = 4 } };
        options.LeadScoring.Labels = new()
        {
            ["cold"] = new LeadLabelOptions(),
            ["warm"] = new LeadLabelOptions { MinimumPoints = 2 },
            ["hot"] = new LeadLabelOptions { MinimumPoints = 6 },
        };
        var rules = CrmRuleSet.Compile(options).LeadScoring;

        Assert.Equal([new LeadLabel("hot", 6m, 0), new LeadLabel("warm", 2m, 1), new LeadLabel("cold", null, 2)], rules.Labels);
        Assert.Equal(
            ["hot", "hot", "warm", "warm", "cold", "cold"],
            new[] { (true, true, true), (false, true, true), (true, false, true), (false, true, false), (true, false, false), (false, false, false) }
                .Select(m => rules.Score([m.Item1, m.Item2, m.Item3]).Label!.Name));
    }

    [Fact]
    public void Lead1_UnmetCriteriaAreListed_InConfigurationOrder()
    {
        var assessment = Seed.Assess(["authorityClear"]);
        Assert.Equal(["authorityClear"], assessment.Met.Select(c => c.Name));
        Assert.Equal(["industryMatch", "budgetClear"], assessment.NotMet.Select(c => c.Name));
        Assert.Equal(2, Seed.IndexOf("authorityClear"));
        Assert.Equal(-1, Seed.IndexOf("AuthorityClear"));
    }

    [Fact]
    public void Lead1_RefusesWrongInputs()
    {
        Assert.Equal("Expected 3 flags, one per criterion, but got 2. (Parameter 'met')", Assert.Throws<ArgumentException>(() => Seed.Score([true, true])).Message);
        Assert.Throws<ArgumentNullException>(() => Seed.Assess(null!));
        Assert.Equal(
            "'budget' is not a lead criterion (known: industryMatch, budgetClear, authorityClear). (Parameter 'metCriteria')",
            Assert.Throws<ArgumentException>(() => Seed.Assess(["industryMatch", "budget"])).Message);
    }

    [Fact]
    public void Lead1_ADefaultOutcomeHasNoLabelAndDoesNotAdvance()
    {
        var outcome = default(LeadOutcome);
        Assert.Equal((0m, (LeadLabel?)null, false, ""), (outcome.Points, outcome.Label, outcome.Advances, outcome.Fingerprint));
        Assert.Equal("not screened", outcome.ToString());
    }

    [Fact]
    public void Lead1_AssessmentsReadAsText()
    {
        Assert.Equal("high-potential (7 points, advances); met: industryMatch, budgetClear, authorityClear", Seed.Assess(["industryMatch", "budgetClear", "authorityClear"]).ToString());
        Assert.Equal("nurture (0 points); met: none", Seed.Assess([]).ToString());
        var rules = TestRules.FromJson("""{ "leadScoring": { "criteria": { "referral": { "points": 1 }, "lockIn": { "points": -2.5 } } } }""").LeadScoring;
        Assert.Equal("nurture (1 point); met: referral", rules.Assess(["referral"]).ToString());
        Assert.Equal("nurture (-2.5 points)", rules.Score([false, false, false, false, true]).ToString());
    }

    [Fact]
    public void Lead1_CriteriaKeepTheirDescriptions()
    {
        var rules = TestRules.FromJson("""{ "leadScoring": { "criteria": { "lockIn": { "points": -2.5, "description": "signed with a competitor" } } } }""").LeadScoring;
        Assert.Equal(new LeadCriterion("lockIn", -2.5m, "signed with a competitor"), rules.Criteria[^1]);
        Assert.Null(rules.Criteria[0].Description);
    }
}
