using System.Text.Json.Serialization;
using NodaTime;

namespace Crm.Rules.Loyalty;

/// <summary>
/// Settings of the loyalty programme (RULES.md LOY-1, seed 001): points earned by activity and redeemed, points that
/// expire, membership tiers by what a member qualifies with in a rolling window, each tier with its multipliers and
/// privileges, and the reviews at which a member who no longer qualifies moves down.
/// </summary>
/// <remarks>The decisions behind every default are in <c>docs/loyalty.md</c>.</remarks>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class LoyaltyOptions
{
    /// <summary>
    /// The earning rules keyed by activity kind: <c>purchase</c> earns per amount spent; <c>referral</c>, <c>review</c>
    /// and <c>suggestionAdopted</c> earn a fixed award. A kind without an entry earns nothing. Redemptions spend points and
    /// have no earning rule.
    /// </summary>
    /// <value>purchase: 1 point per 1 currency unit; referral 500; review 50; suggestionAdopted 200.</value>
    public Dictionary<string, LoyaltyEarningOptions> Earning { get; set; } = SeedStandardLoyalty.Earning();

    /// <summary>How a purchase's (or a refund's) points are rounded to whole points, each purchase on its own.</summary>
    /// <value><see cref="PointsRounding.Down"/>: 99.99 spent at 1 point per unit earns 99 points.</value>
    public PointsRounding Rounding { get; set; } = PointsRounding.Down;

    /// <summary>What a member qualifies for a tier with: the money spent, or the points earned, in the qualification window.</summary>
    /// <value><see cref="LoyaltyQualification.Spend"/> (seed 001: tiers "by spending capacity").</value>
    public LoyaltyQualification QualifyBy { get; set; } = LoyaltyQualification.Spend;

    /// <summary>The rolling window a member's qualifying spend (or points) is counted over, ending on the day judged.</summary>
    /// <value>P12M: the twelve months up to and including that day.</value>
    public Period QualificationWindow { get; set; } = Period.FromMonths(12);

    /// <summary>
    /// The membership tiers keyed by name, each with the qualifying spend (or points) that reaches it, its earning
    /// multipliers and its privileges. The lowest tier starts at 0: every member holds at least that one.
    /// </summary>
    /// <value>silver from 0; gold from 5,000 (×1.25, double points in the birthday month, exclusive customer service); black from 20,000 (×1.5, the same and priority purchase).</value>
    public Dictionary<string, LoyaltyTierOptions> Tiers { get; set; } = SeedStandardLoyalty.Tiers();

    /// <summary>
    /// The months (1–12) on whose first day tiers are reviewed: a member whose qualifying amount in the window that ended
    /// the day before no longer reaches the tier held moves down, as <see cref="Downgrade"/> says. Empty: no reviews,
    /// tiers are never lowered.
    /// </summary>
    /// <value>1, 4, 7, 10: quarterly, as seed 001 re-evaluates VIP levels (GRADE-8).</value>
    public List<int> ReviewMonths { get; set; } = [1, 4, 7, 10];

    /// <summary>How far a review moves a member down who no longer qualifies for the tier held.</summary>
    /// <value><see cref="TierDowngrade.OneTierPerReview"/>.</value>
    public TierDowngrade Downgrade { get; set; } = TierDowngrade.OneTierPerReview;

    /// <summary>How long earned points stay usable: points earned on a day expire when this period has passed (on that day plus the period); <see langword="null"/> for never.</summary>
    /// <value>P24M.</value>
    public Period? PointsExpireAfter { get; set; } = Period.FromMonths(24);
}

/// <summary>One activity kind's earning rule.</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class LoyaltyEarningOptions
{
    /// <summary>
    /// The points earned: for <c>purchase</c>, per <see cref="PerAmount"/> of the amount spent (a fraction allowed, e.g.
    /// 0.5); for the other kinds, the fixed award (a whole number).
    /// </summary>
    /// <value>0.</value>
    public decimal Points { get; set; }

    /// <summary>For <c>purchase</c> only: the amount that earns <see cref="Points"/>, e.g. 10 for "1 point per 10 spent".</summary>
    /// <value><see langword="null"/> (a fixed award).</value>
    public decimal? PerAmount { get; set; }
}

