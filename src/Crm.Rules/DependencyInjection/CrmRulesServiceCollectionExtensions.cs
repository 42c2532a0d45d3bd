using Crm.Rules.Configuration;
using Crm.Rules.Scoring;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

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
    /// <param name="services">The service collection.</param>
    /// <param name="section">The configuration section; keys follow the rules-file format (camelCase, case-insensitive here).</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddCrmRules(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddSingleton<IConfigureOptions<CrmRulesOptions>>(new ConfigureFromSection(section));
        services.AddSingleton<IOptionsChangeTokenSource<CrmRulesOptions>>(new SectionChangeTokenSource(section));
        return services.AddCrmRulesCore();
    }

    /// <summary>Adds Crm.Rules configured in code, starting from the seed standard.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes the seed-standard options; <see langword="null"/> to use them as they are.</param>
    /// <returns>The service collection.</returns>
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
        services.AddOptions<CrmRulesOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CrmRulesOptions>, CrmRulesOptionsValidator>());
        services.TryAddSingleton<CrmRuleSetMonitor>();
        services.TryAddSingleton<ICrmRuleSetProvider>(sp => sp.GetRequiredService<CrmRuleSetMonitor>());
        RuleFamilies.RegisterEvaluators(services);
        return services;
    }

    private sealed class ConfigureFromSection(IConfiguration section) : IConfigureOptions<CrmRulesOptions>
    {
        public void Configure(CrmRulesOptions options) => options.CopyFrom(CrmRulesJson.FromConfiguration(section));
    }

    private sealed class SectionChangeTokenSource(IConfiguration section) : IOptionsChangeTokenSource<CrmRulesOptions>
    {
        public string Name => Options.DefaultName;

        public IChangeToken GetChangeToken() => section.GetReloadToken();
    }
}
