using Crm.Rules.Sla;
using NodaTime;
using static Crm.Rules.Tests.Sla.SlaFixtures;

namespace Crm.Rules.Tests.Sla;

public class SlaClockTests
{
    private static readonly SlaRules Seed = CrmRuleSet.SeedStandard.Sla;

    private static SlaAssessment Evaluate(SlaClock clock, string asOf) => Seed.Evaluate(clock, At(asOf));

    [Fact]
    public void Sla1_GradeA_Responds24HoursOnCalendarTime()
    {
        var policy = Seed.Select("A", "response", null)!;
        var clock = SlaClock.Start(policy, At("2026-11-27T18:00:00+08:00"));

        var assessment = Evaluate(clock, "2026-11-28T06:00:00+08:00");

        Assert.Equal(("response-A", "24x7"), (assessment.Policy, assessment.Calendar));
        Assert.Equal(At("2026-11-28T18:00:00+08:00"), assessment.Deadline);
        Assert.Equal((SlaStatus.Warning, 0.5m), (assessment.Status, assessment.WarningLevel));
        Assert.Equal(Duration.FromHours(12), assessment.Remaining);
    }

    [Theory]
    [InlineData("B", "2026-12-01T12:00:00+08:00")] // 48 h of business time: 6 days × 7.5 h, then 3 h on Tuesday
    [InlineData("C", "2026-12-04T15:00:00+08:00")] // 72 h: 9 days × 7.5 h, then 4.5 h on Friday across the lunch break
    public void Sla1_GradesBAndC_RespondInBusinessHours(string grade, string expected)
    {
        var policy = Seed.Select(grade, "response", null)!;
        var start = At("2026-11-23T09:00:00+08:00");
        var clock = SlaClock.Start(policy, start);

        var assessment = Evaluate(clock, "2026-11-23T09:00:00+08:00");

        Assert.Equal("business", assessment.Calendar);
        Assert.Equal(policy.Target, Seed.FindCalendar("business")!.Between(start, assessment.Deadline));
        Assert.Equal(expected, IsoInstant.Format(assessment.Deadline, Seed.FindCalendar("business")!.Zone));
    }

    [Theory]
    [InlineData("contactRecord", null, null, "contact-record", 24)]         // SLA-2
    [InlineData("customerDataEntry", null, null, "customer-data-entry", 24)] // SLA-2
    [InlineData("request", null, null, "request-response", 24)]            // SLA-3
    [InlineData("complexIssue", null, null, "complex-issue-solution", 48)] // SLA-3
    [InlineData("negativeReview", null, null, "negative-review", 24)]      // SLA-4
    [InlineData("churnAnalysis", null, null, "churn-cause-analysis", 24)]  // SLA-6
    [InlineData("executiveContact", null, null, "churn-executive-talk", 72)] // SLA-6
    [InlineData("issue", null, null, "normal-issue", 48)]                  // SLA-7
    [InlineData("riskResponse", null, "level1", "major-risk-level-1", 24)] // SLA-7
    [InlineData("crisis", "C", null, "crisis-first-response", 4)]          // SLA-7 golden 4 hours
    [InlineData("technicalDiagnosis", null, null, "technical-diagnosis", 2)] // SLA-7
    [InlineData("feasibilityFeedback", null, null, "feasibility-feedback", 48)] // SLA-7
    [InlineData("inquiry", "A", "vip", "vip-inquiry", 2)]                  // SLA-7 VIP
    public void Sla2To7_SeedPoliciesAndTheirTargets(string kind, string? grade, string? priority, string policy, int hours)
    {
        var selected = Seed.Select(grade, kind, priority)!;
        Assert.Equal(policy, selected.Name);
        Assert.Equal(Duration.FromHours(hours), selected.Target);
    }

