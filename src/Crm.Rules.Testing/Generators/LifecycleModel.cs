using System.Globalization;
using System.Runtime.CompilerServices;
using Crm.Rules.Lifecycle;
using FsCheck;
using FsCheck.Fluent;

namespace Crm.Rules.Testing;

/// <summary>
/// A transition's draws: from and to (stage indexes modulo the stage count), whether it is an exit, and its guards
/// (see <see cref="MachineSpec"/> for how a guard draw reads).
/// </summary>
/// <param name="From">The stage it leaves; -1 for every stage (<c>*</c>).</param>
/// <param name="To">The stage it enters.</param>
/// <param name="Exit">Whether it is an exit (never proposed); otherwise a skip forwards or a move back.</param>
/// <param name="Guards">Its guard draws.</param>
/// <threadsafety>This type is immutable and thread-safe as long as nobody changes <see cref="Guards"/>.</threadsafety>
public sealed record TransitionSpec(int From, int To, bool Exit, int[] Guards)
{
    internal static Gen<TransitionSpec> Generator =>
        from origin in Gen.Choose(-1, 5)
        from to in Gen.Choose(0, 5)
        from exit in Gen.Elements(false, false, true)
        from count in Gen.Choose(0, 2)
        from guards in Gen.Choose(0, 9999).ArrayOf(count)
        select new TransitionSpec(origin, to, exit, guards);

    /// <summary>The transition's draws, readably.</summary>
    /// <returns>One line.</returns>
    public override string ToString() => $"transition(#{(From < 0 ? "*" : From.ToString(CultureInfo.InvariantCulture))} → #{To}{(Exit ? ", exit" : "")}, guards [{string.Join(", ", Guards)}])";

    internal IEnumerable<TransitionSpec> Smaller() =>
        Shrink.Array(Guards, g => Shrink.Towards(g, 0)).Select(g => this with { Guards = g })
            .Concat(Shrink.Bool(Exit).Select(e => this with { Exit = e }))
            .Concat(Shrink.Towards(From, 0).Select(f => this with { From = f }))
            .Concat(Shrink.Towards(To, 0).Select(t => this with { To = t }));
}

/// <summary>
/// The draws behind one random valid state machine: stages <c>s0</c> … in order, number facts <c>n0</c> … and boolean
/// facts <c>f0</c> …, a chain of <c>next</c> transitions through every stage (so every stage is reachable), and extra
/// skips, moves back and exits. A guard draw <c>g</c> reads fact <c>g mod facts</c> (numbers first); a number is tested
/// <c>atLeast</c> (when <c>g / 1000</c> is even) or <c>atMost</c> a threshold <c>(g / 10) mod 200 − 100</c>, a boolean
/// <c>is</c> <c>(g / 10)</c> odd; a transition whose first guard draw is a multiple of 7 takes its guards as alternatives
/// (<c>anyOf</c>). A machine without facts has no guards.
/// </summary>
/// <param name="Stages">How many stages (2 to 6).</param>
/// <param name="Numbers">How many number facts (0 to 2).</param>
/// <param name="Flags">How many boolean facts (0 to 2).</param>
/// <param name="Chain">The guard draws of the chain's transitions: the i-th of <c>s{i}</c> → <c>s{i+1}</c> (five, the first <paramref name="Stages"/> − 1 used).</param>
/// <param name="Extra">The extra transitions; self-transitions, moves to the next stage and repeats are left out.</param>
/// <threadsafety>This type is immutable and thread-safe as long as nobody changes its arrays.</threadsafety>
public sealed record MachineSpec(int Stages, int Numbers, int Flags, int[][] Chain, TransitionSpec[] Extra)
{
    internal static Gen<MachineSpec> Generator =>
        from stages in Gen.Choose(2, 6)
        from numbers in Gen.Choose(0, 2)
        from flags in Gen.Choose(0, 2)
        from chain in Gen.Choose(0, 2).SelectMany(n => Gen.Choose(0, 9999).ArrayOf(n)).ArrayOf(5)
        from extraCount in Gen.Choose(0, 4)
        from extra in TransitionSpec.Generator.ArrayOf(extraCount)
        select new MachineSpec(stages, numbers, flags, chain, extra);

    internal IEnumerable<MachineSpec> Smaller() =>
        Shrink.Array(Extra, t => t.Smaller()).Select(e => this with { Extra = e })
            .Concat(Shrink.Each(Chain, g => Shrink.Array(g, x => Shrink.Towards(x, 0))).Select(c => this with { Chain = c }))
            .Concat(Shrink.Towards(Stages, 2).Select(s => this with { Stages = s }))
            .Concat(Shrink.Towards(Numbers, 0).Select(n => this with { Numbers = n }))
            .Concat(Shrink.Towards(Flags, 0).Select(f => this with { Flags = f }));

