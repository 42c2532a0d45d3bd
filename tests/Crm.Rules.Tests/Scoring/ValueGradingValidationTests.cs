using Crm.Rules.Configuration;
using NodaTime;

namespace Crm.Rules.Tests.Scoring;

/// <summary>
/// GRADE-1 … GRADE-5 validation at its edges: the last valid and the first invalid value of every bound, each error
/// alone (the exact path and sentence), and the checks that must stay quiet when an earlier one already failed.
/// </summary>
public class ValueGradingValidationTests
{
    [Theory]
    // The scale: minimum at least 1, maximum above the minimum and at most 100.
    [InlineData("""{ "valueGrading": { "scale": { "minimum": 0 } } }""", "valueGrading.scale.minimum: must be at least 1 (0 stands for a missing score)")]
    [InlineData("""{ "valueGrading": { "scale": { "minimum": 5, "maximum": 5 } } }""", "valueGrading.scale.maximum: must be greater than the minimum (5) and at most 100")]
    [InlineData("""{ "valueGrading": { "scale": { "minimum": 1, "maximum": 1 } } }""", "valueGrading.scale.maximum: must be greater than the minimum (1) and at most 100")]
    [InlineData("""{ "valueGrading": { "scale": { "maximum": 101 } } }""", "valueGrading.scale.maximum: must be greater than the minimum (1) and at most 100")]
    [InlineData("""{ "valueGrading": { "scale": { "minimum": 0, "maximum": 100 } } }""", "valueGrading.scale.minimum: must be at least 1 (0 stands for a missing score)")]
    // Weights: greater than 0, at most 1, six decimals; the sum is checked only when every weight is valid.
    [InlineData("""{ "valueGrading": { "indicators": [ {"name":"a","weight":-0.5}, {"name":"b","weight":1.5} ] } }""", "valueGrading.indicators[0].weight: must be between 0 and 1 (greater than 0, at most 1); got -0.5", "valueGrading.indicators[1].weight: must be between 0 and 1 (greater than 0, at most 1); got 1.5")]
    [InlineData("""{ "valueGrading": { "indicators": [ {"name":"a","weight":1.000001} ] } }""", "valueGrading.indicators[0].weight: must be between 0 and 1 (greater than 0, at most 1); got 1.000001")]
    [InlineData("""{ "valueGrading": { "indicators": [ {"name":"a","weight":0.5}, {"name":"b","weight":0.4999999} ] } }""", "valueGrading.indicators[1].weight: must have at most 6 decimal places (got 0.4999999)")]
    [InlineData("""{ "valueGrading": { "indicators": [ {"name":"a","weight":0.6}, {"name":"b","weight":0.5} ] } }""", "valueGrading.indicators: the indicator weights must add up to exactly 1, but they add up to 1.1")]
    // Bands: six-decimal bounds, min below max, open ends only at the ends.
    [InlineData("""{ "valueGrading": { "indicators": [ {"name":"a","weight":1,"bands":[{"max":0.0000001,"score":1},{"min":0.0000001,"score":2}]} ] } }""", "valueGrading.indicators[0].bands[0].max: must have at most 6 decimal places (got 0.0000001)", "valueGrading.indicators[0].bands[1].min: must have at most 6 decimal places (got 0.0000001)")]
    [InlineData("""{ "valueGrading": { "indicators": [ {"name":"a","weight":1,"bands":[{"min":6,"max":5,"score":1}]} ] } }""", "valueGrading.indicators[0].bands[0]: is empty: min (6) must be less than max (5)")]
    [InlineData("""{ "valueGrading": { "indicators": [ {"name":"a","weight":1,"bands":[{"max":10,"score":1},{"min":10,"score":0}]} ] } }""", "valueGrading.indicators[0].bands[1].score: the score must be between 1 and 5; got 0")]
    [InlineData("""{ "valueGrading": { "indicators": [ {"name":"a","weight":1,"categories":{"x":0,"y":6}} ] } }""", "valueGrading.indicators[0].categories.x: the score must be between 1 and 5; got 0", "valueGrading.indicators[0].categories.y: the score must be between 1 and 5; got 6")]
    // Grade thresholds: above the lowest possible total, at most the highest, six decimals.
    [InlineData("""{ "valueGrading": { "grades": { "B": { "minimumTotal": 1 } } } }""", "valueGrading.grades.B.minimumTotal: must lie above the lowest possible total (1) and at most the highest (5); got 1 (leave it out on the lowest grade)")]
    [InlineData("""{ "valueGrading": { "grades": { "B": { "minimumTotal": 3.0000001 } } } }""", "valueGrading.grades.B.minimumTotal: must have at most 6 decimal places (got 3.0000001)")]
    [InlineData("""{ "valueGrading": { "scale": { "minimum": 2, "maximum": 10 }, "grades": { "A": { "minimumTotal": 10.5 } } } }""", "valueGrading.grades.A.minimumTotal: must lie above the lowest possible total (2) and at most the highest (10); got 10.5 (leave it out on the lowest grade)")]
    [InlineData("""{ "valueGrading": { "grades": { "A": { "minimumTotal": null }, "B": { "minimumTotal": null }, "C": { "minimumTotal": null } } } }""", "valueGrading.grades: grades 'A', 'B', 'C' all leave out minimumTotal; only the lowest grade may")]
    // Treatments.
    [InlineData("""{ "valueGrading": { "grades": { "B": { "treatment": { "contactInterval": "P-1M" } } } } }""", "valueGrading.grades.B.treatment.contactInterval: must be a positive period such as \"P1M\"")]
    [InlineData("""{ "valueGrading": { "grades": { "B": { "treatment": { "contactInterval": "P1DT1H" } } } } }""", "valueGrading.grades.B.treatment.contactInterval: must be whole days, weeks, months or years: contacts are planned for dates; got P1DT1H")]
    [InlineData("""{ "valueGrading": { "grades": { "B": { "treatment": { "responseTime": "PT0S" } } } } }""", "valueGrading.grades.B.treatment.responseTime: must be a positive duration such as \"PT48H\"")]
    [InlineData("""{ "valueGrading": { "grades": { "B": { "treatment": { "channels": [" "] } } } } }""", "valueGrading.grades.B.treatment.channels: must be a list of channel names without empty entries")]
    [InlineData("""{ "valueGrading": { "approval": { "required": true, "approverRole": " " } } }""", "valueGrading.approval.approverRole: must name the role that approves grade changes when approval is required")]
    [InlineData("""{ "valueGrading": { "indicators": [ {"name":"a","weight":1,"bands":[{"max":10,"score":1},{"score":2}]} ] } }""", "valueGrading.indicators[0].bands[1].min: only the first band may leave out its lower bound")]
    [InlineData("""{ "valueGrading": { "indicators": [ {"name":"a","weight":1,"bands":[{"score":1},{"min":10,"score":2}]} ] } }""", "valueGrading.indicators[0].bands[0].max: only the last band may leave out its upper bound")]
    [InlineData("""{ "valueGrading": { "grades": { "B": { "minimumTotal": 4 } } } }""", "valueGrading.grades.B.minimumTotal: equals the minimum total of grade 'A' (4); grade thresholds must be strictly ordered")]
    public void Grade_InvalidSettingsAreReportedAloneWithTheirPath(string json, params string[] expected)
        => Assert.Equal(expected, TestRules.ProblemsOf(json));

