using Crm.Rules.Churn;
using NodaTime;

namespace Crm.Rules.Tests.Churn;

/// <summary>
/// CHURN-1 … CHURN-5 at exactly the configured thresholds, under non-default configurations, in mixed batches and with
/// unknown grades: the edges the first mutation run found unpinned.
/// </summary>
public class ChurnEdgeTests
{
    private static readonly ChurnRules Seed = CrmRuleSet.SeedStandard.Churn;
    private static readonly LocalDate Today = new(2026, 11, 24);
    private static readonly ChurnFacts Quiet = new(Today) { ValueGrade = "C" };

    private static ChurnRules Rules(string churn) => TestRules.FromJson($$"""{ "churn": {{churn}} }""").Churn;

    private static ChurnSignal[] Fired(ChurnRules rules, ChurnFacts facts) => rules.Explain(in facts).FiredSignals.Select(s => s.Signal).ToArray();

    [Fact]
    public void Churn1_NoUse_AFractionalThresholdIsRoundedUpToWholeDays_LoginFallsBackToIt()
    {
        // 59.5 days: a last use 60 days ago counts, 59 days ago does not; without a login threshold, logins use it too.
        var rules = Rules("""{ "signals": { "noUse": { "threshold": 59.5, "loginThreshold": null } } }""");
        Assert.Equal([ChurnSignal.NoUse], Fired(rules, Quiet with { LastUse = Today.PlusDays(-60) }));
        Assert.Empty(Fired(rules, Quiet with { LastUse = Today.PlusDays(-59) }));
        Assert.Equal([ChurnSignal.NoUse], Fired(rules, Quiet with { LastUse = Today.PlusDays(-60), LoginBased = true }));
        Assert.Empty(Fired(rules, Quiet with { LastUse = Today.PlusDays(-59), LoginBased = true }));
    }

    [Fact]
    public void Churn1_NoUse_WithoutAUseDateNeverFires()
        => Assert.Empty(Fired(Seed, Quiet with { LoginBased = true }));

    [Fact]
    public void Churn1_AmountDrop_AtExactlyTheConfiguredShare()
    {
        // Threshold 0.2: keeping 80 % or less fires, 80.01 % does not.
        var rules = Rules("""{ "signals": { "amountDrop": { "threshold": 0.2 } } }""");
        Assert.Equal([ChurnSignal.AmountDrop], Fired(rules, Quiet with { AmountLastMonth = 1000m, AmountThisMonth = 800m }));
        Assert.Empty(Fired(rules, Quiet with { AmountLastMonth = 1000m, AmountThisMonth = 800.1m }));
        Assert.Empty(Fired(rules, Quiet with { AmountLastMonth = 1000m }));
        Assert.Empty(Fired(rules, Quiet with { AmountThisMonth = 0m }));
    }

    [Fact]
    public void Churn1_AmountDrop_WithThresholdZeroAnyFallFires_AnEqualAmountDoesNot()
    {
        var rules = Rules("""{ "signals": { "amountDrop": { "threshold": 0 } } }""");
        Assert.Equal([ChurnSignal.AmountDrop], Fired(rules, Quiet with { AmountLastMonth = 1000m, AmountThisMonth = 999.99m }));
        Assert.Empty(Fired(rules, Quiet with { AmountLastMonth = 1000m, AmountThisMonth = 1000m }));
        Assert.Empty(Fired(rules, Quiet with { AmountLastMonth = 1000m, AmountThisMonth = 1200m }));
    }

    [Fact]
    public void Churn2_ContactFrequencyDrop_AtExactlyTheFactor()
    {
        // Seed factor 4: 8 → 2 is a drop by exactly 4 and fires; 8 → 2.01 does not; 2 → 0 (contact stopped) fires.
        Assert.Equal([ChurnSignal.ContactFrequencyDrop], Fired(Seed, Quiet with { ContactsPerMonthBefore = 8m, ContactsPerMonthNow = 2m }));
        Assert.Empty(Fired(Seed, Quiet with { ContactsPerMonthBefore = 8m, ContactsPerMonthNow = 2.01m }));
        Assert.Equal([ChurnSignal.ContactFrequencyDrop], Fired(Seed, Quiet with { ContactsPerMonthBefore = 2m, ContactsPerMonthNow = 0m }));
        Assert.Empty(Fired(Seed, Quiet with { ContactsPerMonthBefore = 0m, ContactsPerMonthNow = 0m }));
        Assert.Empty(Fired(Seed, Quiet with { ContactsPerMonthBefore = 8m }));
    }

