using Crm.Rules.Configuration;
using Crm.Rules.Scoring;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Crm.Rules;

/// <summary>Registers Crm.Rules with dependency injection.</summary>
/// <threadsafety>This type is stateless and thread-safe.</threadsafety>
public static class CrmRulesServiceCollectionExtensions
{
    /// <summary>
    /// Adds Crm.Rules configured from a configuration section (usually <c>CrmRules</c> of <c>appsettings.json</c>),
    /// over the seed standard. The configuration is validated at start-up; a change to the section that passes
    /// validation swaps in a new rule set, one that fails keeps the last good rule set and is logged.
    /// </summary>
    /// <remarks>
    /// Each configuration is validated once. A section that had settings and reads as empty after a change (a deleted
    /// file or section, a file its provider could not parse) keeps the last good rule set and logs a warning naming the
    /// section; so does any other failure of a reload. See <see cref="CrmRuleSetMonitor"/> for how a host returns to the
    /// seed standard on purpose.
    /// </remarks>
    /// <param name="services">The service collection.</param>
    /// <param name="section">The configuration section; keys follow the rules-file format (camelCase, case-insensitive here).</param>
    /// <returns>The service collection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="section"/> is <see langword="null"/>.</exception>
    public static IServiceCollection AddCrmRules(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddSingleton<IConfigureOptions<CrmRulesOptions>>(new ConfigureFromSection(section));
        services.AddSingleton<IOptionsChangeTokenSource<CrmRulesOptions>>(new CrmRulesSectionSource(section));
        return services.AddCrmRulesCore();
    }

    /// <summary>Adds Crm.Rules configured in code, starting from the seed standard.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes the seed-standard options; <see langword="null"/> to use them as they are.</param>
    /// <returns>The service collection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static IServiceCollection AddCrmRules(this IServiceCollection services, Action<CrmRulesOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (configure is not null)
        {
            services.Configure(configure);
        }

        return services.AddCrmRulesCore();
    }

    private static IServiceCollection AddCrmRulesCore(this IServiceCollection services)
    {
        services.AddOptions<CrmRulesOptions>();
        services.TryAddSingleton<CompiledRuleSets>();

        // Validation compiles, and the monitor takes that rule set: one validation per compile. The public
        // CrmRulesOptionsValidator would validate again inside CrmRuleSet.Compile.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CrmRulesOptions>, CompilingOptionsValidator>());
        services.TryAddSingleton(sp => new CrmRuleSetMonitor(
            sp.GetRequiredService<IOptionsFactory<CrmRulesOptions>>(),
            sp.GetServices<IOptionsChangeTokenSource<CrmRulesOptions>>(),
            sp.GetService<ILogger<CrmRuleSetMonitor>>(),
            sp.GetRequiredService<CompiledRuleSets>()));
        services.TryAddSingleton<ICrmRuleSetProvider>(sp => sp.GetRequiredService<CrmRuleSetMonitor>());

        // ValidateOnStart on CrmRulesOptions would resolve IOptionsMonitor<CrmRulesOptions>, which validates once more at
        // start-up and again on every reload (and throws inside the configuration's reload callback when a change is
        // invalid). Start-up validation through a marker instead builds the monitor itself: one validation, the same
        // OptionsValidationException with every problem.
        services.AddOptions<StartupCheck>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StartupCheck>, StartupCheckBuildsTheMonitor>());
        RuleFamilies.RegisterEvaluators(services);
        return services;
    }

    private sealed class ConfigureFromSection(IConfiguration section) : IConfigureOptions<CrmRulesOptions>
    {
        public void Configure(CrmRulesOptions options) => options.CopyFrom(CrmRulesJson.FromConfiguration(section));
    }

    /// <summary>Options with nothing in them: validating them at start-up is what builds the monitor.</summary>
    private sealed class StartupCheck;

    private sealed class StartupCheckBuildsTheMonitor(IServiceProvider services) : IValidateOptions<StartupCheck>
    {
        // The monitor's constructor throws the OptionsValidationException of an invalid configuration; the start-up
        // validator reports it as it is.
        public ValidateOptionsResult Validate(string? name, StartupCheck options)
        {
            _ = services.GetRequiredService<CrmRuleSetMonitor>();
            return ValidateOptionsResult.Success;
        }
    }
}
