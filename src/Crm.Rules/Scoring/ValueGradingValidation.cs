using Crm.Rules.Configuration;

namespace Crm.Rules.Scoring;

/// <summary>The validation rules of <see cref="ValueGradingOptions"/>.</summary>
internal static class ValueGradingValidation
{
    public const int LargestScore = 100;

    // Grade ranks are bytes in the batch APIs, with 255 meaning "not graded".
    public const int MaximumGrades = 100;

    public static void Validate(ValueGradingOptions options, string path, ErrorCollector errors)
    {
        var scale = options.Scale;
        var scaleIsValid = scale is not null && scale.Minimum >= 1 && scale.Maximum > scale.Minimum && scale.Maximum <= LargestScore;
        if (scale is null)
        {
            errors.Add($"{path}.scale", "is required");
        }
        else if (!scaleIsValid)
        {
            if (scale.Minimum < 1)
            {
                errors.Add($"{path}.scale.minimum", "must be at least 1 (0 stands for a missing score)");
            }

            if (scale.Maximum <= scale.Minimum || scale.Maximum > LargestScore)
            {
                errors.Add($"{path}.scale.maximum", $"must be greater than the minimum ({scale.Minimum}) and at most {LargestScore}");
            }
        }

        var (minimum, maximum) = scaleIsValid ? (scale!.Minimum, scale.Maximum) : (1, 5);
        ValidateIndicators(options.Indicators, $"{path}.indicators", minimum, maximum, errors);
        ValidateGrades(options.Grades, $"{path}.grades", minimum, maximum, errors);

        if (!Enum.IsDefined(options.MissingValues))
        {
            errors.Add($"{path}.missingValues", "must be \"reject\" or \"renormalize\"");
        }

        if (options.Approval is null)
        {
            errors.Add($"{path}.approval", "is required");
        }
        else if (options.Approval.Required && string.IsNullOrWhiteSpace(options.Approval.ApproverRole))
        {
            errors.Add($"{path}.approval.approverRole", "must name the role that approves grade changes when approval is required");
        }
    }

    private static void ValidateIndicators(List<IndicatorOptions>? indicators, string path, int minimum, int maximum, ErrorCollector errors)
    {
        if (indicators is null || indicators.Count == 0)
        {
            errors.Add(path, "must list at least one indicator");
            return;
        }

        if (indicators.Any(i => i is null))
        {
            errors.Add(path, "must not contain null entries");
            return;
        }

        errors.RequireUniqueNames(path, indicators.Select(i => (string?)i.Name).ToList(), "indicator");
        var sum = 0m;
        var weightsAreValid = true;
        for (var i = 0; i < indicators.Count; i++)
        {
            var indicator = indicators[i];
            var at = $"{path}[{i}]";
            if (indicator.Weight <= 0m || indicator.Weight > 1m)
            {
                errors.Add($"{at}.weight", $"must be between 0 and 1 (greater than 0, at most 1); got {FixedPoint.Format(indicator.Weight)}");
                weightsAreValid = false;
            }
            else if (!FixedPoint.IsRepresentable(indicator.Weight))
            {
                errors.RequireFixedPoint($"{at}.weight", indicator.Weight);
                weightsAreValid = false;
            }
            else
            {
                sum += indicator.Weight;
            }

            if (indicator.Bands is not null && indicator.Categories is not null)
            {
                errors.Add(at, "gives both bands and categories; an indicator is scored one way: give one of them, or neither to take scores directly");
            }

            if (indicator.Bands is not null)
            {
                ValidateBands(indicator.Bands, $"{at}.bands", minimum, maximum, errors);
            }

            if (indicator.Categories is not null)
            {
                ValidateCategories(indicator.Categories, $"{at}.categories", minimum, maximum, errors);
            }
        }

        if (weightsAreValid && sum != 1m)
        {
            errors.Add(path, $"the indicator weights must add up to exactly 1, but they add up to {FixedPoint.Format(sum)}");
        }
    }

    private static void ValidateBands(List<ScoreBandOptions> bands, string path, int minimum, int maximum, ErrorCollector errors)
    {
        if (bands.Count == 0)
        {
            errors.Add(path, "must list at least one band, or be left out to take scores directly");
            return;
        }

        for (var k = 0; k < bands.Count; k++)
        {
            var band = bands[k];
            var at = $"{path}[{k}]";
            if (band is null)
            {
                errors.Add(at, "must not be null");
                continue;
            }

            RequireScore($"{at}.score", band.Score, minimum, maximum, errors);
            if (band.Min is { } min && !FixedPoint.IsRepresentable(min))
            {
                errors.RequireFixedPoint($"{at}.min", min);
            }

            if (band.Max is { } max && !FixedPoint.IsRepresentable(max))
            {
                errors.RequireFixedPoint($"{at}.max", max);
            }

            if (band.Min is { } lo && band.Max is { } hi && lo >= hi)
            {
                errors.Add(at, $"is empty: min ({FixedPoint.Format(lo)}) must be less than max ({FixedPoint.Format(hi)})");
            }

            if (k > 0 && band.Min is null)
            {
                errors.Add($"{at}.min", "only the first band may leave out its lower bound");
            }

            if (k < bands.Count - 1 && band.Max is null)
            {
                errors.Add($"{at}.max", "only the last band may leave out its upper bound");
            }

            if (k > 0 && bands[k - 1] is { Max: { } previousMax } && band.Min is { } currentMin)
            {
                if (currentMin < previousMax)
                {
                    errors.Add(at, $"overlaps {path}[{k - 1}]: it starts at {FixedPoint.Format(currentMin)}, before the previous band ends at {FixedPoint.Format(previousMax)}; list bands in ascending order without overlap");
                }
                else if (currentMin > previousMax)
                {
                    errors.Add(at, $"leaves a gap: values from {FixedPoint.Format(previousMax)} up to {FixedPoint.Format(currentMin)} fall in no band; start this band where {path}[{k - 1}] ends");
                }
            }
        }
    }

