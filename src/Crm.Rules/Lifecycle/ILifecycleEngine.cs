using NodaTime;

namespace Crm.Rules.Lifecycle;

/// <summary>Lifecycle and funnel state machines with the rule set in force (LIFE-1 … LIFE-5, GRADE-6).</summary>
/// <threadsafety>Implementations are thread-safe; every call uses the rule set in force when it starts.</threadsafety>
public interface ILifecycleEngine
{
    /// <summary>The lifecycle rules in force.</summary>
    LifecycleRules Rules { get; }

    /// <summary>Proposes the stage a record's facts support on a machine (see <see cref="StateMachine.Propose(string, StageFacts)"/>).</summary>
    /// <param name="machine">The machine's name, e.g. <c>funnel</c>.</param>
    /// <param name="stage">The record's current stage.</param>
    /// <param name="facts">The record's facts.</param>
    /// <returns>The proposal with every guard considered.</returns>
    /// <exception cref="ArgumentException">There is no such machine, or the stage is not one of its stages.</exception>
    StageProposal Propose(string machine, string stage, StageFacts facts);

    /// <summary>Decides a requested transition on a machine (see <see cref="StateMachine.Decide(string, string, StageFacts)"/>).</summary>
    /// <param name="machine">The machine's name.</param>
    /// <param name="stage">The record's current stage.</param>
    /// <param name="target">The requested stage.</param>
    /// <param name="facts">The record's facts.</param>
    /// <returns>The decision: allowed, or a rejection with every move out of the stage.</returns>
    /// <exception cref="ArgumentException">There is no such machine.</exception>
    TransitionDecision Decide(string machine, string stage, string target, StageFacts facts);

    /// <summary>
    /// Proposes a stage as <see cref="Propose(string, string, StageFacts)"/> does, without explaining it and without
    /// allocating (see <see cref="StateMachine.Propose(MachineStage, ReadOnlySpan{FactValue})"/>).
    /// </summary>
    /// <remarks>
    /// The facts are laid out in the machine's slots on the stack (for machines of up to 64 facts; a larger one takes an
    /// array per call), so this costs the name lookups and the layout on top of the machine's own call; for many records,
    /// resolve the machine, its stages and its fact slots once and call the machine.
    /// </remarks>
    /// <param name="machine">The machine's name.</param>
    /// <param name="stage">The record's current stage.</param>
    /// <param name="facts">The record's facts.</param>
    /// <returns>The verdict; <see cref="Explain(in StageVerdict, StageFacts)"/> explains it.</returns>
    /// <exception cref="ArgumentException">There is no such machine, or the stage is not one of its stages.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="facts"/> is <see langword="null"/>.</exception>
    StageVerdict ProposeVerdict(string machine, string stage, StageFacts facts);

    /// <summary>
    /// Decides a requested transition as <see cref="Decide(string, string, string, StageFacts)"/> does, without explaining
    /// it and without allocating (see <see cref="StateMachine.Decide(MachineStage, MachineStage, ReadOnlySpan{FactValue})"/>).
    /// </summary>
    /// <param name="machine">The machine's name.</param>
    /// <param name="stage">The record's current stage.</param>
    /// <param name="target">The requested stage.</param>
    /// <param name="facts">The record's facts.</param>
    /// <returns>The verdict; <see cref="Explain(in TransitionVerdict, StageFacts)"/> explains it.</returns>
    /// <exception cref="ArgumentException">
    /// There is no such machine, or a stage is not one of its stages (unlike <see cref="Decide(string, string, string, StageFacts)"/>,
    /// which answers a rejection: a verdict names both stages).
    /// </exception>
    /// <exception cref="ArgumentNullException"><paramref name="facts"/> is <see langword="null"/>.</exception>
    TransitionVerdict DecideVerdict(string machine, string stage, string target, StageFacts facts);

    /// <summary>
    /// Explains a verdict of <see cref="ProposeVerdict"/> with every guard considered, on the machine that decided it (the
    /// rule set in force then, even after a reload).
    /// </summary>
    /// <param name="verdict">The verdict.</param>
    /// <param name="facts">The facts it was decided on.</param>
    /// <returns>The proposal, as <see cref="Propose(string, string, StageFacts)"/> gives it.</returns>
    /// <exception cref="ArgumentException">The verdict is <see langword="default"/>, or the facts lead elsewhere.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="facts"/> is <see langword="null"/>.</exception>
    StageProposal Explain(in StageVerdict verdict, StageFacts facts);

