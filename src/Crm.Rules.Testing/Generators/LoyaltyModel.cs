using System.Globalization;
using Crm.Rules.Loyalty;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Crm.Rules.Testing;

/// <summary>
/// The draws behind a random valid loyalty configuration (LOY-1): earning rules, rounding, qualification, tiers (thresholds
/// rising from 0, multipliers never falling), review months, downgrade and expiry.
/// </summary>
/// <param name="PurchasePoints">Points (1 to 5) per <paramref name="PerAmount"/> spent.</param>
/// <param name="PerAmount">The amount that earns them: 0 for 1, 1 for 10, 2 for 100.</param>
/// <param name="Awards">The fixed awards of referral, review and suggestionAdopted (0 to 1,000), or -1 for no rule.</param>
/// <param name="Rounding">0 down, 1 half up, 2 up.</param>
/// <param name="QualifyByPoints">Whether tiers are qualified for by points rather than spend.</param>
/// <param name="WindowMonths">The qualification window in months (1 to 24).</param>
/// <param name="TierSteps">Per tier above the lowest (zero to three): how far (1 to 20,000) its threshold lies above the tier below.</param>
/// <param name="MultiplierSteps">Per tier (the lowest first): how far in hundredths (0 to 50) its earning multiplier lies above the tier below's (the lowest's above 1).</param>
/// <param name="BirthdaySteps">As <paramref name="MultiplierSteps"/>, for the birthday-month multiplier (0 to 100).</param>
/// <param name="ReviewMonths">The review months as bits (bit 0 January).</param>
/// <param name="ToQualifiedTier">Whether a review moves straight to the qualified tier rather than one tier down.</param>
/// <param name="ExpireMonths">Months (1 to 36) after which points expire, or 0 and below for never.</param>
/// <threadsafety>This type is immutable and thread-safe as long as nobody changes its arrays; <see cref="Options"/> builds new options every call.</threadsafety>
public sealed record LoyaltyModel(
    int PurchasePoints, int PerAmount, int[] Awards, int Rounding, bool QualifyByPoints, int WindowMonths,
    int[] TierSteps, int[] MultiplierSteps, int[] BirthdaySteps, int ReviewMonths, bool ToQualifiedTier, int ExpireMonths)
{
    private static readonly string[] TierNames = ["silver", "gold", "black", "diamond"];
    private static readonly string[] AwardKinds = ["referral", "review", "suggestionAdopted"];

    /// <summary>Random models.</summary>
    /// <value>A generator without shrinking; <see cref="CrmGen.LoyaltyModels"/> adds <see cref="Smaller"/>.</value>
    public static Gen<LoyaltyModel> Generator =>
        from points in Gen.Choose(1, 5)
        from per in Gen.Choose(0, 2)
        from awards in Gen.Choose(-1, 1000).ArrayOf(3)
        from rounding in Gen.Choose(0, 2)
        from byPoints in Gen.Elements(false, true)
        from window in Gen.Choose(1, 24)
        from tiers in Gen.Choose(0, 3)
        from steps in Gen.Choose(1, 20_000).ArrayOf(tiers)
        from multipliers in Gen.Choose(0, 50).ArrayOf(4)
        from birthdays in Gen.Choose(0, 100).ArrayOf(4)
        from reviews in Gen.Choose(0, (1 << 12) - 1)
        from qualified in Gen.Elements(false, true)
        from expire in Gen.Choose(-1, 36)
        select new LoyaltyModel(points, per, awards, rounding, byPoints, window, steps, multipliers, birthdays, reviews, qualified, expire);

    /// <summary>Fewer tiers, no awards, multipliers of 1, no reviews, no expiry.</summary>
    /// <returns>Valid models, simplest first.</returns>
    public IEnumerable<LoyaltyModel> Smaller() =>
        Shrink.Array(TierSteps, s => Shrink.Towards(s, 1)).Select(s => this with { TierSteps = s })
            .Concat(Shrink.Each(Awards, a => Shrink.Towards(a, -1)).Select(a => this with { Awards = a }))
            .Concat(Shrink.Each(MultiplierSteps, m => Shrink.Towards(m, 0)).Select(m => this with { MultiplierSteps = m }))
            .Concat(Shrink.Each(BirthdaySteps, b => Shrink.Towards(b, 0)).Select(b => this with { BirthdaySteps = b }))
            .Concat(Enumerable.Range(0, 12).Select(b => 1 << b).Where(b => (ReviewMonths & b) != 0).Select(b => this with { ReviewMonths = ReviewMonths & ~b }))
            .Concat(Shrink.Towards(ExpireMonths, -1).Select(e => this with { ExpireMonths = e }))
            .Concat(Shrink.Towards(PurchasePoints, 1).Select(p => this with { PurchasePoints = p }))
            .Concat(Shrink.Towards(PerAmount, 0).Select(p => this with { PerAmount = p }))
            .Concat(Shrink.Towards(Rounding, 0).Select(r => this with { Rounding = r }))
            .Concat(Shrink.Bool(QualifyByPoints).Select(q => this with { QualifyByPoints = q }))
            .Concat(Shrink.Towards(WindowMonths, 12).Select(w => this with { WindowMonths = w }))
            .Concat(Shrink.Bool(ToQualifiedTier).Select(q => this with { ToQualifiedTier = q }));

    /// <summary>Builds fresh options: the seed standard with this loyalty programme.</summary>
    /// <returns>New options that <see cref="CrmRuleSet.Compile"/> accepts.</returns>
    public CrmRulesOptions Options()
    {
        var options = new CrmRulesOptions();
        var loyalty = options.Loyalty;
        loyalty.Earning = new Dictionary<string, LoyaltyEarningOptions>(StringComparer.Ordinal)
        {
            ["purchase"] = new() { Points = PurchasePoints, PerAmount = PerAmount switch { 0 => 1m, 1 => 10m, _ => 100m } },
        };
        for (var k = 0; k < AwardKinds.Length; k++)
        {
            if (Awards[k] >= 0)
            {
                loyalty.Earning[AwardKinds[k]] = new() { Points = Awards[k] };
            }
        }

        loyalty.Rounding = (PointsRounding)Rounding;
        loyalty.QualifyBy = QualifyByPoints ? LoyaltyQualification.Points : LoyaltyQualification.Spend;
        loyalty.QualificationWindow = Period.FromMonths(WindowMonths);
        var tiers = new Dictionary<string, LoyaltyTierOptions>(StringComparer.Ordinal);
        long threshold = 0;
        decimal multiplier = 1m, birthday = 1m;
        for (var t = 0; t <= TierSteps.Length; t++)
        {
            threshold += t == 0 ? 0 : TierSteps[t - 1];
            multiplier += MultiplierSteps[t] / 100m;
            birthday += BirthdaySteps[t] / 100m;
            tiers[TierNames[t]] = new LoyaltyTierOptions
            {
                MinimumQualifying = threshold,
                EarningMultiplier = multiplier,
                BirthdayMonthMultiplier = birthday,
                Privileges = t == 0 ? [] : [$"privilege{t}"],
            };
        }

        loyalty.Tiers = tiers;
        loyalty.ReviewMonths = Enumerable.Range(1, 12).Where(m => (ReviewMonths & (1 << (m - 1))) != 0).ToList();
        loyalty.Downgrade = ToQualifiedTier ? TierDowngrade.ToQualifiedTier : TierDowngrade.OneTierPerReview;
        loyalty.PointsExpireAfter = ExpireMonths <= 0 ? null : Period.FromMonths(ExpireMonths);
        return options;
    }

    /// <summary>What a failure report needs to rebuild the configuration by hand.</summary>
    /// <returns>One line.</returns>
    public override string ToString()
    {
        var loyalty = Options().Loyalty;
        return string.Create(CultureInfo.InvariantCulture,
            $"loyalty(earning [{string.Join(", ", loyalty.Earning.Select(e => $"{e.Key} {e.Value.Points}{(e.Value.PerAmount is { } per ? $" per {per}" : "")}"))}], {loyalty.Rounding}, by {loyalty.QualifyBy} over {WindowMonths} months, " +
            $"tiers [{string.Join(", ", loyalty.Tiers.Select(t => $"{t.Key} from {t.Value.MinimumQualifying} ×{t.Value.EarningMultiplier} (birthday ×{t.Value.BirthdayMonthMultiplier})"))}], " +
            $"reviews [{string.Join(",", loyalty.ReviewMonths)}], {loyalty.Downgrade}, expiry {(ExpireMonths <= 0 ? "never" : $"{ExpireMonths} months")})");
    }
}

