using Crm.Rules.Configuration;

namespace Crm.Rules.Tests.Configuration;

/// <summary>The validation messages that only options built in code can reach (JSON null removes a key instead).</summary>
public class CodeValidationTests
{
    public static TheoryData<string, Action<CrmRulesOptions>> Cases => new()
    {
        { "valueGrading: is required", o => o.ValueGrading = null! },
        { "leadScoring: is required", o => o.LeadScoring = null! },
        { "valueGrading.scale: is required", o => o.ValueGrading.Scale = null! },
        { "valueGrading.approval: is required", o => o.ValueGrading.Approval = null! },
        { "valueGrading.indicators: must list at least one indicator", o => o.ValueGrading.Indicators = null! },
        { "valueGrading.indicators: must not contain null entries", o => o.ValueGrading.Indicators.Add(null!) },
        { "valueGrading.indicators[0].bands[0]: must not be null", o => o.ValueGrading.Indicators[0].Bands = [null!] },
        { "valueGrading.grades: must define at least one grade", o => o.ValueGrading.Grades = null! },
        { "valueGrading.grades.A: must not be null", o => o.ValueGrading.Grades["A"] = null! },
        { "valueGrading.grades['']: a grade name must not be empty", o => o.ValueGrading.Grades[""] = new GradeOptions { MinimumTotal = 4.5m, Treatment = o.ValueGrading.Grades["A"].Treatment } },
        { "valueGrading.grades.A.treatment: is required", o => o.ValueGrading.Grades["A"].Treatment = null! },
        { "valueGrading.grades.A.treatment.channels: must be a list of channel names without empty entries", o => o.ValueGrading.Grades["A"].Treatment.Channels = null! },
        { "valueGrading.missingValues: must be \"reject\" or \"renormalize\"", o => o.ValueGrading.MissingValues = (MissingIndicatorPolicy)7 },
        { "valueGrading.indicators[0].categories['']: a category label must not be empty", o => o.ValueGrading.Indicators[0].Categories = new() { [""] = 3 } },
        { "leadScoring.criteria: must define at least one criterion", o => o.LeadScoring.Criteria = null! },
        { "leadScoring.criteria.industryMatch: must not be null", o => o.LeadScoring.Criteria["industryMatch"] = null! },
        { "leadScoring.criteria[' ']: a criterion name must not be empty", o => o.LeadScoring.Criteria[" "] = new LeadCriterionOptions { Points = 1 } },
        { "leadScoring.labels: must define at least one label", o => o.LeadScoring.Labels = null! },
        { "leadScoring.labels.normal: must not be null", o => o.LeadScoring.Labels["normal"] = null! },
        { "leadScoring.labels['']: a label name must not be empty", o => o.LeadScoring.Labels[""] = new LeadLabelOptions { MinimumPoints = 9 } },
        {
            "valueGrading.grades: defines 101 grades; at most 100 are allowed",
            o =>
            {
                for (var g = 0; g < 98; g++)
                {
                    o.ValueGrading.Grades[$"G{g}"] = new GradeOptions { MinimumTotal = 1.01m + (g * 0.01m), Treatment = o.ValueGrading.Grades["A"].Treatment };
                }
            }
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void OptionsBuiltInCode_AreValidatedWithTheSameSentences(string expected, Action<CrmRulesOptions> change)
    {
        var options = new CrmRulesOptions();
        change(options);

        var problems = CrmRulesValidation.Validate(options).Select(e => e.ToString());

        Assert.Contains(expected, problems);
    }
}
