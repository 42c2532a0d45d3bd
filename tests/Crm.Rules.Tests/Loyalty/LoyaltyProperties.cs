using Crm.Rules.Loyalty;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace Crm.Rules.Tests.Loyalty;

/// <summary>One draw of a member's activity: a day (from <see cref="LoyaltyCase.Start"/>), a kind, and cents (points for a redemption).</summary>
/// <param name="Day">Days after the start.</param>
/// <param name="Kind">0 purchase, 1 refund, 2 referral, 3 review, 4 adopted suggestion, 5 redemption.</param>
/// <param name="Cents">The amount in cents (a redemption: a 500th of it in points).</param>
public readonly record struct LoyaltyDraw(int Day, int Kind, int Cents)
{
    public LoyaltyActivity Activity(LocalDate start) => Kind switch
    {
        0 => LoyaltyActivity.Purchase("m", start.PlusDays(Day), Cents / 100m),
        1 => LoyaltyActivity.Refund("m", start.PlusDays(Day), Math.Max(1, Cents) / 100m),
        2 => LoyaltyActivity.Referral("m", start.PlusDays(Day)),
        3 => LoyaltyActivity.Review("m", start.PlusDays(Day)),
        4 => LoyaltyActivity.SuggestionAdopted("m", start.PlusDays(Day)),
        _ => LoyaltyActivity.Redemption("m", start.PlusDays(Day), Math.Max(1, Cents / 500)),
    };
}

/// <summary>A member's history over about three years, the statement date, the birthday month (0: unknown), and an extra purchase for the monotonicity properties.</summary>
public sealed record LoyaltyCase(LoyaltyDraw[] Draws, int AsOfDay, int BirthdayMonth, LoyaltyDraw Extra)
{
    public static readonly LocalDate Start = new(2023, 1, 1);

    public LoyaltyActivity[] Activities => Draws.Select(d => d.Activity(Start)).ToArray();

    public LocalDate AsOf => Start.PlusDays(AsOfDay);

    public AnnualDate? Birthday => BirthdayMonth == 0 ? null : new AnnualDate(BirthdayMonth, 1);

    public bool HasRefunds => Draws.Any(d => d.Kind == 1);

    // A failing case prints its activities, not the array's type name.
    public override string ToString() => $"[{string.Join(", ", Activities)}] as of {AsOf:uuuu-MM-dd}, birthday {Birthday}, extra {Extra.Activity(Start)}";
}

public static class LoyaltyArbitraries
{
    // Purchases dominate; refunds, awards and redemptions are rarer. Amounts up to 9,000 reach gold and black within a
    // year often enough; redemptions (up to 1,800 points) fit the balance in most histories (about 85 % of size-50 cases).
    private static readonly Gen<LoyaltyDraw> Draw =
        from day in Gen.Choose(0, 1_100)
        from kind in Gen.Frequency((12, Gen.Constant(0)), (2, Gen.Constant(1)), (1, Gen.Constant(2)), (1, Gen.Constant(3)), (1, Gen.Constant(4)), (2, Gen.Constant(5)))
        from cents in Gen.Choose(0, 900_000)
        select new LoyaltyDraw(day, kind, cents);

    public static Arbitrary<LoyaltyCase> LoyaltyCase() => Arb.From(
        from draws in Draw.ArrayOf()
        from asOf in Gen.Choose(0, 1_200)
        from month in Gen.Choose(0, 12)
        from extraDay in Gen.Choose(0, 1_100)
        from extraCents in Gen.Choose(0, 900_000)
        select new LoyaltyCase(draws, asOf, month, new LoyaltyDraw(extraDay, 0, extraCents)),
        c => Shrink.Array(c.Draws, ShrinkDraw).Select(d => c with { Draws = d })
            .Concat(Shrink.Towards(c.AsOfDay, 0).Select(v => c with { AsOfDay = v }))
            .Concat(Shrink.Towards(c.BirthdayMonth, 0).Select(v => c with { BirthdayMonth = v }))
            .Concat(ShrinkDraw(c.Extra).Where(d => d.Kind == 0).Select(d => c with { Extra = d })));

