using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Crm.Rules.Lifecycle;

/// <summary>How a transition moves through a machine's stage order.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public enum TransitionKind
{
    /// <summary>To the next stage in order (JSON <c>"next"</c>, the default).</summary>
    Next,

    /// <summary>Forward past one or more stages (JSON <c>"skip"</c>).</summary>
    Skip,

    /// <summary>Back to an earlier stage (JSON <c>"back"</c>).</summary>
    Back,

    /// <summary>Out of the open stages (lost, churned): never proposed, applied on request only (JSON <c>"exit"</c>).</summary>
    Exit,
}

/// <summary>What a guard made of a record's facts.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public enum GuardState
{
    /// <summary>The fact is there and satisfies the guard.</summary>
    Passed,

    /// <summary>The fact is there and does not satisfy the guard.</summary>
    Failed,

    /// <summary>The record does not state the fact, so the guard cannot pass.</summary>
    FactMissing,

    /// <summary>
    /// The record states the fact with the other kind — true/false where the guard compares a number, or a number where
    /// it expects true/false — so the guard cannot pass. Told apart from <see cref="FactMissing"/> because the fix
    /// differs: the record has the fact, written the wrong way.
    /// </summary>
    WrongKind,
}

/// <summary>A guard's verdict on a record's facts.</summary>
/// <param name="Guard">The guard, e.g. <c>leadScore ≥ 5</c>.</param>
/// <param name="State">Whether it passed, failed, or could not be checked because the fact is missing.</param>
/// <param name="Actual">The fact's value (also when it is of the wrong kind), or <c>missing</c>.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record GuardResult(string Guard, GuardState State, string Actual)
{
    /// <summary>Whether the guard passed.</summary>
    public bool Passed => State == GuardState.Passed;

    /// <summary>The verdict as text, e.g. <c>leadScore ≥ 5: failed (is 4)</c> or <c>authorityClear: fact missing</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => State switch
    {
        GuardState.Passed => $"{Guard}: passed (is {Actual})",
        GuardState.Failed => $"{Guard}: failed (is {Actual})",
        GuardState.WrongKind => $"{Guard}: fact of the wrong kind (is {Actual}, {(Actual is "true" or "false" ? "a number is needed" : "true or false is needed")})",
        _ => $"{Guard}: fact missing",
    };
}

/// <summary>A transition out of a stage and how its guards fared.</summary>
/// <param name="From">The stage it leaves.</param>
/// <param name="To">The stage it enters.</param>
/// <param name="Kind">How it moves through the stage order.</param>
/// <param name="Guards">Each guard's verdict, in configuration order.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record TransitionCheck(string From, string To, TransitionKind Kind, IReadOnlyList<GuardResult> Guards)
{
    /// <summary>Whether every guard passed.</summary>
    public bool Passes => Guards.All(g => g.Passed);

    /// <summary>The guards that did not pass (failed or missing their fact).</summary>
    public IReadOnlyList<GuardResult> Blocking => Guards.Where(g => !g.Passed).ToArray();

    /// <summary>The move and its verdict, e.g. <c>prospect → intent: blocked by authorityClear: fact missing</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var move = Kind == TransitionKind.Next ? $"{From} → {To}" : $"{From} → {To} [{LifecycleWords.Of(Kind)}]";
        return Passes ? $"{move}: open" : $"{move}: blocked by {string.Join("; ", Blocking)}";
    }
}

/// <summary>The stage a record should be in, and every guard that decided it (LIFE-1, LIFE-3).</summary>
/// <param name="Machine">The machine.</param>
/// <param name="Stage">The current stage.</param>
/// <param name="Proposed">The stage the facts support (the current one when no transition passes).</param>
/// <param name="Path">The transitions taken, in order.</param>
/// <param name="Checks">Every transition considered from the current and each following stage, with its guards.</param>
/// <param name="Fingerprint">The rule set that produced it.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record StageProposal(string Machine, string Stage, string Proposed, IReadOnlyList<TransitionCheck> Path, IReadOnlyList<TransitionCheck> Checks, string Fingerprint)
{
    /// <summary>
    /// The moves out of the proposed stage that the facts do not open yet, each naming its blocking guards: what stands
    /// between the record and its next stage. <c>exit</c> moves are not proposed and so not listed.
    /// </summary>
    public IReadOnlyList<TransitionCheck> Blocked => Checks.Where(c => c.From == Proposed && !c.Passes).ToArray();

    /// <summary>The proposal as text, e.g. <c>funnel: lead → prospect; blocked: prospect → intent: blocked by …</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var moved = Path.Count == 0 ? $"{Machine}: stays in {Stage}" : $"{Machine}: {Stage} → {string.Join(" → ", Path.Select(p => p.To))}";
        return Blocked.Count == 0 ? moved : $"{moved}; {string.Join("; ", Blocked)}";
    }
}

