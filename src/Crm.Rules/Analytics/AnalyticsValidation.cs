using Crm.Rules.Configuration;

namespace Crm.Rules.Analytics;

/// <summary>The validation rules of <see cref="AnalyticsOptions"/>.</summary>
internal static class AnalyticsValidation
{
    public static void Validate(AnalyticsOptions options, string path, ErrorCollector errors, Scoring.ValueGradingOptions? grading)
    {
        ValidateGradingIndicators(options.GradingIndicators, $"{path}.gradingIndicators", errors, grading);

        if (options.Rfm is { } rfm)
        {
            ValidateRfm(rfm, $"{path}.rfm", errors);
        }
        else
        {
            errors.Add($"{path}.rfm", "is required");
        }

        ValidateVipTiers(options.VipTiers, $"{path}.vipTiers", errors);
        ValidateKeyAccounts(options.KeyAccounts, $"{path}.keyAccounts", errors);

        foreach (var (name, section) in new (string, object?)[] { ("modelFit", options.ModelFit), ("lifetimeValue", options.LifetimeValue), ("churnWarning", options.ChurnWarning) })
        {
            if (section is null)
            {
                errors.Add($"{path}.{name}", "is required");
            }
        }

        if (options.ModelFit is { } fit)
        {
            if (fit.MaximumIterations is < 10 or > 1_000_000)
            {
                errors.Add($"{path}.modelFit.maximumIterations", $"must be between 10 and 1,000,000; got {fit.MaximumIterations}");
            }

            // Beyond 15 digits a double cannot tell the values apart: the fit would never converge.
            if (fit.ToleranceDigits is < 1 or > 15)
            {
                errors.Add($"{path}.modelFit.toleranceDigits", $"must be between 1 and 15 (a double holds about 15 significant digits); got {fit.ToleranceDigits}");
            }
        }

        if (options.LifetimeValue is { } clv)
        {
            if (clv.Steps is < 1 or > 10_000)
            {
                errors.Add($"{path}.lifetimeValue.steps", $"must be between 1 and 10,000; got {clv.Steps}");
            }

            if (clv.StepLength <= 0)
            {
                errors.Add($"{path}.lifetimeValue.stepLength", $"must be above 0; got {clv.StepLength}");
            }
            else if (clv.Steps is >= 1 and <= 10_000 && clv.Steps * clv.StepLength > 36_525m)
            {
                // Past this the series of the expected purchases settles slowly or not at all for a short history.
                errors.Add($"{path}.lifetimeValue", $"the horizon, steps × stepLength = {clv.Steps * clv.StepLength}, must be at most 36,525 periods (100 years of days)");
            }

            if (clv.DiscountRate is < 0 or >= 1)
            {
                errors.Add($"{path}.lifetimeValue.discountRate", $"must be at least 0 and below 1 (a rate per step); got {clv.DiscountRate}");
            }
        }

        if (options.ChurnWarning is { } warning)
        {
            if (warning.DecimalPlaces is < 1 or > 10)
            {
                errors.Add($"{path}.churnWarning.decimalPlaces", $"must be between 1 and 10; got {warning.DecimalPlaces}");
            }
        }
    }

    private static void ValidateRfm(RfmOptions rfm, string path, ErrorCollector errors)
    {
        if (rfm.Bands is null)
        {
            errors.Add($"{path}.bands", "is required");
        }
        else
        {
            var bands = rfm.Bands;
            Increasing($"{path}.bands.recencyDays", bands.RecencyDays?.Select(d => (decimal)d).ToList(), minimum: 0, errors);
            Increasing($"{path}.bands.frequency", bands.Frequency?.Select(d => (decimal)d).ToList(), minimum: 1, errors);
            Increasing($"{path}.bands.monetary", bands.Monetary, minimum: null, errors);
        }

        if (rfm.Segments is not { Count: > 0 } segments)
        {
            errors.Add($"{path}.segments", "must list at least one segment (end with a catch-all row)");
            return;
        }

        var rows = segments.Where(s => s is not null).ToList();
        if (rows.Count < segments.Count)
        {
            errors.Add($"{path}.segments", "must not hold null rows");
            return;
        }

        errors.RequireUniqueNames($"{path}.segments", rows.Select(s => (string?)s.Name).ToList(), "segment");
        if (rows.Any(r => r.Recency is null || r.Frequency is null || r.Monetary is null))
        {
            for (var i = 0; i < rows.Count; i++)
            {
                foreach (var (axis, range) in new[] { ("recency", rows[i].Recency), ("frequency", rows[i].Frequency), ("monetary", rows[i].Monetary) })
                {
                    if (range is null)
                    {
                        errors.Add($"{path}.segments[{i}].{axis}", "must not be null; leave it out for any score 1–5");
                    }
                }
            }

            return;
        }

        foreach (var (at, message) in RfmSegments.Problems(RfmSegments.Compile(rows)))
        {
            errors.Add($"{path}.segments{at}", message);
        }
    }

    // Four strictly increasing thresholds make five bands, one per score.
    private static void Increasing(string path, List<decimal>? thresholds, decimal? minimum, ErrorCollector errors)
    {
        if (thresholds is not { Count: RfmSegments.Bins - 1 })
        {
            errors.Add(path, $"must list {RfmSegments.Bins - 1} thresholds (five bands, one per score); got {thresholds?.Count ?? 0}");
            return;
        }

        if (minimum is { } least && thresholds[0] < least)
        {
            errors.Add($"{path}[0]", $"must be at least {least}; got {thresholds[0]}");
        }

        for (var i = 1; i < thresholds.Count; i++)
        {
            if (thresholds[i] <= thresholds[i - 1])
            {
                errors.Add($"{path}[{i}]", $"must be above the threshold before it ({thresholds[i - 1]}); got {thresholds[i]}");
            }
        }
    }