    /// <summary>Explains a verdict of <see cref="DecideVerdict"/>, on the machine that decided it.</summary>
    /// <param name="verdict">The verdict.</param>
    /// <param name="facts">The facts it was decided on.</param>
    /// <returns>The decision, as <see cref="Decide(string, string, string, StageFacts)"/> gives it.</returns>
    /// <exception cref="ArgumentException">The verdict is <see langword="default"/>, or the facts do not decide it the same way.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="facts"/> is <see langword="null"/>.</exception>
    TransitionDecision Explain(in TransitionVerdict verdict, StageFacts facts);

    /// <summary>Funnel analytics over many histories on a machine (see <see cref="LifecycleRules.Funnel"/>).</summary>
    /// <param name="machine">The machine's name.</param>
    /// <param name="histories">The histories.</param>
    /// <param name="from">The period's start (inclusive).</param>
    /// <param name="until">The period's end (exclusive).</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">There is no such machine.</exception>
    FunnelReport Funnel(string machine, IEnumerable<IReadOnlyList<StageEntry>> histories, Instant from, Instant until);

    /// <inheritdoc cref="LifecycleRules.KeyAccount(AccountStanding, decimal, decimal, int)"/>
    KeyAccountDecision KeyAccount(AccountStanding standing, decimal purchasesBefore, decimal purchasesNow, int consecutiveMissedReviews);
}

/// <summary>The <see cref="ILifecycleEngine"/> that dependency injection provides: each call uses the rule set in force.</summary>
/// <param name="ruleSets">Gives the rule set in force.</param>
/// <threadsafety>This type is thread-safe.</threadsafety>
public sealed class LifecycleEngine(ICrmRuleSetProvider ruleSets) : ILifecycleEngine
{
    /// <inheritdoc/>
    public LifecycleRules Rules => ruleSets.Current.Lifecycle;

    /// <inheritdoc/>
    public StageProposal Propose(string machine, string stage, StageFacts facts) => Machine(Rules, machine).Propose(stage, facts);

    /// <inheritdoc/>
    public TransitionDecision Decide(string machine, string stage, string target, StageFacts facts) => Machine(Rules, machine).Decide(stage, target, facts);

    /// <inheritdoc/>
    public StageVerdict ProposeVerdict(string machine, string stage, StageFacts facts) => Machine(Rules, machine).ProposeVerdict(stage, facts);

    /// <inheritdoc/>
    public TransitionVerdict DecideVerdict(string machine, string stage, string target, StageFacts facts) => Machine(Rules, machine).DecideVerdict(stage, target, facts);

    /// <inheritdoc/>
    public StageProposal Explain(in StageVerdict verdict, StageFacts facts)
        => (verdict.Machine ?? throw new ArgumentException("No verdict given (a default StageVerdict).", nameof(verdict))).Explain(verdict, facts);

    /// <inheritdoc/>
    public TransitionDecision Explain(in TransitionVerdict verdict, StageFacts facts)
        => (verdict.Machine ?? throw new ArgumentException("No verdict given (a default TransitionVerdict).", nameof(verdict))).Explain(verdict, facts);

    /// <inheritdoc/>
    public FunnelReport Funnel(string machine, IEnumerable<IReadOnlyList<StageEntry>> histories, Instant from, Instant until)
    {
        var rules = Rules;
        return rules.Funnel(Machine(rules, machine), histories, from, until);
    }

    /// <inheritdoc/>
    public KeyAccountDecision KeyAccount(AccountStanding standing, decimal purchasesBefore, decimal purchasesNow, int consecutiveMissedReviews)
        => Rules.KeyAccount(standing, purchasesBefore, purchasesNow, consecutiveMissedReviews);

    // The parameter the caller passed the name in is "machine" on every method of the interface.
    private static StateMachine Machine(LifecycleRules rules, string machine)
        => rules.Machine(machine) ?? throw new ArgumentException($"'{machine}' is not a machine (known: {string.Join(", ", rules.Machines.Keys.Order(StringComparer.Ordinal))})", nameof(machine));
}
