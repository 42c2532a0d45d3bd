using Crm.Rules.Analytics;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Crm.Rules.Tests.Analytics;

/// <summary>The compiled analytics family: RFM reports (RFM-1), VIP tiers in them (GRADE-8), explanations, the P(alive) warning, the models through the rules.</summary>
public class AnalyticsRulesTests
{
    private static readonly LocalDate AsOf = new(2026, 11, 30);

    private static Transaction T(string id, int daysAgo, decimal amount, string? invoice = null) => new(id, AsOf.PlusDays(-daysAgo), amount) { InvoiceId = invoice };

    [Fact]
    public void Rfm1_InvoiceIdsMakeFrequencyCountOrders_NotLines()
    {
        var report = CrmRuleSet.SeedStandard.Analytics.Rfm([T("a", 5, 10m, "i1"), T("a", 5, 20m, "i1"), T("a", 3, 5m, "i2"), T("b", 1, 7m), T("b", 1, 7m)], AsOf);
        Assert.Equal([new RfmFigures("a", 3, 2, 35m), new RfmFigures("b", 1, 2, 14m)], report.Customers.Select(c => c.Figures));
    }

    [Fact]
    public void Rfm1_CustomersWithOnlyCancellations_AreListed_NotDropped()
    {
        var report = CrmRuleSet.SeedStandard.Analytics.Rfm([T("a", 5, 10m), T("z", 3, -5m), T("y", 2, -1m)], AsOf);
        Assert.Equal(["a"], report.Customers.Select(c => c.CustomerId));
        Assert.Equal(["y", "z"], report.CustomersWithoutPurchase);
    }

    [Fact]
    public void Rfm1_WithCancellationsIgnored_ACustomerWithOnlyCancellationsIsStillListed()
    {
        var rules = TestRules.FromJson("""{ "analytics": { "rfm": { "cancellations": "ignore" } } }""").Analytics;
        var report = rules.Rfm([T("a", 5, 10m), T("bob@example.com", 3, -5m)], AsOf);
        Assert.Equal(["bob@example.com"], report.CustomersWithoutPurchase);
        Assert.Equal([new RfmFigures("a", 5, 1, 10m)], report.Customers.Select(c => c.Figures));
    }

    [Fact]
    public void Grade7_AServiceListNullFromCode_IsReported_NotACompileCrash()
    {
        var options = new CrmRulesOptions();
        options.Analytics.KeyAccounts.Classes[0].Service = null!;
        Assert.Equal(
            ["analytics.keyAccounts.classes[0].service: must be a list of texts (an empty list for none), without null entries"],
            Crm.Rules.Configuration.CrmRulesValidation.Validate(options).Select(e => e.ToString()));
    }

    [Fact]
    public void Rfm1_TheTallyCountsWhatItLeftOut()
    {
        var tally = CrmRuleSet.SeedStandard.Analytics.StartRfm(AsOf);
        foreach (var t in new[] { T("a", 5, 10m), T("a", -1, 10m), T("a", 2, -3m) })
        {
            tally.Add(t);
        }

        Assert.Equal((3L, 1L, 1L), (tally.Lines, tally.LinesAfterAnalysisDate, tally.CancellationLines));
        Assert.Equal([new RfmFigures("a", 5, 1, 7m)], tally.Figures());
    }

    [Fact]
    public void Rfm1_ALineWithoutACustomerId_IsRefused()
        => Assert.Throws<ArgumentException>(() => CrmRuleSet.SeedStandard.Analytics.StartRfm(AsOf).Add(T("", 1, 1m)));

    [Theory]
    [InlineData(0, 1, 0, 5, 1, 1)]
    [InlineData(30, 2, 99.99, 5, 2, 1)]
    [InlineData(31, 3, 100, 4, 3, 2)]
    [InlineData(90, 4, 499.99, 4, 3, 2)]
    [InlineData(91, 5, 500, 3, 4, 3)]
    [InlineData(365, 9, 4999.99, 2, 4, 4)]
    [InlineData(366, 10, 5000, 1, 5, 5)]
    public void Rfm1_FixedBands_ScoreAtTheirThresholds(int days, int frequency, double monetary, int r, int f, int m)
        => Assert.Equal(new RfmScores(r, f, m), CrmRuleSet.SeedStandard.Analytics.BandScores(new RfmFigures("c", days, frequency, (decimal)monetary)));