    [Fact]
    public void Sla5_DemandFeedbackIsDueInThreeWorkingDays()
    {
        var policy = Seed.Select(null, "demandFeedback", null)!;
        var clock = SlaClock.Start(policy, At("2026-11-27T10:00:00+08:00"));

        var assessment = Evaluate(clock, "2026-11-27T10:00:00+08:00");

        Assert.Equal(3, policy.WorkingDays);
        Assert.Equal(At("2026-12-02T10:00:00+08:00"), assessment.Deadline);
        Assert.Equal(Duration.FromMinutes(3 * 450), assessment.Target);
        Assert.Contains("3 working days", assessment.Explanation[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Select_TheMostSpecificPolicyWins_AndNoneWhenNothingMatches()
    {
        var rules = TestRules.FromJson("""
            { "sla": { "policies": [
                { "name": "any-response", "kind": "response", "target": "PT72H" },
                { "name": "a-response", "kind": "response", "grade": "A", "target": "PT24H" },
                { "name": "a-urgent", "kind": "response", "grade": "A", "priority": "urgent", "target": "PT2H" } ] } }
            """).Sla;
        Assert.Equal("a-urgent", rules.Select("A", "response", "urgent")!.Name);
        Assert.Equal("a-response", rules.Select("A", "response", "normal")!.Name);
        Assert.Equal("any-response", rules.Select("B", "response", null)!.Name);
        Assert.Null(rules.Select("A", "crisis", null));
    }

    [Fact]
    public void Pauses_MoveTheDeadlineByTheBusinessTimeSpentPaused()
    {
        var policy = Seed.FindPolicy("response-B")!;
        var start = At("2026-11-23T09:00:00+08:00");
        var unpaused = Seed.Evaluate(SlaClock.Start(policy, start), start);

        // 2 working hours on Monday, plus a weekend that holds no working time at all.
        var clock = SlaClock.Create(policy, start,
        [
            new SlaPause(At("2026-11-23T14:00:00+08:00"), At("2026-11-23T16:00:00+08:00")),
            new SlaPause(At("2026-11-28T08:00:00+08:00"), At("2026-11-29T20:00:00+08:00")),
        ]);
        var paused = Evaluate(clock, "2026-11-25T09:00:00+08:00");

        Assert.Equal(Seed.FindCalendar("business")!.Add(unpaused.Deadline, Duration.FromHours(2)), paused.Deadline);
        Assert.Equal(Duration.FromHours(2), paused.Paused);
        Assert.Equal(Duration.FromMinutes(2 * 450 - 120), paused.Elapsed);
        Assert.Contains("moved by as much", paused.Explanation[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Pauses_OutsideWorkingHoursMoveNothing()
    {
        var policy = Seed.FindPolicy("response-B")!;
        var start = At("2026-11-23T09:00:00+08:00");
        var clock = SlaClock.Create(policy, start, [new SlaPause(At("2026-11-23T18:30:00+08:00"), At("2026-11-24T08:30:00+08:00"))]);
        Assert.Equal(Seed.Evaluate(SlaClock.Start(policy, start), start).Deadline, Seed.Evaluate(clock, At("2026-11-26T09:00:00+08:00")).Deadline);
    }

    [Fact]
    public void Status_RunningWarningBreachedPausedMetMetLate()
    {
        var crisis = Seed.FindPolicy("crisis-first-response")!; // 4 h on 24x7, warnings at 50 % and 75 %
        var start = At("2026-11-23T09:00:00Z");
        var clock = SlaClock.Start(crisis, start);

        Assert.Equal(SlaStatus.Running, Evaluate(clock, "2026-11-23T10:00:00Z").Status);
        Assert.Equal((SlaStatus.Warning, 0.5m), (Evaluate(clock, "2026-11-23T11:00:00Z").Status, Evaluate(clock, "2026-11-23T11:00:00Z").WarningLevel));
        Assert.Equal(0.75m, Evaluate(clock, "2026-11-23T12:00:00Z").WarningLevel);
        var breached = Evaluate(clock, "2026-11-23T14:00:00Z");
        Assert.Equal((SlaStatus.Breached, At("2026-11-23T13:00:00Z")), (breached.Status, breached.BreachedAt!.Value));
        Assert.Equal(Duration.FromHours(-1), breached.Remaining);

        var paused = clock.Pause(At("2026-11-23T10:00:00Z"));
        var whilePaused = Evaluate(paused, "2026-11-23T15:00:00Z");
        Assert.Equal((SlaStatus.Paused, At("2026-11-23T18:00:00Z")), (whilePaused.Status, whilePaused.Deadline));

        var met = clock.Stop(At("2026-11-23T12:59:00Z"));
        Assert.Equal(SlaStatus.Met, Evaluate(met, "2026-11-24T00:00:00Z").Status);
        var late = clock.Stop(At("2026-11-23T13:30:00Z"));
        var lateAssessment = Evaluate(late, "2026-11-24T00:00:00Z");
        Assert.Equal((SlaStatus.MetLate, At("2026-11-23T13:00:00Z")), (lateAssessment.Status, lateAssessment.BreachedAt!.Value));
        Assert.Equal(Duration.FromMinutes(270), lateAssessment.Elapsed);
    }

    [Fact]
    public void Retarget_CarriesElapsedBusinessTimeOver()
    {
        var b = Seed.FindPolicy("response-B")!;
        var a = Seed.FindPolicy("response-A")!;
        var start = At("2026-11-23T09:00:00+08:00");

        // Monday 09:00–18:00 on the business calendar: 7.5 h elapsed; then the customer becomes grade A (24 h, 24x7).
        var clock = SlaClock.Start(b, start).Retarget(a, At("2026-11-23T18:00:00+08:00"));
        var assessment = Evaluate(clock, "2026-11-23T20:00:00+08:00");

        Assert.Equal("response-A", assessment.Policy);
        Assert.Equal(At("2026-11-24T10:30:00+08:00"), assessment.Deadline); // 24 − 7.5 = 16.5 h after 18:00
        Assert.Equal(Duration.FromMinutes(450 + 120), assessment.Elapsed);
        Assert.Contains("carried over", assessment.Explanation[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Retarget_ToATargetAlreadyExceededIsBreachedAtTheMomentItWasReached()
    {
        var crisis = Seed.FindPolicy("crisis-first-response")!;
        var diagnosis = Seed.FindPolicy("technical-diagnosis")!; // 2 h
        var clock = SlaClock.Start(crisis, At("2026-11-23T09:00:00Z")).Retarget(diagnosis, At("2026-11-23T12:00:00Z"));
        var assessment = Evaluate(clock, "2026-11-23T12:00:00Z");
        Assert.Equal((SlaStatus.Breached, At("2026-11-23T11:00:00Z")), (assessment.Status, assessment.Deadline));
    }

    [Theory]
    [InlineData("2026-11-23T10:00:00Z", "2026-11-23T09:30:00Z", "2026-11-23T09:00:00Z", "pauses[0].to")]
    [InlineData("2026-11-23T08:00:00Z", "2026-11-23T09:30:00Z", "2026-11-23T09:00:00Z", "pauses[0].from")]
    public void BadPauses_NameTheField(string from, string to, string start, string field)
    {
        var error = Assert.Throws<CrmInputException>(() => SlaClock.Create(Seed.FindPolicy("crisis-first-response")!, At(start), [new SlaPause(At(from), At(to))]));
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void BadHistories_NameTheField()
    {
        var policy = Seed.FindPolicy("crisis-first-response")!;
        var start = At("2026-11-23T09:00:00Z");
        var overlap = Assert.Throws<CrmInputException>(() => SlaClock.Create(policy, start,
            [new SlaPause(At("2026-11-23T10:00:00Z"), At("2026-11-23T11:00:00Z")), new SlaPause(At("2026-11-23T10:30:00Z"), At("2026-11-23T12:00:00Z"))]));
        Assert.Equal("pauses[1]: overlaps pauses[0]; pauses must not overlap and only the last may be open", overlap.Message);
        Assert.Equal("stop", Assert.Throws<CrmInputException>(() => SlaClock.Create(policy, start, stop: At("2026-11-23T08:00:00Z"))).Field);
        Assert.Equal("asOf", Assert.Throws<CrmInputException>(() => Seed.Evaluate(SlaClock.Start(policy, start), At("2026-11-23T08:00:00Z"))).Field);
        Assert.Equal("resume", Assert.Throws<CrmInputException>(() => SlaClock.Start(policy, start).Resume(At("2026-11-23T10:00:00Z"))).Field);
        Assert.Equal("pause", Assert.Throws<CrmInputException>(() => SlaClock.Start(policy, start).Pause(At("2026-11-23T10:00:00Z")).Pause(At("2026-11-23T11:00:00Z"))).Field);
    }
}

public class SlaRangeTests
{
    [Fact]
    public void ADeadlinePastTheEndOfTheRange_IsReportedOnTheClock_NotAnArithmeticException()
    {
        var rules = TestRules.FromJson("""{ "sla": { "policies": [ { "name": "slow", "kind": "response", "target": "PT240000H", "calendar": "business" } ] } }""").Sla;
        var start = NodaTime.Instant.FromUtc(9899, 12, 31, 0, 0);
        var error = Assert.Throws<CrmInputException>(() => rules.Evaluate(SlaClock.Start(rules.FindPolicy("slow")!, start), start));
        Assert.Equal("asOf", error.Field);
        Assert.Equal("the deadline under 'slow' lies after 9999-12-31, the last date the calendar arithmetic supports", error.Problem);
    }
}
