using System.Collections.Concurrent;
using Crm.Rules.Orleans.Tests.Support;
using Crm.Rules.Samples.Orleans;
using NodaTime;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace Crm.Rules.Orleans.Tests;

[Collection("cluster")]
[Trait("Category", "Redis")]
public sealed class DurabilityTests(ClusterFixture fixture, ITestOutputHelper output)
{
    [RedisFact]
    public async Task SiloStoppedMidRun_NoAcknowledgedEventIsLostOrDoubled_StateReloadsFromRedis()
    {
        var cluster = fixture.Running;
        var joined = await cluster.StartAdditionalSiloAsync();
        await cluster.WaitForLivenessToStabilizeAsync();
        var start = Instant.FromUtc(2026, 5, 4, 2, 0);
        ClusterFixture.Clock.Reset(start);
        const int Customers = 60;
        const int EventsEach = 12;
        var acknowledged = new ConcurrentDictionary<string, ConcurrentBag<decimal>>();
        var failures = 0;

        // Each customer's events in order, all customers at once; the third silo stops when a third of them are in.
        var stopAt = new TaskCompletionSource();
        var sent = 0;
        var writers = Enumerable.Range(0, Customers).Select(c => Task.Run(async () =>
        {
            var id = $"durable-{c}";
            var grain = fixture.Grains.GetGrain<ICustomerGrain>(id);
            for (var e = 1; e <= EventsEach; e++)
            {
                var amount = (c * 1000) + e; // says which event it is
                for (var attempt = 0; attempt < 20; attempt++)
                {
                    try
                    {
                        // The event's id makes the retry of an event whose answer was lost harmless.
                        var view = await grain.Record(new Purchased(start + Duration.FromMinutes(e), amount) { EventId = $"{id}/{e}" });
                        Assert.Null(view.Refusal);
                        acknowledged.GetOrAdd(id, _ => []).Add(amount);
                        break;
                    }
                    catch (Exception problem) when (problem is not Xunit.Sdk.XunitException)
                    {
                        Interlocked.Increment(ref failures); // not acknowledged: the caller retries, as an ERP would
                        await Task.Delay(100);
                    }
                }

                if (Interlocked.Increment(ref sent) == Customers * EventsEach / 3)
                {
                    stopAt.TrySetResult();
                }
            }
        })).ToList();
        await stopAt.Task;

        // The stop must take customers with it, or the test would prove nothing about reloading from the store.
        var onJoined = await fixture.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics(hostsIds: [joined.SiloAddress]);
        var moved = onJoined.Count(g => g.GrainId.ToString().Contains("durable-", StringComparison.Ordinal));
        Assert.True(moved > 0, "no customer lived on the silo that stops");
        await cluster.StopSiloAsync(joined);
        await Task.WhenAll(writers);

        Assert.Equal(Customers * EventsEach, acknowledged.Values.Sum(b => b.Count));
        foreach (var (id, amounts) in acknowledged)
        {
            var state = await fixture.Grains.GetGrain<ICustomerGrain>(id).GetState();
            // Every acknowledged event, each once and in order, even those retried after an answer lost with the silo.
            Assert.Equal(amounts.Order(), state.Purchases.Select(p => p.Amount));
            Assert.Equal(EventsEach, state.Version);
        }

        // Every customer that lived on the stopped silo now lives on one of the others, from the store.
        Assert.Equal(2, cluster.GetActiveSilos().Count());
        output.WriteLine($"{moved} customers lived on the stopped silo; {failures} calls failed while it stopped and were retried");
    }
}
