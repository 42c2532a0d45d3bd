using Crm.Rules.Lifecycle;

namespace Crm.Rules.Tests.Lifecycle;

/// <summary>
/// The edges of the compiled state machines (LIFE-1 … LIFE-3): what '*' expands to, the loop guard of proposals,
/// anyOf guards whose facts are missing, argument checks, and the texts a user reads.
/// </summary>
public class StateMachineEdgeTests
{
    private static readonly StateMachine Funnel = CrmRuleSet.SeedStandard.Lifecycle.Machine("funnel")!;
    private static readonly StateMachine Life = CrmRuleSet.SeedStandard.Lifecycle.Machine("lifecycle")!;

    private static StateMachine Compile(string machine)
        => TestRules.FromJson($$"""{ "lifecycle": { "machines": { "m": {{machine}} } } }""").Lifecycle.Machine("m")!;

    [Fact]
    public void Life2_StarTransition_LeavesEveryStageButItsTarget()
    {
        // Compiled afresh: the cached seed was compiled before a mutation run activates a mutant.
        var age = TestRules.FreshSeed().Lifecycle.Machine("ageStages")!;
        var facts = new StageFacts().With("daysSinceLastActivity", 90m);
        foreach (var stage in new[] { "new", "growing", "mature" })
        {
            var decision = age.Decide(stage, "churnRisk", facts);
            Assert.True(decision.Allowed, stage);
            Assert.Equal(TransitionKind.Skip, decision.Moves.Single(m => m.To == "churnRisk").Kind);
        }

        // No churnRisk → churnRisk: the only move out of churnRisk is back to growing.
        Assert.Equal([("churnRisk", "growing")], age.Decide("churnRisk", "growing", facts).Moves.Select(m => (m.From, m.To)));
        Assert.Equal("churnRisk", age.Propose("churnRisk", facts).Proposed);
    }

    [Fact]
    public void Life_StarTransition_IncludesStagesThatAreOtherwiseFinal()
    {
        // '*' is every other stage, final or not: c has no move of its own, yet '*' → a leaves it.
        var m = Compile("""{ "stages": ["a", "b", "c"], "transitions": [ { "from": "a", "to": "b" }, { "from": "b", "to": "c" }, { "from": "*", "to": "a", "kind": "back" } ] }""");
        Assert.Equal(["b", "a"], m.Decide("a", "x", new StageFacts()).Moves.Select(t => t.To).Concat(m.Decide("c", "a", new StageFacts()).Moves.Select(t => t.To)));
        Assert.True(m.Decide("c", "a", new StageFacts()).Allowed);
        Assert.False(m.IsFinal("c"));
        Assert.Equal(
            "stateDiagram-v2\n    [*] --> a\n    a --> b\n    b --> c\n    b --> a : [back]\n    c --> a : [back]\n",
            m.ToMermaid());
    }

    [Fact]
    public void Life_Proposal_StopsOnACycleThatDoesNotPassTheStart()
    {
        // a → b → c → b: every guard passes; b is entered once, so the proposal ends in c instead of cycling b ↔ c.
        var m = Compile("""{ "stages": ["a", "b", "c"], "transitions": [ { "from": "a", "to": "b" }, { "from": "b", "to": "c" }, { "from": "c", "to": "b", "kind": "back" } ] }""");
        var proposal = m.Propose("a", new StageFacts());
        Assert.Equal("c", proposal.Proposed);
        Assert.Equal(["b", "c"], proposal.Path.Select(p => p.To));
        Assert.Equal(["b", "c", "b"], proposal.Checks.Select(p => p.To));
        Assert.Equal("m: a → b → c", proposal.ToString());
    }

