using System.Globalization;
using System.Text;

namespace Crm.Rules.Lifecycle;

/// <summary>A guard's verdict on a record's facts.</summary>
/// <param name="Guard">The guard, e.g. <c>leadScore ≥ 5</c>.</param>
/// <param name="Passed">Whether it passed.</param>
/// <param name="Actual">The fact's value, or <c>missing</c>.</param>
public sealed record GuardResult(string Guard, bool Passed, string Actual);

/// <summary>A transition out of a stage and how its guards fared.</summary>
/// <param name="From">The stage it leaves.</param>
/// <param name="To">The stage it enters.</param>
/// <param name="Kind"><c>next</c>, <c>skip</c>, <c>back</c> or <c>exit</c>.</param>
/// <param name="Guards">Each guard's verdict.</param>
public sealed record TransitionCheck(string From, string To, string Kind, IReadOnlyList<GuardResult> Guards)
{
    /// <summary>Whether every guard passed.</summary>
    public bool Passes => Guards.All(g => g.Passed);
}

/// <summary>The stage a record should be in, and every guard that decided it (LIFE-1, LIFE-3).</summary>
/// <param name="Machine">The machine.</param>
/// <param name="Stage">The current stage.</param>
/// <param name="Proposed">The stage the facts support (the current one when no transition passes).</param>
/// <param name="Path">The transitions taken, in order.</param>
/// <param name="Checks">Every transition considered from the current and each following stage, with its guards.</param>
/// <param name="Fingerprint">The rule set that produced it.</param>
public sealed record StageProposal(string Machine, string Stage, string Proposed, IReadOnlyList<TransitionCheck> Path, IReadOnlyList<TransitionCheck> Checks, string Fingerprint);

/// <summary>The answer to a requested transition: allowed, or a rejection that says why and what is possible.</summary>
/// <param name="Machine">The machine.</param>
/// <param name="From">The current stage.</param>
/// <param name="To">The requested stage.</param>
/// <param name="Allowed">Whether the transition is defined and its guards pass.</param>
/// <param name="Reason">Why not, when not allowed.</param>
/// <param name="FailedGuards">The guards that failed.</param>
/// <param name="Permitted">The transitions whose guards pass from the current stage.</param>
/// <param name="Fingerprint">The rule set that produced it.</param>
public sealed record TransitionDecision(string Machine, string From, string To, bool Allowed, string? Reason, IReadOnlyList<GuardResult> FailedGuards, IReadOnlyList<string> Permitted, string Fingerprint);

/// <summary>A record's facts: numbers and booleans by name.</summary>
public sealed class StageFacts
{
    private readonly Dictionary<string, decimal> _numbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _flags = new(StringComparer.Ordinal);

    /// <summary>Sets a number fact.</summary>
    /// <param name="name">The fact.</param>
    /// <param name="value">Its value.</param>
    /// <returns>This instance, for chaining.</returns>
    public StageFacts With(string name, decimal value)
    {
        _numbers[name] = value;
        return this;
    }

    /// <summary>Sets a boolean fact.</summary>
    /// <param name="name">The fact.</param>
    /// <param name="value">Its value.</param>
    /// <returns>This instance, for chaining.</returns>
    public StageFacts With(string name, bool value)
    {
        _flags[name] = value;
        return this;
    }

    internal decimal? Number(string name) => _numbers.TryGetValue(name, out var v) ? v : null;

    internal bool? Flag(string name) => _flags.TryGetValue(name, out var v) ? v : null;

    internal IEnumerable<string> Names => _numbers.Keys.Concat(_flags.Keys);
}

