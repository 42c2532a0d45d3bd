using Crm.Rules.Analytics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace Crm.Rules.Tests.Analytics;

/// <summary>GRADE-7 key-account value classes: strategic (high CLV, long cycle), profit (high frequency and unit price), potential (low value, high growth).</summary>
public class KeyAccountTests
{
    private static readonly LocalDate AsOf = new(2026, 11, 30);
    private static readonly AnalyticsRules Seed = CrmRuleSet.SeedStandard.Analytics;

    private static Transaction T(string id, int daysAgo, decimal amount) => new(id, AsOf.PlusDays(-daysAgo), amount);

    // Ten customers: f01…f05 buy often and big (profit material), g01 was small and grew, s01/s02 have bought for years.
    private static IEnumerable<Transaction> Log()
    {
        for (var i = 1; i <= 5; i++)
        {
            for (var k = 0; k < 10 + i; k++)
            {
                yield return T($"f{i:00}", 5 + (k * 20), 500m + (i * 10));
            }
        }

        yield return T("g01", 300, 10m);
        yield return T("g01", 10, 16m);
        yield return T("s01", 900, 100m);
        yield return T("s01", 30, 100m);
        yield return T("s02", 800, 50m);
        yield return T("x01", 3, 1m);
    }

    private static KeyAccountReport Classify(AnalyticsRules rules, IReadOnlyDictionary<string, decimal>? clv = null)
    {
        var tally = rules.StartRfm(AsOf);
        foreach (var t in Log())
        {
            tally.Add(t);
        }

        return rules.KeyAccounts(rules.Rfm(tally), tally.Trends(), clv);
    }

    [Fact]
    public void Grade7_ProfitTakesFrequentBigBuyers_PotentialTakesSmallGrowingOnes_StrategicNeedsALifetimeValue()
    {
        var report = Classify(Seed);
        var classes = report.Customers.ToDictionary(c => c.CustomerId, c => c.Class?.Name);

        Assert.Equal("profit", classes["f05"]);
        Assert.Equal("potential", classes["g01"]);   // 16 after 10: +60 % over the last 182 days, monetary score 1
        Assert.Null(classes["s01"]);                 // a long customer, but no lifetime value given
        Assert.Equal(["strategic", "profit", "potential"], report.ClassCounts.Select(c => c.Key));
        Assert.Equal(0, report.ClassCounts[0].Value);
    }

