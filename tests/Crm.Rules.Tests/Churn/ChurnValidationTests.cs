using Crm.Rules.Churn;
using Crm.Rules.Configuration;

namespace Crm.Rules.Tests.Churn;

/// <summary>CHURN-1 … CHURN-5 validation: each error alone with its path, and the settings at the edge that stay valid.</summary>
public class ChurnValidationTests
{
    [Theory]
    [InlineData("""{ "churn": { "signals": { "silence": {} } } }""", "churn.signals.silence: is not a signal detector (known: noUse, amountDrop, competitorInquiry, keyContactLeft, contactFrequencyDrop, negativeFeedback, renewalRefused, unresolvedComplaints, lowProbabilityAlive)")]
    // An unknown detector is reported once; its settings are not checked as well.
    [InlineData("""{ "churn": { "signals": { "silence": { "dimension": "value", "points": 9, "threshold": -1 } } } }""", "churn.signals.silence: is not a signal detector (known: noUse, amountDrop, competitorInquiry, keyContactLeft, contactFrequencyDrop, negativeFeedback, renewalRefused, unresolvedComplaints, lowProbabilityAlive)")]
    [InlineData("""{ "churn": { "signals": { "noUse": { "dimension": "value" } } } }""", "churn.signals.noUse.dimension: must be \"behaviour\" or \"attitude\"; got \"value\"")]
    [InlineData("""{ "churn": { "signals": { "noUse": { "points": -1 } } } }""", "churn.signals.noUse.points: must be between 0 and 4 (a dimension runs from 1 to 5); got -1")]
    [InlineData("""{ "churn": { "signals": { "noUse": { "points": 5 } } } }""", "churn.signals.noUse.points: must be between 0 and 4 (a dimension runs from 1 to 5); got 5")]
    [InlineData("""{ "churn": { "signals": { "amountDrop": { "threshold": -0.1 } } } }""", "churn.signals.amountDrop.threshold: must not be negative")]
    [InlineData("""{ "churn": { "signals": { "noUse": { "loginThreshold": -1 } } } }""", "churn.signals.noUse.threshold: must not be negative")]
    [InlineData("""{ "churn": { "signals": { "lowProbabilityAlive": { "threshold": 1.5 } } } }""", "churn.signals.lowProbabilityAlive.threshold: must be a probability above 0 and at most 1; got 1.5")]
    [InlineData("""{ "churn": { "signals": { "lowProbabilityAlive": { "threshold": 0 } } } }""", "churn.signals.lowProbabilityAlive.threshold: must be a probability above 0 and at most 1; got 0")]
    [InlineData("""{ "churn": { "signals": { "lowProbabilityAlive": { "threshold": null } } } }""", "churn.signals.lowProbabilityAlive.threshold: must be a probability above 0 and at most 1; got none")]
    [InlineData("""{ "churn": { "valueScores": { "B": 0 } } }""", "churn.valueScores.B: must be a score from 1 to 5; got 0")]
    [InlineData("""{ "churn": { "valueScores": { "A": 6 } } }""", "churn.valueScores.A: must be a score from 1 to 5; got 6")]
    [InlineData("""{ "churn": { "ungradedValueScore": 0 } }""", "churn.ungradedValueScore: must be a score from 1 to 5; got 0")]
    [InlineData("""{ "churn": { "ungradedValueScore": 6 } }""", "churn.ungradedValueScore: must be a score from 1 to 5; got 6")]
    [InlineData("""{ "churn": { "riskTagAfterDays": 0 } }""", "churn.riskTagAfterDays: must be at least 1")]
    [InlineData("""{ "churn": { "bands": { "low": { "minimumTotal": 4 } } } }""", "churn.bands: exactly one band (the lowest) must leave out minimumTotal")]
    [InlineData("""{ "churn": { "bands": { "medium": { "minimumTotal": null } } } }""", "churn.bands: exactly one band (the lowest) must leave out minimumTotal")]
    [InlineData("""{ "churn": { "bands": { "medium": { "minimumTotal": 3 } } } }""", "churn.bands.medium.minimumTotal: must lie between 4 and 15 (totals run from 3 to 15); got 3")]
    [InlineData("""{ "churn": { "bands": { "high": { "minimumTotal": 16 } } } }""", "churn.bands.high.minimumTotal: must lie between 4 and 15 (totals run from 3 to 15); got 16")]
    [InlineData("""{ "churn": { "bands": { "medium": { "minimumTotal": 12 } } } }""", "churn.bands.medium.minimumTotal: equals the minimum total of band 'high' (12); band thresholds must be strictly ordered")]
    [InlineData("""{ "churn": { "bands": { "medium": { "ownerRole": " " } } } }""", "churn.bands.medium.ownerRole: must name the role that leads the response")]
    public void Churn_InvalidSettingsAreReportedAloneWithTheirPath(string json, string expected)
        => Assert.Equal([expected], TestRules.ProblemsOf(json));

    [Theory]
    [InlineData("""{ "churn": { "signals": { "noUse": { "points": 0, "dimension": "attitude", "threshold": 0, "loginThreshold": 0 }, "renewalRefused": { "points": 4 } } } }""")]
    [InlineData("""{ "churn": { "valueScores": { "A": 1, "C": 5 }, "ungradedValueScore": 1 } }""")]
    [InlineData("""{ "churn": { "ungradedValueScore": 5, "riskTagAfterDays": 1 } }""")]
    [InlineData("""{ "churn": { "bands": { "high": { "minimumTotal": 15 }, "medium": { "minimumTotal": 4 } } } }""")]
    [InlineData("""{ "churn": { "signals": { "noUse": { "enabled": false } } } }""")]
    public void Churn_SettingsAtTheEdgeAreValid(string json)
    {
        Assert.Empty(TestRules.ProblemsOf(json));
        Assert.NotNull(TestRules.FromJson(json).Churn);
    }

    public static TheoryData<string[], Action<CrmRulesOptions>> CodeCases => new()
    {
        { ["churn.signals.noUse: must not be null"], o => o.Churn.Signals["noUse"] = null! },
        { ["churn.bands: must define at least one band"], o => o.Churn.Bands = [] },
        { ["churn.bands: must define at least one band"], o => o.Churn.Bands = null! },
        { ["churn.bands: exactly one band (the lowest) must leave out minimumTotal"], o => o.Churn.Bands["medium"] = null! },
        { ["churn.signals.noUse.dimension: must be \"behaviour\" or \"attitude\"; got \"\""], o => o.Churn.Signals["noUse"].Dimension = null! },
    };

    [Theory]
    [MemberData(nameof(CodeCases))]
    public void Churn_OptionsBuiltInCode_AreReportedNotThrown(string[] expected, Action<CrmRulesOptions> change)
    {
        var options = new CrmRulesOptions();
        change(options);
        Assert.Equal(expected, CrmRulesValidation.Validate(options).Select(e => e.ToString()).Where(e => e.StartsWith("churn", StringComparison.Ordinal)));
    }

    [Fact]
    public void Churn_NullSignalsAndValueScoresAreSkipped()
    {
        // Nothing to check in a map that is not there (the loader never hands one over; options built in code may).
        var options = new CrmRulesOptions();
        options.Churn.Signals = null!;
        options.Churn.ValueScores = null!;
        Assert.DoesNotContain(CrmRulesValidation.Validate(options).Select(e => e.ToString()), e => e.StartsWith("churn.signals", StringComparison.Ordinal) || e.StartsWith("churn.valueScores", StringComparison.Ordinal));
    }
}
