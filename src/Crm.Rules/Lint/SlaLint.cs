using Crm.Rules.Configuration;
using Crm.Rules.Scoring;
using Crm.Rules.Sla;
using NodaTime;
using NodaTime.Text;

namespace Crm.Rules.Lint;

/// <summary>SLA: policies matching never selects, calendars that never open, holidays the week already closes.</summary>
internal static class SlaLint
{
    // "The next year": 366 days, so that a leap day ahead is included.
    private const int YearAhead = 366;

    public static void Check(SlaOptions options, SlaRules rules, LocalDate? today, List<LintFinding> findings)
    {
        CheckShadowedPolicies(options, findings);
        foreach (var (name, calendar) in options.Calendars)
        {
            if (rules.FindCalendar(name) is not { } compiled)
            {
                continue;
            }

            var path = JsonShape.PathOf("sla.calendars", name);
            var users = options.Policies.Where(p => string.Equals(p.Calendar, name, StringComparison.Ordinal)).Select(p => p.Name).ToArray();
            var usedBy = users.Length == 0 ? "no policy uses it" : $"policies on it: {string.Join(", ", users)}";
            CheckOpening(name, path, compiled, today, usedBy, findings);
            CheckHolidays(name, path, calendar, compiled, findings);
        }
    }

    private static void CheckShadowedPolicies(SlaOptions options, List<LintFinding> findings)
    {
        var policies = options.Policies;
        for (var j = 1; j < policies.Count; j++)
        {
            // Selection takes the most specific matching policy and the first of equals; an earlier policy with the same
            // selectors therefore wins every ticket this one matches.
            for (var q = 0; q < j; q++)
            {
                if (string.Equals(policies[q].Grade, policies[j].Grade, GradeNames.Comparison)
                    && string.Equals(policies[q].Kind, policies[j].Kind, StringComparison.OrdinalIgnoreCase)
                    && string.Equals(policies[q].Priority, policies[j].Priority, StringComparison.OrdinalIgnoreCase))
                {
                    findings.Add(new(LintCheck.SlaPolicyShadowed, LintSeverity.Problem, $"sla.policies[{j}]",
                        $"policy '{policies[j].Name}' is never selected by matching: the earlier policy '{policies[q].Name}' (sla.policies[{q}]) has the same selectors and wins every tie; only a ticket that names '{policies[j].Name}' uses it",
                        $"a ticket with {Selectors(policies[j])} gets '{policies[q].Name}'"));
                    break;
                }
            }
        }
    }

    private static string Selectors(SlaPolicyOptions policy)
        => $"grade {policy.Grade ?? "(any)"}, kind {policy.Kind ?? "(any)"}, priority {policy.Priority ?? "(any)"}";

    private static void CheckOpening(string name, string path, BusinessCalendar calendar, LocalDate? today, string usedBy, List<LintFinding> findings)
    {
        // Validation already refuses a week without working hours; what remains is a year that holidays close.
        if (today is not { } first)
        {
            return;
        }

        var last = first.PlusDays(YearAhead - 1);
        for (var date = first; date <= last; date = date.PlusDays(1))
        {
            if (calendar.IntervalsOn(date).Count > 0)
            {
                return;
            }
        }

        findings.Add(new(LintCheck.SlaCalendarNeverOpen, LintSeverity.Problem, path,
            $"calendar '{name}' has no working time from {Iso(first)} to {Iso(last)}: a clock started in that year does not run before it ends",
            $"holidays and overrides close every working day of its week in that year; {usedBy}"));
    }

    private static void CheckHolidays(string name, string path, BusinessCalendarOptions options, BusinessCalendar calendar, List<LintFinding> findings)
    {
        for (var i = 0; i < options.Holidays.Count; i++)
        {
            if (Dates(options.Holidays[i]) is not { } dates || dates.Count == 0)
            {
                continue;
            }

            if (dates.All(d => calendar.WeekIntervals(d.DayOfWeek).Count == 0))
            {
                var days = string.Join(", ", dates.Take(7).Select(d => $"{Iso(d)} is a {d.DayOfWeek}"));
                findings.Add(new(LintCheck.SlaHolidayOnClosedDay, LintSeverity.Note, $"{path}.holidays[{i}]",
                    $"holiday {options.Holidays[i]} of calendar '{name}' falls only on days its week already closes, so it changes nothing (real public holidays do fall on weekends; a note, not a problem)",
                    days + (dates.Count > 7 ? ", …" : "")));
            }
        }
    }

    // The validated forms: one ISO date, or an inclusive range "first/last".
    private static List<LocalDate>? Dates(string text)
    {
        var parts = text.Split('/');
        var first = LocalDatePattern.Iso.Parse(parts[0].Trim());
        var last = parts.Length == 2 ? LocalDatePattern.Iso.Parse(parts[1].Trim()) : first;
        if (parts.Length > 2 || !first.Success || !last.Success || last.Value < first.Value)
        {
            return null;
        }

        var dates = new List<LocalDate>();
        for (var date = first.Value; date <= last.Value && dates.Count <= YearAhead; date = date.PlusDays(1))
        {
            dates.Add(date);
        }

        return dates;
    }

    internal static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);
}
