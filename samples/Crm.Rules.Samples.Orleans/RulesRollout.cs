using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Crm.Rules.Samples.Orleans;

/// <summary>The rules the cluster runs on: validated once, stored, and rolled out to every silo.</summary>
public interface IRuleSetRolloutGrain : IGrainWithStringKey
{
    /// <summary>The one rollout grain's key.</summary>
    const string Key = "cluster";

    /// <summary>
    /// Validates a rules file (laid over the seed standard) once; when valid, stores it and has every active silo
    /// compile and put it in force, and reports each silo's fingerprint. Invalid rules change nothing.
    /// </summary>
    Task<RolloutReport> Publish(string rulesJson);

    /// <summary>The rules published last, or null.</summary>
    Task<PublishedRules?> GetPublished();

    /// <summary>Every active silo's rule set fingerprint.</summary>
    Task<List<SiloRules>> Survey();
}

/// <summary>A rules file the cluster published, with its fingerprint.</summary>
[GenerateSerializer]
public sealed record PublishedRules([property: Id(0)] string Json, [property: Id(1)] string Fingerprint, [property: Id(2)] long Version = 0);

/// <summary>The outcome of a publication: refused with every problem, or accepted with each silo's answer.</summary>
[GenerateSerializer]
public sealed record RolloutReport(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] string? Fingerprint,
    [property: Id(2)] List<string> Problems,
    [property: Id(3)] List<SiloRules> Silos);

/// <summary>A silo's rule set: its fingerprint, whether it came from the cluster, and why the last rules were refused.</summary>
[GenerateSerializer]
public sealed record SiloRules([property: Id(0)] string Silo, [property: Id(1)] string Fingerprint, [property: Id(2)] bool Published, [property: Id(3)] string? Problem);

/// <summary>The rollout grain's durable state.</summary>
[GenerateSerializer]
public sealed class RolloutState
{
    [Id(0)] public PublishedRules? Rules { get; set; }
}

/// <summary>Stores the cluster's rules and rolls them out through one <see cref="ISiloRulesGrain"/> per silo.</summary>
public sealed class RuleSetRolloutGrain([PersistentState("rules", CustomerCluster.StorageName)] IPersistentState<RolloutState> state)
    : Grain, IRuleSetRolloutGrain
{
    /// <inheritdoc />
    public async Task<RolloutReport> Publish(string rulesJson)
    {
        ArgumentNullException.ThrowIfNull(rulesJson);
        CrmRuleSet compiled;
        try
        {
            compiled = CrmRuleSet.Parse(rulesJson, "published rules"); // validated once, here
        }
        catch (Configuration.CrmRulesConfigurationException problem)
        {
            return new RolloutReport(false, null, problem.Errors.Select(e => e.ToString()).ToList(), []);
        }

        // Each publication is numbered, so a silo never goes back to older rules it read a moment before (its periodic
        // refresh racing this rollout).
        var version = (state.State.Rules?.Version ?? 0) + 1;
        state.State.Rules = new PublishedRules(rulesJson, compiled.Fingerprint, version);
        await state.WriteStateAsync();
        var silos = await Broadcast(silo => silo.Apply(rulesJson, version));
        return new RolloutReport(true, compiled.Fingerprint, [], silos);
    }

    /// <inheritdoc />
    public Task<PublishedRules?> GetPublished() => Task.FromResult(state.State.Rules);

    /// <inheritdoc />
    public Task<List<SiloRules>> Survey() => Broadcast(silo => silo.Report());

    private async Task<List<SiloRules>> Broadcast(Func<ISiloRulesGrain, Task<SiloRules>> call)
    {
        var hosts = await GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        var answers = hosts.Keys.Select(async address =>
        {
            try
            {
                return await call(GrainFactory.GetGrain<ISiloRulesGrain>(address.ToParsableString()));
            }
            catch (Exception problem) when (problem is not OutOfMemoryException)
            {
                // A silo leaving while we roll out: it fetches the rules when it comes back (SiloRulesSubscription).
                return new SiloRules(address.ToParsableString(), "", false, problem.Message);
            }
        });
        return [.. await Task.WhenAll(answers)];
    }
}

/// <summary>One per silo (its key is the silo's address): puts rules in force on that silo.</summary>
public interface ISiloRulesGrain : IGrainWithStringKey
{
    /// <summary>Compiles and applies rules on this silo (unless it holds a later publication); answers with the fingerprint in force after.</summary>
    Task<SiloRules> Apply(string rulesJson, long version);

    /// <summary>The fingerprint in force on this silo.</summary>
    Task<SiloRules> Report();
}

/// <summary>Placed on the silo its key names (<see cref="SiloBoundPlacement"/>).</summary>
[SiloBoundPlacement]
public sealed class SiloRulesGrain(ClusterRuleSet rules, ILocalSiloDetails silo) : Grain, ISiloRulesGrain
{
    private string? _problem;

    /// <inheritdoc />
    public Task<SiloRules> Apply(string rulesJson, long version)
    {
        _problem = rules.Apply(rulesJson, version);
        return Report();
    }

    /// <inheritdoc />
    public Task<SiloRules> Report() => Task.FromResult(new SiloRules(silo.SiloAddress.ToParsableString(), rules.Current.Fingerprint, rules.IsPublished, _problem));
}

/// <summary>
/// Brings a silo onto the cluster's rules when it starts, and checks again periodically, so that a silo that was away
/// during a rollout (or joins later) converges without waiting for the next one.
/// </summary>
public sealed class SiloRulesSubscription(IGrainFactory grains, ClusterRuleSet rules, CustomerClusterOptions options, ILogger<SiloRulesSubscription> logger)
    : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(SiloRulesSubscription), ServiceLifecycleStage.Active, OnStart, OnStop);
    }

    /// <inheritdoc />
    public void Dispose() => _stopping.Dispose();

    private async Task OnStart(CancellationToken cancellation)
    {
        await Refresh();
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(options.RulesRefreshPeriod);
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                await Refresh().ConfigureAwait(false);
            }
        }, CancellationToken.None);
    }

    private async Task OnStop(CancellationToken cancellation)
    {
        await _stopping.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    private async Task Refresh()
    {
        try
        {
            var published = await grains.GetGrain<IRuleSetRolloutGrain>(IRuleSetRolloutGrain.Key).GetPublished();
            if (published is not null && published.Fingerprint != rules.Current.Fingerprint)
            {
                rules.Apply(published.Json, published.Version);
            }
        }
        catch (Exception problem) when (problem is not OutOfMemoryException)
        {
            logger.LogWarning(problem, "Could not read the cluster's rules; rule set {Fingerprint} stays in force", rules.Current.Fingerprint);
        }
    }
}
