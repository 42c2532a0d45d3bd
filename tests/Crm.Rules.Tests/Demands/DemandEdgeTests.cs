using Crm.Rules.Demands;
using NodaTime;

namespace Crm.Rules.Tests.Demands;

/// <summary>The prioritiser at its edges (DEM-2 … DEM-4): non-default settings, unknown grades, missing keys, refusals and their texts.</summary>
public class DemandEdgeTests
{
    private static readonly DemandRules Seed = CrmRuleSet.SeedStandard.Demands;

    private static Demand Do(string id, string? grade = "A") => new(id, grade) { Important = true, Urgent = true };

    [Fact]
    public void Dem2_ConfiguredThresholdsCountFromTheirValue()
    {
        var rules = TestRules.FromJson("""{ "demands": { "importanceThreshold": 2.5, "urgencyThreshold": 5 } }""").Demands;
        Assert.Equal((2.5m, 5m), (rules.ImportanceThreshold, rules.UrgencyThreshold));
        Assert.Equal(Quadrant.DoFirst, rules.Classify(new Demand("d", "A") { Importance = 2.5m, Urgency = 5 }));
        Assert.Equal(Quadrant.Plan, rules.Classify(new Demand("d", "A") { Importance = 2.5m, Urgency = 4.99m }));
        Assert.Equal(Quadrant.QuickResponse, rules.Classify(new Demand("d", "A") { Importance = 2.49m, Urgency = 5 }));
        Assert.Equal(Quadrant.Defer, rules.Classify(new Demand("d", "A") { Importance = 1, Urgency = 1 }));
    }

    [Fact]
    public void Dem2_AFlagWinsOverAScore()
    {
        Assert.Equal(Quadrant.Defer, Seed.Classify(new Demand("d", "A") { Important = false, Importance = 5, Urgent = false, Urgency = 5 }));
        Assert.Equal(Quadrant.DoFirst, Seed.Classify(new Demand("d", "A") { Important = true, Importance = 1, Urgent = true, Urgency = 1 }));
    }

    [Fact]
    public void Dem2_AMissingImportanceOrUrgencyIsRefusedNamingWhatToGive()
    {
        Assert.Equal(
            "record 'd-1', field 'importance': give 'important' (true/false) or 'importance' (a 1..5 score)",
            Assert.Throws<CrmInputException>(() => Seed.Classify(new Demand("d-1", "A") { Urgent = true })).Message);
        Assert.Equal(
            "record 'd-2', field 'urgency': give 'urgent' (true/false) or 'urgency' (a 1..5 score)",
            Assert.Throws<CrmInputException>(() => Seed.Classify(new Demand("d-2", "A") { Importance = 3 })).Message);
        Assert.Equal("demand", Assert.Throws<ArgumentNullException>(() => Seed.Classify(null!)).ParamName);
        Assert.Equal("demands", Assert.Throws<ArgumentNullException>(() => Seed.Prioritise(null!)).ParamName);
        Assert.Equal("demand", Assert.Throws<ArgumentNullException>(() => Seed.Prioritise([Do("ok"), null!])).ParamName);
    }

    [Fact]
    public void Dem2_AConfiguredQuadrantOrderAndActionsAreFollowed()
    {
        var rules = TestRules.FromJson("""{ "demands": { "quadrantOrder": ["quick-response", "defer", "do-first", "plan"], "actions": { "defer": "drop it" } } }""").Demands;
        var ordered = rules.Prioritise(
        [
            new Demand("plan", "A") { Important = true, Urgent = false },
            new Demand("defer", "A") { Important = false, Urgent = false },
            Do("do-first"),
            new Demand("quick", "A") { Important = false, Urgent = true },
        ]);
        Assert.Equal(["quick", "defer", "do-first", "plan"], ordered.Select(d => d.Demand.Id));
        Assert.Equal(["respond quickly, then delegate", "drop it", "handle first", "plan and schedule"], ordered.Select(d => d.Action));
        Assert.Equal(["quick-response", "defer", "do-first", "plan"], ordered.Select(d => d.QuadrantName));
        Assert.Equal("quick-response (not important, urgent)", ordered[0].Reasons[0].Text);
        Assert.Equal([Quadrant.QuickResponse, Quadrant.Defer, Quadrant.DoFirst, Quadrant.Plan], rules.QuadrantOrder);
    }

    [Fact]
    public void Dem3_UnknownAndMissingGradesComeAfterTheListedOnes_AndReadAsUnknown()
    {
        var ordered = Seed.Prioritise([Do("none", null), Do("d", "D"), Do("c", "C"), Do("a", "A")]);
        Assert.Equal(["a", "c", "d", "none"], ordered.Select(d => d.Demand.Id));
        Assert.Equal(["grade A", "grade C", "grade D", "grade unknown"], ordered.Select(d => d.Reasons[1].Text));
    }