    /// <summary>The machine's options.</summary>
    /// <returns>New options that validate.</returns>
    public StateMachineOptions Options()
    {
        var stages = Enumerable.Range(0, Stages).Select(s => $"s{s}").ToList();
        var facts = Enumerable.Range(0, Numbers).Select(n => ($"n{n}", "number")).Concat(Enumerable.Range(0, Flags).Select(f => ($"f{f}", "boolean"))).ToArray();
        var transitions = new List<TransitionOptions>();
        for (var s = 0; s + 1 < Stages; s++)
        {
            transitions.Add(new TransitionOptions { From = stages[s], To = stages[s + 1], Kind = "next", Guards = Guards(Chain[s % Chain.Length], facts) });
        }

        var seen = transitions.Select(t => (t.From, t.To)).ToHashSet();
        foreach (var t in Extra)
        {
            var to = t.To % Stages;
            var from = t.From < 0 ? -1 : t.From % Stages;
            if (from == to || (!t.Exit && from >= 0 && to == from + 1) || !seen.Add((from < 0 ? "*" : stages[from], stages[to])))
            {
                continue;
            }

            transitions.Add(new TransitionOptions
            {
                From = from < 0 ? "*" : stages[from],
                To = stages[to],
                Kind = t.Exit ? "exit" : from >= 0 && to < from ? "back" : "skip",
                Guards = Guards(t.Guards, facts),
            });
        }

        return new StateMachineOptions { Stages = stages, Facts = facts.ToDictionary(f => f.Item1, f => f.Item2), Transitions = transitions };
    }

    /// <summary>The machine, readably.</summary>
    /// <returns>One line.</returns>
    public override string ToString()
    {
        var options = Options();
        return $"machine(stages {string.Join(" > ", options.Stages)}, facts [{string.Join(", ", options.Facts.Select(f => $"{f.Key} {f.Value}"))}], " +
            $"transitions [{string.Join("; ", options.Transitions.Select(t => $"{t.From} → {t.To} ({t.Kind}){(t.Guards.Count == 0 ? "" : " if " + string.Join(" and ", t.Guards.Select(Describe)))}"))}])";
    }

    private static List<GuardOptions> Guards(int[] draws, (string Name, string Kind)[] facts)
    {
        if (facts.Length == 0 || draws.Length == 0)
        {
            return [];
        }

        var guards = draws.Select(g => Guard(g, facts)).ToList();
        return guards.Count > 1 && draws[0] % 7 == 0 ? [new GuardOptions { AnyOf = guards }] : guards;
    }

    private static GuardOptions Guard(int g, (string Name, string Kind)[] facts)
    {
        var (name, kind) = facts[g % facts.Length];
        var threshold = ((g / 10) % 200) - 100;
        return kind == "number"
            ? (g / 1000) % 2 == 0 ? new GuardOptions { Fact = name, AtLeast = threshold } : new GuardOptions { Fact = name, AtMost = threshold }
            : new GuardOptions { Fact = name, Is = (g / 10) % 2 == 1 };
    }

    private static string Describe(GuardOptions g) =>
        g.AnyOf is { } any ? $"any of ({string.Join(", ", any.Select(Describe))})"
        : g.Is is { } flag ? $"{g.Fact} is {(flag ? "true" : "false")}"
        : g.AtLeast is { } least ? $"{g.Fact} ≥ {least.ToString(CultureInfo.InvariantCulture)}" : $"{g.Fact} ≤ {g.AtMost?.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>The draws behind random valid lifecycle configurations: the seed standard's machines plus random ones named <c>m0</c>, <c>m1</c> ….</summary>
/// <param name="Machines">The random machines (none: the seed standard).</param>
/// <threadsafety>This type is immutable and thread-safe as long as nobody changes <see cref="Machines"/>; <see cref="Options"/> builds new options every call.</threadsafety>
public sealed record LifecycleModel(MachineSpec[] Machines)
{
    /// <summary>Random models of one to three machines.</summary>
    /// <value>A generator without shrinking; <see cref="CrmGen.LifecycleModels"/> adds <see cref="Smaller"/>.</value>
    public static Gen<LifecycleModel> Generator =>
        from count in Gen.Choose(1, 3)
        from machines in MachineSpec.Generator.ArrayOf(count)
        select new LifecycleModel(machines);

    /// <summary>Fewer, smaller machines (down to none, the seed standard).</summary>
    /// <returns>Valid models, simplest first.</returns>
    public IEnumerable<LifecycleModel> Smaller() => Shrink.Array(Machines, m => m.Smaller()).Select(m => new LifecycleModel(m));

    /// <summary>Builds fresh options: the seed standard with these machines besides its own.</summary>
    /// <returns>New options that <see cref="CrmRuleSet.Compile"/> accepts.</returns>
    public CrmRulesOptions Options()
    {
        var options = new CrmRulesOptions();
        for (var k = 0; k < Machines.Length; k++)
        {
            options.Lifecycle.Machines[$"m{k}"] = Machines[k].Options();
        }

        return options;
    }

