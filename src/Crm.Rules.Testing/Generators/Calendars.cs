using System.Globalization;
using Crm.Rules.Sla;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Crm.Rules.Testing;

/// <summary>
/// The draws behind one working day: closed when <paramref name="Open"/> is below 4 (so four in ten days are closed),
/// otherwise one interval from <paramref name="First"/> minutes after midnight, and a second one when <paramref name="Two"/>
/// and the day has room for it.
/// </summary>
/// <param name="Open">0 to 9; the day is closed below 4.</param>
/// <param name="First">Minutes after midnight the first interval starts.</param>
/// <param name="Length">Minutes the first interval lasts (cut at midnight).</param>
/// <param name="Gap">Minutes between the two intervals.</param>
/// <param name="SecondLength">Minutes the second interval lasts (cut at midnight).</param>
/// <param name="Two">Whether the day has a second interval.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record DaySpec(int Open, int First, int Length, int Gap, int SecondLength, bool Two)
{
    /// <summary>Random days.</summary>
    /// <value>A generator without shrinking; shrink with <see cref="Smaller"/>.</value>
    public static Gen<DaySpec> Generator =>
        from open in Gen.Choose(0, 9)
        from first in Gen.Choose(0, 23 * 60)
        from length in Gen.Choose(15, 300)
        from gap in Gen.Choose(15, 240)
        from secondLength in Gen.Choose(15, 300)
        from two in Gen.Elements(true, false)
        select new DaySpec(open, first, length, gap, secondLength, two);

    /// <summary>A closed day is simplest; then earlier, shorter, single intervals.</summary>
    /// <returns>Simpler days, simplest first.</returns>
    public IEnumerable<DaySpec> Smaller() =>
        Shrink.Towards(Open, 0).Select(o => this with { Open = o })
            .Concat(Shrink.Towards(First, 0).Select(f => this with { First = f }))
            .Concat(Shrink.Towards(Length, 15).Select(l => this with { Length = l }))
            .Concat(Shrink.Bool(Two).Select(t => this with { Two = t }))
            .Concat(Shrink.Towards(Gap, 15).Select(g => this with { Gap = g }))
            .Concat(Shrink.Towards(SecondLength, 15).Select(l => this with { SecondLength = l }));

    /// <summary>The day's working intervals as a calendar's options take them.</summary>
    /// <returns>For example <c>["09:00-12:00", "13:00-17:00"]</c>; empty for a closed day.</returns>
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

    /// <summary>The intervals, or <c>closed</c>.</summary>
    /// <returns>One line.</returns>
    public override string ToString() => Intervals() is { Count: > 0 } intervals ? string.Join(" ", intervals) : "closed";

    private static string Time(int minutes) => minutes == 24 * 60
        ? "24:00"
        : string.Create(CultureInfo.InvariantCulture, $"{minutes / 60:00}:{minutes % 60:00}");
}

/// <summary>
/// The draws behind a random business calendar: a zone with an interesting DST history, a sparse or busy week, holidays
/// and overrides as day offsets from 2010-01-01. <see cref="Build"/> compiles it; shrunk copies stay valid calendars.
/// </summary>
/// <param name="Zone">The IANA time zone.</param>
/// <param name="Week">Monday to Sunday.</param>
/// <param name="Holidays">Holidays as day offsets from 2010-01-01.</param>
/// <param name="Overrides">Days (offsets from 2010-01-01) whose hours are <paramref name="OverrideDay"/>'s instead.</param>
/// <param name="OverrideDay">The hours of the overridden days.</param>
/// <param name="Later">Whether an ambiguous local time resolves to the later instant.</param>
/// <threadsafety>This type is immutable and thread-safe as long as nobody changes its arrays.</threadsafety>
public sealed record CalendarSpec(string Zone, DaySpec[] Week, int[] Holidays, int[] Overrides, DaySpec OverrideDay, bool Later)
{
    // UTC first: shrinking heads for the zone without transitions. New York and Paris: ordinary DST; Lord Howe: a 30-minute
    // DST shift; São Paulo: transitions at midnight until 2019.
    private static readonly string[] Zones = ["UTC", "America/New_York", "Europe/Paris", "Asia/Shanghai", "Australia/Lord_Howe", "America/Sao_Paulo"];

