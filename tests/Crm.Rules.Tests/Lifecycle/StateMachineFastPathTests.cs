using Crm.Rules.Lifecycle;

namespace Crm.Rules.Tests.Lifecycle;

/// <summary>
/// The allocation-free Propose and Decide (issue 13): the same answers as the explaining calls, their explanations
/// guard for guard, no allocation once warm, and refusals of stages, verdicts and facts that belong elsewhere.
/// </summary>
public class StateMachineFastPathTests
{
    private static readonly StateMachine Funnel = CrmRuleSet.SeedStandard.Lifecycle.Machine("funnel")!;
    private static readonly StateMachine Life = CrmRuleSet.SeedStandard.Lifecycle.Machine("lifecycle")!;

    private static readonly StageFacts ToWon = new StageFacts().With("leadScore", 6m).With("needClear", true).With("budgetConfirmed", true)
        .With("authorityClear", true).With("quoteSent", true).With("contractSigned", true);

    internal static FactValue[] Slots(StateMachine machine, StageFacts facts)
    {
        var slots = new FactValue[machine.Facts.Count];
        machine.LayOut(facts, slots);
        return slots;
    }

    [Fact]
    public void Life_FastPropose_GoesWhereTheExplainingProposalGoes()
    {
        var slots = Slots(Funnel, ToWon);
        var verdict = Funnel.Propose(Funnel.Stage("lead"), slots);
        Assert.Equal(("lead", "won", 4, true), (verdict.Stage.Name, verdict.Proposed.Name, verdict.Steps, verdict.ChangesStage));
        Assert.Equal(Funnel.Stage("won"), verdict.Proposed);
        Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, verdict.Fingerprint);
        Assert.Equal("funnel: lead → won (4 steps)", verdict.ToString());

