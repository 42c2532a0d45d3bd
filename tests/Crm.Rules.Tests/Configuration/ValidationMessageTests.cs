namespace Crm.Rules.Tests.Configuration;

/// <summary>
/// What the loader reports while it reads a rules file (unknown keys, wrong kinds), with its path. The messages of
/// value grading and lead scoring validation are in <c>Scoring/ScoringValidationMessageTests</c>, beside their family.
/// </summary>
public class ValidationMessageTests
{
    [Theory]
    [InlineData("""{ "valueGrading": { "indicatorz": [] } }""",
        "valueGrading.indicatorz: is not a known setting (known here: scale, indicators, grades, missingValues, approval); did you mean 'indicators'?")]
    [InlineData("""{ "valueGrading": { "indicators": [ {"name":"a","Weight":1} ] } }""",
        "valueGrading.indicators[0].Weight: is not a known setting (known here: name, weight, group, bands, categories); did you mean 'weight'?")]
    [InlineData("""{ "rewards": {} }""",
        "rewards: is not a known setting (known here: valueGrading, leadScoring, sla, cadence, demands, satisfaction, dataQuality, churn, lifecycle, access, analytics, loyalty, assessment)")]
    [InlineData("""{ "valueGrading": { "indicators": [ {"name":"a","weight":"heavy"} ] } }""",
        "valueGrading.indicators[0].weight: must be a number, not the text \"heavy\"")]
    [InlineData("""{ "valueGrading": { "indicators": {"name":"a"} } }""",
        "valueGrading.indicators: must be a list [ … ], not an object")]
    [InlineData("""{ "valueGrading": { "grades": [] } }""",
        "valueGrading.grades: must be an object of named entries { \"name\": … }, not a list")]
    [InlineData("""{ "valueGrading": 5 }""",
        "valueGrading: must be an object { … }, not the number 5")]
    [InlineData("""{ "valueGrading": { "scale": { "maximum": 4.5 } } }""",
        "valueGrading.scale.maximum: must be a whole number, not the number 4.5")]
    [InlineData("""{ "valueGrading": { "approval": { "required": "yes" } } }""",
        "valueGrading.approval.required: must be true or false, not the text \"yes\"")]
    [InlineData("""{ "valueGrading": { "missingValues": "skip" } }""",
        "valueGrading.missingValues: must be one of \"reject\", \"renormalize\", not the text \"skip\"")]
    [InlineData("""{ "valueGrading": { "grades": { "A": { "treatment": { "contactInterval": "monthly" } } } } }""",
        "valueGrading.grades.A.treatment.contactInterval: 'monthly' is not an ISO-8601 period such as \"P1M\", \"P3D\" or \"PT48H\"")]
    [InlineData("""{ "valueGrading": { "grades": { "A": { "treatment": { "responseTime": "P1M" } } } } }""",
        "valueGrading.grades.A.treatment.responseTime: 'P1M' is not an ISO-8601 duration such as \"PT48H\" or \"PT30M\"")]
    [InlineData("""{ "valueGrading": { "scale": { "minimum": null } } }""",
        "valueGrading.scale.minimum: must not be null; expected a whole number")]
    [InlineData("""{ "a": 1, "a": 2 }""", "__duplicate__")]
    [InlineData("""[1, 2]""", "$: a rules file must be a JSON object { … }")]
    [InlineData("""{ "valueGrading": """, "$: is not valid JSON (line 1, position 19): the text ends before every { and [ is closed")]
    public void Loading_ReportsUnknownKeysAndWrongKindsWithTheirPaths(string json, string expected)
    {
        var problems = TestRules.ProblemsOf(json);
        if (expected == "__duplicate__")
        {
            Assert.StartsWith("$: is not valid JSON", Assert.Single(problems), StringComparison.Ordinal);
            return;
        }

        Assert.Contains(expected, problems);
    }

    [Fact]
    public void Loading_ReportsEveryProblemAtOnce()
    {
        var problems = TestRules.ProblemsOf("""
            {
              "valueGrading": {
                "indicators": [ {"name":"a","weight":0.7,"colour":"red"}, {"name":"a","weight":0.2} ],
                "grades": { "B": { "minimumTotal": 4 } },
                "missingValues": "skip"
              },
              "leadScoring": { "advanceAt": 5 }
            }
            """);

        Assert.Equal(
            [
                "valueGrading.indicators[0].colour: is not a known setting (known here: name, weight, group, bands, categories)",
                "valueGrading.missingValues: must be one of \"reject\", \"renormalize\", not the text \"skip\"",
                "leadScoring.advanceAt: is not a known setting (known here: criteria, advanceAtPoints, labels); did you mean 'advanceAtPoints'?",
                "valueGrading.indicators[1].name: 'a' is already the name of valueGrading.indicators[0]; indicator names must be unique",
                "valueGrading.indicators: the indicator weights must add up to exactly 1, but they add up to 0.9",
                "valueGrading.grades.B.minimumTotal: equals the minimum total of grade 'A' (4); grade thresholds must be strictly ordered",
            ],
            problems);
    }
}
