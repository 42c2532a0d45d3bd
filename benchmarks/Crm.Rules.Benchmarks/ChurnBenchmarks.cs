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
    private ChurnPortfolio _portfolio = null!;
    private ChurnOutcome[] _outcomes = null!;

    /// <summary>
    /// <c>uniform</c>: every fact drawn uniformly, so each detector is a coin toss for the branch predictor (worst case).
    /// <c>typical</c>: a portfolio where about one customer in ten shows each kind of trouble.
    /// </summary>
    [Params("uniform", "typical")]
    public string Mix { get; set; } = "uniform";

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261124);
        var today = new LocalDate(2026, 11, 24);
        string[] grades = ["A", "B", "C"];
        var typical = Mix == "typical";
        bool Trouble(int oneIn) => random.Next(oneIn) == 0;
        _facts = Enumerable.Range(0, Customers).Select(_ =>
        {
            var last = random.Next(1, 100_000);
            var before = random.Next(0, 8);
            return new ChurnFacts(today)
            {
                LastUse = today.PlusDays(typical ? (Trouble(10) ? -random.Next(30, 200) : -random.Next(0, 20)) : -random.Next(0, 200)),
                LoginBased = random.Next(2) == 0,
                AmountLastMonth = last,
                AmountThisMonth = typical ? (Trouble(10) ? random.Next(0, last / 2 + 1) : last + random.Next(-last / 10, last / 10 + 1)) : random.Next(0, 100_000),
                CompetitorInquiry = Trouble(typical ? 20 : 10),
                KeyContactLeft = Trouble(20),
                ContactsPerMonthBefore = before,
                ContactsPerMonthNow = typical ? (Trouble(10) ? before / 4 : before) : random.Next(0, 8),
                NegativeFeedback = Trouble(10),
                RenewalRefused = Trouble(20),
                UnresolvedComplaints = typical ? (Trouble(10) ? 1 : 0) : random.Next(0, 3),
                ValueGrade = grades[random.Next(3)],
            };
        }).ToArray();
        _portfolio = new ChurnPortfolio(_facts);
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

    [Benchmark(OperationsPerInvoke = Customers, Description = "Crm.Rules: ChurnRules.ScoreBatch(facts)")]
    public int Batch()
    {
        _rules.ScoreBatch(_facts, _outcomes);
        return _outcomes[^1].Total;
    }

    /// <summary>The same customers laid out once as a portfolio (built in the setup, not measured here).</summary>
    [Benchmark(OperationsPerInvoke = Customers, Description = "Crm.Rules: ChurnRules.ScoreBatch(portfolio)")]
    public int PortfolioBatch()
    {
        _rules.ScoreBatch(_portfolio, _outcomes);
        return _outcomes[^1].Total;
    }

    /// <summary>What laying the customers out as a portfolio costs, once per portfolio.</summary>
    [Benchmark(OperationsPerInvoke = Customers, Description = "Crm.Rules: new ChurnPortfolio(facts), once")]
    public int BuildPortfolio() => new ChurnPortfolio(_facts).Count;
}
