using BenchmarkDotNet.Attributes;
using Crm.Rules.Churn;
using NodaTime;

namespace Crm.Rules.Benchmarks;

/// <summary>Scoring the churn risk of 1,000,000 customers from raw facts; time per customer.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 6)]
public class ChurnBatchBenchmarks
{
    private const int Customers = 1_000_000;
    private readonly ChurnRules _rules = CrmRuleSet.SeedStandard.Churn;
    private ChurnFacts[] _facts = null!;
    private ChurnOutcome[] _outcomes = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261124);
        var today = new LocalDate(2026, 11, 24);
        string[] grades = ["A", "B", "C"];
        _facts = Enumerable.Range(0, Customers).Select(_ => new ChurnFacts(today)
        {
            LastUse = today.PlusDays(-random.Next(0, 200)),
            LoginBased = random.Next(2) == 0,
            AmountLastMonth = random.Next(1, 100_000),
            AmountThisMonth = random.Next(0, 100_000),
            CompetitorInquiry = random.Next(10) == 0,
            KeyContactLeft = random.Next(20) == 0,
            ContactsPerMonthBefore = random.Next(0, 8),
            ContactsPerMonthNow = random.Next(0, 8),
            NegativeFeedback = random.Next(10) == 0,
            RenewalRefused = random.Next(20) == 0,
            UnresolvedComplaints = random.Next(0, 3),
            ValueGrade = grades[random.Next(3)],
        }).ToArray();
        _outcomes = new ChurnOutcome[Customers];
    }

    /// <summary>The explaining path per customer: signals with evidence text, playbook, trend.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Customers, Description = "per customer: ChurnRules.Explain (evidence text)")]
    public int Explain()
    {
        var high = 0;
        foreach (var facts in _facts)
        {
            high += _rules.Explain(in facts).Total >= 12 ? 1 : 0;
        }

        return high;
    }

    [Benchmark(OperationsPerInvoke = Customers, Description = "Crm.Rules: ChurnRules.ScoreBatch")]
    public int Batch()
    {
        _rules.ScoreBatch(_facts, _outcomes);
        return _outcomes[^1].Total;
    }
}
