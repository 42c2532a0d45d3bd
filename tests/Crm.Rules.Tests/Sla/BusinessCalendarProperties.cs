using Crm.Rules.Sla;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Crm.Rules.Tests.Sla;

public class BusinessCalendarProperties
{
    private static readonly string[] Names = ["cn-office", "ny", "paris-night", "late", "ny-night", "ny-fallback"];

    private static Gen<(BusinessCalendar Calendar, Instant Start, Duration Duration)> Cases(long maxMinutes) =>
        from name in Gen.Elements(Names)
        from minuteOfRange in Gen.Choose(0, 100 * 366 * 24 * 60)
        from minutes in Gen.Choose(0, (int)maxMinutes)
        select (SlaFixtures.Calendar(name), Instant.FromUtc(1940, 1, 1, 0, 0) + Duration.FromMinutes(minuteOfRange), Duration.FromMinutes(minutes));

    [Fact]
    public void BetweenTheStartAndTheResultOfAddIsTheDuration()
        => PropertyCheck.Run(Prop.ForAll(Arb.From(Cases(2_000_000)), c =>
        {
            var end = c.Calendar.Add(c.Start, c.Duration);
            return c.Calendar.Between(c.Start, end) == c.Duration && end >= c.Start;
        }));

    [Fact]
    public void AddingBackwardsUndoesBetween()
        => PropertyCheck.Run(Prop.ForAll(Arb.From(Cases(2_000_000)), c =>
        {
            var earlier = c.Calendar.Add(c.Start, -c.Duration);
            return c.Calendar.Between(earlier, c.Start) == c.Duration && earlier <= c.Start;
        }));

    [Fact]
    public void AddEqualsTheMinuteSteppingReferenceOnRandomCalendars()
        => PropertyCheck.Run(Prop.ForAll(Arb.From(RandomCalendars.Cases(1500)), c =>
            c.Calendar.Add(c.Start, c.Duration) == new NaiveCalendar(c.Calendar).Add(c.Start, c.Duration)
            && c.Calendar.Add(c.Start, -c.Duration) == new NaiveCalendar(c.Calendar).Add(c.Start, -c.Duration)));

    [Fact]
    public void BetweenEqualsTheMinuteSteppingReferenceOnRandomCalendars()
        => PropertyCheck.Run(Prop.ForAll(Arb.From(RandomCalendars.Cases(6000)), c =>
            c.Calendar.Between(c.Start, c.Start + c.Duration) == new NaiveCalendar(c.Calendar).Between(c.Start, c.Start + c.Duration)));

    [Fact]
    public void NextWorkingInstantIsWorkingTimeAndSkipsNoneOnRandomCalendars()
        => PropertyCheck.Run(Prop.ForAll(Arb.From(Gen.OneOf(RandomCalendars.Cases(0), RandomCalendars.NearOffsetChanges(0))), c =>
        {
            // Working time, checked by minute stepping; none skipped, so it is the start itself or the start of an
            // interval that holds time.
            var next = c.Calendar.NextWorkingInstant(c.Start);
            return next >= c.Start
                && new NaiveCalendar(c.Calendar).IsWorkingMinute(next)
                && c.Calendar.IsWorkingAt(next)
                && new NaiveCalendar(c.Calendar).Between(c.Start, next) == Duration.Zero;
        }));

    [Fact]
    public void RandomCalendars_AddThenBetweenRoundTrips_AndAddIsAdditive()
        => PropertyCheck.Run(Prop.ForAll(Arb.From(
            from c in RandomCalendars.Cases(200_000)
            from extra in Gen.Choose(1, 50_000)
            select (c.Calendar, c.Start, c.Duration, Extra: Duration.FromMinutes(extra))), c =>
        {
            var first = c.Calendar.Add(c.Start, c.Duration);
            var both = c.Calendar.Add(c.Start, c.Duration + c.Extra);
            return c.Calendar.Between(c.Start, first) == c.Duration
                && (c.Duration == Duration.Zero || c.Calendar.Add(first, c.Extra) == both);
        }));

    [Fact]
    public void DeadlinesAreMonotonicInStartAndTarget()
        => PropertyCheck.Run(Prop.ForAll(Arb.From(
            from c in RandomCalendars.Cases(100_000)
            from later in Gen.Choose(0, 20_000)
            from longer in Gen.Choose(0, 20_000)
            select (c.Calendar, c.Start, c.Duration, Later: Duration.FromMinutes(later), Longer: Duration.FromMinutes(longer))), c =>
            c.Calendar.Add(c.Start + c.Later, c.Duration) >= c.Calendar.Add(c.Start, c.Duration)
            && c.Calendar.Add(c.Start, c.Duration + c.Longer) >= c.Calendar.Add(c.Start, c.Duration)));

