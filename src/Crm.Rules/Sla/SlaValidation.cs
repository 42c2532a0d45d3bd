using System.Collections.Frozen;
using Crm.Rules.Configuration;

namespace Crm.Rules.Sla;

/// <summary>The validation rules of <see cref="SlaOptions"/>.</summary>
internal static class SlaValidation
{
    // Checking a calendar is compiling it: the calendars that compiled are returned so that the rule set takes them
    // from this one pass rather than compile them again.
    public static FrozenDictionary<string, BusinessCalendar> Validate(SlaOptions options, string path, ErrorCollector errors)
    {
        var calendars = new Dictionary<string, BusinessCalendar>(StringComparer.Ordinal) { [SlaOptions.AlwaysOpenCalendar] = BusinessCalendar.AlwaysOpen };
        foreach (var (name, calendar) in options.Calendars ?? [])
        {
            var at = JsonShape.PathOf($"{path}.calendars", name);
            if (string.IsNullOrWhiteSpace(name))
            {
                errors.Add(at, "a calendar name must not be empty");
            }

            var compiled = CalendarCompiler.Compile(name, calendar, at, errors);
            if (compiled is not null)
            {
                calendars[name] = compiled;
            }
        }

        if (options.Policies is null)
        {
            errors.Add($"{path}.policies", "is required (an empty list means no policies)");
            return calendars.ToFrozenDictionary(StringComparer.Ordinal);
        }

        errors.RequireUniqueNames($"{path}.policies", options.Policies.Select(p => p?.Name).ToList(), "policy");
        for (var i = 0; i < options.Policies.Count; i++)
        {
            var policy = options.Policies[i];
            var at = $"{path}.policies[{i}]";
            if (policy is null)
            {
                errors.Add(at, "must not be null");
                continue;
            }

            if (policy.Target is null == policy.WorkingDays is null)
            {
                errors.Add(at, "give exactly one of target (an ISO-8601 duration such as \"PT48H\") and workingDays");
            }
            else if (policy.Target <= NodaTime.Duration.Zero)
            {
                errors.Add($"{at}.target", "must be a positive duration such as \"PT48H\"");
            }
            else if (policy.WorkingDays is < 1)
            {
                errors.Add($"{at}.workingDays", "must be at least 1");
            }

            if (string.IsNullOrWhiteSpace(policy.Calendar))
            {
                errors.Add($"{at}.calendar", "must name a calendar (\"24x7\" for calendar time)");
            }
            else if (!calendars.ContainsKey(policy.Calendar) && !(options.Calendars?.ContainsKey(policy.Calendar) ?? false))
            {
                var known = string.Join(", ", new[] { SlaOptions.AlwaysOpenCalendar }.Concat(options.Calendars?.Keys ?? Enumerable.Empty<string>()));
                errors.Add($"{at}.calendar", $"'{policy.Calendar}' is not a calendar (known: {known})");
            }

            if (policy.Warnings is null)
            {
                errors.Add($"{at}.warnings", "must be a list of fractions (empty for no warnings)");
            }
            else
            {
                for (var k = 0; k < policy.Warnings.Count; k++)
                {
                    if (policy.Warnings[k] is <= 0m or >= 1m)
                    {
                        errors.Add($"{at}.warnings[{k}]", $"must be a fraction of the target between 0 and 1, e.g. 0.75; got {FixedPoint.Format(policy.Warnings[k])}");
                    }
                }

                if (policy.Warnings.Distinct().Count() != policy.Warnings.Count)
                {
                    errors.Add($"{at}.warnings", "lists the same threshold twice");
                }
            }
        }

        return calendars.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
