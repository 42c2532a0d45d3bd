using Crm.Rules.Configuration;
using Crm.Rules.Sla;
using NodaTime;

namespace Crm.Rules.Tests.Sla;

/// <summary>The edges of compiling a calendar (SLA-1, SLA-8): interval texts, holiday ranges, overrides, settings from code.</summary>
public class SlaCalendarValidationEdgeTests
{
    private const string NotAnInterval = "is not an interval such as \"09:00-12:00\" (24-hour times; \"24:00\" may end a day)";

    private static IReadOnlyList<string> ProblemsOfMonday(string intervals)
        => TestRules.ProblemsOf($$"""{ "sla": { "calendars": { "x": { "timeZone": "UTC", "week": { "monday": {{intervals}} } } } } }""");

    private static IReadOnlyList<string> ProblemsOfHolidays(string holidays)
        => TestRules.ProblemsOf($$"""{ "sla": { "calendars": { "x": { "timeZone": "UTC", "week": { "monday": ["09:00-17:00"] }, "holidays": {{holidays}} } } } }""");

    private static BusinessCalendar Compile(string calendar)
        => TestRules.FromJson($$"""{ "sla": { "calendars": { "x": {{calendar}} } } }""").Sla.FindCalendar("x")!;

    [Theory]
    [InlineData("09:00-12:00-13:00")]
    [InlineData("09:00")]
    [InlineData("24:00-24:00")] // 24:00 may end a day, never start one
    [InlineData("09:00-24:01")]
    [InlineData("9:00-12:00")]
    [InlineData("")]
    public void Sla1_AMalformedIntervalIsNamedWithItsIndex(string text)
        => Assert.Equal([$"sla.calendars.x.week.monday[1]: '{text}' {NotAnInterval}"], ProblemsOfMonday($"""["08:00-08:30", "{text}"]"""));

    [Fact]
    public void Sla1_AnIntervalOfNoLengthEndsBeforeItStarts()
        => Assert.Equal(
            ["sla.calendars.x.week.monday[1]: '09:00-09:00' ends before it starts; an interval that crosses midnight must be written as two, e.g. \"22:00-24:00\" and \"00:00-02:00\" on the next day"],
            ProblemsOfMonday("""["08:00-08:30", "09:00-09:00"]"""));

    [Fact]
    public void Sla1_SpacesAroundTheTimesAreAllowed_AndAWholeDayIsOneInterval()
    {
        var calendar = Compile("""{ "timeZone": "UTC", "week": { "monday": [" 09:00 - 12:00 "], "tuesday": ["00:00-24:00"] } }""");
        Assert.Equal("09:00-12:00", Assert.Single(calendar.IntervalsOn(new LocalDate(2026, 11, 23))).ToString());
        Assert.Equal(Duration.FromHours(24), Assert.Single(calendar.IntervalsOn(new LocalDate(2026, 11, 24))).Length);
        Assert.Equal(Duration.FromHours(27), calendar.NominalWeek);
    }

    [Fact]
    public void Sla1_SeveralOverlapsAreEachReported_AndTouchingOnesMerge()
    {
        Assert.Equal(
            [
                "sla.calendars.x.week.monday: intervals 09:00-12:00 and 11:00-14:00 overlap; intervals on one day must not overlap",
                "sla.calendars.x.week.monday: intervals 11:00-14:00 and 13:59-18:00 overlap; intervals on one day must not overlap",
            ],
            ProblemsOfMonday("""["13:59-18:00", "09:00-12:00", "11:00-14:00"]"""));
        var calendar = Compile("""{ "timeZone": "UTC", "week": { "monday": ["14:00-18:00", "12:00-14:00", "08:00-09:00", "09:00-10:00"] } }""");
        Assert.Equal(["08:00-10:00", "12:00-18:00"], calendar.IntervalsOn(new LocalDate(2026, 11, 23)).Select(i => i.ToString()));
    }