    [Fact]
    public void Churn2_ContactFrequencyDrop_WithFactorOne_SameFrequencyIsNoDrop()
    {
        var rules = Rules("""{ "signals": { "contactFrequencyDrop": { "threshold": 1 } } }""");
        Assert.Empty(Fired(rules, Quiet with { ContactsPerMonthBefore = 3m, ContactsPerMonthNow = 3m }));
        Assert.Equal([ChurnSignal.ContactFrequencyDrop], Fired(rules, Quiet with { ContactsPerMonthBefore = 3m, ContactsPerMonthNow = 2.99m }));
    }

    [Theory]
    [InlineData("2", 1, false)]
    [InlineData("2", 2, true)]
    [InlineData("1.5", 1, false)]
    [InlineData("1.5", 2, true)]
    [InlineData("0", 0, false)]
    [InlineData("0", 1, true)]
    public void Churn2_UnresolvedComplaints_FromTheConfiguredCount(string threshold, int complaints, bool fires)
    {
        // A fractional count rounds up; a threshold below one still needs one complaint.
        var rules = Rules($$"""{ "signals": { "unresolvedComplaints": { "threshold": {{threshold}} } } }""");
        Assert.Equal(fires, Fired(rules, Quiet with { UnresolvedComplaints = complaints }).Contains(ChurnSignal.UnresolvedComplaints));
    }

    [Fact]
    public void Churn3_PointsAndDimensionsAreConfigurable_BothDimensionsCapAtFive()
    {
        var rules = Rules("""
            { "signals": { "competitorInquiry": { "dimension": "attitude", "points": 4 }, "negativeFeedback": { "points": 3 }, "keyContactLeft": { "points": 0 } } }
            """);
        var facts = Quiet with { CompetitorInquiry = true, NegativeFeedback = true, KeyContactLeft = true };

        var outcome = rules.Score(in facts);
        Assert.Equal((1, 5, 1), (outcome.Behaviour, outcome.Attitude, outcome.Value)); // 1 + 4 + 3 capped; keyContactLeft adds 0
        var explanation = rules.Explain(in facts);
        Assert.Equal([(ChurnSignal.KeyContactLeft, 0)], explanation.Dimensions[0].Signals.Select(s => (s.Signal, s.Points)));
        Assert.Equal([(ChurnSignal.CompetitorInquiry, 4), (ChurnSignal.NegativeFeedback, 3)], explanation.Dimensions[1].Signals.Select(s => (s.Signal, s.Points)));
        Assert.All(explanation.Dimensions[1].Signals, s => Assert.Equal(ChurnDimension.Attitude, s.Dimension));
    }

    [Fact]
    public void Churn3_ADisabledDetectorTakesNoBit_TheOthersKeepTheirOrder()
    {
        var rules = Rules("""{ "signals": { "noUse": { "enabled": false }, "keyContactLeft": { "enabled": false } } }""");
        Assert.Equal(
            [ChurnSignal.AmountDrop, ChurnSignal.CompetitorInquiry, ChurnSignal.ContactFrequencyDrop, ChurnSignal.NegativeFeedback, ChurnSignal.RenewalRefused, ChurnSignal.UnresolvedComplaints, ChurnSignal.LowProbabilityAlive],
            rules.Signals);

        var facts = Quiet with { LastUse = Today.PlusDays(-300), KeyContactLeft = true, CompetitorInquiry = true, RenewalRefused = true };
        var outcome = rules.Score(in facts);
        Assert.Equal(0b1_0010u, outcome.FiredSignals); // competitorInquiry is bit 1, renewalRefused bit 4
        Assert.Equal((2, 3), (outcome.Behaviour, outcome.Attitude));
        Assert.Equal([ChurnSignal.CompetitorInquiry, ChurnSignal.RenewalRefused], Fired(rules, facts));
    }

    [Fact]
    public void Churn3_EverySeedDetectorHasItsOwnBit()
    {
        var all = Quiet with
        {
            LastUse = Today.PlusDays(-100), AmountLastMonth = 10m, AmountThisMonth = 1m, CompetitorInquiry = true, KeyContactLeft = true,
            ContactsPerMonthBefore = 4m, ContactsPerMonthNow = 1m, NegativeFeedback = true, RenewalRefused = true, UnresolvedComplaints = 1,
        };
        Assert.Equal(0xFFu, Seed.Score(in all).FiredSignals);
        Assert.Equal(0u, Seed.Score(in Quiet).FiredSignals);
        Assert.Equal(1u << 6, Seed.Score(Quiet with { RenewalRefused = true }).FiredSignals);
    }

    [Fact]
    public void Churn3_ValueScores_UnknownGradeAndNoGradeScoreTheConfiguredUngradedValue()
    {
        var rules = Rules("""{ "valueScores": { "B": 4 }, "ungradedValueScore": 2 }""");
        Assert.Equal(4, rules.Score(Quiet with { ValueGrade = "B" }).Value);
        Assert.Equal(2, rules.Score(Quiet with { ValueGrade = "Z" }).Value);
        Assert.Equal(2, rules.Score(Quiet with { ValueGrade = "b" }).Value);
        Assert.Equal(2, rules.Score(Quiet with { ValueGrade = null }).Value);
        Assert.Equal(5, rules.Score(Quiet with { ValueGrade = "A" }).Value);
        Assert.Equal(1, rules.Score(Quiet with { ValueGrade = "C" }).Value);
    }

