using System.Collections.Frozen;
using NodaTime;
using NodaTime.TimeZones;

namespace Crm.Rules.Sla;

/// <summary>One working interval of a day, in local time: [<see cref="Start"/>, <see cref="End"/>), where an end of 24:00 is the next midnight.</summary>
/// <param name="Start">The local start, as ticks since midnight.</param>
/// <param name="End">The local end, as ticks since midnight (up to a whole day for 24:00).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public readonly record struct WorkingInterval(long Start, long End)
{
    /// <summary>The interval's length in local time.</summary>
    public Duration Length => Duration.FromTicks(End - Start);

    /// <summary>The interval as text, e.g. <c>09:00-12:00</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Format(Start)}-{Format(End)}";

    private static string Format(long ticks) => ticks == NodaConstants.TicksPerDay
        ? "24:00"
        : LocalTime.FromTicksSinceMidnight(ticks).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Where on the Nth working day <see cref="BusinessCalendar.AddWorkingDays"/> ends.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public enum WorkingDayTime
{
    /// <summary>At the start's local time of day (Friday 10:00 + 3 working days = Wednesday 10:00).</summary>
    SameTimeOfDay,

    /// <summary>At the end of the day's last working interval (Friday 10:00 + 3 working days = Wednesday 18:00).</summary>
    Close,
}

/// <summary>
/// A compiled business calendar: working intervals per weekday in an IANA zone, holidays and per-date overrides.
/// Business time is measured on the instant timeline, so a working day that contains a DST change is an hour shorter
/// or longer in real time.
/// </summary>
/// <remarks>
/// A local boundary that does not exist (clocks set forward) maps to the first instant after the gap (NodaTime
/// <c>Resolvers.ReturnStartOfIntervalAfter</c>); one that occurs twice maps to the earlier or later instant as the
/// calendar's <see cref="AmbiguousTimeRule"/> says. Operations cost one step per working day crossed, and one step per
/// whole week where a week has no holiday, no override and no offset change — never minute stepping.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class BusinessCalendar
{
    private static readonly WorkingInterval[] Closed = [];

    // Weeks skipped in one step at most (about 1,900 years): keeps day arithmetic within int.
    private const long LongestStep = 100_000;
    private readonly WorkingInterval[][] _week;
    private readonly FrozenDictionary<LocalDate, WorkingInterval[]> _special;
    private readonly LocalDate[] _specialDates;
    private readonly ZoneLocalMappingResolver _resolver;

    private BusinessCalendar(string name, DateTimeZone zone, WorkingInterval[][] week, Dictionary<LocalDate, WorkingInterval[]> special, AmbiguousTimeRule ambiguous, bool alwaysOpen)
    {
        Name = name;
        Zone = zone;
        _week = week;
        _special = special.ToFrozenDictionary();
        _specialDates = special.Keys.Order().ToArray();
        IsAlwaysOpen = alwaysOpen;
        AmbiguousTime = ambiguous;
        _resolver = Resolvers.CreateMappingResolver(
            ambiguous == AmbiguousTimeRule.Later ? Resolvers.ReturnLater : Resolvers.ReturnEarlier,
            Resolvers.ReturnStartOfIntervalAfter);
        NominalWeek = Duration.FromTicks(week.Sum(day => day.Sum(i => i.End - i.Start)));
    }

    /// <summary>The calendar's name.</summary>
    public string Name { get; }

    /// <summary>The time zone its intervals are written in.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>Whether the calendar is always open (the built-in <c>24x7</c>): business time is calendar time.</summary>
    public bool IsAlwaysOpen { get; }

    /// <summary>How an ambiguous local boundary maps to an instant.</summary>
    public AmbiguousTimeRule AmbiguousTime { get; }

    /// <summary>The working time of a week without holidays, overrides or offset changes.</summary>
    public Duration NominalWeek { get; }

    /// <summary>The built-in calendar that is always open, in UTC.</summary>
    public static BusinessCalendar AlwaysOpen { get; } = new(
        SlaOptions.AlwaysOpenCalendar,
        DateTimeZone.Utc,
        Enumerable.Range(0, 8).Select(d => d == 0 ? Closed : new[] { new WorkingInterval(0, NodaConstants.TicksPerDay) }).ToArray(),
        [],
        AmbiguousTimeRule.Earlier,
        alwaysOpen: true);

    /// <summary>The calendar as text: its name and zone, e.g. <c>business (Asia/Shanghai)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Name} ({Zone.Id})";

    /// <summary>The working intervals of a date: its override, nothing on a holiday, otherwise its weekday's.</summary>
    /// <param name="date">The local date.</param>
    /// <returns>The intervals, in order.</returns>
    public IReadOnlyList<WorkingInterval> IntervalsOn(LocalDate date) => Intervals(date);

    /// <summary>Whether a date has any working time.</summary>
    /// <param name="date">The local date.</param>
    /// <returns>
    /// <see langword="true"/> for a working day; <see langword="false"/> for a date whose only intervals lie wholly in
    /// a DST gap, since they hold no time.
    /// </returns>
    public bool IsWorkingDay(LocalDate date)
    {
        var clock = new DayClock(this);
        foreach (var interval in Intervals(date))
        {
            if (clock.ToInstant(date, interval.End) > clock.ToInstant(date, interval.Start))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the calendar is open at an instant.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns><see langword="true"/> when the instant lies in a working interval.</returns>
    public bool IsWorkingAt(Instant instant)
    {
        if (IsAlwaysOpen)
        {
            return true;
        }

        var clock = new DayClock(this);
        var date = instant.InZone(Zone).Date;
        foreach (var interval in Intervals(date))
        {
            if (clock.ToInstant(date, interval.Start) <= instant && instant < clock.ToInstant(date, interval.End))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first working instant at or after <paramref name="instant"/>.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>
    /// The instant itself when the calendar is open then, otherwise the start of the next interval that holds working
    /// time (an interval that falls wholly in a DST gap holds none).
    /// </returns>
    public Instant NextWorkingInstant(Instant instant)
    {
        if (IsAlwaysOpen)
        {
            return instant;
        }

        var clock = new DayClock(this);
        for (var date = instant.InZone(Zone).Date; ; date = date.PlusDays(1))
        {
            foreach (var interval in Intervals(date))
            {
                // An interval that lies wholly in a DST gap maps both ends to the gap's end: it holds no working time,
                // so its start is no opening.
                var from = Max(clock.ToInstant(date, interval.Start), instant);
                if (clock.ToInstant(date, interval.End) > from)
                {
                    return from;
                }
            }
        }
    }

    /// <summary>Adds business time to an instant; a negative duration goes backwards.</summary>
    /// <param name="start">Where to start.</param>
    /// <param name="duration">How much business time to add.</param>
    /// <returns>
    /// The instant at which the business time is used up. Time used up exactly at the end of an interval ends there
    /// (17:00, not the next opening); a zero duration returns <paramref name="start"/>.
    /// </returns>
    public Instant Add(Instant start, Duration duration)
    {
        if (IsAlwaysOpen || duration == Duration.Zero)
        {
            return start + duration;
        }

        return duration > Duration.Zero ? Forward(start, duration) : Backward(start, -duration);
    }

    /// <summary>The business time between two instants; negative when <paramref name="to"/> is before <paramref name="from"/>.</summary>
    /// <param name="from">The first instant.</param>
    /// <param name="to">The second instant.</param>
    /// <returns>The business time.</returns>
    public Duration Between(Instant from, Instant to)
    {
        if (IsAlwaysOpen)
        {
            return to - from;
        }

        if (to < from)
        {
            return -Between(to, from);
        }

        var clock = new DayClock(this);
        var total = Duration.Zero;
        var first = from.InZone(Zone).Date;
        var last = to.InZone(Zone).Date;
        for (var date = first; date <= last;)
        {
            if (date > first)
            {
                // Whole regular weeks strictly before the last date count their nominal time in one step.
                var weeks = RegularWeeksFrom(date, (Period.DaysBetween(date, last) / 7), ref clock);
                if (weeks > 0)
                {
                    total += NominalWeek * weeks;
                    date = date.PlusDays((int)(7 * weeks));
                    continue;
                }
            }

            foreach (var interval in Intervals(date))
            {
                var start = Max(clock.ToInstant(date, interval.Start), from);
                var end = Min(clock.ToInstant(date, interval.End), to);
                if (end > start)
                {
                    total += end - start;
                }
            }

            date = date.PlusDays(1);
        }

        return total;
    }

    /// <summary>
    /// The business time a working-day target gives a clock that starts at <paramref name="start"/>: to the same local
    /// time N working days after the first working instant at or after the start (docs/sla.md). One rule for SLA
    /// policies and the DEM-4 feedback deadline, so a later start never gives an earlier deadline.
    /// </summary>
    internal Duration WorkingDaysTarget(Instant start, int workingDays)
        => Between(start, AddWorkingDays(NextWorkingInstant(start), workingDays));

    /// <summary>
    /// Adds working days: the same local time of day on the Nth working day after (or, for negative N, before) the
    /// start's date; with <see cref="WorkingDayTime.Close"/>, the end of that day's last working interval instead.
    /// </summary>
    /// <param name="start">Where to start.</param>
    /// <param name="workingDays">How many working days; 0 returns <paramref name="start"/>.</param>
    /// <param name="time">Where on the Nth working day to end.</param>
    /// <returns>The instant.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is not a <see cref="WorkingDayTime"/>.</exception>
    public Instant AddWorkingDays(Instant start, int workingDays, WorkingDayTime time = WorkingDayTime.SameTimeOfDay)
    {
        if (time is not (WorkingDayTime.SameTimeOfDay or WorkingDayTime.Close))
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, "must be SameTimeOfDay or Close");
        }

        if (workingDays == 0)
        {
            return start;
        }

        var local = start.InZone(Zone).LocalDateTime;
        var date = local.Date;
        var step = Math.Sign(workingDays);
        for (var counted = 0; counted < Math.Abs(workingDays);)
        {
            date = date.PlusDays(step);
            counted += IsWorkingDay(date) ? 1 : 0;
        }

        var clock = new DayClock(this);
        return time == WorkingDayTime.Close
            ? clock.ToInstant(date, Intervals(date)[^1].End)
            : clock.ToInstant(date, local.TimeOfDay.TickOfDay);
    }

    // The compiled form, for the fingerprint (SlaCanonicalForm).
    internal IReadOnlyList<WorkingInterval> WeekIntervals(IsoDayOfWeek day) => _week[(int)day];

    internal IReadOnlyList<LocalDate> SpecialDates => _specialDates;

    internal static BusinessCalendar Create(string name, DateTimeZone zone, WorkingInterval[][] week, Dictionary<LocalDate, WorkingInterval[]> special, AmbiguousTimeRule ambiguous)
        => new(name, zone, week, special, ambiguous, alwaysOpen: false);

    private Instant Forward(Instant start, Duration remaining)
    {
        var clock = new DayClock(this);
        var firstDate = start.InZone(Zone).Date;
        for (var date = firstDate; ; date = date.PlusDays(1))
        {
            if (date > firstDate)
            {
                // Strictly more than the skipped weeks hold: time must be left to spend after them.
                var weeks = RegularWeeksFrom(date, (remaining - Duration.Epsilon).BclCompatibleTicks / NominalWeek.BclCompatibleTicks, ref clock);
                if (weeks > 0)
                {
                    remaining -= NominalWeek * weeks;
                    date = date.PlusDays((int)(7 * weeks));
                }
            }

            foreach (var interval in Intervals(date))
            {
                var end = clock.ToInstant(date, interval.End);
                if (end <= start)
                {
                    continue;
                }

                var from = Max(clock.ToInstant(date, interval.Start), start);
                var available = end - from;
                if (remaining <= available)
                {
                    return from + remaining;
                }

                remaining -= available;
            }
        }
    }

    private Instant Backward(Instant start, Duration remaining)
    {
        var clock = new DayClock(this);
        var firstDate = start.InZone(Zone).Date;
        for (var date = firstDate; ; date = date.PlusDays(-1))
        {
            if (date < firstDate)
            {
                var weeks = RegularWeeksBefore(date, (remaining - Duration.Epsilon).BclCompatibleTicks / NominalWeek.BclCompatibleTicks, ref clock);
                if (weeks > 0)
                {
                    remaining -= NominalWeek * weeks;
                    date = date.PlusDays((int)(-7 * weeks));
                }
            }

            var intervals = Intervals(date);
            for (var i = intervals.Length - 1; i >= 0; i--)
            {
                var from = clock.ToInstant(date, intervals[i].Start);
                if (from >= start)
                {
                    continue;
                }

                var end = Min(clock.ToInstant(date, intervals[i].End), start);
                var available = end - from;
                if (remaining <= available)
                {
                    return end - remaining;
                }

                remaining -= available;
            }
        }
    }

    // How many whole weeks from `first` on (at most `limit`) have no holiday or override and lie inside one stretch of
    // constant UTC offset, so that each holds exactly NominalWeek of working time.
    private long RegularWeeksFrom(LocalDate first, long limit, ref DayClock clock)
    {
        if (limit <= 0 || NominalWeek == Duration.Zero)
        {
            return 0;
        }

        var index = Array.BinarySearch(_specialDates, first);
        index = index < 0 ? ~index : index;
        var days = index < _specialDates.Length ? Period.DaysBetween(first, _specialDates[index]) : long.MaxValue;
        if (days < 7)
        {
            // A holiday or override within the week: step through it day by day (cheap test first).
            return 0;
        }

        days = Math.Min(days, clock.PlainDaysFrom(first));
        return Math.Min(Math.Min(limit, days / 7), LongestStep);
    }

    // The same, for the weeks that end on `last` (inclusive) and go back in time.
    private long RegularWeeksBefore(LocalDate last, long limit, ref DayClock clock)
    {
        if (limit <= 0 || NominalWeek == Duration.Zero)
        {
            return 0;
        }

        var index = Array.BinarySearch(_specialDates, last);
        index = index < 0 ? ~index - 1 : index;
        var days = index >= 0 ? Period.DaysBetween(_specialDates[index], last) : long.MaxValue;
        if (days < 7)
        {
            return 0;
        }

        days = Math.Min(days, clock.PlainDaysBefore(last));
        return Math.Min(Math.Min(limit, days / 7), LongestStep);
    }

    private WorkingInterval[] Intervals(LocalDate date)
        => _special.TryGetValue(date, out var special) ? special : _week[(int)date.DayOfWeek];

    /// <summary>
    /// Turns local times into instants. Away from offset changes this is plain arithmetic with the offset of a cached
    /// zone interval (no allocation); within a day of a change it asks NodaTime's resolver.
    /// </summary>
    private struct DayClock(BusinessCalendar calendar)
    {
        // Local times within this margin of an offset change may be skipped or ambiguous, or map to the neighbour.
        private static readonly Duration Margin = Duration.FromHours(26);
        private ZoneInterval? _interval;
        private ZoneInterval? _lastSafeFor;
        private LocalDate _lastSafe;

        public Instant ToInstant(LocalDate date, long ticksOfDay)
        {
            var local = date.AtMidnight().InUtc().ToInstant() + Duration.FromTicks(ticksOfDay);
            var interval = _interval;
            if (interval is null || !IsSafelyInside(interval, local - interval.WallOffset.Span()))
            {
                interval = _interval = calendar.Zone.GetZoneInterval(local - calendar.Zone.GetUtcOffset(local).Span());
                if (!IsSafelyInside(interval, local - interval.WallOffset.Span()))
                {
                    return Resolve(date, ticksOfDay);
                }
            }

            return local - interval.WallOffset.Span();
        }

        // Days from `first` on whose local times all map with one offset (no change within the margin).
        public long PlainDaysFrom(LocalDate first)
        {
            // Plain locals and null checks rather than `is not { } interval`: mutants of the pattern do not compile.
            var interval = SafeIntervalAt(first);
            if (interval is null)
            {
                return 0;
            }

            if (!interval.HasEnd)
            {
                return long.MaxValue;
            }

            if (!ReferenceEquals(interval, _lastSafeFor))
            {
                _lastSafe = (interval.End - Margin).InZone(calendar.Zone).Date;
                _lastSafeFor = interval;
            }

            return Math.Max(0, Period.DaysBetween(first, _lastSafe));
        }

        // Days up to and including `last` whose local times all map with one offset.
        public long PlainDaysBefore(LocalDate last)
        {
            // The end of `last` (the next midnight) must map safely too.
            var interval = SafeIntervalAt(last.PlusDays(1));
            if (interval is null)
            {
                return 0;
            }

            return interval.HasStart ? Math.Max(0, Period.DaysBetween((interval.Start + Margin).InZone(calendar.Zone).Date, last)) : long.MaxValue;
        }

        // The zone interval that holds the date's local midnight with the margin to spare, or null near an offset change.
        private ZoneInterval? SafeIntervalAt(LocalDate date)
        {
            ToInstant(date, 0);
            var local = date.AtMidnight().InUtc().ToInstant();
            var interval = _interval;
            return interval is not null && IsSafelyInside(interval, local - interval.WallOffset.Span()) ? interval : null;
        }

        private static bool IsSafelyInside(ZoneInterval interval, Instant instant)
            => (!interval.HasStart || interval.Start + Margin <= instant) && (!interval.HasEnd || instant + Margin < interval.End);

        private readonly Instant Resolve(LocalDate date, long ticksOfDay) => ticksOfDay == NodaConstants.TicksPerDay
            ? date.PlusDays(1).AtMidnight().InZone(calendar.Zone, calendar._resolver).ToInstant()
            : date.At(LocalTime.FromTicksSinceMidnight(ticksOfDay)).InZone(calendar.Zone, calendar._resolver).ToInstant();
    }

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;

    private static Instant Min(Instant a, Instant b) => a < b ? a : b;
}

/// <summary>Offsets as durations, for instant arithmetic.</summary>
internal static class OffsetSpans
{
    public static Duration Span(this Offset offset) => Duration.FromSeconds(offset.Seconds);
}
