using Crm.Rules.Satisfaction;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Rules.Tests.Satisfaction;

[Properties(Arbitrary = [typeof(SatisfactionArbitraries)], MaxTest = PropertyRuns.MaxTest)]
public class SatisfactionTests
{
    private static readonly SatisfactionRules Seed = CrmRuleSet.SeedStandard.Satisfaction;

    [Fact]
    public void Sat1_ItemAveragesAndLowItems()
    {
        var report = Seed.Survey(
        [
            new Dictionary<string, int> { ["completeness"] = 5, ["ease"] = 3, ["speed"] = 4 },
            new Dictionary<string, int> { ["completeness"] = 4, ["ease"] = 2, ["speed"] = 4 },
        ]);
        Assert.Equal(2, report.Respondents);
        Assert.Equal(4.5m, report.Items.Single(i => i.Item == "completeness").Average);
        Assert.Equal(11m / 3, report.OverallAverage); // (4.5 + 2.5 + 4) / 3: items without answers are left out
        Assert.Equal(["ease"], report.LowItems.Select(i => i.Item));
        Assert.Equal("service", report.Items.Single(i => i.Item == "speed").Group);
    }

    [Fact]
    public void Sat1_AnswersOutsideTheScaleOrUnknownItemsAreRefused()
    {
        Assert.Contains("outside 1..5", Assert.Throws<ArgumentException>(() => Seed.Survey([new Dictionary<string, int> { ["ease"] = 6 }])).Message, StringComparison.Ordinal);
        Assert.Contains("'price' is not a survey item", Assert.Throws<ArgumentException>(() => Seed.Survey([new Dictionary<string, int> { ["price"] = 3 }])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sat2_NpsClassesAndScore()
    {
        var report = Seed.Nps([10, 9, 8, 7, 6, 0, 9, 10]);
        Assert.Equal((4, 2, 2), (report.Promoters, report.Passives, report.Detractors));
        Assert.Equal(25m, report.Score);
        Assert.Equal(0m, Seed.Nps([]).Score);
        Assert.Equal(200m / 3, Seed.Nps([9, 9, 7]).Score); // 2 promoters of 3, no detractor
        Assert.Throws<ArgumentOutOfRangeException>(() => Seed.Nps([11]));
    }

    [Theory]
    [InlineData("repeatPurchaseRate", 40, 100, true)]
    [InlineData("repeatPurchaseRate", 39, 100, false)]
    [InlineData("crossSellRate", 25, 100, true)]
    [InlineData("referralRate", 14, 100, false)]
    [InlineData("ltvGrowth", 10, 100, true)]
    [InlineData("demandSatisfaction", 9, 10, true)]
    [InlineData("requestResolution", 79, 100, false)]
    public void Kpi1_TargetsAreCheckedExactly(string kpi, long successes, long total, bool met)
        => Assert.Equal(met, Seed.CheckKpi(kpi, successes, total).Met);

    [Fact]
    public void Kpi1_UnknownKpiIsRefused()
        => Assert.StartsWith("'churnRate' has no target", Assert.Throws<ArgumentException>(() => Seed.CheckKpi("churnRate", 1, 2)).Message, StringComparison.Ordinal);

    [Property]
    public bool NpsLiesBetweenMinus100And100_AndCountsAddUp(NpsAnswers answers)
    {
        var report = Seed.Nps(answers.Scores);
        return report.Score is >= -100m and <= 100m && report.Total == answers.Scores.Length;
    }
}

/// <summary>Answers to "how likely are you to recommend us", 0 to 10 each.</summary>
public sealed record NpsAnswers(int[] Scores)
{
    public override string ToString() => $"[{string.Join(",", Scores)}]";
}

public static class SatisfactionArbitraries
{
    public static Arbitrary<NpsAnswers> NpsAnswers() => Arb.From(
        Gen.Choose(0, 10).ArrayOf().Select(s => new NpsAnswers(s)),
        a => Shrink.Array(a.Scores, s => Shrink.Towards(s, 0)).Select(s => new NpsAnswers(s)));
}
