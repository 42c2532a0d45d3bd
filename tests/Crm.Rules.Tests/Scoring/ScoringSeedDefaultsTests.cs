using NodaTime;

namespace Crm.Rules.Tests.Scoring;

/// <summary>
/// The seed standard's grading and lead numbers (GRADE-1 … GRADE-5, LEAD-1), read from a fresh compile of the default
/// options: <see cref="CrmRuleSet.SeedStandard"/> is built once per process and would hide a changed default.
/// </summary>
public class ScoringSeedDefaultsTests
{
    private static readonly CrmRuleSet Fresh = TestRules.FreshSeed();

    [Fact]
    public void Grade1_TheSixIndicatorsTheirWeightsAndGroups()
    {
        var grading = Fresh.ValueGrading;
        Assert.Equal(
            [
                ("historicalAmount", 0.30m, "current"), ("frequency", 0.15m, "current"), ("grossMargin", 0.15m, "current"),
                ("industryInfluence", 0.10m, "potential"), ("needMatch", 0.15m, "potential"), ("willingness", 0.15m, "potential"),
            ],
            grading.Indicators.Select(i => (i.Name, i.Weight, i.Group)));
        Assert.Equal((1, 5), (grading.MinimumScore, grading.MaximumScore));
        Assert.All(grading.Indicators, i => Assert.Equal((IndicatorScoring.Direct, 1, 5, 0, 0), (i.Scoring, i.MinimumScore, i.MaximumScore, i.Bands.Count, i.Categories.Count)));
        Assert.Equal([0, 1, 2, 3, 4, 5], grading.Indicators.Select(i => i.Index));
    }

    [Fact]
    public void Grade3_And4_TheThreeGradesTheirThresholdsLabelsAndTreatments()
    {
        Assert.Equal(
            [
                ("A", "core", 4m, "every P1M via visit, deepTalk by salesDirector, dedicatedAdvisor; respond within 24:00 (24x7)"),
                ("B", "potential", 3m, "every P3M via phone, online by salesManager, standard; respond within 48:00 (business)"),
                ("C", "general", (decimal?)null, "every P6M via email, sms by customerService, selfService; respond within 72:00 (business)"),
            ],
            Fresh.ValueGrading.Grades.Select(g => (g.Name, g.Label, g.MinimumTotal, g.Treatment.ToString())));
    }

    [Fact]
    public void Grade2_And5_RejectMissingValues_TheSalesDirectorApproves()
    {
        Assert.Equal(MissingIndicatorPolicy.Reject, Fresh.ValueGrading.MissingValues);
        Assert.Equal(new GradeApprovalPolicy(true, "salesDirector"), Fresh.ValueGrading.Approval);
    }

    [Fact]
    public void Grade4_ANewGradeWithoutCalendarServiceLevelOrChannels_TakesTheOptionDefaults()
    {
        var options = new CrmRulesOptions();
        options.ValueGrading.Grades["D"] = new GradeOptions
        {
            MinimumTotal = 2m,
            Treatment = new GradeTreatmentOptions { ContactInterval = Period.FromYears(1), OwnerRole = "partner", ResponseTime = Duration.FromDays(5) },
        };
        var d = CrmRuleSet.Compile(options).ValueGrading.FindGrade("D")!;

        Assert.Equal(("24x7", "", 0, (string?)null), (d.Treatment.ResponseCalendar, d.Treatment.ServiceLevel, d.Treatment.Channels.Count, d.Label));
        Assert.Equal(2, d.Rank);
    }

    [Fact]
    public void Lead1_TheThreeCriteriaTheAdvanceThresholdAndTheLabels()
    {
        var leads = Fresh.LeadScoring;
        Assert.Equal([new LeadCriterion("industryMatch", 3m, null), new LeadCriterion("budgetClear", 2m, null), new LeadCriterion("authorityClear", 2m, null)], leads.Criteria);
        Assert.Equal(5m, leads.AdvanceAtPoints);
        Assert.Equal([new LeadLabel("high-potential", 5m, 0), new LeadLabel("normal", 3m, 1), new LeadLabel("nurture", null, 2)], leads.Labels);
    }

    [Fact]
    public void Options_DefaultsOfHandBuiltEntries()
    {
        // What an entry built in code starts from; the validation then insists on the parts that have no default.
        var indicator = new IndicatorOptions();
        Assert.Equal(("", 0m, (string?)null), (indicator.Name, indicator.Weight, indicator.Group));
        Assert.Null(indicator.Bands);
        Assert.Null(indicator.Categories);
        var treatment = new GradeTreatmentOptions();
        Assert.Equal(("", "", "24x7", 0), (treatment.OwnerRole, treatment.ServiceLevel, treatment.ResponseCalendar, treatment.Channels.Count));
        Assert.Null(treatment.ContactInterval);
        Assert.Null(treatment.ResponseTime);
        Assert.Equal((true, "salesDirector"), (new GradeApprovalOptions().Required, new GradeApprovalOptions().ApproverRole));
        Assert.Equal((1, 5), (new ScoreScaleOptions().Minimum, new ScoreScaleOptions().Maximum));
    }
}
