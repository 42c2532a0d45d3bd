using System.Diagnostics;
using System.Globalization;
using Crm.Rules.Orleans.Tests.Support;
using Crm.Rules.Samples.Orleans;
using NodaTime;
using Xunit.Abstractions;

namespace Crm.Rules.Orleans.Tests;

/// <summary>
/// What one event costs through a customer grain on the durable path (re-grade, churn, the answer, and the state written
/// to Redis before the answer): a fixed number of events, reported, never asserted on time (the machine is shared).
/// </summary>
[Collection("cluster")]
[Trait("Category", "Redis")]
public sealed class EventThroughputTests(ClusterFixture fixture, ITestOutputHelper output)
{
    [RedisFact]
    public async Task PurchaseEvents_4000Over200Customers_NoneRefused_FiguresReported()
    {
        const int Customers = 200;
        const int EventsEach = 20;
        var start = Instant.FromUtc(2026, 7, 1, 2, 0);
        ClusterFixture.Clock.Reset(start);
        var scores = RulesRolloutTests.Scores(4, 4, 3, 5, 4, 3);
        // Warm-up: one event per customer activates the grains and compiles the paths.
        await Task.WhenAll(Enumerable.Range(0, Customers).Select(c => fixture.Grains.GetGrain<ICustomerGrain>($"load-{c}").Record(new Purchased(start, 1m, scores))));

        var latencies = new double[Customers * EventsEach];
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Customers).Select(async c =>
        {
            var grain = fixture.Grains.GetGrain<ICustomerGrain>($"load-{c}");
            for (var e = 0; e < EventsEach; e++)
            {
                var one = Stopwatch.GetTimestamp();
                var view = await grain.Record(new Purchased(start + Duration.FromMinutes(e + 1), 10m + e));
                latencies[(c * EventsEach) + e] = Stopwatch.GetElapsedTime(one).TotalMilliseconds;
                Assert.Null(view.Refusal);
            }
        }));
        watch.Stop();

        Array.Sort(latencies);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{latencies.Length:N0} events, {Customers} customers at once, {fixture.Running.GetActiveSilos().Count()} silos, Redis state: {latencies.Length / watch.Elapsed.TotalSeconds:N0} events/s, p50 {latencies[latencies.Length / 2]:N2} ms, p99 {latencies[(int)(latencies.Length * 0.99)]:N2} ms, max {latencies[^1]:N2} ms"));
        Assert.Equal(EventsEach + 1, (await fixture.Grains.GetGrain<ICustomerGrain>("load-0").GetState()).Version);
    }
}
