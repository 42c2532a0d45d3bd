using Crm.Rules.Satisfaction;

namespace Crm.Rules.Tests.Satisfaction;

/// <summary>Edges the first mutation run (docs/testing.md) found unpinned: empty periods, refused inputs, texts.</summary>
public class SatisfactionEdgeTests
{
    private static readonly SatisfactionRules Seed = CrmRuleSet.SeedStandard.Satisfaction;

    [Fact]
    public void Kpi1_AnEmptyPeriodNeverMeetsAPositiveTarget()
    {
        var check = KpiCheck.FromCounts("dataCompleteness", 0, 0, 0.95m, "fp");
        Assert.False(check.Met);
        Assert.Equal(0m, check.Observed);
        Assert.Equal(-0.95m, check.Gap);
        Assert.Equal("dataCompleteness: 0 of 0 (0) against 0.95, missed", check.ToString());
        Assert.True(KpiCheck.FromCounts("zeroTarget", 0, 0, 0m, "fp").Met);
    }

    [Fact]
    public void Kpi1_ObservedGapAndTextOfACountedPeriod()
    {
        var missed = KpiCheck.FromCounts("dataCompleteness", 9, 10, 0.95m, "fp");
        Assert.Equal(0.9m, missed.Observed);
        Assert.Equal(-0.05m, missed.Gap);
        Assert.Equal("dataCompleteness: 9 of 10 (0.9) against 0.95, missed", missed.ToString());
        Assert.Equal("dataCompleteness: 19 of 20 (0.95) against 0.95, met", KpiCheck.FromCounts("dataCompleteness", 19, 20, 0.95m, "fp").ToString());
    }

    [Theory]
    [InlineData(-1, 10, "successes")]
    [InlineData(0, -1, "total")]
    [InlineData(11, 10, "successes")]
    public void Kpi1_ImpossibleCountsAreRefused(long successes, long total, string parameter)
        => Assert.Equal(parameter, Assert.Throws<ArgumentOutOfRangeException>(() => KpiCheck.FromCounts("x", successes, total, 0.5m, "fp")).ParamName);

    [Fact]
    public void Kpi1_UnknownKpiNamesEveryKnownTarget_FromAFreshCompile()
        => Assert.Equal(
            "'churnRate' has no target (known: repeatPurchaseRate, crossSellRate, referralRate, ltvGrowth, demandSatisfaction, requestResolution, todoCompletion, dataCompleteness) (Parameter 'kpi')",
            Assert.Throws<ArgumentException>(() => CrmRuleSet.Compile(new CrmRulesOptions()).Satisfaction.CheckKpi("churnRate", 1, 2)).Message);

    [Fact]
    public void Sat2_NegativeAndMissingAnswersAreRefused()
    {
        Assert.Equal("scores", Assert.Throws<ArgumentOutOfRangeException>(() => Seed.Nps([9, -1])).ParamName);
        Assert.Equal("scores", Assert.Throws<ArgumentNullException>(() => Seed.Nps(null!)).ParamName);
    }

    [Fact]
    public void Sat1_ASurveyWithoutAnswersAveragesZeroAndHasNoLowItems()
    {
        var report = Seed.Survey([]);
        Assert.Equal(0, report.Respondents);
        Assert.Equal(0m, report.OverallAverage);
        Assert.Empty(report.LowItems);
        Assert.All(report.Items, i => Assert.Equal(0, i.Answers));
        Assert.Equal("0 respondents, overall 0", report.ToString());
    }

    [Fact]
    public void Sat1_TheSeedItemsAndGroupsInOrder_FromAFreshCompile()
    {
        // A fresh compile, not SeedStandard: the cached seed hides mutations of the defaults from Stryker.
        var report = CrmRuleSet.Compile(new CrmRulesOptions()).Satisfaction.Survey([]);
        Assert.Equal(
            [("completeness", "product"), ("ease", "product"), ("stability", "product"), ("speed", "service"), ("expertise", "service"), ("problemSolving", "service")],
            report.Items.Select(i => (i.Item, i.Group)));
    }

    [Fact]
    public void Sat1_And2_Texts()
    {
        Assert.Equal("ease (product): 3.5 over 12 answers, low", new ItemAverage("ease", "product", 12, 3.5m, true).ToString());
        Assert.Equal("speed (service): 4 over 1 answer", new ItemAverage("speed", "service", 1, 4m, false).ToString());
        Assert.Equal("NPS 40 (3 promoters, 1 passive, 1 detractor)", new NpsReport(3, 1, 1, "fp").ToString());
        Assert.Equal("NPS 0 (1 promoter, 0 passives, 1 detractor)", new NpsReport(1, 0, 1, "fp").ToString());
        Assert.Equal("NPS -50 (0 promoters, 2 passives, 2 detractors)", new NpsReport(0, 2, 2, "fp").ToString());
        var survey = Seed.Survey(
        [
            new Dictionary<string, int> { ["completeness"] = 5, ["ease"] = 3 },
        ]);
        Assert.Equal("1 respondents, overall 4; low: ease", survey.ToString());
    }

    [Fact]
    public void Sat1_AnAnswerAtEitherEndOfTheScaleCounts()
    {
        var report = Seed.Survey([new Dictionary<string, int> { ["ease"] = 1, ["speed"] = 5 }]);
        Assert.Equal((1m, 5m), (report.Items.Single(i => i.Item == "ease").Average, report.Items.Single(i => i.Item == "speed").Average));
        Assert.Equal(
            "respondent 1, item 'ease': 0 is outside 1..5 (Parameter 'answers')",
            Assert.Throws<ArgumentException>(() => Seed.Survey([new Dictionary<string, int> { ["ease"] = 0 }])).Message);
    }

    [Fact]
    public void Sat1_AnItemExactlyAtTheOverallAverageIsNotLow()
    {
        // Overall (5 + 3 + 4) / 3 = 4: speed sits exactly on it, only ease is below.
        var report = Seed.Survey([new Dictionary<string, int> { ["completeness"] = 5, ["ease"] = 3, ["speed"] = 4 }]);
        Assert.Equal(4m, report.OverallAverage);
        Assert.Equal(["ease"], report.LowItems.Select(i => i.Item));
        Assert.False(report.Items.Single(i => i.Item == "speed").IsLow);
    }

    [Fact]
    public void Sat1_SeveralLowItemsAreListedInConfigurationOrder()
    {
        var report = Seed.Survey(
        [
            new Dictionary<string, int> { ["speed"] = 2, ["completeness"] = 5, ["ease"] = 1, ["expertise"] = 5 },
            new Dictionary<string, int> { ["speed"] = 3, ["completeness"] = 5 },
        ]);
        Assert.Equal("2 respondents, overall 3.38; low: ease, speed", report.ToString());
    }

    [Fact]
    public void Sat1_UnknownItemsAndMissingAnswersAreRefused_NamingEveryItem()
    {
        Assert.Equal(
            "respondent 2: 'price' is not a survey item (known: completeness, ease, stability, speed, expertise, problemSolving) (Parameter 'answers')",
            Assert.Throws<ArgumentException>(() => Seed.Survey([new Dictionary<string, int> { ["ease"] = 3 }, new Dictionary<string, int> { ["price"] = 3 }])).Message);
        Assert.Equal("answers", Assert.Throws<ArgumentNullException>(() => Seed.Survey(null!)).ParamName);
    }
}
