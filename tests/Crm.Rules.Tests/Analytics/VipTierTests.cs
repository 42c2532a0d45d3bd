using Crm.Rules.Analytics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Rules.Tests.Analytics;

public class VipTierTests
{
    private static string?[] Tiers(IReadOnlyList<decimal> values, IReadOnlyList<VipTier> tiers)
        => [.. VipTiers.Assign(values, tiers).Select(t => t < 0 ? null : tiers[t].Name)];

    [Fact]
    public void Grade8_TopEightPercentDiamond_NextFifteenGold()
    {
        var values = Enumerable.Range(1, 100).Select(v => (decimal)v).ToArray();
        var tiers = Tiers(values, VipTiers.Default);
        Assert.Equal(8, tiers.Count(t => t == "diamond"));
        Assert.Equal(15, tiers.Count(t => t == "gold"));
        Assert.Equal("diamond", tiers[92]);   // value 93, 8th highest
        Assert.Equal("gold", tiers[91]);      // value 92, 9th highest
        Assert.Equal("gold", tiers[77]);      // value 78, 23rd highest
        Assert.Null(tiers[76]);               // value 77, 24th highest
    }

    [Fact]
    public void Grade8_ATieAtTheBoundaryGoesUpTogether()
    {
        // 10 customers, diamond 10 %: one place; the two equal top values share it.
        var tiers = Tiers([5m, 9m, 9m, 1m, 2m, 3m, 4m, 6m, 7m, 8m], [new("diamond", 0.10m)]);
        Assert.Equal(new string?[] { null, "diamond", "diamond", null, null, null, null, null, null, null }, tiers);
    }

    [Property]
    public Property Grade8_AHigherValueNeverHasALowerTier_AndOrderDoesNotMatter()
        => Prop.ForAll(Gen.Choose(0, 30).Select(v => (decimal)v).ArrayOf().ToArbitrary(), values =>
        {
            var rank = new Dictionary<string, int> { ["diamond"] = 2, ["gold"] = 1 };
            int Rank(string? tier) => tier is null ? 0 : rank[tier];
            var tiers = Tiers(values, VipTiers.Default);
            var reversed = Tiers(values.Reverse().ToArray(), VipTiers.Default).Reverse();
            var monotone = values.Zip(tiers).All(p => values.Zip(tiers).All(q => p.First <= q.First || Rank(p.Second) >= Rank(q.Second)));
            return monotone && tiers.SequenceEqual(reversed);
        });
}