    [Fact]
    public void Life_Proposal_TakesTheFirstPassingTransitionInConfigurationOrder()
    {
        var m = Compile("""
            { "stages": ["a", "b", "c", "d"], "facts": { "n": "number" }, "transitions": [
              { "from": "a", "to": "c", "kind": "skip", "guards": [ { "fact": "n", "atLeast": 5 } ] },
              { "from": "a", "to": "b", "guards": [ { "fact": "n", "atLeast": 1 } ] },
              { "from": "a", "to": "d", "kind": "exit" } ] }
            """);
        Assert.Equal("c", m.Propose("a", new StageFacts().With("n", 5m)).Proposed);
        var low = m.Propose("a", new StageFacts().With("n", 4m));
        Assert.Equal(["b"], low.Path.Select(p => p.To));
        Assert.Equal(["a → c [skip]: blocked by n ≥ 5: failed (is 4)"], low.Checks.Where(c => !c.Passes).Select(c => c.ToString()));
        Assert.Equal("m: a → b", low.ToString());

        // The exit is never proposed, so it is not in the checks either; Decide lists it.
        Assert.DoesNotContain(m.Propose("a", new StageFacts()).Checks, c => c.Kind == TransitionKind.Exit);
        Assert.Equal("m: stays in a; a → c [skip]: blocked by n ≥ 5: fact missing; a → b: blocked by n ≥ 1: fact missing", m.Propose("a", new StageFacts()).ToString());
    }

    [Fact]
    public void Life1_AnyOfGuard_IsMissingOnlyWhenEveryAlternativeIsMissing()
    {
        const string Guard = "(amountChange ≤ -0.3 or renewalRefused)";
        GuardResult Verdict(StageFacts facts) => Assert.Single(Life.Decide("maturity", "decline", facts).Moves).Guards.Single();

        Assert.Equal(new GuardResult(Guard, GuardState.FactMissing, "amountChange ≤ -0.3: missing; renewalRefused: missing"), Verdict(new StageFacts()));
        Assert.Equal(new GuardResult(Guard, GuardState.Failed, "amountChange ≤ -0.3: 0.1; renewalRefused: missing"), Verdict(new StageFacts().With("amountChange", 0.1m)));
        Assert.Equal(new GuardResult(Guard, GuardState.Failed, "amountChange ≤ -0.3: 0.1; renewalRefused: false"), Verdict(new StageFacts().With("amountChange", 0.1m).With("renewalRefused", false)));
        Assert.Equal(new GuardResult(Guard, GuardState.Passed, "amountChange ≤ -0.3: missing; renewalRefused: true"), Verdict(new StageFacts().With("renewalRefused", true)));
        Assert.Equal(new GuardResult(Guard, GuardState.Passed, "amountChange ≤ -0.3: -0.3; renewalRefused: missing"), Verdict(new StageFacts().With("amountChange", -0.3m)));
        Assert.Equal($"{Guard}: fact missing", Verdict(new StageFacts()).ToString());
    }

    [Fact]
    public void Life_NumberGuard_WithBothBounds_IncludesBothEnds()
    {
        var m = Compile("""{ "stages": ["a", "b"], "facts": { "n": "number", "f": "boolean" }, "transitions": [ { "from": "a", "to": "b", "guards": [ { "fact": "n", "atLeast": 1, "atMost": 2.5 }, { "fact": "f", "is": false } ] } ] }""");
        var facts = new StageFacts().With("f", false);
        Assert.Equal([false, true, true, false], new[] { 0.999999m, 1m, 2.5m, 2.500001m }.Select(n => m.Decide("a", "b", facts.With("n", n)).Allowed));
        Assert.Equal(
            "a → b: blocked by n ≥ 1 and n ≤ 2.5: failed (is 3); not f: failed (is true)",
            m.Decide("a", "b", new StageFacts().With("n", 3m).With("f", true)).Moves.Single().ToString());
        Assert.Equal("m: a → b: allowed", m.Decide("a", "b", facts.With("n", 2m)).ToString());
        Assert.Equal(["n ≥ 1 and n ≤ 2.5: passed (is 2)", "not f: passed (is false)"], m.Decide("a", "b", facts.With("n", 2m)).Moves.Single().Guards.Select(g => g.ToString()));
        Assert.Equal("stateDiagram-v2\n    [*] --> a\n    a --> b : n ≥ 1 and n ≤ 2.5 and not f\n", m.ToMermaid());
    }

