using Crm.Rules.Loyalty;
using NodaTime;

namespace Crm.Rules.Tests.Loyalty;

/// <summary>LOY-1 (seed 001) rule by rule on the seed standard: earning, multipliers, refunds, redemptions, expiry, tiers, reviews.</summary>
public class LoyaltyTests
{
    private static readonly LoyaltyRules Seed = CrmRuleSet.SeedStandard.Loyalty;
    private static readonly LocalDate Day = new(2026, 3, 10);

    private static LoyaltyActivity Buy(LocalDate date, decimal amount) => LoyaltyActivity.Purchase("m", date, amount);

    private static LoyaltyActivity Refund(LocalDate date, decimal amount) => LoyaltyActivity.Refund("m", date, amount);

    private static LoyaltyActivity Redeem(LocalDate date, long points) => LoyaltyActivity.Redemption("m", date, points);

    private static LoyaltyRules Rules(string json) => TestRules.FromJson(json).Loyalty;

    private static string[] Tiers(LoyaltyExplanation e) => e.TierHistory.Select(t => $"{t.Date:uuuu-MM-dd} {LoyaltyWords.Of(t.Change)} {t.From?.Name ?? "-"} {t.To.Name}").ToArray();

    [Fact]
    public void Loy1_APurchaseEarnsOnePointPerCurrencyUnit_RoundedDownPurchaseByPurchase()
    {
        Assert.Equal(99, Seed.Evaluate([Buy(Day, 99.99m)], Day).Earned);

        // Two purchases of 0.6 earn nothing each: rounding is per purchase, not per day. Their spend still counts.
        var small = Seed.Evaluate([Buy(Day, 0.6m), Buy(Day, 0.6m)], Day);
        Assert.Equal((0L, 1.2m), (small.Earned, small.Qualifying));
    }

    [Theory]
    [InlineData("down", 95, 9L)]
    [InlineData("down", 99.99, 9L)]
    [InlineData("halfUp", 95, 10L)]
    [InlineData("halfUp", 94.99, 9L)]
    [InlineData("up", 90.01, 10L)]
    [InlineData("up", 90, 9L)]
    public void Loy1_PointsPerAmountAndRoundingAreConfigurable(string rounding, double amount, long points)
    {
        var rules = Rules($$"""{ "loyalty": { "rounding": "{{rounding}}", "earning": { "purchase": { "points": 1, "perAmount": 10 } } } }""");
        Assert.Equal(points, rules.Evaluate([Buy(Day, (decimal)amount)], Day).Earned);
    }

    [Fact]
    public void Loy1_AFractionOfAPointPerUnit_IsExact()
    {
        // 1/3 point per unit has no finite decimal: 300 × 1/3 is exactly 100, 299.99 × 1/3 just below it.
        var rules = Rules("""{ "loyalty": { "earning": { "purchase": { "points": 1, "perAmount": 3 } } } }""");
        Assert.Equal(100, rules.Evaluate([Buy(Day, 300m)], Day).Earned);
        Assert.Equal(99, rules.Evaluate([Buy(Day, 299.99m)], Day).Earned);
    }

    [Fact]
    public void Loy1_ReferralsReviewsAndAdoptedSuggestionsEarnFixedAwards()
    {
        LoyaltyActivity[] awards = [LoyaltyActivity.Referral("m", Day), LoyaltyActivity.Review("m", Day), LoyaltyActivity.SuggestionAdopted("m", Day)];
        var statement = Seed.Evaluate(awards, Day);
        Assert.Equal((750L, 750L, 0m), (statement.Earned, statement.Balance, statement.Qualifying));

        // A kind without a rule earns nothing, and the explanation says so.
        var withoutReviews = Rules("""{ "loyalty": { "earning": { "review": null } } }""").Explain(awards, Day);
        Assert.Equal(700, withoutReviews.Statement.Earned);
        Assert.Equal(
            [
                "2026-03-10 referral earns 500 points (a fixed award); balance 500",
                "2026-03-10 review earns nothing: loyalty.earning has no rule for review; balance 500",
                "2026-03-10 suggestionAdopted earns 200 points (a fixed award); balance 700",
            ],
            withoutReviews.Lines.Skip(1).Take(3));
    }