/// <summary>A membership tier.</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class LoyaltyTierOptions
{
    /// <summary>The qualifying spend (or points) in the window that reaches the tier, inclusive; 0 for the lowest tier.</summary>
    /// <value>0.</value>
    public long MinimumQualifying { get; set; }

    /// <summary>What a purchase's points are multiplied by while the tier is held (at least 1; a higher tier never less than a lower one).</summary>
    /// <value>1.</value>
    public decimal EarningMultiplier { get; set; } = 1m;

    /// <summary>What a purchase's points are multiplied by, on top of <see cref="EarningMultiplier"/>, in the member's birthday month while the tier is held (1 for none).</summary>
    /// <value>1.</value>
    public decimal BirthdayMonthMultiplier { get; set; } = 1m;

    /// <summary>The tier's privileges, as words the host acts on, e.g. <c>exclusiveCustomerService</c>, <c>priorityPurchase</c>.</summary>
    /// <value>None.</value>
    public List<string> Privileges { get; set; } = [];
}

/// <summary>How a purchase's points are rounded to whole points.</summary>
/// <threadsafety>An enumeration; safe to share.</threadsafety>
public enum PointsRounding
{
    /// <summary>Down to the whole point below (a refund: the whole point nearer zero), so a full refund takes back what its purchase earned.</summary>
    [JsonStringEnumMemberName("down")]
    Down,

    /// <summary>To the nearest whole point, a half up (away from zero).</summary>
    [JsonStringEnumMemberName("halfUp")]
    HalfUp,

    /// <summary>Up to the whole point above (a refund: the whole point further from zero).</summary>
    [JsonStringEnumMemberName("up")]
    Up,
}

/// <summary>What a member qualifies for a tier with.</summary>
/// <threadsafety>An enumeration; safe to share.</threadsafety>
public enum LoyaltyQualification
{
    /// <summary>The money spent in the window: purchase amounts, refunds subtracted (never below 0).</summary>
    [JsonStringEnumMemberName("spend")]
    Spend,

    /// <summary>The points earned in the window (with multipliers and fixed awards), refunds taken back (never below 0); redemptions and expiry do not lower it.</summary>
    [JsonStringEnumMemberName("points")]
    Points,
}

/// <summary>How far a review moves a member down who no longer qualifies for the tier held.</summary>
/// <threadsafety>An enumeration; safe to share.</threadsafety>
public enum TierDowngrade
{
    /// <summary>One tier down per review at most, however far the qualifying amount fell.</summary>
    [JsonStringEnumMemberName("oneTierPerReview")]
    OneTierPerReview,

    /// <summary>Straight to the tier the qualifying amount reaches.</summary>
    [JsonStringEnumMemberName("toQualifiedTier")]
    ToQualifiedTier,
}

/// <summary>The loyalty defaults in one place (decisions documented in <c>docs/loyalty.md</c>).</summary>
internal static class SeedStandardLoyalty
{
    // Seed 001: points from the amount spent, and adopted suggestions rewarded with points. The seed gives no numbers:
    // 1 point per currency unit is the common retail rate; the fixed awards are in proportion to it (a referral is worth a
    // 500 purchase, an adopted suggestion 200, a review 50).
    public static Dictionary<string, LoyaltyEarningOptions> Earning() => new(StringComparer.Ordinal)
    {
        ["purchase"] = new() { Points = 1m, PerAmount = 1m },
        ["referral"] = new() { Points = 500m },
        ["review"] = new() { Points = 50m },
        ["suggestionAdopted"] = new() { Points = 200m },
    };

    // Seed 001: silver / gold / black by spending capacity, with exclusive customer service and priority purchase, and
    // double points in the birthday month for VIPs: gold and black (silver is every member's tier).
    public static Dictionary<string, LoyaltyTierOptions> Tiers() => new(StringComparer.Ordinal)
    {
        ["silver"] = new() { MinimumQualifying = 0 },
        ["gold"] = new()
        {
            MinimumQualifying = 5_000,
            EarningMultiplier = 1.25m,
            BirthdayMonthMultiplier = 2m,
            Privileges = ["exclusiveCustomerService", "birthdayDoublePoints"],
        },
        ["black"] = new()
        {
            MinimumQualifying = 20_000,
            EarningMultiplier = 1.5m,
            BirthdayMonthMultiplier = 2m,
            Privileges = ["exclusiveCustomerService", "priorityPurchase", "birthdayDoublePoints"],
        },
    };
}
