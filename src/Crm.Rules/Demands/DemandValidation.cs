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

        var names = string.Join(", ", DemandWords.Quadrants);
        if (options.QuadrantOrder is null || options.QuadrantOrder.Count != 4 || !options.QuadrantOrder.Order(StringComparer.Ordinal).SequenceEqual(DemandWords.Quadrants.Order(StringComparer.Ordinal)))
        {
            errors.Add($"{path}.quadrantOrder", $"must list each of the four quadrants once: {names}");
        }

        if (options.Actions is null)
        {
            errors.Add($"{path}.actions", "is required");
        }

        foreach (var (key, action) in options.Actions ?? [])
        {
            if (!DemandWords.Quadrants.Contains(key))
            {
                errors.Add(JsonShape.PathOf($"{path}.actions", key), $"is not a quadrant ({names})");
            }
            else if (string.IsNullOrWhiteSpace(action))
            {
                errors.Add(JsonShape.PathOf($"{path}.actions", key), "must name the action, e.g. \"handle first\"");
            }
        }

        var keys = string.Join(", ", DemandWords.OrderKeys);
        if (options.OrderBy is null || options.OrderBy.Count == 0)
        {
            errors.Add($"{path}.orderBy", $"must list at least one ordering key ({keys})");
        }
        else
        {
            for (var i = 0; i < options.OrderBy.Count; i++)
            {
                if (!DemandWords.OrderKeys.Contains(options.OrderBy[i]))
                {
                    errors.Add($"{path}.orderBy[{i}]", $"'{options.OrderBy[i]}' is not an ordering key ({keys})");
                }
                else if (options.OrderBy.IndexOf(options.OrderBy[i]) < i)
                {
                    errors.Add($"{path}.orderBy[{i}]", $"'{options.OrderBy[i]}' is listed twice");
                }
            }
        }

        ValidateOrdering(options.Ordering, $"{path}.ordering", errors);

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
    }

    private static void ValidateOrdering(DemandOrderingOptions? ordering, string path, ErrorCollector errors)
    {
        if (ordering is null)
        {
            errors.Add(path, "is required");
            return;
        }

        if (!DemandWords.Modes.Contains(ordering.Mode ?? ""))
        {
            errors.Add($"{path}.mode", $"'{ordering.Mode}' is not an ordering mode ({string.Join(", ", DemandWords.Modes)})");
        }

        // Checked in either mode, so that switching the mode on never reveals an old mistake.
        if (ordering.Weights is null)
        {
            errors.Add($"{path}.weights", "is required");
            return;
        }

        var sum = 0m;
        var weightsAreValid = true;
        foreach (var (key, weight) in ordering.Weights)
        {
            var at = JsonShape.PathOf($"{path}.weights", key);
            if (key == "quadrant")
            {
                errors.Add(at, "the quadrant is not weighted: it always orders first (DEM-2)");
                weightsAreValid = false;
            }
            else if (!DemandWords.WeightedKeys.Contains(key))
            {
                errors.Add(at, $"is not a weighted ordering key ({string.Join(", ", DemandWords.WeightedKeys)})");
                weightsAreValid = false;
            }
            else if (weight is < 0m or > 1m)
            {
                errors.Add(at, $"must be between 0 and 1; got {FixedPoint.Format(weight)}");
                weightsAreValid = false;
            }
            else if (!FixedPoint.IsRepresentable(weight))
            {
                errors.RequireFixedPoint(at, weight);
                weightsAreValid = false;
            }
            else
            {
                sum += weight;
            }
        }

        if (weightsAreValid && sum != 1m)
        {
            errors.Add($"{path}.weights", $"the weights must add up to exactly 1, but they add up to {FixedPoint.Format(sum)}");
        }
    }
}