    private static IEnumerable<LoyaltyDraw> ShrinkDraw(LoyaltyDraw d)
        => Shrink.Towards(d.Day, 0).Select(v => d with { Day = v })
            .Concat(Shrink.Towards(d.Kind, 0).Select(v => d with { Kind = v }))
            .Concat(Shrink.Towards(d.Cents, 0).Select(v => d with { Cents = v }));
}

/// <summary>
/// LOY-1 invariants over random histories, and the replay against a naive reference that walks every day and sums its
/// window from scratch (shrinking: fewer activities, earlier days, smaller amounts).
/// </summary>
[Properties(Arbitrary = [typeof(LoyaltyArbitraries)], MaxTest = PropertyRuns.MaxTest)]
public class LoyaltyProperties
{
    private static readonly LoyaltyRules Seed = CrmRuleSet.SeedStandard.Loyalty;
    private static readonly LoyaltyRules ToQualified = TestRules.FromJson("""{ "loyalty": { "downgrade": "toQualifiedTier" } }""").Loyalty;
    private static readonly LoyaltyRules ByPoints = TestRules.FromJson("""{ "loyalty": { "qualifyBy": "points", "pointsExpireAfter": "P6M", "reviewMonths": [1, 3, 5, 7, 9, 11] } }""").Loyalty;

    // The statement, or the sentence of the CrmInputException (a redemption beyond the balance) it throws instead.
    private static (LoyaltyStatement? Statement, string? Refused) Run(LoyaltyRules rules, IEnumerable<LoyaltyActivity> activities, LoyaltyCase c)
    {
        try
        {
            return (rules.Evaluate(activities, c.AsOf, null, c.Birthday), null);
        }
        catch (CrmInputException e)
        {
            return (null, e.Message);
        }
    }

    [Property]
    public bool Loy1_TheStatementDoesNotDependOnTheOrderOfTheActivities(LoyaltyCase c)
    {
        var forward = c.Activities;
        var backward = forward.Reverse().ToArray();
        var rotated = forward.Skip(forward.Length / 2).Concat(forward.Take(forward.Length / 2)).ToArray();
        foreach (var rules in new[] { Seed, ByPoints })
        {
            var a = Run(rules, forward, c);
            if (a != Run(rules, backward, c) || a != Run(rules, rotated, c))
            {
                return false;
            }

            if (a.Statement is not null && !rules.Explain(forward, c.AsOf, null, c.Birthday).Lines.SequenceEqual(rules.Explain(rotated, c.AsOf, null, c.Birthday).Lines))
            {
                return false;
            }
        }

        return true;
    }

    [Property]
    public bool Loy1_TheReplayAgreesWithANaiveDayByDayReference(LoyaltyCase c)
    {
        foreach (var (rules, options) in new[] { (Seed, Reference.Options.Seed), (ToQualified, Reference.Options.Seed with { ToQualified = true }), (ByPoints, Reference.Options.Points) })
        {
            var (statement, refused) = Run(rules, c.Activities, c);
            var expected = Reference.Run(options, c.Activities, c.AsOf, c.Birthday);
            if (refused is not null || expected is null)
            {
                if ((refused is not null) != (expected is null))
                {
                    return false;
                }

                continue;
            }

            var s = statement!;
            if ((s.Balance, s.Earned, s.TakenBack, s.NotRecovered, s.Redeemed, s.Expired, s.Qualifying, s.Tier.Level)
                != (expected.Balance, expected.Earned, expected.TakenBack, expected.NotRecovered, expected.Redeemed, expected.Expired, expected.Qualifying, expected.Level))
            {
                return false;
            }
        }

        return true;
    }

    [Property]
    public bool Loy1_TheBalanceIsWhatWasEarnedLessWhatWasTakenBackRedeemedAndExpired_NeverBelowZero(LoyaltyCase c)
    {
        var s = Run(Seed, c.Activities, c).Statement;
        return s is null
            || (s.Balance == s.Earned - s.TakenBack - s.Redeemed - s.Expired && s.Balance >= 0 && s.NotRecovered >= 0
                && s.ExpiringPoints <= s.Balance && (s.NextExpiry is null) == (s.ExpiringPoints == 0));
    }

