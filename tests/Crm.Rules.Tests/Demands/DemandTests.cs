using Crm.Rules.Demands;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace Crm.Rules.Tests.Demands;

[Properties(Arbitrary = [typeof(DemandArbitraries)], MaxTest = PropertyRuns.MaxTest)]
public class DemandTests
{
    private static readonly DemandRules Seed = CrmRuleSet.SeedStandard.Demands;

    [Fact]
    public void Dem1_DemandKindsAreFreeTextAndDoNotChangeTheOrder()
    {
        // DEM-1 names kinds (explicit, implicit, potential; functional, service, emotional) for records only.
        var a = new Demand("1", "A") { Important = true, Urgent = true };
        Assert.Equal(Quadrant.DoFirst, Seed.Classify(a));
    }

    [Theory]
    [InlineData(true, true, Quadrant.DoFirst, "handle first")]
    [InlineData(true, false, Quadrant.Plan, "plan and schedule")]
    [InlineData(false, true, Quadrant.QuickResponse, "respond quickly, then delegate")]
    [InlineData(false, false, Quadrant.Defer, "defer or decline")]
    public void Dem2_QuadrantsFromFlags(bool important, bool urgent, Quadrant quadrant, string action)
    {
        var ordered = Seed.Prioritise([new Demand("d", "A") { Important = important, Urgent = urgent }]);
        Assert.Equal((quadrant, action), (ordered[0].Quadrant, ordered[0].Action));
    }

    [Theory]
    [InlineData(4, 4, Quadrant.DoFirst)]
    [InlineData(3.99, 5, Quadrant.QuickResponse)]
    [InlineData(5, 3, Quadrant.Plan)]
    [InlineData(1, 1, Quadrant.Defer)]
    public void Dem2_QuadrantsFromScoresWithInclusiveThresholds(double importance, double urgency, Quadrant quadrant)
        => Assert.Equal(quadrant, Seed.Classify(new Demand("d", "A") { Importance = (decimal)importance, Urgency = (decimal)urgency }));

    [Fact]
    public void Dem2_NeitherFlagNorScoreIsRefusedNamingTheField()
    {
        var error = Assert.Throws<CrmInputException>(() => Seed.Classify(new Demand("d-9", "A") { Important = true }));
        Assert.Equal(("d-9", "urgency"), (error.RecordId, error.Field));
    }

    [Fact]
    public void Dem3_OrderQuadrantThenGradeThenValuePerCostThenFitThenId()
    {
        Demand D(string id, string grade, decimal value, decimal cost, decimal fit) => new(id, grade) { Important = true, Urgent = true, Value = value, Cost = cost, StrategicFit = fit };
        var ordered = Seed.Prioritise(
        [
            D("b-cheap", "B", 100, 10, 1),
            D("a-fit", "A", 100, 50, 5),
            D("a-value", "A", 300, 100, 1),
            D("a-tie-2", "A", 100, 50, 5),
            new Demand("c-defer", "C") { Important = false, Urgent = false, Value = 1000, Cost = 1 },
        ]);
        Assert.Equal(["a-value", "a-fit", "a-tie-2", "b-cheap", "c-defer"], ordered.Select(d => d.Demand.Id));
        Assert.Equal([1, 2, 3, 4, 5], ordered.Select(d => d.Rank));
        Assert.Equal(["do-first (important, urgent)", "grade A", "value/cost 3", "strategic fit 1"], ordered[0].Reasons.Select(r => r.ToString()));
        Assert.Equal([DemandOrderKey.Quadrant, DemandOrderKey.CustomerGrade, DemandOrderKey.ValueToCost, DemandOrderKey.StrategicFit], ordered[0].Reasons.Select(r => r.Key));
        Assert.Equal("1. a-value: do-first (important, urgent); grade A; value/cost 3; strategic fit 1", ordered[0].ToString());
        Assert.All(ordered, d => Assert.Null(d.Score));
        Assert.All(ordered[0].Reasons, r => Assert.Null(r.Weight));
    }

    [Fact]
    public void Dem3_OrderIsConfigurable()
    {
        var rules = TestRules.FromJson("""{ "demands": { "orderBy": ["valueToCost", "quadrant"], "gradeOrder": ["C", "B", "A"] } }""").Demands;
        var ordered = rules.Prioritise(
        [
            new Demand("x", "A") { Important = true, Urgent = true, Value = 1, Cost = 1 },
            new Demand("y", "C") { Important = false, Urgent = false, Value = 10, Cost = 1 },
        ]);
        Assert.Equal(["y", "x"], ordered.Select(d => d.Demand.Id));
        Assert.Equal([DemandOrderKey.ValueToCost, DemandOrderKey.Quadrant], rules.OrderBy);
        Assert.Equal(["value/cost 10", "defer (not important, not urgent)"], ordered[0].Reasons.Select(r => r.Text));
    }

