namespace Crm.Rules.Tests.Analytics;

/// <summary>RFM-1 / GRADE-8 / model settings validation: each error alone with its path and exact sentence.</summary>
public class AnalyticsValidationTests
{
    [Theory]
    [InlineData("""{ "analytics": { "rfm": { "scoring": "deciles" } } }""", "analytics.rfm.scoring: must be one of \"quantiles\", \"bands\", not the text \"deciles\"")]
    [InlineData("""{ "analytics": { "rfm": { "cancellations": "keep" } } }""", "analytics.rfm.cancellations: must be one of \"subtract\", \"ignore\", not the text \"keep\"")]
    [InlineData("""{ "analytics": { "rfm": { "bands": { "recencyDays": [30, 90, 180] } } } }""", "analytics.rfm.bands.recencyDays: must list 4 thresholds (five bands, one per score); got 3")]
    [InlineData("""{ "analytics": { "rfm": { "bands": { "recencyDays": [-1, 90, 180, 365] } } } }""", "analytics.rfm.bands.recencyDays[0]: must be at least 0; got -1")]
    [InlineData("""{ "analytics": { "rfm": { "bands": { "frequency": [2, 2, 5, 10] } } } }""", "analytics.rfm.bands.frequency[1]: must be above the threshold before it (2); got 2")]
    [InlineData("""{ "analytics": { "rfm": { "bands": { "frequency": [0, 2, 5, 10] } } } }""", "analytics.rfm.bands.frequency[0]: must be at least 1; got 0")]
    [InlineData("""{ "analytics": { "rfm": { "bands": { "monetary": [100, 500, 400, 5000] } } } }""", "analytics.rfm.bands.monetary[2]: must be above the threshold before it (500); got 400")]
    [InlineData("""{ "analytics": { "rfm": { "segments": [] } } }""", "analytics.rfm.segments: must list at least one segment (end with a catch-all row)")]
    [InlineData("""{ "analytics": { "rfm": { "segments": [ { "name": "top", "recency": { "min": 4 } } ] } } }""", "analytics.rfm.segments: 75 score triples reach no segment (first R1 F1 M1, R1 F1 M2, R1 F1 M3); end the table with a catch-all 1–5 row")]
    [InlineData("""{ "analytics": { "rfm": { "segments": [ { "name": "all" }, { "name": "top", "recency": { "min": 4 } } ] } } }""", "analytics.rfm.segments[1]: 'top': no customer can reach it; every score it holds is taken first by 'all' (row 0) or rows before it")]
    [InlineData("""{ "analytics": { "rfm": { "segments": [ { "name": "all", "frequency": { "min": 0 } } ] } } }""", "analytics.rfm.segments[0].frequency: 'all': 0..5 is not a range within 1..5 (min ≤ max)")]
    [InlineData("""{ "analytics": { "rfm": { "segments": [ { "name": "all", "monetary": { "min": 4, "max": 3 } }, { "name": "rest" } ] } } }""", "analytics.rfm.segments[0].monetary: 'all': 4..3 is not a range within 1..5 (min ≤ max)")]
    [InlineData("""{ "analytics": { "rfm": { "segments": [ { "name": "all", "recency": { "max": 1 } }, { "name": "all" } ] } } }""", "analytics.rfm.segments[1].name: 'all' is already the name of analytics.rfm.segments[0]; segment names must be unique")]
    [InlineData("""{ "analytics": { "vipTiers": [ { "name": "diamond", "share": 0 } ] } }""", "analytics.vipTiers[0].share: must be above 0 and at most 1 (a share of customers); got 0")]
    [InlineData("""{ "analytics": { "vipTiers": [ { "name": "diamond", "share": 0.6 }, { "name": "gold", "share": 0.5 } ] } }""", "analytics.vipTiers: the shares add up to 1.1; together the tiers can take at most every customer (1)")]
    [InlineData("""{ "analytics": { "vipTiers": [ { "name": "", "share": 0.1 } ] } }""", "analytics.vipTiers[0].name: every tier needs a name")]
    [InlineData("""{ "analytics": { "modelFit": { "maximumIterations": 9 } } }""", "analytics.modelFit.maximumIterations: must be between 10 and 1,000,000; got 9")]
    [InlineData("""{ "analytics": { "modelFit": { "toleranceDigits": 16 } } }""", "analytics.modelFit.toleranceDigits: must be between 1 and 15 (a double holds about 15 significant digits); got 16")]
    [InlineData("""{ "analytics": { "lifetimeValue": { "steps": 0 } } }""", "analytics.lifetimeValue.steps: must be between 1 and 10,000; got 0")]
    [InlineData("""{ "analytics": { "lifetimeValue": { "stepLength": 0 } } }""", "analytics.lifetimeValue.stepLength: must be above 0; got 0")]
    [InlineData("""{ "analytics": { "lifetimeValue": { "steps": 10000, "stepLength": 1000000 } } }""", "analytics.lifetimeValue: the horizon, steps × stepLength = 10000000000, must be at most 36,525 periods (100 years of days)")]
    [InlineData("""{ "analytics": { "lifetimeValue": { "discountRate": 1 } } }""", "analytics.lifetimeValue.discountRate: must be at least 0 and below 1 (a rate per step); got 1")]
    [InlineData("""{ "analytics": { "churnWarning": { "decimalPlaces": 11 } } }""", "analytics.churnWarning.decimalPlaces: must be between 1 and 10; got 11")]
    [InlineData("""{ "analytics": { "vipTiers": [ { "name": "x", "share": 0.1234567 } ] } }""", "analytics.vipTiers[0].share: must have at most 6 decimal places (got 0.1234567)")]
    [InlineData("""{ "analytics": { "gradingIndicators": { "amount": "monetaryScore" } } }""", "analytics.gradingIndicators.amount: is not an indicator of valueGrading.indicators (indicators: historicalAmount, frequency, grossMargin, industryInfluence, needMatch, willingness)")]
    [InlineData("""{ "analytics": { "gradingIndicators": { "historicalAmount": "monetary" } } }""", "analytics.gradingIndicators.historicalAmount: a raw figure needs the indicator's bands (valueGrading.indicators: 'historicalAmount' has none), or it would be taken as a score; map the monetary score instead")]
    [InlineData("""{ "analytics": { "gradingIndicators": { "frequency": "recencyDays" } } }""", "analytics.gradingIndicators.frequency: a raw figure needs the indicator's bands (valueGrading.indicators: 'frequency' has none), or it would be taken as a score; map the recency score instead")]
    [InlineData("""{ "valueGrading": { "scale": { "maximum": 4 }, "grades": { "A": { "minimumTotal": 3.5 } } }, "analytics": { "gradingIndicators": { "frequency": "frequencyScore" } } }""", "analytics.gradingIndicators.frequency: an RFM score runs from 1 to 5, outside the grading scale 1..4; map a raw figure through the indicator's bands instead")]
    [InlineData("""{ "analytics": { "gradingIndicators": { "frequency": "orders" } } }""", "analytics.gradingIndicators.frequency: must be one of \"recencyScore\", \"frequencyScore\", \"monetaryScore\", \"recencyDays\", \"frequency\", \"monetary\", not the text \"orders\"")]
    public void Analytics_InvalidSettingsAreReportedAloneWithTheirPath(string json, string expected)
        => Assert.Equal([expected], TestRules.ProblemsOf(json));

