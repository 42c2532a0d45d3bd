using Crm.Rules.Configuration;
using Crm.Rules.Loyalty;
using NodaTime;

namespace Crm.Rules.Tests.Loyalty;

/// <summary>LOY-1 validation: each bad setting alone with its path and exact sentence, several at once, and the settings at the edge that stay valid.</summary>
public class LoyaltyValidationTests
{
    private const string Kinds = "(known: purchase, referral, review, suggestionAdopted)";

    [Theory]
    [InlineData("""{ "loyalty": { "earning": { "purchases": { "points": 1 } } } }""", $"loyalty.earning.purchases: is not an activity kind that earns points {Kinds}")]
    [InlineData("""{ "loyalty": { "earning": { "redemption": { "points": 1 } } } }""", $"loyalty.earning.redemption: is not an activity kind that earns points {Kinds}")]
    // An unknown kind is reported once; its settings are not checked as well.
    [InlineData("""{ "loyalty": { "earning": { "bonus": { "points": -1, "perAmount": 0 } } } }""", $"loyalty.earning.bonus: is not an activity kind that earns points {Kinds}")]
    [InlineData("""{ "loyalty": { "earning": { "referral": { "points": -1 } } } }""", "loyalty.earning.referral.points: must not be negative; got -1")]
    [InlineData("""{ "loyalty": { "earning": { "review": { "points": 2.5 } } } }""", "loyalty.earning.review.points: must be a whole number of points (a fixed award); got 2.5")]
    [InlineData("""{ "loyalty": { "earning": { "review": { "perAmount": 10 } } } }""", "loyalty.earning.review.perAmount: applies only to purchase: a review earns a fixed award, with no amount")]
    [InlineData("""{ "loyalty": { "earning": { "purchase": { "perAmount": 0 } } } }""", "loyalty.earning.purchase.perAmount: must be above 0 (the amount that earns the points, e.g. 1 or 10); got 0")]
    [InlineData("""{ "loyalty": { "earning": { "purchase": { "perAmount": null } } } }""", "loyalty.earning.purchase.perAmount: must be above 0 (the amount that earns the points, e.g. 1 or 10); got none")]
    [InlineData("""{ "loyalty": { "earning": { "purchase": { "points": 0.0000001 } } } }""", "loyalty.earning.purchase.points: must have at most 6 decimal places (got 0.0000001)")]
    [InlineData("""{ "loyalty": { "rounding": "nearest" } }""", "loyalty.rounding: must be one of \"down\", \"halfUp\", \"up\", not the text \"nearest\"")]
    [InlineData("""{ "loyalty": { "qualifyBy": "visits" } }""", "loyalty.qualifyBy: must be one of \"spend\", \"points\", not the text \"visits\"")]
    [InlineData("""{ "loyalty": { "qualificationWindow": "P0D" } }""", "loyalty.qualificationWindow: must be a positive period for the window (e.g. P12M); got P0D")]
    [InlineData("""{ "loyalty": { "qualificationWindow": "P1M-40D" } }""", "loyalty.qualificationWindow: must be a positive period for the window (e.g. P12M); got P1M-40D")]
    [InlineData("""{ "loyalty": { "qualificationWindow": "PT12H" } }""", "loyalty.qualificationWindow: must be whole days, weeks, months or years (e.g. P12M); got PT12H")]
    [InlineData("""{ "loyalty": { "qualificationWindow": null } }""", "loyalty.qualificationWindow: must not be null; leave the setting out to keep its default")]
    [InlineData("""{ "loyalty": { "pointsExpireAfter": "P0D" } }""", "loyalty.pointsExpireAfter: must be a positive period for points to expire after (e.g. P12M); got P0D")]
    [InlineData("""{ "loyalty": { "tiers": { "gold": { "minimumQualifying": 0 } } } }""", "loyalty.tiers.gold.minimumQualifying: equals the minimum of tier 'silver' (0); tier thresholds must be strictly ordered")]
    [InlineData("""{ "loyalty": { "tiers": { "silver": { "minimumQualifying": 100 } } } }""", "loyalty.tiers: the lowest tier must start at 0, so that every member holds a tier; 'silver' starts at 100")]
    [InlineData("""{ "loyalty": { "tiers": { "gold": { "minimumQualifying": 4.5 } } } }""", "loyalty.tiers.gold.minimumQualifying: must be a whole number, not the number 4.5")]
    [InlineData("""{ "loyalty": { "tiers": { "black": { "earningMultiplier": 101 } } } }""", "loyalty.tiers.black.earningMultiplier: must be between 1 and 100; got 101")]
    [InlineData("""{ "loyalty": { "tiers": { "silver": { "birthdayMonthMultiplier": 0.5 } } } }""", "loyalty.tiers.silver.birthdayMonthMultiplier: must be between 1 and 100; got 0.5")]
    [InlineData("""{ "loyalty": { "tiers": { "black": { "earningMultiplier": 1.2 } } } }""", "loyalty.tiers.black.earningMultiplier: must be at least that of the tier below, 'gold' (1.25): a higher tier never earns less")]
    [InlineData("""{ "loyalty": { "tiers": { "black": { "birthdayMonthMultiplier": 1.5 } } } }""", "loyalty.tiers.black.birthdayMonthMultiplier: must be at least that of the tier below, 'gold' (2): a higher tier never earns less")]
    [InlineData("""{ "loyalty": { "tiers": { "gold": { "earningMultiplier": 1.0000001 } } } }""", "loyalty.tiers.gold.earningMultiplier: must have at most 6 decimal places (got 1.0000001)")]
    [InlineData("""{ "loyalty": { "tiers": { "gold": { "privileges": ["vip", "vip"] } } } }""", "loyalty.tiers.gold.privileges[1]: 'vip' is listed twice")]
    [InlineData("""{ "loyalty": { "tiers": { "gold": { "privileges": [" vip"] } } } }""", "loyalty.tiers.gold.privileges[0]: must name a privilege, without spaces around it")]
    [InlineData("""{ "loyalty": { "tiers": { " platinum": { "minimumQualifying": 50000, "earningMultiplier": 2, "birthdayMonthMultiplier": 2 } } } }""", "loyalty.tiers[' platinum']: a tier needs a name without spaces around it")]
    [InlineData("""{ "loyalty": { "tiers": { "silver": null, "gold": null, "black": null } } }""", "loyalty.tiers: must define at least one tier (the lowest from 0)")]
    [InlineData("""{ "loyalty": { "reviewMonths": [0] } }""", "loyalty.reviewMonths[0]: must be a month from 1 to 12; got 0")]
    [InlineData("""{ "loyalty": { "reviewMonths": [4, 13] } }""", "loyalty.reviewMonths[1]: must be a month from 1 to 12; got 13")]
    [InlineData("""{ "loyalty": { "reviewMonths": [4, 4] } }""", "loyalty.reviewMonths[1]: 4 is listed twice")]
    [InlineData("""{ "loyalty": { "downgrade": "twoTiers" } }""", "loyalty.downgrade: must be one of \"oneTierPerReview\", \"toQualifiedTier\", not the text \"twoTiers\"")]
    public void Loy1_AnInvalidSettingIsReportedAloneWithItsPath(string json, string expected)
        => Assert.Equal([expected], TestRules.ProblemsOf(json));

