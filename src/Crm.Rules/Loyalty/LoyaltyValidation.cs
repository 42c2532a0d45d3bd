using NodaTime;
using NodaTime.Text;
using Crm.Rules.Configuration;

namespace Crm.Rules.Loyalty;

/// <summary>The validation rules of <see cref="LoyaltyOptions"/>.</summary>
internal static class LoyaltyValidation
{
    /// <summary>The largest multiplier: ×100 keeps every purchase's points an exact Int128 product (<see cref="LoyaltyRules"/>).</summary>
    public const decimal MaximumMultiplier = 100m;

    public static void Validate(LoyaltyOptions options, string path, ErrorCollector errors)
    {
        ValidateEarning(options.Earning, $"{path}.earning", errors);
        RequirePositiveDatePeriod($"{path}.qualificationWindow", options.QualificationWindow, "the window", required: true, errors);
        RequirePositiveDatePeriod($"{path}.pointsExpireAfter", options.PointsExpireAfter, "points to expire after", required: false, errors);
        ValidateTiers(options.Tiers, $"{path}.tiers", errors);
        ValidateReviewMonths(options.ReviewMonths, $"{path}.reviewMonths", errors);
    }

    private static void ValidateEarning(Dictionary<string, LoyaltyEarningOptions>? earning, string path, ErrorCollector errors)
    {
        if (earning is null)
        {
            errors.Add(path, "is required (an empty object for no earning rules)");
            return;
        }

        var known = LoyaltyWords.EarningKinds.ToArray();
        foreach (var (kind, rule) in earning)
        {
            var at = JsonShape.PathOf(path, kind);
            if (!known.Contains(kind, StringComparer.Ordinal))
            {
                errors.Add(at, $"is not an activity kind that earns points (known: {string.Join(", ", known)})");
                continue;
            }

            if (rule is null)
            {
                errors.Add(at, "must not be null");
                continue;
            }

            if (rule.Points < 0)
            {
                errors.Add($"{at}.points", $"must not be negative; got {FixedPoint.Format(rule.Points)}");
            }

            if (kind == "purchase")
            {
                if (rule.PerAmount is not > 0m)
                {
                    errors.Add($"{at}.perAmount", $"must be above 0 (the amount that earns the points, e.g. 1 or 10); got {(rule.PerAmount is { } per ? FixedPoint.Format(per) : "none")}");
                }
            }
            else
            {
                if (rule.PerAmount is not null)
                {
                    errors.Add($"{at}.perAmount", $"applies only to purchase: a {kind} earns a fixed award, with no amount");
                }

                if (decimal.Truncate(rule.Points) != rule.Points)
                {
                    errors.Add($"{at}.points", $"must be a whole number of points (a fixed award); got {FixedPoint.Format(rule.Points)}");
                }
            }
        }
    }

    private static void ValidateTiers(Dictionary<string, LoyaltyTierOptions>? tiers, string path, ErrorCollector errors)
    {
        if (tiers is null || tiers.Count == 0)
        {
            errors.Add(path, "must define at least one tier (the lowest from 0)");
            return;
        }

        var seen = new Dictionary<long, string>();
        foreach (var (name, tier) in tiers)
        {
            var at = JsonShape.PathOf(path, name);
            if (string.IsNullOrWhiteSpace(name) || name.Trim() != name)
            {
                errors.Add(at, "a tier needs a name without spaces around it");
            }

            if (tier is null)
            {
                errors.Add(at, "must not be null");
                continue;
            }

            if (tier.MinimumQualifying < 0)
            {
                errors.Add($"{at}.minimumQualifying", $"must not be negative; got {tier.MinimumQualifying}");
            }
            else if (!seen.TryAdd(tier.MinimumQualifying, name))
            {
                errors.Add($"{at}.minimumQualifying", $"equals the minimum of tier '{seen[tier.MinimumQualifying]}' ({tier.MinimumQualifying}); tier thresholds must be strictly ordered");
            }

            foreach (var (key, value) in new[] { ("earningMultiplier", tier.EarningMultiplier), ("birthdayMonthMultiplier", tier.BirthdayMonthMultiplier) })
            {
                if (!InRange(value))
                {
                    errors.Add($"{at}.{key}", $"must be between 1 and {FixedPoint.Format(MaximumMultiplier)}; got {FixedPoint.Format(value)}");
                }
            }

            if (tier.Privileges is null)
            {
                errors.Add($"{at}.privileges", "is required (an empty list for none)");
            }
            else
            {
                var words = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < tier.Privileges.Count; i++)
                {
                    var privilege = tier.Privileges[i];
                    if (string.IsNullOrWhiteSpace(privilege) || privilege.Trim() != privilege)
                    {
                        errors.Add($"{at}.privileges[{i}]", "must name a privilege, without spaces around it");
                    }
                    else if (!words.Add(privilege))
                    {
                        errors.Add($"{at}.privileges[{i}]", $"'{privilege}' is listed twice");
                    }
                }
            }
        }