    [Fact]
    public void Churn3_BandsConfiguredLowestFirst_RankByThreshold()
    {
        var options = new CrmRulesOptions();
        var seed = options.Churn.Bands;
        options.Churn.Bands = new() { ["low"] = seed["low"], ["medium"] = seed["medium"], ["high"] = seed["high"] };
        var rules = CrmRuleSet.Compile(options).Churn;

        Assert.Equal([new ChurnBand(0, "high"), new ChurnBand(1, "medium"), new ChurnBand(2, "low")], rules.Bands.Select(b => b.Band));
        Assert.Equal(["low", "medium", "medium", "high"], new[] { (5, 1, 1), (5, 2, 1), (5, 5, 1), (5, 5, 2) }.Select(s => rules.Score(s.Item1, s.Item2, s.Item3).Band.Name));
        Assert.Equal("salesDirector", rules.Explain(5, 5, 2).Playbook.OwnerRole);
    }

    [Fact]
    public void Churn3_FourConfiguredBands()
    {
        var rules = Rules("""
            { "bands": { "critical": { "minimumTotal": 14, "ownerRole": "ceo", "actions": ["call the customer's CEO"] } } }
            """);
        Assert.Equal(["critical", "high", "medium", "low"], rules.Bands.Select(b => b.Band.Name));
        Assert.Equal(("high", 1), (rules.Score(5, 5, 3).Band.Name, rules.Score(5, 5, 3).Band.Rank));
        Assert.Equal(("critical", 0), (rules.Score(5, 5, 4).Band.Name, rules.Score(5, 5, 4).Band.Rank));
        Assert.Equal(["call the customer's CEO"], rules.Explain(5, 5, 5).Playbook.Actions);
    }