    [Fact]
    public void Analytics_EveryProblemIsReportedAtOnce()
        => Assert.Equal(
            [
                "analytics.rfm.bands.frequency[1]: must be above the threshold before it (3); got 3",
                "analytics.vipTiers[0].share: must be above 0 and at most 1 (a share of customers); got 2",
                "analytics.vipTiers: the shares add up to 2; together the tiers can take at most every customer (1)",
                "analytics.churnWarning.decimalPlaces: must be between 1 and 10; got 0",
            ],
            TestRules.ProblemsOf("""{ "analytics": { "rfm": { "bands": { "frequency": [3, 3, 5, 10] } }, "vipTiers": [ { "name": "x", "share": 2 } ], "churnWarning": { "decimalPlaces": 0 } } }"""));

    [Theory]
    [InlineData("""{ "analytics": { "rfm": { "segments": [ { "name": "everyone" } ] } } }""")]
    [InlineData("""{ "analytics": { "vipTiers": [] } }""")]
    [InlineData("""{ "analytics": { "vipTiers": [ { "name": "all", "share": 1 } ] } }""")]
    [InlineData("""{ "analytics": { "rfm": { "bands": { "recencyDays": [0, 1, 2, 3], "frequency": [1, 2, 3, 4], "monetary": [-10, 0, 0.5, 1] } } } }""")]
    [InlineData("""{ "analytics": { "lifetimeValue": { "discountRate": 0 }, "churnWarning": { "decimalPlaces": 10 } } }""")]
    public void Analytics_SettingsAtTheEdgeAreValid(string json)
        => Assert.Empty(TestRules.ProblemsOf(json));

    [Fact]
    public void Analytics_NullSubsectionsFromCodeAreReported_NotCompiled()
    {
        var options = new CrmRulesOptions();
        options.Analytics.Rfm.Bands = null!;
        options.Analytics.ModelFit = null!;
        options.Analytics.VipTiers = null!;
        Assert.Equal(
            ["analytics.modelFit: is required", "analytics.rfm.bands: is required", "analytics.vipTiers: is required (an empty list for no tiers)"],
            Crm.Rules.Configuration.CrmRulesValidation.Validate(options).Select(e => e.ToString()).Order(StringComparer.Ordinal).ToArray());
    }
}
