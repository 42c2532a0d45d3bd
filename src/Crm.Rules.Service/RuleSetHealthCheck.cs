using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Crm.Rules.Service;

/// <summary>Ready when a rule set is in force (the provider compiled the configured rules).</summary>
internal sealed class RuleSetHealthCheck(ICrmRuleSetProvider rules) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        => Task.FromResult(HealthCheckResult.Healthy($"rule set {rules.Current.Fingerprint}"));
}