/// <summary>The answer to a requested transition: allowed, or a rejection that says why and what is possible.</summary>
/// <param name="Machine">The machine.</param>
/// <param name="From">The current stage.</param>
/// <param name="To">The requested stage.</param>
/// <param name="Allowed">Whether the transition is defined and its guards pass.</param>
/// <param name="Reason">Why not, when not allowed.</param>
/// <param name="FailedGuards">The guards of the requested transition that did not pass.</param>
/// <param name="Moves">Every configured move out of the current stage (exits included) with each guard's state.</param>
/// <param name="Fingerprint">The rule set that produced it.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record TransitionDecision(string Machine, string From, string To, bool Allowed, string? Reason, IReadOnlyList<GuardResult> FailedGuards, IReadOnlyList<TransitionCheck> Moves, string Fingerprint)
{
    /// <summary>The stages the facts open from the current stage now.</summary>
    public IReadOnlyList<string> Permitted => Moves.Where(m => m.Passes).Select(m => m.To).Distinct().ToArray();

    /// <summary>The decision as text: <c>lead → prospect: allowed</c>, or the reason with every move out of the stage.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Allowed
        ? $"{Machine}: {From} → {To}: allowed"
        : $"{Machine}: {From} → {To}: rejected, {Reason}{(Moves.Count == 0 ? "" : $"; moves out of {From}: {string.Join("; ", Moves)}")}";
}

/// <summary>
/// A record's facts: numbers and booleans by name. Immutable: <see cref="With(string, decimal)"/> returns a new value,
/// as NodaTime's <c>With</c> methods do.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class StageFacts
{
    private static readonly ImmutableDictionary<string, decimal> NoNumbers = ImmutableDictionary.Create<string, decimal>(StringComparer.Ordinal);
    private static readonly ImmutableDictionary<string, bool> NoFlags = ImmutableDictionary.Create<string, bool>(StringComparer.Ordinal);

    private readonly ImmutableDictionary<string, decimal> _numbers;
    private readonly ImmutableDictionary<string, bool> _flags;

    /// <summary>Creates facts that state nothing.</summary>
    public StageFacts()
        : this(NoNumbers, NoFlags)
    {
    }

    private StageFacts(ImmutableDictionary<string, decimal> numbers, ImmutableDictionary<string, bool> flags)
    {
        _numbers = numbers;
        _flags = flags;
    }

    /// <summary>Facts that state nothing.</summary>
    public static StageFacts Empty { get; } = new();

    /// <summary>Returns these facts with a number fact set (replacing a boolean of the same name).</summary>
    /// <param name="name">The fact.</param>
    /// <param name="value">Its value.</param>
    /// <returns>A new value; this one is unchanged.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public StageFacts With(string name, decimal value)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new(_numbers.SetItem(name, value), _flags.Remove(name));
    }

    /// <summary>Returns these facts with a boolean fact set (replacing a number of the same name).</summary>
    /// <param name="name">The fact.</param>
    /// <param name="value">Its value.</param>
    /// <returns>A new value; this one is unchanged.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public StageFacts With(string name, bool value)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new(_numbers.Remove(name), _flags.SetItem(name, value));
    }

    /// <summary>The names of the facts stated.</summary>
    public IEnumerable<string> Names => _numbers.Keys.Concat(_flags.Keys).Order(StringComparer.Ordinal);

    /// <summary>The facts as text, sorted by name: <c>leadScore=6; needClear=true</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
        => string.Join("; ", Names.Select(n => _numbers.TryGetValue(n, out var v) ? $"{n}={FixedPoint.Format(v)}" : $"{n}={(_flags[n] ? "true" : "false")}"));

    internal decimal? Number(string name) => _numbers.TryGetValue(name, out var v) ? v : null;

    internal bool? Flag(string name) => _flags.TryGetValue(name, out var v) ? v : null;
}