        var explained = Funnel.Explain(verdict, slots);
        LifecycleAssert.Same(Funnel.Propose("lead", ToWon), explained);
        Assert.Equal(["prospect", "intent", "negotiation", "won"], explained.Path.Select(p => p.To));
        Assert.Equal(
            ["leadScore ≥ 5: passed (is 6)", "needClear: passed (is true)", "budgetConfirmed: passed (is true)", "authorityClear: passed (is true)",
             "quoteSent: passed (is true)", "contractSigned: passed (is true)", "purchaseCount ≥ 2: fact missing"],
            explained.Checks.SelectMany(c => c.Guards).Select(g => g.ToString()));
    }

    [Fact]
    public void Life_FastPropose_StaysWhereNoGuardPasses_AndExplainsTheBlockingGuards()
    {
        var facts = new StageFacts().With("needClear", true).With("budgetConfirmed", true);
        var slots = Slots(Funnel, facts);
        var verdict = Funnel.Propose(Funnel.Stage("prospect"), slots);
        Assert.Equal(("prospect", 0, false), (verdict.Proposed.Name, verdict.Steps, verdict.ChangesStage));
        Assert.Equal("funnel: stays in prospect", verdict.ToString());
        var explained = Funnel.Explain(verdict, slots);
        Assert.Equal("funnel: stays in prospect; prospect → intent: blocked by authorityClear: fact missing", explained.ToString());
        LifecycleAssert.Same(Funnel.Propose("prospect", facts), explained);
    }

    [Fact]
    public void Life_FastPropose_ReadsAFactOfTheWrongKindAsNotPassing()
    {
        var facts = new StageFacts().With("leadScore", true);
        var slots = Slots(Funnel, facts);
        var verdict = Funnel.Propose(Funnel.Stage("lead"), slots);
        Assert.Equal("lead", verdict.Proposed.Name);
        Assert.Equal([new GuardResult("leadScore ≥ 5", GuardState.WrongKind, "true")], Funnel.Explain(verdict, slots).Checks.Single().Guards);
    }

    [Fact]
    public void Life_FastPropose_FollowsAnyOfAndBackMoves_AsTheExplainingProposalDoes()
    {
        // maturity → decline (anyOf) and decline → churned; decline → maturity (back) would re-enter maturity: not taken.
        var facts = new StageFacts().With("amountChange", 0.1m).With("renewalRefused", true).With("churned", true);
        var slots = Slots(Life, facts);
        var verdict = Life.Propose(Life.Stage("maturity"), slots);
        Assert.Equal(("churned", 2), (verdict.Proposed.Name, verdict.Steps));
        LifecycleAssert.Same(Life.Propose("maturity", facts), Life.Explain(verdict, slots));
    }

    [Fact]
    public void Life_FastPropose_OnAMachineOfMoreThan64Stages_NeverEntersAStageTwice()
    {
        // The set of stages entered spans two words here (the walk keeps one word for machines of up to 64 stages).
        var stages = Enumerable.Range(0, 70).Select(i => $"s{i}").ToList();
        GuardOptions[] XAtLeast0() => [new GuardOptions { Fact = "x", AtLeast = 0 }];
        var options = new CrmRulesOptions();
        options.Lifecycle.Machines["long"] = new StateMachineOptions
        {
            Stages = stages,
            Facts = new() { ["x"] = "number" },
            Transitions =
            [
                .. stages.Skip(1).Select((to, i) => new TransitionOptions { From = stages[i], To = to, Guards = [.. XAtLeast0()] }),
                new TransitionOptions { From = "s69", To = "s0", Kind = "back", Guards = [.. XAtLeast0()] },
                new TransitionOptions { From = "s69", To = "s64", Kind = "back" },
            ],
        };
        var machine = CrmRuleSet.Compile(options).Lifecycle.Machine("long")!;
        foreach (var (from, x, proposed, steps) in new (string, decimal?, string, int)[]
        {
            ("s0", 1m, "s69", 69),
            ("s65", 1m, "s64", 69), // s65 … s69, back to s0, then s0 … s64: s65 was entered already
            ("s65", null, "s65", 0),
            ("s69", null, "s64", 1),
            ("s69", -1m, "s64", 1),
        })
        {
            var facts = x is { } value ? new StageFacts().With("x", value) : StageFacts.Empty;
            var slots = Slots(machine, facts);
            var verdict = machine.Propose(machine.Stage(from), slots);
            Assert.Equal((proposed, steps), (verdict.Proposed.Name, verdict.Steps));
            LifecycleAssert.Same(machine.Propose(from, facts), machine.Explain(verdict, slots));
            var reference = ReferenceMachine.Propose(options.Lifecycle.Machines["long"], from, x is { } v ? new() { ["x"] = v } : []);
            Assert.Equal((proposed, steps), (reference.Proposed, reference.Path.Count));
        }
    }

    [Fact]
    public void Life_FastDecide_AnswersEachOutcome_AndExplainsItAsDecideDoes()
    {
        var facts = new StageFacts().With("needClear", true).With("budgetConfirmed", true).With("authorityClear", false);
        var slots = Slots(Funnel, facts);
        var cases = new (string From, string To, TransitionOutcome Outcome)[]
        {
            ("prospect", "intent", TransitionOutcome.GuardsFailed),
            ("prospect", "lost", TransitionOutcome.Allowed),
            ("lead", "won", TransitionOutcome.NoTransition),
            ("lost", "lead", TransitionOutcome.FinalStage),
        };
        foreach (var (from, to, outcome) in cases)
        {
            var verdict = Funnel.Decide(Funnel.Stage(from), Funnel.Stage(to), slots);
            Assert.Equal((outcome, outcome == TransitionOutcome.Allowed), (verdict.Outcome, verdict.Allowed));
            Assert.Equal((from, to), (verdict.From.Name, verdict.To.Name));
            LifecycleAssert.Same(Funnel.Decide(from, to, facts), Funnel.Explain(verdict, slots));
        }

        var failed = Funnel.Explain(Funnel.Decide(Funnel.Stage("prospect"), Funnel.Stage("intent"), slots), slots);
        Assert.Equal([new GuardResult("authorityClear", GuardState.Failed, "false")], failed.FailedGuards);
        Assert.Equal("funnel: prospect → intent: guards failed", Funnel.Decide(Funnel.Stage("prospect"), Funnel.Stage("intent"), slots).ToString());
        Assert.Equal("funnel: lost → lead: final stage", Funnel.Decide(Funnel.Stage("lost"), Funnel.Stage("lead"), slots).ToString());
    }

    [Fact]
    public void Life_FastPaths_AllocateNothingOnceWarm()
    {
        var slots = Slots(Funnel, ToWon);
        var (lead, prospect) = (Funnel.Stage("lead"), Funnel.Stage("prospect"));
        var engine = new LifecycleEngine(new FixedRuleSet(CrmRuleSet.SeedStandard));
        var steps = 0;
        void Run()
        {
            steps += Funnel.Propose(lead, slots).Steps;
            steps += Funnel.Decide(lead, prospect, slots).Allowed ? 1 : 0;
            steps += engine.ProposeVerdict("funnel", "lead", ToWon).Steps;
            steps += engine.DecideVerdict("funnel", "lead", "prospect", ToWon).Allowed ? 1 : 0;
            Funnel.LayOut(ToWon, slots);
        }

        Run();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Run();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(101 * 10, steps);
    }

    [Fact]
    public void Life_LayOut_PutsEachFactInItsSlot_AndLeavesTheRestMissing()
    {
        Assert.Equal(["leadScore", "needClear", "budgetConfirmed", "authorityClear", "quoteSent", "contractSigned", "purchaseCount"], Funnel.Facts);
        var slots = Slots(Funnel, new StageFacts().With("needClear", true).With("leadScore", 4.50m).With("unrelated", 1m));
        Assert.Equal(
            [FactValue.FromNumber(4.5m), FactValue.FromBoolean(true), FactValue.Missing, FactValue.Missing, FactValue.Missing, FactValue.Missing, FactValue.Missing],
            slots);
        Assert.Equal(1, Funnel.FactSlot("needClear"));
        Assert.Equal(["4.5", "true", "missing"], slots.Take(3).Select(s => s.ToString()));

        // A reused buffer is cleared first: a fact the next record does not state is missing, not left over.
        Funnel.LayOut(new StageFacts().With("quoteSent", false), slots);
        Assert.Equal([FactKind.Missing, FactKind.Missing, FactKind.Missing, FactKind.Missing, FactKind.Boolean], slots.Take(5).Select(s => s.Kind));
    }

    [Fact]
    public void Life_FastPaths_RefuseStagesVerdictsAndFactsOfAnotherMachine()
    {
        var slots = Slots(Funnel, ToWon);
        var other = TestRules.FreshSeed().Lifecycle.Machine("funnel")!;
        var error = Assert.Throws<ArgumentException>(() => Funnel.Propose(other.Stage("lead"), slots));
        Assert.Equal("stage", error.ParamName);
        Assert.StartsWith("'lead' is a stage of another 'funnel' machine", error.Message, StringComparison.Ordinal);
        Assert.Equal("stage", Assert.Throws<ArgumentException>(() => Funnel.Propose(default, slots)).ParamName);
        Assert.Equal("to", Assert.Throws<ArgumentException>(() => Funnel.Decide(Funnel.Stage("lead"), Life.Stage("growth"), slots)).ParamName);

        var tooFew = Assert.Throws<ArgumentException>(() => Funnel.Propose(Funnel.Stage("lead"), slots.AsSpan(1)));
        Assert.Equal(
            ("facts", "Expected 7 facts, one per slot of 'funnel' (leadScore, needClear, budgetConfirmed, authorityClear, quoteSent, contractSigned, purchaseCount), but got 6. (Parameter 'facts')"),
            (tooFew.ParamName, tooFew.Message));
        Assert.Equal("slots", Assert.Throws<ArgumentException>(() => Funnel.LayOut(ToWon, new FactValue[3])).ParamName);

        var verdict = Funnel.Propose(Funnel.Stage("lead"), slots);
        Assert.Equal("verdict", Assert.Throws<ArgumentException>(() => other.Explain(verdict, slots)).ParamName);
        Assert.Equal("verdict", Assert.Throws<ArgumentException>(() => Funnel.Explain(default(StageVerdict), slots)).ParamName);

        // Facts that lead elsewhere cannot explain the verdict: the explanation would not be the verdict's.
        var fewer = Assert.Throws<ArgumentException>(() => Funnel.Explain(verdict, Slots(Funnel, ToWon.With("quoteSent", false))));
        Assert.Equal(("facts", "These facts lead to funnel: lead → intent (2 steps), not to the verdict's funnel: lead → won (4 steps): explain a verdict with the facts it was decided on. (Parameter 'facts')"), (fewer.ParamName, fewer.Message));
        var decided = Funnel.Decide(Funnel.Stage("lead"), Funnel.Stage("prospect"), slots);
        Assert.Equal("facts", Assert.Throws<ArgumentException>(() => Funnel.Explain(decided, Slots(Funnel, StageFacts.Empty))).ParamName);
    }

    [Fact]
    public void Life_StageAndFactSlot_NameTheKnownOnes()
    {
        var stage = Assert.Throws<ArgumentException>(() => Funnel.Stage("nowhere"));
        Assert.Equal(("name", "'nowhere' is not a stage of 'funnel' (stages: lead, prospect, intent, negotiation, won, repeat, lost) (Parameter 'name')"), (stage.ParamName, stage.Message));
        var fact = Assert.Throws<ArgumentException>(() => Funnel.FactSlot("mood"));
        Assert.StartsWith("'mood' is not a fact of 'funnel' (facts: leadScore, needClear", fact.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => Funnel.Stage(null!));
        Assert.Throws<ArgumentNullException>(() => Funnel.LayOut(null!, new FactValue[7]));
        Assert.Equal((2, "intent", "intent"), (Funnel.Stage("intent").Index, Funnel.Stage("intent").Name, Funnel.Stage("intent").ToString()));
        Assert.Equal("", default(MachineStage).Name);
    }

    [Fact]
    public void Life_Engine_VerdictsUseTheRuleSetInForce_AndExplainOnTheMachineThatDecided()
    {
        static CrmRuleSet Deal(int threshold) => TestRules.FromJson($$"""
            { "lifecycle": { "machines": { "deal": { "stages": ["open", "won"], "facts": { "score": "number" },
              "transitions": [ { "from": "open", "to": "won", "guards": [ { "fact": "score", "atLeast": {{threshold}} } ] } ] } } } }
            """);
        var first = Deal(5);
        var provider = new FixedRuleSet(first);
        var engine = new LifecycleEngine(provider);
        var facts = new StageFacts().With("score", 5m);
        var verdict = engine.ProposeVerdict("deal", "open", facts);
        Assert.Equal("won", verdict.Proposed.Name);
        var decided = engine.DecideVerdict("deal", "open", "won", facts);
        Assert.True(decided.Allowed);

        // After a reload that raises the threshold, new verdicts follow it; the old verdicts are explained as they were decided.
        provider.Current = Deal(6);
        Assert.Equal("open", engine.ProposeVerdict("deal", "open", facts).Proposed.Name);
        Assert.False(engine.DecideVerdict("deal", "open", "won", facts).Allowed);
        LifecycleAssert.Same(first.Lifecycle.Machine("deal")!.Propose("open", facts), engine.Explain(verdict, facts));
        Assert.Equal("deal: open → won", engine.Explain(verdict, facts).ToString());
        Assert.True(engine.Explain(decided, facts).Allowed);
        Assert.Equal(first.Fingerprint, engine.Explain(decided, facts).Fingerprint);
        Assert.NotEqual(first.Fingerprint, provider.Current.Fingerprint);

        Assert.Equal("target", Assert.Throws<ArgumentException>(() => engine.DecideVerdict("deal", "open", "nowhere", facts)).ParamName);
        Assert.Equal("stage", Assert.Throws<ArgumentException>(() => engine.ProposeVerdict("deal", "nowhere", facts)).ParamName);
        Assert.Equal("machine", Assert.Throws<ArgumentException>(() => engine.ProposeVerdict("pipeline", "lead", facts)).ParamName);
        Assert.Equal("verdict", Assert.Throws<ArgumentException>(() => engine.Explain(default(StageVerdict), facts)).ParamName);
        Assert.Equal("verdict", Assert.Throws<ArgumentException>(() => engine.Explain(default(TransitionVerdict), facts)).ParamName);
    }

    [Fact]
    public void Life_FactValue_IsMissingByDefault_AndRefusesTheOtherKind()
    {
        Assert.Equal(FactKind.Missing, default(FactValue).Kind);
        Assert.Equal(FactValue.Missing, default);
        Assert.Equal(FactValue.FromNumber(1m), FactValue.FromNumber(1.00m));
        Assert.NotEqual(FactValue.FromNumber(0m), FactValue.FromBoolean(false));
        Assert.True(FactValue.FromBoolean(true) != FactValue.FromBoolean(false));
        Assert.Equal(("1.5", "false", "missing"), (FactValue.FromNumber(1.50m).ToString(), FactValue.FromBoolean(false).ToString(), FactValue.Missing.ToString()));
        Assert.Equal((2.5m, true), (FactValue.FromNumber(2.5m).Number, FactValue.FromBoolean(true).Boolean));
        Assert.Equal("The fact is true or false, not a number.", Assert.Throws<InvalidOperationException>(() => FactValue.FromBoolean(true).Number).Message);
        Assert.Equal("The fact is missing, not true or false.", Assert.Throws<InvalidOperationException>(() => FactValue.Missing.Boolean).Message);
        Assert.Equal("The fact is a number, not true or false.", Assert.Throws<InvalidOperationException>(() => FactValue.FromNumber(1m).Boolean).Message);
        Assert.Equal(FactValue.FromNumber(1m).GetHashCode(), FactValue.FromNumber(1.0m).GetHashCode());
    }

    [Fact]
    public void Life_Verdicts_AreValues()
    {
        var slots = Slots(Funnel, ToWon);
        var lead = Funnel.Stage("lead");
        Assert.Equal(Funnel.Propose(lead, slots), Funnel.Propose(lead, slots));
        Assert.True(Funnel.Propose(lead, slots) == Funnel.Propose(lead, slots));
        Assert.True(Funnel.Propose(lead, slots) != Funnel.Propose(Funnel.Stage("won"), slots));
        Assert.Equal(Funnel.Decide(lead, Funnel.Stage("prospect"), slots), Funnel.Decide(lead, Funnel.Stage("prospect"), slots));
        Assert.True(Funnel.Decide(lead, Funnel.Stage("prospect"), slots) != Funnel.Decide(lead, Funnel.Stage("lost"), slots));
        Assert.Equal(lead.GetHashCode(), Funnel.Stage("lead").GetHashCode());
        Assert.True(lead != Funnel.Stage("won"));
        Assert.Equal(("(no verdict)", "(no verdict)", "", ""), (default(StageVerdict).ToString(), default(TransitionVerdict).ToString(), default(StageVerdict).Fingerprint, default(TransitionVerdict).Fingerprint));
        Assert.False(default(TransitionVerdict).Allowed);
        Assert.Equal("funnel: lead → prospect (1 step)", Funnel.Propose(lead, Slots(Funnel, new StageFacts().With("leadScore", 5m))).ToString());
    }

    private sealed class FixedRuleSet(CrmRuleSet current) : ICrmRuleSetProvider
    {
        public CrmRuleSet Current { get; set; } = current;

        public IDisposable OnChange(Action<CrmRuleSet> listener) => throw new NotSupportedException();
    }
}