    [Fact]
    public void Loy1_AnUpgradeTakesEffectTheDayTheThresholdIsReached_ItsMultiplierFromTheNextDay()
    {
        // The day's purchases earn at the tier held as the day began: 5,000 + 100 at silver; the next day ×1.25.
        var e = Seed.Explain([Buy(Day, 5_000m), Buy(Day, 100m), Buy(Day.PlusDays(1), 100m)], Day.PlusDays(1));
        Assert.Equal(5_225, e.Statement.Earned);
        Assert.Equal("gold", e.Statement.Tier.Name);
        Assert.Equal(["2026-03-10 joined - silver", "2026-03-10 upgraded silver gold"], Tiers(e));
        Assert.Contains("2026-03-11 purchase 100 earns 125 points: 100 × 1 point per 1 × 1.25 (gold); balance 5225", e.Lines);
    }

    [Fact]
    public void Loy1_AnUpgradeMaySkipATier()
    {
        var e = Seed.Explain([Buy(Day, 21_000m)], Day);
        Assert.Equal(["2026-03-10 joined - silver", "2026-03-10 upgraded silver black"], Tiers(e));
        Assert.Equal("qualifying spend 21000 from 2025-03-11 to 2026-03-10 reaches black (from 20000)", e.TierHistory[1].Reason);
        Assert.Null(e.Statement.NextTier);
        Assert.Null(e.Statement.ToNextTier);
    }

    [Fact]
    public void Loy1_VipsEarnDoublePointsInTheirBirthdayMonth_GoldAndBlackByDefault()
    {
        var birthday = new AnnualDate(3, 25);
        var gold = Buy(new LocalDate(2026, 1, 5), 5_000m);
        Assert.Equal(5_250, Seed.Evaluate([gold, Buy(Day, 100m)], Day, birthday: birthday).Earned); // 100 × 1.25 × 2
        Assert.Equal(5_125, Seed.Evaluate([gold, Buy(Day, 100m)], Day, birthday: new AnnualDate(4, 1)).Earned);
        Assert.Equal(5_125, Seed.Evaluate([gold, Buy(Day, 100m)], Day).Earned); // no birthday known
        Assert.Equal(100, Seed.Evaluate([Buy(Day, 100m)], Day, birthday: birthday).Earned); // silver: not a VIP
    }

    [Fact]
    public void Loy1_ARefundTakesBackItsPoints_ButNeverBelowAZeroBalance()
    {
        var s = Seed.Evaluate([Buy(Day, 1_000m), Redeem(Day.PlusDays(1), 800), Refund(Day.PlusDays(2), 1_000m)], Day.PlusDays(2));
        Assert.Equal((1_000L, 200L, 800L, 800L, 0L), (s.Earned, s.TakenBack, s.NotRecovered, s.Redeemed, s.Balance));
        Assert.Equal(0m, s.Qualifying);
    }

    [Fact]
    public void Loy1_ARefundTakesBackAtTheRatesOfItsDay()
    {
        // A refund is a negative purchase under the same rule on its own day: at gold in the birthday month, 40 × 1.25 × 2.
        var e = Seed.Explain([Buy(new LocalDate(2026, 1, 5), 5_000m), Refund(Day, 40m)], Day, birthday: new AnnualDate(3, 1));
        Assert.Equal(100, e.Statement.TakenBack);
        Assert.Contains("2026-03-10 refund 40 takes back 100 points: 40 × 1 point per 1 × 1.25 (gold) × 2 (birthday month); balance 4900", e.Lines);
    }

