using Crm.Rules.Configuration;

namespace Crm.Rules.Churn;

/// <summary>The validation rules of <see cref="ChurnOptions"/>.</summary>
internal static class ChurnValidation
{
    public static void Validate(ChurnOptions options, string path, ErrorCollector errors)
    {
        foreach (var (name, signal) in options.Signals ?? [])
        {
            var at = JsonShape.PathOf($"{path}.signals", name);
            if (!ChurnRules.Detectors.Contains(name))
            {
                errors.Add(at, $"is not a signal detector (known: {string.Join(", ", ChurnRules.Detectors)})");
                continue;
            }

            if (signal is null)
            {
                errors.Add(at, "must not be null");
                continue;
            }

            if (signal.Dimension is not (SeedStandardChurn.Behaviour or SeedStandardChurn.Attitude))
            {
                errors.Add($"{at}.dimension", $"must be \"behaviour\" or \"attitude\"; got \"{signal.Dimension}\"");
            }

            if (signal.Points is < 0 or > 4)
            {
                errors.Add($"{at}.points", $"must be between 0 and 4 (a dimension runs from 1 to 5); got {signal.Points}");
            }

            if (signal.Threshold is < 0m || signal.LoginThreshold is < 0m)
            {
                errors.Add($"{at}.threshold", "must not be negative");
            }
            else if (name == "lowProbabilityAlive" && signal.Threshold is not (> 0m and <= 1m))
            {
                errors.Add($"{at}.threshold", $"must be a probability above 0 and at most 1; got {(signal.Threshold is { } t ? FixedPoint.Format(t) : "none")}");
            }
        }

        foreach (var (grade, score) in options.ValueScores ?? [])
        {
            if (score is < 1 or > 5)
            {
                errors.Add(JsonShape.PathOf($"{path}.valueScores", grade), $"must be a score from 1 to 5; got {score}");
            }
        }

        if (options.UngradedValueScore is < 1 or > 5)
        {
            errors.Add($"{path}.ungradedValueScore", $"must be a score from 1 to 5; got {options.UngradedValueScore}");
        }

        if (options.RiskTagAfterDays < 1)
        {
            errors.Add($"{path}.riskTagAfterDays", "must be at least 1");
        }

        if (options.Bands is null || options.Bands.Count == 0)
        {
            errors.Add($"{path}.bands", "must define at least one band");
            return;
        }

        var floors = options.Bands.Where(b => b.Value?.MinimumTotal is null).Select(b => b.Key).ToList();
        if (floors.Count != 1)
        {
            errors.Add($"{path}.bands", "exactly one band (the lowest) must leave out minimumTotal");
        }

        var seen = new Dictionary<int, string>();
        foreach (var (name, band) in options.Bands)
        {
            var at = JsonShape.PathOf($"{path}.bands", name);
            if (band is null)
            {
                continue;
            }

            if (band.MinimumTotal is { } min)
            {
                if (min is < 4 or > 15)
                {
                    errors.Add($"{at}.minimumTotal", $"must lie between 4 and 15 (totals run from 3 to 15); got {min}");
                }
                else if (!seen.TryAdd(min, name))
                {
                    errors.Add($"{at}.minimumTotal", $"equals the minimum total of band '{seen[min]}' ({min}); band thresholds must be strictly ordered");
                }
            }

            if (string.IsNullOrWhiteSpace(band.OwnerRole))
            {
                errors.Add($"{at}.ownerRole", "must name the role that leads the response");
            }
        }
    }
}