/// <summary>Explained answers compared value for value (their lists are compared item by item, not by reference).</summary>
internal static class LifecycleAssert
{
    public static void Same(StageProposal expected, StageProposal actual)
    {
        Assert.Equal((expected.Machine, expected.Stage, expected.Proposed, expected.Fingerprint), (actual.Machine, actual.Stage, actual.Proposed, actual.Fingerprint));
        Assert.Equal(Rows(expected.Path), Rows(actual.Path));
        Assert.Equal(Rows(expected.Checks), Rows(actual.Checks));
        Assert.Equal(expected.ToString(), actual.ToString());
    }

    public static void Same(TransitionDecision expected, TransitionDecision actual)
    {
        Assert.Equal((expected.Machine, expected.From, expected.To, expected.Allowed, expected.Reason, expected.Fingerprint), (actual.Machine, actual.From, actual.To, actual.Allowed, actual.Reason, actual.Fingerprint));
        Assert.Equal(expected.FailedGuards, actual.FailedGuards);
        Assert.Equal(Rows(expected.Moves), Rows(actual.Moves));
        Assert.Equal(expected.ToString(), actual.ToString());
    }

    public static IEnumerable<string> Rows(IEnumerable<TransitionCheck> checks)
        => checks.Select(c => $"{c.From} → {c.To} [{c.Kind}]: {string.Join("; ", c.Guards)}");
}
