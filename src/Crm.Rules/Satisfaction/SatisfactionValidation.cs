using Crm.Rules.Configuration;

namespace Crm.Rules.Satisfaction;

/// <summary>The validation rules of <see cref="SatisfactionOptions"/>.</summary>
internal static class SatisfactionValidation
{
    public static void Validate(SatisfactionOptions options, string path, ErrorCollector errors)
    {
        if (options.Items is null || options.Items.Count == 0)
        {
            errors.Add($"{path}.items", "must name at least one survey item");
        }

        if (options.ScaleMinimum < 0 || options.ScaleMaximum <= options.ScaleMinimum)
        {
            errors.Add($"{path}.scaleMaximum", $"must be greater than scaleMinimum ({options.ScaleMinimum}), which must not be negative");
        }

        // 1 ≤ passive < promoter ≤ 10; promoter ≥ 2 follows from the first two, so it is not tested on its own.
        if (options.PromoterMinimum > 10 || options.PassiveMinimum < 1 || options.PassiveMinimum >= options.PromoterMinimum)
        {
            errors.Add($"{path}.passiveMinimum", $"must satisfy 1 ≤ passiveMinimum < promoterMinimum ≤ 10; got {options.PassiveMinimum} and {options.PromoterMinimum}");
        }

        // A null map (possible only from code) used to pass here and fail the compile with an ArgumentNullException.
        var targets = options.KpiTargets;
        if (targets is null)
        {
            errors.Add($"{path}.kpiTargets", "is required");
            return;
        }

        foreach (var (kpi, target) in targets)
        {
            if (target is < 0m or > 1m)
            {
                errors.Add(JsonShape.PathOf($"{path}.kpiTargets", kpi), $"must be a rate between 0 and 1; got {FixedPoint.Format(target)}");
            }
        }

        foreach (var (kpi, rule) in Kpis.Required)
        {
            if (!targets.ContainsKey(kpi))
            {
                errors.Add(JsonShape.PathOf($"{path}.kpiTargets", kpi), $"is required: {rule} checks it");
            }
        }
    }
}
