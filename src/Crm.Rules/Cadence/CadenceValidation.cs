using Crm.Rules.Configuration;
using NodaTime;

namespace Crm.Rules.Cadence;

/// <summary>The validation rules of <see cref="CadenceOptions"/>.</summary>
internal static class CadenceValidation
{
    public static void Validate(CadenceOptions options, string path, ErrorCollector errors)
    {
        void RequirePositive(string at, Period? period)
        {
            if (period is null || period.Normalize().Equals(Period.Zero) || HasNegative(period))
            {
                errors.Add(at, "must be a positive ISO-8601 period such as \"P1M\"");
            }
            else
            {
                RequireDateOnly(at, period, errors);
            }
        }

        if (options.LeadIntervals is null || options.LeadIntervals.Count == 0)
        {
            errors.Add($"{path}.leadIntervals", "must name at least one lead label with its interval");
        }

        foreach (var (label, interval) in options.LeadIntervals ?? [])
        {
            RequirePositive(JsonShape.PathOf($"{path}.leadIntervals", label), interval);
        }

        RequirePositive($"{path}.newCustomerInterval", options.NewCustomerInterval);
        foreach (var (grade, interval) in options.SurveyIntervals ?? [])
        {
            RequirePositive(JsonShape.PathOf($"{path}.surveyIntervals", grade), interval);
        }

        // Each map under its own name: a bad surveyAfterEvents entry used to be reported under eventFollowUps.
        foreach (var (map, periods) in new[] { ("eventFollowUps", options.EventFollowUps), ("surveyAfterEvents", options.SurveyAfterEvents) })
        {
            foreach (var (kind, within) in periods ?? [])
            {
                if (within is null || HasNegative(within))
                {
                    errors.Add(JsonShape.PathOf($"{path}.{map}", kind), "must be a period that is not negative, e.g. \"P1D\" or \"P0D\"");
                }
                else
                {
                    RequireDateOnly(JsonShape.PathOf($"{path}.{map}", kind), within, errors);
                }
            }
        }

        // Days are bounded like periods (100 years, docs/configuration.md "Bounds"): beyond them the date arithmetic
        // of a supported date overflows NodaTime's range (found by the loader fuzz: 1,000,001 days crashed Plan).
        if (options.NewCustomerDays is < 0 or > 36_525)
        {
            errors.Add($"{path}.newCustomerDays", $"must be between 0 and 36,525 days (100 years); got {options.NewCustomerDays}");
        }

        if (options.EscalateAfterUnresolvedContacts < 1)
        {
            errors.Add($"{path}.escalateAfterUnresolvedContacts", "must be at least 1");
        }

        // Each role under its own path: an empty leadOwnerRole used to be reported as cadence.escalationRole.
        if (string.IsNullOrWhiteSpace(options.EscalationRole))
        {
            errors.Add($"{path}.escalationRole", "must name the role that escalated customers go to");
        }

        if (string.IsNullOrWhiteSpace(options.LeadOwnerRole))
        {
            errors.Add($"{path}.leadOwnerRole", "must name the role that follows up leads");
        }

        if (options.ChannelOrder is null || options.ChannelOrder.Count == 0 || options.ChannelOrder.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{path}.channelOrder", "must list at least one channel, without empty names");
        }

        if (options.BirthdayReminderDaysBefore is < 0 or > 366)
        {
            errors.Add($"{path}.birthdayReminderDaysBefore", "must be between 0 and 366");
        }
    }

    /// <summary>
    /// Contacts, surveys and reminders are planned for dates: a period with hours, minutes or seconds cannot be added to
    /// a date (NodaTime refuses it), so it used to pass validation and then fail every plan.
    /// </summary>
    internal static void RequireDateOnly(string at, Period period, ErrorCollector errors)
    {
        if (period.HasTimeComponent)
        {
            errors.Add(at, $"must be whole days, weeks, months or years: contacts are planned for dates; got {NodaTime.Text.PeriodPattern.Roundtrip.Format(period)}");
        }
    }

    private static bool HasNegative(Period p)
        => p.Years < 0 || p.Months < 0 || p.Weeks < 0 || p.Days < 0 || p.Hours < 0 || p.Minutes < 0 || p.Seconds < 0;
}
