using Crm.Rules.Configuration;
using Crm.Rules.Lifecycle;

namespace Crm.Rules.Lint;

/// <summary>Lifecycle: guards that contradict each other, stages no passable transition reaches, stages reached only by exits.</summary>
/// <remarks>Facts declare only their kind (number or boolean), no range, so a guard can be impossible only against another guard.</remarks>
internal static class LifecycleLint
{
    private const string AnyStage = "*";
    private const string Exit = "exit";

    public static void Check(LifecycleOptions options, List<LintFinding> findings)
    {
        foreach (var (name, machine) in options.Machines)
        {
            var path = JsonShape.PathOf("lifecycle.machines", name);
            var passable = new bool[machine.Transitions.Count];
            for (var i = 0; i < machine.Transitions.Count; i++)
            {
                var transition = machine.Transitions[i];
                if (Contradiction(transition.Guards) is { } found)
                {
                    findings.Add(new(LintCheck.GuardContradiction, LintSeverity.Problem, $"{path}.transitions[{i}].guards[{found.Index}]",
                        $"the guards of {name} transition {transition.From} → {transition.To} contradict each other: no record can pass them", found.Why));
                }
                else
                {
                    passable[i] = true;
                }
            }

            CheckReachability(name, path, machine, passable, findings);
        }
    }

    private static void CheckReachability(string name, string path, StateMachineOptions machine, bool[] passable, List<LintFinding> findings)
    {
        if (machine.Stages.Count == 0)
        {
            return;
        }

        var first = machine.Stages[0];
        var edges = machine.Transitions
            .Select((t, i) => (t, i))
            .Where(x => passable[x.i])
            .SelectMany(x => (x.t.From == AnyStage ? machine.Stages.Where(s => s != x.t.To) : [x.t.From]).Select(from => (From: from, x.t.To, IsExit: x.t.Kind == Exit)))
            .ToArray();
        var any = Reach(first, edges, exits: true);
        var proposed = Reach(first, edges, exits: false);
        for (var s = 0; s < machine.Stages.Count; s++)
        {
            var stage = machine.Stages[s];
            if (!any.ContainsKey(stage))
            {
                findings.Add(new(LintCheck.StageUnreachable, LintSeverity.Problem, $"{path}.stages[{s}]",
                    $"stage '{stage}' of machine '{name}' cannot be reached from its first stage '{first}': no transition whose guards can pass leads there",
                    $"reachable from '{first}': {string.Join(", ", machine.Stages.Where(any.ContainsKey))}"));
                continue;
            }

            // An end state reached by an exit (lost, churned) is the design; a stage the flow goes on from is not.
            var onward = machine.Transitions.Where((t, i) => passable[i] && t.From == stage).Select(t => t.To).Distinct().ToArray();
            if (!proposed.ContainsKey(stage) && onward.Length > 0)
            {
                findings.Add(new(LintCheck.StageExitOnly, LintSeverity.Problem, $"{path}.stages[{s}]",
                    $"stage '{stage}' of machine '{name}' is reached only through exit transitions, which are never proposed, yet transitions lead on from it (to {string.Join(", ", onward)})",
                    $"the only way there: {Route(stage, any)}"));
            }
        }
    }

    // Breadth-first from the first stage; each reached stage keeps the edge it was first reached by.
    private static Dictionary<string, (string? From, bool IsExit)> Reach(string first, (string From, string To, bool IsExit)[] edges, bool exits)
    {
        var reached = new Dictionary<string, (string? From, bool IsExit)>(StringComparer.Ordinal) { [first] = (null, false) };
        var queue = new Queue<string>([first]);
        while (queue.TryDequeue(out var stage))
        {
            foreach (var edge in edges.Where(e => e.From == stage && (exits || !e.IsExit)))
            {
                if (reached.TryAdd(edge.To, (stage, edge.IsExit)))
                {
                    queue.Enqueue(edge.To);
                }
            }
        }

        return reached;
    }

    private static string Route(string stage, Dictionary<string, (string? From, bool IsExit)> reached)
    {
        var steps = new List<string>();
        for (var at = stage; reached[at].From is { } from; at = from)
        {
            steps.Add(reached[at].IsExit ? $"{at} (exit)" : at);
        }

        steps.Add(reached.First(r => r.Value.From is null).Key);
        steps.Reverse();
        return string.Join(" → ", steps);
    }

    // The first guard that cannot pass together with the simple guards (and, for alternatives, with the rest).
    private static (int Index, string Why)? Contradiction(List<GuardOptions> guards)
    {
        var known = new Facts();
        for (var k = 0; k < guards.Count; k++)
        {
            if (guards[k].AnyOf is null && known.Add(guards[k]) is { } why)
            {
                return (k, why);
            }
        }

        for (var k = 0; k < guards.Count; k++)
        {
            if (guards[k].AnyOf is { } alternatives && !alternatives.Any(a => Satisfiable(a, known)))
            {
                return (k, $"none of its {alternatives.Count} alternatives can pass together with the transition's other guards ({known})");
            }
        }

        return null;
    }

    private static bool Satisfiable(GuardOptions guard, Facts known)
    {
        var copy = known.Copy();
        return guard.AnyOf is { } alternatives ? alternatives.Any(a => Satisfiable(a, copy)) : copy.Add(guard) is null;
    }

    /// <summary>What the guards seen so far say: each number's bounds and each boolean's value.</summary>
    private sealed class Facts
    {
        private readonly Dictionary<string, (decimal? Low, decimal? High)> _numbers = new(StringComparer.Ordinal);
        private readonly Dictionary<string, bool> _flags = new(StringComparer.Ordinal);

        public Facts Copy()
        {
            var copy = new Facts();
            foreach (var (fact, bounds) in _numbers)
            {
                copy._numbers[fact] = bounds;
            }

            foreach (var (fact, value) in _flags)
            {
                copy._flags[fact] = value;
            }

            return copy;
        }

        /// <returns>Why the guard contradicts what is known, or <see langword="null"/>.</returns>
        public string? Add(GuardOptions guard)
        {
            if (guard.Fact is not { } fact)
            {
                return null;
            }

            if (guard.Is is { } value)
            {
                if (_flags.TryGetValue(fact, out var had) && had != value)
                {
                    return $"{fact} must be {Word(had)} and {Word(value)}";
                }

                _flags[fact] = value;
            }

            if (guard.AtLeast is not null || guard.AtMost is not null)
            {
                var (low, high) = _numbers.GetValueOrDefault(fact);
                low = Max(low, guard.AtLeast);
                high = Min(high, guard.AtMost);
                _numbers[fact] = (low, high);
                if (low > high)
                {
                    return $"{fact} ≥ {FixedPoint.Format(low!.Value)} and {fact} ≤ {FixedPoint.Format(high!.Value)}";
                }
            }

            return null;
        }

        public override string ToString()
        {
            var parts = _numbers.Select(n => n.Value switch
            {
                ({ } l, { } h) => $"{FixedPoint.Format(l)} ≤ {n.Key} ≤ {FixedPoint.Format(h)}",
                ({ } l, null) => $"{n.Key} ≥ {FixedPoint.Format(l)}",
                (null, { } h) => $"{n.Key} ≤ {FixedPoint.Format(h)}",
                _ => n.Key,
            }).Concat(_flags.Select(f => $"{f.Key} is {Word(f.Value)}")).ToArray();
            return parts.Length == 0 ? "none" : string.Join(", ", parts);
        }

        private static string Word(bool value) => value ? "true" : "false";

        private static decimal? Max(decimal? a, decimal? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

        private static decimal? Min(decimal? a, decimal? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);
    }
}