    [Fact]
    public void Life_AFactOfTheWrongKind_IsReportedAsSuch_NotAsMissing()
    {
        // A number guard does not read a boolean of the same name, and the other way round; the verdict says which
        // kind the record gave, because "missing" would send the user looking for a fact that is there (issue 10).
        var flag = Funnel.Decide("lead", "prospect", new StageFacts().With("leadScore", true));
        Assert.Equal([new GuardResult("leadScore ≥ 5", GuardState.WrongKind, "true")], flag.FailedGuards);
        Assert.Equal("leadScore ≥ 5: fact of the wrong kind (is true, a number is needed)", flag.FailedGuards[0].ToString());
        Assert.False(flag.FailedGuards[0].Passed);
        var number = Funnel.Decide("intent", "negotiation", new StageFacts().With("quoteSent", 1.5m));
        Assert.Equal([new GuardResult("quoteSent", GuardState.WrongKind, "1.5")], number.FailedGuards);
        Assert.Equal("quoteSent: fact of the wrong kind (is 1.5, true or false is needed)", number.FailedGuards[0].ToString());
        Assert.Equal("guards failed", number.Reason);
        var negated = Compile("""{ "stages": ["a", "b"], "facts": { "f": "boolean" }, "transitions": [ { "from": "a", "to": "b", "guards": [ { "fact": "f", "is": false } ] } ] }""");
        Assert.Equal([new GuardResult("not f", GuardState.WrongKind, "0")], negated.Decide("a", "b", new StageFacts().With("f", 0m)).FailedGuards);
    }

    [Fact]
    public void Life_UnknownStage_IsNamedWithTheMachinesStages()
    {
        const string Message = "'nowhere' is not a stage of 'funnel' (stages: lead, prospect, intent, negotiation, won, repeat, lost)";
        var decision = Funnel.Decide("nowhere", "lead", new StageFacts());
        Assert.Equal((false, Message), (decision.Allowed, decision.Reason));
        Assert.Empty(decision.Moves);
        Assert.Equal($"funnel: nowhere → lead: rejected, {Message}", decision.ToString());

        var error = Assert.Throws<ArgumentException>(() => Funnel.Propose("nowhere", new StageFacts()));
        Assert.Equal(("stage", $"{Message} (Parameter 'stage')"), (error.ParamName, error.Message));
        Assert.Equal("stage", Assert.Throws<ArgumentException>(() => Funnel.Propose(null!, new StageFacts())).ParamName);
        Assert.True(Funnel.IsFinal("nowhere"));
        Assert.True(Funnel.IsFinal("repeat"));
        Assert.False(Funnel.IsFinal("won"));
    }

