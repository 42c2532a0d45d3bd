using Crm.Rules.Configuration;

namespace Crm.Rules.Scoring;

/// <summary>The validation rules of <see cref="LeadScoringOptions"/>.</summary>
internal static class LeadScoringValidation
{
    public static void Validate(LeadScoringOptions options, string path, ErrorCollector errors)
    {
        if (options.Criteria is null || options.Criteria.Count == 0)
        {
            errors.Add($"{path}.criteria", "must define at least one criterion");
        }
        else
        {
            foreach (var (name, criterion) in options.Criteria)
            {
                var at = JsonShape.PathOf($"{path}.criteria", name);
                if (string.IsNullOrWhiteSpace(name))
                {
                    errors.Add(at, "a criterion name must not be empty");
                }

                if (criterion is null)
                {
                    errors.Add(at, "must not be null");
                }
                else
                {
                    errors.RequireFixedPoint($"{at}.points", criterion.Points);
                }
            }
        }

        errors.RequireFixedPoint($"{path}.advanceAtPoints", options.AdvanceAtPoints);

        if (options.Labels is null || options.Labels.Count == 0)
        {
            errors.Add($"{path}.labels", "must define at least one label");
            return;
        }

        var floors = new List<string>();
        var byThreshold = new Dictionary<decimal, string>();
        foreach (var (name, label) in options.Labels)
        {
            var at = JsonShape.PathOf($"{path}.labels", name);
            if (string.IsNullOrWhiteSpace(name))
            {
                errors.Add(at, "a label name must not be empty");
            }

            if (label is null)
            {
                errors.Add(at, "must not be null");
            }
            else if (label.MinimumPoints is not { } threshold)
            {
                floors.Add(name);
            }
            else if (!FixedPoint.IsRepresentable(threshold))
            {
                errors.RequireFixedPoint($"{at}.minimumPoints", threshold);
            }
            else if (byThreshold.TryGetValue(FixedPoint.Normalize(threshold), out var other))
            {
                errors.Add($"{at}.minimumPoints", $"equals the minimum points of label '{other}' ({FixedPoint.Format(threshold)}); label thresholds must be strictly ordered");
            }
            else
            {
                byThreshold.Add(FixedPoint.Normalize(threshold), name);
            }
        }

        if (floors.Count != 1)
        {
            errors.Add($"{path}.labels", floors.Count == 0
                ? "no label takes the lowest totals: leave out minimumPoints on exactly one label"
                : $"labels {string.Join(", ", floors.Select(f => $"'{f}'"))} all leave out minimumPoints; only the lowest label may");
        }
    }
}
