using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;

namespace Crm.Rules.Sla;

/// <summary>
/// Rewrites the <c>sla</c> part of a configuration's JSON into the form its compiled rules hold, for the fingerprint:
/// configurations whose SLA settings differ only in how they are written get one fingerprint.
/// </summary>
/// <remarks>
/// A calendar is written as it compiled: each day's intervals sorted with touching ones merged, a closed day left out,
/// holidays and overrides that close a date as sorted runs of dates, overrides with working time by date. A policy's
/// warnings are sorted, as <see cref="SlaPolicy.Warnings"/> holds them. Only these members are replaced; every other
/// member stays as written, so a setting added later still counts.
/// </remarks>
internal static class SlaCanonicalForm
{
    // Runs of closed dates are split at the longest range a file may give, so the form is itself a valid configuration.
    private const int LongestRun = 366;

    public static void Normalize(JsonNode? sla, IReadOnlyDictionary<string, BusinessCalendar> calendars)
    {
        if (sla?["calendars"] is JsonObject written)
        {
            foreach (var name in written.Select(p => p.Key).ToArray())
            {
                if (written[name] is JsonObject calendar && calendars.TryGetValue(name, out var compiled))
                {
                    Normalize(calendar, compiled);
                }
            }
        }

        foreach (var policy in (sla?["policies"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (policy["warnings"] is JsonArray warnings)
            {
                policy["warnings"] = new JsonArray(warnings.Select(w => w!.GetValue<decimal>()).Order().Select(w => (JsonNode?)JsonValue.Create(w)).ToArray());
            }
        }
    }

    private static void Normalize(JsonObject calendar, BusinessCalendar compiled)
    {
        calendar["timeZone"] = compiled.Zone.Id;
        var week = new JsonObject();
        foreach (var day in Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None))
        {
            var intervals = compiled.WeekIntervals(day);
            if (intervals.Count > 0)
            {
                week[day.ToString().ToLowerInvariant()] = Texts(intervals);
            }
        }

        calendar["week"] = week;
        var closed = compiled.SpecialDates.Where(d => compiled.IntervalsOn(d).Count == 0).ToArray();
        calendar["holidays"] = new JsonArray(Runs(closed).Select(r => (JsonNode?)JsonValue.Create(r)).ToArray());
        var overrides = new JsonObject();
        foreach (var date in compiled.SpecialDates.Where(d => compiled.IntervalsOn(d).Count > 0))
        {
            overrides[Text(date)] = Texts(compiled.IntervalsOn(date));
        }

        calendar["overrides"] = overrides;
    }

    // Sorted dates as "first/last" runs of consecutive dates, or a single date for a run of one.
    private static IEnumerable<string> Runs(LocalDate[] dates)
    {
        for (var i = 0; i < dates.Length;)
        {
            var last = i;
            while (last + 1 < dates.Length && dates[last + 1] == dates[last].PlusDays(1) && last + 1 - i < LongestRun)
            {
                last++;
            }

            yield return last == i ? Text(dates[i]) : $"{Text(dates[i])}/{Text(dates[last])}";
            i = last + 1;
        }
    }

    private static JsonArray Texts(IReadOnlyList<WorkingInterval> intervals)
        => new(intervals.Select(i => (JsonNode?)JsonValue.Create(i.ToString())).ToArray());

    private static string Text(LocalDate date) => LocalDatePattern.Iso.Format(date);
}
