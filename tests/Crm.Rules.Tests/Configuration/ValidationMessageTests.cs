namespace Crm.Rules.Tests.Configuration;

/// <summary>Every validation message, with its path, as an analyst reads it.</summary>
public class ValidationMessageTests
{
    [Theory]
    [InlineData("""{ "valueGrading": { "indicators": [] } }""",
        "valueGrading.indicators: must list at least one indicator")]
    [InlineData("""{ "valueGrading": { "indicators": [ {"name":"a","weight":0.5}, {"name":"b","weight":0.3}, {"name":"c","weight":1.2} ] } }""",
        "valueGrading.indicators[2].weight: must be between 0 and 1 (greater than 0, at most 1); got 1.2")]
    [InlineData("""{ "valueGrading": { "indicators": [ {"name":"a","weight":0}, {"name":"b","weight":1} ] } }""",
        "valueGrading.indicators[0].weight: must be between 0 and 1 (greater than 0, at most 1); got 0")]
    [InlineData("""{ "valueGrading": { "indicators": [ {"name":"a","weight":0.5}, {"name":"b","weight":0.45} ] } }""",
        "valueGrading.indicators: the indicator weights must add up to exactly 1, but they add up to 0.95")]
    [InlineData("""{ "valueGrading": { "indicators": [ {"name":"a","weight":0.3333333}, {"name":"b","weight":0.6666667} ] } }""",
        "valueGrading.indicators[0].weight: must have at most 6 decimal places (got 0.3333333)")]
    [InlineData("""{ "valueGrading": { "indicators": [ {"name":"a","weight":0.5}, {"name":"a","weight":0.5} ] } }""",
        "valueGrading.indicators[1].name: 'a' is already the name of valueGrading.indicators[0]; indicator names must be unique")]
    [InlineData("""{ "valueGrading": { "indicators": [ {"name":"","weight":1} ] } }""",
        "valueGrading.indicators[0].name: every indicator needs a name")]
    [InlineData("""{ "valueGrading": { "indicators": [ {"name":"a","weight":1,"bands":[{"score":1}],"categories":{"x":1}} ] } }""",
        "valueGrading.indicators[0]: gives both bands and categories; an indicator is scored one way: give one of them, or neither to take scores directly")]
    [InlineData("""{ "valueGrading": { "indicators": [ {"name":"a","weight":1,"bands":[]} ] } }""",
        "valueGrading.indicators[0].bands: must list at least one band, or be left out to take scores directly")]
    [InlineData("""{ "valueGrading": { "indicators": [ {"name":"a","weight":1,"bands":[{"max":10,"score":1},{"min":8,"score":2}]} ] } }""",
        "valueGrading.indicators[0].bands[1]: overlaps valueGrading.indicators[0].bands[0]: it starts at 8, before the previous band ends at 10; list bands in ascending order without overlap")]
    [InlineData("""{ "valueGrading": { "indicators": [ {"name":"a","weight":1,"bands":[{"max":10,"score":1},{"min":12,"score":2}]} ] } }""",
        "valueGrading.indicators[0].bands[1]: leaves a gap: values from 10 up to 12 fall in no band; start this band where valueGrading.indicators[0].bands[0] ends")]
    [InlineData("""{ "valueGrading": { "indicators": [ {"name":"a","weight":1,"bands":[{"min":5,"max":5,"score":1}]} ] } }""",
        "valueGrading.indicators[0].bands[0]: is empty: min (5) must be less than max (5)")]
    [InlineData("""{ "valueGrading": { "indicators": [ {"name":"a","weight":1,"bands":[{"max":10,"score":1},{"score":2},{"min":20,"score":3}]} ] } }""",
        "valueGrading.indicators[0].bands[1].min: only the first band may leave out its lower bound")]
    [InlineData("""{ "valueGrading": { "indicators": [ {"name":"a","weight":1,"bands":[{"min":0,"score":1},{"min":10,"score":2}]} ] } }""",
        "valueGrading.indicators[0].bands[0].max: only the last band may leave out its upper bound")]
    [InlineData("""{ "valueGrading": { "indicators": [ {"name":"a","weight":1,"bands":[{"score":6}]} ] } }""",
        "valueGrading.indicators[0].bands[0].score: the score must be between 1 and 5; got 6")]
    [InlineData("""{ "valueGrading": { "indicators": [ {"name":"a","weight":1,"categories":{"leader":7}} ] } }""",
        "valueGrading.indicators[0].categories.leader: the score must be between 1 and 5; got 7")]
    [InlineData("""{ "valueGrading": { "indicators": [ {"name":"a","weight":1,"categories":{}} ] } }""",
        "valueGrading.indicators[0].categories: must list at least one category, or be left out to take scores directly")]
    [InlineData("""{ "valueGrading": { "indicators": [ {"name":"a","weight":1,"categories":{"SME":1,"sme":2}} ] } }""",
        "valueGrading.indicators[0].categories.sme: 'sme' differs from another category only in letter case; labels are matched ignoring case")]
    [InlineData("""{ "valueGrading": { "grades": { "B": { "minimumTotal": 4 } } } }""",
        "valueGrading.grades.B.minimumTotal: equals the minimum total of grade 'A' (4); grade thresholds must be strictly ordered")]
    [InlineData("""{ "valueGrading": { "grades": { "A": { "minimumTotal": 5.5 } } } }""",
        "valueGrading.grades.A.minimumTotal: must lie above the lowest possible total (1) and at most the highest (5); got 5.5 (leave it out on the lowest grade)")]
    [InlineData("""{ "valueGrading": { "grades": { "C": { "minimumTotal": 2 } } } }""",
        "valueGrading.grades: no grade takes the lowest totals: leave out minimumTotal on exactly one grade (totals below 2 would have no grade)")]
    [InlineData("""{ "valueGrading": { "grades": { "B": { "minimumTotal": null } } } }""",
        "valueGrading.grades: grades 'B', 'C' all leave out minimumTotal; only the lowest grade may")]
    [InlineData("""{ "valueGrading": { "grades": {} , "indicators": [{"name":"a","weight":1}] } }""",
        "valueGrading.indicators[0].name: __none__")]
    [InlineData("""{ "valueGrading": { "grades": { "A": { "treatment": { "ownerRole": "" } } } } }""",
        "valueGrading.grades.A.treatment.ownerRole: must name the role that owns the customer")]
    [InlineData("""{ "valueGrading": { "grades": { "A": { "treatment": { "contactInterval": "P0D" } } } } }""",
        "valueGrading.grades.A.treatment.contactInterval: must be a positive period such as \"P1M\"")]
    [InlineData("""{ "valueGrading": { "grades": { "A": { "treatment": { "contactInterval": null } } } } }""",
        "valueGrading.grades.A.treatment.contactInterval: is required, e.g. \"P1M\"")]
    [InlineData("""{ "valueGrading": { "grades": { "A": { "treatment": { "responseTime": "-PT1H" } } } } }""",
        "valueGrading.grades.A.treatment.responseTime: must be a positive duration such as \"PT48H\"")]
    [InlineData("""{ "valueGrading": { "grades": { "A": { "treatment": { "responseTime": null } } } } }""",
        "valueGrading.grades.A.treatment.responseTime: is required, e.g. \"PT48H\"")]
    [InlineData("""{ "valueGrading": { "grades": { "A": { "treatment": { "responseCalendar": " " } } } } }""",
        "valueGrading.grades.A.treatment.responseCalendar: must name a calendar (\"24x7\" for calendar time)")]
    [InlineData("""{ "valueGrading": { "grades": { "A": { "treatment": { "channels": ["visit", ""] } } } } }""",
        "valueGrading.grades.A.treatment.channels: must be a list of channel names without empty entries")]
    [InlineData("""{ "valueGrading": { "scale": { "minimum": 0 } } }""",
        "valueGrading.scale.minimum: must be at least 1 (0 stands for a missing score)")]
    [InlineData("""{ "valueGrading": { "scale": { "maximum": 101 } } }""",
        "valueGrading.scale.maximum: must be greater than the minimum (1) and at most 100")]
    [InlineData("""{ "valueGrading": { "approval": { "approverRole": "" } } }""",
        "valueGrading.approval.approverRole: must name the role that approves grade changes when approval is required")]
    [InlineData("""{ "leadScoring": { "criteria": { "industryMatch": { "points": 0.0000001 } } } }""",
        "leadScoring.criteria.industryMatch.points: must have at most 6 decimal places (got 0.0000001)")]
    [InlineData("""{ "leadScoring": { "advanceAtPoints": 1.1234567 } }""",
        "leadScoring.advanceAtPoints: must have at most 6 decimal places (got 1.1234567)")]
    [InlineData("""{ "leadScoring": { "labels": { "normal": { "minimumPoints": 5 } } } }""",
        "leadScoring.labels.normal.minimumPoints: equals the minimum points of label 'high-potential' (5); label thresholds must be strictly ordered")]
    [InlineData("""{ "leadScoring": { "labels": { "nurture": { "minimumPoints": 0 } } } }""",
        "leadScoring.labels: no label takes the lowest totals: leave out minimumPoints on exactly one label")]
    [InlineData("""{ "leadScoring": { "labels": { "normal": { "minimumPoints": null } } } }""",
        "leadScoring.labels: labels 'normal', 'nurture' all leave out minimumPoints; only the lowest label may")]
    [InlineData("""{ "leadScoring": { "criteria": { "industryMatch": null, "budgetClear": null, "authorityClear": null } } }""",
        "leadScoring.criteria: must define at least one criterion")]
    [InlineData("""{ "leadScoring": { "labels": { "high-potential": null, "normal": null, "nurture": null } } }""",
        "leadScoring.labels: must define at least one label")]
    public void Validation_ReportsThePathAndASentence(string json, string expected)
    {
        var problems = TestRules.ProblemsOf(json);
        if (expected.EndsWith("__none__", StringComparison.Ordinal))
        {
            Assert.Empty(problems);
            return;
        }

        Assert.Contains(expected, problems);
    }

    [Fact]
    public void Validation_WithNoGradesAtAll_SaysSo()
    {
        var options = new CrmRulesOptions();
        options.ValueGrading.Grades.Clear();
        Assert.Contains(Crm.Rules.Configuration.CrmRulesValidation.Validate(options), e => e.ToString() == "valueGrading.grades: must define at least one grade");
    }

    [Theory]
    [InlineData("""{ "valueGrading": { "indicatorz": [] } }""",
        "valueGrading.indicatorz: is not a known setting (known here: scale, indicators, grades, missingValues, approval); did you mean 'indicators'?")]
    [InlineData("""{ "valueGrading": { "indicators": [ {"name":"a","Weight":1} ] } }""",
        "valueGrading.indicators[0].Weight: is not a known setting (known here: name, weight, group, bands, categories); did you mean 'weight'?")]
    [InlineData("""{ "loyalty": {} }""",
        "loyalty: is not a known setting (known here: valueGrading, leadScoring, sla, cadence, demands, satisfaction, dataQuality, churn, lifecycle, access)")]
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