    [Fact]
    public void Loy1_ARefundLowersTheQualifyingSpend_TheTierIsKeptUntilTheReview()
    {
        LoyaltyActivity[] history = [Buy(new LocalDate(2026, 1, 5), 6_000m), Refund(new LocalDate(2026, 2, 1), 2_000m)];
        var before = Seed.Evaluate(history, new LocalDate(2026, 3, 31), "gold");
        Assert.Equal((4_000m, "gold", "silver", TierChange.Kept), (before.Qualifying, before.Tier.Name, before.QualifiedTier.Name, before.Change));
        Assert.Equal(new LocalDate(2026, 4, 1), before.NextReview);

        var after = Seed.Explain(history, new LocalDate(2026, 4, 1), "gold");
        Assert.Equal(("silver", TierChange.Downgraded), (after.Statement.Tier.Name, after.Statement.Change));
        Assert.Equal(
            "2026-04-01 downgraded gold → silver: review: qualifying spend 4000 from 2025-04-01 to 2026-03-31 reaches only silver, below gold (from 5000); down one tier per review",
            after.TierHistory[^1].ToString());
    }

    [Fact]
    public void Loy1_RedemptionsSpendPoints_NeverMoreThanTheBalanceOfTheirDay()
    {
        var s = Seed.Evaluate([Buy(Day, 100m), Redeem(Day, 100)], Day);
        Assert.Equal((100L, 0L), (s.Redeemed, s.Balance));

        var e = Assert.Throws<CrmInputException>(() => Seed.Evaluate([Buy(Day, 100m), Redeem(Day, 150)], Day));
        Assert.Equal("record 'm', field 'amount': the redemption of 150 points on 2026-03-10 exceeds the balance of 100 that day", e.Message);
    }

    [Fact]
    public void Loy1_PointsExpireAfter24Months_TheOldestAreSpentFirst()
    {
        LoyaltyActivity[] history = [Buy(new LocalDate(2024, 1, 10), 1_000m), Buy(new LocalDate(2025, 1, 10), 500m), Redeem(new LocalDate(2025, 2, 1), 600)];
        var before = Seed.Evaluate(history, new LocalDate(2026, 1, 9));
        Assert.Equal((900L, 0L, (LocalDate?)new LocalDate(2026, 1, 10), 400L), (before.Balance, before.Expired, before.NextExpiry, before.ExpiringPoints));

        var after = Seed.Explain(history, new LocalDate(2026, 1, 10));
        Assert.Equal((500L, 400L, (LocalDate?)new LocalDate(2027, 1, 10), 500L), (after.Statement.Balance, after.Statement.Expired, after.Statement.NextExpiry, after.Statement.ExpiringPoints));
        Assert.Contains("2026-01-10 400 points earned on 2024-01-10 expire (points expire after P24M); balance 500", after.Lines);

        var never = Rules("""{ "loyalty": { "pointsExpireAfter": null } }""").Evaluate(history, new LocalDate(2030, 1, 1));
        Assert.Equal((900L, 0L, (LocalDate?)null), (never.Balance, never.Expired, never.NextExpiry));
    }

    [Fact]
    public void Loy1_TheQualifyingWindowIsTheTwelveMonthsUpToAndIncludingTheDate()
    {
        var asOf = new LocalDate(2026, 11, 23);
        var inside = Seed.Evaluate([Buy(new LocalDate(2025, 11, 24), 5_000m)], asOf);
        Assert.Equal((5_000m, new LocalDate(2025, 11, 24), "gold"), (inside.Qualifying, inside.WindowStart, inside.QualifiedTier.Name));

        // A day earlier it has left the window: gold is kept until the next review (the last one still saw it).
        var outside = Seed.Evaluate([Buy(new LocalDate(2025, 11, 23), 5_000m)], asOf);
        Assert.Equal((0m, "silver", "gold", (LocalDate?)new LocalDate(2027, 1, 1), (decimal?)20_000m), (outside.Qualifying, outside.QualifiedTier.Name, outside.Tier.Name, outside.NextReview, outside.ToNextTier));
    }