/// <summary>A compiled state machine with guarded transitions (LIFE-1 … LIFE-3).</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class StateMachine
{
    private readonly Transition[] _transitions;

    internal StateMachine(string name, StateMachineOptions options, string fingerprint)
    {
        Name = name;
        Fingerprint = fingerprint;
        Stages = options.Stages.ToArray();
        _transitions = options.Transitions
            .SelectMany(t => (t.From == "*" ? Stages.Where(s => s != t.To) : [t.From]).Select(from => new Transition(from, t.To, t.Kind, t.Guards.Select(Guard.Compile).ToArray())))
            .ToArray();
    }

    /// <summary>The machine's name.</summary>
    public string Name { get; }

    /// <summary>The stages in order; the first is the start.</summary>
    public IReadOnlyList<string> Stages { get; }

    /// <summary>The fingerprint of the rule set it belongs to.</summary>
    public string Fingerprint { get; }

    /// <summary>Proposes the stage the facts support: from the current stage, the first transition (in configuration order) whose guards pass — never an <c>exit</c> — followed as far as the facts go.</summary>
    /// <param name="stage">The current stage.</param>
    /// <param name="facts">The facts.</param>
    /// <returns>The proposal with every guard considered.</returns>
    /// <exception cref="ArgumentException">The stage is not a stage of this machine.</exception>
    public StageProposal Propose(string stage, StageFacts facts)
    {
        RequireStage(stage);
        ArgumentNullException.ThrowIfNull(facts);
        var checks = new List<TransitionCheck>();
        var path = new List<TransitionCheck>();
        var current = stage;
        var visited = new HashSet<string> { stage };
        while (true)
        {
            var taken = default(TransitionCheck);
            foreach (var transition in _transitions.Where(t => t.From == current && t.Kind != "exit"))
            {
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

    /// <summary>Decides a requested transition: allowed when it is defined and its guards pass; otherwise a rejection (never an exception) with the failed guards and the permitted transitions.</summary>
    /// <param name="stage">The current stage.</param>
    /// <param name="to">The requested stage.</param>
    /// <param name="facts">The facts.</param>
    /// <returns>The decision.</returns>
    public TransitionDecision Decide(string stage, string to, StageFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var permitted = Stages.Contains(stage)
            ? _transitions.Where(t => t.From == stage).Select(t => t.Check(facts)).Where(c => c.Passes).Select(c => c.To).Distinct().ToArray()
            : [];
        if (!Stages.Contains(stage))
        {
            return new TransitionDecision(Name, stage, to, false, $"'{stage}' is not a stage of '{Name}' (stages: {string.Join(", ", Stages)})", [], permitted, Fingerprint);
        }

        var candidates = _transitions.Where(t => t.From == stage && t.To == to).Select(t => t.Check(facts)).ToList();
        if (candidates.Count == 0)
        {
            return new TransitionDecision(Name, stage, to, false, $"'{Name}' has no transition from '{stage}' to '{to}'", [], permitted, Fingerprint);
        }

        var passing = candidates.FirstOrDefault(c => c.Passes);
        return passing is not null
            ? new TransitionDecision(Name, stage, to, true, null, [], permitted, Fingerprint)
            : new TransitionDecision(Name, stage, to, false, "guards failed", candidates.SelectMany(c => c.Guards.Where(g => !g.Passed)).ToArray(), permitted, Fingerprint);
    }

    /// <summary>Whether a stage has no way out (won, lost, churned …).</summary>
    /// <param name="stage">The stage.</param>
    /// <returns><see langword="true"/> when no transition leaves it.</returns>
    public bool IsFinal(string stage) => !Array.Exists(_transitions, t => t.From == stage);

    /// <summary>The machine as a Mermaid state diagram.</summary>
    /// <returns>The diagram text (<c>stateDiagram-v2</c>).</returns>
    public string ToMermaid()
    {
        var text = new StringBuilder("stateDiagram-v2\n");
        text.Append(CultureInfo.InvariantCulture, $"    [*] --> {Stages[0]}\n");
        foreach (var t in _transitions)
        {
            var label = string.Join(" and ", t.Guards.Select(g => g.Text));
            var note = string.Join(" ", new[] { t.Kind == "next" ? "" : $"[{t.Kind}]", label }.Where(x => x.Length > 0));
            text.Append(CultureInfo.InvariantCulture, $"    {t.From} --> {t.To}{(note.Length == 0 ? "" : $" : {note}")}\n");
        }

        return text.ToString();
    }

    private void RequireStage(string stage)
    {
        if (!Stages.Contains(stage))
        {
            throw new ArgumentException($"'{stage}' is not a stage of '{Name}' (stages: {string.Join(", ", Stages)})", nameof(stage));
        }
    }

    private sealed record Transition(string From, string To, string Kind, Guard[] Guards)
    {
        public TransitionCheck Check(StageFacts facts) => new(From, To, Kind, Guards.Select(g => g.Evaluate(facts)).ToArray());
    }

    internal sealed record Guard(string Text, Func<StageFacts, (bool Passed, string Actual)> Evaluate0)
    {
        public GuardResult Evaluate(StageFacts facts)
        {
            var (passed, actual) = Evaluate0(facts);
            return new GuardResult(Text, passed, actual);
        }

        public static Guard Compile(GuardOptions g)
        {
            if (g.AnyOf is { Count: > 0 } alternatives)
            {
                var compiled = alternatives.Select(Compile).ToArray();
                return new Guard($"({string.Join(" or ", compiled.Select(c => c.Text))})", facts =>
                {
                    var results = compiled.Select(c => c.Evaluate(facts)).ToArray();
                    return (results.Any(r => r.Passed), string.Join("; ", results.Select(r => $"{r.Guard}: {r.Actual}")));
                });
            }

            var fact = g.Fact!;
            if (g.Is is { } expected)
            {
                return new Guard(expected ? fact : $"not {fact}", facts => facts.Flag(fact) is { } v ? (v == expected, v ? "true" : "false") : (false, "missing"));
            }

            var parts = new List<string>();
            if (g.AtLeast is { } min)
            {
                parts.Add($"{fact} ≥ {FixedPoint.Format(min)}");
            }

            if (g.AtMost is { } max)
            {
                parts.Add($"{fact} ≤ {FixedPoint.Format(max)}");
            }

            return new Guard(string.Join(" and ", parts), facts => facts.Number(fact) is { } v
                ? ((g.AtLeast is not { } lo || v >= lo) && (g.AtMost is not { } hi || v <= hi), FixedPoint.Format(v))
                : (false, "missing"));
        }
    }
}
