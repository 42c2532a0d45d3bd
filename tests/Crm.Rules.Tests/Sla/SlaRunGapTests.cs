using Crm.Rules.Configuration;
using Crm.Rules.Sla;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static Crm.Rules.Tests.Sla.SlaFixtures;

namespace Crm.Rules.Tests.Sla;

/// <summary>What the Sla mutation run (docs/testing.md) found unpinned: pauses and re-targets meeting, texts, settings missing from code.</summary>
[Properties(MaxTest = 300)]
public class SlaRunGapTests
{
    private static readonly SlaRules Seed = CrmRuleSet.SeedStandard.Sla;
    private static readonly SlaPolicy Crisis = Seed.FindPolicy("crisis-first-response")!;
    private static readonly Instant Start = At("2026-11-23T09:00:00Z");

    private static Instant H(double hours) => Start + Duration.FromMinutes((long)(hours * 60));

    // Splitting a clock into segments of the same policy must change nothing: the segment arithmetic (carried time,
    // pauses clipped to a segment, a segment that starts inside a pause) is then checked against the plain clock.
    [Property]
    public Property RetargetingToTheSamePolicyChangesNothing()
        => Prop.ForAll(
            Arb.From(Gen.Choose(0, 3000).ArrayOf(5), a => Shrink.Each(a, m => Shrink.Towards(m, 0))),
            Arb.From(Gen.Elements("response-B", "crisis-first-response", "demand-feedback")),
            (minutes, name) =>
            {
                var policy = Seed.FindPolicy(name)!;
                var at = minutes.Select(m => Start + Duration.FromMinutes(m)).ToArray();
                var (pauseFrom, pauseTo) = at[0] <= at[1] ? (at[0], at[1]) : (at[1], at[0]);
                var plain = SlaClock.Create(policy, Start, [new SlaPause(pauseFrom, pauseTo)]);
                var split = plain.Retarget(policy, at[2] < at[3] ? at[2] : at[3]).Retarget(policy, at[2] < at[3] ? at[3] : at[2]);
                var asOf = at[4];
                var a = Seed.Evaluate(plain, asOf);
                var b = Seed.Evaluate(split, asOf);
                return (a.Deadline, a.Elapsed, a.Paused, a.Status, a.WarningLevel) == (b.Deadline, b.Elapsed, b.Paused, b.Status, b.WarningLevel);
            });

    [Fact]
    public void Sla7_ADeadlineReachedExactlyWhenAPauseBeginsIsThatInstant()
    {
        var clock = SlaClock.Create(Crisis, Start, [new SlaPause(H(4), H(5))]);
        var assessment = Seed.Evaluate(clock, H(4.5));
        Assert.Equal((H(4), SlaStatus.Breached), (assessment.Deadline, assessment.Status));
    }

    [Fact]
    public void Explanation_APauseThatBeginsAtTheInstantEvaluatedIsNotCountedYet()
        => Assert.Equal(["policy 'crisis-first-response': PT4H of calendar time (24x7)"], Seed.Evaluate(SlaClock.Start(Crisis, Start).Pause(H(1)), H(1)).Explanation);

    [Fact]
    public void Clock_MayStopAtItsStart_AndListsSeveralRetargets()
    {
        Assert.Equal(SlaStatus.Met, Seed.Evaluate(SlaClock.Create(Crisis, Start, stop: Start), Start).Status);
        var diagnosis = Seed.FindPolicy("technical-diagnosis")!;
        Assert.Equal(
            "'crisis-first-response' clock from 2026-11-23T09:00:00Z, re-targeted to 'technical-diagnosis' at 2026-11-23T10:00:00Z, to 'crisis-first-response' at 2026-11-23T11:00:00Z",
            SlaClock.Start(Crisis, Start).Retarget(diagnosis, H(1)).Retarget(Crisis, H(2)).ToString());
    }

    [Fact]
    public void Status_AnUndefinedValueIsRefusedWithItsText()
        => Assert.StartsWith("is not an SLA status", Assert.Throws<ArgumentOutOfRangeException>(() => ((SlaStatus)42).ToText()).Message, StringComparison.Ordinal);

