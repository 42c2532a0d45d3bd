using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using NodaTime;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;
using StackExchange.Redis;

namespace Crm.Rules.Samples.Orleans;

/// <summary>The sample's settings (section <c>CrmCluster</c>).</summary>
public sealed class CustomerClusterOptions
{
    /// <summary>Where grain state and reminders live: <c>Memory</c> (the default: nothing to install) or <c>Redis</c>.</summary>
    public string Store { get; set; } = "Memory";

    /// <summary>The Redis configuration string when <see cref="Store"/> is <c>Redis</c> (e.g. <c>127.0.0.1:6379</c>).</summary>
    public string? Redis { get; set; }

    /// <summary>The zone that turns event instants into the dates the date rules read (cadence, churn). Default Asia/Shanghai.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>How often a silo checks that it runs the cluster's rules (besides every rollout). Default 30 s.</summary>
    public TimeSpan RulesRefreshPeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The SLA reminder's period: it only retries a check that failed. Default 1 hour (Orleans' minimum is 1 minute).</summary>
    public TimeSpan ReminderRetryPeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>With Redis clustering: the address other silos reach this one at, and its silo and gateway ports
    /// (defaults 127.0.0.1, 11111, 30000; give each silo on one machine its own ports).</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The zone of <see cref="TimeZone"/>.</summary>
    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb[TimeZone];

    /// <summary>Whether state and reminders go to Redis.</summary>
    public bool UsesRedis => string.Equals(Store, "Redis", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the settings from <c>CrmCluster</c>; checks them.</summary>
    /// <exception cref="InvalidOperationException">A setting is invalid; the message says which.</exception>
    public static CustomerClusterOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(CustomerCluster.SectionName);
        var options = new CustomerClusterOptions
        {
            Store = section["Store"] ?? "Memory",
            Redis = section["Redis"],
            TimeZone = section["TimeZone"] ?? "Asia/Shanghai",
        };
        if (section["RulesRefreshSeconds"] is { } seconds)
        {
            options.RulesRefreshPeriod = TimeSpan.FromSeconds(double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture));
        }

        options.AdvertisedAddress = section["AdvertisedAddress"] ?? options.AdvertisedAddress;
        options.SiloPort = section["SiloPort"] is { } siloPort ? int.Parse(siloPort, System.Globalization.CultureInfo.InvariantCulture) : options.SiloPort;
        options.GatewayPort = section["GatewayPort"] is { } gatewayPort ? int.Parse(gatewayPort, System.Globalization.CultureInfo.InvariantCulture) : options.GatewayPort;
        if (!options.UsesRedis && !string.Equals(options.Store, "Memory", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"CrmCluster:Store is '{options.Store}'; it must be 'Memory' or 'Redis'.");
        }

        if (options.UsesRedis && string.IsNullOrWhiteSpace(options.Redis))
        {
            throw new InvalidOperationException("CrmCluster:Store is 'Redis' but CrmCluster:Redis (e.g. '127.0.0.1:6379') is not set.");
        }

        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(options.TimeZone) is null)
        {
            throw new InvalidOperationException($"CrmCluster:TimeZone '{options.TimeZone}' is not a time zone of the TZDB.");
        }

        return options;
    }
}

/// <summary>Wires the customer grains into a silo.</summary>
public static class CustomerCluster
{
    /// <summary>The configuration section of <see cref="CustomerClusterOptions"/>.</summary>
    public const string SectionName = "CrmCluster";

    /// <summary>The grain storage the grains use.</summary>
    public const string StorageName = "crm";

    /// <summary>
    /// The customer grains, the rules rollout, the rule set (the library's <c>AddCrmRules</c> on section <c>CrmRules</c>,
    /// under the cluster's published rules), grain storage and reminders (memory, or Redis by configuration).
    /// Clustering is the host's choice (<see cref="UseCrmClustering"/>; the test cluster brings its own).
    /// </summary>
    public static ISiloBuilder AddCrmCustomers(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = CustomerClusterOptions.From(configuration);
        var services = silo.Services;
        services.AddSingleton(options);
        services.AddCrmRules(configuration.GetSection(CrmRulesOptions.SectionName));
        services.TryAddSingleton<ClusterRuleSet>();
        services.TryAddSingleton<IClock>(SystemClock.Instance);
        services.AddSingleton<SiloRulesSubscription>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloRulesSubscription>());
        services.AddPlacementDirector<SiloBoundPlacement, SiloBoundPlacementDirector>();

        // Grain state in Orleans' own binary format (version tolerant through the [Id] attributes), so NodaTime values go
        // through their surrogates rather than through Newtonsoft.Json, Orleans' default storage format.
        services.AddSingleton<IGrainStorageSerializer, OrleansBinaryStorageSerializer>();
        if (options.UsesRedis)
        {
            var redis = options.Redis!;
            silo.AddRedisGrainStorage(StorageName, o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
            silo.UseRedisReminderService(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
        }
        else
        {
            silo.AddMemoryGrainStorage(StorageName);
            silo.UseInMemoryReminderService();
        }

        return silo;
    }

    /// <summary>Membership: Redis when the store is Redis (silos on several machines), otherwise one localhost silo.</summary>
    public static ISiloBuilder UseCrmClustering(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var options = CustomerClusterOptions.From(configuration);
        if (options.UsesRedis)
        {
            silo.UseRedisClustering(options.Redis!);
            silo.ConfigureEndpoints(System.Net.IPAddress.Parse(options.AdvertisedAddress), options.SiloPort, options.GatewayPort);
            silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("crm-rules", "crm-rules"));
        }
        else
        {
            silo.UseLocalhostClustering();
        }

        return silo;
    }
}

/// <summary>Grain state as Orleans' binary serialization.</summary>
public sealed class OrleansBinaryStorageSerializer(Serializer serializer) : IGrainStorageSerializer
{
    /// <inheritdoc />
    public BinaryData Serialize<T>(T? input) => new(serializer.SerializeToArray(input));

    /// <inheritdoc />
    public T? Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return serializer.Deserialize<T>(input.ToArray());
    }
}
