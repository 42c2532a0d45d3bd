using System.Globalization;
using Crm.Rules.Configuration;
using NodaTime;
using NodaTime.Text;

namespace Crm.Rules.Sla;

/// <summary>Validates calendar options and compiles them into <see cref="BusinessCalendar"/>s, in one pass.</summary>
internal static class CalendarCompiler
{
    // A holiday range longer than this is almost certainly a typo in a year.
    private const int LongestHolidayRange = 366;

    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public static BusinessCalendar? Compile(string name, BusinessCalendarOptions? options, string path, ErrorCollector errors)
    {
        if (options is null)
        {
            errors.Add(path, "must not be null");
            return null;
        }

        var before = errors.Errors.Count;
        if (name == SlaOptions.AlwaysOpenCalendar)
        {
            errors.Add(path, "'24x7' is the built-in calendar that is always open; give your calendar another name");
        }

        var zone = string.IsNullOrWhiteSpace(options.TimeZone) ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(options.TimeZone);
        if (zone is null)
        {
            errors.Add($"{path}.timeZone", string.IsNullOrWhiteSpace(options.TimeZone)
                ? "is required: an IANA time zone such as \"Asia/Shanghai\""
                : $"'{options.TimeZone}' is not an IANA time zone (e.g. \"Asia/Shanghai\", \"Europe/Paris\")");
        }

        var week = new WorkingInterval[8][];
        week[0] = [];
        if (options.Week is null)
        {
            errors.Add($"{path}.week", "is required");
        }

        foreach (var day in Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None))
        {
            var dayName = day.ToString().ToLowerInvariant();
            week[(int)day] = ParseIntervals(options.Week?[day], $"{path}.week.{dayName}", errors);
        }

        if (week.Sum(d => d.Length) == 0 && options.Week is not null)
        {
            errors.Add($"{path}.week", "has no working hours on any day; a deadline on it would never come");
        }

        var special = new Dictionary<LocalDate, WorkingInterval[]>();
        for (var i = 0; i < (options.Holidays?.Count ?? 0); i++)
        {
            foreach (var date in ParseHoliday(options.Holidays![i], $"{path}.holidays[{i}]", errors))
            {
                special[date] = [];
            }
        }

        foreach (var (text, intervals) in options.Overrides ?? [])
        {
            var at = JsonShape.PathOf($"{path}.overrides", text);
            var parsed = LocalDatePattern.Iso.Parse(text);
            if (!parsed.Success)
            {
                errors.Add(at, $"'{text}' is not a date such as \"2026-09-27\"");
                continue;
            }

            // An override wins over a holiday on the same date: it is the more specific statement.
            special[parsed.Value] = ParseIntervals(intervals ?? [], at, errors);
        }

        return errors.Errors.Count > before || zone is null
            ? null
            : BusinessCalendar.Create(name, zone, week, special, options.AmbiguousTime);
    }

    private static WorkingInterval[] ParseIntervals(List<string>? texts, string path, ErrorCollector errors)
    {
        if (texts is null)
        {
            return [];
        }

        var intervals = new List<WorkingInterval>();
        for (var i = 0; i < texts.Count; i++)
        {
            var at = $"{path}[{i}]";
            var parts = texts[i]?.Split('-') ?? [];

            // Declared and set up front (not as out variables inside the condition) so that every mutation of the
            // condition still compiles: Stryker cannot build mutants that leave an out variable unassigned (CS0165).
            long start = 0;
            long end = 0;
            var wellFormed = parts.Length == 2 && TryParseTime(parts[0], allow24: false, out start) && TryParseTime(parts[1], allow24: true, out end);
            if (!wellFormed)
            {
                errors.Add(at, $"'{texts[i]}' is not an interval such as \"09:00-12:00\" (24-hour times; \"24:00\" may end a day)");
                continue;
            }

            if (end <= start)
            {
                errors.Add(at, end == 0
                    ? $"'{texts[i]}' ends at 00:00; end the day with \"24:00\""
                    : $"'{texts[i]}' ends before it starts; an interval that crosses midnight must be written as two, e.g. \"22:00-24:00\" and \"00:00-02:00\" on the next day");
                continue;
            }

            intervals.Add(new WorkingInterval(start, end));
        }

        intervals.Sort((a, b) => a.Start.CompareTo(b.Start));
        for (var k = 1; k < intervals.Count; k++)
        {
            if (intervals[k].Start < intervals[k - 1].End)
            {
                errors.Add(path, $"intervals {intervals[k - 1]} and {intervals[k]} overlap; intervals on one day must not overlap");
            }
        }

        // Touching intervals (12:00-13:00, 13:00-18:00) are one stretch of work; merging keeps the arithmetic simple.
        var merged = new List<WorkingInterval>();
        foreach (var interval in intervals)
        {
            if (merged.Count > 0 && merged[^1].End >= interval.Start)
            {
                merged[^1] = merged[^1] with { End = Math.Max(merged[^1].End, interval.End) };
            }
            else
            {
                merged.Add(interval);
            }
        }

        return merged.ToArray();
    }

    private static bool TryParseTime(string text, bool allow24, out long ticks)
    {
        text = text.Trim();
        if (allow24 && text == "24:00")
        {
            ticks = NodaConstants.TicksPerDay;
            return true;
        }

        var parsed = TimePattern.Parse(text);
        ticks = parsed.Success ? parsed.Value.TickOfDay : 0;
        return parsed.Success;
    }

    private static IEnumerable<LocalDate> ParseHoliday(string? text, string path, ErrorCollector errors)
    {
        var parts = text?.Split('/') ?? [];
        var dates = parts.Select(p => LocalDatePattern.Iso.Parse(p.Trim())).ToArray();
        if (parts.Length is < 1 or > 2 || dates.Any(d => !d.Success))
        {
            errors.Add(path, $"'{text}' is not a date (\"2026-10-01\") or an inclusive range (\"2026-10-02/2026-10-08\")");
            return [];
        }

        var first = dates[0].Value;
        var last = dates[^1].Value;
        if (last < first)
        {
            errors.Add(path, $"'{text}' ends before it starts");
            return [];
        }

        var days = Period.Between(first, last, PeriodUnits.Days).Days + 1;
        if (days > LongestHolidayRange)
        {
            errors.Add(path, string.Create(CultureInfo.InvariantCulture, $"'{text}' spans {days} days; a holiday range may span at most {LongestHolidayRange}"));
            return [];
        }

        return Enumerable.Range(0, days).Select(first.PlusDays);
    }
}
