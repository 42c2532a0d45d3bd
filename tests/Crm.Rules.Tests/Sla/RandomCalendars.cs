using System.Globalization;
using Crm.Rules.Sla;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Crm.Rules.Tests.Sla;

/// <summary>
/// The draws behind one working day: closed when <paramref name="Open"/> is below 4 (so four in ten days are closed),
/// otherwise one interval from <paramref name="First"/> minutes after midnight, and a second one when <paramref name="Two"/>
/// and the day has room for it.
/// </summary>
public sealed record DaySpec(int Open, int First, int Length, int Gap, int SecondLength, bool Two)
{
    public static Gen<DaySpec> Generator =>
        from open in Gen.Choose(0, 9)
        from first in Gen.Choose(0, 23 * 60)
        from length in Gen.Choose(15, 300)
        from gap in Gen.Choose(15, 240)
        from secondLength in Gen.Choose(15, 300)
        from two in Gen.Elements(true, false)
        select new DaySpec(open, first, length, gap, secondLength, two);

    /// <summary>A closed day is simplest; then earlier, shorter, single intervals.</summary>
    public IEnumerable<DaySpec> Smaller() =>
        Shrink.Towards(Open, 0).Select(o => this with { Open = o })
            .Concat(Shrink.Towards(First, 0).Select(f => this with { First = f }))
            .Concat(Shrink.Towards(Length, 15).Select(l => this with { Length = l }))
            .Concat(Shrink.Bool(Two).Select(t => this with { Two = t }))
            .Concat(Shrink.Towards(Gap, 15).Select(g => this with { Gap = g }))
            .Concat(Shrink.Towards(SecondLength, 15).Select(l => this with { SecondLength = l }));

    public List<string> Intervals()
    {
        if (Open < 4)
        {
            return [];
        }

        var end = Math.Min(First + Length, 24 * 60);
        var result = new List<string> { $"{Time(First)}-{Time(end)}" };
        if (Two && end + Gap + 15 <= 24 * 60)
        {
            result.Add($"{Time(end + Gap)}-{Time(Math.Min(end + Gap + SecondLength, 24 * 60))}");
        }

        return result;
    }

    public override string ToString() => Intervals() is { Count: > 0 } intervals ? string.Join(" ", intervals) : "closed";

    private static string Time(int minutes) => minutes == 24 * 60
        ? "24:00"
        : string.Create(CultureInfo.InvariantCulture, $"{minutes / 60:00}:{minutes % 60:00}");
}

/// <summary>
/// The draws behind a random business calendar: a zone with an interesting DST history, a sparse or busy week, holidays
/// and overrides as day offsets from 2010-01-01. <see cref="Build"/> compiles it; shrunk copies stay valid calendars.
/// </summary>
public sealed record CalendarSpec(string Zone, DaySpec[] Week, int[] Holidays, int[] Overrides, DaySpec OverrideDay, bool Later)
{
    // UTC first: shrinking heads for the zone without transitions. New York and Paris: ordinary DST; Lord Howe: a 30-minute
    // DST shift; São Paulo: transitions at midnight until 2019.
    private static readonly string[] Zones = ["UTC", "America/New_York", "Europe/Paris", "Asia/Shanghai", "Australia/Lord_Howe", "America/Sao_Paulo"];

    private static readonly LocalDate FirstDay = new(2010, 1, 1);

    public static Gen<CalendarSpec> Generator =>
        from zone in Gen.Elements(Zones)
        from days in DaySpec.Generator.ArrayOf(7)
        from holidays in Gen.Choose(0, 12 * 366).ArrayOf(6)
        from overrides in Gen.Choose(0, 12 * 366).ArrayOf(3)
        from overrideDay in DaySpec.Generator
        from later in Gen.Elements(false, false, true)
        select new CalendarSpec(zone, days, holidays, overrides, overrideDay, later);

    public IEnumerable<CalendarSpec> Smaller() =>
        Shrink.Earlier(Zone, Zones).Select(z => this with { Zone = z })
            .Concat(Shrink.Array(Holidays, _ => []).Select(h => this with { Holidays = h }))
            .Concat(Shrink.Array(Overrides, _ => []).Select(o => this with { Overrides = o }))
            .Concat(Shrink.Each(Week, d => d.Smaller()).Select(w => this with { Week = w }))
            .Concat(OverrideDay.Smaller().Select(d => this with { OverrideDay = d }))
            .Concat(Shrink.Bool(Later).Select(l => this with { Later = l }))
            .Concat(Shrink.Each(Holidays, h => Shrink.Towards(h, 0)).Select(h => this with { Holidays = h }))
            .Concat(Shrink.Each(Overrides, o => Shrink.Towards(o, 0)).Select(o => this with { Overrides = o }));

    public BusinessCalendar Build()
    {
        var days = Week.Select(d => d.Intervals()).ToArray();

        // Every calendar needs some working time in its week.
        if (days.All(d => d.Count == 0))
        {
            days[0] = ["09:00-17:00"];
        }

        var options = new CrmRulesOptions();
        options.Sla.Calendars["random"] = new BusinessCalendarOptions
        {
            TimeZone = Zone,
            Week = new WeekOptions
            {
                Monday = days[0], Tuesday = days[1], Wednesday = days[2], Thursday = days[3],
                Friday = days[4], Saturday = days[5], Sunday = days[6],
            },
            Holidays = Holidays.Select(Date).ToList(),
            Overrides = Overrides.Distinct().ToDictionary(Date, _ => OverrideDay.Intervals()),
            AmbiguousTime = Later ? AmbiguousTimeRule.Later : AmbiguousTimeRule.Earlier,
        };
        return CrmRuleSet.Compile(options).Sla.FindCalendar("random")!;
    }

