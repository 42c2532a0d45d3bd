using System.Globalization;
using Crm.Rules.Sla;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Crm.Rules.Tests.Sla;

/// <summary>Random business calendars: zones with interesting DST histories, sparse or busy weeks, holidays and overrides.</summary>
internal static class RandomCalendars
{
    // New York and Paris: ordinary DST; Lord Howe: a 30-minute DST shift; São Paulo: transitions at midnight until 2019.
    private static readonly string[] Zones = ["America/New_York", "Europe/Paris", "Asia/Shanghai", "Australia/Lord_Howe", "America/Sao_Paulo", "UTC"];

    public static readonly Instant WindowStart = Instant.FromUtc(2010, 1, 1, 0, 0);

    private static Gen<List<string>> Day =>
        from open in Gen.Choose(0, 9)
        from first in Gen.Choose(0, 23 * 60)
        from length in Gen.Choose(15, 300)
        from gap in Gen.Choose(15, 240)
        from secondLength in Gen.Choose(15, 300)
        from two in Gen.Elements(true, false)
        select open < 4 ? new List<string>() : Intervals(first, length, two ? gap : -1, secondLength);

    public static Gen<BusinessCalendar> Calendar =>
        from zone in Gen.Elements(Zones)
        from days in Day.ArrayOf(7)
        from holidayDays in Gen.Choose(0, 12 * 366).ArrayOf(6)
        from overrideDays in Gen.Choose(0, 12 * 366).ArrayOf(3)
        from overrideDay in Day
        from later in Gen.Elements(false, false, true)
        select Build(zone, days, holidayDays, overrideDays, overrideDay, later);

    /// <summary>A random calendar with a start inside the window and a duration in whole minutes.</summary>
    public static Gen<(BusinessCalendar Calendar, Instant Start, Duration Duration)> Cases(int maxMinutes) =>
        from calendar in Calendar
        from minute in Gen.Choose(0, 12 * 365 * 24 * 60)
        from minutes in Gen.Choose(0, maxMinutes)
        select (calendar, WindowStart + Duration.FromMinutes(minute), Duration.FromMinutes(minutes));

    /// <summary>
    /// Cases that start up to a day and a half before one of the zone's offset changes, on calendars whose days often hold
    /// one short interval in the small hours, where the changes fall — so some intervals lie wholly in a DST gap.
    /// </summary>
    public static Gen<(BusinessCalendar Calendar, Instant Start, Duration Duration)> NearOffsetChanges(int maxMinutes) =>
        from zone in Gen.Elements(Zones)
        from days in Gen.OneOf(Day, SmallHoursDay, SmallHoursDay).ArrayOf(7)
        from holidayDays in Gen.Choose(0, 12 * 366).ArrayOf(6)
        from overrideDays in Gen.Choose(0, 12 * 366).ArrayOf(3)
        from overrideDay in Day
        from later in Gen.Elements(false, false, true)
        from minute in Gen.Choose(0, 12 * 365 * 24 * 60)
        from before in Gen.Choose(0, 36 * 60)
        from minutes in Gen.Choose(0, maxMinutes)
        select (Build(zone, days, holidayDays, overrideDays, overrideDay, later), minute, before, minutes) into c
        select (c.Item1, BeforeNextChange(c.Item1.Zone, WindowStart + Duration.FromMinutes(c.minute), Duration.FromMinutes(c.before)), Duration.FromMinutes(c.minutes));

    // New York, Paris and Lord Howe change at 02:00, São Paulo (until 2019) at midnight.
    private static Gen<List<string>> SmallHoursDay =>
        from first in Gen.Choose(0, 3 * 60)
        from length in Gen.Choose(15, 90)
        select new List<string> { $"{Time(first)}-{Time(first + length)}" };

    // `before` ahead of the first offset change after `instant`; `instant` itself in a zone that no longer changes.
    private static Instant BeforeNextChange(DateTimeZone zone, Instant instant, Duration before)
    {
        var interval = zone.GetZoneInterval(instant);
        return interval.HasEnd ? interval.End - before : instant;
    }

    private static List<string> Intervals(int first, int length, int gap, int secondLength)
    {
        var end = Math.Min(first + length, 24 * 60);
        var result = new List<string> { $"{Time(first)}-{Time(end)}" };
        if (gap >= 0 && end + gap + 15 <= 24 * 60)
        {
            result.Add($"{Time(end + gap)}-{Time(Math.Min(end + gap + secondLength, 24 * 60))}");
        }

        return result;
    }

    private static string Time(int minutes) => minutes == 24 * 60
        ? "24:00"
        : string.Create(CultureInfo.InvariantCulture, $"{minutes / 60:00}:{minutes % 60:00}");

    private static BusinessCalendar Build(string zone, List<string>[] days, int[] holidays, int[] overrides, List<string> overrideDay, bool later)
    {
        // Every calendar needs some working time in its week.
        if (days.All(d => d.Count == 0))
        {
            days[0] = ["09:00-17:00"];
        }

        var first = new LocalDate(2010, 1, 1);
        var options = new CrmRulesOptions();
        options.Sla.Calendars["random"] = new BusinessCalendarOptions
            {
                TimeZone = zone,
                Week = new WeekOptions
                {
                    Monday = days[0], Tuesday = days[1], Wednesday = days[2], Thursday = days[3],
                    Friday = days[4], Saturday = days[5], Sunday = days[6],
                },
                Holidays = holidays.Select(h => first.PlusDays(h).ToString("uuuu-MM-dd", CultureInfo.InvariantCulture)).ToList(),
                Overrides = overrides.Distinct().ToDictionary(o => first.PlusDays(o).ToString("uuuu-MM-dd", CultureInfo.InvariantCulture), _ => overrideDay),
                AmbiguousTime = later ? AmbiguousTimeRule.Later : AmbiguousTimeRule.Earlier,
            };
        return CrmRuleSet.Compile(options).Sla.FindCalendar("random")!;
    }
}
