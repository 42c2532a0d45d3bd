using Crm.Rules.Demands;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Rules.Tests.Demands;

public class WeightedOrderProperties
{
    private static readonly string[] Keys = ["customerGrade", "valueToCost", "strategicFit"];

    private static readonly DemandRules[] OneKeyWeighted = Keys.Select(k => Rules("weighted", Keys.ToDictionary(x => x, x => x == k ? 1m : 0m))).ToArray();

    private static readonly DemandRules[] OneKeyLexicographic = Keys.Select(k => Rules("lexicographic", null, ["quadrant", k])).ToArray();

    // Weight vectors in millionths (adding up to 10^6), compiled once: compiling a whole rule set per case is slow.
    private static readonly DemandRules[] WeightedRules =
    [
        .. new[] { (400_000, 400_000), (333_333, 333_333), (1, 1), (999_998, 1), (0, 500_000), (123_457, 654_321), (500_000, 0), (0, 0) }
            .Select(w => Rules("weighted", new Dictionary<string, decimal>
            {
                ["customerGrade"] = w.Item1 / 1_000_000m,
                ["valueToCost"] = w.Item2 / 1_000_000m,
                ["strategicFit"] = (1_000_000 - w.Item1 - w.Item2) / 1_000_000m,
            })),
    ];

    private static Gen<Demand> Demands =>
        from id in Gen.Choose(0, 40)
        from grade in Gen.Elements<string?>("A", "B", "C", "D", null)
        from flags in Gen.Choose(0, 3)
        from value in Gen.Choose(-1, 100)
        from cost in Gen.Choose(-1, 50)
        from fit in Gen.Choose(-1, 5)
        select new Demand($"d{id}", grade)
        {
            Important = (flags & 1) == 1,
            Urgent = (flags & 2) == 2,
            Value = value < 0 ? null : value,
            Cost = cost < 0 ? null : cost,
            StrategicFit = fit < 0 ? null : fit,
        };

    private static Gen<List<Demand>> Backlogs => Demands.ListOf().Select(d => d.DistinctBy(x => x.Id).ToList());

    [Property(MaxTest = PropertyRuns.MaxTest)]
    public Property TheWeightedOrderIsATotalStableOrderIndependentOfInputOrder()
    {
        var cases = from demands in Backlogs
                    from rules in Gen.Elements(WeightedRules)
                    from seed in Gen.Choose(0, int.MaxValue)
                    select (Demands: demands, Rules: rules, Seed: seed);
        return Prop.ForAll(Arb.From(cases, c => Fewer(c.Demands).Select(d => c with { Demands = d })), c =>
        {
            var random = new Random(c.Seed);
            var shuffled = c.Demands.OrderBy(_ => random.Next()).ToList();
            var a = Ids(c.Rules.Prioritise(c.Demands));
            var b = Ids(c.Rules.Prioritise(shuffled));
            var r = Ids(c.Rules.Prioritise(c.Demands.AsEnumerable().Reverse()));
            var twice = Ids(c.Rules.Prioritise(c.Rules.Prioritise(c.Demands).Select(d => d.Demand)));
            return a.SequenceEqual(b) && a.SequenceEqual(r) && a.SequenceEqual(twice) && a.Order().SequenceEqual(c.Demands.Select(d => d.Id).Order());
        });
    }

    [Property(MaxTest = PropertyRuns.MaxTest)]
    public Property WithOneKeyWeighted_TheOrderIsTheLexicographicOrderOfTheQuadrantThenThatKey()
    {
        var cases = from demands in Backlogs
                    from key in Gen.Choose(0, Keys.Length - 1)
                    select (Demands: demands, Key: key);
        return Prop.ForAll(Arb.From(cases, c => Fewer(c.Demands).Select(d => c with { Demands = d })), c =>
            Ids(OneKeyWeighted[c.Key].Prioritise(c.Demands)).SequenceEqual(Ids(OneKeyLexicographic[c.Key].Prioritise(c.Demands))));
    }

