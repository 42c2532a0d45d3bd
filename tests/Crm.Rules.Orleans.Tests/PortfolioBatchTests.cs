using System.Globalization;
using Crm.Rules.Orleans.Tests.Support;
using Crm.Rules.Samples.Orleans;
using NodaTime;
using Xunit.Abstractions;

namespace Crm.Rules.Orleans.Tests;

[Collection("cluster")]
[Trait("Category", "Redis")]
public sealed class PortfolioBatchTests(ClusterFixture fixture, ITestOutputHelper output)
{
    private static readonly LocalDate AsOf = new(2026, 6, 30);

    [RedisFact]
    public async Task GradeAndChurn_AMillionCustomersAcrossTheSilos_SameTotalsAsOneProcess()
    {
        const long Customers = 1_000_000;
        var rules = CrmRuleSet.SeedStandard;

        var local = await PortfolioBatch.RunLocalAsync(rules, Customers, Environment.ProcessorCount, AsOf);
        var cluster = await PortfolioBatch.RunAsync(fixture.Grains, Customers, partitionsPerSilo: 1, AsOf);

        Assert.Equal(Customers, cluster.Customers);
        Assert.Equal(fixture.Running.GetActiveSilos().Count(), cluster.Silos);
        Assert.True(cluster.Silos >= 2);
        Assert.Equal([rules.Fingerprint], cluster.Fingerprints);
        Assert.Equal(local.Grades.OrderBy(g => g.Key, StringComparer.Ordinal), cluster.Grades.OrderBy(g => g.Key, StringComparer.Ordinal));
        Assert.Equal(local.ChurnBands.OrderBy(g => g.Key, StringComparer.Ordinal), cluster.ChurnBands.OrderBy(g => g.Key, StringComparer.Ordinal));
        Assert.Equal(Customers, cluster.Grades.Values.Sum());
        output.WriteLine(Describe("one process", local));
        output.WriteLine(Describe("cluster", cluster));
    }

    private static string Describe(string what, BatchResult r) => string.Create(CultureInfo.InvariantCulture,
        $"{what}: {r.Customers:N0} customers, {r.Silos} silo(s), {r.Partitions} partitions, {r.Elapsed.TotalMilliseconds:N0} ms wall, {r.PerSecond:N0}/s; evaluation {r.EvaluateMilliseconds:N0} ms summed over partitions; grades {string.Join(" ", r.Grades.OrderBy(g => g.Key, StringComparer.Ordinal))}; churn {string.Join(" ", r.ChurnBands.OrderBy(g => g.Key, StringComparer.Ordinal))}");
}