    // Spend can only add to the window, so the tier is never lower at any day, and (the tier's multipliers never
    // falling with it) without refunds neither are the points.
    [Property]
    public bool Loy1_MorePurchasesNeverLowerTheTier_NorWithoutRefundsTheBalance(LoyaltyCase c)
    {
        var before = Run(Seed, c.Activities, c).Statement;
        var after = Run(Seed, [.. c.Activities, c.Extra.Activity(LoyaltyCase.Start)], c).Statement;
        if (before is null)
        {
            return true;
        }

        if (c.HasRefunds)
        {
            return after is null || after.Tier.Level >= before.Tier.Level;
        }

        return after is not null && after.Tier.Level >= before.Tier.Level && after.Balance >= before.Balance && after.Earned >= before.Earned && after.Qualifying >= before.Qualifying;
    }

    [Property]
    public bool Loy1_PointsInTheWindowNeverExceedThePointsEarned(LoyaltyCase c)
    {
        var s = Run(ByPoints, c.Activities, c).Statement;
        return s is null || (s.Qualifying >= 0 && s.Qualifying <= s.Earned && decimal.Truncate(s.Qualifying) == s.Qualifying);
    }

    [Property]
    public bool Loy1_OneTierPerReview_AReviewDropsAtMostOneTier_ToQualifiedTier_ToTheTierReached(LoyaltyCase c)
    {
        bool Drops(LoyaltyRules rules, Func<TierEvent, bool> fits)
        {
            try
            {
                var e = rules.Explain(c.Activities, c.AsOf, null, c.Birthday);
                return e.TierHistory.Where(t => t.Change == TierChange.Downgraded).All(fits)
                    && e.TierHistory.All(t => t.Change != TierChange.Downgraded || t.Date.Day == 1)
                    && e.TierHistory.Zip(e.TierHistory.Skip(1)).All(p => p.First.To == p.Second.From || p.Second.Change == TierChange.Kept && p.First.To == p.Second.To);
            }
            catch (CrmInputException)
            {
                return true;
            }
        }

        return Drops(Seed, t => t.From!.Level - t.To.Level == 1)
            && Drops(ToQualified, t => t.To.Level == ToQualified.Tiers.Last(x => x.MinimumQualifying <= t.Qualifying).Level);
    }

    // Downgrades wait for a review; upgrades do not: the tier held is never below the one the window reaches.
    [Property]
    public bool Loy1_TheTierHeldIsNeverBelowTheTierReached(LoyaltyCase c)
        => new[] { Seed, ToQualified, ByPoints }.All(rules => Run(rules, c.Activities, c).Statement is not { } s
            || (s.Tier.Level >= s.QualifiedTier.Level && s.QualifiedTier == rules.Tiers.Last(t => t.MinimumQualifying <= s.Qualifying)
                && (s.NextTier is null ? s.ToNextTier is null : s.ToNextTier == s.NextTier.MinimumQualifying - s.Qualifying && s.ToNextTier > 0)));

    /// <summary>
    /// The loyalty rules written the slow, obvious way: every day from the first activity to the date, every window
    /// summed from the list of past days, points as exact decimal products floored, lots spent oldest first.
    /// </summary>
    private static class Reference
    {
        public sealed record Options(long[] Thresholds, decimal[] Multipliers, decimal[] Birthday, bool QualifyByPoints, bool ToQualified, int ExpiryMonths, int[] ReviewMonths)
        {
            public static readonly Options Seed = new([0, 5_000, 20_000], [1m, 1.25m, 1.5m], [1m, 2m, 2m], false, false, 24, [1, 4, 7, 10]);

            public static readonly Options Points = Seed with { QualifyByPoints = true, ExpiryMonths = 6, ReviewMonths = [1, 3, 5, 7, 9, 11] };
        }