    private static readonly LocalDate FirstDay = new(2010, 1, 1);

    /// <summary>Random calendars.</summary>
    /// <value>A generator without shrinking; <see cref="CrmGen.Calendars"/> adds <see cref="Smaller"/>.</value>
    public static Gen<CalendarSpec> Generator =>
        from zone in Gen.Elements(Zones)
        from days in DaySpec.Generator.ArrayOf(7)
        from holidays in Gen.Choose(0, 12 * 366).ArrayOf(6)
        from overrides in Gen.Choose(0, 12 * 366).ArrayOf(3)
        from overrideDay in DaySpec.Generator
        from later in Gen.Elements(false, false, true)
        select new CalendarSpec(zone, days, holidays, overrides, overrideDay, later);

    /// <summary>UTC, fewer holidays and overrides, simpler days.</summary>
    /// <returns>Valid calendars, simplest first.</returns>
    public IEnumerable<CalendarSpec> Smaller() =>
        Shrink.Earlier(Zone, Zones).Select(z => this with { Zone = z })
            .Concat(Shrink.Array(Holidays, _ => []).Select(h => this with { Holidays = h }))
            .Concat(Shrink.Array(Overrides, _ => []).Select(o => this with { Overrides = o }))
            .Concat(Shrink.Each(Week, d => d.Smaller()).Select(w => this with { Week = w }))
            .Concat(OverrideDay.Smaller().Select(d => this with { OverrideDay = d }))
            .Concat(Shrink.Bool(Later).Select(l => this with { Later = l }))
            .Concat(Shrink.Each(Holidays, h => Shrink.Towards(h, 0)).Select(h => this with { Holidays = h }))
            .Concat(Shrink.Each(Overrides, o => Shrink.Towards(o, 0)).Select(o => this with { Overrides = o }));

    /// <summary>The calendar's options.</summary>
    /// <returns>New options that validate.</returns>
    public BusinessCalendarOptions Options()
    {
        var days = Week.Select(d => d.Intervals()).ToArray();

        // Every calendar needs some working time in its week.
        if (days.All(d => d.Count == 0))
        {
            days[0] = ["09:00-17:00"];
        }

        return new BusinessCalendarOptions
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
    }

    /// <summary>The seed standard with its <c>business</c> calendar (the one its SLA policies and grade treatments use) replaced by this one.</summary>
    /// <returns>New options that <see cref="CrmRuleSet.Compile"/> accepts.</returns>
    public CrmRulesOptions SeedWithBusinessCalendar()
    {
        var options = new CrmRulesOptions();
        options.Sla.Calendars["business"] = Options();
        return options;
    }

    /// <summary>Compiles the calendar (as <c>random</c>, in the seed standard's rules).</summary>
    /// <returns>The compiled calendar.</returns>
    public BusinessCalendar Build()
    {
        var options = new CrmRulesOptions();
        options.Sla.Calendars["random"] = Options();
        return CrmRuleSet.Compile(options).Sla.FindCalendar("random")!;
    }

    /// <summary>What a failure report needs to rebuild the calendar by hand.</summary>
    /// <returns>One line.</returns>
    public override string ToString() =>
        $"calendar({Zone}, week [{string.Join(", ", Week.Select(d => d.ToString()))}], holidays [{string.Join(", ", Holidays.Select(Date))}], " +
        $"overrides [{string.Join(", ", Overrides.Distinct().Select(Date))}] → {OverrideDay}, ambiguous {(Later ? "later" : "earlier")})";

    private static string Date(int offset) => FirstDay.PlusDays(offset).ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
}

