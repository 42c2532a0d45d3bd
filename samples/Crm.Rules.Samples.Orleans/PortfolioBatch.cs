using System.Diagnostics;
using Crm.Rules.Churn;
using Crm.Rules.Scoring;
using NodaTime;
using Orleans.Runtime;

namespace Crm.Rules.Samples.Orleans;

/// <summary>One partition of a batch, on the silo its key names: grades and scores churn for a range of customers.</summary>
public interface IPortfolioPartitionGrain : IGrainWithStringKey
{
    /// <summary>Generates customers <paramref name="first"/> … first + count − 1 and runs them through the library's batch paths.</summary>
    Task<PartitionResult> Evaluate(long first, int count, LocalDate asOf);
}

/// <summary>A partition on its silo (<see cref="SiloBoundPlacement"/>), with the silo's rule set.</summary>
[SiloBoundPlacement]
public sealed class PortfolioPartitionGrain(ClusterRuleSet rules) : Grain, IPortfolioPartitionGrain
{
    /// <inheritdoc />
    public Task<PartitionResult> Evaluate(long first, int count, LocalDate asOf)
    {
        var set = rules.Current;
        // Off the grain's turn: a partition is seconds of CPU work, which Orleans would report as a long turn.
        return Task.Run(() => PortfolioPartition.Evaluate(set, first, count, asOf));
    }
}

/// <summary>What a partition found: counts per grade and churn band, the rule set, and where its time went.</summary>
[GenerateSerializer]
public sealed record PartitionResult(
    [property: Id(0)] long Customers,
    [property: Id(1)] Dictionary<string, long> Grades,
    [property: Id(2)] Dictionary<string, long> ChurnBands,
    [property: Id(3)] string Fingerprint,
    [property: Id(4)] double GenerateMilliseconds,
    [property: Id(5)] double EvaluateMilliseconds);

/// <summary>A whole batch: totals over the partitions, wall time, silos and partitions used.</summary>
public sealed record BatchResult(long Customers, int Silos, int Partitions, TimeSpan Elapsed, Dictionary<string, long> Grades, Dictionary<string, long> ChurnBands, IReadOnlyList<string> Fingerprints, double EvaluateMilliseconds)
{
    /// <summary>Customers per second over the wall time.</summary>
    public double PerSecond => Customers / Elapsed.TotalSeconds;
}

/// <summary>Generates customers deterministically from their number and runs them through the library's batch paths.</summary>
public static class PortfolioPartition
{
    private const int Chunk = 1 << 16;

    /// <summary>Grades (<c>GradeBatch</c> to ranks) and scores churn (<c>ScoreBatch</c>) for customers first … first + count − 1.</summary>
    public static PartitionResult Evaluate(CrmRuleSet rules, long first, int count, LocalDate asOf)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var grading = rules.ValueGrading;
        var width = grading.Indicators.Count;
        var scores = new byte[Chunk * width];
        var ranks = new byte[Chunk];
        var facts = new ChurnFacts[Chunk];
        var outcomes = new ChurnOutcome[Chunk];
        var gradeCounts = new long[grading.Grades.Count + 1];
        var bands = new Dictionary<string, long>(StringComparer.Ordinal);
        var generate = new Stopwatch();
        var evaluate = new Stopwatch();
        for (long start = first; start < first + count; start += Chunk)
        {
            var m = (int)Math.Min(Chunk, first + count - start);
            generate.Start();
            for (var i = 0; i < m; i++)
            {
                var id = (ulong)(start + i);
                for (var k = 0; k < width; k++)
                {
                    scores[(i * width) + k] = (byte)(1 + (Mix((id * 16) + (ulong)k) % 5));
                }
            }

            generate.Stop();
            evaluate.Start();
            grading.GradeBatch(scores.AsSpan(0, m * width), ranks.AsSpan(0, m));
            evaluate.Stop();
            generate.Start();
            for (var i = 0; i < m; i++)
            {
                var h = Mix((ulong)(start + i) ^ 0x9E3779B97F4A7C15UL);
                var rank = ranks[i];
                facts[i] = new ChurnFacts(asOf)
                {
                    LastPurchase = asOf.PlusDays(-(int)(h % 400)),
                    LastInteraction = asOf.PlusDays(-(int)((h >> 10) % 120)),
                    AmountThisMonth = (h >> 20) % 5000,
                    AmountLastMonth = (h >> 33) % 5000,
                    UnresolvedComplaints = (int)((h >> 46) % 3),
                    CompetitorInquiry = (h >> 50) % 20 == 0,
                    ValueGrade = rank == GradeBatchSummary.NotGraded ? null : grading.Grades[rank].Name,
                };
            }

            generate.Stop();
            evaluate.Start();
            rules.Churn.ScoreBatch(facts.AsSpan(0, m), outcomes.AsSpan(0, m));
            evaluate.Stop();
            for (var i = 0; i < m; i++)
            {
                gradeCounts[ranks[i] == GradeBatchSummary.NotGraded ? grading.Grades.Count : ranks[i]]++;
                var band = outcomes[i].Band.Name;
                bands[band] = bands.GetValueOrDefault(band) + 1;
            }
        }

