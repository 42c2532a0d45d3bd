using System.Collections.Frozen;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
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
    public override string ToString() => LifecycleText.Finish(AppendTo(LifecycleText.Start()));

    // The text written where it is wanted: a transition's text lists its blocking guards without a string for each.
    internal StringBuilder AppendTo(StringBuilder text) => State is GuardState.Passed or GuardState.Failed or GuardState.WrongKind
        ? Closing(Opening(text, Guard, State).Append(Actual), State, Actual is "true" or "false")
        : Opening(text, Guard, State);

    // The verdict of a guard whose fact is missing: its words name no value, so none is worked out for it.
    internal static StringBuilder AppendMissing(StringBuilder text, string guard) => Opening(text, guard, GuardState.FactMissing);

    // The same verdict on a number fact, its value written in place (FixedPoint.Format's digits) rather than kept as text.
    internal static StringBuilder AppendTo(StringBuilder text, string guard, GuardState state, decimal number)
        => Closing(FixedPoint.AppendTo(Opening(text, guard, state), number), state, actualIsBoolean: false);

    // A failed guard's words before and after its value, apart: the machine keeps the words before made once per guard.
    internal static StringBuilder AppendFailedOpening(StringBuilder text, string guard) => Opening(text, guard, GuardState.Failed);

    internal static StringBuilder AppendFailedClosing(StringBuilder text) => Closing(text, GuardState.Failed, actualIsBoolean: false);

    // The words before and after the fact's value: written once here for both.
    private static StringBuilder Opening(StringBuilder text, string guard, GuardState state) => state switch
    {
        GuardState.Passed => text.Append(guard).Append(": passed (is "),
        GuardState.Failed => text.Append(guard).Append(": failed (is "),
        GuardState.WrongKind => text.Append(guard).Append(": fact of the wrong kind (is "),
        _ => text.Append(guard).Append(": fact missing"),
    };

    private static StringBuilder Closing(StringBuilder text, GuardState state, bool actualIsBoolean) => state switch
    {
        GuardState.Passed or GuardState.Failed => text.Append(')'),
        GuardState.WrongKind => text.Append(", ").Append(actualIsBoolean ? "a number is needed" : "true or false is needed").Append(')'),
        _ => text,
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
    public bool Passes
    {
        get
        {
            // Loops, not LINQ: the CLI asks every record's checks, and a delegate per call showed in its profile.
            for (var i = 0; i < Guards.Count; i++)
            {
                if (!Guards[i].Passed)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>The guards that did not pass (failed or missing their fact).</summary>
    public IReadOnlyList<GuardResult> Blocking
    {
        get
        {
            var blocking = new List<GuardResult>(Guards.Count);
            for (var i = 0; i < Guards.Count; i++)
            {
                if (!Guards[i].Passed)
                {
                    blocking.Add(Guards[i]);
                }
            }

            return blocking.ToArray();
        }
    }

    /// <summary>The move and its verdict, e.g. <c>prospect → intent: blocked by authorityClear: fact missing</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        // One builder for the move and its blocking guards: the CLI writes this for every blocked move of every record.
        var text = AppendMove(LifecycleText.Start(), From, To, Kind);
        if (Passes)
        {
            return LifecycleText.Finish(text.Append(": open"));
        }

        text.Append(BlockedBy);
        var first = true;
        for (var i = 0; i < Guards.Count; i++)
        {
            if (Guards[i].Passed)
            {
                continue;
            }

            if (!first)
            {
                text.Append(Separator);
            }

            Guards[i].AppendTo(text);
            first = false;
        }

        return LifecycleText.Finish(text);
    }

    internal const string BlockedBy = ": blocked by ";

    internal const string Separator = "; ";

    // "decline → maturity [back]": the head of a move's text, here and where the machine tells a blocked move at once.
    internal static StringBuilder AppendMove(StringBuilder text, string from, string to, TransitionKind kind)
    {
        text.Append(from).Append(" → ").Append(to);
        return kind == TransitionKind.Next ? text : text.Append(" [").Append(LifecycleWords.Of(kind)).Append(']');
    }
}

// One builder per thread for the texts of guards and moves: the CLI writes them for every record, and a builder and its
// growing buffers per text were a tenth of what a million-row assess allocated. (The BCL keeps StringBuilderCache so.)
internal static class LifecycleText
{
    [ThreadStatic]
    private static StringBuilder? _cached;

    public static StringBuilder Start()
    {
        var text = _cached ?? new StringBuilder(128);
        _cached = null;
        return text.Clear();
    }

    public static string Finish(StringBuilder text)
    {
        var done = text.ToString();
        if (text.Capacity <= 1024)
        {
            _cached = text;
        }

        return done;
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
    public IReadOnlyList<TransitionCheck> Blocked
    {
        get
        {
            // Counted, then copied: one array, no list grown on the way.
            var count = 0;
            for (var i = 0; i < Checks.Count; i++)
            {
                count += IsBlocked(Checks[i]) ? 1 : 0;
            }

            if (count == 0)
            {
                return [];
            }

            var blocked = new TransitionCheck[count];
            count = 0;
            for (var i = 0; i < Checks.Count; i++)
            {
                if (IsBlocked(Checks[i]))
                {
                    blocked[count++] = Checks[i];
                }
            }

            return blocked;
        }
    }

    private bool IsBlocked(TransitionCheck check) => check.From == Proposed && !check.Passes;

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
    public IReadOnlyList<string> Permitted
    {
        get
        {
            // A handful of moves: a list searched in order keeps the first-seen order Distinct gave, without a set.
            List<string>? permitted = null;
            for (var i = 0; i < Moves.Count; i++)
            {
                if (Moves[i].Passes && !(permitted?.Contains(Moves[i].To) ?? false))
                {
                    (permitted ??= []).Add(Moves[i].To);
                }
            }

            return permitted is null ? [] : permitted.ToArray();
        }
    }

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
    // Sorted by name (ordinal), one value per name. A record states a handful of facts, so a copy per With costs less
    // than a tree, and laying the facts out for a machine (StateMachine.LayOut) walks two short arrays.
    private readonly string[] _names;
    private readonly FactValue[] _values;

    /// <summary>Creates facts that state nothing.</summary>
    public StageFacts()
        : this([], [])
    {
    }

    private StageFacts(string[] names, FactValue[] values)
    {
        _names = names;
        _values = values;
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
        return With(name, FactValue.FromNumber(value));
    }

    /// <summary>Returns these facts with a boolean fact set (replacing a number of the same name).</summary>
    /// <param name="name">The fact.</param>
    /// <param name="value">Its value.</param>
    /// <returns>A new value; this one is unchanged.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public StageFacts With(string name, bool value)
    {
        ArgumentNullException.ThrowIfNull(name);
        return With(name, FactValue.FromBoolean(value));
    }

    /// <summary>
    /// Facts from name–value pairs in one go: what a chain of <see cref="With(string, decimal)"/> calls gives (a later
    /// pair of a name replaces an earlier one), without a copy per fact — for a record that states many facts.
    /// </summary>
    /// <param name="facts">The pairs; each value a number or true/false.</param>
    /// <returns>The facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="facts"/> or a name in it is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A value is <see cref="FactValue.Missing"/>: a fact not stated is left out, not stated as missing.</exception>
    public static StageFacts From(IEnumerable<KeyValuePair<string, FactValue>> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);

        // A record's handful of facts (a reader's buffer, per record) are laid out on the stack: no pooled array to rent
        // and return, no enumerator, no comparison delegate (a sixth of a million-row assess's lifecycle work in a Native
        // AOT build). Many facts go through an array of their own, another kind of collection through a pooled one.
        if (facts is List<KeyValuePair<string, FactValue>> list)
        {
            return From(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list));
        }

        if (facts is KeyValuePair<string, FactValue>[] array)
        {
            return From(array.AsSpan());
        }

        var pool = System.Buffers.ArrayPool<(string Name, int Order, FactValue Value)>.Shared;
        var buffer = pool.Rent(facts.TryGetNonEnumeratedCount(out var known) ? Math.Max(known, 1) : 16);
        var count = 0;
        try
        {
            foreach (var fact in facts)
            {
                if (count == buffer.Length)
                {
                    var larger = pool.Rent(count * 2);
                    buffer.AsSpan(0, count).CopyTo(larger);
                    pool.Return(buffer, clearArray: true);
                    buffer = larger;
                }

                buffer[count] = Pair(fact, count);
                count++;
            }

            return count == 0 ? Empty : FromPairs(buffer.AsSpan(0, count));
        }
        finally
        {
            pool.Return(buffer, clearArray: true);
        }
    }

    private static StageFacts From(ReadOnlySpan<KeyValuePair<string, FactValue>> facts)
    {
        if (facts.IsEmpty)
        {
            return Empty;
        }

        var few = default(FewPairs);
        Span<(string Name, int Order, FactValue Value)> laidOut = facts.Length <= FewFacts ? few : new (string, int, FactValue)[facts.Length];
        for (var i = 0; i < facts.Length; i++)
        {
            laidOut[i] = Pair(facts[i], i);
        }

        return FromPairs(laidOut[..facts.Length]);
    }

    // The exceptions name From's parameter, the pairs this one came from.
#pragma warning disable CA2208
    private static (string Name, int Order, FactValue Value) Pair(KeyValuePair<string, FactValue> fact, int order)
    {
        var (name, value) = fact;
        ArgumentNullException.ThrowIfNull(name, "facts");
        if (value.Kind == FactKind.Missing)
        {
            throw new ArgumentException($"The fact '{name}' is given as missing; leave a fact that is not stated out.", "facts");
        }

        return (name, order, value);
    }
#pragma warning restore CA2208

    private const int FewFacts = 8;

    [InlineArray(FewFacts)]
    private struct FewPairs
    {
        private (string Name, int Order, FactValue Value) _first;
    }

    private static StageFacts FromPairs(Span<(string Name, int Order, FactValue Value)> pairs)
    {
        // Sorted by name, then by position, so the last pair of a name is the last of its run. A few pairs by insertion
        // (stable, so position needs no comparing), more by the span's sort: O(n log n).
        if (pairs.Length <= FewFacts)
        {
            for (var i = 1; i < pairs.Length; i++)
            {
                var pair = pairs[i];
                var at = i;
                for (; at > 0 && string.CompareOrdinal(pairs[at - 1].Name, pair.Name) > 0; at--)
                {
                    pairs[at] = pairs[at - 1];
                }

                pairs[at] = pair;
            }
        }
        else
        {
            pairs.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name) is var byName and not 0 ? byName : a.Order.CompareTo(b.Order));
        }

        var distinct = 0;
        for (var i = 0; i < pairs.Length; i++)
        {
            distinct += i + 1 < pairs.Length && string.Equals(pairs[i].Name, pairs[i + 1].Name, StringComparison.Ordinal) ? 0 : 1;
        }

        var names = new string[distinct];
        var values = new FactValue[distinct];
        for (int i = 0, at = 0; i < pairs.Length; i++)
        {
            if (i + 1 < pairs.Length && string.Equals(pairs[i].Name, pairs[i + 1].Name, StringComparison.Ordinal))
            {
                continue;
            }

            names[at] = pairs[i].Name;
            values[at++] = pairs[i].Value;
        }

        return new StageFacts(names, values);
    }

    /// <summary>The names of the facts stated, sorted ordinally.</summary>
    public IEnumerable<string> Names => Array.AsReadOnly(_names);

    /// <summary>The facts as text, sorted by name: <c>leadScore=6; needClear=true</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Join("; ", _names.Select((n, i) => $"{n}={_values[i]}"));

    internal int Count => _names.Length;

    internal string NameAt(int index) => _names[index];

    internal FactValue ValueAt(int index) => _values[index];

    private StageFacts With(string name, FactValue value)
    {
        var at = Array.BinarySearch(_names, name, StringComparer.Ordinal);
        if (at >= 0)
        {
            var values = (FactValue[])_values.Clone();
            values[at] = value;
            return new StageFacts(_names, values);
        }

        at = ~at;
        var names = new string[_names.Length + 1];
        var all = new FactValue[_values.Length + 1];
        Array.Copy(_names, names, at);
        Array.Copy(_values, all, at);
        names[at] = name;
        all[at] = value;
        Array.Copy(_names, at, names, at + 1, _names.Length - at);
        Array.Copy(_values, at, all, at + 1, _values.Length - at);
        return new StageFacts(names, all);
    }
}