    [Fact]
    public void Loy1_WhenRefundsLeaveTheWindow_ItMayReachATierOnADayWithoutActivity()
    {
        // A refund recorded the day before a purchase: the window holds both (1,000) until the refund leaves it.
        LoyaltyActivity[] history = [Refund(new LocalDate(2025, 6, 21), 4_000m), Buy(new LocalDate(2025, 6, 22), 5_000m)];
        var before = Seed.Evaluate(history, new LocalDate(2026, 6, 20));
        Assert.Equal((1_000m, "silver"), (before.Qualifying, before.Tier.Name));

        var e = Seed.Explain(history, new LocalDate(2026, 6, 21));
        Assert.Equal("gold", e.Statement.Tier.Name);
        Assert.Equal(
            "2026-06-21 upgraded silver → gold: qualifying spend 5000 from 2025-06-22 to 2026-06-21 reaches gold (from 5000), refunds having left the window",
            e.TierHistory[^1].ToString());
        Assert.Equal((4_000L, 5_000L), (e.Statement.NotRecovered, e.Statement.Balance));
    }

    [Fact]
    public void Loy1_AReviewLowersALapsedMemberOneTierAtATime()
    {
        var e = Seed.Explain([Buy(new LocalDate(2025, 2, 10), 21_000m)], new LocalDate(2026, 7, 1), "black");
        Assert.Equal(
            [
                "2025-02-10 joined - silver", "2025-02-10 upgraded silver black", "2025-04-01 kept black black", "2025-07-01 kept black black",
                "2025-10-01 kept black black", "2026-01-01 kept black black", "2026-04-01 downgraded black gold", "2026-07-01 downgraded gold silver",
            ],
            Tiers(e));
        Assert.Equal(("silver", TierChange.Downgraded), (e.Statement.Tier.Name, e.Statement.Change));
        Assert.Equal("gold", Seed.Evaluate([Buy(new LocalDate(2025, 2, 10), 21_000m)], new LocalDate(2026, 6, 30)).Tier.Name);
    }

