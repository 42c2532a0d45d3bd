using Crm.Rules.Configuration;

namespace Crm.Rules.CommandLine.Commands;

/// <summary>Loads the rule set a command runs with: the seed standard, or a rules file laid over it.</summary>
internal static class RuleSetLoader
{
    public static CrmRuleSet Load(FileInfo? config)
        => config is null ? CrmRuleSet.SeedStandard : CrmRuleSet.Load(config.FullName);

    public static void Report(CrmRulesConfigurationException e, TextWriter error)
    {
        var where = e.Source is null ? "the configuration" : e.Source;
        error.WriteLine($"error: {where} has {e.Errors.Count} problem{(e.Errors.Count == 1 ? "" : "s")}:");
        foreach (var problem in e.Errors)
        {
            error.WriteLine($"  {problem}");
        }
    }
}