    [Fact]
    public void SeedStandard_IsLexicographicWithTheDocumentedKeysAndWeights()
    {
        Assert.Equal(DemandOrderingMode.Lexicographic, Seed.Mode);
        Assert.Equal([DemandOrderKey.Quadrant, DemandOrderKey.CustomerGrade, DemandOrderKey.ValueToCost, DemandOrderKey.StrategicFit], Seed.OrderBy);
        Assert.Equal([Quadrant.DoFirst, Quadrant.Plan, Quadrant.QuickResponse, Quadrant.Defer], Seed.QuadrantOrder);
        Assert.Equal(["A", "B", "C"], Seed.GradeOrder);
        Assert.Equal(new Dictionary<DemandOrderKey, decimal> { [DemandOrderKey.CustomerGrade] = 0.4m, [DemandOrderKey.ValueToCost] = 0.4m, [DemandOrderKey.StrategicFit] = 0.2m }, Seed.Weights);
    }

    [Fact]
    public void OrderKeysAndModes_SerializeAsTheirDocumentedWords()
    {
        // Hosts that write results with System.Text.Json get the same words the rules file uses.
        var options = new System.Text.Json.JsonSerializerOptions { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
        Assert.Equal("""["quadrant","customerGrade","valueToCost","strategicFit"]""", System.Text.Json.JsonSerializer.Serialize(Enum.GetValues<DemandOrderKey>(), options));
        Assert.Equal("""["lexicographic","weighted"]""", System.Text.Json.JsonSerializer.Serialize(Enum.GetValues<DemandOrderingMode>(), options));
        Assert.Equal("""["do-first","plan","quick-response","defer"]""", System.Text.Json.JsonSerializer.Serialize(Enum.GetValues<Quadrant>(), options));
    }

    [Fact]
    public void Dem4_FeedbackWithinThreeWorkingDays()
    {
        var metAt = Instant.FromUtc(2026, 11, 27, 2, 0); // Friday 10:00 in Shanghai
        Assert.Equal(Instant.FromUtc(2026, 12, 2, 2, 0), Seed.FeedbackDeadline(metAt));
    }

    [Fact]
    public void Dem4_MonthlySatisfactionAgainstNinetyPercent()
    {
        Assert.True(Seed.Satisfaction(90, 100).Met);
        Assert.False(Seed.Satisfaction(89, 100).Met);
        Assert.Equal(-0.01m, Seed.Satisfaction(89, 100).Gap);
        Assert.False(Seed.Satisfaction(0, 0).Met);
    }

    [Fact]
    public void Dem4_ADemandMetOnSaturdayCountsFromMondaysOpening()
    {
        // Saturday 00:00 in Shanghai: Monday 09:00 + 3 working days is Thursday 09:00, the same business time as
        // Wednesday's close — where the SLA clock of the demand-feedback policy puts it, not Wednesday 00:00.
        var saturday = Instant.FromUtc(2026, 11, 27, 16, 0);
        var clock = CrmRuleSet.SeedStandard.Sla.Evaluate(Crm.Rules.Sla.SlaClock.Start(FeedbackPolicy, saturday), saturday);
        Assert.Equal(clock.Deadline, Seed.FeedbackDeadline(saturday));
        Assert.Equal(new LocalDateTime(2026, 12, 2, 18, 0), Seed.FeedbackDeadline(saturday).InZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).LocalDateTime);
    }

    // DEM-4 and SLA-5 are one rule: the feedback deadline is the demand-feedback policy's deadline for any met instant.
    [Property]
    public bool Dem4_TheFeedbackDeadlineIsTheDemandFeedbackPolicysDeadline(NonNegativeInt days, NonNegativeInt minute)
    {
        // Minutes spread over the day (37 is prime to 1,440), days over weeks and holidays.
        var metAt = Instant.FromUtc(2026, 1, 1, 0, 0) + Duration.FromDays(days.Get * 3 % 1100) + Duration.FromMinutes(minute.Get * 37 % 1440);
        var clock = CrmRuleSet.SeedStandard.Sla.Evaluate(Crm.Rules.Sla.SlaClock.Start(FeedbackPolicy, metAt), metAt);
        return clock.Deadline == Seed.FeedbackDeadline(metAt);
    }

    private static Crm.Rules.Sla.SlaPolicy FeedbackPolicy => CrmRuleSet.SeedStandard.Sla.Policies.Single(p => p.Name == "demand-feedback");

    [Property]
    public bool TheBacklogOrderIsATotalStableOrderIndependentOfInputOrder(Backlog c)
    {
        var demands = c.Demands();
        var shuffled = demands.OrderBy(_ => new Random(c.Seed).Next()).ToList();
        var shuffledAgain = demands.AsEnumerable().Reverse().ToList();
        var a = Seed.Prioritise(demands).Select(d => d.Demand.Id).ToList();
        var b = Seed.Prioritise(shuffled).Select(d => d.Demand.Id).ToList();
        var r = Seed.Prioritise(shuffledAgain).Select(d => d.Demand.Id).ToList();
        var twice = Seed.Prioritise(Seed.Prioritise(demands).Select(d => d.Demand)).Select(d => d.Demand.Id).ToList();
        return a.SequenceEqual(b) && a.SequenceEqual(r) && a.SequenceEqual(twice) && a.Count == demands.Count;
    }
}

