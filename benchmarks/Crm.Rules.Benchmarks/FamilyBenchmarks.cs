using BenchmarkDotNet.Attributes;
using Crm.Rules.Cadence;
using Crm.Rules.Demands;
using NodaTime;

namespace Crm.Rules.Benchmarks;

/// <summary>Ordering a backlog of 100,000 demands (DEM-3); time per backlog.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 6)]
public class PrioritiseBenchmarks
{
    private readonly DemandRules _rules = CrmRuleSet.SeedStandard.Demands;
    private readonly DemandRules _weighted = CrmRuleSet.Compile(Configuration.CrmRulesJson.Parse("""{ "demands": { "ordering": { "mode": "weighted" } } }""")).Demands;
    private Demand[] _demands = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261124);
        string[] grades = ["A", "B", "C"];
        _demands = Enumerable.Range(0, 100_000).Select(i => new Demand($"D{i:000000}", grades[random.Next(3)])
        {
            Importance = random.Next(1, 6),
            Urgency = random.Next(1, 6),
            Value = random.Next(0, 100_000),
            Cost = random.Next(1, 20_000),
            StrategicFit = random.Next(0, 6),
        }).ToArray();
    }

    /// <summary>The usual LINQ chain over the same keys, with decimal division for value / cost.</summary>
    [Benchmark(Baseline = true, Description = "naive: LINQ OrderBy/ThenBy chain")]
    public int Naive()
    {
        int Quadrant(Demand d) => (d.Importance >= 4, d.Urgency >= 4) switch { (true, true) => 0, (true, false) => 1, (false, true) => 2, _ => 3 };
        return _demands
            .OrderBy(Quadrant)
            .ThenBy(d => d.CustomerGrade)
            .ThenByDescending(d => d.Value / d.Cost)
            .ThenByDescending(d => d.StrategicFit)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList()
            .Count;
    }

    [Benchmark(Description = "Crm.Rules: DemandRules.Prioritise (with reasons)")]
    public int CrmRules() => _rules.Prioritise(_demands).Count;

    /// <summary>The weighted mode: one extra sort per weighted key to rank it within the quadrant, then the score sort.</summary>
    [Benchmark(Description = "Crm.Rules: DemandRules.Prioritise, weighted mode (with reasons)")]
    public int CrmRulesWeighted() => _weighted.Prioritise(_demands).Count;
}

/// <summary>Planning the next contact of 1,000,000 customers; time per customer.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 6)]
public class CadenceBatchBenchmarks
{
    private const int Customers = 1_000_000;
    private readonly CadenceRules _rules = CrmRuleSet.SeedStandard.Cadence;
    private readonly LocalDate _asOf = new(2026, 11, 24);
    private CadenceFacts[] _facts = null!;
    private CadenceCustomer[] _customers = null!;
    private LocalDate[] _due = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261124);
        _facts = new CadenceFacts[Customers];
        _customers = new CadenceCustomer[Customers];
        for (var i = 0; i < Customers; i++)
        {
            var last = new LocalDate(2026, 1, 1).PlusDays(random.Next(0, 320));
            LocalDate? firstDeal = random.Next(10) == 0 ? last.PlusDays(-random.Next(0, 120)) : null;
            var grade = random.Next(3);
            _facts[i] = new CadenceFacts(grade, -1, last, firstDeal);
            _customers[i] = new CadenceCustomer($"C{i}") { Grade = ((char)('A' + grade)).ToString(), LastContact = last, FirstDeal = firstDeal };
        }

        _due = new LocalDate[Customers];
    }

    /// <summary>One full <see cref="CadenceRules.Plan"/> per customer: reasons, owner, channel, surveys.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Customers, Description = "per customer: CadenceRules.Plan (full explanation)")]
    public int Plan()
    {
        var overdue = 0;
        foreach (var customer in _customers)
        {
            overdue += _rules.Plan(customer, _asOf).OverdueDays > 0 ? 1 : 0;
        }

        return overdue;
    }

    [Benchmark(OperationsPerInvoke = Customers, Description = "Crm.Rules: CadenceRules.NextDueBatch")]
    public LocalDate Batch()
    {
        _rules.NextDueBatch(_facts, _asOf, _due);
        return _due[^1];
    }
}