    [Fact]
    public void Loy1_EveryProblemIsReportedAtOnce()
        => Assert.Equal(
            [
                "loyalty.earning.review.points: must be a whole number of points (a fixed award); got 2.5",
                $"loyalty.earning.bonus: is not an activity kind that earns points {Kinds}",
                "loyalty.qualificationWindow: must be a positive period for the window (e.g. P12M); got P0D",
                "loyalty.tiers.black.minimumQualifying: equals the minimum of tier 'gold' (20000); tier thresholds must be strictly ordered",
                "loyalty.tiers.black.earningMultiplier: must be at least that of the tier below, 'gold' (2): a higher tier never earns less",
                "loyalty.reviewMonths[0]: must be a month from 1 to 12; got 13",
            ],
            TestRules.ProblemsOf("""
                { "loyalty": {
                    "earning": { "bonus": {}, "review": { "points": 2.5 } },
                    "qualificationWindow": "P0D",
                    "tiers": { "gold": { "minimumQualifying": 20000, "earningMultiplier": 2 } },
                    "reviewMonths": [13]
                } }
                """));

    [Theory]
    [InlineData("""{ "loyalty": { "earning": { "purchase": { "points": 0.5, "perAmount": 0.000001 } }, "rounding": "up" } }""")]
    [InlineData("""{ "loyalty": { "earning": { "referral": { "points": 0 }, "review": null, "suggestionAdopted": null } } }""")]
    [InlineData("""{ "loyalty": { "earning": {} } }""")]
    [InlineData("""{ "loyalty": { "tiers": { "gold": null, "black": null } } }""")]
    [InlineData("""{ "loyalty": { "tiers": { "black": { "earningMultiplier": 100, "birthdayMonthMultiplier": 100 } }, "qualifyBy": "points" } }""")]
    [InlineData("""{ "loyalty": { "tiers": { "gold": { "earningMultiplier": 1.5, "privileges": [] } } } }""")]
    [InlineData("""{ "loyalty": { "reviewMonths": [], "pointsExpireAfter": null, "downgrade": "toQualifiedTier" } }""")]
    [InlineData("""{ "loyalty": { "reviewMonths": [12, 1], "qualificationWindow": "P1D", "pointsExpireAfter": "P1W" } }""")]
    public void Loy1_SettingsAtTheEdgeAreValid(string json)
    {
        Assert.Empty(TestRules.ProblemsOf(json));
        Assert.NotNull(TestRules.FromJson(json).Loyalty);
    }

