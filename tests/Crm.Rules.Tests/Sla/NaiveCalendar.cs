using Crm.Rules.Sla;
using NodaTime;
using NodaTime.TimeZones;

namespace Crm.Rules.Tests.Sla;

/// <summary>
/// A deliberately naive reference for business-calendar arithmetic: it steps one minute at a time and asks, for each
/// minute, whether it lies in a working period — each period being a day's local interval with both boundaries resolved
/// by NodaTime (start of the interval after a gap; the calendar's rule for ambiguous times). Only for calendars,
/// starts and durations on whole minutes. Shared by the property tests and, as the baseline, the benchmarks.
/// </summary>
public sealed class NaiveCalendar(BusinessCalendar calendar)
{
    private static readonly Duration Minute = Duration.FromMinutes(1);

    private readonly ZoneLocalMappingResolver _resolver = Resolvers.CreateMappingResolver(
        calendar.AmbiguousTime == AmbiguousTimeRule.Later ? Resolvers.ReturnLater : Resolvers.ReturnEarlier,
        Resolvers.ReturnStartOfIntervalAfter);

    public bool IsWorkingMinute(Instant minuteStart)
    {
        var date = minuteStart.InZone(calendar.Zone).Date;
        for (var d = date.PlusDays(-1); d <= date.PlusDays(1); d = d.PlusDays(1))
        {
            foreach (var interval in calendar.IntervalsOn(d))
            {
                if (ToInstant(d, interval.Start) <= minuteStart && minuteStart < ToInstant(d, interval.End))
                {
                    return true;
                }
            }
        }

        return false;
    }

    public Instant Add(Instant start, Duration duration)
    {
        var remaining = duration;
        var t = start;
        if (remaining > Duration.Zero)
        {
            while (true)
            {
                if (IsWorkingMinute(t))
                {
                    remaining -= Minute;
                    if (remaining == Duration.Zero)
                    {
                        return t + Minute;
                    }
                }

                t += Minute;
            }
        }

        while (remaining < Duration.Zero)
        {
            t -= Minute;
            if (IsWorkingMinute(t))
            {
                remaining += Minute;
            }
        }

        return t;
    }

    public Duration Between(Instant from, Instant to)
    {
        if (to < from)
        {
            return -Between(to, from);
        }

        var total = Duration.Zero;
        for (var t = from; t < to; t += Minute)
        {
            total += IsWorkingMinute(t) ? Minute : Duration.Zero;
        }

        return total;
    }

    private Instant ToInstant(LocalDate date, long ticksOfDay) => ticksOfDay == NodaConstants.TicksPerDay
        ? date.PlusDays(1).AtMidnight().InZone(calendar.Zone, _resolver).ToInstant()
        : date.At(LocalTime.FromTicksSinceMidnight(ticksOfDay)).InZone(calendar.Zone, _resolver).ToInstant();
}