    [Fact]
    public void Rfm1_BandScoring_DoesNotDependOnTheOtherCustomers()
    {
        var rules = TestRules.FromJson("""{ "analytics": { "rfm": { "scoring": "bands" } } }""").Analytics;
        var alone = rules.Rfm([T("a", 10, 600m)], AsOf).Customers[0];
        var among = rules.Rfm([T("a", 10, 600m), T("b", 400, 1m), T("c", 1, 99_999m), T("c", 2, 1m)], AsOf).Customers[0];
        Assert.Equal(new RfmScores(5, 1, 3), alone.Scores);
        Assert.Equal(alone.Scores, among.Scores);
    }

    [Fact]
    public void Rfm1_Grade8_TheReportCountsSegmentsInTableOrder_AndTiersByMonetary()
    {
        var log = Enumerable.Range(1, 25).SelectMany(i => Enumerable.Range(0, i % 5 + 1).Select(k => T($"c{i:00}", i * 10 + k, k == 0 ? i * 10m : 0m))).ToList();
        var rules = CrmRuleSet.SeedStandard.Analytics;
        var report = rules.Rfm(log, AsOf);

        Assert.Equal(rules.Segments.Select(s => s.Name), report.SegmentCounts.Select(c => c.Key));
        Assert.Equal(25, report.SegmentCounts.Sum(c => c.Value));
        // 25 customers: diamond ⌊0.08·25⌋ = 2, gold ⌊0.23·25⌋ − 2 = 3, by monetary (highest: c25, c24 …).
        Assert.Equal(["c24", "c25"], report.Customers.Where(c => c.VipTier == "diamond").Select(c => c.CustomerId));
        Assert.Equal(["c21", "c22", "c23"], report.Customers.Where(c => c.VipTier == "gold").Select(c => c.CustomerId));
        Assert.All(report.Customers, c => Assert.Equal(rules.Fingerprint, c.Fingerprint));
    }

    [Fact]
    public void Rfm1_AScoreExplainsItselfWithTheFiguresThatEarnedIt()
    {
        var report = CrmRuleSet.SeedStandard.Analytics.Rfm([T("a", 1, 100m), T("a", 2, 100m), T("b", 10, 50m), T("c", 100, 5m), T("d", 200, 1m), T("e", 300, 0m)], AsOf);
        var a = report.Customers[0];
        Assert.Equal(
            [
                "R 5: 1 days since the last purchase; customers with 1 days score 5 (quintiles of 5 customers)",
                "F 5: 2 purchases; customers with 2 purchases score 5 (quintiles of 5 customers)",
                "M 5: 200 spent; customers with 200 spent score 5 (quintiles of 5 customers)",
                "segment champions: the first row that holds R5 F5 M5 (champions: R 4–5, F 4–5, M 4–5)",
                "VIP tier gold by monetary value (GRADE-8)",
            ],
            report.Explain(a));
        Assert.Equal("a: R5 F5 M5 → champions (gold)", a.ToString());
        // Four customers with one purchase tie at rank 0: they all score 1.
        Assert.Equal(new ScoreCut(1, 1, 1), report.FrequencyCuts[0]);
        Assert.Equal(new ScoreCut(2, null, null), report.FrequencyCuts[1]);
    }

    [Fact]
    public void Rfm1_UnderBands_TheExplanationNamesTheBand()
    {
        var report = TestRules.FromJson("""{ "analytics": { "rfm": { "scoring": "bands" } } }""").Analytics.Rfm([T("a", 45, 700m), T("a", 50, 1m)], AsOf);
        Assert.Equal(
            [
                "R 4: 45 days since the last purchase; customers with 45 days score 4 (fixed bands: 31 to 90 days)",
                "F 2: 2 purchases; customers with 2 purchases score 2 (fixed bands: at least 2, below 3)",
                "M 3: 701 spent; customers with 701 spent score 3 (fixed bands: at least 500, below 1000)",
            ],
            report.Explain(report.Customers[0]).Take(3));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("""{ "analytics": { "rfm": { "segments": [ { "name": "fresh", "recency": { "min": 4 } }, { "name": "big", "monetary": { "min": 5 }, "frequency": { "max": 2 } }, { "name": "rest" } ] } } }""")]
    public void Rfm1_EveryScoreTriple_TakesTheFirstRowThatHoldsIt(string? json)
    {
        // The segment of each of the 125 triples is read from a table made when the rules are compiled: the same row
        // the table's own search finds first, for the seed's segments and for a host's.
        var analytics = json is null ? CrmRuleSet.SeedStandard.Analytics : TestRules.FromJson(json).Analytics;
        for (var r = 1; r <= RfmSegments.Bins; r++)
        {
            for (var f = 1; f <= RfmSegments.Bins; f++)
            {
                for (var m = 1; m <= RfmSegments.Bins; m++)
                {
                    Assert.Same(analytics.Segments[RfmSegments.Find(analytics.Segments, r, f, m)], analytics.Segment(new RfmScores(r, f, m)));
                }
            }
        }
    }

