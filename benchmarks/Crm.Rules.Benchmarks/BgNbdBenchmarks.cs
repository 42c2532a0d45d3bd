using BenchmarkDotNet.Attributes;
using Crm.Rules.Analytics;

namespace Crm.Rules.Benchmarks;

/// <summary>
/// The BG/NBD log-likelihood (Fader, Hardie &amp; Lee 2005, equation 6) summed over 100,000 generated customers at
/// the CDNOW parameters (r 0.243, α 4.414, a 0.793, b 2.426): the inner loop of every fit, run thousands of times per
/// fit, so it must allocate nothing. Time per sum, not per customer, so that even a few bytes allocated per sum would
/// show in the Allocated column instead of rounding away.
/// The baseline is the paper's likelihood written directly: rising factorials for the gamma ratios, powers, and one
/// logarithm per customer at the end. That form breaks once a factor leaves the range of a double (Γ(r+x) past
/// x ≈ 170, (α+T)^(r+x) past 10^308), which is why the library works in log space; these customers stay well inside
/// it (x ≤ 60, T ≤ 78 weeks) and setup checks that both give the same sum, so the ratio is the price of log space.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class BgNbdBenchmarks
{
    private const int Customers = 100_000;
    private const double R = 0.243, Alpha = 4.414, A = 0.793, B = 2.426;
    private PurchaseSummary[] _customers = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261124);
        _customers = new PurchaseSummary[Customers];
        for (var i = 0; i < Customers; i++)
        {
            // Whole hundredths of a week, so t_x = j/100 ≤ T = k/100 holds exactly in doubles whenever j ≤ k.
            var ageHundredths = random.Next(100, 7_801);
            // About half never buy again, as in CDNOW; the rest a geometric tail capped where the direct form still holds.
            var x = random.Next(100) < 55 ? 0 : 1 + Math.Min(59, (int)(-4 * Math.Log(1 - random.NextDouble())));
            var recency = x == 0 ? 0 : random.Next(0, ageHundredths + 1) / 100.0;
            _customers[i] = new PurchaseSummary(x, recency, ageHundredths / 100.0);
            if (!_customers[i].IsValid)
            {
                throw new InvalidOperationException($"generated an invalid summary: {_customers[i]}");
            }
        }

        var direct = Direct();
        var library = LogLikelihood();
        if (!(Math.Abs(direct - library) <= 1e-9 * Math.Abs(library)))
        {
            throw new InvalidOperationException($"the direct baseline no longer computes the library's sum ({direct} against {library}): its ratio would compare different numbers");
        }
    }

    [Benchmark(Baseline = true, Description = "naive: direct likelihood (products, Math.Pow), ln per customer")]
    public double Direct()
    {
        var sum = 0.0;
        foreach (var c in _customers)
        {
            var x = c.Frequency;
            // Γ(r+x)/Γ(r) and B(a, b+x)/B(a, b) as the products they are for whole x.
            double rising = 1, beta = 1;
            for (var j = 0; j < x; j++)
            {
                rising *= R + j;
                beta *= (B + j) / (A + B + j);
            }

            var survived = Math.Pow(Alpha + c.Age, -(R + x));
            var droppedOut = x > 0 ? A / (B + x - 1) * Math.Pow(Alpha + c.Recency, -(R + x)) : 0;
            sum += Math.Log(rising * Math.Pow(Alpha, R) * beta * (survived + droppedOut));
        }

        return sum;
    }

    [Benchmark(Description = "Crm.Rules: BgNbd.LogLikelihood (log space)")]
    public double LogLikelihood()
    {
        var sum = 0.0;
        foreach (var c in _customers)
        {
            sum += BgNbd.LogLikelihood(R, Alpha, A, B, c);
        }

        return sum;
    }
}
