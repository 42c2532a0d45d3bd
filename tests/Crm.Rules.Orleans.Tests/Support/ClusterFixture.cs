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
