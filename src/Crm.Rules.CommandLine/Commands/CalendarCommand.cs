using System.Globalization;
using Crm.Rules.CommandLine.Input;
using Crm.Rules.Sla;
using NodaTime;

namespace Crm.Rules.CommandLine.Commands;

/// <summary><c>crm-rules calendar add|between|next</c>: business-calendar arithmetic.</summary>
internal static class CalendarCommand
{
    public static int Add(string calendarName, string start, string? duration, int? workingDays, bool endOfDay, FileInfo? config, TextWriter output)
    {
        var calendar = Find(config, calendarName);
        var from = ParseInstant("--start", start);
        Instant result;
        if (duration is not null == workingDays is not null)
        {
            throw new InputException("give exactly one of --duration (e.g. PT48H) and --working-days (e.g. 3)");
        }

        if (duration is not null)
        {
            result = calendar.Add(from, ParseDuration("--duration", duration));
        }
        else
        {
            result = calendar.AddWorkingDays(from, workingDays!.Value, endOfDay ? WorkingDayTime.Close : WorkingDayTime.SameTimeOfDay);
        }

        output.WriteLine(IsoInstant.Format(result, calendar.Zone));
        return ExitCodes.Success;
    }

    public static int Between(string calendarName, string from, string to, FileInfo? config, TextWriter output)
    {
        var calendar = Find(config, calendarName);
        output.WriteLine(IsoDuration.Format(calendar.Between(ParseInstant("--from", from), ParseInstant("--to", to))));
        return ExitCodes.Success;
    }

    public static int Next(string calendarName, string at, FileInfo? config, TextWriter output)
    {
        var calendar = Find(config, calendarName);
        output.WriteLine(IsoInstant.Format(calendar.NextWorkingInstant(ParseInstant("--at", at)), calendar.Zone));
        return ExitCodes.Success;
    }

    internal static Instant ParseInstant(string field, string text)
        => IsoInstant.TryParse(text, out var instant)
            ? instant
            : throw new InputException($"{field}: '{text}' is not an ISO-8601 instant with an offset, e.g. 2026-03-06T17:30:00+08:00 or 2026-03-06T09:30:00Z");

    internal static Duration ParseDuration(string field, string text)
        => IsoDuration.TryParse(text, out var duration)
            ? duration
            : throw new InputException($"{field}: '{text}' is not an ISO-8601 duration such as PT48H, PT30M or -PT5H");

    private static BusinessCalendar Find(FileInfo? config, string name)
    {
        var rules = RuleSetLoader.Load(config).Sla;
        return rules.FindCalendar(name)
            ?? throw new InputException(string.Create(CultureInfo.InvariantCulture,
                $"--calendar: '{name}' is not a calendar (known: {string.Join(", ", rules.Calendars.Keys.Order(StringComparer.Ordinal))})"));
    }
}