/// <summary>
/// A member's activity history, one activity a day: per step the days since the previous one, the kind, and an amount
/// (cents for a purchase or refund, a percentage of the balance that day for a redemption). <see cref="Activities"/> makes
/// the history valid for a rule set: a redemption spends that share of the balance it would have (and is left out when the
/// balance is 0), so no redemption ever exceeds the balance.
/// </summary>
/// <param name="Steps">Per activity: days (1 to 60) after the previous, kind (0 purchase, 1 refund, 2 referral, 3 review, 4 suggestion adopted, 5 redemption), amount.</param>
/// <param name="BirthdayMonth">The member's birthday month (1 to 12), or 0 for none.</param>
/// <param name="CurrentTier">The tier on record: an index modulo the rule set's tiers (lowest first), or -1 for none.</param>
/// <param name="AsOfAfter">Days (0 to 1,000) after the last activity the statement is made, so that points often expire.</param>
/// <threadsafety>This type is immutable and thread-safe as long as nobody changes <see cref="Steps"/>.</threadsafety>
public sealed record LoyaltyHistory((int Gap, int Kind, int Amount)[] Steps, int BirthdayMonth, int CurrentTier, int AsOfAfter)
{
    /// <summary>The day before the first activity: 2024-01-01.</summary>
    public static readonly LocalDate Start = new(2024, 1, 1);

