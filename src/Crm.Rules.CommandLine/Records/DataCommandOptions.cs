using Crm.Rules.CommandLine.Commands;
using Crm.Rules.CommandLine.Input;
using Crm.Rules.CommandLine.Output;
using Crm.Rules.Data;

namespace Crm.Rules.CommandLine.Records;

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

    /// <summary>What an in-process caller changed about the run (see <see cref="CommandEnvironment"/>).</summary>
    public CommandEnvironment Environment { get; init; } = CommandEnvironment.CommandLine;

    /// <summary>
    /// The <c>--workers</c> of a command that spreads its records over threads, or <see langword="null"/> for the
    /// environment's; never more than the environment allows (<see cref="CommandEnvironment.Workers"/>).
    /// </summary>
    public int? Workers { get; init; }

    /// <summary>The threads this run may evaluate records on.</summary>
    public int WorkerThreads => Math.Max(1, Math.Min(Workers ?? Environment.Workers, Environment.Workers));

    /// <summary>The environment's rule set, or <c>--config</c> laid over the seed standard.</summary>
    /// <exception cref="Configuration.CrmRulesConfigurationException">The rules file is not valid.</exception>
    public CrmRuleSet LoadRules() => Environment.RuleSet ?? RuleSetLoader.Load(Config);

    /// <summary>The writer of the results: the output format's, or the environment's capture.</summary>
    public ResultWriter CreateWriter(TextWriter output, IReadOnlyList<string> columns, IReadOnlyList<(string Field, string Heading)>? table = null)
        => Environment.Capture is { } capture
            ? new CaptureResultWriter(capture, Environment.Cursor, Environment.CaptureDetails)
            : ResultWriter.Create(Format, output, columns, table);

    /// <summary>Opens <c>--input</c> with <paramref name="schema"/>, also ignoring the environment's extra columns.</summary>
    /// <exception cref="InputException">The input cannot be opened, or an extra column is a field's.</exception>
    public RecordSource Open(RecordSchema schema)
    {
        if (Environment.IgnoredColumns.Count > 0)
        {
            try
            {
                schema = schema.AlsoIgnoring(Environment.IgnoredColumns);
            }
            catch (ArgumentException e)
            {
                throw new InputException(e.Message);
            }
        }

        return Inputs.Open(Input, InputFormat, schema);
    }
}
