using Crm.Rules.Samples.Orleans;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Crm.Rules.Orleans.Tests.Support;

/// <summary>
/// Two silos in this process (Microsoft.Orleans.TestingHost) with grain state and reminders in the test run's
/// redis-server, and one fake clock that every silo reads. Started once for the "cluster" collection; not started (and
/// the tests skip) when there is no Redis.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>The silos' clock: Monday 2 March 2026, 09:00 in Shanghai, until a test moves it.</summary>
    public static readonly FakeClock Clock = new(Instant.FromUtc(2026, 3, 2, 1, 0));

    /// <summary>
    /// The clock of the silos' reminder service (Orleans 10.4 reads it from a keyed <see cref="TimeProvider"/>). It only
    /// moves forward, by <see cref="Advance"/>, which moves <see cref="Clock"/> by the same amount: a reminder registered
    /// "due in d" from the fake clock's now then rings when a test advances both by d.
    /// </summary>
    public static readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider ReminderTime = new(DateTimeOffset.UtcNow);

    /// <summary>
    /// Moves the grains' clock and the reminders' clock forward together, a minute at a time with a pause between steps,
    /// so that the reminder service's loops (which re-arm their timers after each wake-up) see every minute go by.
    /// </summary>
    public static async Task Advance(Duration by)
    {
        var step = Duration.FromMinutes(1);
        for (var moved = Duration.Zero; moved < by; moved += step)
        {
            var next = by - moved < step ? by - moved : step;
            Clock.Advance(next);
            ReminderTime.Advance(next.ToTimeSpan());
            await Task.Delay(10);
        }
    }

    public TestCluster? Cluster { get; private set; }

    public IGrainFactory Grains => Cluster?.GrainFactory ?? throw new InvalidOperationException(RedisServer.Shared.Problem ?? "The cluster did not start.");

    public TestCluster Running => Cluster ?? throw new InvalidOperationException(RedisServer.Shared.Problem ?? "The cluster did not start.");

    public async Task InitializeAsync()
    {
        if (RedisServer.Shared.Problem is not null)
        {
            return;
        }

        var builder = new TestClusterBuilder(2);
        builder.Options.ServiceId = "crm-rules-tests-" + Guid.NewGuid().ToString("N")[..8];
        builder.AddSiloBuilderConfigurator<RedisSilo>();
        builder.AddClientBuilderConfigurator<ShortTimeouts>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.StopAllSilosAsync();
            await Cluster.DisposeAsync();
        }

        // Every Redis test is in this collection: the server goes with it (the test host may be killed before ProcessExit).
        RedisServer.Shared.Stop();
    }

    // A call caught by a stopping silo fails after this instead of Orleans' 30 s, so the caller's retry comes sooner.
    private static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The test client's calls time out as the silos' do.</summary>
    public sealed class ShortTimeouts : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
            => clientBuilder.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
    }

    /// <summary>Configures a test silo as the sample configures one on Redis, with the fake clock.</summary>
    public sealed class RedisSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.Services.AddSingleton<IClock>(Clock);
            siloBuilder.Services.AddKeyedSingleton<TimeProvider>(global::Orleans.Reminders.ReminderTimeProviderNames.Reminders, ReminderTime);
            siloBuilder.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
            siloBuilder.AddCrmCustomers(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["CrmCluster:Store"] = "Redis",
                ["CrmCluster:Redis"] = RedisServer.Shared.Endpoint,
                ["CrmCluster:RulesRefreshSeconds"] = "2",
            }).Build());
        }
    }
}

[CollectionDefinition("cluster")]
public sealed class ClusterTests : ICollectionFixture<ClusterFixture>;
