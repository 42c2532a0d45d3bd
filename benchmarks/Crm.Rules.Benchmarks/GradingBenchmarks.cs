using BenchmarkDotNet.Attributes;
using Crm.Rules.Scoring;

namespace Crm.Rules.Benchmarks;

/// <summary>Grading one customer under the seed standard (GRADE-1 … GRADE-3).</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 10)]
public class SingleGradingBenchmarks
{
    private readonly ValueGradingRules _rules = CrmRuleSet.SeedStandard.ValueGrading;
    private readonly NaiveGrader _naive = new();
    private readonly byte[] _scores = [4, 3, 5, 2, 4, 3];
    private Dictionary<string, int> _named = null!;

    [GlobalSetup]
    public void Setup() => _named = _rules.Indicators.ToDictionary(i => i.Name, i => (int)_scores[i.Index]);

    [Benchmark(Baseline = true, Description = "naive: LINQ over a dictionary of weights")]
    public string Naive() => _naive.Grade(_named).Grade;

    [Benchmark(Description = "Crm.Rules: ValueGradingRules.Grade(span)")]
    public Grade? CrmRules() => _rules.Grade(_scores).Grade;
}

/// <summary>
/// Grading one customer against the floor: exact code written by hand for the seed rule alone (six fixed weights, two
/// fixed thresholds, no checks). The target for the general grader is ≤ 4 ns and 0 B.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 10)]
public class SingleGradingFloorBenchmarks
{
    private readonly ValueGradingRules _rules = CrmRuleSet.SeedStandard.ValueGrading;
    private readonly byte[] _scores = [4, 3, 5, 2, 4, 3];
    private Grade[] _grades = null!;

    [GlobalSetup]
    public void Setup() => _grades = _rules.Grades.ToArray();

    /// <summary>Exact code written by hand for the seed rule only: the floor any general engine is measured against.</summary>
    [Benchmark(Baseline = true, Description = "hand-written seed rule (no checks)")]
    public Grade HandWritten()
    {
        var s = _scores;
        var sum = 300_000L * s[0] + 150_000L * s[1] + 150_000L * s[2] + 100_000L * s[3] + 150_000L * s[4] + 150_000L * s[5];
        return _grades[sum >= 4_000_000 ? 0 : sum >= 3_000_000 ? 1 : 2];
    }

    [Benchmark(Description = "Crm.Rules: ValueGradingRules.Grade(span).Grade")]
    public Grade? CrmRules() => _rules.Grade(_scores).Grade;

    [Benchmark(Description = "Crm.Rules: ValueGradingRules.Grade(span).Status")]
    public GradeStatus CrmRulesStatus() => _rules.Grade(_scores).Status;
}

/// <summary>Row-major grading of 1,000,000 customers against the hand-written floor; time per customer.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class BatchGradingFloorBenchmarks
{
    private const int Customers = 1_000_000;
    private readonly ValueGradingRules _rules = CrmRuleSet.SeedStandard.ValueGrading;
    private byte[] _scores = null!;
    private GradeOutcome[] _outcomes = null!;
    private byte[] _ranks = null!;

    [GlobalSetup]
    public void Setup()
    {
        _scores = RandomScores.Of(Customers * 6);

        _outcomes = new GradeOutcome[Customers];
        _ranks = new byte[Customers];
    }

    /// <summary>Exact code written by hand for the seed rule only, row-major: the floor for <c>GradeBatch</c>.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Customers, Description = "hand-written seed rule, row-major ranks")]
    public void HandWritten()
    {
        var s = _scores;
        var ranks = _ranks;
        for (var c = 0; c < ranks.Length; c++)
        {
            var r = c * 6;
            var sum = 300_000L * s[r] + 150_000L * s[r + 1] + 150_000L * s[r + 2] + 100_000L * s[r + 3] + 150_000L * s[r + 4] + 150_000L * s[r + 5];
            ranks[c] = sum >= 4_000_000 ? (byte)0 : sum >= 3_000_000 ? (byte)1 : (byte)2;
        }
    }

    [Benchmark(OperationsPerInvoke = Customers, Description = "Crm.Rules: GradeBatch → GradeOutcome[]")]
    public void CrmRulesOutcomes() => _rules.GradeBatch(_scores, _outcomes);

    [Benchmark(OperationsPerInvoke = Customers, Description = "Crm.Rules: GradeBatch → grade ranks (1 B each)")]
    public int CrmRulesRanks() => _rules.GradeBatch(_scores, _ranks).Graded;
}

