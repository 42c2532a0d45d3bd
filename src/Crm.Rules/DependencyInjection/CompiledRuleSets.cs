using System.Runtime.CompilerServices;
using Crm.Rules.Configuration;
using Microsoft.Extensions.Options;

namespace Crm.Rules;

/// <summary>
/// The rule sets that <see cref="CompilingOptionsValidator"/> compiled while validating, each kept with the options
/// instance it came from until <see cref="CrmRuleSetMonitor"/> takes it.
/// </summary>
/// <remarks>
/// Validation and compilation share their work (the SLA calendars are compiled by the checks), so the validator compiles
/// and the monitor takes the result instead of validating the same options a second time in <see cref="CrmRuleSet.Compile"/>.
/// A <see cref="ConditionalWeakTable{TKey, TValue}"/> keyed by the options instance: an entry nobody takes (named options, or
/// options a host resolves through <see cref="IOptions{TOptions}"/>) goes away with its options.
/// </remarks>
/// <threadsafety>This type is thread-safe.</threadsafety>
internal sealed class CompiledRuleSets
{
    private readonly ConditionalWeakTable<CrmRulesOptions, CrmRuleSet> _byOptions = [];

    public void Add(CrmRulesOptions options, CrmRuleSet ruleSet) => _byOptions.AddOrUpdate(options, ruleSet);

    /// <summary>The rule set compiled from exactly this options instance, removed from the cache; <see langword="null"/> when there is none.</summary>
    public CrmRuleSet? Take(CrmRulesOptions options) => _byOptions.Remove(options, out var ruleSet) ? ruleSet : null;
}

/// <summary>
/// The options validator dependency injection runs: it validates by compiling (<see cref="CrmRuleSet.Compile"/> validates
/// once) and keeps the rule set for <see cref="CrmRuleSetMonitor"/>.
/// </summary>
/// <threadsafety>This type is thread-safe.</threadsafety>
internal sealed class CompilingOptionsValidator(CompiledRuleSets compiled) : IValidateOptions<CrmRulesOptions>
{
    public ValidateOptionsResult Validate(string? name, CrmRulesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            compiled.Add(options, CrmRuleSet.Compile(options));
            return ValidateOptionsResult.Success;
        }
        catch (CrmRulesConfigurationException e)
        {
            return ValidateOptionsResult.Fail(e.Errors.Select(error => error.ToString()));
        }
    }
}