    [Theory]
    [InlineData(0, 1, 1, "behaviour")]
    [InlineData(6, 1, 1, "behaviour")]
    [InlineData(1, 0, 1, "attitude")]
    [InlineData(1, 6, 1, "attitude")]
    [InlineData(1, 1, 0, "value")]
    [InlineData(1, 1, 6, "value")]
    public void Churn3_GivenScoresOutsideOneToFiveAreRefusedByName(int behaviour, int attitude, int value, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Seed.Score(behaviour, attitude, value));
        Assert.Equal(parameter, error.ParamName);
        Assert.StartsWith($"{parameter} must be a score from 1 to 5", error.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { behaviour, attitude, value }.First(s => s is 0 or 6), error.ActualValue);
    }

    [Fact]
    public void Churn3_GivenScoresAtOneAndFiveAreAccepted()
    {
        Assert.Equal(3, Seed.Score(1, 1, 1).Total);
        Assert.Equal(15, Seed.Score(5, 5, 5).Total);
        Assert.Equal((2, 4, 5), (Seed.Score(2, 4, 5).Behaviour, Seed.Score(2, 4, 5).Attitude, Seed.Score(2, 4, 5).Value));
        Assert.Equal(0u, Seed.Score(5, 5, 5).FiredSignals);
    }

    [Fact]
    public void Churn5_TagFromExactlyTheConfiguredDays_OnEitherDate()
    {
        Assert.True(Seed.Explain(Quiet with { LastInteraction = Today.PlusDays(-90) }).ChurnRiskTag);
        Assert.False(Seed.Explain(Quiet with { LastInteraction = Today.PlusDays(-89) }).ChurnRiskTag);

        // Only a purchase date, or only an interaction date: that date decides.
        var purchaseOnly = Seed.Explain(Quiet with { LastPurchase = Today.PlusDays(-90) });
        Assert.Equal((true, "no interaction or purchase for 90 days since 2026-08-26 (threshold 90)"), (purchaseOnly.ChurnRiskTag, purchaseOnly.TagEvidence));
        Assert.False(Seed.Explain(Quiet with { LastPurchase = Today.PlusDays(-89) }).ChurnRiskTag);

        // The later of the two decides, whichever it is.
        Assert.False(Seed.Explain(Quiet with { LastInteraction = Today.PlusDays(-10), LastPurchase = Today.PlusDays(-95) }).ChurnRiskTag);
        Assert.False(Seed.Explain(Quiet with { LastInteraction = Today.PlusDays(-95), LastPurchase = Today.PlusDays(-10) }).ChurnRiskTag);
        var both = Seed.Explain(Quiet with { LastInteraction = Today.PlusDays(-120), LastPurchase = Today.PlusDays(-100) });
        Assert.Equal("no interaction or purchase for 100 days since 2026-08-16 (threshold 90)", both.TagEvidence);

        var never = Seed.Explain(in Quiet);
        Assert.Equal((false, (string?)null), (never.ChurnRiskTag, never.TagEvidence));
        var recent = Seed.Explain(Quiet with { LastPurchase = Today });
        Assert.Equal((false, (string?)null), (recent.ChurnRiskTag, recent.TagEvidence));
    }

    [Fact]
    public void Churn5_TheTagDaysAreConfigurable()
    {
        var rules = Rules("""{ "riskTagAfterDays": 30 }""");
        Assert.True(rules.Explain(Quiet with { LastInteraction = Today.PlusDays(-30) }).ChurnRiskTag);
        Assert.False(rules.Explain(Quiet with { LastInteraction = Today.PlusDays(-29) }).ChurnRiskTag);
        Assert.Equal("no interaction or purchase for 30 days since 2026-10-25 (threshold 30)", rules.Explain(Quiet with { LastInteraction = Today.PlusDays(-30) }).TagEvidence);
    }

    [Fact]
    public void Batch_MixedAsOfDates_EachCustomerUsesItsOwnCutOffs()
    {
        // The cut-off dates are cached between customers of a batch while the as-of date stays the same.
        ChurnFacts[] facts =
        [
            new(Today) { LastUse = Today.PlusDays(-90) },
            new(Today.PlusDays(-5)) { LastUse = Today.PlusDays(-90) },
            new(Today.PlusDays(-5)) { LastUse = Today.PlusDays(-95) },
            new(Today) { LastUse = Today.PlusDays(-89) },
            new(Today.PlusDays(30)) { LastUse = Today.PlusDays(-1), LoginBased = true },
            new(Today.PlusDays(30)) { LastUse = Today.PlusDays(-1) },
        ];
        var outcomes = new ChurnOutcome[facts.Length];
        Seed.ScoreBatch(facts, outcomes);

        Assert.Equal([true, false, true, false, true, false], outcomes.Select(o => (o.FiredSignals & 1u) != 0));
        Assert.Equal(facts.Select(f => Seed.Score(in f)), outcomes);
    }

    [Fact]
    public void Batch_AFirstCustomerAsOfTheDefaultDate_IsNotMistakenForACachedOne()
    {
        // default(LocalDate) is 0001-01-01: the empty cache must not pass for that date's cut-offs.
        var asOf = default(LocalDate);
        ChurnFacts[] facts = [new(asOf) { LastUse = asOf.PlusDays(-89) }, new(asOf) { LastUse = asOf.PlusDays(-90) }];
        var outcomes = new ChurnOutcome[2];
        Seed.ScoreBatch(facts, outcomes);
        Assert.Equal([0u, 1u], outcomes.Select(o => o.FiredSignals));
    }

    [Fact]
    public void Batch_SpansOfDifferentLengthsAreRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => Seed.ScoreBatch(new ChurnFacts[2], new ChurnOutcome[3]));
        Assert.Equal("Expected 2 outcomes, one per customer, but got 3. (Parameter 'outcomes')", error.Message);
        Seed.ScoreBatch([], []);
    }

    [Fact]
    public void Explain_GivenScores_HaveNoSignalsAndNoTag()
    {
        var explanation = Seed.Explain(4, 2, 5, previousTotal: 11);
        Assert.Equal((11, "medium", ChurnTrend.Steady, false, (string?)null), (explanation.Total, explanation.Band.Name, explanation.Trend, explanation.ChurnRiskTag, explanation.TagEvidence));
        Assert.Equal([(ChurnDimension.Behaviour, 4), (ChurnDimension.Attitude, 2), (ChurnDimension.Value, 5)], explanation.Dimensions.Select(d => (d.Dimension, d.Score)));
        Assert.All(explanation.Dimensions, d => Assert.Empty(d.Signals));
        Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, explanation.Fingerprint);
        Assert.Equal(Seed.Bands[1], explanation.Playbook);
    }

    [Fact]
    public void Bands_CompareByRisk()
    {
        var (high, medium, low) = (Seed.Bands[0].Band, Seed.Bands[1].Band, Seed.Bands[2].Band);
        var alsoMedium = new ChurnBand(1, "medium");
        Assert.True(low > medium);
        Assert.False(alsoMedium > medium);
        Assert.True(alsoMedium >= medium && low >= high);
        Assert.False(high >= low);
        Assert.True(high <= alsoMedium && high <= low && alsoMedium <= medium);
        Assert.False(low <= medium);
        Assert.False(alsoMedium < medium);
        Assert.Equal([-1, 0, 1], new[] { high.CompareTo(medium), alsoMedium.CompareTo(medium), low.CompareTo(medium) });
    }
}
