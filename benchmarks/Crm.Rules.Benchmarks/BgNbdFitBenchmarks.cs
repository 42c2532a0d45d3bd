using System.Globalization;
using BenchmarkDotNet.Attributes;
using Crm.Rules.Analytics;
using Crm.Rules.Samples;

namespace Crm.Rules.Benchmarks;

/// <summary>
/// Fitting BG/NBD by maximum likelihood to the 2,357 customers of the CDNOW sample (Fader, Hardie &amp; Lee's own
/// data, <c>../shared/data/cdnow/cdnow_customers_summary.csv</c>, in weeks) with the seed standard's fit settings.
/// The baseline is one evaluation of the summed log-likelihood over the same customers: a fit is a sequence of such
/// evaluations, so its ratio reads as the evaluations Nelder-Mead spends, and whatever lies beyond that is the
/// minimiser's own overhead. A class of its own because a ratio against the 100,000-customer sum of
/// <see cref="BgNbdBenchmarks"/> would mean nothing.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 6)]
public class BgNbdFitBenchmarks
{
    private readonly AnalyticsRules _rules = CrmRuleSet.SeedStandard.Analytics;
    private PurchaseSummary[] _customers = null!;

    [GlobalSetup]
    public void Setup()
    {
        // The real data ships beside the repository, not inside it: without it there is nothing to fit.
        var summary = SampleData.Locate([], 0, "cdnow/cdnow_customers_summary.csv")
            ?? throw new InvalidOperationException("../shared/data/cdnow/cdnow_customers_summary.csv is not beside the repository; the BG/NBD fit benchmark needs it.");
        _customers = [.. File.ReadLines(summary).Skip(1).Select(line => line.Split(',')).Select(f => new PurchaseSummary(
            int.Parse(f[1], CultureInfo.InvariantCulture),
            double.Parse(f[2], CultureInfo.InvariantCulture),
            double.Parse(f[3], CultureInfo.InvariantCulture)))];
    }

    [Benchmark(Baseline = true, Description = "one ln L over the 2,357 customers (CDNOW parameters)")]
    public double OneEvaluation()
    {
        var sum = 0.0;
        foreach (var c in _customers)
        {
            sum += BgNbd.LogLikelihood(0.243, 4.414, 0.793, 2.426, c);
        }

        return sum;
    }

    [Benchmark(Description = "Crm.Rules: AnalyticsRules.FitBgNbd (Nelder-Mead)")]
    public BgNbdModel Fit() => _rules.FitBgNbd(_customers);
}
