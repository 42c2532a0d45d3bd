using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Crm.Rules;

/// <summary>
/// The change-token source of a configuration section given to <c>AddCrmRules(section)</c>; the monitor also reads the
/// section through it, to tell an emptied section from a deliberate change.
/// </summary>
internal sealed class CrmRulesSectionSource(IConfiguration section) : IOptionsChangeTokenSource<CrmRulesOptions>
{
    public IConfiguration Section { get; } = section;

    /// <summary>How log messages name the section: its path, or "(root)" for a whole configuration.</summary>
    public string Path => Section is IConfigurationSection { Path: { Length: > 0 } path } ? path : "(root)";

    public string Name => Options.DefaultName;

    /// <summary>
    /// Whether the section holds any setting. A deleted file, a removed section and a file its provider could not parse
    /// (the JSON provider clears its data) all read as no settings; so does <c>"CrmRules": {}</c>.
    /// </summary>
    public bool HasSettings => Section.GetChildren().Any() || Section is IConfigurationSection { Value: { Length: > 0 } };

    public IChangeToken GetChangeToken() => Section.GetReloadToken();
}