/// <summary>The draws behind one demand: -1 leaves a number unset; bit 0 of <paramref name="Flags"/> is important, bit 1 urgent.</summary>
public sealed record DemandSpec(int Id, string? Grade, int Flags, int Value, int Cost, int Fit)
{
    public Demand Build() => new($"d{Id}", Grade)
    {
        Important = (Flags & 1) == 1,
        Urgent = (Flags & 2) == 2,
        Value = Value < 0 ? null : Value,
        Cost = Cost < 0 ? null : Cost,
        StrategicFit = Fit < 0 ? null : Fit,
    };

    public override string ToString() =>
        $"d{Id}({Grade ?? "-"}{((Flags & 1) == 1 ? " important" : "")}{((Flags & 2) == 2 ? " urgent" : "")}, value {Value}, cost {Cost}, fit {Fit})";
}

/// <summary>A backlog (demands with the same id after the first are dropped) and a seed to shuffle it with.</summary>
public sealed record Backlog(DemandSpec[] Specs, int Seed)
{
    public List<Demand> Demands() => Specs.DistinctBy(d => d.Id).Select(d => d.Build()).ToList();

    public override string ToString() => $"[{string.Join(", ", Specs.DistinctBy(d => d.Id))}], shuffle seed {Seed}";
}

public static class DemandArbitraries
{
    private static readonly string?[] Grades = [null, "A", "B", "C", "D"];

    private static Gen<DemandSpec> Demand =>
        from id in Gen.Choose(0, 40)
        from grade in Gen.Elements(Grades)
        from flags in Gen.Choose(0, 3)
        from value in Gen.Choose(-1, 100)
        from cost in Gen.Choose(-1, 50)
        from fit in Gen.Choose(-1, 5)
        select new DemandSpec(id, grade, flags, value, cost, fit);

    private static IEnumerable<DemandSpec> Smaller(DemandSpec d) =>
        Shrink.Towards(d.Id, 0).Select(i => d with { Id = i })
            .Concat(Shrink.Earlier(d.Grade, Grades).Select(g => d with { Grade = g }))
            .Concat(Shrink.Towards(d.Flags, 0).Select(f => d with { Flags = f }))
            .Concat(Shrink.Towards(d.Value, -1).Select(v => d with { Value = v }))
            .Concat(Shrink.Towards(d.Cost, -1).Select(v => d with { Cost = v }))
            .Concat(Shrink.Towards(d.Fit, -1).Select(v => d with { Fit = v }));

    public static Arbitrary<Backlog> Backlog() => Arb.From(
        from demands in Demand.ArrayOf()
        from seed in Gen.Choose(0, int.MaxValue)
        select new Backlog(demands, seed),
        c => Shrink.Array(c.Specs, Smaller).Select(d => c with { Specs = d })
            .Concat(Shrink.Towards(c.Seed, 0).Select(s => c with { Seed = s })));
}

public class GradeNameRuleTests
{
    [Fact]
    public void EveryFamilyMatchesGradeNamesExactly()
    {
        var seed = CrmRuleSet.SeedStandard;
        Assert.Equal("response-A", seed.Sla.Select("A", "response", null)!.Name);
        Assert.NotEqual("response-A", seed.Sla.Select("a", "response", null)?.Name);
        var ordered = seed.Demands.Prioritise([new Crm.Rules.Demands.Demand("lower", "a") { Important = true, Urgent = true }, new Crm.Rules.Demands.Demand("upper", "A") { Important = true, Urgent = true }]);
        Assert.Equal(["upper", "lower"], ordered.Select(d => d.Demand.Id));
        Assert.Equal(3, seed.Churn.Score(new Crm.Rules.Churn.ChurnFacts(new NodaTime.LocalDate(2026, 11, 23)) { ValueGrade = "a" }).Value);
        Assert.Throws<CrmInputException>(() => seed.Cadence.Plan(new Crm.Rules.Cadence.CadenceCustomer("c") { Grade = "a" }, new NodaTime.LocalDate(2026, 11, 23)));
    }
}

public class DemandValueToCostRangeTests
{
    [Fact]
    public void HugeValuesAndCostsAreComparedExactly_NotCrashed()
    {
        Crm.Rules.Demands.Demand D(string id, decimal value, decimal cost) => new(id, "A") { Important = true, Urgent = true, Value = value, Cost = cost, StrategicFit = 1 };
        var ordered = CrmRuleSet.SeedStandard.Demands.Prioritise([D("less", 1e20m, 1e10m), D("more", 2e20m, 1e10m), D("equal", 3e25m, 3e15m)]);
        Assert.Equal(["more", "equal", "less"], ordered.Select(d => d.Demand.Id));
    }
}
