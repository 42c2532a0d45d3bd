using Crm.Rules.Configuration;

namespace Crm.Rules.Demands;

/// <summary>The validation rules of <see cref="DemandOptions"/>.</summary>
internal static class DemandValidation
{
    public static void Validate(DemandOptions options, string path, ErrorCollector errors, ICollection<string> calendars)
    {
        if (options.ImportanceThreshold is < 1m or > 5m)
        {
            errors.Add($"{path}.importanceThreshold", $"must be between 1 and 5 (a score on the 1..5 scale); got {FixedPoint.Format(options.ImportanceThreshold)}");
        }

        if (options.UrgencyThreshold is < 1m or > 5m)
        {
            errors.Add($"{path}.urgencyThreshold", $"must be between 1 and 5 (a score on the 1..5 scale); got {FixedPoint.Format(options.UrgencyThreshold)}");
        }

        var names = string.Join(", ", DemandRules.QuadrantNames);
        if (options.QuadrantOrder is null || options.QuadrantOrder.Count != 4 || !options.QuadrantOrder.Order(StringComparer.Ordinal).SequenceEqual(DemandRules.QuadrantNames.Order(StringComparer.Ordinal)))
        {
            errors.Add($"{path}.quadrantOrder", $"must list each of the four quadrants once: {names}");
        }

        foreach (var key in options.Actions?.Keys ?? Enumerable.Empty<string>())
        {
            if (!DemandRules.QuadrantNames.Contains(key))
            {
                errors.Add(JsonShape.PathOf($"{path}.actions", key), $"is not a quadrant ({names})");
            }
        }

        var keys = string.Join(", ", DemandRules.OrderKeys);
        if (options.OrderBy is null || options.OrderBy.Count == 0)
        {
            errors.Add($"{path}.orderBy", $"must list at least one ordering key ({keys})");
        }
        else
        {
            for (var i = 0; i < options.OrderBy.Count; i++)
            {
                if (!DemandRules.OrderKeys.Contains(options.OrderBy[i]))
                {
                    errors.Add($"{path}.orderBy[{i}]", $"'{options.OrderBy[i]}' is not an ordering key ({keys})");
                }
                else if (options.OrderBy.IndexOf(options.OrderBy[i]) < i)
                {
                    errors.Add($"{path}.orderBy[{i}]", $"'{options.OrderBy[i]}' is listed twice");
                }
            }
        }

        if (options.GradeOrder is null || options.GradeOrder.Distinct(StringComparer.OrdinalIgnoreCase).Count() != options.GradeOrder.Count)
        {
            errors.Add($"{path}.gradeOrder", "must be a list of grade names without repeats");
        }

        if (options.FeedbackWorkingDays < 1)
        {
            errors.Add($"{path}.feedbackWorkingDays", "must be at least 1");
        }

        if (!calendars.Contains(options.FeedbackCalendar ?? ""))
        {
            errors.Add($"{path}.feedbackCalendar", $"'{options.FeedbackCalendar}' is not a calendar of sla.calendars (known: {string.Join(", ", calendars)})");
        }

        if (options.SatisfactionTarget is < 0m or > 1m)
        {
            errors.Add($"{path}.satisfactionTarget", $"must be a rate between 0 and 1, e.g. 0.9; got {FixedPoint.Format(options.SatisfactionTarget)}");
        }
    }
}