/// <summary>A compiled state machine with guarded transitions (LIFE-1 … LIFE-3).</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class StateMachine
{
    private readonly Transition[] _transitions;
    private readonly FrozenDictionary<string, Transition[]> _outOf;
    private readonly string[] _stages;

    internal StateMachine(string name, StateMachineOptions options, string fingerprint)
    {
        Name = name;
        Fingerprint = fingerprint;
        _stages = options.Stages.ToArray();
        _transitions = options.Transitions
            .SelectMany(t => (t.From == "*" ? _stages.Where(s => s != t.To) : [t.From])
                .Select(from => new Transition(from, t.To, LifecycleWords.ParseKind(t.Kind), t.Guards.Select(Guard.Compile).ToArray())))
            .ToArray();
        _outOf = _stages.ToFrozenDictionary(s => s, s => _transitions.Where(t => t.From == s).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The machine's name.</summary>
    public string Name { get; }

    /// <summary>The stages in order; the first is the start.</summary>
    public IReadOnlyList<string> Stages => _stages;

    /// <summary>The fingerprint of the rule set it belongs to.</summary>
    public string Fingerprint { get; }

    /// <summary>Proposes the stage the facts support: from the current stage, the first transition (in configuration order) whose guards pass — never an <c>exit</c> — followed as far as the facts go.</summary>
    /// <param name="stage">The current stage.</param>
    /// <param name="facts">The facts.</param>
    /// <returns>The proposal with every guard considered.</returns>
    /// <exception cref="ArgumentException">The stage is not a stage of this machine.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="facts"/> is <see langword="null"/>.</exception>
    public StageProposal Propose(string stage, StageFacts facts)
    {
        RequireStage(stage);
        ArgumentNullException.ThrowIfNull(facts);
        var checks = new List<TransitionCheck>();
        var path = new List<TransitionCheck>();
        var current = stage;

        // A stage once left is never entered again in one proposal, so chains of back and skip moves end.
        var visited = new HashSet<string>(StringComparer.Ordinal) { stage };
        while (true)
        {
            var taken = default(TransitionCheck);
            foreach (var transition in _outOf[current])
            {
                if (transition.Kind == TransitionKind.Exit)
                {
                    continue;
                }

                var check = transition.Check(facts);
                checks.Add(check);
                if (taken is null && check.Passes && !visited.Contains(check.To))
                {
                    taken = check;
                }
            }

            if (taken is null)
            {
                return new StageProposal(Name, stage, current, path, checks, Fingerprint);
            }

            path.Add(taken);
            current = taken.To;
            visited.Add(current);
        }
    }

    /// <summary>Decides a requested transition: allowed when it is defined and its guards pass; otherwise a rejection (never an exception) with the failed guards and every move out of the stage.</summary>
    /// <param name="stage">The current stage.</param>
    /// <param name="to">The requested stage.</param>
    /// <param name="facts">The facts.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public TransitionDecision Decide(string stage, string to, StageFacts facts)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(facts);
        if (!_outOf.TryGetValue(stage, out var outgoing))
        {
            return new TransitionDecision(Name, stage, to, false, $"'{stage}' is not a stage of '{Name}' (stages: {string.Join(", ", _stages)})", [], [], Fingerprint);
        }

        var moves = outgoing.Select(t => t.Check(facts)).ToArray();
        if (moves.Length == 0)
        {
            return new TransitionDecision(Name, stage, to, false, $"'{stage}' is a final stage of '{Name}': no move leaves it", [], moves, Fingerprint);
        }

        var requested = Array.Find(moves, m => m.To == to);
        if (requested is null)
        {
            return new TransitionDecision(Name, stage, to, false, $"'{Name}' has no transition from '{stage}' to '{to}'", [], moves, Fingerprint);
        }

        return requested.Passes
            ? new TransitionDecision(Name, stage, to, true, null, [], moves, Fingerprint)
            : new TransitionDecision(Name, stage, to, false, "guards failed", requested.Blocking, moves, Fingerprint);
    }

    /// <summary>Whether a stage has no way out (won, lost, churned …).</summary>
    /// <param name="stage">The stage.</param>
    /// <returns><see langword="true"/> when no transition leaves it (or it is not a stage).</returns>
    public bool IsFinal(string stage) => !_outOf.TryGetValue(stage, out var outgoing) || outgoing.Length == 0;

    /// <summary>The machine as a Mermaid state diagram.</summary>
    /// <returns>The diagram text (<c>stateDiagram-v2</c>).</returns>
    public string ToMermaid()
    {
        var text = new StringBuilder("stateDiagram-v2\n");
        text.Append(CultureInfo.InvariantCulture, $"    [*] --> {_stages[0]}\n");
        foreach (var t in _transitions)
        {
            var label = string.Join(" and ", t.Guards.Select(g => g.Text));
            var note = string.Join(" ", new[] { t.Kind == TransitionKind.Next ? "" : $"[{LifecycleWords.Of(t.Kind)}]", label }.Where(x => x.Length > 0));
            text.Append(CultureInfo.InvariantCulture, $"    {t.From} --> {t.To}{(note.Length == 0 ? "" : $" : {note}")}\n");
        }

        return text.ToString();
    }

    /// <summary>The machine's name and stages.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Name}: {string.Join(" → ", _stages)}";

    private void RequireStage(string stage)
    {
        if (stage is null || !_outOf.ContainsKey(stage))
        {
            throw new ArgumentException($"'{stage}' is not a stage of '{Name}' (stages: {string.Join(", ", _stages)})", nameof(stage));
        }
    }

    private sealed class Transition(string from, string to, TransitionKind kind, Guard[] guards)
    {
        public string From { get; } = from;

        public string To { get; } = to;

        public TransitionKind Kind { get; } = kind;

        public IReadOnlyList<Guard> Guards { get; } = guards;

        public TransitionCheck Check(StageFacts facts) => new(From, To, Kind, Guards.Select(g => g.Evaluate(facts)).ToArray());
    }

    // Guards copy every value they test when they compile: they never read the options again.
    private abstract class Guard(string text)
    {
        public string Text { get; } = text;

        public abstract GuardResult Evaluate(StageFacts facts);

        public static Guard Compile(GuardOptions g)
        {
            if (g.AnyOf is { Count: > 0 } alternatives)
            {
                return new AnyOfGuard(alternatives.Select(Compile).ToArray());
            }

            return g.Is is { } expected
                ? new FlagGuard(g.Fact!, expected)
                : new NumberGuard(g.Fact!, g.AtLeast, g.AtMost);
        }
    }

    private sealed class FlagGuard(string fact, bool expected) : Guard(expected ? fact : $"not {fact}")
    {
        public override GuardResult Evaluate(StageFacts facts)
        {
            var flag = facts.Flag(fact);
            if (flag is null)
            {
                var number = facts.Number(fact);
                return number is null
                    ? new GuardResult(Text, GuardState.FactMissing, "missing")
                    : new GuardResult(Text, GuardState.WrongKind, FixedPoint.Format(number.GetValueOrDefault()));
            }

            var v = flag.GetValueOrDefault();
            return new GuardResult(Text, v == expected ? GuardState.Passed : GuardState.Failed, v ? "true" : "false");
        }
    }

    private sealed class NumberGuard(string fact, decimal? atLeast, decimal? atMost) : Guard(Describe(fact, atLeast, atMost))
    {
        public override GuardResult Evaluate(StageFacts facts)
        {
            var number = facts.Number(fact);
            if (number is null)
            {
                var flag = facts.Flag(fact);
                return flag is null
                    ? new GuardResult(Text, GuardState.FactMissing, "missing")
                    : new GuardResult(Text, GuardState.WrongKind, flag.GetValueOrDefault() ? "true" : "false");
            }

            // Null checks and plain reads instead of `is not { } lo || v >= lo`, whose mutants do not compile in a
            // mutation run (tests/mutation), so the bounds' mutants are tested too.
            var v = number.GetValueOrDefault();
            var passed = (atLeast is null || v >= atLeast.GetValueOrDefault()) && (atMost is null || v <= atMost.GetValueOrDefault());
            return new GuardResult(Text, passed ? GuardState.Passed : GuardState.Failed, FixedPoint.Format(v));
        }

        private static string Describe(string fact, decimal? atLeast, decimal? atMost)
        {
            var parts = new List<string>();
            if (atLeast is { } min)
            {
                parts.Add($"{fact} ≥ {FixedPoint.Format(min)}");
            }

            if (atMost is { } max)
            {
                parts.Add($"{fact} ≤ {FixedPoint.Format(max)}");
            }

            return string.Join(" and ", parts);
        }
    }

    private sealed class AnyOfGuard(Guard[] alternatives) : Guard($"({string.Join(" or ", alternatives.Select(c => c.Text))})")
    {
        public override GuardResult Evaluate(StageFacts facts)
        {
            var results = alternatives.Select(c => c.Evaluate(facts)).ToArray();
            var state = results.Any(r => r.Passed) ? GuardState.Passed
                : results.All(r => r.State == GuardState.FactMissing) ? GuardState.FactMissing
                : GuardState.Failed;
            return new GuardResult(Text, state, string.Join("; ", results.Select(r => $"{r.Guard}: {r.Actual}")));
        }
    }
}

/// <summary>The JSON words of the lifecycle's closed sets: one source for parsing, validation and text.</summary>
internal static class LifecycleWords
{
    public static readonly string[] Kinds = ["next", "skip", "back", "exit"];

    public static string Of(TransitionKind kind)
        => (uint)kind < (uint)Kinds.Length ? Kinds[(int)kind] : throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a transition kind");

    public static bool IsKind(string? word) => word is not null && Array.IndexOf(Kinds, word) >= 0;

    public static TransitionKind ParseKind(string word) => (TransitionKind)Array.IndexOf(Kinds, word) is var k && k >= 0
        ? k
        : throw new InvalidOperationException($"'{word}' is not a transition kind; validation lets none through");

    public static string Of(KeyAccountAction action) => action switch
    {
        KeyAccountAction.Promote => "promote",
        KeyAccountAction.Demote => "demote",
        _ => "keep",
    };
}