    /// <summary>The member's id: <c>m-1</c>.</summary>
    public const string MemberId = "m-1";

    /// <summary>Random histories of up to 15 activities.</summary>
    /// <value>A generator without shrinking; <see cref="CrmGen.LoyaltyHistories"/> adds <see cref="Smaller"/>.</value>
    public static Gen<LoyaltyHistory> Generator =>
        from count in Gen.Choose(0, 15)
        from steps in (
            from gap in Gen.Choose(1, 60)
            from kind in Gen.Frequency((5, Gen.Constant(0)), (1, Gen.Constant(1)), (1, Gen.Choose(2, 4)), (3, Gen.Constant(5)))
            from amount in kind == 5 ? Gen.Choose(1, 100) : Gen.Choose(1, 2_000_000)
            select (gap, kind, amount)).ArrayOf(count)
        from birthday in Gen.Choose(0, 12)
        from tier in Gen.Choose(-1, 3)
        from asOf in Gen.Choose(0, 1000)
        select new LoyaltyHistory(steps, birthday, tier, asOf);

    /// <summary>Fewer, smaller activities closer together, no birthday, no tier on record.</summary>
    /// <returns>Simpler histories, simplest first.</returns>
    public IEnumerable<LoyaltyHistory> Smaller() =>
        Shrink.Array(Steps, s => Shrink.Towards(s.Amount, 1).Select(a => s with { Amount = a })
                .Concat(Shrink.Towards(s.Gap, 1).Select(g => s with { Gap = g })))
            .Select(s => this with { Steps = s })
            .Concat(Shrink.Towards(BirthdayMonth, 0).Select(b => this with { BirthdayMonth = b }))
            .Concat(Shrink.Towards(CurrentTier, -1).Select(t => this with { CurrentTier = t }))
            .Concat(Shrink.Towards(AsOfAfter, 0).Select(a => this with { AsOfAfter = a }));

    /// <summary>The birthday.</summary>
    /// <value>The first of the birthday month, or <see langword="null"/>.</value>
    public AnnualDate? Birthday => BirthdayMonth == 0 ? null : new AnnualDate(BirthdayMonth, 1);

    /// <summary>The day the statement is made.</summary>
    /// <value>The last activity's day plus <see cref="AsOfAfter"/> days.</value>
    public LocalDate AsOf => Start.PlusDays(Steps.Sum(s => s.Gap) + AsOfAfter);

    /// <summary>The tier on record, among the tiers of <paramref name="rules"/>.</summary>
    /// <param name="rules">The loyalty rules.</param>
    /// <returns>The tier's name, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    public string? TierOf(LoyaltyRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return CurrentTier < 0 ? null : rules.Tiers[CurrentTier % rules.Tiers.Count].Name;
    }

    /// <summary>The activities, valid for <paramref name="rules"/>: every redemption within the balance of its day.</summary>
    /// <param name="rules">The loyalty rules.</param>
    /// <returns>New activities, in date order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<LoyaltyActivity> Activities(LoyaltyRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var tier = TierOf(rules);
        var activities = new List<LoyaltyActivity>();
        var day = Start;
        foreach (var (gap, kind, amount) in Steps)
        {
            day = day.PlusDays(gap);
            switch (kind)
            {
                case 0:
                    activities.Add(LoyaltyActivity.Purchase(MemberId, day, amount / 100m));
                    break;
                case 1:
                    activities.Add(LoyaltyActivity.Refund(MemberId, day, amount / 100m));
                    break;
                case 2:
                    activities.Add(LoyaltyActivity.Referral(MemberId, day));
                    break;
                case 3:
                    activities.Add(LoyaltyActivity.Review(MemberId, day));
                    break;
                case 4:
                    activities.Add(LoyaltyActivity.SuggestionAdopted(MemberId, day));
                    break;
                default:
                    // Every earlier activity is on an earlier day, so this is the balance the redemption's day starts with.
                    var balance = rules.Evaluate(activities, day, tier, Birthday).Balance;
                    var points = balance * Math.Clamp(amount, 1, 100) / 100;
                    if (points > 0)
                    {
                        activities.Add(LoyaltyActivity.Redemption(MemberId, day, points));
                    }

                    break;
            }
        }

        return activities;
    }

    /// <summary>The history's draws, readably.</summary>
    /// <returns>One line.</returns>
    public override string ToString()
    {
        string[] kinds = ["purchase", "refund", "referral", "review", "suggestionAdopted", "redemption"];
        var day = 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"history [{string.Join("; ", Steps.Select(s => $"+{day += s.Gap}d {kinds[Math.Clamp(s.Kind, 0, 5)]}{(s.Kind is 0 or 1 ? $" {s.Amount / 100m}" : s.Kind == 5 ? $" {s.Amount}% of the balance" : "")}"))}], " +
            $"birthday month {(BirthdayMonth == 0 ? "none" : $"{BirthdayMonth}")}, tier on record #{CurrentTier}, as of +{AsOfAfter}d");
    }
}