    [Fact]
    public void Rfm1_ScoresOutsideOneToFive_AreRefused()
        => Assert.Throws<ArgumentOutOfRangeException>(() => CrmRuleSet.SeedStandard.Analytics.Segment(new RfmScores(0, 3, 3)));

    [Fact]
    public void Rfm1_ImpossibleFigures_AreRefused()
        => Assert.Throws<ArgumentException>(() => CrmRuleSet.SeedStandard.Analytics.Score([new RfmFigures("a", -1, 1, 1m)]));

    [Fact]
    public void Rfm1_Grade1_TheSeedModelTakesTheMappedScores_TheHostGivesTheRest()
    {
        var rules = TestRules.FromJson("""{ "analytics": { "gradingIndicators": { "historicalAmount": "monetaryScore", "frequency": "frequencyScore" } } }""");
        var report = rules.Analytics.Rfm(Enumerable.Range(1, 10).Select(i => T($"c{i:00}", i, i * 100m)), AsOf);
        var top = report.Customers[^1];
        var values = rules.Analytics.IndicatorValues(top);

        Assert.Equal([Crm.Rules.Scoring.IndicatorValue.FromScore(top.Scores.Monetary), Crm.Rules.Scoring.IndicatorValue.FromScore(top.Scores.Frequency)], values[..2]);
        Assert.All(values[2..], v => Assert.True(v.IsMissing));
        // The seed rejects missing indicators: grading from the history alone needs the host's other four.
        Assert.Equal(Crm.Rules.Scoring.GradeStatus.MissingIndicator, rules.Analytics.Grade(top).Status);
        Assert.Equal([new KeyValuePair<string, RfmIndicatorSource>("historicalAmount", RfmIndicatorSource.MonetaryScore), new("frequency", RfmIndicatorSource.FrequencyScore)], rules.Analytics.GradingIndicators);
    }

    [Fact]
    public void Rfm1_Grade1_AModelOfRfmIndicators_GradesFromTheHistoryAlone_ThroughItsBands()
    {
        var rules = CrmRuleSet.Compile(Crm.Rules.Configuration.CrmRulesJson.Load(RepositoryPaths.Combine("samples", "config", "online-retail.json")));
        // 12 invoices, 12,000 spent, last 10 days ago: monetary ≥ 10,000 → 5, frequency 8–20 → 4, recency 0–30 → 5;
        // 0.5·5 + 0.3·4 + 0.2·5 = 4.7 → A.
        var report = rules.Analytics.Rfm(Enumerable.Range(0, 12).Select(i => T("big", 10 + i, 1000m, $"i{i}")), AsOf);
        var outcome = rules.Analytics.Grade(report.Customers[0]);
        Assert.Equal(("A", 4.7m), (outcome.Grade!.Name, outcome.Total));
    }

    [Theory]
    [InlineData(0.29994, "0.2999", true)]
    [InlineData(0.29995, "0.3", false)]   // rounds half away from zero to 0.3000: not below 0.3
    [InlineData(0.3, "0.3", false)]
    [InlineData(1.0, "1", false)]
    [InlineData(0.0, "0", true)]
    public void ChurnWarning_PAliveIsRoundedThenComparedExactly(double pAlive, string rounded, bool fires)
    {
        var warning = CrmRuleSet.SeedStandard.Analytics.Warn(pAlive);
        Assert.Equal(decimal.Parse(rounded, System.Globalization.CultureInfo.InvariantCulture), warning.ProbabilityAlive);
        Assert.Equal(fires, warning.Fires);
        Assert.Equal($"P(alive) {rounded} {(fires ? "<" : "≥")} 0.3", warning.ToString());
    }

    [Fact]
    public void ChurnWarning_FollowsTheChurnSignal_OneThresholdForBoth()
    {
        var off = TestRules.FromJson("""{ "churn": { "signals": { "lowProbabilityAlive": { "enabled": false } } } }""").Analytics.Warn(0.01);
        Assert.False(off.Fires);
        Assert.Equal("P(alive) 0.01 (churn.signals.lowProbabilityAlive is off)", off.ToString());
        Assert.True(TestRules.FromJson("""{ "churn": { "signals": { "lowProbabilityAlive": { "threshold": 0.6 } } } }""").Analytics.Warn(0.55).Fires);
        Assert.Equal(0.6m, TestRules.FromJson("""{ "churn": { "signals": { "lowProbabilityAlive": { "threshold": 0.6 } } } }""").Analytics.ProbabilityAliveBelow);
    }