    /// <summary>What a failure report needs to rebuild the configuration by hand.</summary>
    /// <returns>One line per machine.</returns>
    public override string ToString() => Machines.Length == 0 ? "lifecycle(the seed's machines)" : string.Join(Environment.NewLine, Machines.Select((m, k) => $"m{k}: {m}"));
}

/// <summary>
/// A record on a lifecycle machine of a rule set: the machine (an index modulo the machines, in name order), the stage (an
/// index modulo its stages) and facts: the i-th declared boolean fact (in name order) takes <see cref="Flags"/>[i], the
/// i-th number fact <see cref="Numbers"/>[i] hundredths; a fact whose draw is past the arrays is left out.
/// </summary>
/// <param name="Machine">The machine's index.</param>
/// <param name="Stage">The stage's index.</param>
/// <param name="Flags">The boolean facts.</param>
/// <param name="Numbers">The number facts, in hundredths.</param>
/// <threadsafety>This type is immutable and thread-safe as long as nobody changes its arrays.</threadsafety>
public sealed record StageCase(int Machine, int Stage, bool[] Flags, int[] Numbers)
{
    private static readonly ConditionalWeakTable<CrmRuleSet, IReadOnlyDictionary<string, Dictionary<string, string>>> Declared = new();

    /// <summary>Random records.</summary>
    /// <value>A generator without shrinking; <see cref="CrmGen.StageCases"/> adds <see cref="Smaller"/>.</value>
    public static Gen<StageCase> Generator =>
        from machine in Gen.Choose(0, 15)
        from stage in Gen.Choose(0, 15)
        from flagCount in Gen.Choose(0, 10)
        from flags in Gen.Elements(true, false).ArrayOf(flagCount)
        from numberCount in Gen.Choose(0, 10)
        from numbers in Gen.Choose(-20_000, 20_000).ArrayOf(numberCount)
        select new StageCase(machine, stage, flags, numbers);

    /// <summary>The first machine and stage, fewer facts, false and 0.</summary>
    /// <returns>Simpler records, simplest first.</returns>
    public IEnumerable<StageCase> Smaller() =>
        Shrink.Towards(Machine, 0).Select(m => this with { Machine = m })
            .Concat(Shrink.Towards(Stage, 0).Select(s => this with { Stage = s }))
            .Concat(Shrink.Array(Flags, Shrink.Bool).Select(f => this with { Flags = f }))
            .Concat(Shrink.Array(Numbers, n => Shrink.Towards(n, 0)).Select(n => this with { Numbers = n }));

    /// <summary>The record in the terms of <paramref name="rules"/>.</summary>
    /// <param name="rules">The rule set; it must have a machine.</param>
    /// <returns>The machine, the stage and the facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The rule set has no machine.</exception>
    public (StateMachine Machine, string Stage, StageFacts Facts) For(CrmRuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var machines = rules.Lifecycle.Machines.Values.OrderBy(m => m.Name, StringComparer.Ordinal).ToArray();
        if (machines.Length == 0)
        {
            throw new InvalidOperationException("the rule set has no lifecycle machine");
        }

        var machine = machines[Machine % machines.Length];
        return (machine, machine.Stages[Stage % machine.Stages.Count], FactsOf(rules, machine));
    }

    /// <summary>The facts for a machine of <paramref name="rules"/> (the machine drawn is ignored).</summary>
    /// <param name="rules">The rule set.</param>
    /// <param name="machine">One of its machines.</param>
    /// <returns>New facts over the machine's declared facts.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="machine"/> is not a machine of <paramref name="rules"/>.</exception>
    public StageFacts FactsOf(CrmRuleSet rules, StateMachine machine)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(machine);
        var declared = Declared.GetValue(rules, r => RuleChecks.OptionsOf(r).Lifecycle.Machines.ToDictionary(m => m.Key, m => m.Value.Facts, StringComparer.Ordinal));
        if (!declared.TryGetValue(machine.Name, out var kinds))
        {
            throw new ArgumentException($"'{machine.Name}' is not a machine of the rule set", nameof(machine));
        }

        var facts = StageFacts.Empty;
        int flag = 0, number = 0;
        foreach (var (name, kind) in kinds.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (kind == "number")
            {
                facts = number < Numbers.Length ? facts.With(name, Numbers[number] / 100m) : facts;
                number++;
            }
            else
            {
                facts = flag < Flags.Length ? facts.With(name, Flags[flag]) : facts;
                flag++;
            }
        }

        return facts;
    }

    /// <summary>The record's draws, readably.</summary>
    /// <returns>One line.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"record(machine #{Machine}, stage #{Stage}, flags [{string.Join(", ", Flags)}], numbers [{string.Join(", ", Numbers.Select(n => n / 100m))}])");
}