    private static void ValidateCategories(Dictionary<string, int> categories, string path, int minimum, int maximum, ErrorCollector errors)
    {
        if (categories.Count == 0)
        {
            errors.Add(path, "must list at least one category, or be left out to take scores directly");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (label, score) in categories)
        {
            var at = JsonShape.PathOf(path, label);
            if (string.IsNullOrWhiteSpace(label))
            {
                errors.Add(at, "a category label must not be empty");
            }
            else if (!seen.Add(label))
            {
                errors.Add(at, $"'{label}' differs from another category only in letter case; labels are matched ignoring case");
            }

            RequireScore(at, score, minimum, maximum, errors);
        }
    }

    private static void ValidateGrades(Dictionary<string, GradeOptions>? grades, string path, int minimum, int maximum, ErrorCollector errors)
    {
        if (grades is null || grades.Count == 0)
        {
            errors.Add(path, "must define at least one grade");
            return;
        }

        if (grades.Count > MaximumGrades)
        {
            errors.Add(path, $"defines {grades.Count} grades; at most {MaximumGrades} are allowed");
        }

        var floors = new List<string>();
        var byThreshold = new Dictionary<decimal, string>();
        foreach (var (name, grade) in grades)
        {
            var at = JsonShape.PathOf(path, name);
            if (string.IsNullOrWhiteSpace(name))
            {
                errors.Add(at, "a grade name must not be empty");
            }

            if (grade is null)
            {
                errors.Add(at, "must not be null");
                continue;
            }

            if (grade.MinimumTotal is not { } threshold)
            {
                floors.Add(name);
            }
            else if (!FixedPoint.IsRepresentable(threshold))
            {
                errors.RequireFixedPoint($"{at}.minimumTotal", threshold);
            }
            else if (threshold <= minimum || threshold > maximum)
            {
                errors.Add($"{at}.minimumTotal", $"must lie above the lowest possible total ({minimum}) and at most the highest ({maximum}); got {FixedPoint.Format(threshold)} (leave it out on the lowest grade)");
            }
            else if (byThreshold.TryGetValue(FixedPoint.Normalize(threshold), out var other))
            {
                errors.Add($"{at}.minimumTotal", $"equals the minimum total of grade '{other}' ({FixedPoint.Format(threshold)}); grade thresholds must be strictly ordered");
            }
            else
            {
                byThreshold.Add(FixedPoint.Normalize(threshold), name);
            }

            ValidateTreatment(grade.Treatment, $"{at}.treatment", errors);
        }

        if (floors.Count == 0)
        {
            errors.Add(path, $"no grade takes the lowest totals: leave out minimumTotal on exactly one grade (totals below {FixedPoint.Format(byThreshold.Keys.DefaultIfEmpty(maximum).Min())} would have no grade)");
        }
        else if (floors.Count > 1)
        {
            errors.Add(path, $"grades {string.Join(", ", floors.Select(f => $"'{f}'"))} all leave out minimumTotal; only the lowest grade may");
        }
    }

    private static void ValidateTreatment(GradeTreatmentOptions? treatment, string path, ErrorCollector errors)
    {
        if (treatment is null)
        {
            errors.Add(path, "is required");
            return;
        }

        if (treatment.ContactInterval is null)
        {
            errors.Add($"{path}.contactInterval", "is required, e.g. \"P1M\"");
        }
        else if (!IsPositive(treatment.ContactInterval))
        {
            errors.Add($"{path}.contactInterval", "must be a positive period such as \"P1M\"");
        }
        else
        {
            // The cadence planner adds the interval to the last contact's date.
            Cadence.CadenceValidation.RequireDateOnly($"{path}.contactInterval", treatment.ContactInterval, errors);
        }

        if (string.IsNullOrWhiteSpace(treatment.OwnerRole))
        {
            errors.Add($"{path}.ownerRole", "must name the role that owns the customer");
        }

        if (treatment.ResponseTime is null)
        {
            errors.Add($"{path}.responseTime", "is required, e.g. \"PT48H\"");
        }
        else if (treatment.ResponseTime <= NodaTime.Duration.Zero)
        {
            errors.Add($"{path}.responseTime", "must be a positive duration such as \"PT48H\"");
        }

        if (string.IsNullOrWhiteSpace(treatment.ResponseCalendar))
        {
            errors.Add($"{path}.responseCalendar", "must name a calendar (\"24x7\" for calendar time)");
        }

        if (treatment.Channels is null || treatment.Channels.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{path}.channels", "must be a list of channel names without empty entries");
        }
    }

    private static bool IsPositive(NodaTime.Period period)
    {
        var parts = new long[] { period.Years, period.Months, period.Weeks, period.Days, period.Hours, period.Minutes, period.Seconds, period.Milliseconds, period.Ticks, period.Nanoseconds };
        return parts.All(p => p >= 0) && parts.Any(p => p > 0);
    }

    internal static void RequireScore(string path, int score, int minimum, int maximum, ErrorCollector errors)
    {
        if (score < minimum || score > maximum)
        {
            errors.Add(path, $"the score must be between {minimum} and {maximum}; got {score}");
        }
    }
}
