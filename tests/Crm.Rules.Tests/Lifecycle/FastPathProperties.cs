using System.Globalization;
using Crm.Rules.Lifecycle;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Rules.Tests.Lifecycle;

/// <summary>
/// On the seed machines and random facts (missing, numbers around the thresholds, booleans, and facts of the wrong kind),
/// the allocation-free Propose and Decide answer what the explaining ones answer, their explanations list the same
/// guards, and all of them agree with a plain interpreter of the machine's options written the obvious way.
/// </summary>
[Properties(Arbitrary = [typeof(FastPathArbitraries)], MaxTest = PropertyRuns.MaxTest)]
public class FastPathProperties
{
    [Property]
    public bool FastPropose_EqualsTheExplainingProposal_AndTheReference(FastPathCase c)
    {
        var (machine, options, facts, slots) = (c.Machine, c.Options, c.StageFacts(), c.Slots());
        var verdict = machine.Propose(machine.Stage(c.StageName), slots);
        var proposal = machine.Propose(c.StageName, facts);
        var explained = machine.Explain(verdict, slots);
        var reference = ReferenceMachine.Propose(options, c.StageName, c.Named());
        return verdict.Proposed.Name == proposal.Proposed
            && verdict.Steps == proposal.Path.Count
            && verdict.Stage.Name == c.StageName
            && reference.Proposed == proposal.Proposed
            && reference.Path.SequenceEqual(proposal.Path.Select(p => $"{p.From}→{p.To}"))
            && reference.Checks.SequenceEqual(proposal.Checks.Select(ReferenceMachine.Row))
            && LifecycleAssert.Rows(explained.Checks).SequenceEqual(LifecycleAssert.Rows(proposal.Checks))
            && LifecycleAssert.Rows(explained.Path).SequenceEqual(LifecycleAssert.Rows(proposal.Path))
            && explained.ToString() == proposal.ToString();
    }

    [Property]
    public bool FastDecide_EqualsTheExplainingDecision_AndTheReference(FastPathCase c)
    {
        var (machine, options, facts, slots) = (c.Machine, c.Options, c.StageFacts(), c.Slots());
        var verdict = machine.Decide(machine.Stage(c.StageName), machine.Stage(c.TargetName), slots);
        var decision = machine.Decide(c.StageName, c.TargetName, facts);
        var explained = machine.Explain(verdict, slots);
        var reference = ReferenceMachine.Decide(options, c.StageName, c.TargetName, c.Named());
        return verdict.Allowed == decision.Allowed
            && verdict.Outcome == reference.Outcome
            && reference.Moves.SequenceEqual(decision.Moves.Select(ReferenceMachine.Row))
            && reference.Failed.SequenceEqual(decision.FailedGuards.Select(g => g.State))
            && explained.Allowed == decision.Allowed
            && explained.Reason == decision.Reason
            && explained.FailedGuards.SequenceEqual(decision.FailedGuards)
            && LifecycleAssert.Rows(explained.Moves).SequenceEqual(LifecycleAssert.Rows(decision.Moves));
    }

    [Property]
    public bool BlockedTexts_TellWhatTheExplainedProposalBlocks_WithoutExplainingIt(FastPathCase c)
    {
        var (machine, facts, slots) = (c.Machine, c.StageFacts(), c.Slots());
        var verdict = machine.Propose(machine.Stage(c.StageName), slots);
        return machine.BlockedTexts(verdict, facts).SequenceEqual(machine.Propose(c.StageName, facts).Blocked.Select(b => b.ToString()));
    }

    [Property]
    public bool AppendedBlockedMoves_AreTheBlockedTextsJoined_AfterWhatTheBuilderHeld(FastPathCase c)
    {
        var (machine, slots) = (c.Machine, c.Slots());
        var verdict = machine.Propose(machine.Stage(c.StageName), slots);
        var texts = machine.BlockedMoves(verdict, slots);
        var text = new System.Text.StringBuilder("before|");
        var count = machine.AppendBlockedMoves(text, verdict, slots, " / ");
        return count == texts.Count && text.ToString() == "before|" + string.Join(" / ", texts);
    }

