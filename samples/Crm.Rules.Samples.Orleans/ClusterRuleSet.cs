using Crm.Rules.Configuration;
using Microsoft.Extensions.Logging;

namespace Crm.Rules.Samples.Orleans;

/// <summary>
/// The rule set in force on this silo: the one the cluster published (see <see cref="IRuleSetRolloutGrain"/>), or, until
/// one is published, the silo's own configuration through the library's monitor (<c>AddCrmRules</c>).
/// </summary>
/// <remarks>
/// A published rules file was validated once by the rollout grain; each silo compiles it and swaps the whole rule set at
/// once. A silo that cannot compile it (another library version, say) keeps the last good rule set and reports both
/// fingerprints, as the library's monitor does on a bad reload.
/// </remarks>
public sealed class ClusterRuleSet(ICrmRuleSetProvider local, ILogger<ClusterRuleSet> logger) : ICrmRuleSetProvider
{
    private readonly object _gate = new();
    private volatile CrmRuleSet? _published;
    private long _version;
    private event Action<CrmRuleSet>? Changed;

    /// <inheritdoc />
    public CrmRuleSet Current => _published ?? local.Current;

    /// <summary>Whether the rule set in force came from the cluster (not the silo's own configuration).</summary>
    public bool IsPublished => _published is not null;

    /// <summary>Compiles published rules and puts them in force; on failure keeps the rule set in force.</summary>
    /// <param name="rulesJson">The published rules file.</param>
    /// <param name="version">The publication's number: rules older than the publication in force are ignored.</param>
    /// <returns>Null when applied (or already in force, or older); otherwise every problem, one per line.</returns>
    public string? Apply(string rulesJson, long version = 0)
    {
        ArgumentNullException.ThrowIfNull(rulesJson);
        CrmRuleSet compiled;
        try
        {
            compiled = CrmRuleSet.Parse(rulesJson, "cluster rules");
        }
        catch (CrmRulesConfigurationException problem)
        {
            var problems = string.Join(Environment.NewLine, problem.Errors.Select(e => e.ToString()));
            logger.LogError("Published rules refused; rule set {Fingerprint} stays in force: {Problems}", Current.Fingerprint, problems);
            return problems;
        }

        lock (_gate)
        {
            var before = Current.Fingerprint;
            if (version < _version || _published?.Fingerprint == compiled.Fingerprint)
            {
                _version = Math.Max(_version, version);
                return null;
            }

            _version = version;
            _published = compiled;
            logger.LogInformation("Rule set {Before} replaced by the cluster's {After}", before, compiled.Fingerprint);
        }

        Changed?.Invoke(compiled);
        return null;
    }

    /// <inheritdoc />
    public IDisposable OnChange(Action<CrmRuleSet> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        Changed += listener;
        var fromLocal = local.OnChange(set =>
        {
            if (_published is null)
            {
                listener(set);
            }
        });
        return new Unsubscribe(() =>
        {
            Changed -= listener;
            fromLocal.Dispose();
        });
    }

    private sealed class Unsubscribe(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
