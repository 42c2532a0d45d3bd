using Crm.Rules.Demands;

namespace Crm.Rules.Tests.Demands;

public class WeightedOrderTests
{
    private static readonly DemandRules Weighted = TestRules.FromJson("""{ "demands": { "ordering": { "mode": "weighted" } } }""").Demands;

    private static Demand D(string id, string? grade, decimal? value, decimal? cost, decimal? fit, bool urgent = true)
        => new(id, grade) { Important = true, Urgent = urgent, Value = value, Cost = cost, StrategicFit = fit };

    // Four do-first demands (3 peers each) and one planned demand that beats them all on every key.
    private static readonly Demand[] Backlog =
    [
        D("a-poor", "A", 100, 100, 1),
        D("b-great", "B", 500, 100, 5),
        D("c-mid", "C", 300, 100, 3),
        D("a-tie", "A", 100, 100, 1),
        D("p-best", "A", 1000, 100, 5, urgent: false),
    ];

    [Fact]
    public void Weighted_TradesGradeAgainstValueAndFit_WhereTheSeedOrderDoesNot()
    {
        Assert.Equal(["a-poor", "a-tie", "b-great", "c-mid", "p-best"], CrmRuleSet.SeedStandard.Demands.Prioritise(Backlog).Select(d => d.Demand.Id));

        var ordered = Weighted.Prioritise(Backlog);

        // b-great: 0.4 × 1/3 + 0.4 × 3/3 + 0.2 × 3/3; c-mid: 0 + 0.4 × 2/3 + 0.2 × 2/3; a-*: 0.4 × 2/3 + 0 + 0.
        Assert.Equal(["b-great", "c-mid", "a-poor", "a-tie", "p-best"], ordered.Select(d => d.Demand.Id));
        Assert.Equal(new decimal?[] { 0.733333m, 0.4m, 0.266667m, 0.266667m, 0m }, ordered.Select(d => d.Score));
        Assert.All(ordered, d => Assert.Equal(DemandOrderingMode.Weighted, d.Mode));
    }

    [Fact]
    public void Weighted_ReasonsShowEachKeysContribution()
    {
        var first = Weighted.Prioritise(Backlog)[0];
        Assert.Equal(
            [
                "do-first (important, urgent)",
                "grade B: ahead of 1 of 3 × 0.4 = 0.133333",
                "value/cost 5: ahead of 3 of 3 × 0.4 = 0.4",
                "strategic fit 5: ahead of 3 of 3 × 0.2 = 0.2",
            ],
            first.Reasons.Select(r => r.ToString()));
        Assert.Equal([DemandOrderKey.Quadrant, DemandOrderKey.CustomerGrade, DemandOrderKey.ValueToCost, DemandOrderKey.StrategicFit], first.Reasons.Select(r => r.Key));
        Assert.Equal(new decimal?[] { null, 0.4m, 0.4m, 0.2m }, first.Reasons.Select(r => r.Weight));
        Assert.Equal([0, 1, 3, 3], first.Reasons.Select(r => r.Ahead));
        Assert.Equal([0, 3, 3, 3], first.Reasons.Select(r => r.Peers));
        Assert.Equal(new decimal?[] { null, 0.133333m, 0.4m, 0.2m }, first.Reasons.Select(r => r.Contribution));
        Assert.Equal(
            "1. b-great: do-first (important, urgent); grade B: ahead of 1 of 3 × 0.4 = 0.133333; value/cost 5: ahead of 3 of 3 × 0.4 = 0.4; strategic fit 5: ahead of 3 of 3 × 0.2 = 0.2; score 0.733333",
            first.ToString());
    }

    [Fact]
    public void Weighted_TheQuadrantStaysFirst()
    {
        var last = Weighted.Prioritise(Backlog)[^1];
        Assert.Equal(("p-best", Quadrant.Plan, 5), (last.Demand.Id, last.Quadrant, last.Rank));
        Assert.Equal("plan (important, not urgent)", last.Reasons[0].ToString());
        Assert.Equal("grade A: alone in its quadrant × 0.4 = 0", last.Reasons[1].ToString());
    }

    [Fact]
    public void Weighted_EqualScoresAreSettledByTheId()
    {
        // a-poor and a-tie have the same keys; the id decides, whatever the input order.
        var reversed = Weighted.Prioritise(Backlog.Reverse()).Select(d => d.Demand.Id).ToList();
        Assert.Equal(["b-great", "c-mid", "a-poor", "a-tie", "p-best"], reversed);
    }

    [Fact]
    public void Weighted_KeysOfWeightZeroTakeNoPartAndAreNotListed()
    {
        var rules = TestRules.FromJson("""{ "demands": { "ordering": { "mode": "weighted", "weights": { "customerGrade": 0, "valueToCost": 1, "strategicFit": 0 } } } }""").Demands;
        var ordered = rules.Prioritise(Backlog);
        Assert.Equal(["b-great", "c-mid", "a-poor", "a-tie", "p-best"], ordered.Select(d => d.Demand.Id));
        Assert.Equal(["do-first (important, urgent)", "value/cost 5: ahead of 3 of 3 × 1 = 1"], ordered[0].Reasons.Select(r => r.ToString()));
        Assert.Equal(0m, rules.Weights[DemandOrderKey.CustomerGrade]);
    }

    [Fact]
    public void Weighted_MissingAndFreeValuesKeepTheirLexicographicPlaceOnTheKey()
    {
        // Rank normalisation keeps each key's own order: value at no cost first, missing value or cost last.
        var rules = TestRules.FromJson("""{ "demands": { "ordering": { "mode": "weighted", "weights": { "customerGrade": 0, "valueToCost": 1, "strategicFit": 0 } } } }""").Demands;
        var ordered = rules.Prioritise([D("missing", "A", null, 5, 1), D("free", "A", 10, 0, 1), D("ratio-2", "A", 10, 5, 1), D("free-more", "A", 20, 0, 1)]);
        Assert.Equal(["free-more", "free", "ratio-2", "missing"], ordered.Select(d => d.Demand.Id));
        Assert.Equal(["value 20 at no cost: ahead of 3 of 3 × 1 = 1", "value 10 at no cost: ahead of 2 of 3 × 1 = 0.666667", "value/cost 2: ahead of 1 of 3 × 1 = 0.333333", "value/cost unknown: ahead of 0 of 3 × 1 = 0"],
            ordered.Select(d => d.Reasons[1].ToString()));
    }

    [Fact]
    public void Weighted_AnEmptyBacklogGivesAnEmptyOrder() => Assert.Empty(Weighted.Prioritise([]));

    [Fact]
    public void Weighted_BadDemandsAreRefusedAsInTheLexicographicMode()
    {
        var error = Assert.Throws<CrmInputException>(() => Weighted.Prioritise([D("ok", "A", 1, 1, 1), D("neg", "A", 1, -1, 1)]));
        Assert.Equal("record 'neg', field 'cost': must not be negative; got -1", error.Message);
    }
}