    [Property]
    public bool Permitted_ListsWhatTheExplainedMovesPermit_AndIsSharedNotRemade(FastPathCase c)
    {
        var (machine, facts, slots) = (c.Machine, c.StageFacts(), c.Slots());
        var permitted = machine.Permitted(machine.Stage(c.StageName), slots);
        var again = machine.Permitted(machine.Stage(c.StageName), slots);
        return permitted.SequenceEqual(machine.Decide(c.StageName, c.StageName, facts).Permitted)
            && (permitted.Count == 0 || ReferenceEquals(permitted, again))
            && permitted is not string[];
    }
}

/// <summary>One fact of a case: missing (kind 0), a number in hundredths (1) or a boolean (2), whatever the fact's declared kind.</summary>
public sealed record FactDraw(int Kind, int Hundredths, bool Flag)
{
    public override string ToString() => Kind switch
    {
        1 => (Hundredths / 100m).ToString(CultureInfo.InvariantCulture),
        2 => Flag ? "true" : "false",
        _ => "missing",
    };
}

/// <summary>A seed machine (by name order), a stage and a requested stage (indices modulo the stage count), and one draw per fact slot.</summary>
public sealed record FastPathCase(int MachineIndex, int Stage, int Target, FactDraw[] Draws)
{
    public static readonly string[] MachineNames = CrmRuleSet.SeedStandard.Lifecycle.Machines.Keys.Order(StringComparer.Ordinal).ToArray();

    public static readonly int MostFacts = MachineNames.Max(n => CrmRuleSet.SeedStandard.Lifecycle.Machine(n)!.Facts.Count);

    private static readonly Dictionary<string, StateMachineOptions> SeedOptions = new LifecycleOptions().Machines;

    public StateMachine Machine => CrmRuleSet.SeedStandard.Lifecycle.Machine(MachineNames[MachineIndex])!;

    public StateMachineOptions Options => SeedOptions[MachineNames[MachineIndex]];

    public string StageName => Machine.Stages[Stage % Machine.Stages.Count];

    public string TargetName => Machine.Stages[Target % Machine.Stages.Count];

    /// <summary>The facts by name, as the reference reads them: a decimal, a bool, or absent.</summary>
    public Dictionary<string, object> Named()
    {
        var named = new Dictionary<string, object>(StringComparer.Ordinal);
        for (var i = 0; i < Machine.Facts.Count; i++)
        {
            var draw = Draws[i];
            if (draw.Kind == 1)
            {
                named[Machine.Facts[i]] = draw.Hundredths / 100m;
            }
            else if (draw.Kind == 2)
            {
                named[Machine.Facts[i]] = draw.Flag;
            }
        }

        return named;
    }

    // Facts no machine reads, sorted before, between and after the machines' own, which laying out must skip.
    public StageFacts StageFacts() => Named().Aggregate(
        Crm.Rules.Lifecycle.StageFacts.Empty.With("0first", 1m).With("m", true).With("~last", false),
        (facts, f) => f.Value is bool b ? facts.With(f.Key, b) : facts.With(f.Key, (decimal)f.Value));

    public FactValue[] Slots() => StateMachineFastPathTests.Slots(Machine, StageFacts());

    public override string ToString()
        => $"{Machine.Name} at '{StageName}' asked for '{TargetName}' with {string.Join(", ", Machine.Facts.Select((f, i) => $"{f}={Draws[i]}"))}";
}

public static class FastPathArbitraries
{
    public static Arbitrary<FastPathCase> FastPathCase()
    {
        // Numbers near every seed threshold (leadScore 5, counts 2, amountChange -0.3 and 0, days 89/90 and 366).
        var hundredths = Gen.OneOf(Gen.Choose(-100, 600), Gen.Choose(8_800, 9_100), Gen.Choose(36_500, 36_700), Gen.Elements(-31, -30, -29, 0, 199, 200, 499, 500));
        var draw = from kind in Gen.Choose(0, 2) from h in hundredths from flag in Gen.Elements(true, false) select new FactDraw(kind, h, flag);
        var cases =
            from m in Gen.Choose(0, Lifecycle.FastPathCase.MachineNames.Length - 1)
            from stage in Gen.Choose(0, 7)
            from target in Gen.Choose(0, 7)
            from draws in draw.ArrayOf(Lifecycle.FastPathCase.MostFacts)
            select new FastPathCase(m, stage, target, draws);
        return Arb.From(cases, c =>
            Shrink.Towards(c.Stage, 0).Select(s => c with { Stage = s })
                .Concat(Shrink.Towards(c.Target, 0).Select(t => c with { Target = t }))
                .Concat(Shrink.Each(c.Draws, d => Shrink.Towards(d.Kind, 0).Select(k => d with { Kind = k })
                    .Concat(Shrink.Towards(d.Hundredths, 0).Select(h => d with { Hundredths = h }))
                    .Concat(Shrink.Bool(d.Flag).Select(f => d with { Flag = f })))
                    .Select(d => c with { Draws = d })));
    }
}

