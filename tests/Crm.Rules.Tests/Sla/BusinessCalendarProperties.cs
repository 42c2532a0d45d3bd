using Crm.Rules.Sla;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace Crm.Rules.Tests.Sla;

[Properties(MaxTest = PropertyRuns.MaxTest)]
public class BusinessCalendarProperties
{
    [Property]
    public Property BetweenTheStartAndTheResultOfAddIsTheDuration()
        => Prop.ForAll(CalendarArbitraries.Fixture(2_000_000), c =>
        {
            var end = c.Calendar.Add(c.Start, c.Duration);
            return c.Calendar.Between(c.Start, end) == c.Duration && end >= c.Start;
        });

    [Property]
    public Property AddingBackwardsUndoesBetween()
        => Prop.ForAll(CalendarArbitraries.Fixture(2_000_000), c =>
        {
            var earlier = c.Calendar.Add(c.Start, -c.Duration);
            return c.Calendar.Between(earlier, c.Start) == c.Duration && earlier <= c.Start;
        });

    [Property]
    public Property AddEqualsTheMinuteSteppingReferenceOnRandomCalendars()
        => Prop.ForAll(CalendarArbitraries.Random(1500), c =>
        {
            var calendar = c.Calendar.Build();
            return calendar.Add(c.Start, c.Duration) == new NaiveCalendar(calendar).Add(c.Start, c.Duration)
                && calendar.Add(c.Start, -c.Duration) == new NaiveCalendar(calendar).Add(c.Start, -c.Duration);
        });

    [Property]
    public Property NextWorkingInstantIsWorkingTimeAndSkipsNoneOnRandomCalendars()
        => Prop.ForAll(CalendarArbitraries.Random(0), NextIsWorkingTime);

    [Property]
    public Property NextWorkingInstantIsWorkingTimeAndSkipsNoneNearOffsetChanges()
        => Prop.ForAll(CalendarArbitraries.NearOffsetChanges(), NextIsWorkingTime);

    [Property]
    public Property BetweenEqualsTheMinuteSteppingReferenceOnRandomCalendars()
        => Prop.ForAll(CalendarArbitraries.Random(6000), c =>
        {
            var calendar = c.Calendar.Build();
            return calendar.Between(c.Start, c.Start + c.Duration) == new NaiveCalendar(calendar).Between(c.Start, c.Start + c.Duration);
        });

    [Property]
    public Property RandomCalendars_AddThenBetweenRoundTrips_AndAddIsAdditive()
        => Prop.ForAll(CalendarArbitraries.Random(200_000), CalendarArbitraries.Minutes(1, 50_000), (c, extraMinutes) =>
        {
            var calendar = c.Calendar.Build();
            var extra = Duration.FromMinutes(extraMinutes);
            var first = calendar.Add(c.Start, c.Duration);
            var both = calendar.Add(c.Start, c.Duration + extra);
            return calendar.Between(c.Start, first) == c.Duration
                && (c.Duration == Duration.Zero || calendar.Add(first, extra) == both);
        });

    [Property]
    public Property DeadlinesAreMonotonicInStartAndTarget()
        => Prop.ForAll(CalendarArbitraries.Random(100_000), CalendarArbitraries.Minutes(0, 20_000), CalendarArbitraries.Minutes(0, 20_000), (c, later, longer) =>
        {
            var calendar = c.Calendar.Build();
            return calendar.Add(c.Start + Duration.FromMinutes(later), c.Duration) >= calendar.Add(c.Start, c.Duration)
                && calendar.Add(c.Start, c.Duration + Duration.FromMinutes(longer)) >= calendar.Add(c.Start, c.Duration);
        });

    [Property]
    public Property PausingNeverMovesADeadlineEarlier()
        => Prop.ForAll(
            CalendarArbitraries.Random(20_000),
            Arb.Zip(CalendarArbitraries.Minutes(0, 30_000), CalendarArbitraries.Minutes(0, 30_000)),
            CalendarArbitraries.Minutes(0, 60_000),
            (c, pause, asOfAfter) =>
            {
                var calendar = c.Calendar.Build();
                var (pauseAfter, pauseLength) = pause;
                var target = c.Duration + Duration.FromMinutes(1);
                var pauseFrom = c.Start + Duration.FromMinutes(pauseAfter);
                var pauseTo = c.Start + Duration.FromMinutes(pauseAfter + pauseLength);
                var asOf = c.Start + Duration.FromMinutes(asOfAfter);
                var policy = new SlaPolicy(new SlaPolicyOptions { Name = "p", Target = target, Calendar = calendar.Name }, calendar, 0);
                var rules = CrmRuleSet.SeedStandard.Sla;
                var plain = rules.Evaluate(SlaClock.Start(policy, c.Start), asOf).Deadline;
                var paused = rules.Evaluate(SlaClock.Create(policy, c.Start, [new SlaPause(pauseFrom, pauseTo)]), asOf).Deadline;
                return paused >= plain;
            });

