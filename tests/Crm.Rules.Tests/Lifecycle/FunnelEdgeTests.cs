using Crm.Rules.Lifecycle;
using NodaTime;

namespace Crm.Rules.Tests.Lifecycle;

/// <summary>
/// The edges of the funnel analytics (LIFE-5): the period's inclusive start and exclusive end, final stages left out
/// of the conversions, moves back, medians of odd and even counts, outcomes, and the report texts.
/// </summary>
public class FunnelEdgeTests
{
    private static readonly LifecycleRules Rules = CrmRuleSet.SeedStandard.Lifecycle;
    private static readonly StateMachine Funnel = Rules.Machine("funnel")!;
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 0, 0);

    private static StageEntry E(string stage, double day, string? reason = null) => new(stage, T0 + Duration.FromDays(day), reason);

    private static StageConversion Conversion(FunnelReport report, string from) => report.Conversions.Single(c => c.From == from);

    [Fact]
    public void Life5_Conversions_RunAlongTheStageOrder_LeavingOutFinalStages()
    {
        // repeat is final (nothing leaves it), so there is no "repeat → lost"; won is not final (won → repeat).
        var report = Rules.Funnel(Funnel, [], T0, T0 + Duration.FromDays(7));
        Assert.Equal(
            [("lead", "prospect"), ("prospect", "intent"), ("intent", "negotiation"), ("negotiation", "won"), ("won", "repeat")],
            report.Conversions.Select(c => (c.From, c.To)));
        Assert.All(report.Conversions, c => Assert.Equal((0, 0, 0m), (c.Entered, c.Converted, c.Rate)));
        Assert.Empty(report.MedianTimeInStage);
        Assert.Empty(report.Outcomes);
        Assert.Equal(Rules.Fingerprint, report.Fingerprint);
    }

    [Fact]
    public void Life5_Period_IncludesItsStart_AndExcludesItsEnd()
    {
        IReadOnlyList<StageEntry>[] histories =
        [
            [E("lead", 0), E("prospect", 1)],        // enters lead exactly at the start: counted
            [E("lead", -0.001), E("prospect", 1)],   // just before the start: not counted
            [E("lead", 7), E("prospect", 8)],         // exactly at the end: not counted
            [E("lead", 6.999), E("lost", 9, "price")], // just before the end: counted, not converted
        ];
        var report = Rules.Funnel(Funnel, histories, T0, T0 + Duration.FromDays(7));
        var lead = Conversion(report, "lead");
        Assert.Equal((2, 1, 0.5m), (lead.Entered, lead.Converted, lead.Rate));

        // Outcomes: the last move of each history, when it fell in the period (same bounds).
        Assert.Equal(["prospect"], report.Outcomes.Keys);
        Assert.Equal(new Dictionary<string, int> { ["(no reason)"] = 2 }, report.Outcomes["prospect"]);
        var later = Rules.Funnel(Funnel, histories, T0 + Duration.FromDays(1), T0 + Duration.FromDays(9));
        Assert.Equal(["prospect"], later.Outcomes.Keys);
        Assert.Equal(3, later.Outcomes["prospect"]["(no reason)"]);
        var withLoss = Rules.Funnel(Funnel, histories, T0 + Duration.FromDays(9), T0 + Duration.FromDays(10));
        Assert.Equal(["lost"], withLoss.Outcomes.Keys);
        Assert.Equal(1, withLoss.Outcomes["lost"]["price"]);
    }

    [Fact]
    public void Life5_Conversion_CountsOnlyAMoveIntoTheNextStageAfterEnteringTheStage()
    {
        // Moved back: prospect, then lead. It entered lead in the period but never went on to prospect afterwards.
        IReadOnlyList<StageEntry>[] histories = [[E("prospect", 1), E("lead", 2)], [E("lead", 1), E("prospect", 2), E("lead", 3)]];
        var lead = Conversion(Rules.Funnel(Funnel, histories, T0, T0 + Duration.FromDays(7)), "lead");
        Assert.Equal((2, 1), (lead.Entered, lead.Converted));
    }

    [Fact]
    public void Life5_Conversion_CountsARecordOnceAndReadsHistoriesInAnyOrder()
    {
        // Given out of order; the skip straight to intent does not convert lead → prospect.
        IReadOnlyList<StageEntry>[] histories =
        [
            [E("prospect", 3), E("lead", 1), E("intent", 5)],
            [E("intent", 4), E("lead", 2)],
            [E("lead", 1), E("lead", 2), E("prospect", 3)],
        ];
        var report = Rules.Funnel(Funnel, histories, T0, T0 + Duration.FromDays(7));
        Assert.Equal((3, 2), (Conversion(report, "lead").Entered, Conversion(report, "lead").Converted));
        Assert.Equal((2, 1), (Conversion(report, "prospect").Entered, Conversion(report, "prospect").Converted));
        Assert.Equal(2, report.Outcomes["intent"]["(no reason)"]);
        Assert.Equal(1, report.Outcomes["prospect"]["(no reason)"]);
    }

    [Fact]
    public void Life5_MedianTimeInStage_OddAndEvenCounts()
    {
        IReadOnlyList<StageEntry>[] histories =
        [
            [E("lead", 0), E("prospect", 1)],
            [E("lead", 0), E("prospect", 5)],
            [E("lead", 0), E("prospect", 2), E("intent", 3)],
            [E("lead", 0), E("prospect", 4), E("intent", 8)],
            [], // a history with no entry yet takes part in nothing
        ];
        var report = Rules.Funnel(Funnel, histories, T0, T0 + Duration.FromDays(30));

        // lead: 1, 5, 2, 4 days → (2 + 4) / 2 = 3; prospect: 1 and 4 days → 2.5; only stages that were left have one.
        Assert.Equal(Duration.FromDays(3), report.MedianTimeInStage["lead"]);
        Assert.Equal(Duration.FromDays(2.5), report.MedianTimeInStage["prospect"]);
        Assert.Equal(["lead", "prospect"], report.MedianTimeInStage.Keys.Order());

        var odd = Rules.Funnel(Funnel, histories[..3], T0, T0 + Duration.FromDays(30));
        Assert.Equal(Duration.FromDays(2), odd.MedianTimeInStage["lead"]); // 1, 5, 2 → 2
        Assert.Equal(Duration.FromDays(1), odd.MedianTimeInStage["prospect"]);
        Assert.Equal(
            "lead → prospect: 3 of 3 (1); prospect → intent: 1 of 3 (0.3333); intent → negotiation: 0 of 1 (0); negotiation → won: 0 of 0 (0); won → repeat: 0 of 0 (0); median time in stage: lead 2:00:00:00, prospect 1:00:00:00",
            odd.ToString());
    }

    [Fact]
    public void Life5_Texts_OfSpansConversionsAndAnEmptyReport()
    {
        var spans = LifecycleRules.TimeInStages([E("prospect", 1.5), E("lead", 0)], T0 + Duration.FromDays(4));
        Assert.Equal(
            ["lead from 2026-03-02T00:00:00Z for 1:12:00:00", "prospect from 2026-03-03T12:00:00Z (still there) for 2:12:00:00"],
            spans.Select(s => s.ToString()));
        Assert.Equal((T0 + Duration.FromDays(1.5), (Instant?)null), (spans[0].Left, spans[1].Left));
        Assert.Empty(LifecycleRules.TimeInStages([], T0));

        Assert.Equal("lead → prospect: 2 of 3 (0.6667)", new StageConversion("lead", "prospect", 3, 2).ToString());
        Assert.Equal(0m, new StageConversion("lead", "prospect", 0, 0).Rate);
        Assert.Equal(
            "lead → prospect: 0 of 0 (0); prospect → intent: 0 of 0 (0); intent → negotiation: 0 of 0 (0); negotiation → won: 0 of 0 (0); won → repeat: 0 of 0 (0)",
            Rules.Funnel(Funnel, [], T0, T0).ToString());
    }

    [Fact]
    public void Life5_NullArguments_AreRefusedByName()
    {
        Assert.Equal("machine", Assert.Throws<ArgumentNullException>(() => Rules.Funnel(null!, [], T0, T0)).ParamName);
        Assert.Equal("histories", Assert.Throws<ArgumentNullException>(() => Rules.Funnel(Funnel, null!, T0, T0)).ParamName);
        Assert.Equal("history", Assert.Throws<ArgumentNullException>(() => LifecycleRules.TimeInStages(null!, T0)).ParamName);
    }
}