/// <summary>
/// The machines' rules read straight from their options, the obvious way: every transition with "*" spelled out, guards
/// looked up by name, a set of the stages entered. Slow and allocating, which is what makes it easy to believe.
/// </summary>
internal static class ReferenceMachine
{
    public static string Row(TransitionCheck check) => $"{check.From}→{check.To}:{string.Join(",", check.Guards.Select(g => g.State))}";

    public static (string Proposed, List<string> Path, List<string> Checks) Propose(StateMachineOptions machine, string stage, Dictionary<string, object> facts)
    {
        var (path, checks, entered) = (new List<string>(), new List<string>(), new HashSet<string> { stage });
        var current = stage;
        while (true)
        {
            string? next = null;
            foreach (var (from, to, kind, guards) in Transitions(machine).Where(t => t.From == current && t.Kind != "exit"))
            {
                var states = guards.Select(g => State(g, facts)).ToArray();
                checks.Add($"{from}→{to}:{string.Join(",", states)}");
                if (next is null && states.All(s => s == GuardState.Passed) && !entered.Contains(to))
                {
                    next = to;
                }
            }

            if (next is null)
            {
                return (current, path, checks);
            }

            path.Add($"{current}→{next}");
            current = next;
            entered.Add(next);
        }
    }

    public static (TransitionOutcome Outcome, List<string> Moves, List<GuardState> Failed) Decide(StateMachineOptions machine, string stage, string to, Dictionary<string, object> facts)
    {
        var moves = Transitions(machine).Where(t => t.From == stage).Select(t => (t.To, States: t.Guards.Select(g => State(g, facts)).ToList())).ToList();
        var rows = moves.Select(m => $"{stage}→{m.To}:{string.Join(",", m.States)}").ToList();
        if (moves.Count == 0)
        {
            return (TransitionOutcome.FinalStage, rows, []);
        }

        var requested = moves.FindIndex(m => m.To == to);
        if (requested < 0)
        {
            return (TransitionOutcome.NoTransition, rows, []);
        }

        var failed = moves[requested].States.Where(s => s != GuardState.Passed).ToList();
        return (failed.Count == 0 ? TransitionOutcome.Allowed : TransitionOutcome.GuardsFailed, rows, failed);
    }

    private static IEnumerable<(string From, string To, string Kind, List<GuardOptions> Guards)> Transitions(StateMachineOptions machine)
        => machine.Transitions.SelectMany(t => (t.From == "*" ? machine.Stages.Where(s => s != t.To) : [t.From]).Select(from => (from, t.To, t.Kind, t.Guards)));

    private static GuardState State(GuardOptions guard, Dictionary<string, object> facts)
    {
        if (guard.AnyOf is { Count: > 0 } alternatives)
        {
            var states = alternatives.Select(a => State(a, facts)).ToList();
            return states.Contains(GuardState.Passed) ? GuardState.Passed
                : states.All(s => s == GuardState.FactMissing) ? GuardState.FactMissing
                : GuardState.Failed;
        }

        if (!facts.TryGetValue(guard.Fact!, out var value))
        {
            return GuardState.FactMissing;
        }

        if (guard.Is is { } expected)
        {
            return value is bool flag ? (flag == expected ? GuardState.Passed : GuardState.Failed) : GuardState.WrongKind;
        }

        return value is not decimal number ? GuardState.WrongKind
            : (guard.AtLeast is not { } low || number >= low) && (guard.AtMost is not { } high || number <= high) ? GuardState.Passed
            : GuardState.Failed;
    }
}
