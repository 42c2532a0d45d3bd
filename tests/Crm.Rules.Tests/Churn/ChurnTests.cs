using Crm.Rules.Churn;
using Crm.Rules.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace Crm.Rules.Tests.Churn;

[Properties(Arbitrary = [typeof(ChurnArbitraries)], MaxTest = PropertyRuns.MaxTest)]
public class ChurnTests
{
    private static readonly ChurnRules Seed = CrmRuleSet.SeedStandard.Churn;
    private static readonly LocalDate Today = new(2026, 11, 24);
    private static readonly ChurnFacts Quiet = new(Today) { ValueGrade = "C" };

    private static string[] Fired(ChurnFacts facts) => Seed.Explain(in facts).FiredSignals.Select(s => ChurnWords.Of(s.Signal)).ToArray();

    [Fact]
    public void Churn1_NoUseForThreeMonths_Or30DaysOfNoLogin()
    {
        Assert.Equal(["noUse"], Fired(Quiet with { LastUse = Today.PlusDays(-90) }));
        Assert.Empty(Fired(Quiet with { LastUse = Today.PlusDays(-89) }));
        Assert.Equal(["noUse"], Fired(Quiet with { LastUse = Today.PlusDays(-30), LoginBased = true }));
        Assert.Empty(Fired(Quiet with { LastUse = Today.PlusDays(-29), LoginBased = true }));
        Assert.Equal("no use for 99 days since 2026-08-17 (threshold 90)", Seed.Explain(Quiet with { LastUse = new LocalDate(2026, 8, 17) }).FiredSignals.Single().Evidence);
    }

    [Fact]
    public void Churn1_AmountDownByHalfMonthOverMonth()
    {
        Assert.Equal(["amountDrop"], Fired(Quiet with { AmountLastMonth = 100_000m, AmountThisMonth = 50_000m }));
        Assert.Empty(Fired(Quiet with { AmountLastMonth = 100_000m, AmountThisMonth = 50_000.01m }));
        Assert.Empty(Fired(Quiet with { AmountLastMonth = 0m, AmountThisMonth = 0m }));
    }

    [Fact]
    public void Churn1_CompetitorInquiryAndKeyContactLeftWithoutReplacement()
    {
        Assert.Equal(["competitorInquiry"], Fired(Quiet with { CompetitorInquiry = true }));
        Assert.Equal(["keyContactLeft"], Fired(Quiet with { KeyContactLeft = true }));
        Assert.Empty(Fired(Quiet with { KeyContactLeft = true, KeyContactReplaced = true }));
    }

    [Fact]
    public void Churn2_AttitudeSignals()
    {
        Assert.Equal(["contactFrequencyDrop"], Fired(Quiet with { ContactsPerMonthBefore = 4, ContactsPerMonthNow = 1 })); // weekly → monthly
        Assert.Empty(Fired(Quiet with { ContactsPerMonthBefore = 4, ContactsPerMonthNow = 2 }));
        Assert.Equal(["negativeFeedback"], Fired(Quiet with { NegativeFeedback = true }));
        Assert.Equal(["renewalRefused"], Fired(Quiet with { RenewalRefused = true }));
        Assert.Equal(["unresolvedComplaints"], Fired(Quiet with { UnresolvedComplaints = 1 }));
    }

    [Fact]
    public void Churn3_DimensionsStartAt1_SignalsAddPoints_CappedAt5_ValueFromGrade()
    {
        var outcome = Seed.Score(Quiet with { LastUse = Today.PlusDays(-100), AmountLastMonth = 10, AmountThisMonth = 1, CompetitorInquiry = true, RenewalRefused = true, ValueGrade = "A" });
        Assert.Equal((5, 3, 5, 13), (outcome.Behaviour, outcome.Attitude, outcome.Value, outcome.Total)); // 1+2+2+1 capped; 1+2; A
        Assert.Equal(3, Seed.Score(new ChurnFacts(Today)).Value); // no grade
        Assert.Equal(3, Seed.Score(new ChurnFacts(Today)).Total - 2);
    }

    [Theory]
    [InlineData(3, 2, 2, "low")]
    [InlineData(3, 3, 1, "low")] // 7
    [InlineData(3, 3, 2, "medium")] // 8
    [InlineData(4, 4, 3, "medium")] // 11
    [InlineData(4, 4, 4, "high")] // 12
    [InlineData(5, 5, 5, "high")]
    public void Churn3_BandBoundaries(int behaviour, int attitude, int value, string band)
        => Assert.Equal(band, Seed.Explain(behaviour, attitude, value).Band.Name);

