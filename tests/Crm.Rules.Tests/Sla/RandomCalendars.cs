using System.Globalization;
using Crm.Rules.Sla;
using Crm.Rules.Testing;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Crm.Rules.Tests.Sla;

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