        var grades = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var r = 0; r < gradeCounts.Length; r++)
        {
            if (gradeCounts[r] > 0)
            {
                grades[r < grading.Grades.Count ? grading.Grades[r].Name : "(not graded)"] = gradeCounts[r];
            }
        }

        return new PartitionResult(count, grades, bands, rules.Fingerprint, generate.Elapsed.TotalMilliseconds, evaluate.Elapsed.TotalMilliseconds);
    }

    // SplitMix64's finaliser: a fixed, well-spread hash, so every run and every silo generates the same customers.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>Splits a batch over the cluster's silos (or over threads of one process) and adds the partitions up.</summary>
public static class PortfolioBatch
{
    /// <summary>Runs <paramref name="customers"/> generated customers over <paramref name="partitionsPerSilo"/> partitions on every active silo.</summary>
    public static async Task<BatchResult> RunAsync(IGrainFactory grains, long customers, int partitionsPerSilo, LocalDate asOf)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var silos = (await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Keys.OrderBy(s => s.ToParsableString(), StringComparer.Ordinal).ToList();
        var partitions = silos.Count * partitionsPerSilo;
        var watch = Stopwatch.StartNew();
        var calls = Ranges(customers, partitions).Select((range, p) =>
            grains.GetGrain<IPortfolioPartitionGrain>(SiloBoundPlacement.KeyFor(silos[p % silos.Count], p.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .Evaluate(range.First, range.Count, asOf));
        var results = await Task.WhenAll(calls);
        watch.Stop();
        return Total(results, silos.Count, partitions, watch.Elapsed);
    }

    /// <summary>The same batch in this process, one partition per thread: the single-process baseline.</summary>
    public static async Task<BatchResult> RunLocalAsync(CrmRuleSet rules, long customers, int partitions, LocalDate asOf)
    {
        var watch = Stopwatch.StartNew();
        var results = await Task.WhenAll(Ranges(customers, partitions).Select(range => Task.Run(() => PortfolioPartition.Evaluate(rules, range.First, range.Count, asOf))));
        watch.Stop();
        return Total(results, 1, partitions, watch.Elapsed);
    }

    private static IEnumerable<(long First, int Count)> Ranges(long customers, int partitions)
    {
        for (var p = 0; p < partitions; p++)
        {
            var first = customers * p / partitions;
            var next = customers * (p + 1) / partitions;
            yield return (first, (int)(next - first));
        }
    }

    private static BatchResult Total(PartitionResult[] results, int silos, int partitions, TimeSpan elapsed)
    {
        var grades = new Dictionary<string, long>(StringComparer.Ordinal);
        var bands = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            foreach (var (name, n) in result.Grades)
            {
                grades[name] = grades.GetValueOrDefault(name) + n;
            }

            foreach (var (name, n) in result.ChurnBands)
            {
                bands[name] = bands.GetValueOrDefault(name) + n;
            }
        }

        return new BatchResult(results.Sum(r => r.Customers), silos, partitions, elapsed, grades, bands,
            results.Select(r => r.Fingerprint).Distinct().ToList(), results.Sum(r => r.EvaluateMilliseconds));
    }
}