    [Fact]
    public void Sla1_AWeekAndAnIntervalListMissingFromCodeAreReported()
    {
        var options = new CrmRulesOptions();
        options.Sla.Calendars["x"] = new BusinessCalendarOptions { TimeZone = "UTC", Week = null! };
        Assert.Equal(["sla.calendars.x.week: is required"], ProblemsOf(options));

        options.Sla.Calendars["x"] = null!;
        Assert.Equal(["sla.calendars.x: must not be null"], ProblemsOf(options));

        options.Sla.Calendars["x"] = new BusinessCalendarOptions { TimeZone = "UTC", Week = new WeekOptions { Monday = ["09:00-17:00", null!] } };
        Assert.Equal([$"sla.calendars.x.week.monday[1]: '' {NotAnInterval}"], ProblemsOf(options));

        options.Sla.Calendars["x"] = new BusinessCalendarOptions { TimeZone = "UTC", Week = new WeekOptions { Monday = ["09:00-17:00"] }, Holidays = ["2026-10-01", null!] };
        Assert.Equal(["sla.calendars.x.holidays[1]: '' is not a date (\"2026-10-01\") or an inclusive range (\"2026-10-02/2026-10-08\")"], ProblemsOf(options));
    }

    [Theory]
    [InlineData("""["2024-01-01/2024-12-31"]""", null)] // a leap year: 366 days, the longest range
    [InlineData("""["2023-01-01/2024-01-01"]""", null)] // 366 days across a common year
    [InlineData("""["2023-01-01/2024-01-02"]""", "sla.calendars.x.holidays[0]: '2023-01-01/2024-01-02' spans 367 days; a holiday range may span at most 366")]
    [InlineData("""["2026-10-01/2026-10-02/2026-10-03"]""", "sla.calendars.x.holidays[0]: '2026-10-01/2026-10-02/2026-10-03' is not a date (\"2026-10-01\") or an inclusive range (\"2026-10-02/2026-10-08\")")]
    public void Sla8_HolidayRanges(string holidays, string? problem)
        => Assert.Equal(problem is null ? [] : [problem], ProblemsOfHolidays(holidays));

    [Fact]
    public void Sla8_AHolidayRangeClosesEveryDateInIt_BothEndsIncluded_AndAnOverrideWinsOverIt()
    {
        var calendar = Compile("""
            { "timeZone": "UTC", "week": { "monday": ["09:00-17:00"], "tuesday": ["09:00-17:00"], "wednesday": ["09:00-17:00"], "thursday": ["09:00-17:00"] },
              "holidays": ["2026-11-23/2026-11-25", " 2026-11-26 "], "overrides": { "2026-11-24": ["10:00-11:00"], "2026-11-29": [] } }
            """);
        Assert.False(calendar.IsWorkingDay(new LocalDate(2026, 11, 23)));
        Assert.Equal("10:00-11:00", Assert.Single(calendar.IntervalsOn(new LocalDate(2026, 11, 24))).ToString());
        Assert.False(calendar.IsWorkingDay(new LocalDate(2026, 11, 25)));
        Assert.False(calendar.IsWorkingDay(new LocalDate(2026, 11, 26)));
        Assert.True(calendar.IsWorkingDay(new LocalDate(2026, 11, 30)));
        Assert.True(calendar.IsWorkingDay(new LocalDate(2026, 11, 19)));
    }

    [Fact]
    public void Sla8_AnOverrideWithoutIntervalsFromCodeClosesTheDate()
    {
        var options = new CrmRulesOptions();
        options.Sla.Calendars["x"] = new BusinessCalendarOptions { TimeZone = "UTC", Week = new WeekOptions { Monday = ["09:00-17:00"] } };
        options.Sla.Calendars["x"].Overrides["2026-11-23"] = null!;
        Assert.False(CrmRuleSet.Compile(options).Sla.FindCalendar("x")!.IsWorkingDay(new LocalDate(2026, 11, 23)));
    }

    private static List<string> ProblemsOf(CrmRulesOptions options)
        => CrmRulesValidation.Validate(options).Select(e => e.ToString()).ToList();
}
