using Crm.Rules.Sla;
using NodaTime;
using NodaTime.Text;

namespace Crm.Rules.Tests.Sla;

internal static class SlaFixtures
{
    public const string Calendars = """
        { "sla": { "calendars": {
            "cn-office": {
              "timeZone": "Asia/Shanghai",
              "week": {
                "monday": ["09:00-12:00", "13:30-18:00"], "tuesday": ["09:00-12:00", "13:30-18:00"],
                "wednesday": ["09:00-12:00", "13:30-18:00"], "thursday": ["09:00-12:00", "13:30-18:00"],
                "friday": ["09:00-12:00", "13:30-18:00"] },
              "holidays": ["2026-10-01", "2026-10-02/2026-10-08"],
              "overrides": { "2026-09-27": ["09:00-18:00"], "2026-12-24": ["09:00-12:00"] }
            },
            "ny": { "timeZone": "America/New_York",
              "week": { "monday": ["09:00-17:00"], "tuesday": ["09:00-17:00"], "wednesday": ["09:00-17:00"], "thursday": ["09:00-17:00"], "friday": ["09:00-17:00"] } },
            "ny-always": { "timeZone": "America/New_York",
              "week": { "monday": ["00:00-24:00"], "tuesday": ["00:00-24:00"], "wednesday": ["00:00-24:00"], "thursday": ["00:00-24:00"],
                        "friday": ["00:00-24:00"], "saturday": ["00:00-24:00"], "sunday": ["00:00-24:00"] } },
            "ny-night": { "timeZone": "America/New_York", "week": { "sunday": ["02:30-06:00"] } },
            "ny-fallback": { "timeZone": "America/New_York", "week": { "sunday": ["01:30-05:00"] } },
            "ny-fallback-later": { "timeZone": "America/New_York", "week": { "sunday": ["01:30-05:00"] }, "ambiguousTime": "later" },
            "paris-night": { "timeZone": "Europe/Paris", "week": { "sunday": ["01:00-05:00"] } },
            "late": { "timeZone": "Asia/Shanghai", "week": { "monday": ["18:00-24:00"], "tuesday": ["00:00-02:00"] } }
        } } }
        """;

    public static CrmRuleSet RuleSet { get; } = TestRules.FromJson(Calendars);

    public static BusinessCalendar Calendar(string name) => RuleSet.Sla.FindCalendar(name)!;

    /// <summary>An instant from ISO text with an offset, e.g. <c>2026-11-23T09:00:00+08:00</c>.</summary>
    public static Instant At(string text) => OffsetDateTimePattern.ExtendedIso.Parse(text).GetValueOrThrow().ToInstant();

    /// <summary>The instant as ISO text in a calendar's zone.</summary>
    public static string Show(Instant instant, BusinessCalendar calendar) => IsoInstant.Format(instant, calendar.Zone);
}