/// <summary>Grading 1,000,000 customers; the reported time is per customer (OperationsPerInvoke).</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class BatchGradingBenchmarks
{
    private const int Customers = 1_000_000;
    private readonly ValueGradingRules _rules = CrmRuleSet.SeedStandard.ValueGrading;
    private readonly NaiveGrader _naive = new();
    private byte[] _scores = null!;
    private Dictionary<string, int>[] _named = null!;
    private GradeOutcome[] _outcomes = null!;
    private byte[] _ranks = null!;
    private string[] _naiveGrades = null!;

    [GlobalSetup]
    public void Setup()
    {
        _scores = RandomScores.Of(Customers * 6);

        var names = _rules.Indicators.Select(i => i.Name).ToArray();
        _named = Enumerable.Range(0, Customers)
            .Select(c => names.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => (int)_scores[c * 6 + x.i]))
            .ToArray();
        _outcomes = new GradeOutcome[Customers];
        _ranks = new byte[Customers];
        _naiveGrades = new string[Customers];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Customers, Description = "naive: LINQ per customer")]
    public void Naive()
    {
        for (var c = 0; c < Customers; c++)
        {
            _naiveGrades[c] = _naive.Grade(_named[c]).Grade;
        }
    }

    [Benchmark(OperationsPerInvoke = Customers, Description = "Crm.Rules: GradeBatch → GradeOutcome[] (24 B each)")]
    public void CrmRulesOutcomes() => _rules.GradeBatch(_scores, _outcomes);

    [Benchmark(OperationsPerInvoke = Customers, Description = "Crm.Rules: GradeBatch → grade ranks (1 B each)")]
    public int CrmRulesRanks() => _rules.GradeBatch(_scores, _ranks).Graded;
}

/// <summary>Screening one lead (LEAD-1).</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 10)]
public class LeadScoringBenchmarks
{
    private readonly LeadScoringRules _rules = CrmRuleSet.SeedStandard.LeadScoring;
    private readonly bool[] _met = [true, false, true];
    private readonly Dictionary<string, decimal> _points = new() { ["industryMatch"] = 3m, ["budgetClear"] = 2m, ["authorityClear"] = 2m };
    private readonly string[] _metNames = ["industryMatch", "authorityClear"];

    [Benchmark(Baseline = true, Description = "naive: LINQ over a dictionary of points")]
    public bool Naive() => _metNames.Sum(n => _points[n]) >= 5m;

    [Benchmark(Description = "Crm.Rules: LeadScoringRules.Score(span)")]
    public bool CrmRules() => _rules.Score(_met).Advances;
}

/// <summary>Grading 1,000,000 customers held column-major (one column per indicator); time per customer.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class ColumnarGradingBenchmarks
{
    private const int Customers = 1_000_000;
    private readonly ValueGradingRules _rules = CrmRuleSet.SeedStandard.ValueGrading;
    private byte[] _columns = null!;
    private byte[] _ranks = null!;
    private long[] _weights = null!;

    [GlobalSetup]
    public void Setup()
    {
        _columns = RandomScores.Of(Customers * 6);

        _ranks = new byte[Customers];
        _weights = [300_000, 150_000, 150_000, 100_000, 150_000, 150_000];
    }

    /// <summary>Exact code written by hand for the seed rule only: the floor any general engine is measured against.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Customers, Description = "hand-written seed rule, scalar loop")]
    public void HandWritten()
    {
        var w = _weights;
        for (var c = 0; c < Customers; c++)
        {
            var sum = w[0] * _columns[c] + w[1] * _columns[Customers + c] + w[2] * _columns[2 * Customers + c]
                + w[3] * _columns[3 * Customers + c] + w[4] * _columns[4 * Customers + c] + w[5] * _columns[5 * Customers + c];
            _ranks[c] = sum >= 4_000_000 ? (byte)0 : sum >= 3_000_000 ? (byte)1 : (byte)2;
        }
    }

    [Benchmark(OperationsPerInvoke = Customers, Description = "Crm.Rules: GradeColumns (SIMD)")]
    public int CrmRules() => _rules.GradeColumns(_columns, _ranks).Graded;
}

/// <summary>The same seeded scores 1..5 for every grading benchmark, so their times compare.</summary>
internal static class RandomScores
{
    public static byte[] Of(int length)
    {
        var random = new Random(20261124);
        var scores = new byte[length];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = (byte)random.Next(1, 6);
        }

        return scores;
    }
}