    [Fact]
    public void Churn3_ScoresOutsideOneToFiveAreRefused()
        => Assert.Throws<ArgumentOutOfRangeException>(() => Seed.Score(6, 1, 1));

    [Fact]
    public void Churn4_Playbooks()
    {
        var high = Seed.Explain(5, 4, 3).Playbook;
        Assert.Equal("salesDirector", high.OwnerRole);
        Assert.Equal(["churn-cause-analysis", "churn-executive-talk"], high.SlaPolicies);
        Assert.Contains("analyse the cause within 24 h", high.Actions);
        Assert.Equal(Period.FromWeeks(1), Seed.Explain(3, 3, 3).Playbook.FollowUp);
        Assert.Equal("salesManager", Seed.Explain(3, 3, 3).Playbook.OwnerRole);
        Assert.Null(Seed.Explain(1, 1, 1).Playbook.FollowUp);
        Assert.Equal(TimeSpanHours(24), CrmRuleSet.SeedStandard.Sla.FindPolicy(high.SlaPolicies[0])!.Target);
    }

    [Fact]
    public void Churn5_NoInteractionOrPurchaseForThreeMonthsTagsTheCustomer()
    {
        var tagged = Seed.Explain(Quiet with { LastInteraction = Today.PlusDays(-95), LastPurchase = Today.PlusDays(-120) });
        Assert.True(tagged.ChurnRiskTag);
        Assert.Equal("no interaction or purchase for 95 days since 2026-08-21 (threshold 90)", tagged.TagEvidence);
        Assert.False(Seed.Explain(Quiet with { LastInteraction = Today.PlusDays(-95), LastPurchase = Today.PlusDays(-10) }).ChurnRiskTag);
    }

    [Fact]
    public void Trend_AgainstThePreviousAssessment()
    {
        Assert.Equal(ChurnTrend.Worsening, Seed.Explain(4, 4, 4, previousTotal: 9).Trend);
        Assert.Equal(ChurnTrend.Improving, Seed.Explain(1, 1, 1, previousTotal: 9).Trend);
        Assert.Equal(ChurnTrend.Steady, Seed.Explain(3, 3, 3, previousTotal: 9).Trend);
        Assert.Equal(ChurnTrend.Unknown, Seed.Explain(3, 3, 3).Trend);
    }