    [Fact]
    public void Grade7_WithLifetimeValues_TheLongHighValueCustomerIsStrategic()
    {
        var clv = new Dictionary<string, decimal> { ["s01"] = 9000m, ["s02"] = 8000m, ["f01"] = 10m, ["f02"] = 20m, ["g01"] = 5m, ["x01"] = 1m };
        var report = Classify(Seed, clv);
        var s01 = report.Customers.Single(c => c.CustomerId == "s01");

        Assert.Equal("strategic", s01.Class?.Name);
        Assert.Equal(900m, report.ValueOf(s01, KeyAccountMeasure.TenureDays));
        Assert.Equal(5, report.ScoreOf(s01, KeyAccountMeasure.LifetimeValue));
        Assert.Equal(
            [
                "strategic: met — lifetime value 9000 (score 5) meets score ≥ 4; tenure days 900 (score 5) meets ≥ 365",
                "class strategic, the first class met (GRADE-7)",
            ],
            report.Explain(s01));
        Assert.Equal(["a dedicated account manager and technical advisor team", "a 24-hour response channel"], s01.Class!.Service);
        Assert.All(report.Customers, c => Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, c.Fingerprint));
    }

    [Fact]
    public void Grade7_AnUnmetClassIsExplainedConditionByCondition()
    {
        var report = Classify(Seed);
        var x01 = report.Customers.Single(c => c.CustomerId == "x01");
        var lines = report.Explain(x01);

        Assert.Equal("strategic: not met — lifetime value: none (no lifetime value for this customer), not met; tenure days 3 (score 1) does not meet ≥ 365", lines[0]);
        Assert.StartsWith("potential: not met — monetary 1 (score 1) meets score ≤ 2; growth: none (no spend in the window before), not met", lines[2], StringComparison.Ordinal);
        Assert.Equal("no key-account class: no class met", lines[^1]);
    }

    [Fact]
    public void Grade7_GrowthComparesTheLastWindowWithTheOneBefore_RefundsIncluded()
    {
        var tally = new RfmTally(AsOf, growthWindowDays: 30);
        foreach (var t in new[] { T("a", 0, 100m), T("a", 29, 50m), T("a", 30, 100m), T("a", 59, -20m), T("a", 60, 999m), T("b", 10, 5m) })
        {
            tally.Add(t);
        }

        var trends = tally.Trends();
        Assert.Equal(new CustomerTrend("a", 60, 150m, 80m), trends[0]);
        Assert.Equal(0.875m, trends[0].Growth);
        Assert.Null(trends[1].Growth);
        Assert.Equal("a: 60 days, spend 150 after 80 (+87.5 %)", trends[0].ToString());
    }

    [Theory]
    [InlineData("""{ "analytics": { "keyAccounts": { "growthWindowDays": 0 } } }""", "analytics.keyAccounts.growthWindowDays: must be between 1 and 36,500 days; got 0")]
    [InlineData("""{ "analytics": { "keyAccounts": { "classes": [ { "name": "all", "when": [] } ] } } }""", "analytics.keyAccounts.classes[0].when: must list at least one condition, without null entries (a class with none would take every customer)")]
    [InlineData("""{ "analytics": { "keyAccounts": { "classes": [ { "name": "x", "when": [ { "measure": "growth" } ] } ] } } }""", "analytics.keyAccounts.classes[0].when[0]: must bound the measure: give minScore, maxScore, atLeast or atMost")]
    [InlineData("""{ "analytics": { "keyAccounts": { "classes": [ { "name": "x", "when": [ { "measure": "growth", "minScore": 6 } ] } ] } } }""", "analytics.keyAccounts.classes[0].when[0].minScore: must be a score from 1 to 5; got 6")]
    [InlineData("""{ "analytics": { "keyAccounts": { "classes": [ { "name": "x", "when": [ { "measure": "growth", "minScore": 4, "maxScore": 3 } ] } ] } } }""", "analytics.keyAccounts.classes[0].when[0].maxScore: must not be below minScore (4); got 3")]
    [InlineData("""{ "analytics": { "keyAccounts": { "classes": [ { "name": "x", "when": [ { "measure": "tenureDays", "atLeast": 10, "atMost": 5 } ] } ] } } }""", "analytics.keyAccounts.classes[0].when[0].atMost: must not be below atLeast (10); got 5")]
    [InlineData("""{ "analytics": { "keyAccounts": { "classes": [ { "name": "x", "when": [ { "measure": "margin", "atLeast": 1 } ] } ] } } }""", "analytics.keyAccounts.classes[0].when[0].measure: must be one of \"monetary\", \"frequency\", \"recencyDays\", \"averageOrderValue\", \"tenureDays\", \"growth\", \"lifetimeValue\", not the text \"margin\"")]
    [InlineData("""{ "analytics": { "keyAccounts": { "classes": [ { "name": "x", "when": [ { "measure": "growth", "atLeast": 1 } ] }, { "name": "x", "when": [ { "measure": "growth", "atLeast": 2 } ] } ] } } }""", "analytics.keyAccounts.classes[1].name: 'x' is already the name of analytics.keyAccounts.classes[0]; key-account class names must be unique")]
    public void Grade7_InvalidSettingsAreReportedAloneWithTheirPath(string json, string expected)
        => Assert.Equal([expected], TestRules.ProblemsOf(json));

    private static Arbitrary<Transaction[]> Logs => AnalyticsProperties.Logs;

    // The classes depend on the customers, not on the order of the lines; and a customer's class is the first class
    // whose conditions all hold, as the report's own measures and scores say.
    [Property(MaxTest = PropertyRuns.MaxTest)]
    public Property Grade7_TheFirstClassMetIsTaken_WhateverTheOrderOfTheLog()
        => Prop.ForAll(Logs, log =>
        {
            var rules = Seed;
            KeyAccountReport Run(IEnumerable<Transaction> lines)
            {
                var tally = rules.StartRfm(new LocalDate(2026, 11, 30));
                foreach (var t in lines)
                {
                    tally.Add(t);
                }

                var clv = tally.Figures().ToDictionary(f => f.CustomerId, f => f.Monetary * 2);
                return rules.KeyAccounts(rules.Rfm(tally), tally.Trends(), clv);
            }

            var forward = Run(log);
            var backward = Run(log.Reverse());
            var sameClasses = forward.Customers.Select(c => c.Class?.Name).SequenceEqual(backward.Customers.Select(c => c.Class?.Name));
            var firstMet = forward.Customers.All(c => c.Class == rules.KeyAccountClasses.FirstOrDefault(k =>
                k.Conditions.All(cond => cond.IsMetBy(forward.ScoreOf(c, cond.Measure), forward.ValueOf(c, cond.Measure)))));
            return sameClasses && firstMet;
        });
}
