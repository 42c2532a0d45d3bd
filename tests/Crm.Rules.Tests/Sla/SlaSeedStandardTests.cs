using Crm.Rules.Sla;
using NodaTime;

namespace Crm.Rules.Tests.Sla;

/// <summary>
/// The seed standard's SLA numbers (SLA-1 … SLA-7) and business calendar, read from a fresh compile: the cached
/// <see cref="CrmRuleSet.SeedStandard"/> would hide a change to a default from the mutation run.
/// </summary>
public class SlaSeedStandardTests
{
    [Fact]
    public void Sla1To7_EverySeedPolicy_InOrder()
    {
        var policies = TestRules.FreshSeed().Sla.Policies;
        Assert.Equal(
            [
                "response-A response A - PT24H - 24x7",
                "response-B response B - PT48H - business",
                "response-C response C - PT72H - business",
                "contact-record contactRecord - - PT24H - 24x7",
                "customer-data-entry customerDataEntry - - PT24H - 24x7",
                "request-response request - - PT24H - 24x7",
                "complex-issue-solution complexIssue - - PT48H - 24x7",
                "negative-review negativeReview - - PT24H - 24x7",
                "demand-feedback demandFeedback - - - 3 business",
                "churn-cause-analysis churnAnalysis - - PT24H - 24x7",
                "churn-executive-talk executiveContact - - PT72H - 24x7",
                "normal-issue issue - - PT48H - 24x7",
                "major-risk-level-1 riskResponse - level1 PT24H - 24x7",
                "crisis-first-response crisis - - PT4H - 24x7",
                "technical-diagnosis technicalDiagnosis - - PT2H - 24x7",
                "feasibility-feedback feasibilityFeedback - - PT48H - 24x7",
                "vip-inquiry inquiry - vip PT2H - 24x7",
            ],
            policies.Select(p => string.Join(" ", p.Name, p.Kind, p.Grade ?? "-", p.Priority ?? "-", p.Target is { } t ? IsoDuration.Format(t) : "-", p.WorkingDays?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-", p.Calendar.Name)));
        Assert.All(policies, p => Assert.Equal([0.5m, 0.75m], p.Warnings));
    }

    [Fact]
    public void Sla1_TheSeedBusinessCalendarIsAShanghaiOfficeWeekWithALunchBreak()
    {
        var business = TestRules.FreshSeed().Sla.FindCalendar("business")!;
        Assert.Equal(("Asia/Shanghai", AmbiguousTimeRule.Earlier, false), (business.Zone.Id, business.AmbiguousTime, business.IsAlwaysOpen));
        var monday = new LocalDate(2026, 11, 23);
        for (var d = 0; d < 5; d++)
        {
            Assert.Equal(["09:00-12:00", "13:30-18:00"], business.IntervalsOn(monday.PlusDays(d)).Select(i => i.ToString()));
        }

        Assert.Empty(business.IntervalsOn(monday.PlusDays(5)));
        Assert.Empty(business.IntervalsOn(monday.PlusDays(6)));
        Assert.Equal(Duration.FromMinutes(5 * 450), business.NominalWeek);
    }
}
