using Crm.Rules.Cli.Output;

namespace Crm.Rules.Cli.Records;

/// <summary>What every data command is given: where the records are, the rules, how to print, when to stop, who is looking.</summary>
/// <param name="Input">The <c>--input</c> file, or <c>-</c> for stdin.</param>
/// <param name="InputFormat">The <c>--input-format</c>, or <see langword="null"/> to tell from the name or first byte.</param>
/// <param name="Config">The <c>--config</c> rules file, or <see langword="null"/> for the seed standard.</param>
/// <param name="Format">The output format.</param>
/// <param name="MaxErrors">The <c>--max-errors</c>, or <see langword="null"/> for no limit.</param>
/// <param name="Reveal">Whether <c>--reveal</c> was given (DATA-3).</param>
/// <param name="Viewer">The <c>--viewer role:id[:team]</c> text (DATA-4), or <see langword="null"/> for no viewer: every record.</param>
internal sealed record DataCommandOptions(string Input, string? InputFormat, FileInfo? Config, OutputFormat Format, long? MaxErrors, bool Reveal = false, string? Viewer = null)
{
    /// <summary>The access of the viewer and the DATA-3 masker, checked against a rule set.</summary>
    /// <exception cref="Input.InputException">The viewer or <c>--reveal</c> is refused.</exception>
    public RecordAccess AccessFor(CrmRuleSet ruleSet) => RecordAccess.For(this, ruleSet);
}