    [Fact]
    public void Dem3_ValueToCostAndFitTexts_AndTheirOrderWhenSomethingIsMissing()
    {
        Demand D(string id, decimal? value, decimal? cost, decimal? fit) => Do(id) with { Value = value, Cost = cost, StrategicFit = fit };
        var ordered = Seed.Prioritise([D("no-cost", 10, null, null), D("third", 10, 3, 2.5m), D("free", 7, 0, 1), D("half", 1, 2, null), D("no-value", null, 1, 4)]);
        // Without a ratio the two tie on the key, so the fit decides: a known fit before an unknown one.
        Assert.Equal(["free", "third", "half", "no-value", "no-cost"], ordered.Select(d => d.Demand.Id));
        Assert.Equal(
            [
                "value 7 at no cost; strategic fit 1",
                "value/cost 3.3333; strategic fit 2.5",
                "value/cost 0.5; strategic fit unknown",
                "value/cost unknown; strategic fit 4",
                "value/cost unknown; strategic fit unknown",
            ],
            ordered.Select(d => $"{d.Reasons[2].Text}; {d.Reasons[3].Text}"));
    }

    [Fact]
    public void Dem3_ValueAtNoCostComesFirst_HigherValueFirst_EvenAZeroValue()
    {
        Demand D(string id, decimal? value, decimal? cost) => Do(id) with { Value = value, Cost = cost };
        var ordered = Seed.Prioritise([D("ratio", 100, 1), D("free-0", 0, 0), D("free-5", 5, 0)]);
        Assert.Equal(["free-5", "free-0", "ratio"], ordered.Select(d => d.Demand.Id));
    }

    [Fact]
    public void Dem3_FitBreaksARatioTie_ThenTheId()
    {
        Demand D(string id, decimal value, decimal cost, decimal? fit) => Do(id) with { Value = value, Cost = cost, StrategicFit = fit };
        var ordered = Seed.Prioritise([D("b", 2, 4, null), D("c", 1, 2, 3), D("a", 3, 6, 3), D("d", 1, 2, 4)]);
        Assert.Equal(["d", "a", "c", "b"], ordered.Select(d => d.Demand.Id));
        Assert.All(ordered, d => Assert.Equal((DemandOrderingMode.Lexicographic, CrmRuleSet.SeedStandard.Fingerprint), (d.Mode, d.Fingerprint)));
    }

    [Fact]
    public void Dem4_FeedbackCountsOnTheConfiguredCalendar()
    {
        var rules = TestRules.FromJson("""{ "demands": { "feedbackCalendar": "24x7", "feedbackWorkingDays": 1 } }""").Demands;
        var saturday = Instant.FromUtc(2026, 11, 28, 2, 0);
        Assert.Equal(saturday + Duration.FromDays(1), rules.FeedbackDeadline(saturday));
        Assert.Equal((1, "24x7"), (rules.FeedbackWorkingDays, rules.FeedbackCalendar));
    }

    [Fact]
    public void Dem4_TheSatisfactionTargetIsTheKpiTarget()
    {
        var rules = TestRules.FromJson("""{ "satisfaction": { "kpiTargets": { "demandSatisfaction": 0.5 } } }""").Demands;
        Assert.Equal(0.5m, rules.SatisfactionTarget);
        var check = rules.Satisfaction(1, 2);
        Assert.Equal(("demandSatisfaction", true, rules.Fingerprint), (check.Name, check.Met, check.Fingerprint));
        Assert.Equal(0.9m, TestRules.FreshSeed().Demands.SatisfactionTarget);
    }

    [Fact]
    public void SeedDefaults_FromAFreshCompile()
    {
        var rules = TestRules.FreshSeed().Demands;
        Assert.Equal((4m, 4m, 3, "business", DemandOrderingMode.Lexicographic), (rules.ImportanceThreshold, rules.UrgencyThreshold, rules.FeedbackWorkingDays, rules.FeedbackCalendar, rules.Mode));
        Assert.Equal(["A", "B", "C"], rules.GradeOrder);
        Assert.Equal([DemandOrderKey.Quadrant, DemandOrderKey.CustomerGrade, DemandOrderKey.ValueToCost, DemandOrderKey.StrategicFit], rules.OrderBy);
        Assert.Equal([Quadrant.DoFirst, Quadrant.Plan, Quadrant.QuickResponse, Quadrant.Defer], rules.QuadrantOrder);
        Assert.Equal(new Dictionary<DemandOrderKey, decimal> { [DemandOrderKey.CustomerGrade] = 0.4m, [DemandOrderKey.ValueToCost] = 0.4m, [DemandOrderKey.StrategicFit] = 0.2m }, rules.Weights);
        var ordered = rules.Prioritise([Do("1"), new Demand("2", "A") { Important = true, Urgent = false }, new Demand("3", "A") { Important = false, Urgent = true }, new Demand("4", "A") { Important = false, Urgent = false }]);
        Assert.Equal(["handle first", "plan and schedule", "respond quickly, then delegate", "defer or decline"], ordered.Select(d => d.Action));
    }
}
