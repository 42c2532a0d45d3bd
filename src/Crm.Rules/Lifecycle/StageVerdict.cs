namespace Crm.Rules.Lifecycle;

/// <summary>What a <see cref="FactValue"/> holds.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public enum FactKind : byte
{
    /// <summary>The record does not state the fact (the <see langword="default"/> of <see cref="FactValue"/>).</summary>
    Missing,

    /// <summary>A number, which <c>atLeast</c> / <c>atMost</c> guards compare.</summary>
    Number,

    /// <summary>True or false, which <c>is</c> guards test.</summary>
    Boolean,
}

/// <summary>
/// One fact of a record in a machine's fact slot (<see cref="StateMachine.Facts"/>): missing, a number or a boolean.
/// A span of them, one per slot, is the form the allocation-free <see cref="StateMachine.Propose(MachineStage, ReadOnlySpan{FactValue})"/>
/// and <see cref="StateMachine.Decide(MachineStage, MachineStage, ReadOnlySpan{FactValue})"/> read.
/// </summary>
/// <remarks>
/// Numbers compare as decimals, exactly as <see cref="StageFacts"/> numbers do: <c>1.0</c> and <c>1</c> are equal.
/// <see langword="default"/> is <see cref="Missing"/>, so a cleared span states nothing.
/// </remarks>
/// <threadsafety>This type is an immutable value type and is thread-safe.</threadsafety>
public readonly struct FactValue : IEquatable<FactValue>
{
    private readonly decimal _number;
    private readonly FactKind _kind;
    private readonly bool _flag;

    private FactValue(FactKind kind, decimal number, bool flag)
    {
        _kind = kind;
        _number = number;
        _flag = flag;
    }

    /// <summary>A fact the record does not state.</summary>
    public static FactValue Missing => default;

    /// <summary>What the value holds.</summary>
    public FactKind Kind => _kind;

    /// <summary>The number.</summary>
    /// <exception cref="InvalidOperationException">The value is not a number.</exception>
    public decimal Number => _kind == FactKind.Number ? _number : throw new InvalidOperationException($"The fact is {Describe(_kind)}, not a number.");

    /// <summary>The boolean.</summary>
    /// <exception cref="InvalidOperationException">The value is not a boolean.</exception>
    public bool Boolean => _kind == FactKind.Boolean ? _flag : throw new InvalidOperationException($"The fact is {Describe(_kind)}, not true or false.");

    /// <summary>A number fact.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The fact.</returns>
    public static FactValue FromNumber(decimal value) => new(FactKind.Number, value, false);

    /// <summary>A boolean fact.</summary>
    /// <param name="value">True or false.</param>
    /// <returns>The fact.</returns>
    public static FactValue FromBoolean(bool value) => new(FactKind.Boolean, 0m, value);

    /// <summary>Whether two values are the same kind and, for numbers, equal as decimals.</summary>
    /// <param name="other">The other value.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(FactValue other) => _kind == other._kind && _number == other._number && _flag == other._flag;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is FactValue other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_kind, _number, _flag);

    /// <summary>Whether two values are equal.</summary>
    /// <param name="left">One value.</param>
    /// <param name="right">The other.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(FactValue left, FactValue right) => left.Equals(right);

    /// <summary>Whether two values differ.</summary>
    /// <param name="left">One value.</param>
    /// <param name="right">The other.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(FactValue left, FactValue right) => !left.Equals(right);

    /// <summary>The value as a guard verdict shows it: the number without trailing zeros, <c>true</c>, <c>false</c> or <c>missing</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => _kind switch
    {
        FactKind.Number => FixedPoint.Format(_number),
        FactKind.Boolean => _flag ? "true" : "false",
        _ => "missing",
    };

    // Unchecked reads for the guards, which test the kind first.
    internal decimal NumberValue => _number;

    internal bool FlagValue => _flag;

    private static string Describe(FactKind kind) => kind == FactKind.Missing ? "missing" : kind == FactKind.Number ? "a number" : "true or false";
}