    [Fact]
    public void SignalsAreConfigurable()
    {
        var rules = TestRules.FromJson("""{ "churn": { "signals": { "noUse": { "threshold": 60 }, "competitorInquiry": { "enabled": false } } } }""").Churn;
        var facts = Quiet with { LastUse = Today.PlusDays(-60), CompetitorInquiry = true };
        Assert.Equal([ChurnSignal.NoUse], rules.Explain(in facts).FiredSignals.Select(s => s.Signal));
        Assert.Contains("churn.signals.noUSE: is not a signal detector", TestRules.ProblemsOf("""{ "churn": { "signals": { "noUSE": {} } } }""").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_AgreesWithSingleScoring()
    {
        ChurnFacts[] facts = [Quiet, Quiet with { RenewalRefused = true, ValueGrade = "A" }, Quiet with { LastUse = Today.PlusDays(-200) }];
        var outcomes = new ChurnOutcome[3];
        Seed.ScoreBatch(facts, outcomes);
        Assert.Equal(facts.Select(f => Seed.Score(in f)), outcomes);
    }

    [Property]
    public bool FiringOneMoreSignalNeverLowersTheTotal(ChurnCase c, ExtraSignal extra)
    {
        var facts = c.Facts(Today);
        var more = extra switch
        {
            ExtraSignal.CompetitorInquiry => facts with { CompetitorInquiry = true },
            ExtraSignal.RenewalRefused => facts with { RenewalRefused = true },
            ExtraSignal.Complaint => facts with { NegativeFeedback = true, UnresolvedComplaints = facts.UnresolvedComplaints + 1 },
            _ => facts with { LastUse = Today.PlusDays(-400) },
        };
        var before = Seed.Score(in facts);
        var after = Seed.Score(in more);
        return after.Total >= before.Total && after.Band <= before.Band;
    }

    // A lower P(alive) (a customer the purchase history says has more probably stopped) never lowers the risk.
    [Property]
    public bool ALowerProbabilityAliveNeverLowersTheTotal(ChurnCase c, int lower)
    {
        var facts = c.Facts(Today);
        var less = facts with { ProbabilityAlive = facts.ProbabilityAlive is { } p ? Math.Max(0m, p - Math.Abs(lower % 10_000) / 10_000m) : 0m };
        return Seed.Score(in less).Total >= Seed.Score(in facts).Total;
    }

    [Fact]
    public void BandsPartitionThreeToFifteen()
    {
        var all = from b in Enumerable.Range(1, 5) from a in Enumerable.Range(1, 5) from v in Enumerable.Range(1, 5) select Seed.Score(b, a, v);
        foreach (var group in all.GroupBy(o => o.Total))
        {
            Assert.Single(group.Select(o => o.Band).Distinct());
        }

        Assert.Equal(Enumerable.Range(3, 13), all.Select(o => o.Total).Distinct().Order());
        var bandOfTotal = Enumerable.Range(3, 13).Select(t => all.First(o => o.Total == t).Band).ToArray();
        Assert.True(bandOfTotal.Zip(bandOfTotal.Skip(1)).All(p => p.First >= p.Second), "a higher total never falls in a lower-risk band");
    }

    [Property]
    public bool EveryTotalLiesBetweenThreeAndFifteen(ChurnCase c)
    {
        var facts = c.Facts(Today);
        return Seed.Score(in facts).Total is >= 3 and <= 15;
    }

    private static Duration TimeSpanHours(int hours) => Duration.FromHours(hours);
}

/// <summary>A signal a property adds to a customer's facts.</summary>
public enum ExtraSignal
{
    CompetitorInquiry,
    RenewalRefused,
    Complaint,
    LongSilence,
}

public static class ChurnArbitraries
{
    public static Arbitrary<ChurnCase> ChurnCase() => CrmGen.ChurnCases();
}

public class ChurnClosedSetTests
{
    private static readonly ChurnRules Seed = CrmRuleSet.SeedStandard.Churn;

    [Fact]
    public void BandsAreValuesWithRankAndName_RiskierComparesLower()
    {
        Assert.Equal([new ChurnBand(0, "high"), new ChurnBand(1, "medium"), new ChurnBand(2, "low")], Seed.Bands.Select(b => b.Band));
        var high = Seed.Score(5, 5, 5).Band;
        var low = Seed.Score(1, 1, 1).Band;
        Assert.True(high < low);
        Assert.Equal("high", high.ToString());
        Assert.Equal("(no band)", default(ChurnBand).ToString());
    }

    [Fact]
    public void SignalsAndDimensionsAreEnumsWithTheirJsonWords()
    {
        Assert.Equal(
            ["noUse", "amountDrop", "competitorInquiry", "keyContactLeft", "contactFrequencyDrop", "negativeFeedback", "renewalRefused", "unresolvedComplaints", "lowProbabilityAlive"],
            Seed.Signals.Select(ChurnWords.Of));
        Assert.Equal(Seed.Signals.Select(ChurnWords.Of), CrmRulesOptions.SeedStandard().Churn.Signals.Keys);
        Assert.Equal(["behaviour", "attitude", "value"], Enum.GetValues<ChurnDimension>().Select(ChurnWords.Of));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChurnWords.Of((ChurnSignal)42));
    }

    [Fact]
    public void ResultsReadAsText()
    {
        var facts = new ChurnFacts(new NodaTime.LocalDate(2026, 11, 24)) { LastUse = new NodaTime.LocalDate(2026, 8, 17), ValueGrade = "A", RenewalRefused = true };
        var assessment = Seed.Explain(in facts, previousTotal: 9);
        Assert.Equal(
            "medium (11: behaviour 3, attitude 3, value 5); noUse +2: no use for 99 days since 2026-08-17 (threshold 90); renewalRefused +2: refused renewal talks; trend worsening",
            assessment.ToString());
        Assert.Equal("medium (11: behaviour 3, attitude 3, value 5)", Seed.Score(in facts).ToString());
        Assert.Equal("'Z' is not a grade of churn.valueScores (grades: A, B, C): scored 3 as ungraded", Seed.Explain(facts with { ValueGrade = "Z" }).Dimensions[2].Signals[0].Evidence);
    }
}