/// <summary>A compiled state machine with guarded transitions (LIFE-1 … LIFE-3).</summary>
/// <remarks>
/// Two ways to ask it. <see cref="Propose(string, StageFacts)"/> and <see cref="Decide(string, string, StageFacts)"/> take
/// names and answer with every guard explained. <see cref="Propose(MachineStage, ReadOnlySpan{FactValue})"/> and
/// <see cref="Decide(MachineStage, MachineStage, ReadOnlySpan{FactValue})"/> take a stage resolved once
/// (<see cref="Stage(string)"/>) and the facts laid out in the machine's slots (<see cref="Facts"/>, <see cref="LayOut"/>),
/// allocate nothing and answer with a small verdict; <see cref="Explain(in StageVerdict, ReadOnlySpan{FactValue})"/> turns
/// a verdict into the explained answer when one is wanted. The explaining methods are that verdict, explained: both ways
/// run the same guards and the same walk, so they cannot disagree.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class StateMachine
{
    // Facts laid out on the stack up to this many slots; a machine with more gets an array per explained call.
    private const int StackSlots = 64;

    private readonly string[] _stages;
    private readonly FrozenDictionary<string, int> _stageIndex;
    private readonly string[] _facts;
    private readonly FrozenDictionary<string, int> _factSlots;

    // The fact names sorted ordinally, as StageFacts keeps them, with each one's slot.
    private readonly string[] _factsByName;
    private readonly int[] _slotsByName;

    // The compiled machine is flat: structs in arrays, read by index, so a walk makes no virtual call and follows no
    // pointer per guard. Every move ('*' spelled out) grouped by the stage it leaves, in configuration order within a
    // stage, which is the order proposals try them in and explanations list them in: stage i's moves are
    // _moves[_movesOf[i] .. _movesOf[i + 1]). The moves a proposal may take (no exits) are copied the same way.
    private readonly Move[] _moves;
    private readonly int[] _movesOf;
    private readonly Move[] _proposable;
    private readonly int[] _proposableOf;

    // Every guard; a move's own guards are contiguous, and so are an anyOf's alternatives. Texts by the same index.
    private readonly Guard[] _guards;
    private readonly string[] _guardTexts;

    // A guard's words when its fact is missing, and before the value when it fails: the same for every record, made once.
    private readonly string[] _guardMissing;
    private readonly string[] _guardFailed;

    // Each fact-reading guard's verdict on a missing fact, true and false (ReadingOf), made once: an explanation shares
    // them instead of allocating a GuardResult per guard. Numbers are read anew.
    private readonly GuardResult[] _readings;

    // The moves in configuration order, for the diagram.
    private readonly int[] _configured;

    // The permitted stages by stage and set of open moves (Permitted): a few lists per machine, shared by every call.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ulong, IReadOnlyList<string>> _permitted = new();
    private const int MaximumPermittedLists = 4096;

    internal StateMachine(string name, StateMachineOptions options, string fingerprint)
    {
        Name = name;
        Fingerprint = fingerprint;
        _stages = options.Stages.ToArray();
        _stageIndex = _stages.Select((s, i) => KeyValuePair.Create(s, i)).ToFrozenDictionary(StringComparer.Ordinal);

        // Slots in declaration order. A guard's fact that is not declared (validation refuses one) gets a slot too, so
        // a guard never reads outside the facts.
        var facts = (options.Facts ?? []).Keys.ToList();
        facts.AddRange(options.Transitions.SelectMany(t => t.Guards).SelectMany(FactsOf).Where(f => !facts.Contains(f)).Distinct());
        _facts = facts.ToArray();
        _factSlots = _facts.Select((f, i) => KeyValuePair.Create(f, i)).ToFrozenDictionary(StringComparer.Ordinal);
        _factsByName = _facts.Order(StringComparer.Ordinal).ToArray();
        _slotsByName = _factsByName.Select(f => _factSlots[f]).ToArray();

        var guards = new List<Guard>();
        var texts = new List<string>();
        var configured = new List<Move>();
        foreach (var t in options.Transitions)
        {
            var kind = LifecycleWords.ParseKind(t.Kind);
            foreach (var from in t.From == "*" ? _stages.Where(s => s != t.To) : [t.From])
            {
                configured.Add(new Move(from, t.To, _stageIndex[t.To], kind, Place(t.Guards, guards, texts), t.Guards.Count));
            }
        }

        _guards = guards.ToArray();
        _guardTexts = texts.ToArray();
        _guardMissing = [.. _guardTexts.Select(t => GuardResult.AppendMissing(new StringBuilder(), t).ToString())];
        _guardFailed = [.. _guardTexts.Select(t => GuardResult.AppendFailedOpening(new StringBuilder(), t).ToString())];
        _readings = new GuardResult[3 * _guards.Length];
        var one = new FactValue[_facts.Length];
        for (var g = 0; g < _guards.Length; g++)
        {
            if (_guards[g].Op != GuardOp.AnyOf)
            {
                foreach (var value in (ReadOnlySpan<FactValue>)[FactValue.Missing, FactValue.FromBoolean(true), FactValue.FromBoolean(false)])
                {
                    one[_guards[g].Slot] = value;
                    _readings[ReadingOf(g, value)] = new GuardResult(_guardTexts[g], State(g, one), value.ToString());
                }
            }
        }

        // OrderBy is stable: the moves out of one stage keep their configuration order.
        var byStage = Enumerable.Range(0, configured.Count).OrderBy(i => _stageIndex[configured[i].From]).ToArray();
        _moves = byStage.Select(i => configured[i]).ToArray();
        _configured = new int[byStage.Length];
        for (var k = 0; k < byStage.Length; k++)
        {
            _configured[byStage[k]] = k;
        }

        _movesOf = Bounds(_moves);
        _proposable = _moves.Where(m => m.Kind != TransitionKind.Exit).ToArray();
        _proposableOf = Bounds(_proposable);

        int[] Bounds(Move[] moves) => Enumerable.Range(0, _stages.Length + 1).Select(s => moves.Count(m => _stageIndex[m.From] < s)).ToArray();
    }

    /// <summary>The machine's name.</summary>
    public string Name { get; }

    /// <summary>The stages in order; the first is the start.</summary>
    public IReadOnlyList<string> Stages => _stages;

    /// <summary>The facts its guards read, in slot order: the i-th fact goes in slot i of the facts the allocation-free calls read.</summary>
    public IReadOnlyList<string> Facts => _facts;

    /// <summary>The fingerprint of the rule set it belongs to.</summary>
    public string Fingerprint { get; }

    /// <summary>A stage of this machine by name, resolved once for the allocation-free calls.</summary>
    /// <param name="name">The stage's name.</param>
    /// <returns>The stage.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a stage of this machine.</exception>
    public MachineStage Stage(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _stageIndex.TryGetValue(name, out var index)
            ? new MachineStage(this, index)
            : throw new ArgumentException($"'{name}' is not a stage of '{Name}' (stages: {string.Join(", ", _stages)})", nameof(name));
    }

    // A stage's index by name, found once: an assessment checks the profile's stage with it and proposes from it.
    internal bool TryFindStage(string name, out int index) => _stageIndex.TryGetValue(name, out index);

    /// <summary>The slot of a fact in the facts the allocation-free calls read (its index in <see cref="Facts"/>).</summary>
    /// <param name="fact">The fact's name.</param>
    /// <returns>The slot.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fact"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The machine's guards read no such fact.</exception>
    public int FactSlot(string fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        return _factSlots.TryGetValue(fact, out var slot)
            ? slot
            : throw new ArgumentException($"'{fact}' is not a fact of '{Name}' (facts: {string.Join(", ", _facts)})", nameof(fact));
    }

    /// <summary>
    /// Lays a record's facts out in this machine's slots: slot i receives the fact named <see cref="Facts"/>[i], or
    /// <see cref="FactValue.Missing"/> when the record does not state it. Facts the machine does not read are left out.
    /// </summary>
    /// <param name="facts">The facts by name.</param>
    /// <param name="slots">Receives one value per slot; its length is <see cref="Facts"/>' count.</param>
    /// <exception cref="ArgumentNullException"><paramref name="facts"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="slots"/> does not have one value per slot.</exception>
    public void LayOut(StageFacts facts, Span<FactValue> slots)
    {
        ArgumentNullException.ThrowIfNull(facts);
        RequireSlots(slots.Length, nameof(slots));
        slots.Clear();

        // Both lists are sorted ordinally: one merge, no hashing.
        for (int i = 0, j = 0; i < facts.Count && j < _factsByName.Length;)
        {
            var order = string.CompareOrdinal(facts.NameAt(i), _factsByName[j]);
            if (order == 0)
            {
                slots[_slotsByName[j]] = facts.ValueAt(i);
            }

            i += order <= 0 ? 1 : 0;
            j += order >= 0 ? 1 : 0;
        }
    }

    /// <summary>Proposes the stage the facts support: from the current stage, the first transition (in configuration order) whose guards pass — never an <c>exit</c> — followed as far as the facts go.</summary>
    /// <param name="stage">The current stage.</param>
    /// <param name="facts">The facts.</param>
    /// <returns>The proposal with every guard considered.</returns>
    /// <exception cref="ArgumentException">The stage is not a stage of this machine.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="facts"/> is <see langword="null"/>.</exception>
    public StageProposal Propose(string stage, StageFacts facts)
    {
        var start = RequireStage(stage);
        ArgumentNullException.ThrowIfNull(facts);
        Span<FactValue> slots = _facts.Length <= StackSlots ? stackalloc FactValue[_facts.Length] : new FactValue[_facts.Length];
        LayOut(facts, slots);
        return Explained(start, slots, out _);
    }

    /// <summary>
    /// Proposes the stage the facts support, as <see cref="Propose(string, StageFacts)"/> does, without explaining it and
    /// without allocating.
    /// </summary>
    /// <param name="stage">The current stage, resolved by <see cref="Stage(string)"/> on this machine.</param>
    /// <param name="facts">The facts, one per slot (<see cref="Facts"/>; <see cref="LayOut"/> fills them from <see cref="StageFacts"/>).</param>
    /// <returns>The verdict; <see cref="Explain(in StageVerdict, ReadOnlySpan{FactValue})"/> explains it.</returns>
    /// <exception cref="ArgumentException"><paramref name="stage"/> is not a stage of this machine, or <paramref name="facts"/> does not have one value per slot.</exception>
    public StageVerdict Propose(MachineStage stage, ReadOnlySpan<FactValue> facts)
    {
        RequireOwn(stage, nameof(stage));
        RequireSlots(facts.Length, nameof(facts));
        var ignore = default(Unrecorded);
        return Walk(stage.Index, facts, ref ignore);
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
        if (!_stageIndex.TryGetValue(stage, out var from))
        {
            return new TransitionDecision(Name, stage, to, false, $"'{stage}' is not a stage of '{Name}' (stages: {string.Join(", ", _stages)})", [], [], Fingerprint);
        }

        Span<FactValue> slots = _facts.Length <= StackSlots ? stackalloc FactValue[_facts.Length] : new FactValue[_facts.Length];
        LayOut(facts, slots);

        // A requested stage that is not a stage of the machine is a move no transition makes: a rejection, as before.
        return Explain(Decide(from, _stageIndex.TryGetValue(to, out var target) ? target : -1, slots), to, slots);
    }

    /// <summary>
    /// Decides a requested transition, as <see cref="Decide(string, string, StageFacts)"/> does, without explaining it and
    /// without allocating.
    /// </summary>
    /// <param name="stage">The current stage, resolved by <see cref="Stage(string)"/> on this machine.</param>
    /// <param name="to">The requested stage, resolved on this machine.</param>
    /// <param name="facts">The facts, one per slot (<see cref="Facts"/>).</param>
    /// <returns>The verdict; <see cref="Explain(in TransitionVerdict, ReadOnlySpan{FactValue})"/> explains it.</returns>
    /// <exception cref="ArgumentException">A stage is not a stage of this machine, or <paramref name="facts"/> does not have one value per slot.</exception>
    public TransitionVerdict Decide(MachineStage stage, MachineStage to, ReadOnlySpan<FactValue> facts)
    {
        RequireOwn(stage, nameof(stage));
        RequireOwn(to, nameof(to));
        RequireSlots(facts.Length, nameof(facts));
        return Decide(stage.Index, to.Index, facts);
    }

    /// <summary>
    /// Explains a verdict of <see cref="Propose(MachineStage, ReadOnlySpan{FactValue})"/>: the path it took and every guard
    /// considered on the way, as <see cref="Propose(string, StageFacts)"/> answers.
    /// </summary>
    /// <param name="verdict">The verdict, decided by this machine.</param>
    /// <param name="facts">The facts it was decided on.</param>
    /// <returns>The proposal.</returns>
    /// <exception cref="ArgumentException">
    /// The verdict is not one of this machine's, <paramref name="facts"/> does not have one value per slot, or the facts
    /// are not the ones the verdict was decided on (they lead elsewhere).
    /// </exception>
    public StageProposal Explain(in StageVerdict verdict, ReadOnlySpan<FactValue> facts)
    {
        if (!ReferenceEquals(verdict.Machine, this))
        {
            throw new ArgumentException($"The verdict was not decided by this '{Name}' machine ({Fingerprint}).", nameof(verdict));
        }

        RequireSlots(facts.Length, nameof(facts));

        var proposal = Explained(verdict.Stage.Index, facts, out var again);
        if (again != verdict)
        {
            throw new ArgumentException($"These facts lead to {again}, not to the verdict's {verdict}: explain a verdict with the facts it was decided on.", nameof(facts));
        }

        return proposal;
    }

    /// <summary>
    /// Explains a verdict of <see cref="Decide(MachineStage, MachineStage, ReadOnlySpan{FactValue})"/>: the failed guards of
    /// the requested move and every move out of the stage, as <see cref="Decide(string, string, StageFacts)"/> answers.
    /// </summary>
    /// <param name="verdict">The verdict, decided by this machine.</param>
    /// <param name="facts">The facts it was decided on.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentException">
    /// The verdict is not one of this machine's, <paramref name="facts"/> does not have one value per slot, or the facts
    /// are not the ones the verdict was decided on.
    /// </exception>
    public TransitionDecision Explain(in TransitionVerdict verdict, ReadOnlySpan<FactValue> facts)
    {
        if (!ReferenceEquals(verdict.Machine, this))
        {
            throw new ArgumentException($"The verdict was not decided by this '{Name}' machine ({Fingerprint}).", nameof(verdict));
        }

        RequireSlots(facts.Length, nameof(facts));
        return Explain(verdict, _stages[verdict.ToIndex], facts);
    }

    /// <summary>Whether a stage has no way out (won, lost, churned …).</summary>
    /// <param name="stage">The stage.</param>
    /// <returns><see langword="true"/> when no transition leaves it (or it is not a stage).</returns>
    public bool IsFinal(string stage) => !_stageIndex.TryGetValue(stage, out var index) || _movesOf[index] == _movesOf[index + 1];

    /// <summary>The machine as a Mermaid state diagram.</summary>
    /// <returns>The diagram text (<c>stateDiagram-v2</c>).</returns>
    public string ToMermaid()
    {
        var text = new StringBuilder("stateDiagram-v2\n");
        text.Append(CultureInfo.InvariantCulture, $"    [*] --> {_stages[0]}\n");
        foreach (var t in _configured.Select(i => _moves[i]))
        {
            var label = string.Join(" and ", _guardTexts.Skip(t.FirstGuard).Take(t.GuardCount));
            var note = string.Join(" ", new[] { t.Kind == TransitionKind.Next ? "" : $"[{LifecycleWords.Of(t.Kind)}]", label }.Where(x => x.Length > 0));
            text.Append(CultureInfo.InvariantCulture, $"    {t.From} --> {t.To}{(note.Length == 0 ? "" : $" : {note}")}\n");
        }

        return text.ToString();
    }

    /// <summary>The machine's name and stages.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Name}: {string.Join(" → ", _stages)}";

    /// <summary>
    /// The stages the facts open from a stage now — every move out of it (exits included) whose guards pass, each stage
    /// once, in configuration order — as <see cref="TransitionDecision.Permitted"/> lists them, without explaining a
    /// move. The lists are made once per stage and set of open moves and shared (up to 4,096 of them per machine; past
    /// that, made per call): nothing is allocated per call after the first.
    /// </summary>
    /// <param name="stage">The stage, resolved by <see cref="Stage(string)"/> on this machine.</param>
    /// <param name="facts">The facts, one per slot (<see cref="Facts"/>).</param>
    /// <returns>The stages, possibly none.</returns>
    /// <exception cref="ArgumentException"><paramref name="stage"/> is not a stage of this machine, or <paramref name="facts"/> does not have one value per slot.</exception>
    public IReadOnlyList<string> Permitted(MachineStage stage, ReadOnlySpan<FactValue> facts)
    {
        RequireOwn(stage, nameof(stage));
        RequireSlots(facts.Length, nameof(facts));
        return Permitted(stage.Index, facts);
    }

    // The same, with the proposal an assessment makes: the facts are laid out once for both. The proposal is the
    // verdict, explained only when asked for (Explain); what blocks it is told by BlockedTexts.
    internal (StageVerdict Verdict, IReadOnlyList<string> Permitted) ProposeWithPermitted(int start, StageFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        Span<FactValue> slots = _facts.Length <= StackSlots ? stackalloc FactValue[_facts.Length] : new FactValue[_facts.Length];
        LayOut(facts, slots);
        var ignore = default(Unrecorded);
        return (Walk(start, slots, ref ignore), Permitted(start, slots));
    }

    // The same, with the facts by name (an assessment's lifecycle section).
    internal IReadOnlyList<string> BlockedTexts(in StageVerdict verdict, StageFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        Span<FactValue> slots = _facts.Length <= StackSlots ? stackalloc FactValue[_facts.Length] : new FactValue[_facts.Length];
        LayOut(facts, slots);
        return BlockedMoves(verdict, slots);
    }

    /// <summary>
    /// What <see cref="Explain(in StageVerdict, ReadOnlySpan{FactValue})"/>'s <see cref="StageProposal.Blocked"/> says, as
    /// text — the moves out of the proposed stage the facts do not open yet, each with the guards that block it — made
    /// without explaining the proposal.
    /// </summary>
    /// <param name="verdict">The verdict, decided by this machine.</param>
    /// <param name="facts">The facts it was decided on, one per slot.</param>
    /// <returns>One text per blocked move, in configuration order; empty when none is blocked.</returns>
    /// <exception cref="ArgumentException">The verdict is not one of this machine's, or <paramref name="facts"/> does not have one value per slot.</exception>
    public IReadOnlyList<string> BlockedMoves(in StageVerdict verdict, ReadOnlySpan<FactValue> facts)
    {
        // The explained walk considers every move out of the stage it ends in; the blocked ones are those whose guards
        // do not all pass (the texts are TransitionCheck's, from the same helpers).
        RequireOwn(verdict.Proposed, nameof(verdict));
        RequireSlots(facts.Length, nameof(facts));
        var first = _proposableOf[verdict.Proposed.Index];
        var end = _proposableOf[verdict.Proposed.Index + 1];
        var count = 0;
        for (var i = first; i < end; i++)
        {
            count += Passes(in _proposable[i], facts) ? 0 : 1;
        }

        var texts = count == 0 ? [] : new string[count];
        count = 0;
        for (var i = first; i < end && count < texts.Length; i++)
        {
            ref readonly var move = ref _proposable[i];
            if (!Passes(in move, facts))
            {
                texts[count++] = LifecycleText.Finish(AppendBlocked(in move, facts, LifecycleText.Start()));
            }
        }

        return texts;
    }

    /// <summary>
    /// Appends what <see cref="BlockedMoves(in StageVerdict, ReadOnlySpan{FactValue})"/> says, joined by
    /// <paramref name="separator"/>, without making a string per move: for a host that writes the texts into a buffer of
    /// its own (a CSV cell) rather than keeping them.
    /// </summary>
    /// <param name="text">Where the texts go.</param>
    /// <param name="verdict">The verdict, decided by this machine.</param>
    /// <param name="facts">The facts it was decided on, one per slot.</param>
    /// <param name="separator">Written between two moves' texts.</param>
    /// <returns>How many moves' texts were appended (0 when none is blocked: nothing is appended).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> or <paramref name="separator"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The verdict is not one of this machine's, or <paramref name="facts"/> does not have one value per slot.</exception>
    public int AppendBlockedMoves(StringBuilder text, in StageVerdict verdict, ReadOnlySpan<FactValue> facts, string separator)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(separator);
        RequireOwn(verdict.Proposed, nameof(verdict));
        RequireSlots(facts.Length, nameof(facts));
        var count = 0;
        for (var i = _proposableOf[verdict.Proposed.Index]; i < _proposableOf[verdict.Proposed.Index + 1]; i++)
        {
            ref readonly var move = ref _proposable[i];
            if (!Passes(in move, facts))
            {
                AppendBlocked(in move, facts, count++ == 0 ? text : text.Append(separator));
            }
        }

        return count;
    }

    // The same, with the facts by name (an assessment's lifecycle section).
    internal int AppendBlockedTexts(StringBuilder text, in StageVerdict verdict, StageFacts facts, string separator)
    {
        ArgumentNullException.ThrowIfNull(facts);
        Span<FactValue> slots = _facts.Length <= StackSlots ? stackalloc FactValue[_facts.Length] : new FactValue[_facts.Length];
        LayOut(facts, slots);
        return AppendBlockedMoves(text, verdict, slots, separator);
    }

    // One blocked move: "from → to: blocked by" and the guards that do not pass (the texts are TransitionCheck's).
    private StringBuilder AppendBlocked(in Move move, ReadOnlySpan<FactValue> facts, StringBuilder text)
    {
        text.Append(move.BlockedHead);
        var blocking = 0;
        for (var g = move.FirstGuard; g < move.FirstGuard + move.GuardCount; g++)
        {
            if (State(g, facts) is not GuardState.Passed and var state)
            {
                AppendDescribed(g, state, facts, blocking++ == 0 ? text : text.Append(TransitionCheck.Separator));
            }
        }

        return text;
    }

    // Describe(g, facts).AppendTo(text), without the verdict: a missing fact's words name no value (an any-of guard's
    // would join every alternative's only to print none), and a number fact's value is written in place.
    private void AppendDescribed(int index, GuardState state, ReadOnlySpan<FactValue> facts, StringBuilder text)
    {
        ref readonly var guard = ref _guards[index];
        if (state == GuardState.FactMissing)
        {
            text.Append(_guardMissing[index]);
        }
        else if (guard.Op != GuardOp.AnyOf && facts[guard.Slot] is { Kind: FactKind.Number } fact)
        {
            if (state == GuardState.Failed)
            {
                GuardResult.AppendFailedClosing(FixedPoint.AppendTo(text.Append(_guardFailed[index]), fact.NumberValue));
            }
            else
            {
                GuardResult.AppendTo(text, _guardTexts[index], state, fact.NumberValue);
            }
        }
        else
        {
            Describe(index, facts).AppendTo(text);
        }
    }

    private IReadOnlyList<string> Permitted(int from, ReadOnlySpan<FactValue> facts)
    {
        var first = _movesOf[from];
        var count = _movesOf[from + 1] - first;
        if (count > 32)
        {
            return PermittedOf(from, facts);
        }

        // Which moves pass, as bits: the key of the shared list (the stage in the high word).
        var open = 0UL;
        for (var i = 0; i < count; i++)
        {
            if (Passes(in _moves[first + i], facts))
            {
                open |= 1UL << i;
            }
        }

        if (open == 0)
        {
            return System.Collections.ObjectModel.ReadOnlyCollection<string>.Empty;
        }

        var key = ((ulong)(uint)from << 32) | open;
        if (_permitted.TryGetValue(key, out var known))
        {
            return known;
        }

        // A stage with many moves has up to 2^moves sets of open ones: past a bound, lists are made, not kept.
        var made = PermittedOf(from, facts);
        return _permitted.Count < MaximumPermittedLists ? _permitted.GetOrAdd(key, made) : made;
    }

    // Read-only: the lists are shared by every caller.
    private System.Collections.ObjectModel.ReadOnlyCollection<string> PermittedOf(int from, ReadOnlySpan<FactValue> facts)
    {
        var permitted = new List<string>();
        for (var i = _movesOf[from]; i < _movesOf[from + 1]; i++)
        {
            if (Passes(in _moves[i], facts) && !permitted.Contains(_moves[i].To))
            {
                permitted.Add(_moves[i].To);
            }
        }

        return permitted.AsReadOnly();
    }

    // The verdict the engine gives by name (stage and facts by name), laid out on the stack: no allocation.
    internal StageVerdict ProposeVerdict(string stage, StageFacts facts)
    {
        var start = RequireStage(stage);
        ArgumentNullException.ThrowIfNull(facts);
        Span<FactValue> slots = _facts.Length <= StackSlots ? stackalloc FactValue[_facts.Length] : new FactValue[_facts.Length];
        LayOut(facts, slots);
        var ignore = default(Unrecorded);
        return Walk(start, slots, ref ignore);
    }

    internal TransitionVerdict DecideVerdict(string stage, string target, StageFacts facts)
    {
        var from = RequireStage(stage);
        var to = RequireStage(target, nameof(target));
        ArgumentNullException.ThrowIfNull(facts);
        Span<FactValue> slots = _facts.Length <= StackSlots ? stackalloc FactValue[_facts.Length] : new FactValue[_facts.Length];
        LayOut(facts, slots);
        return Decide(from, to, slots);
    }

    internal StageProposal Explain(in StageVerdict verdict, StageFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        Span<FactValue> slots = _facts.Length <= StackSlots ? stackalloc FactValue[_facts.Length] : new FactValue[_facts.Length];
        LayOut(facts, slots);
        return Explain(verdict, slots);
    }

    internal TransitionDecision Explain(in TransitionVerdict verdict, StageFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        Span<FactValue> slots = _facts.Length <= StackSlots ? stackalloc FactValue[_facts.Length] : new FactValue[_facts.Length];
        LayOut(facts, slots);
        return Explain(verdict, slots);
    }

    // The walk once more, keeping each move it considers: an explanation is the verdict's own decision, not a second
    // reading of the rules.
    private StageProposal Explained(int start, ReadOnlySpan<FactValue> facts, out StageVerdict verdict)
    {
        var record = new Recorded(_stages.Length);
        verdict = Walk(start, facts, ref record);
        return new StageProposal(Name, _stages[start], _stages[verdict.Proposed.Index], record.Path, record.Checks, Fingerprint);
    }

    // The one walk of a proposal. The fast path records nothing and stops at the first move it takes out of a stage; an
    // explanation records every move considered, so it checks a stage's remaining moves too. Both take the same moves:
    // taking one depends only on its guards and on the stages entered.
    private StageVerdict Walk<TRecord>(int start, ReadOnlySpan<FactValue> facts, ref TRecord record)
        where TRecord : struct, IWalkRecord
    {
        if (_stages.Length > FewStages.Capacity)
        {
            return WalkMany(start, facts, ref record);
        }

        var entered = default(FewStages);
        return Walk(start, facts, ref record, ref entered);
    }

    // A set of the stages entered on the stack costs a few nanoseconds more than one in a register: only for machines
    // whose stages do not fit in one word.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private StageVerdict WalkMany<TRecord>(int start, ReadOnlySpan<FactValue> facts, ref TRecord record)
        where TRecord : struct, IWalkRecord
    {
        var entered = new ManyStages(stackalloc ulong[(_stages.Length + FewStages.Capacity - 1) / FewStages.Capacity]);
        return Walk(start, facts, ref record, ref entered);
    }

    private StageVerdict Walk<TRecord, TEntered>(int start, ReadOnlySpan<FactValue> facts, ref TRecord record, ref TEntered entered)
        where TRecord : struct, IWalkRecord
        where TEntered : struct, IEnteredStages, allows ref struct
    {
        // A stage once left is never entered again in one proposal, so chains of back and skip moves end.
        entered.Add(start);
        var current = start;
        var steps = 0;
        while (true)
        {
            var taken = -1;
            var first = _proposableOf[current];
            var end = _proposableOf[current + 1];
            for (var i = first; i < end; i++)
            {
                ref readonly var move = ref _proposable[i];
                var passes = record.IsRecording ? record.Considered(this, in move, facts) : Passes(in move, facts);

                if (taken < 0 && passes && !entered.Contains(move.ToIndex))
                {
                    taken = i;
                    if (!record.IsRecording)
                    {
                        break;
                    }
                }
            }

            if (taken < 0)
            {
                return new StageVerdict(this, start, current, steps);
            }

            if (record.IsRecording)
            {
                record.Took(taken - first);
            }

            current = _proposable[taken].ToIndex;
            entered.Add(current);
            steps++;
        }
    }

    // The one decision of a requested move; `to` is -1 for a name that is no stage (only the explaining Decide asks that).
    private TransitionVerdict Decide(int from, int to, ReadOnlySpan<FactValue> facts)
    {
        var first = _movesOf[from];
        var end = _movesOf[from + 1];
        if (first == end)
        {
            return new TransitionVerdict(this, from, to, TransitionOutcome.FinalStage, -1);
        }

        for (var i = first; i < end; i++)
        {
            ref readonly var move = ref _moves[i];
            if (move.ToIndex == to)
            {
                return new TransitionVerdict(this, from, to, Passes(in move, facts) ? TransitionOutcome.Allowed : TransitionOutcome.GuardsFailed, i - first);
            }
        }

        return new TransitionVerdict(this, from, to, TransitionOutcome.NoTransition, -1);
    }

    private TransitionDecision Explain(in TransitionVerdict verdict, string to, ReadOnlySpan<FactValue> facts)
    {
        var from = _stages[verdict.From.Index];
        var first = _movesOf[verdict.From.Index];
        var moves = new TransitionCheck[_movesOf[verdict.From.Index + 1] - first];
        for (var i = 0; i < moves.Length; i++)
        {
            moves[i] = Check(in _moves[first + i], facts, out _);
        }

        switch (verdict.Outcome)
        {
            case TransitionOutcome.FinalStage:
                return new TransitionDecision(Name, from, to, false, $"'{from}' is a final stage of '{Name}': no move leaves it", [], moves, Fingerprint);
            case TransitionOutcome.NoTransition:
                return new TransitionDecision(Name, from, to, false, $"'{Name}' has no transition from '{from}' to '{to}'", [], moves, Fingerprint);
        }

        var requested = moves[verdict.Move];
        if (requested.Passes != verdict.Allowed)
        {
            throw new ArgumentException($"These facts {(requested.Passes ? "open" : "do not open")} {requested.From} → {requested.To}, unlike the verdict's: explain a verdict with the facts it was decided on.", nameof(facts));
        }

        return verdict.Allowed
            ? new TransitionDecision(Name, from, to, true, null, [], moves, Fingerprint)
            : new TransitionDecision(Name, from, to, false, "guards failed", requested.Blocking, moves, Fingerprint);
    }

    private bool Passes(in Move move, ReadOnlySpan<FactValue> facts)
    {
        var end = move.FirstGuard + move.GuardCount;
        for (var g = move.FirstGuard; g < end; g++)
        {
            ref readonly var guard = ref _guards[g];
            if ((guard.Op == GuardOp.AnyOf ? AnyOf(in guard, facts) : Leaf(in guard, facts)) != GuardState.Passed)
            {
                return false;
            }
        }

        return true;
    }

    private TransitionCheck Check(in Move move, ReadOnlySpan<FactValue> facts, out bool passes)
    {
        var results = new GuardResult[move.GuardCount];
        passes = true;
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = Describe(move.FirstGuard + i, facts);
            passes &= results[i].Passed;
        }

        return new TransitionCheck(move.From, move.To, move.Kind, results);
    }

    private GuardResult Describe(int index, ReadOnlySpan<FactValue> facts)
    {
        ref readonly var guard = ref _guards[index];
        if (guard.Op != GuardOp.AnyOf)
        {
            // A missing or true/false fact reads the same every time: its verdict was made once, when the machine compiled.
            ref readonly var fact = ref facts[guard.Slot];
            if (fact.Kind != FactKind.Number)
            {
                return _readings[ReadingOf(index, fact)];
            }
        }

        return new GuardResult(_guardTexts[index], State(index, facts), Actual(index, facts));
    }

    private static int ReadingOf(int guard, in FactValue fact) => (3 * guard) + (fact.Kind == FactKind.Missing ? 0 : fact.FlagValue ? 1 : 2);

    // The one reading of a guard: the fast path asks whether it passed, an explanation asks the same and adds the
    // fact's text. A fact of the other kind is never coerced: true/false does not satisfy a number guard, nor the
    // other way round, and the verdict says so (WrongKind) rather than "missing".
    private GuardState State(int index, ReadOnlySpan<FactValue> facts)
    {
        ref readonly var guard = ref _guards[index];
        return guard.Op == GuardOp.AnyOf ? AnyOf(in guard, facts) : Leaf(in guard, facts);
    }

    private GuardState AnyOf(in Guard guard, ReadOnlySpan<FactValue> facts)
    {
        var allMissing = true;
        for (var i = guard.First; i < guard.First + guard.Count; i++)
        {
            var state = State(i, facts);
            if (state == GuardState.Passed)
            {
                return GuardState.Passed;
            }

            allMissing &= state == GuardState.FactMissing;
        }

        return allMissing ? GuardState.FactMissing : GuardState.Failed;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static GuardState Leaf(in Guard guard, ReadOnlySpan<FactValue> facts)
    {
        ref readonly var fact = ref facts[guard.Slot];
        if (guard.Op == GuardOp.Flag)
        {
            return fact.Kind == FactKind.Boolean ? (fact.FlagValue == guard.Expected ? GuardState.Passed : GuardState.Failed)
                : fact.Kind == FactKind.Number ? GuardState.WrongKind
                : GuardState.FactMissing;
        }

        if (fact.Kind != FactKind.Number)
        {
            return fact.Kind == FactKind.Boolean ? GuardState.WrongKind : GuardState.FactMissing;
        }

        var value = fact.NumberValue;
        return (!guard.HasLow || value >= guard.Low) && (!guard.HasHigh || value <= guard.High) ? GuardState.Passed : GuardState.Failed;
    }

    // The fact a guard read, as its verdict shows it; for anyOf, each alternative's.
    private string Actual(int index, ReadOnlySpan<FactValue> facts)
    {
        ref readonly var guard = ref _guards[index];
        if (guard.Op != GuardOp.AnyOf)
        {
            return facts[guard.Slot].ToString();
        }

        var parts = new string[guard.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = $"{_guardTexts[guard.First + i]}: {Actual(guard.First + i, facts)}";
        }

        return string.Join("; ", parts);
    }

    private int RequireStage(string stage, string parameter = "stage")
    {
        if (stage is null || !_stageIndex.TryGetValue(stage, out var index))
        {
            throw new ArgumentException($"'{stage}' is not a stage of '{Name}' (stages: {string.Join(", ", _stages)})", parameter);
        }

        return index;
    }

    private void RequireOwn(MachineStage stage, string parameter)
    {
        if (!ReferenceEquals(stage.Machine, this))
        {
            throw new ArgumentException(
                stage.Machine is null
                    ? $"No stage given (a default MachineStage); resolve one with Stage(name) on this '{Name}' machine."
                    : $"'{stage.Name}' is a stage of another '{stage.Machine.Name}' machine ({stage.Machine.Fingerprint}); resolve it with Stage(name) on this one ({Fingerprint}).",
                parameter);
        }
    }

    private void RequireSlots(int length, string parameter)
    {
        if (length != _facts.Length)
        {
            throw new ArgumentException($"Expected {_facts.Length} facts, one per slot of '{Name}' ({string.Join(", ", _facts)}), but got {length}.", parameter);
        }
    }

    // Compiles guards into contiguous places of `guards` (their alternatives after them) and returns the first place.
    // Guards copy every value they test: they never read the options again.
    private int Place(List<GuardOptions> options, List<Guard> guards, List<string> texts)
    {
        var first = guards.Count;
        foreach (var _ in options)
        {
            guards.Add(default);
            texts.Add("");
        }

        for (var i = 0; i < options.Count; i++)
        {
            var g = options[i];
            if (g.AnyOf is { Count: > 0 } alternatives)
            {
                var at = Place(alternatives, guards, texts);
                guards[first + i] = new Guard(GuardOp.AnyOf, 0, false, null, null, at, alternatives.Count);
                texts[first + i] = $"({string.Join(" or ", texts.Skip(at).Take(alternatives.Count))})";
            }
            else if (g.Is is { } expected)
            {
                guards[first + i] = new Guard(GuardOp.Flag, _factSlots[g.Fact!], expected, null, null, 0, 0);
                texts[first + i] = expected ? g.Fact! : $"not {g.Fact}";
            }
            else
            {
                guards[first + i] = new Guard(GuardOp.Number, _factSlots[g.Fact!], false, g.AtLeast, g.AtMost, 0, 0);
                texts[first + i] = string.Join(" and ", new[] { g.AtLeast is { } min ? $"{g.Fact} ≥ {FixedPoint.Format(min)}" : "", g.AtMost is { } max ? $"{g.Fact} ≤ {FixedPoint.Format(max)}" : "" }.Where(p => p.Length > 0));
            }
        }

        return first;
    }

    private static IEnumerable<string> FactsOf(GuardOptions guard)
        => guard.AnyOf is { Count: > 0 } alternatives ? alternatives.SelectMany(FactsOf) : guard.Fact is { } fact ? [fact] : [];

    // What a walk keeps of the moves it considers: nothing on the fast path, the checks for an explanation. A struct
    // type argument, so the fast path's calls compile away.
    // What a walk keeps of the moves it considers: nothing on the fast path, the checks for an explanation. A struct
    // type argument, so the fast path's calls compile away.
    private interface IWalkRecord
    {
        bool IsRecording { get; }

        // Keeps the move's check; returns whether its guards pass, read as the check reads them.
        bool Considered(StateMachine machine, in Move move, ReadOnlySpan<FactValue> facts);

        // The move taken, by its position among the moves just considered out of the current stage.
        void Took(int move);
    }

    private struct Unrecorded : IWalkRecord
    {
        public readonly bool IsRecording => false;

        public readonly bool Considered(StateMachine machine, in Move move, ReadOnlySpan<FactValue> facts) => throw new UnreachableException();

        public readonly void Took(int move)
        {
        }
    }

    // Sized by the stage count: a path enters each stage at most once, and a walk usually checks about one move per stage.
    private struct Recorded(int stages) : IWalkRecord
    {
        private int _stageStart;

        public readonly bool IsRecording => true;

        public List<TransitionCheck> Checks { get; } = new(stages);

        public List<TransitionCheck> Path { get; } = new(stages - 1);

        public readonly bool Considered(StateMachine machine, in Move move, ReadOnlySpan<FactValue> facts)
        {
            Checks.Add(machine.Check(in move, facts, out var passes));
            return passes;
        }

        public void Took(int move)
        {
            Path.Add(Checks[_stageStart + move]);
            _stageStart = Checks.Count;
        }
    }

    // The stages a walk has entered.
    private interface IEnteredStages
    {
        bool Contains(int stage);

        void Add(int stage);
    }

    // One bit per stage in one word: every machine of up to 64 stages, which is every machine seen so far.
    private struct FewStages : IEnteredStages
    {
        public const int Capacity = 64;

        private ulong _bits;

        public readonly bool Contains(int stage) => (_bits & (1UL << stage)) != 0;

        public void Add(int stage) => _bits |= 1UL << stage;
    }

    private readonly ref struct ManyStages(Span<ulong> words) : IEnteredStages
    {
        private readonly Span<ulong> _words = words;

        public bool Contains(int stage) => (_words[stage >> 6] & (1UL << stage)) != 0;

        public void Add(int stage) => _words[stage >> 6] |= 1UL << stage;
    }

    private readonly record struct Move(string From, string To, int ToIndex, TransitionKind Kind, int FirstGuard, int GuardCount)
    {
        // "decline → maturity [back]: blocked by ": what a blocked move's text starts with, the same for every record it
        // blocks — made once with the move, not appended piece by piece for every record.
        public string BlockedHead { get; } = TransitionCheck.AppendMove(new StringBuilder(), From, To, Kind).Append(TransitionCheck.BlockedBy).ToString();
    }

    private enum GuardOp : byte
    {
        Flag,
        Number,
        AnyOf,
    }

    // One guard: a flag test, number bounds, or anyOf over the guards at [First, First + Count).
    private readonly struct Guard(GuardOp op, int slot, bool expected, decimal? atLeast, decimal? atMost, int first, int count)
    {
        public GuardOp Op { get; } = op;

        public int Slot { get; } = slot;

        public bool Expected { get; } = expected;

        public bool HasLow { get; } = atLeast is not null;

        public bool HasHigh { get; } = atMost is not null;

        public decimal Low { get; } = atLeast.GetValueOrDefault();

        public decimal High { get; } = atMost.GetValueOrDefault();

        public int First { get; } = first;

        public int Count { get; } = count;
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
