using Crm.Rules.Demands;

namespace Crm.Rules.Tests.Demands;

/// <summary>
/// DEM-3's value/cost key when two ratios round to the same decimal: the order is settled exactly by cross-multiplying
/// (in integers when the products leave decimal's range), before the strategic fit is looked at.
/// </summary>
public class DemandExactRatioTests
{
    private static readonly DemandRules Seed = CrmRuleSet.SeedStandard.Demands;

    // The fit of the smaller ratio is always the higher one, so a comparison that wrongly ties hands the order to the fit.
    private static Demand D(string id, decimal value, decimal cost, decimal fit)
        => new Demand(id, "A") { Important = true, Urgent = true, Value = value, Cost = cost, StrategicFit = fit };

    public static TheoryData<decimal, decimal, decimal, decimal> AlmostEqualRatios => new()
    {
        // 1/3 and 0.333…3 (28 threes) divide to the same decimal; 1/3 is larger.
        { 1m, 3m, 0.3333333333333333333333333333m, 1m },
        // Products of about 10^30 overflow decimal: 10^20 / (3 × 10^10) against 33333333333333333333.333333333 / 10^10.
        { 100_000_000_000_000_000_000m, 30_000_000_000m, 33_333_333_333_333_333_333.333333333m, 10_000_000_000m },
        // Products of about 10^29 with costs of very different size (3 against 10^11), so that comparing quotients
        // instead of products would reverse the order.
        { 1_000_000_000_000_000_000m, 3m, 33_333_333_333_333_333_333_333_333_333m, 100_000_000_000m },
        // The same below zero: the larger ratio is the one nearer zero.
        { -33_333_333_333_333_333_333.333333333m, 10_000_000_000m, -100_000_000_000_000_000_000m, 30_000_000_000m },
    };

    [Theory]
    [MemberData(nameof(AlmostEqualRatios))]
    public void Dem3_RatiosThatRoundAlikeAreOrderedExactly(decimal largerValue, decimal largerCost, decimal smallerValue, decimal smallerCost)
    {
        Assert.Equal(largerValue / largerCost, smallerValue / smallerCost);
        var larger = D("larger", largerValue, largerCost, fit: 1);
        var smaller = D("smaller", smallerValue, smallerCost, fit: 5);
        Assert.Equal(["larger", "smaller"], Seed.Prioritise([smaller, larger]).Select(d => d.Demand.Id));
        Assert.Equal(["larger", "smaller"], Seed.Prioritise([larger, smaller]).Select(d => d.Demand.Id));
    }

    [Fact]
    public void Dem3_ExactlyEqualRatiosPastDecimalsRangeTie_AndTheFitDecides()
    {
        var low = D("low-fit", 100_000_000_000_000_000_000m, 10_000_000_000m, fit: 1);
        var high = D("high-fit", 200_000_000_000_000_000_000m, 20_000_000_000m, fit: 5);
        Assert.Equal(["high-fit", "low-fit"], Seed.Prioritise([low, high]).Select(d => d.Demand.Id));
        Assert.Equal(["high-fit", "low-fit"], Seed.Prioritise([high, low]).Select(d => d.Demand.Id));
    }

    [Fact]
    public void Dem3_DemandsAtNoCostWithTheSameValueTie_AndTheFitDecides()
    {
        var ordered = Seed.Prioritise([D("free-low", 5, 0, fit: 1), D("free-high", 5, 0, fit: 5), D("paid", 1000, 1, fit: 5)]);
        Assert.Equal(["free-high", "free-low", "paid"], ordered.Select(d => d.Demand.Id));
    }

    [Fact]
    public void Weighted_ADemandAloneInItsQuadrantContributesZero()
    {
        var weighted = TestRules.FromJson("""{ "demands": { "ordering": { "mode": "weighted" } } }""").Demands;
        var alone = Assert.Single(weighted.Prioritise([D("alone", 3, 1, fit: 2)]));
        Assert.Equal(new decimal?[] { null, 0m, 0m, 0m }, alone.Reasons.Select(r => r.Contribution));
        Assert.Equal([0, 0, 0, 0], alone.Reasons.Select(r => r.Peers));
        Assert.Equal(0m, alone.Score);
    }
}
