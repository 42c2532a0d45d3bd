namespace Crm.Rules.Tests.Sla;

public class SlaValidationTests
{
    [Theory]
    [InlineData("""{ "sla": { "calendars": { "x": { "timeZone": "Mars/Olympus", "week": { "monday": ["09:00-17:00"] } } } } }""",
        "sla.calendars.x.timeZone: 'Mars/Olympus' is not an IANA time zone (e.g. \"Asia/Shanghai\", \"Europe/Paris\")")]
    [InlineData("""{ "sla": { "calendars": { "x": { "week": { "monday": ["09:00-17:00"] } } } } }""",
        "sla.calendars.x.timeZone: is required: an IANA time zone such as \"Asia/Shanghai\"")]
    [InlineData("""{ "sla": { "calendars": { "x": { "timeZone": "UTC", "week": { "monday": ["9-5"] } } } } }""",
        "sla.calendars.x.week.monday[0]: '9-5' is not an interval such as \"09:00-12:00\" (24-hour times; \"24:00\" may end a day)")]
    [InlineData("""{ "sla": { "calendars": { "x": { "timeZone": "UTC", "week": { "monday": ["22:00-02:00"] } } } } }""",
        "sla.calendars.x.week.monday[0]: '22:00-02:00' ends before it starts; an interval that crosses midnight must be written as two, e.g. \"22:00-24:00\" and \"00:00-02:00\" on the next day")]
    [InlineData("""{ "sla": { "calendars": { "x": { "timeZone": "UTC", "week": { "monday": ["22:00-00:00"] } } } } }""",
        "sla.calendars.x.week.monday[0]: '22:00-00:00' ends at 00:00; end the day with \"24:00\"")]
    [InlineData("""{ "sla": { "calendars": { "x": { "timeZone": "UTC", "week": { "monday": ["09:00-13:00", "12:00-18:00"] } } } } }""",
        "sla.calendars.x.week.monday: intervals 09:00-13:00 and 12:00-18:00 overlap; intervals on one day must not overlap")]
    [InlineData("""{ "sla": { "calendars": { "x": { "timeZone": "UTC", "week": {} } } } }""",
        "sla.calendars.x.week: has no working hours on any day; a deadline on it would never come")]
    [InlineData("""{ "sla": { "calendars": { "x": { "timeZone": "UTC", "week": { "monday": ["09:00-17:00"] }, "holidays": ["2026-13-01"] } } } }""",
        "sla.calendars.x.holidays[0]: '2026-13-01' is not a date (\"2026-10-01\") or an inclusive range (\"2026-10-02/2026-10-08\")")]
    [InlineData("""{ "sla": { "calendars": { "x": { "timeZone": "UTC", "week": { "monday": ["09:00-17:00"] }, "holidays": ["2026-10-08/2026-10-02"] } } } }""",
        "sla.calendars.x.holidays[0]: '2026-10-08/2026-10-02' ends before it starts")]
    [InlineData("""{ "sla": { "calendars": { "x": { "timeZone": "UTC", "week": { "monday": ["09:00-17:00"] }, "holidays": ["2026-01-01/2027-12-31"] } } } }""",
        "sla.calendars.x.holidays[0]: '2026-01-01/2027-12-31' spans 730 days; a holiday range may span at most 366")]
    [InlineData("""{ "sla": { "calendars": { "x": { "timeZone": "UTC", "week": { "monday": ["09:00-17:00"] }, "overrides": { "27/09/2026": [] } } } } }""",
        "sla.calendars.x.overrides['27/09/2026']: '27/09/2026' is not a date such as \"2026-09-27\"")]
    [InlineData("""{ "sla": { "calendars": { "24x7": { "timeZone": "UTC", "week": { "monday": ["09:00-17:00"] } } } } }""",
        "sla.calendars.24x7: '24x7' is the built-in calendar that is always open; give your calendar another name")]
    [InlineData("""{ "sla": { "policies": [ { "name": "p", "calendar": "office" , "target": "PT1H" } ] } }""",
        "sla.policies[0].calendar: 'office' is not a calendar (known: 24x7, business)")]
    [InlineData("""{ "sla": { "policies": [ { "name": "p" } ] } }""",
        "sla.policies[0]: give exactly one of target (an ISO-8601 duration such as \"PT48H\") and workingDays")]
    [InlineData("""{ "sla": { "policies": [ { "name": "p", "target": "PT1H", "workingDays": 2 } ] } }""",
        "sla.policies[0]: give exactly one of target (an ISO-8601 duration such as \"PT48H\") and workingDays")]
    [InlineData("""{ "sla": { "policies": [ { "name": "p", "target": "PT0S" } ] } }""",
        "sla.policies[0].target: must be a positive duration such as \"PT48H\"")]
    [InlineData("""{ "sla": { "policies": [ { "name": "p", "workingDays": 0 } ] } }""",
        "sla.policies[0].workingDays: must be at least 1")]
    [InlineData("""{ "sla": { "policies": [ { "name": "p", "target": "PT1H", "warnings": [1.5] } ] } }""",
        "sla.policies[0].warnings[0]: must be a fraction of the target between 0 and 1, e.g. 0.75; got 1.5")]
    [InlineData("""{ "sla": { "policies": [ { "name": "p", "target": "PT1H", "warnings": [0.5, 0.5] } ] } }""",
        "sla.policies[0].warnings: lists the same threshold twice")]
    [InlineData("""{ "sla": { "policies": [ { "name": "p", "target": "PT1H" }, { "name": "p", "target": "PT2H" } ] } }""",
        "sla.policies[1].name: 'p' is already the name of sla.policies[0]; policy names must be unique")]
    [InlineData("""{ "sla": { "policies": [ { "name": "p", "target": "PT1H", "calendar": "" } ] } }""",
        "sla.policies[0].calendar: must name a calendar (\"24x7\" for calendar time)")]
    [InlineData("""{ "sla": { "calendars": { "x": { "timeZone": "UTC", "week": { "funday": ["09:00-17:00"] } } } } }""",
        "sla.calendars.x.week.funday: is not a known setting (known here: monday, tuesday, wednesday, thursday, friday, saturday, sunday); did you mean 'sunday'?")]
    [InlineData("""{ "valueGrading": { "grades": { "B": { "treatment": { "responseCalendar": "office" } } } } }""",
        "valueGrading.grades.B.treatment.responseCalendar: 'office' is not a calendar of sla.calendars (known: 24x7, business)")]
    public void Validation_ReportsThePathAndASentence(string json, string expected)
        => Assert.Contains(expected, TestRules.ProblemsOf(json));