    public override string ToString() =>
        $"calendar({Zone}, week [{string.Join(", ", Week.Select(d => d.ToString()))}], holidays [{string.Join(", ", Holidays.Select(Date))}], " +
        $"overrides [{string.Join(", ", Overrides.Distinct().Select(Date))}] → {OverrideDay}, ambiguous {(Later ? "later" : "earlier")})";

    private static string Date(int offset) => FirstDay.PlusDays(offset).ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>A random calendar, a start minute inside 2010–2021 and a duration in whole minutes.</summary>
public sealed record RandomCalendarCase(CalendarSpec Calendar, int StartMinute, int Minutes)
{
    public static readonly Instant WindowStart = Instant.FromUtc(2010, 1, 1, 0, 0);

    public Instant Start => WindowStart + Duration.FromMinutes(StartMinute);

    public Duration Duration => Duration.FromMinutes(Minutes);

    public override string ToString() => $"{Calendar}, start {Start}, {Minutes} minutes";
}

/// <summary>One of the fixture calendars, a start minute inside 1940–2039 and a duration in whole minutes.</summary>
public sealed record FixtureCalendarCase(string Name, int StartMinute, int Minutes)
{
    public static readonly Instant WindowStart = Instant.FromUtc(1940, 1, 1, 0, 0);

    public BusinessCalendar Calendar => SlaFixtures.Calendar(Name);

    public Instant Start => WindowStart + Duration.FromMinutes(StartMinute);

    public Duration Duration => Duration.FromMinutes(Minutes);

    public override string ToString() => $"{Name}, start {Start}, {Minutes} minutes";
}

/// <summary>
/// Arbitraries for the calendar properties. The duration range is a parameter because each property needs its own
/// (a minute-stepping reference is slow on long durations), so these are used through <c>Prop.ForAll</c>.
/// </summary>
public static class CalendarArbitraries
{
    private static readonly string[] FixtureNames = ["cn-office", "ny", "paris-night", "late", "ny-night", "ny-fallback"];

    public static Arbitrary<RandomCalendarCase> Random(int maxMinutes) => Arb.From(
        from calendar in CalendarSpec.Generator
        from minute in Gen.Choose(0, 12 * 365 * 24 * 60)
        from minutes in Gen.Choose(0, maxMinutes)
        select new RandomCalendarCase(calendar, minute, minutes),
        c => c.Calendar.Smaller().Select(s => c with { Calendar = s })
            .Concat(Shrink.Towards(c.StartMinute, 0).Select(m => c with { StartMinute = m }))
            .Concat(Shrink.Towards(c.Minutes, 0).Select(m => c with { Minutes = m })));

    public static Arbitrary<FixtureCalendarCase> Fixture(int maxMinutes) => Arb.From(
        from name in Gen.Elements(FixtureNames)
        from minute in Gen.Choose(0, 100 * 366 * 24 * 60)
        from minutes in Gen.Choose(0, maxMinutes)
        select new FixtureCalendarCase(name, minute, minutes),
        c => Shrink.Earlier(c.Name, FixtureNames).Select(n => c with { Name = n })
            .Concat(Shrink.Towards(c.StartMinute, 0).Select(m => c with { StartMinute = m }))
            .Concat(Shrink.Towards(c.Minutes, 0).Select(m => c with { Minutes = m })));

    /// <summary>
    /// Cases that start up to a day and a half before one of the zone's offset changes, on calendars whose days often hold
    /// one short interval in the small hours, where the changes fall — so some intervals lie wholly in a DST gap.
    /// </summary>
    public static Arbitrary<RandomCalendarCase> NearOffsetChanges() => Arb.From(
        from zone in Gen.Elements("America/New_York", "Europe/Paris", "Australia/Lord_Howe", "America/Sao_Paulo")
        from days in Gen.OneOf(DaySpec.Generator, SmallHoursDay, SmallHoursDay).ArrayOf(7)
        from holidays in Gen.Choose(0, 12 * 366).ArrayOf(6)
        from overrides in Gen.Choose(0, 12 * 366).ArrayOf(3)
        from overrideDay in DaySpec.Generator
        from later in Gen.Elements(false, false, true)
        from minute in Gen.Choose(0, 12 * 365 * 24 * 60)
        from before in Gen.Choose(0, 36 * 60)
        let calendar = new CalendarSpec(zone, days, holidays, overrides, overrideDay, later)
        select new RandomCalendarCase(calendar, BeforeNextChange(zone, minute, before), 0),
        c => c.Calendar.Smaller().Where(s => s.Zone != "UTC").Select(s => c with { Calendar = s }));

    // New York, Paris and Lord Howe change at 02:00, São Paulo (until 2019) at midnight.
    private static Gen<DaySpec> SmallHoursDay =>
        from first in Gen.Choose(0, 3 * 60)
        from length in Gen.Choose(15, 90)
        select new DaySpec(9, first, length, 15, 15, false);

    // `before` minutes ahead of the first offset change after the start minute (the minute itself where none follows).
    private static int BeforeNextChange(string zone, int minute, int before)
    {
        var instant = RandomCalendarCase.WindowStart + Duration.FromMinutes(minute);
        var interval = DateTimeZoneProviders.Tzdb[zone].GetZoneInterval(instant);
        return interval.HasEnd && interval.End - Duration.FromMinutes(before) >= RandomCalendarCase.WindowStart
            ? (int)(interval.End - Duration.FromMinutes(before) - RandomCalendarCase.WindowStart).TotalMinutes
            : minute;
    }

    /// <summary>Whole minutes from <paramref name="lowest"/> to <paramref name="highest"/>, shrinking towards the lowest.</summary>
    public static Arbitrary<int> Minutes(int lowest, int highest) => Arb.From(Gen.Choose(lowest, highest), m => Shrink.Towards(m, lowest));
}
