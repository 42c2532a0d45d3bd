using System.Runtime.CompilerServices;
using Crm.Rules.CommandLine.Output;

namespace Crm.Rules.CommandLine;

/// <summary>
/// What an in-process caller changes about a data command run — a decision table, a diff — and a command-line run
/// leaves as it is: the rule set itself instead of <c>--config</c>, results captured instead of printed, and the
/// input columns the caller added (<c>case</c>, <c>asOf</c>, <c>expect.*</c>) that no rule reads.
/// </summary>
internal sealed class CommandEnvironment
{
    /// <summary>
    /// A command-line run: rules from <c>--config</c>, results printed, every input column read; a JIT-compiled process
    /// starts its workers one after the other (<see cref="WarmUpRecords"/>).
    /// </summary>
    public static readonly CommandEnvironment CommandLine = new() { WarmUpRecords = RuntimeFeature.IsDynamicCodeCompiled ? Records.RecordRun.DefaultWarmUpRecords : 0 };

    /// <summary>The rule set to use instead of loading <c>--config</c>, or <see langword="null"/> to load it.</summary>
    public CrmRuleSet? RuleSet { get; init; }

    /// <summary>Receives each result instead of the output format's writer, or <see langword="null"/> to print.</summary>
    public Action<CapturedRecord>? Capture { get; init; }

    /// <summary>Whether captured results keep their details (explanations) as text.</summary>
    public bool CaptureDetails { get; init; }

    /// <summary>Input columns no rule reads and that are not an error.</summary>
    public IReadOnlyCollection<string> IgnoredColumns { get; init; } = [];

    /// <summary>
    /// The most records one run reads, or <see langword="null"/> for no limit: a server's bound on a request. A longer
    /// input stops there with an input error, as <c>--max-errors</c> stops a run.
    /// </summary>
    public long? MaxRecords { get; init; }

    /// <summary>
    /// The threads that evaluate records in a command that can spread its work (<c>assess</c>, <c>report</c>): the
    /// processor count on the command line; 1 runs on the calling thread alone (a server, whose requests share the machine).
    /// </summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Records a worker takes at a time (<see cref="Workers"/>); tests make it small to cross batch edges.</summary>
    public int BatchSize { get; init; } = Records.RecordRun.DefaultBatchSize;

    /// <summary>
    /// Records the first worker reads alone before the others start, in the first parallel run of this environment: a
    /// new process runs the record path first on code the JIT compiled quickly, and the runtime compiles the optimised
    /// code on a thread of its own; with a core to itself, not shared with a second worker, that code comes sooner
    /// (docs/performance.md). Later runs (a host calling the command line in process again) find the code compiled and
    /// start every worker at once, as 0 does — the default, and <see cref="CommandLine"/>'s in a Native AOT build, which
    /// compiles nothing at run time.
    /// </summary>
    public int WarmUpRecords { get; init; }

    private int _warmUpTaken;

    /// <summary>The warm-up of a parallel run: <see cref="WarmUpRecords"/> the first time, 0 after.</summary>
    public int TakeWarmUp() => Interlocked.Exchange(ref _warmUpTaken, 1) == 0 ? WarmUpRecords : 0;

    /// <summary>The record being evaluated, so that a captured result knows the input record it answers.</summary>
    public RecordCursor Cursor { get; } = new();
}

/// <summary>The ordinal (1-based) of the input record a command is evaluating, 0 between records.</summary>
internal sealed class RecordCursor
{
    public long Current { get; set; }
}