/// <summary>
/// A stage of one compiled <see cref="StateMachine"/>, resolved once from its name (<see cref="StateMachine.Stage(string)"/>)
/// so that the allocation-free calls compare indices instead of strings.
/// </summary>
/// <remarks>
/// A stage belongs to the machine that resolved it: the machine's methods refuse a stage of another machine (another
/// rule set's machine of the same name included, since a reload may change its stages). <see langword="default"/> is no
/// stage of any machine and is refused too.
/// </remarks>
/// <threadsafety>This type is an immutable value type and is thread-safe.</threadsafety>
public readonly struct MachineStage : IEquatable<MachineStage>
{
    internal MachineStage(StateMachine machine, int index)
    {
        Machine = machine;
        Index = index;
    }

    /// <summary>The stage's position in <see cref="StateMachine.Stages"/> (0 is the start).</summary>
    public int Index { get; }

    /// <summary>The stage's name; empty for <see langword="default"/>.</summary>
    public string Name => Machine?.Stages[Index] ?? "";

    internal StateMachine? Machine { get; }

    /// <summary>Whether two stages are the same stage of the same machine.</summary>
    /// <param name="other">The other stage.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(MachineStage other) => ReferenceEquals(Machine, other.Machine) && Index == other.Index;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is MachineStage other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Machine, Index);

    /// <summary>Whether two stages are the same stage of the same machine.</summary>
    /// <param name="left">One stage.</param>
    /// <param name="right">The other.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(MachineStage left, MachineStage right) => left.Equals(right);

    /// <summary>Whether two stages differ.</summary>
    /// <param name="left">One stage.</param>
    /// <param name="right">The other.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(MachineStage left, MachineStage right) => !left.Equals(right);

    /// <summary>The stage's name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;
}

/// <summary>
/// The allocation-free answer of <see cref="StateMachine.Propose(MachineStage, ReadOnlySpan{FactValue})"/>: where the record
/// is, the stage its facts support, and how many transitions lead there. <see cref="StateMachine.Explain(in StageVerdict, ReadOnlySpan{FactValue})"/>
/// turns it into the <see cref="StageProposal"/> with every guard, when one is wanted.
/// </summary>
/// <threadsafety>This type is an immutable value type and is thread-safe.</threadsafety>
public readonly struct StageVerdict : IEquatable<StageVerdict>
{
    private readonly int _stage;
    private readonly int _proposed;

    internal StageVerdict(StateMachine machine, int stage, int proposed, int steps)
    {
        Machine = machine;
        _stage = stage;
        _proposed = proposed;
        Steps = steps;
    }

    /// <summary>The current stage.</summary>
    public MachineStage Stage => Machine is null ? default : new(Machine, _stage);

    /// <summary>The stage the facts support (the current one when no transition passes).</summary>
    public MachineStage Proposed => Machine is null ? default : new(Machine, _proposed);

    /// <summary>How many transitions lead from <see cref="Stage"/> to <see cref="Proposed"/> (0 when the record stays).</summary>
    public int Steps { get; }

    /// <summary>Whether the facts move the record to another stage.</summary>
    public bool ChangesStage => Steps > 0;

    /// <summary>The fingerprint of the rule set that decided it; empty for <see langword="default"/>.</summary>
    public string Fingerprint => Machine?.Fingerprint ?? "";

    internal StateMachine? Machine { get; }

    /// <summary>Whether two verdicts are the same answer of the same machine.</summary>
    /// <param name="other">The other verdict.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(StageVerdict other) => ReferenceEquals(Machine, other.Machine) && _stage == other._stage && _proposed == other._proposed && Steps == other.Steps;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is StageVerdict other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Machine, _stage, _proposed, Steps);

    /// <summary>Whether two verdicts are equal.</summary>
    /// <param name="left">One verdict.</param>
    /// <param name="right">The other.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(StageVerdict left, StageVerdict right) => left.Equals(right);

    /// <summary>Whether two verdicts differ.</summary>
    /// <param name="left">One verdict.</param>
    /// <param name="right">The other.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(StageVerdict left, StageVerdict right) => !left.Equals(right);

    /// <summary>The verdict as text: <c>funnel: lead → won (4 steps)</c> or <c>funnel: stays in lead</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Machine is null
        ? "(no verdict)"
        : Steps == 0 ? $"{Machine.Name}: stays in {Stage}" : $"{Machine.Name}: {Stage} → {Proposed} ({Steps} step{(Steps == 1 ? "" : "s")})";
}

