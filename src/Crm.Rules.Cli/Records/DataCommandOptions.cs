using Crm.Rules.Cli.Output;

namespace Crm.Rules.Cli.Records;

/// <summary>What every data command is given: where the records are, the rules, how to print, when to stop.</summary>
internal sealed record DataCommandOptions(string Input, string? InputFormat, FileInfo? Config, OutputFormat Format, long? MaxErrors, bool Reveal = false)
{
    /// <summary>The DATA-3 masker of a rule set, or none when <c>--reveal</c> was given.</summary>
    public Crm.Rules.Data.ContactMasker? MaskerFor(CrmRuleSet ruleSet) => Reveal ? null : new(ruleSet.DataQuality);
}