    // Each mapped indicator must be one the grading model has, able to take what it is given: a 1..5 score needs a
    // scale that holds 1..5; a raw figure needs the indicator's bands (without them it would be taken as a score).
    private static void ValidateGradingIndicators(Dictionary<string, RfmIndicatorSource>? map, string path, ErrorCollector errors, Scoring.ValueGradingOptions? grading)
    {
        if (map is null)
        {
            errors.Add(path, "is required (an empty object for no mapping)");
            return;
        }

        if (grading?.Indicators is not { } indicators || indicators.Any(i => i is null))
        {
            return;
        }

        foreach (var (name, source) in map)
        {
            var at = JsonShape.PathOf(path, name);
            var indicator = indicators.Find(i => string.Equals(i.Name, name, StringComparison.Ordinal));
            if (indicator is null)
            {
                errors.Add(at, $"is not an indicator of valueGrading.indicators (indicators: {string.Join(", ", indicators.Select(i => i.Name))})");
            }
            else if (source is RfmIndicatorSource.RecencyScore or RfmIndicatorSource.FrequencyScore or RfmIndicatorSource.MonetaryScore)
            {
                if (grading.Scale is { } scale && (scale.Minimum > 1 || scale.Maximum < RfmSegments.Bins))
                {
                    errors.Add(at, $"an RFM score runs from 1 to 5, outside the grading scale {scale.Minimum}..{scale.Maximum}; map a raw figure through the indicator's bands instead");
                }
            }
            else if (indicator.Bands is not { Count: > 0 })
            {
                errors.Add(at, $"a raw figure needs the indicator's bands (valueGrading.indicators: '{name}' has none), or it would be taken as a score; map the {Score(source)} score instead");
            }
        }
    }

    private static string Score(RfmIndicatorSource raw) => raw switch
    {
        RfmIndicatorSource.RecencyDays => "recency",
        RfmIndicatorSource.Frequency => "frequency",
        _ => "monetary",
    };

    private static void ValidateKeyAccounts(KeyAccountClassesOptions? options, string path, ErrorCollector errors)
    {
        if (options is null)
        {
            errors.Add(path, "is required");
            return;
        }

        if (options.GrowthWindowDays is < 1 or > 36_500)
        {
            errors.Add($"{path}.growthWindowDays", $"must be between 1 and 36,500 days; got {options.GrowthWindowDays}");
        }

        if (options.Classes is null || options.Classes.Any(c => c is null))
        {
            errors.Add($"{path}.classes", "must be a list of classes (an empty list for none), without null entries");
            return;
        }

        errors.RequireUniqueNames($"{path}.classes", options.Classes.Select(c => (string?)c.Name).ToList(), "key-account class");
        for (var i = 0; i < options.Classes.Count; i++)
        {
            var at = $"{path}.classes[{i}]";
            if (options.Classes[i].Service is null || options.Classes[i].Service.Any(line => line is null))
            {
                errors.Add($"{at}.service", "must be a list of texts (an empty list for none), without null entries");
            }

            var when = options.Classes[i].When;
            if (when is not { Count: > 0 } || when.Any(c => c is null))
            {
                errors.Add($"{at}.when", "must list at least one condition, without null entries (a class with none would take every customer)");
                continue;
            }

            for (var j = 0; j < when.Count; j++)
            {
                var c = when[j];
                var where = $"{at}.when[{j}]";
                if (c.MinScore is null && c.MaxScore is null && c.AtLeast is null && c.AtMost is null)
                {
                    errors.Add(where, "must bound the measure: give minScore, maxScore, atLeast or atMost");
                }

                foreach (var (name, score) in new[] { ("minScore", c.MinScore), ("maxScore", c.MaxScore) })
                {
                    if (score is < 1 or > RfmSegments.Bins)
                    {
                        errors.Add($"{where}.{name}", $"must be a score from 1 to 5; got {score}");
                    }
                }

                if (c.MinScore > c.MaxScore)
                {
                    errors.Add($"{where}.maxScore", $"must not be below minScore ({c.MinScore}); got {c.MaxScore}");
                }

                if (c.AtLeast > c.AtMost)
                {
                    errors.Add($"{where}.atMost", $"must not be below atLeast ({c.AtLeast}); got {c.AtMost}");
                }
            }
        }
    }

    private static void ValidateVipTiers(List<VipTierOptions>? tiers, string path, ErrorCollector errors)
    {
        if (tiers is null)
        {
            errors.Add(path, "is required (an empty list for no tiers)");
            return;
        }

        if (tiers.Any(t => t is null))
        {
            errors.Add(path, "must not hold null tiers");
            return;
        }

        errors.RequireUniqueNames(path, tiers.Select(t => (string?)t.Name).ToList(), "tier");
        var total = 0m;
        for (var i = 0; i < tiers.Count; i++)
        {
            if (tiers[i].Share is <= 0 or > 1)
            {
                errors.Add($"{path}[{i}].share", $"must be above 0 and at most 1 (a share of customers); got {tiers[i].Share}");
            }

            total += tiers[i].Share;
        }

        if (total > 1)
        {
            errors.Add(path, $"the shares add up to {total}; together the tiers can take at most every customer (1)");
        }
    }
}
