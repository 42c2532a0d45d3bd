using Crm.Rules.Churn;
using NodaTime;

namespace Crm.Rules.Tests.Churn;

/// <summary>
/// The seed standard's churn numbers (CHURN-1 … CHURN-5) from a fresh compile of the default options:
/// <see cref="CrmRuleSet.SeedStandard"/> is built once per process and would hide a changed default.
/// </summary>
public class ChurnSeedDefaultsTests
{
    private static readonly ChurnRules Fresh = TestRules.FreshSeed().Churn;
    private static readonly LocalDate Today = new(2026, 11, 24);

    [Fact]
    public void Churn1_And2_EveryDetectorWithItsDimensionPointsAndThreshold()
    {
        var all = new ChurnFacts(Today)
        {
            LastUse = Today.PlusDays(-90), AmountLastMonth = 10m, AmountThisMonth = 5m, CompetitorInquiry = true, KeyContactLeft = true,
            ContactsPerMonthBefore = 4m, ContactsPerMonthNow = 1m, NegativeFeedback = true, RenewalRefused = true, UnresolvedComplaints = 1,
        };
        var fired = Fresh.Explain(in all).FiredSignals.Select(s => (ChurnWords.Of(s.Signal), ChurnWords.Of(s.Dimension), s.Points)).ToArray();
        Assert.Equal(
            [
                ("noUse", "behaviour", 2), ("amountDrop", "behaviour", 2), ("competitorInquiry", "behaviour", 1), ("keyContactLeft", "behaviour", 1),
                ("contactFrequencyDrop", "attitude", 1), ("negativeFeedback", "attitude", 1), ("renewalRefused", "attitude", 2), ("unresolvedComplaints", "attitude", 1),
            ],
            fired);
        Assert.Equal("no use for 90 days since 2026-08-26 (threshold 90)", Fresh.Explain(new ChurnFacts(Today) { LastUse = Today.PlusDays(-90) }).FiredSignals.Single().Evidence);
        Assert.Equal("no login for 30 days since 2026-10-25 (threshold 30)", Fresh.Explain(new ChurnFacts(Today) { LastUse = Today.PlusDays(-30), LoginBased = true }).FiredSignals.Single().Evidence);
        Assert.Empty(Fresh.Explain(new ChurnFacts(Today) { LastUse = Today.PlusDays(-29), LoginBased = true, AmountLastMonth = 10m, AmountThisMonth = 5.01m, ContactsPerMonthBefore = 4m, ContactsPerMonthNow = 1.01m }).FiredSignals);
    }

    [Fact]
    public void Churn3_ValueScoresAndTheUngradedScore()
        => Assert.Equal([5, 3, 1, 3], new[] { "A", "B", "C", null }.Select(g => (int)Fresh.Score(new ChurnFacts(Today) { ValueGrade = g }).Value));

    [Fact]
    public void Churn3_And4_BandsWithTheirPlaybooks()
    {
        Assert.Equal(
            [
                ("high", "salesDirector", 4, "churn-cause-analysis, churn-executive-talk", (Period?)Period.FromWeeks(1)),
                ("medium", "salesManager", 2, "", Period.FromWeeks(1)),
                ("low", "customerService", 1, "", null),
            ],
            Fresh.Bands.Select(b => (b.Band.Name, b.OwnerRole, b.Actions.Count, string.Join(", ", b.SlaPolicies), b.FollowUp)));
        Assert.Equal(["low", "medium", "medium", "high"], new[] { (1, 1, 5), (1, 2, 5), (5, 5, 1), (5, 5, 2) }.Select(s => Fresh.Score(s.Item1, s.Item2, s.Item3).Band.Name));
        Assert.Equal(["track weekly", "record measures, feedback and result"], Fresh.Bands[1].Actions);
    }

    [Fact]
    public void Churn5_TheTagAfterNinetyDays()
    {
        Assert.True(Fresh.Explain(new ChurnFacts(Today) { LastInteraction = Today.PlusDays(-90) }).ChurnRiskTag);
        Assert.False(Fresh.Explain(new ChurnFacts(Today) { LastInteraction = Today.PlusDays(-89) }).ChurnRiskTag);
    }

    [Fact]
    public void Options_TheDefaultsOfAHandBuiltSignal()
    {
        var signal = new ChurnSignalOptions();
        Assert.Equal((true, "behaviour", 1, (decimal?)null, (decimal?)null), (signal.Enabled, signal.Dimension, signal.Points, signal.Threshold, signal.LoginThreshold));
        var band = new ChurnBandOptions();
        Assert.Equal(((int?)null, "", 0, 0, (Period?)null), (band.MinimumTotal, band.OwnerRole, band.Actions.Count, band.SlaPolicies.Count, band.FollowUp));
    }
}