        public sealed record Result(long Balance, long Earned, long TakenBack, long NotRecovered, long Redeemed, long Expired, decimal Qualifying, int Level);

        public static Result? Run(Options o, LoyaltyActivity[] activities, LocalDate asOf, AnnualDate? birthday)
        {
            var history = activities.Where(a => a.Date <= asOf).ToList();
            var contributions = new List<(LocalDate Day, decimal Amount)>();
            var lots = new List<(LocalDate Earned, long Left)>();
            long earned = 0, takenBack = 0, notRecovered = 0, redeemed = 0, expired = 0;
            var level = 0;
            var first = history.Count == 0 ? asOf : history.Min(a => a.Date);
            var byDay = history.GroupBy(a => a.Date).ToDictionary(g => g.Key, g => g.ToList());

            decimal Window(LocalDate from, LocalDate to) => Math.Max(0m, contributions.Where(x => x.Day >= from && x.Day <= to).Sum(x => x.Amount));
            LocalDate StartOf(LocalDate end) => end.PlusMonths(-12).PlusDays(1);
            int Reached(decimal q) => o.Thresholds.Count(t => t <= q) - 1;
            void Take(long points)
            {
                for (var i = 0; i < lots.Count && points > 0; i++)
                {
                    var take = Math.Min(points, lots[i].Left);
                    lots[i] = (lots[i].Earned, lots[i].Left - take);
                    points -= take;
                }
            }

            for (var day = first; day <= asOf; day = day.PlusDays(1))
            {
                for (var i = 0; i < lots.Count; i++)
                {
                    if (lots[i].Earned.PlusMonths(o.ExpiryMonths) <= day && lots[i].Left > 0)
                    {
                        expired += lots[i].Left;
                        lots[i] = (lots[i].Earned, 0);
                    }
                }

                if (day > first && day.Day == 1 && o.ReviewMonths.Contains(day.Month) && level > 0)
                {
                    var reached = Reached(Window(StartOf(day.PlusDays(-1)), day.PlusDays(-1)));
                    if (reached < level)
                    {
                        level = o.ToQualified ? reached : level - 1;
                    }
                }

                level = Math.Max(level, Reached(Window(StartOf(day), day.PlusDays(-1))));
                var factor = o.Multipliers[level] * (birthday?.Month == day.Month ? o.Birthday[level] : 1m);
                var today = byDay.TryGetValue(day, out var found) ? found : [];
                long credited = 0, refunded = 0;
                foreach (var a in today.Where(a => a.Kind != LoyaltyActivityKind.Redemption && !a.IsRefund))
                {
                    credited += a.Kind switch
                    {
                        LoyaltyActivityKind.Purchase => (long)decimal.Floor(a.Amount * factor),
                        LoyaltyActivityKind.Referral => 500,
                        LoyaltyActivityKind.Review => 50,
                        _ => 200,
                    };
                }

                if (credited > 0)
                {
                    lots.Add((day, credited));
                }

                earned += credited;
                foreach (var a in today.Where(a => a.IsRefund))
                {
                    var points = (long)decimal.Floor(-a.Amount * factor);
                    refunded += points;
                    var back = Math.Min(points, lots.Sum(l => l.Left));
                    Take(back);
                    takenBack += back;
                    notRecovered += points - back;
                }

                foreach (var a in today.Where(a => a.Kind == LoyaltyActivityKind.Redemption))
                {
                    if ((long)a.Amount > lots.Sum(l => l.Left))
                    {
                        return null;
                    }

                    Take((long)a.Amount);
                    redeemed += (long)a.Amount;
                }

                if (today.Count > 0)
                {
                    contributions.Add((day, o.QualifyByPoints ? credited - refunded : today.Where(a => a.Kind == LoyaltyActivityKind.Purchase).Sum(a => a.Amount)));
                }

                level = Math.Max(level, Reached(Window(StartOf(day), day)));
            }

            return new Result(lots.Sum(l => l.Left), earned, takenBack, notRecovered, redeemed, expired, Window(StartOf(asOf), asOf), level);
        }
    }
}
