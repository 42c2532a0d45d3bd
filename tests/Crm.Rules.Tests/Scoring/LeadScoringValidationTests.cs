using Crm.Rules.Configuration;

namespace Crm.Rules.Tests.Scoring;

/// <summary>LEAD-1 validation: every error alone with its path, and the settings at the edge that stay valid.</summary>
public class LeadScoringValidationTests
{
    [Theory]
    [InlineData("""{ "leadScoring": { "criteria": { "industryMatch": { "points": 2.0000001 } } } }""", "leadScoring.criteria.industryMatch.points: must have at most 6 decimal places (got 2.0000001)")]
    [InlineData("""{ "leadScoring": { "advanceAtPoints": 5.0000001 } }""", "leadScoring.advanceAtPoints: must have at most 6 decimal places (got 5.0000001)")]
    [InlineData("""{ "leadScoring": { "labels": { "normal": { "minimumPoints": 3.0000001 } } } }""", "leadScoring.labels.normal.minimumPoints: must have at most 6 decimal places (got 3.0000001)")]
    [InlineData("""{ "leadScoring": { "labels": { "normal": { "minimumPoints": 5.0 } } } }""", "leadScoring.labels.normal.minimumPoints: equals the minimum points of label 'high-potential' (5); label thresholds must be strictly ordered")]
    [InlineData("""{ "leadScoring": { "labels": { "nurture": { "minimumPoints": 1 } } } }""", "leadScoring.labels: no label takes the lowest totals: leave out minimumPoints on exactly one label")]
    [InlineData("""{ "leadScoring": { "labels": { "high-potential": { "minimumPoints": null }, "normal": { "minimumPoints": null } } } }""", "leadScoring.labels: labels 'high-potential', 'normal', 'nurture' all leave out minimumPoints; only the lowest label may")]
    public void Lead1_InvalidSettingsAreReportedAloneWithTheirPath(string json, string expected)
        => Assert.Equal([expected], TestRules.ProblemsOf(json));

    [Theory]
    [InlineData("""{ "leadScoring": { "criteria": { "industryMatch": { "points": -2.5 } }, "advanceAtPoints": -1 } }""")]
    [InlineData("""{ "leadScoring": { "labels": { "normal": { "minimumPoints": 4.999999 } } } }""")]
    [InlineData("""{ "leadScoring": { "labels": { "high-potential": null, "normal": null } } }""")]
    public void Lead1_SettingsAtTheEdgeAreValid(string json)
        => Assert.Empty(TestRules.ProblemsOf(json));

    public static TheoryData<string, Action<CrmRulesOptions>> CodeCases => new()
    {
        { "leadScoring.criteria: must define at least one criterion", o => o.LeadScoring.Criteria = [] },
        { "leadScoring.criteria.industryMatch: must not be null", o => o.LeadScoring.Criteria["industryMatch"] = null! },
        { "leadScoring.criteria[' ']: a criterion name must not be empty", o => o.LeadScoring.Criteria[" "] = new LeadCriterionOptions { Points = 1 } },
        { "leadScoring.labels: must define at least one label", o => o.LeadScoring.Labels = [] },
        { "leadScoring.labels.normal: must not be null", o => o.LeadScoring.Labels["normal"] = null! },
        { "leadScoring.labels['']: a label name must not be empty", o => o.LeadScoring.Labels[""] = new LeadLabelOptions { MinimumPoints = 9 } },
    };

    [Theory]
    [MemberData(nameof(CodeCases))]
    public void Lead1_OptionsBuiltInCode_AreReportedAlone(string expected, Action<CrmRulesOptions> change)
    {
        var options = new CrmRulesOptions();
        change(options);
        Assert.Equal([expected], CrmRulesValidation.Validate(options).Select(e => e.ToString()).Where(e => e.StartsWith("leadScoring", StringComparison.Ordinal)));
    }

    [Fact]
    public void Lead1_NullCriteriaAndLabelsAreReportedNotThrown()
    {
        var options = new CrmRulesOptions();
        options.LeadScoring.Criteria = null!;
        options.LeadScoring.Labels = null!;
        Assert.Equal(
            ["leadScoring.criteria: must define at least one criterion", "leadScoring.labels: must define at least one label"],
            CrmRulesValidation.Validate(options).Select(e => e.ToString()).Where(e => e.StartsWith("leadScoring", StringComparison.Ordinal)));
    }
}