    [Fact]
    public void ChurnWarning_TheRoundedPAliveFeedsTheChurnScore_WithEvidence()
    {
        var rules = CrmRuleSet.SeedStandard;
        var warning = rules.Analytics.Warn(0.123456);
        var assessment = rules.Churn.Explain(new Crm.Rules.Churn.ChurnFacts(AsOf) { ProbabilityAlive = warning.ProbabilityAlive, ValueGrade = "A" });
        var signal = Assert.Single(assessment.FiredSignals);
        Assert.Equal(Crm.Rules.Churn.ChurnSignal.LowProbabilityAlive, signal.Signal);
        Assert.Equal("P(alive) 0.1235 below 0.3: by the BG/NBD model of the purchase history the customer has probably stopped buying", signal.Evidence);
        Assert.Equal(3, assessment.Dimensions[0].Score);
        Assert.Empty(rules.Churn.Explain(new Crm.Rules.Churn.ChurnFacts(AsOf) { ProbabilityAlive = 0.3m }).FiredSignals);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    public void ChurnWarning_NotAProbability_IsRefused(double pAlive)
        => Assert.Throws<ArgumentOutOfRangeException>(() => CrmRuleSet.SeedStandard.Analytics.Warn(pAlive));

    [Fact]
    public void Models_AnInvalidSummary_IsRefusedWithTheReason()
    {
        var e = Assert.Throws<ArgumentException>(() => CrmRuleSet.SeedStandard.Analytics.FitBgNbd([new PurchaseSummary(2, 40, 30)]));
        Assert.StartsWith("not a valid summary: x 2, t_x 40, T 30", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => CrmRuleSet.SeedStandard.Analytics.FitBgNbd([]));
    }

    [Fact]
    public void Models_GammaGamma_CountsTheCustomersItLeftOut()
    {
        CustomerHistory[] customers =
        [
            new("a", new(2, 10, 20), 15m), new("b", new(1, 5, 20), 30m), new("c", new(3, 15, 20), 12m), new("d", new(0, 0, 20), 0m), new("e", new(1, 3, 20), 0m),
        ];
        var model = CrmRuleSet.SeedStandard.Analytics.FitGammaGamma(customers);
        Assert.Equal((3, 2), (model.Customers, model.LeftOut));
        Assert.Throws<ArgumentException>(() => CrmRuleSet.SeedStandard.Analytics.FitGammaGamma([customers[3]]));
    }

    [Fact]
    public void Models_TheFitSettingsAreConfiguration()
    {
        PurchaseSummary[] customers = [new(2, 30.43, 38.86), new(0, 0, 38.86), new(1, 2, 30), new(5, 35, 38)];
        var capped = TestRules.FromJson("""{ "analytics": { "modelFit": { "maximumIterations": 10 } } }""").Analytics.FitBgNbd(customers);
        var full = CrmRuleSet.SeedStandard.Analytics.FitBgNbd(customers);
        Assert.False(capped.Converged);
        Assert.Equal(10, capped.Iterations);
        Assert.True(full.LogLikelihood > capped.LogLikelihood);
        Assert.Equal(4, full.Customers);
    }

    [Fact]
    public void Models_PublishedParameters_GiveThePapersExample()
    {
        // Fader, Hardie & Lee (2005): x = 2, t_x = 30.43, T = 38.86, next 39 weeks → 1.226.
        var model = BgNbdModel.FromParameters(0.243, 4.414, 0.793, 2.426);
        Assert.Equal(1.226, model.ExpectedPurchases(new PurchaseSummary(2, 30.43, 38.86), 39), 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => BgNbdModel.FromParameters(0, 1, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.ExpectedPurchases(new PurchaseSummary(2, 30.43, 38.86), -1));
    }

    [Fact]
    public void DependencyInjection_GivesTheAnalyticsOfTheRuleSetInForce()
    {
        using var provider = new ServiceCollection().AddCrmRules(o => o.Churn.Signals["lowProbabilityAlive"].Threshold = 0.5m).BuildServiceProvider();
        var analytics = provider.GetRequiredService<ICustomerAnalytics>();
        Assert.True(analytics.Warn(0.4).Fires);
        Assert.Equal(provider.GetRequiredService<ICrmRuleSetProvider>().Current.Fingerprint, analytics.Warn(0.4).Fingerprint);
    }
}