/// <summary>How a requested transition was decided.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public enum TransitionOutcome
{
    /// <summary>The transition exists and every guard passed.</summary>
    Allowed,

    /// <summary>The transition exists and at least one guard did not pass.</summary>
    GuardsFailed,

    /// <summary>No transition leads from the stage to the requested one.</summary>
    NoTransition,

    /// <summary>No transition leaves the stage at all.</summary>
    FinalStage,
}

/// <summary>
/// The allocation-free answer of <see cref="StateMachine.Decide(MachineStage, MachineStage, ReadOnlySpan{FactValue})"/>.
/// <see cref="StateMachine.Explain(in TransitionVerdict, ReadOnlySpan{FactValue})"/> turns it into the
/// <see cref="TransitionDecision"/> with the failed guards and every move out of the stage, when one is wanted.
/// </summary>
/// <threadsafety>This type is an immutable value type and is thread-safe.</threadsafety>
public readonly struct TransitionVerdict : IEquatable<TransitionVerdict>
{
    private readonly int _from;
    private readonly int _to;

    internal TransitionVerdict(StateMachine machine, int from, int to, TransitionOutcome outcome, int move)
    {
        Machine = machine;
        _from = from;
        _to = to;
        Outcome = outcome;
        Move = move;
    }

    /// <summary>The current stage.</summary>
    public MachineStage From => Machine is null ? default : new(Machine, _from);

    /// <summary>The requested stage.</summary>
    public MachineStage To => Machine is null || _to < 0 ? default : new(Machine, _to);

    /// <summary>How it was decided.</summary>
    public TransitionOutcome Outcome { get; }

    /// <summary>Whether the transition is defined and its guards pass.</summary>
    public bool Allowed => Machine is not null && Outcome == TransitionOutcome.Allowed;

    /// <summary>The fingerprint of the rule set that decided it; empty for <see langword="default"/>.</summary>
    public string Fingerprint => Machine?.Fingerprint ?? "";

    internal StateMachine? Machine { get; }

    // The requested transition's position among the moves out of From, or -1 when there is none.
    internal int Move { get; }

    internal int ToIndex => _to;

    /// <summary>Whether two verdicts are the same answer of the same machine.</summary>
    /// <param name="other">The other verdict.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(TransitionVerdict other)
        => ReferenceEquals(Machine, other.Machine) && _from == other._from && _to == other._to && Outcome == other.Outcome && Move == other.Move;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TransitionVerdict other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Machine, _from, _to, Outcome, Move);

    /// <summary>Whether two verdicts are equal.</summary>
    /// <param name="left">One verdict.</param>
    /// <param name="right">The other.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(TransitionVerdict left, TransitionVerdict right) => left.Equals(right);

    /// <summary>Whether two verdicts differ.</summary>
    /// <param name="left">One verdict.</param>
    /// <param name="right">The other.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(TransitionVerdict left, TransitionVerdict right) => !left.Equals(right);

    /// <summary>The verdict as text: <c>funnel: lead → prospect: allowed</c>, or the outcome.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Machine is null
        ? "(no verdict)"
        : $"{Machine.Name}: {From} → {To}: {Outcome switch
        {
            TransitionOutcome.Allowed => "allowed",
            TransitionOutcome.GuardsFailed => "guards failed",
            TransitionOutcome.NoTransition => "no such transition",
            _ => "final stage",
        }}";
}
