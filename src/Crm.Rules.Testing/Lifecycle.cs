using System.Globalization;
using Crm.Rules.Lifecycle;

namespace Crm.Rules.Testing;

/// <summary>What the lifecycle checks need of a state machine, so that the package's own tests can hand them a broken one.</summary>
internal interface IStageMachine
{
    string Name { get; }

    IReadOnlyList<string> Stages { get; }

    /// <summary>The stage proposed from <paramref name="stage"/> on <paramref name="facts"/>.</summary>
    string Propose(string stage, StageFacts facts);

    /// <summary>Where every move out of <paramref name="stage"/> leads, allowed on <paramref name="facts"/> or not.</summary>
    IEnumerable<string> Moves(string stage, StageFacts facts);
}

internal sealed class CompiledMachine(StateMachine machine) : IStageMachine
{
    public string Name => machine.Name;

    public IReadOnlyList<string> Stages => machine.Stages;

    public string Propose(string stage, StageFacts facts) => machine.Propose(stage, facts).Proposed;

    // A request for a stage no transition leads to still lists every move out of the stage.
    public IEnumerable<string> Moves(string stage, StageFacts facts) => machine.Decide(stage, "\0", facts).Moves.Select(m => m.To);
}

/// <summary>
/// A machine, a stage of it (index modulo the stage count) and facts: the i-th declared flag takes <see cref="Flags"/>[i],
/// the i-th declared number <see cref="Numbers"/>[i] hundredths.
/// </summary>
internal sealed record LifecycleCase(
    IReadOnlyList<IStageMachine> Machines, Func<IStageMachine, IReadOnlyDictionary<string, string>> Declared, int Machine, int Stage, bool[] Flags, int[] Numbers)
{
    public IStageMachine StageMachine => Machines[Machine];

    public string StageName => StageMachine.Stages[Stage % StageMachine.Stages.Count];

    public StageFacts Facts()
    {
        var facts = StageFacts.Empty;
        int flag = 0, number = 0;
        foreach (var (name, kind) in Declared(StageMachine).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            facts = kind == "number"
                ? facts.With(name, Numbers[number++ % Numbers.Length] / 100m)
                : facts.With(name, Flags[flag++ % Flags.Length]);
        }

        return facts;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"machine '{StageMachine.Name}' at '{StageName}' with facts {Facts()}");
}