    [Fact]
    public void Loy1_ToQualifiedTier_DropsStraightToTheTierReached()
    {
        var rules = Rules("""{ "loyalty": { "downgrade": "toQualifiedTier" } }""");
        var e = rules.Explain([Buy(new LocalDate(2025, 2, 10), 21_000m)], new LocalDate(2026, 4, 1));
        Assert.Equal("2026-04-01 downgraded black silver", Tiers(e)[^1]);
        Assert.EndsWith("down to the qualified tier", e.TierHistory[^1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Loy1_WithoutReviewMonths_ATierIsNeverLowered()
    {
        var rules = Rules("""{ "loyalty": { "reviewMonths": [] } }""");
        var s = rules.Evaluate([Buy(new LocalDate(2020, 2, 10), 21_000m)], new LocalDate(2026, 4, 1));
        Assert.Equal(("black", "silver", (LocalDate?)null), (s.Tier.Name, s.QualifiedTier.Name, s.NextReview));
    }

    [Fact]
    public void Loy1_ReviewsAreOnTheFirstDayOfTheReviewMonths()
    {
        Assert.Equal([1, 4, 7, 10], Seed.ReviewMonths);
        Assert.Equal(new LocalDate(2026, 4, 1), Seed.NextReviewAfter(Day));
        Assert.Equal(new LocalDate(2026, 7, 1), Seed.NextReviewAfter(new LocalDate(2026, 4, 1)));
        Assert.Equal(new LocalDate(2027, 1, 1), Seed.NextReviewAfter(new LocalDate(2026, 12, 31)));
        Assert.Equal(new LocalDate(2027, 6, 1), Rules("""{ "loyalty": { "reviewMonths": [6] } }""").NextReviewAfter(new LocalDate(2026, 6, 1)));
    }

    [Fact]
    public void Loy1_TheChangeComparesTheTierWithTheOneOnRecord()
    {
        Assert.Equal(TierChange.Joined, Seed.Evaluate([Buy(Day, 100m)], Day).Change);
        Assert.Equal(TierChange.Kept, Seed.Evaluate([Buy(Day, 100m)], Day, "silver").Change);
        Assert.Equal(TierChange.Upgraded, Seed.Evaluate([Buy(Day, 6_000m)], Day, "silver").Change);

        // The tier comes from the history: a tier on record that the history does not reach is reported as lowered.
        var s = Seed.Evaluate([Buy(Day, 100m)], Day, "gold");
        Assert.Equal((TierChange.Downgraded, "gold", "silver"), (s.Change, s.PreviousTier!.Name, s.Tier.Name));

        var e = Assert.Throws<CrmInputException>(() => Seed.Evaluate([Buy(Day, 100m)], Day, "platinum"));
        Assert.Equal("record 'm', field 'tier': 'platinum' is not a tier (tiers: silver, gold, black)", e.Message);
    }

    [Fact]
    public void Loy1_QualifyingByPoints_CountsFixedAwardsAndMultipliers()
    {
        var rules = Rules("""{ "loyalty": { "qualifyBy": "points", "tiers": { "gold": { "minimumQualifying": 1000 } } } }""");
        LoyaltyActivity[] referrals = [LoyaltyActivity.Referral("m", Day), LoyaltyActivity.Referral("m", Day)];
        var s = rules.Evaluate(referrals, Day);
        Assert.Equal((LoyaltyQualification.Points, 1_000m, "gold"), (s.QualifyBy, s.Qualifying, s.Tier.Name));
        Assert.Equal("silver", Seed.Evaluate(referrals, Day).Tier.Name);
    }

    [Fact]
    public void Loy1_ActivitiesAfterTheDateAreLeftOut_AndCounted()
    {
        var s = Seed.Evaluate([Buy(Day, 10m), Buy(Day.PlusDays(1), 100m)], Day);
        Assert.Equal((10L, 10m, 1), (s.Earned, s.Qualifying, s.ActivitiesAfterAsOf));
    }

    [Fact]
    public void Loy1_AMemberWithoutActivities_HoldsTheLowestTier()
    {
        var s = Seed.Evaluate([], Day, "gold");
        Assert.Equal((null, 0L, "silver", TierChange.Downgraded), (s.MemberId, s.Balance, s.Tier.Name, s.Change));
    }

    [Fact]
    public void Loy1_TheExplanationSaysWhatEachActivityEarnedAndWhyTheTierIsWhatItIs()
    {
        LoyaltyActivity[] history = [Buy(new LocalDate(2026, 1, 5), 5_000m), Buy(Day, 99.99m), Refund(new LocalDate(2026, 3, 12), 40m), Redeem(new LocalDate(2026, 3, 20), 1_000)];
        var e = Seed.Explain(history, new LocalDate(2026, 4, 2), "silver", new AnnualDate(3, 1));
        Assert.Equal(
            [
                "2026-01-05 joined silver: every member holds the lowest tier, silver (from 0)",
                "2026-01-05 purchase 5000 earns 5000 points: 5000 × 1 point per 1 × 1 (silver); balance 5000",
                "2026-01-05 upgraded silver → gold: qualifying spend 5000 from 2025-01-06 to 2026-01-05 reaches gold (from 5000)",
                "2026-03-10 purchase 99.99 earns 249 points: 99.99 × 1 point per 1 × 1.25 (gold) × 2 (birthday month), rounded down; balance 5249",
                "2026-03-12 refund 40 takes back 100 points: 40 × 1 point per 1 × 1.25 (gold) × 2 (birthday month); balance 5149",
                "2026-03-20 redemption spends 1000 points; balance 4149",
                "2026-04-01 kept gold: review: qualifying spend 5059.99 from 2025-04-01 to 2026-03-31 reaches gold (from 5000)",
                "as of 2026-04-02: balance 4149 points (earned 5249, taken back 100, redeemed 1000, expired 0)",
                "qualifying spend 5059.99 from 2025-04-03 to 2026-04-02 reaches gold (from 5000)",
                "tier gold; privileges: exclusiveCustomerService, birthdayDoublePoints",
                "next tier black (from 20000): 14940.01 more qualifying spend in the window",
                "tier on record silver: upgraded",
                "3900 points expire on 2028-01-05 unless spent first",
            ],
            e.Lines);
        Assert.Equal(Seed.Evaluate(history, new LocalDate(2026, 4, 2), "silver", new AnnualDate(3, 1)), e.Statement);
        Assert.Equal("m: gold, 4149 points; qualifying spend 5059.99 (from 2025-04-03); upgraded from silver; black at 20000 (14940.01 to go)", e.Statement.ToString());
        Assert.Equal(["exclusiveCustomerService", "birthdayDoublePoints"], e.Statement.Privileges);
    }

    [Fact]
    public void Loy1_AKeptTierSaysUntilWhichReview()
    {
        var e = Seed.Explain([Buy(new LocalDate(2025, 11, 23), 5_000m)], new LocalDate(2026, 11, 23));
        Assert.Contains("tier gold, kept until the review on 2027-01-01 (it qualifies for silver); privileges: exclusiveCustomerService, birthdayDoublePoints", e.Lines);
    }

    [Fact]
    public void Loy1_DatesOutsideTheSupportedRange_AreInputErrors_NotOverflows()
    {
        var late = Assert.Throws<CrmInputException>(() => Seed.Evaluate([Buy(Day, 1m)], new LocalDate(9999, 12, 15)));
        Assert.Equal(("asOf", "9999-12-15 is not an ISO date within 0001-01-01 … 9899-12-31"), (late.Field, late.Problem));
        var early = Assert.Throws<CrmInputException>(() => Seed.Evaluate([Buy(new LocalDate(9999, 1, 5), 1m)], Day));
        Assert.Equal("date", early.Field);
        Assert.Throws<CrmInputException>(() => Seed.Evaluate([Buy(Day.WithCalendar(CalendarSystem.Julian), 1m)], Day));
    }

    [Fact]
    public void Loy1_AStatementIsOfOneMember()
    {
        var e = Assert.Throws<ArgumentException>(() => Seed.Evaluate([Buy(Day, 1m), LoyaltyActivity.Purchase("other", Day, 1m)], Day));
        Assert.StartsWith("the activities are of two members, 'm' and 'other': a statement is of one member", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Seed.Evaluate([default], Day));
        Assert.Throws<ArgumentNullException>(() => Seed.Evaluate(null!, Day));
    }

    [Theory]
    [InlineData(LoyaltyActivityKind.Referral, 5, "record 'm', field 'amount': a referral earns a fixed award and has no amount; got 5")]
    [InlineData(LoyaltyActivityKind.Redemption, 2.5, "record 'm', field 'amount': 2.5 is not a number of points to redeem: give a whole number from 1 to 1,000,000,000,000")]
    [InlineData(LoyaltyActivityKind.Redemption, 0, "record 'm', field 'amount': 0 is not a number of points to redeem: give a whole number from 1 to 1,000,000,000,000")]
    [InlineData(LoyaltyActivityKind.Purchase, 0.0000001, "record 'm', field 'amount': 0.0000001 has more than 6 decimal places")]
    [InlineData(LoyaltyActivityKind.Purchase, -2e12, "record 'm', field 'amount': -2000000000000 is out of range: a purchase or refund is at most 1,000,000,000,000")]
    [InlineData((LoyaltyActivityKind)9, 0, "record 'm', field 'kind': 9 is not an activity kind (kinds: purchase, referral, review, suggestionAdopted, redemption)")]
    public void Loy1_AnActivitysAmountMustSuitItsKind(LoyaltyActivityKind kind, double amount, string expected)
        => Assert.Equal(expected, Assert.Throws<CrmInputException>(() => new LoyaltyActivity("m", Day, kind, (decimal)amount)).Message);

    [Fact]
    public void Loy1_ActivitiesAreValuesWithFactoriesNamedAfterTheirKind()
    {
        Assert.Equal(new LoyaltyActivity("m", Day, LoyaltyActivityKind.Purchase, -5m), Refund(Day, 5m));
        Assert.True(Refund(Day, 5m).IsRefund);
        Assert.Equal("m 2026-03-10 purchase -5", Refund(Day, 5m).ToString());
        Assert.Equal("m 2026-03-10 suggestionAdopted", LoyaltyActivity.SuggestionAdopted("m", Day).ToString());
        Assert.Equal("record 'm', field 'amount': -5 is negative: a refund is LoyaltyActivity.Refund", Assert.Throws<CrmInputException>(() => Buy(Day, -5m)).Message);
        Assert.Equal("record 'm', field 'amount': 0 is not a refund: give the money refunded, above 0", Assert.Throws<CrmInputException>(() => Refund(Day, 0m)).Message);
        Assert.Equal("id: is required (the member)", Assert.Throws<CrmInputException>(() => LoyaltyActivity.Review(" ", Day)).Message);
        Assert.True(LoyaltyWords.TryParseKind("suggestionAdopted", out var kind) && kind == LoyaltyActivityKind.SuggestionAdopted);
        Assert.False(LoyaltyWords.TryParseKind("Purchase", out _));
    }

    [Fact]
    public void Loy1_TiersAreValuesWithLevelsAndReadableText()
    {
        Assert.Equal(["silver", "gold", "black"], Seed.Tiers.Select(t => t.Name));
        Assert.Equal([0, 1, 2], Seed.Tiers.Select(t => t.Level));
        Assert.Same(Seed.Tiers[1], Seed.FindTier("gold"));
        Assert.Null(Seed.FindTier("Gold"));
        Assert.Equal("gold (from 5000; ×1.25, birthday month ×2; exclusiveCustomerService, birthdayDoublePoints)", Seed.Tiers[1].ToString());
        Assert.Equal("silver (from 0; ×1)", Seed.Tiers[0].ToString());
    }
}

/// <summary>The seed standard's loyalty numbers (LOY-1) from a fresh compile of the default options.</summary>
public class LoyaltySeedDefaultsTests
{
    private static readonly LoyaltyRules Fresh = TestRules.FreshSeed().Loyalty;
    private static readonly LocalDate Day = new(2026, 3, 10);

    [Fact]
    public void Loy1_TiersSilverGoldBlack_WithThresholdsMultipliersAndPrivileges()
        => Assert.Equal(
            [
                ("silver", 0L, 1m, 1m, ""),
                ("gold", 5_000L, 1.25m, 2m, "exclusiveCustomerService, birthdayDoublePoints"),
                ("black", 20_000L, 1.5m, 2m, "exclusiveCustomerService, priorityPurchase, birthdayDoublePoints"),
            ],
            Fresh.Tiers.Select(t => (t.Name, t.MinimumQualifying, t.EarningMultiplier, t.BirthdayMonthMultiplier, string.Join(", ", t.Privileges))));

    [Fact]
    public void Loy1_EarningQualificationReviewsAndExpiry()
    {
        LoyaltyActivity[] each = [LoyaltyActivity.Purchase("m", Day, 10.9m), LoyaltyActivity.Referral("m", Day.PlusDays(1)), LoyaltyActivity.Review("m", Day.PlusDays(2)), LoyaltyActivity.SuggestionAdopted("m", Day.PlusDays(3))];
        Assert.Equal([10L, 500L, 50L, 200L], each.Select(a => Fresh.Evaluate([a], Day.PlusDays(3)).Earned));
        Assert.Equal(LoyaltyQualification.Spend, Fresh.QualifyBy);
        Assert.Equal(Period.FromMonths(12), Fresh.QualificationWindow);
        Assert.Equal(Period.FromMonths(24), Fresh.PointsExpireAfter);
        Assert.Equal([1, 4, 7, 10], Fresh.ReviewMonths);
        Assert.Equal(TierDowngrade.OneTierPerReview, Fresh.Downgrade);
    }
}