    [Fact]
    public void PausingNeverMovesADeadlineEarlier()
        => PropertyCheck.Run(Prop.ForAll(Arb.From(
            from c in RandomCalendars.Cases(20_000)
            from pauseAfter in Gen.Choose(0, 30_000)
            from pauseLength in Gen.Choose(0, 30_000)
            from asOfAfter in Gen.Choose(0, 60_000)
            select (c.Calendar, c.Start, Target: c.Duration + Duration.FromMinutes(1), PauseFrom: c.Start + Duration.FromMinutes(pauseAfter),
                PauseTo: c.Start + Duration.FromMinutes(pauseAfter + pauseLength), AsOf: c.Start + Duration.FromMinutes(asOfAfter))), c =>
        {
            var policy = new SlaPolicy(new SlaPolicyOptions { Name = "p", Target = c.Target, Calendar = c.Calendar.Name }, c.Calendar, 0);
            var rules = CrmRuleSet.SeedStandard.Sla;
            var plain = rules.Evaluate(SlaClock.Start(policy, c.Start), c.AsOf).Deadline;
            var paused = rules.Evaluate(SlaClock.Create(policy, c.Start, [new SlaPause(c.PauseFrom, c.PauseTo)]), c.AsOf).Deadline;
            return paused >= plain;
        }));

    [Fact]
    public void WeekSkippingAgreesWithDayByDayStepping()
        => PropertyCheck.Run(Prop.ForAll(Arb.From(Cases(600_000)), c =>
            c.Calendar.Add(c.Start, c.Duration) == ReferenceAdd(c.Calendar, c.Start, c.Duration)));

    [Fact]
    public void BetweenWithWeekSkippingAgreesWithDayByDaySumming()
        => PropertyCheck.Run(Prop.ForAll(Arb.From(Cases(600_000)), c =>
        {
            var to = c.Start + c.Duration * 2;
            return c.Calendar.Between(c.Start, to) == ReferenceBetween(c.Calendar, c.Start, to);
        }));

    [Fact]
    public void AddIsMonotonicAndAdditive()
        => PropertyCheck.Run(Prop.ForAll(Arb.From(
            from c in Cases(200_000)
            from extra in Gen.Choose(1, 100_000)
            select (c.Calendar, c.Start, c.Duration, Extra: Duration.FromMinutes(extra))), c =>
        {
            var first = c.Calendar.Add(c.Start, c.Duration);
            var both = c.Calendar.Add(c.Start, c.Duration + c.Extra);
            return both > first && (c.Duration == Duration.Zero || c.Calendar.Add(first, c.Extra) == both);
        }));

    [Fact]
    public void BetweenIsAntisymmetricAndAdditive()
        => PropertyCheck.Run(Prop.ForAll(Arb.From(
            from c in Cases(1)
            from a in Gen.Choose(0, 500_000)
            from b in Gen.Choose(0, 500_000)
            select (c.Calendar, From: c.Start, Middle: c.Start + Duration.FromMinutes(a), To: c.Start + Duration.FromMinutes(a + b))), c =>
            c.Calendar.Between(c.To, c.From) == -c.Calendar.Between(c.From, c.To)
            && c.Calendar.Between(c.From, c.To) == c.Calendar.Between(c.From, c.Middle) + c.Calendar.Between(c.Middle, c.To)));

    private static Instant ToInstant(BusinessCalendar calendar, LocalDate date, long ticks)
    {
        var resolver = calendar.AmbiguousTime == AmbiguousTimeRule.Later
            ? NodaTime.TimeZones.Resolvers.CreateMappingResolver(NodaTime.TimeZones.Resolvers.ReturnLater, NodaTime.TimeZones.Resolvers.ReturnStartOfIntervalAfter)
            : NodaTime.TimeZones.Resolvers.CreateMappingResolver(NodaTime.TimeZones.Resolvers.ReturnEarlier, NodaTime.TimeZones.Resolvers.ReturnStartOfIntervalAfter);
        return ticks == NodaConstants.TicksPerDay
            ? date.PlusDays(1).AtMidnight().InZone(calendar.Zone, resolver).ToInstant()
            : date.At(LocalTime.FromTicksSinceMidnight(ticks)).InZone(calendar.Zone, resolver).ToInstant();
    }

    // The plain definition: every working interval of every day between, clipped.
    private static Duration ReferenceBetween(BusinessCalendar calendar, Instant from, Instant to)
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
    private static Instant ReferenceAdd(BusinessCalendar calendar, Instant start, Duration remaining)
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
}
