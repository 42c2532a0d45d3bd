using System.Collections.Concurrent;
using Crm.Rules.Lifecycle;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Rules.Tests.Lifecycle;

/// <summary>
/// Key-account promotion and demotion (GRADE-6) at exactly the configured thresholds, under configurations other than
/// the seed's, and the reason texts a key-account manager reads.
/// </summary>
[Properties(Arbitrary = [typeof(KeyAccountArbitraries)], MaxTest = PropertyRuns.MaxTest)]
public class KeyAccountTests
{
    // The properties draw from a few dozen configurations, each compiled once: compiling a whole rule set per case would
    // make every mutant of the lifecycle's compile rerun hundreds of compiles in a mutation run.
    private static readonly ConcurrentDictionary<(int, int, int), LifecycleRules> Compiled = new();

    private static LifecycleRules Configured(decimal promoteAtGrowth, int growthWindowMonths, int demoteAfterMissedReviews)
    {
        var options = new CrmRulesOptions();
        options.Lifecycle.KeyAccounts = new KeyAccountOptions { PromoteAtGrowth = promoteAtGrowth, GrowthWindowMonths = growthWindowMonths, DemoteAfterMissedReviews = demoteAfterMissedReviews };
        return CrmRuleSet.Compile(options).Lifecycle;
    }

    private static LifecycleRules Configured(KeyAccountCase c)
        => Compiled.GetOrAdd((c.PromotePercent, c.WindowMonths, c.DemoteAfter), k => Configured(k.Item1 / 100m, k.Item2, k.Item3));

    [Property]
    public bool Grade6_PromotesFromExactlyTheConfiguredGrowth(KeyAccountCase c)
    {
        var rules = Configured(c);
        var now = c.Now;
        var decision = rules.KeyAccount(AccountStanding.Potential, c.Before, now, c.Missed);
        var expected = c.Before > 0 && now - c.Before >= c.Before * c.PromotePercent / 100m ? KeyAccountAction.Promote : KeyAccountAction.Keep;
        return decision.Action == expected
            && decision.Reason.StartsWith("purchases up ", StringComparison.Ordinal)
            && decision.Reason.EndsWith($" within {c.WindowMonths} months (promote from {c.PromotePercent}%)", StringComparison.Ordinal)
            && decision.Fingerprint == rules.Fingerprint;
    }

    [Property]
    public bool Grade6_DemotesAfterExactlyTheConfiguredMissedReviews(KeyAccountCase c)
    {
        var rules = Configured(c);
        var decision = rules.KeyAccount(AccountStanding.KeyAccount, c.Before, c.Now, c.Missed);
        var reviews = c.Missed == 1 ? "1 review" : $"{c.Missed} reviews";
        return decision.Action == (c.Missed >= c.DemoteAfter ? KeyAccountAction.Demote : KeyAccountAction.Keep)
            && decision.Reason == $"missed the target in {reviews} in a row (demote after {c.DemoteAfter})";
    }

    [Theory]
    [InlineData(300, 400, "keep: purchases up 33.3% within 6 months (promote from 50%)")]
    [InlineData(200, 100, "keep: purchases up -50% within 6 months (promote from 50%)")]
    [InlineData(100, 150, "promote: purchases up 50% within 6 months (promote from 50%)")]
    [InlineData(100, 100, "keep: purchases up 0% within 6 months (promote from 50%)")]
    [InlineData(-100, 100, "keep: purchases up unknown (no purchases before) within 6 months (promote from 50%)")]
    public void Grade6_PotentialCustomer_ReasonText(int before, int now, string expected)
        => Assert.Equal(expected, TestRules.FreshSeed().Lifecycle.KeyAccount(AccountStanding.Potential, before, now, 5).ToString());

    [Theory]
    [InlineData(0, "keep: missed the target in 0 reviews in a row (demote after 2)")]
    [InlineData(1, "keep: missed the target in 1 review in a row (demote after 2)")]
    [InlineData(2, "demote: missed the target in 2 reviews in a row (demote after 2)")]
    [InlineData(7, "demote: missed the target in 7 reviews in a row (demote after 2)")]
    public void Grade6_KeyAccount_ReasonText(int missed, string expected)
        => Assert.Equal(expected, TestRules.FreshSeed().Lifecycle.KeyAccount(AccountStanding.KeyAccount, 100m, 500m, missed).ToString());

    [Fact]
    public void Grade6_NonDefaultSettings_AreTheOnesApplied()
    {
        var rules = Configured(0.25m, 3, 3);
        Assert.Equal("promote: purchases up 25% within 3 months (promote from 25%)", rules.KeyAccount(AccountStanding.Potential, 80m, 100m, 0).ToString());
        Assert.Equal("keep: purchases up 24.9% within 3 months (promote from 25%)", rules.KeyAccount(AccountStanding.Potential, 80m, 99.9m, 0).ToString());
        Assert.Equal(KeyAccountAction.Keep, rules.KeyAccount(AccountStanding.KeyAccount, 0m, 0m, 2).Action);
        Assert.Equal("demote: missed the target in 3 reviews in a row (demote after 3)", rules.KeyAccount(AccountStanding.KeyAccount, 0m, 0m, 3).ToString());
    }
}

/// <summary>A key-account configuration and a review: purchases now lie one cent (or more) around the promotion threshold.</summary>
public sealed record KeyAccountCase(int PromotePercent, int WindowMonths, int DemoteAfter, int Before, int CentsOffThreshold, int Missed)
{
    /// <summary>Purchases now: the threshold (before × (1 + growth)) plus the offset in cents.</summary>
    public decimal Now => Before + Before * PromotePercent / 100m + CentsOffThreshold / 100m;
}

public static class KeyAccountArbitraries
{
    private static readonly int[] Promotions = [1, 7, 25, 50, 99, 100, 150, 300];
    private static readonly int[] Windows = [1, 6, 24];
    private static readonly int[] Demotions = [1, 2, 3, 6];

    public static Arbitrary<KeyAccountCase> KeyAccountCase() => Arb.From(
        from promote in Gen.Elements(Promotions)
        from window in Gen.Elements(Windows)
        from demote in Gen.Elements(Demotions)
        from before in Gen.Frequency((1, Gen.Constant(0)), (9, Gen.Choose(1, 100_000)))
        from cents in Gen.Frequency((3, Gen.Choose(-1, 1)), (1, Gen.Choose(-1_000_000, 1_000_000)))
        from missed in Gen.Choose(0, 8)
        select new KeyAccountCase(promote, window, demote, before, cents, missed),
        c => Shrink.Earlier(c.PromotePercent, Promotions).Select(p => c with { PromotePercent = p })
            .Concat(Shrink.Earlier(c.WindowMonths, Windows).Select(w => c with { WindowMonths = w }))
            .Concat(Shrink.Earlier(c.DemoteAfter, Demotions).Select(d => c with { DemoteAfter = d }))
            .Concat(Shrink.Towards(c.Before, 0).Select(b => c with { Before = b }))
            .Concat(Shrink.Towards(c.CentsOffThreshold, 0).Select(o => c with { CentsOffThreshold = o }))
            .Concat(Shrink.Towards(c.Missed, 0).Select(m => c with { Missed = m })));
}