    [Property]
    public Property WeekSkippingAgreesWithDayByDayStepping()
        => Prop.ForAll(CalendarArbitraries.Fixture(600_000), c =>
            c.Calendar.Add(c.Start, c.Duration) == ReferenceAdd(c.Calendar, c.Start, c.Duration));

    [Property]
    public Property BetweenWithWeekSkippingAgreesWithDayByDaySumming()
        => Prop.ForAll(CalendarArbitraries.Fixture(600_000), c =>
        {
            var to = c.Start + c.Duration * 2;
            return c.Calendar.Between(c.Start, to) == ReferenceBetween(c.Calendar, c.Start, to);
        });

    [Property]
    public Property AddIsMonotonicAndAdditive()
        => Prop.ForAll(CalendarArbitraries.Fixture(200_000), CalendarArbitraries.Minutes(1, 100_000), (c, extraMinutes) =>
        {
            var extra = Duration.FromMinutes(extraMinutes);
            var first = c.Calendar.Add(c.Start, c.Duration);
            var both = c.Calendar.Add(c.Start, c.Duration + extra);
            return both > first && (c.Duration == Duration.Zero || c.Calendar.Add(first, extra) == both);
        });

    [Property]
    public Property BetweenIsAntisymmetricAndAdditive()
        => Prop.ForAll(CalendarArbitraries.Fixture(0), CalendarArbitraries.Minutes(0, 500_000), CalendarArbitraries.Minutes(0, 500_000), (c, a, b) =>
        {
            var (from, middle, to) = (c.Start, c.Start + Duration.FromMinutes(a), c.Start + Duration.FromMinutes(a + b));
            return c.Calendar.Between(to, from) == -c.Calendar.Between(from, to)
                && c.Calendar.Between(from, to) == c.Calendar.Between(from, middle) + c.Calendar.Between(middle, to);
        });

    internal static Instant ToInstant(BusinessCalendar calendar, LocalDate date, long ticks)
    {
        var resolver = calendar.AmbiguousTime == AmbiguousTimeRule.Later
            ? NodaTime.TimeZones.Resolvers.CreateMappingResolver(NodaTime.TimeZones.Resolvers.ReturnLater, NodaTime.TimeZones.Resolvers.ReturnStartOfIntervalAfter)
            : NodaTime.TimeZones.Resolvers.CreateMappingResolver(NodaTime.TimeZones.Resolvers.ReturnEarlier, NodaTime.TimeZones.Resolvers.ReturnStartOfIntervalAfter);
        return ticks == NodaConstants.TicksPerDay
            ? date.PlusDays(1).AtMidnight().InZone(calendar.Zone, resolver).ToInstant()
            : date.At(LocalTime.FromTicksSinceMidnight(ticks)).InZone(calendar.Zone, resolver).ToInstant();
    }

    // The plain definition: every working interval of every day between, clipped.
    internal static Duration ReferenceBetween(BusinessCalendar calendar, Instant from, Instant to)
    {
        var total = Duration.Zero;
        for (var date = from.InZone(calendar.Zone).Date; date <= to.InZone(calendar.Zone).Date; date = date.PlusDays(1))
        {
            foreach (var interval in calendar.IntervalsOn(date))
            {
                var start = ToInstant(calendar, date, interval.Start) > from ? ToInstant(calendar, date, interval.Start) : from;
                var end = ToInstant(calendar, date, interval.End) < to ? ToInstant(calendar, date, interval.End) : to;
                total += end > start ? end - start : Duration.Zero;
            }
        }

        return total;
    }

    // The plain definition, one day at a time with no week skipping.
    internal static Instant ReferenceAdd(BusinessCalendar calendar, Instant start, Duration remaining)
    {
        if (remaining == Duration.Zero)
        {
            return start;
        }

        Instant ToInstant(LocalDate date, long ticks) => BusinessCalendarProperties.ToInstant(calendar, date, ticks);
        for (var date = start.InZone(calendar.Zone).Date; ; date = date.PlusDays(1))
        {
            foreach (var interval in calendar.IntervalsOn(date))
            {
                var end = ToInstant(date, interval.End);
                if (end <= start)
                {
                    continue;
                }

                var from = ToInstant(date, interval.Start) > start ? ToInstant(date, interval.Start) : start;
                if (remaining <= end - from)
                {
                    return from + remaining;
                }

                remaining -= end - from;
            }
        }
    }

    // Working time, checked by minute stepping; none skipped, so it is the start itself or the start of an interval that
    // holds time (an interval that lies wholly in a DST gap holds none).
    private static bool NextIsWorkingTime(RandomCalendarCase c)
    {
        var calendar = c.Calendar.Build();
        var next = calendar.NextWorkingInstant(c.Start);
        var reference = new NaiveCalendar(calendar);
        return next >= c.Start && reference.IsWorkingMinute(next) && calendar.IsWorkingAt(next) && reference.Between(c.Start, next) == Duration.Zero;
    }
}