    [Property(MaxTest = PropertyRuns.MaxTest)]
    public Property TheWeightedOrderAndItsReasonsMatchAnExactReference()
    {
        var cases = from demands in Backlogs
                    from rules in Gen.Elements(WeightedRules)
                    select (Demands: demands, Rules: rules);
        return Prop.ForAll(Arb.From(cases, c => Fewer(c.Demands).Select(d => c with { Demands = d })), c =>
        {
            var weights = Keys.Select(k => (long)(c.Rules.Weights[Parse(k)] * 1_000_000m)).ToArray();
            var reference = c.Demands
                .Select(d => (Demand: d, Quadrant: c.Rules.Classify(d), Ahead: Keys.Select((_, j) => c.Demands.Count(o => o.Id != d.Id && c.Rules.Classify(o) == c.Rules.Classify(d) && Better(j, d, o) > 0)).ToArray()))
                .Select(x => (x.Demand, x.Quadrant, x.Ahead, Peers: c.Demands.Count(o => o.Id != x.Demand.Id && c.Rules.Classify(o) == x.Quadrant), Sum: x.Ahead.Select((a, j) => a * weights[j]).Sum()))
                .OrderBy(x => (int)x.Quadrant).ThenByDescending(x => x.Sum).ThenBy(x => x.Demand.Id, StringComparer.Ordinal)
                .ToList();
            var actual = c.Rules.Prioritise(c.Demands);
            return reference.Select(x => x.Demand.Id).SequenceEqual(Ids(actual))
                && reference.Zip(actual).All(p =>
                    p.Second.Score == (p.First.Peers == 0 ? 0m : FixedPoint.Normalize(decimal.Round(p.First.Sum / 1_000_000m / p.First.Peers, 6, MidpointRounding.AwayFromZero)))
                    && p.Second.Reasons.Skip(1).All(r => r.Peers == p.First.Peers && r.Ahead == p.First.Ahead[Array.IndexOf(Keys, Word(r.Key))] && r.Weight > 0m));
        });
    }

    // Shrinks a backlog by leaving out one demand at a time, so a failure is reported on the fewest demands that show it.
    private static IEnumerable<List<Demand>> Fewer(List<Demand> demands)
        => Enumerable.Range(0, demands.Count).Select(i => demands.Where((_, j) => j != i).ToList());

    // The obvious comparison on one key, in exact integers (the generated numbers are whole): > 0 when a is ahead of b.
    private static int Better(int key, Demand a, Demand b)
    {
        switch (key)
        {
            case 0:
                int Rank(string? g) => g switch { "A" => 0, "B" => 1, "C" => 2, _ => 3 };
                return Rank(b.CustomerGrade).CompareTo(Rank(a.CustomerGrade));
            case 1:
                int Class(Demand d) => d.Value is null || d.Cost is null ? 2 : d.Cost == 0 ? 0 : 1;
                if (Class(a) != Class(b))
                {
                    return Class(b).CompareTo(Class(a));
                }

                return Class(a) switch
                {
                    0 => ((long)a.Value!.Value).CompareTo((long)b.Value!.Value),
                    1 => ((long)a.Value!.Value * (long)b.Cost!.Value).CompareTo((long)b.Value!.Value * (long)a.Cost!.Value),
                    _ => 0,
                };
            default:
                return (a.StrategicFit ?? -1m).CompareTo(b.StrategicFit ?? -1m);
        }
    }

    private static DemandOrderKey Parse(string word) => (DemandOrderKey)(Array.IndexOf(Keys, word) + 1);

    private static string Word(DemandOrderKey key) => Keys[(int)key - 1];

    private static List<string> Ids(IEnumerable<PrioritisedDemand> ordered) => ordered.Select(d => d.Demand.Id).ToList();

    private static DemandRules Rules(string mode, Dictionary<string, decimal>? weights, List<string>? orderBy = null)
    {
        var options = new CrmRulesOptions();
        options.Demands.Ordering.Mode = mode;
        if (weights is not null)
        {
            options.Demands.Ordering.Weights = weights;
        }

        if (orderBy is not null)
        {
            options.Demands.OrderBy = orderBy;
        }

        return CrmRuleSet.Compile(options).Demands;
    }
}