    [Fact]
    public void AFileCanAddOneCalendarAndChangeOneDayOfAnother()
    {
        var rules = TestRules.FromJson("""
            { "sla": { "calendars": {
                "business": { "week": { "saturday": ["09:00-12:00"] } },
                "paris": { "timeZone": "Europe/Paris", "week": { "monday": ["09:00-17:00"] } } } } }
            """).Sla;

        Assert.Equal(["24x7", "business", "paris"], rules.Calendars.Keys.Order(StringComparer.Ordinal));
        var business = rules.FindCalendar("business")!;
        Assert.True(business.IsWorkingDay(new NodaTime.LocalDate(2026, 11, 28)));
        Assert.Equal(2, business.IntervalsOn(new NodaTime.LocalDate(2026, 11, 23)).Count);
    }

    [Fact]
    public void OverlappingTouchingIntervalsAreOneStretch()
    {
        var calendar = TestRules.FromJson("""
            { "sla": { "calendars": { "x": { "timeZone": "UTC", "week": { "monday": ["13:00-18:00", "09:00-13:00"] } } } } }
            """).Sla.FindCalendar("x")!;
        Assert.Equal("09:00-18:00", Assert.Single(calendar.IntervalsOn(new NodaTime.LocalDate(2026, 11, 23))).ToString());
    }
}