    [Fact]
    public void Life_NullArguments_AreRefusedByName()
    {
        Assert.Equal("facts", Assert.Throws<ArgumentNullException>(() => Funnel.Propose("lead", null!)).ParamName);
        Assert.Equal("stage", Assert.Throws<ArgumentNullException>(() => Funnel.Decide(null!, "prospect", new StageFacts())).ParamName);
        Assert.Equal("to", Assert.Throws<ArgumentNullException>(() => Funnel.Decide("lead", null!, new StageFacts())).ParamName);
        Assert.Equal("facts", Assert.Throws<ArgumentNullException>(() => Funnel.Decide("lead", "prospect", null!)).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => new StageFacts().With(null!, 1m)).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => new StageFacts().With(null!, true)).ParamName);
    }

    [Fact]
    public void Life_StageFacts_ReplaceByNameAndPrintSorted()
    {
        var facts = new StageFacts().With("zeta", true).With("alpha", 1.50m).With("mid", false);
        Assert.Equal(["alpha", "mid", "zeta"], facts.Names);
        Assert.Equal("alpha=1.5; mid=false; zeta=true", facts.ToString());

        // A number replaces a boolean of the same name and the other way round: one fact per name.
        Assert.Equal("alpha=1.5; mid=2; zeta=true", facts.With("mid", 2m).ToString());
        Assert.Equal("alpha=true; mid=false; zeta=true", facts.With("alpha", true).ToString());
        Assert.Equal("alpha=1.5; mid=false; zeta=true", facts.ToString());
        Assert.Equal("", StageFacts.Empty.ToString());
        Assert.Empty(StageFacts.Empty.Names);
    }

    [Fact]
    public void Life3_DecisionTexts_AndPermittedMoves()
    {
        var allowed = Funnel.Decide("lead", "prospect", new StageFacts().With("leadScore", 5m));
        Assert.Equal("funnel: lead → prospect: allowed", allowed.ToString());
        Assert.Null(allowed.Reason);
        Assert.Empty(allowed.FailedGuards);
        Assert.Equal(["prospect", "lost"], allowed.Permitted);

        var final = Funnel.Decide("repeat", "won", new StageFacts());
        Assert.Equal("funnel: repeat → won: rejected, 'repeat' is a final stage of 'funnel': no move leaves it", final.ToString());

        // Two moves to the same stage (b → c and the '*' exit to c) count once among the permitted stages.
        var m = Compile("""{ "stages": ["a", "b", "c"], "transitions": [ { "from": "a", "to": "b" }, { "from": "b", "to": "c" }, { "from": "*", "to": "c", "kind": "exit" } ] }""");
        Assert.Equal(["b", "c"], m.Decide("a", "a", new StageFacts()).Permitted);
        Assert.Equal(["c"], m.Decide("b", "a", new StageFacts()).Permitted);
        Assert.Equal(2, m.Decide("b", "a", new StageFacts()).Moves.Count);
        Assert.Equal("funnel: lead → prospect → intent → negotiation → won → repeat → lost", Funnel.ToString());
        Assert.Equal(["lead", "prospect", "intent", "negotiation", "won", "repeat", "lost"], Funnel.Stages);
        Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, allowed.Fingerprint);
        Assert.Equal("funnel", allowed.Machine);
    }

    [Fact]
    public void Life_Proposal_ListsTheBlockedMovesOfTheProposedStageOnly()
    {
        var facts = new StageFacts().With("leadScore", 7m).With("needClear", true);
        var proposal = Funnel.Propose("lead", facts);
        Assert.Equal(("lead", "prospect"), (proposal.Stage, proposal.Proposed));
        Assert.Equal([("lead", "prospect"), ("prospect", "intent")], proposal.Checks.Select(c => (c.From, c.To)));
        Assert.Equal([("prospect", "intent")], proposal.Blocked.Select(c => (c.From, c.To)));
        Assert.Equal("funnel: lead → prospect; prospect → intent: blocked by budgetConfirmed: fact missing; authorityClear: fact missing", proposal.ToString());
        Assert.Equal("funnel: stays in repeat", Funnel.Propose("repeat", facts).ToString());
    }

    [Fact]
    public void Life_InvalidTransitionKind_IsRefused()
    {
        var check = new TransitionCheck("a", "b", (TransitionKind)4, []);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => check.ToString());
        Assert.Equal("kind", error.ParamName);
        Assert.StartsWith("not a transition kind", error.Message, StringComparison.Ordinal);
        Assert.Equal("a → b [exit]: open", new TransitionCheck("a", "b", TransitionKind.Exit, []).ToString());
    }

    [Fact]
    public void Life_Mermaid_ListsKindsAndGuards()
    {
        var age = TestRules.FreshSeed().Lifecycle.Machine("ageStages")!;
        Assert.Equal(
            "stateDiagram-v2\n    [*] --> new\n"
            + "    new --> growing : daysSinceFirstPurchase ≥ 90 and activityRising\n"
            + "    growing --> mature : daysSinceFirstPurchase ≥ 366 and stableRepeatPurchases\n"
            + "    new --> churnRisk : [skip] daysSinceLastActivity ≥ 90\n"
            + "    growing --> churnRisk : [skip] daysSinceLastActivity ≥ 90\n"
            + "    mature --> churnRisk : [skip] daysSinceLastActivity ≥ 90\n"
            + "    churnRisk --> growing : [back] daysSinceLastActivity ≤ 89\n",
            age.ToMermaid());
    }

    [Theory]
    [InlineData(GuardState.Passed, "4", "g: passed (is 4)")]
    [InlineData(GuardState.Failed, "4", "g: failed (is 4)")]
    [InlineData(GuardState.WrongKind, "true", "g: fact of the wrong kind (is true, a number is needed)")]
    [InlineData(GuardState.WrongKind, "4", "g: fact of the wrong kind (is 4, true or false is needed)")]
    [InlineData(GuardState.FactMissing, "missing", "g: fact missing")]
    [InlineData((GuardState)7, "x", "g: fact missing")] // a state the machine never makes reads as it always did
    public void AGuardsVerdict_ReadsTheSameWordsWhateverItsState(GuardState state, string actual, string text)
        => Assert.Equal(text, new GuardResult("g", state, actual).ToString());
}

