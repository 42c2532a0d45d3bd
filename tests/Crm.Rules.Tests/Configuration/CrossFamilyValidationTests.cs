using System.Runtime.CompilerServices;
using Crm.Rules.Configuration;
using Microsoft.Extensions.Options;

namespace Crm.Rules.Tests.Configuration;

/// <summary>
/// The links between families, checked once for the whole configuration: every grade a family names must be a grade of
/// valueGrading.grades (exact, with a hint when only the letter case differs), and a grade's response calendar must be
/// an SLA calendar.
/// </summary>
public class CrossFamilyValidationTests
{
    [Theory]
    [InlineData("""{ "valueGrading": { "grades": { "A": { "treatment": { "responseCalendar": "office" } } } } }""",
        "valueGrading.grades.A.treatment.responseCalendar: 'office' is not a calendar of sla.calendars (known: 24x7, business)")]
    [InlineData("""{ "cadence": { "surveyIntervals": { "a": "P1M" } } }""",
        "cadence.surveyIntervals.a: 'a' is not a grade of valueGrading.grades (grades: A, B, C); did you mean 'A'?")]
    [InlineData("""{ "cadence": { "surveyIntervals": { "Z": "P1M" } } }""",
        "cadence.surveyIntervals.Z: 'Z' is not a grade of valueGrading.grades (grades: A, B, C)")]
    [InlineData("""{ "churn": { "valueScores": { "D": 1 } } }""",
        "churn.valueScores.D: 'D' is not a grade of valueGrading.grades (grades: A, B, C)")]
    [InlineData("""{ "sla": { "policies": [ { "name": "x", "grade": "b", "target": "PT1H" } ] } }""",
        "sla.policies[0].grade: 'b' is not a grade of valueGrading.grades (grades: A, B, C); did you mean 'B'?")]
    public void Grade_NamedByAFamily_MustBeAGrade(string json, string expected)
        => Assert.Contains(expected, TestRules.ProblemsOf(json));

    [Fact]
    public void Grade_NamedInTheGradeOrder_MustBeAGrade()
        => Assert.Contains(
            "demands.gradeOrder[1]: 'X' is not a grade of valueGrading.grades (grades: A, B, C)",
            TestRules.ProblemsOf("""{ "demands": { "gradeOrder": ["A", "X", "B", "C"] } }"""));

    [Theory]
    [InlineData("24x7")]
    [InlineData("business")]
    public void Grade_ResponseCalendar_MayBeTheBuiltInOrAnSlaCalendar(string calendar)
        => Assert.Empty(TestRules.ProblemsOf($$"""{ "valueGrading": { "grades": { "B": { "treatment": { "responseCalendar": "{{calendar}}" } } } } }"""));

    [Fact]
    public void Grade_RenamedGrades_AreFollowedByEveryFamily()
    {
        // A grade renamed everywhere is valid; a family that still names the old grade is reported, and only that one.
        var options = new CrmRulesOptions();
        options.ValueGrading.Grades["Gold"] = options.ValueGrading.Grades["A"];
        options.ValueGrading.Grades.Remove("A");
        Assert.Equal(
            [
                "cadence.surveyIntervals.A: 'A' is not a grade of valueGrading.grades (grades: B, C, Gold)",
                "demands.gradeOrder[0]: 'A' is not a grade of valueGrading.grades (grades: B, C, Gold)",
                "churn.valueScores.A: 'A' is not a grade of valueGrading.grades (grades: B, C, Gold)",
                "sla.policies[0].grade: 'A' is not a grade of valueGrading.grades (grades: B, C, Gold)",
            ],
            CrmRulesValidation.Validate(options).Select(e => e.ToString()).Where(e => e.Contains("'A' is not a grade", StringComparison.Ordinal)));
    }

    [Fact]
    public void Options_WithoutSlaCalendars_AreValidatedWithoutCrashing()
    {
        var options = new CrmRulesOptions();
        options.Sla.Calendars = null!;
        Assert.DoesNotContain(CrmRulesValidation.Validate(options), e => e.Path.EndsWith(".responseCalendar", StringComparison.Ordinal));
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => CrmRulesValidation.Validate((CrmRulesOptions)null!)).ParamName);
    }

    [Fact]
    public void OptionsValidator_ReportsEveryProblemAsPathAndSentence()
    {
        var validator = new CrmRulesOptionsValidator();
        Assert.Same(ValidateOptionsResult.Success, validator.Validate(null, new CrmRulesOptions()));
        var options = new CrmRulesOptions();
        options.Cadence.EscalateAfterUnresolvedContacts = 0;
        options.Lifecycle.KeyAccounts.GrowthWindowMonths = 0;
        var result = validator.Validate("tenant", options);
        Assert.True(result.Failed);
        Assert.Equal(
            ["cadence.escalateAfterUnresolvedContacts: must be at least 1", "lifecycle.keyAccounts: promoteAtGrowth must be positive, growthWindowMonths and demoteAfterMissedReviews at least 1"],
            result.Failures);
    }

    [Fact]
    public void ValidationCounter_CountsTheValidationsOfItsOwnFlowOnly()
    {
        var counter = new StrongBox<int>();
        CrmRulesValidation.ValidationCounter.Value = counter;
        try
        {
            _ = CrmRulesValidation.Validate(new CrmRulesOptions());
            _ = CrmRulesJson.Parse("{}");
            Assert.Equal(2, counter.Value);
        }
        finally
        {
            CrmRulesValidation.ValidationCounter.Value = null;
        }
    }
}