    public static TheoryData<string[], Action<CrmRulesOptions>> CodeCases => new()
    {
        { ["loyalty.earning: is required (an empty object for no earning rules)"], o => o.Loyalty.Earning = null! },
        { ["loyalty.earning.referral: must not be null"], o => o.Loyalty.Earning["referral"] = null! },
        { ["loyalty.qualificationWindow: is required"], o => o.Loyalty.QualificationWindow = null! },
        { ["loyalty.tiers: must define at least one tier (the lowest from 0)"], o => o.Loyalty.Tiers = null! },
        { ["loyalty.tiers.gold: must not be null"], o => o.Loyalty.Tiers["gold"] = null! },
        { ["loyalty.tiers.gold.privileges: is required (an empty list for none)"], o => o.Loyalty.Tiers["gold"].Privileges = null! },
        { ["loyalty.reviewMonths: is required (an empty list for no reviews)"], o => o.Loyalty.ReviewMonths = null! },
        { ["loyalty.downgrade: must be one of \"oneTierPerReview\", \"toQualifiedTier\"; got the number 7"], o => o.Loyalty.Downgrade = (TierDowngrade)7 },
        { ["loyalty.pointsExpireAfter: must reach at most 100 years (P100Y, P1200M or P36525D); got P101Y"], o => o.Loyalty.PointsExpireAfter = Period.FromYears(101) },
    };

    [Theory]
    [MemberData(nameof(CodeCases))]
    public void Loy1_OptionsBuiltInCode_AreReportedNotThrown(string[] expected, Action<CrmRulesOptions> change)
    {
        var options = new CrmRulesOptions();
        change(options);
        Assert.Equal(expected, CrmRulesValidation.Validate(options).Select(e => e.ToString()).Where(e => e.StartsWith("loyalty", StringComparison.Ordinal)));
    }

    [Fact]
    public void Loy1_TheDefaultsRoundTripThroughARulesFile()
    {
        var json = CrmRulesJson.Serialize(CrmRulesOptions.SeedStandard());
        Assert.Contains("\"loyalty\"", json, StringComparison.Ordinal);
        Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, CrmRuleSet.Parse(json).Fingerprint);
    }
}