    [Theory]
    [InlineData("""{ "valueGrading": { "scale": { "maximum": 100 } } }""")]
    [InlineData("""{ "valueGrading": { "scale": { "maximum": 100 }, "grades": { "A": { "minimumTotal": 50 }, "B": { "minimumTotal": 20 } } } }""")]
    [InlineData("""{ "valueGrading": { "scale": { "minimum": 1, "maximum": 2 }, "grades": { "A": { "minimumTotal": 2 }, "B": { "minimumTotal": 1.5 } } } }""")]
    [InlineData("""{ "valueGrading": { "indicators": [ {"name":"a","weight":1} ] } }""")]
    [InlineData("""{ "valueGrading": { "indicators": [ {"name":"a","weight":0.000001}, {"name":"b","weight":0.999999} ] } }""")]
    [InlineData("""{ "valueGrading": { "indicators": [ {"name":"a","weight":1,"bands":[{"max":-0.5,"score":1},{"min":-0.5,"max":0.000001,"score":3},{"min":0.000001,"score":5}]} ] } }""")]
    [InlineData("""{ "valueGrading": { "indicators": [ {"name":"a","weight":1,"categories":{"x":1,"y":5}} ] } }""")]
    [InlineData("""{ "valueGrading": { "grades": { "A": { "minimumTotal": 5 }, "B": { "minimumTotal": 1.000001 } } } }""")]
    [InlineData("""{ "valueGrading": { "grades": { "A": { "treatment": { "contactInterval": "P1M1D", "responseTime": "PT1S", "channels": [] } } } } }""")]
    [InlineData("""{ "valueGrading": { "approval": { "required": false, "approverRole": "" } } }""")]
    [InlineData("""{ "valueGrading": { "missingValues": "renormalize" } }""")]
    public void Grade_SettingsAtTheEdgeOfTheirRangeAreValid(string json)
    {
        Assert.Empty(TestRules.ProblemsOf(json));
        Assert.NotNull(TestRules.FromJson(json).ValueGrading);
    }