    [Fact]
    public void WorkingInterval_LengthAndText()
    {
        var calendar = TestRules.FromJson("""{ "sla": { "calendars": { "x": { "timeZone": "UTC", "week": { "monday": ["09:00-12:00", "18:00-24:00"] } } } } }""").Sla.FindCalendar("x")!;
        var intervals = calendar.IntervalsOn(new LocalDate(2026, 11, 23));
        Assert.Equal(["09:00-12:00", "18:00-24:00"], intervals.Select(i => i.ToString()));
        Assert.Equal([Duration.FromHours(3), Duration.FromHours(6)], intervals.Select(i => i.Length));
    }

    [Fact]
    public void Validation_APolicyWithoutANameIsRefused()
        => Assert.Contains("sla.policies[0].name: every policy needs a name", TestRules.ProblemsOf("""{ "sla": { "policies": [ { "target": "PT1H" } ] } }"""));

    [Fact]
    public void Validation_AHolidayRangeWithOneBadDateIsRefused()
        => Assert.Equal(
            ["sla.calendars.x.holidays[0]: '2026-10-01/2026-13-01' is not a date (\"2026-10-01\") or an inclusive range (\"2026-10-02/2026-10-08\")"],
            TestRules.ProblemsOf("""{ "sla": { "calendars": { "x": { "timeZone": "UTC", "week": { "monday": ["09:00-17:00"] }, "holidays": ["2026-10-01/2026-13-01"] } } } }"""));

    [Fact]
    public void Validation_NullSettingsFromCodeAreReportedOrTakenAsEmpty()
    {
        var options = new CrmRulesOptions();
        options.Sla.Calendars["x"] = new BusinessCalendarOptions { TimeZone = null!, Week = new WeekOptions { Monday = ["09:00-17:00"] }, Overrides = null!, Holidays = null! };
        Assert.Equal(["sla.calendars.x.timeZone: is required: an IANA time zone such as \"Asia/Shanghai\""], ProblemsOf(options));

        options.Sla.Calendars["x"].TimeZone = "UTC";
        Assert.Equal([], ProblemsOf(options));

        options.Sla.Calendars = null!;
        Assert.DoesNotContain(ProblemsOf(options), p => p.StartsWith("sla.calendars", StringComparison.Ordinal));
    }

    [Fact]
    public void Dst_TheAmbiguousTimeRule_FromAFreshCompile()
    {
        // SlaFixtures.RuleSet is compiled once per process, so a mutation of the calendar's constructor never reaches it.
        var sla = TestRules.FromJson(Calendars).Sla;
        var day = (At("2026-11-01T00:00:00-04:00"), At("2026-11-02T00:00:00-05:00"));
        Assert.Equal(Duration.FromMinutes(270), sla.FindCalendar("ny-fallback")!.Between(day.Item1, day.Item2));
        Assert.Equal(Duration.FromMinutes(210), sla.FindCalendar("ny-fallback-later")!.Between(day.Item1, day.Item2));
    }

    [Fact]
    public void Add_ExactlyWholeNominalWeeksEndsAtTheCloseOfTheLastWorkingDay()
    {
        // From a Sunday the week skipping starts on Monday with exactly two nominal weeks left: the time runs out at
        // the close of the second Friday, not at the opening of the Monday after.
        var business = TestRules.FreshSeed().Sla.FindCalendar("business")!;
        var sunday = At("2026-11-22T12:00:00+08:00");
        Assert.Equal(At("2026-12-04T18:00:00+08:00"), business.Add(sunday, business.NominalWeek * 2));
        Assert.Equal(At("2026-11-23T09:00:00+08:00"), business.Add(At("2026-12-05T12:00:00+08:00"), -business.NominalWeek * 2));
    }

    [Fact]
    public void AddWorkingDays_ZeroDaysIsTheStartEvenAtTheClose()
    {
        var business = TestRules.FreshSeed().Sla.FindCalendar("business")!;
        var start = At("2026-11-23T10:00:00+08:00");
        Assert.Equal(start, business.AddWorkingDays(start, 0, WorkingDayTime.Close));
    }

    private static List<string> ProblemsOf(CrmRulesOptions options)
        => CrmRulesValidation.Validate(options).Select(e => e.ToString()).ToList();
}