        if (!seen.ContainsKey(0))
        {
            var lowest = tiers.Where(t => t.Value is not null).MinBy(t => t.Value.MinimumQualifying);
            errors.Add(path, $"the lowest tier must start at 0, so that every member holds a tier{(lowest.Value is null ? "" : $"; '{lowest.Key}' starts at {lowest.Value.MinimumQualifying}")}");
        }

        // A higher tier that earned less would make buying more earn fewer points: each multiplier rises (or stays) with the tier.
        var ordered = tiers.Where(t => t.Value is not null).OrderBy(t => t.Value.MinimumQualifying).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            var (lower, higher) = (ordered[i - 1], ordered[i]);
            if (InRange(higher.Value.EarningMultiplier) && InRange(lower.Value.EarningMultiplier) && higher.Value.EarningMultiplier < lower.Value.EarningMultiplier)
            {
                errors.Add($"{JsonShape.PathOf(path, higher.Key)}.earningMultiplier", $"must be at least that of the tier below, '{lower.Key}' ({FixedPoint.Format(lower.Value.EarningMultiplier)}): a higher tier never earns less");
            }

            if (InRange(higher.Value.BirthdayMonthMultiplier) && InRange(lower.Value.BirthdayMonthMultiplier) && higher.Value.BirthdayMonthMultiplier < lower.Value.BirthdayMonthMultiplier)
            {
                errors.Add($"{JsonShape.PathOf(path, higher.Key)}.birthdayMonthMultiplier", $"must be at least that of the tier below, '{lower.Key}' ({FixedPoint.Format(lower.Value.BirthdayMonthMultiplier)}): a higher tier never earns less");
            }
        }
    }

    private static bool InRange(decimal multiplier) => multiplier is >= 1m and <= MaximumMultiplier;

    private static void ValidateReviewMonths(List<int>? months, string path, ErrorCollector errors)
    {
        if (months is null)
        {
            errors.Add(path, "is required (an empty list for no reviews)");
            return;
        }

        var seen = new HashSet<int>();
        for (var i = 0; i < months.Count; i++)
        {
            if (months[i] is < 1 or > 12)
            {
                errors.Add($"{path}[{i}]", $"must be a month from 1 to 12; got {months[i]}");
            }
            else if (!seen.Add(months[i]))
            {
                errors.Add($"{path}[{i}]", $"{months[i]} is listed twice");
            }
        }
    }

    // A window or an expiry is counted in days on the calendar: a period with hours would cut a day in two; one with a
    // negative part moves some dates back (P1M-29D from 1 February); a zero one would leave nothing in the window, or
    // expire points the day they are earned.
    private static void RequirePositiveDatePeriod(string path, Period? period, string what, bool required, ErrorCollector errors)
    {
        if (period is null)
        {
            if (required)
            {
                errors.Add(path, "is required");
            }

            return;
        }

        if (period.HasTimeComponent)
        {
            errors.Add(path, $"must be whole days, weeks, months or years (e.g. P12M); got {PeriodPattern.Roundtrip.Format(period)}");
        }
        else if (period.Years < 0 || period.Months < 0 || period.Weeks < 0 || period.Days < 0 || period.Normalize() == Period.Zero)
        {
            errors.Add(path, $"must be a positive period for {what} (e.g. P12M); got {PeriodPattern.Roundtrip.Format(period)}");
        }
    }
}