    [Fact]
    public void Grade_AValidScaleBoundsBandsAndThresholds_AnInvalidOneFallsBackToOneToFive()
    {
        // 1..10 lets a band score 8 and a threshold 9; with the scale itself broken the checks use 1..5 instead of
        // reporting every score once more.
        var wide = """{ "valueGrading": { "scale": { "maximum": 10 }, "indicators": [ {"name":"a","weight":1,"categories":{"x":8}} ], "grades": { "A": { "minimumTotal": 9 } } } }""";
        Assert.Empty(TestRules.ProblemsOf(wide));
        Assert.Equal(10, TestRules.FromJson(wide).ValueGrading.MaximumScore);

        var broken = """{ "valueGrading": { "scale": { "minimum": 0, "maximum": 10 }, "indicators": [ {"name":"a","weight":1,"categories":{"x":8}} ] } }""";
        Assert.Equal(
            [
                "valueGrading.scale.minimum: must be at least 1 (0 stands for a missing score)",
                "valueGrading.indicators[0].categories.x: the score must be between 1 and 5; got 8",
            ],
            TestRules.ProblemsOf(broken));
    }

    public static TheoryData<string, Action<CrmRulesOptions>> CodeCases => new()
    {
        { "valueGrading.scale: is required", o => o.ValueGrading.Scale = null! },
        { "valueGrading.approval: is required", o => o.ValueGrading.Approval = null! },
        { "valueGrading.indicators: must list at least one indicator", o => o.ValueGrading.Indicators = [] },
        { "valueGrading.indicators: must not contain null entries", o => o.ValueGrading.Indicators.Add(null!) },
        { "valueGrading.indicators[0].bands[0]: must not be null", o => o.ValueGrading.Indicators[0].Bands = [null!] },
        { "valueGrading.grades: must define at least one grade", o => o.ValueGrading.Grades = [] },
        { "valueGrading.grades.A: must not be null", o => o.ValueGrading.Grades["A"] = null! },
        { "valueGrading.grades.A.treatment: is required", o => o.ValueGrading.Grades["A"].Treatment = null! },
        { "valueGrading.grades.A.treatment.channels: must be a list of channel names without empty entries", o => o.ValueGrading.Grades["A"].Treatment.Channels = null! },
        { "valueGrading.missingValues: must be \"reject\" or \"renormalize\"", o => o.ValueGrading.MissingValues = (MissingIndicatorPolicy)2 },
        { "valueGrading.grades.B.treatment.contactInterval: must be a positive period such as \"P1M\"", o => o.ValueGrading.Grades["B"].Treatment.ContactInterval = Period.FromMonths(1) - Period.FromDays(1) },
        { "valueGrading.indicators[0].categories['']: a category label must not be empty", o => o.ValueGrading.Indicators[0].Categories = new() { [""] = 3 } },
        { "valueGrading.grades[' ']: a grade name must not be empty", o => o.ValueGrading.Grades[" "] = new GradeOptions { MinimumTotal = 4.5m, Treatment = o.ValueGrading.Grades["A"].Treatment } },
    };

    [Theory]
    [MemberData(nameof(CodeCases))]
    public void Grade_OptionsBuiltInCode_AreReportedAlone(string expected, Action<CrmRulesOptions> change)
    {
        var options = new CrmRulesOptions();
        change(options);
        // The loader's generic range check also reports an undefined enum value ("must be one of …"); only the family's sentence counts here.
        Assert.Equal([expected], CrmRulesValidation.Validate(options).Select(e => e.ToString()).Where(e => e.StartsWith("valueGrading", StringComparison.Ordinal) && !e.Contains("must be one of", StringComparison.Ordinal)));
    }

    [Fact]
    public void Grade_AtMostOneHundredGrades()
    {
        // Ranks are bytes in the batch API, 255 meaning "not graded": 100 grades are allowed, 101 are not.
        static CrmRulesOptions WithGrades(int count)
        {
            var options = new CrmRulesOptions();
            var treatment = options.ValueGrading.Grades["A"].Treatment;
            for (var g = 0; g < count - 3; g++)
            {
                options.ValueGrading.Grades[$"G{g}"] = new GradeOptions { MinimumTotal = 1.01m + (g * 0.01m), Treatment = treatment };
            }

            return options;
        }

        Assert.Empty(CrmRulesValidation.Validate(WithGrades(100)));
        Assert.Equal(["valueGrading.grades: defines 101 grades; at most 100 are allowed"], CrmRulesValidation.Validate(WithGrades(101)).Select(e => e.ToString()));
    }
}
