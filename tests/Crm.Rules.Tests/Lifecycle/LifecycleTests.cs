using Crm.Rules.Lifecycle;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace Crm.Rules.Tests.Lifecycle;

[Properties(Arbitrary = [typeof(LifecycleArbitraries)], MaxTest = PropertyRuns.MaxTest)]
public class LifecycleTests
{
    private static readonly LifecycleRules Seed = CrmRuleSet.SeedStandard.Lifecycle;
    private static readonly StateMachine Funnel = Seed.Machine("funnel")!;
    private static readonly StateMachine Life = Seed.Machine("lifecycle")!;

    [Fact]
    public void Life3_LeadBecomesProspectAtFivePoints()
    {
        Assert.Equal("prospect", Funnel.Propose("lead", new StageFacts().With("leadScore", 5m)).Proposed);
        var stuck = Funnel.Propose("lead", new StageFacts().With("leadScore", 4m));
        Assert.Equal("lead", stuck.Proposed);
        Assert.Equal(new GuardResult("leadScore ≥ 5", GuardState.Failed, "4"), stuck.Checks.Single().Guards.Single());
    }

    [Fact]
    public void Life3_IntentNeedsNeedBudgetAndAuthority()
    {
        var facts = new StageFacts().With("needClear", true).With("budgetConfirmed", true).With("authorityClear", false);
        var decision = Funnel.Decide("prospect", "intent", facts);
        Assert.False(decision.Allowed);
        Assert.Equal(["authorityClear"], decision.FailedGuards.Select(g => g.Guard));
        Assert.True(Funnel.Decide("prospect", "intent", facts.With("authorityClear", true)).Allowed);
    }

    [Fact]
    public void Life3_WonNeedsASignedContract_AndProposalsFollowEveryPassingGuard()
    {
        Assert.False(Funnel.Decide("negotiation", "won", new StageFacts()).Allowed);
        var facts = new StageFacts().With("leadScore", 6m).With("needClear", true).With("budgetConfirmed", true).With("authorityClear", true)
            .With("quoteSent", true).With("contractSigned", true);
        var proposal = Funnel.Propose("lead", facts);
        Assert.Equal("won", proposal.Proposed);
        Assert.Equal(["prospect", "intent", "negotiation", "won"], proposal.Path.Select(p => p.To));
    }

    [Fact]
    public void Life3_LostFromAnyOpenStageOnlyOnRequest()
    {
        foreach (var stage in new[] { "lead", "prospect", "intent", "negotiation" })
        {
            Assert.True(Funnel.Decide(stage, "lost", new StageFacts()).Allowed);
            Assert.NotEqual("lost", Funnel.Propose(stage, new StageFacts()).Proposed);
        }

        Assert.False(Funnel.Decide("won", "lost", new StageFacts()).Allowed);
    }

    [Fact]
    public void IllegalTransitionsAreRejectionsNotExceptions()
    {
        var skip = Funnel.Decide("lead", "won", new StageFacts().With("contractSigned", true));
        Assert.False(skip.Allowed);
        Assert.Equal("'funnel' has no transition from 'lead' to 'won'", skip.Reason);
        Assert.Equal(["lost"], skip.Permitted);
        var back = Funnel.Decide("intent", "lead", new StageFacts());
        Assert.False(back.Allowed);
        Assert.False(Funnel.Decide("nowhere", "lead", new StageFacts()).Allowed);
        Assert.Throws<ArgumentException>(() => Funnel.Propose("nowhere", new StageFacts()));
    }

    [Fact]
    public void RejectedMove_ListsEveryMoveOutOfTheStageWithEachGuardsState()
    {
        var facts = new StageFacts().With("needClear", true).With("budgetConfirmed", false);
        var decision = Funnel.Decide("prospect", "negotiation", facts);
        Assert.False(decision.Allowed);
        Assert.Equal(["intent", "lost"], decision.Moves.Select(m => m.To));
        var intent = decision.Moves[0];
        Assert.Equal(TransitionKind.Next, intent.Kind);
        Assert.Equal([GuardState.Passed, GuardState.Failed, GuardState.FactMissing], intent.Guards.Select(g => g.State));
        Assert.Equal(TransitionKind.Exit, decision.Moves[1].Kind);
        Assert.Equal(["lost"], decision.Permitted);
        Assert.Equal(
            "funnel: prospect → negotiation: rejected, 'funnel' has no transition from 'prospect' to 'negotiation'; moves out of prospect: "
            + "prospect → intent: blocked by budgetConfirmed: failed (is false); authorityClear: fact missing; prospect → lost [exit]: open",
            decision.ToString());
    }

    [Fact]
    public void RejectedMove_OutOfAFinalStageSaysSo()
    {
        var decision = Funnel.Decide("lost", "lead", new StageFacts());
        Assert.False(decision.Allowed);
        Assert.Equal("'lost' is a final stage of 'funnel': no move leaves it", decision.Reason);
        Assert.Empty(decision.Moves);

        // won → lead is no move, and the answer shows the one move out of won and what blocks it.
        var back = Funnel.Decide("won", "lead", new StageFacts());
        Assert.Equal("funnel: won → lead: rejected, 'funnel' has no transition from 'won' to 'lead'; moves out of won: won → repeat: blocked by purchaseCount ≥ 2: fact missing", back.ToString());
        var repeat = Funnel.Decide("won", "repeat", new StageFacts());
        Assert.Equal([new GuardResult("purchaseCount ≥ 2", GuardState.FactMissing, "missing")], repeat.FailedGuards);
    }

    [Fact]
    public void Proposal_NamesTheMoveEachFailedGuardBlocks()
    {
        var proposal = Funnel.Propose("prospect", new StageFacts().With("needClear", true).With("budgetConfirmed", true));
        Assert.Equal("prospect", proposal.Proposed);
        var blocked = Assert.Single(proposal.Blocked);
        Assert.Equal(("prospect", "intent"), (blocked.From, blocked.To));
        Assert.Equal(["authorityClear"], blocked.Blocking.Select(g => g.Guard));
        Assert.Equal("funnel: stays in prospect; prospect → intent: blocked by authorityClear: fact missing", proposal.ToString());
    }

    [Fact]
    public void Proposal_NeverEntersAStageTwice()
    {
        // a → b and b → a both pass: the loop guard stops after one move instead of cycling.
        var rules = TestRules.FromJson("""
            {"lifecycle":{"machines":{"loop":{"stages":["a","b"],"facts":{"x":"number"},"transitions":[
              {"from":"a","to":"b","guards":[{"fact":"x","atLeast":0}]},
              {"from":"b","to":"a","kind":"back","guards":[{"fact":"x","atLeast":0}]}]}}}}
            """).Lifecycle;
        var proposal = rules.Machine("loop")!.Propose("a", new StageFacts().With("x", 1m));
        Assert.Equal("b", proposal.Proposed);
        Assert.Equal(["b"], proposal.Path.Select(p => p.To));
        Assert.Equal(2, proposal.Checks.Count);
    }

    [Fact]
    public void StageFacts_WithReturnsANewValue()
    {
        var empty = new StageFacts();
        var one = empty.With("leadScore", 5m);
        var flag = one.With("leadScore", true);
        Assert.Equal("", empty.ToString());
        Assert.Equal("leadScore=5", one.ToString());
        Assert.Equal("leadScore=true", flag.ToString());
        Assert.Equal("lead", Funnel.Propose("lead", empty).Proposed);
        Assert.Equal("prospect", Funnel.Propose("lead", one).Proposed);
    }

    [Fact]
    public void Life1_GrowthToMaturityNeedsTwoYearsAndAStableAmount()
    {
        var facts = new StageFacts().With("repeatPurchasesWithin6Months", 2m).With("yearsOfBusiness", 2m).With("yearlyAmountStable", true);
        Assert.Equal("maturity", Life.Propose("growth", facts).Proposed);
        Assert.Equal("growth", Life.Propose("growth", facts.With("yearsOfBusiness", 1.9m)).Proposed);
    }

    [Theory]
    [InlineData(-0.30, false, "decline")]
    [InlineData(-0.29, false, "maturity")]
    [InlineData(0.10, true, "decline")]
    public void Life1_DeclineWhenAmountDown30PercentOrRenewalRefused(double change, bool refused, string expected)
        => Assert.Equal(expected, Life.Propose("maturity", new StageFacts().With("amountChange", (decimal)change).With("renewalRefused", refused)).Proposed);

    [Fact]
    public void Life1_ChurnedAndWonBack_AndExplicitBackwardMoves()
    {
        Assert.Equal("churned", Life.Propose("decline", new StageFacts().With("churned", true).With("amountChange", -0.5m).With("renewalRefused", true)).Proposed);
        Assert.Equal("wonBack", Life.Propose("churned", new StageFacts().With("purchasedAgain", true)).Proposed);
        Assert.True(Life.Decide("decline", "maturity", new StageFacts().With("amountChange", 0.05m).With("renewalRefused", false)).Allowed);
        Assert.False(Life.Decide("maturity", "acquisition", new StageFacts()).Allowed);
    }

    [Fact]
    public void Life2_AgeBasedStagesAreAnAlternativeMachine()
    {
        var age = Seed.Machine("ageStages")!;
        Assert.Equal("growing", age.Propose("new", new StageFacts().With("daysSinceFirstPurchase", 120m).With("activityRising", true).With("daysSinceLastActivity", 3m)).Proposed);
        Assert.Equal("churnRisk", age.Propose("mature", new StageFacts().With("daysSinceLastActivity", 95m)).Proposed);
    }

    [Fact]
    public void Life5_TimeInStageAndFunnelAnalytics()
    {
        var t0 = Instant.FromUtc(2026, 1, 5, 0, 0);
        StageEntry E(string stage, int day, string? reason = null) => new(stage, t0 + Duration.FromDays(day), reason);
        IReadOnlyList<StageEntry>[] histories =
        [
            [E("lead", 0), E("prospect", 4), E("intent", 10), E("negotiation", 20), E("won", 30)],
            [E("lead", 1), E("prospect", 3), E("lost", 9, "price")],
            [E("lead", 2), E("lost", 5, "no budget")],
            [E("lead", 3), E("prospect", 9)],
        ];

        var spans = LifecycleRules.TimeInStages(histories[0], t0 + Duration.FromDays(40));
        Assert.Equal(Duration.FromDays(4), spans[0].Duration);
        Assert.Equal(Duration.FromDays(10), spans[^1].Duration); // still in "won" at the as-of instant

        var report = Seed.Funnel(Funnel, histories, t0, t0 + Duration.FromDays(60));
        var leadToProspect = report.Conversions.Single(c => c.From == "lead");
        Assert.Equal((4, 3, 0.75m), (leadToProspect.Entered, leadToProspect.Converted, leadToProspect.Rate));
        Assert.Equal((3, 1), (report.Conversions.Single(c => c.From == "prospect").Entered, report.Conversions.Single(c => c.From == "prospect").Converted));
        Assert.Equal(Duration.FromDays(3.5), report.MedianTimeInStage["lead"]); // 4, 2, 3, 6 days
        Assert.Equal(1, report.Outcomes["won"]["(no reason)"]);
        Assert.Equal(1, report.Outcomes["lost"]["price"]);
        Assert.Equal(1, report.Outcomes["lost"]["no budget"]);
    }

    [Fact]
    public void Grade6_KeyAccountPromotionAndDemotion()
    {
        Assert.Equal("promote", Seed.KeyAccount(AccountStanding.Potential, 100_000m, 150_000m, 0).Action.ToString().ToLowerInvariant());
        Assert.Equal("keep", Seed.KeyAccount(AccountStanding.Potential, 100_000m, 149_999m, 0).Action.ToString().ToLowerInvariant());
        Assert.Equal("demote", Seed.KeyAccount(AccountStanding.KeyAccount, 0m, 0m, 2).Action.ToString().ToLowerInvariant());
        Assert.Equal("keep", Seed.KeyAccount(AccountStanding.KeyAccount, 0m, 0m, 1).Action.ToString().ToLowerInvariant());
        Assert.StartsWith("purchases up 50% within 6 months", Seed.KeyAccount(AccountStanding.Potential, 100m, 150m, 0).Reason, StringComparison.Ordinal);
        var none = Seed.KeyAccount(AccountStanding.Potential, 0m, 1_000_000m, 0);
        Assert.Equal(KeyAccountAction.Keep, none.Action);
        Assert.Equal("keep: purchases up unknown (no purchases before) within 6 months (promote from 50%)", none.ToString());
        Assert.Equal("missed the target in 1 review in a row (demote after 2)", Seed.KeyAccount(AccountStanding.KeyAccount, 0m, 0m, 1).Reason);
        Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, none.Fingerprint);
    }

    [Fact]
    public void Mermaid_ListsEveryTransitionWithItsGuards()
    {
        var diagram = Funnel.ToMermaid();
        Assert.StartsWith("stateDiagram-v2\n    [*] --> lead\n", diagram, StringComparison.Ordinal);
        Assert.Contains("    prospect --> intent : needClear and budgetConfirmed and authorityClear\n", diagram, StringComparison.Ordinal);
        Assert.Contains("    negotiation --> lost : [exit]\n", diagram, StringComparison.Ordinal);
        Assert.Contains("maturity --> decline : (amountChange ≤ -0.3 or renewalRefused)", Life.ToMermaid(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "lifecycle": { "machines": { "m": { "stages": ["a", "b", "c"], "facts": { "x": "boolean" }, "transitions": [ { "from": "a", "to": "b" } ] } } } }""",
        "lifecycle.machines.m.stages: 'c' cannot be reached from 'a': no chain of transitions leads to it")]
    [InlineData("""{ "lifecycle": { "machines": { "m": { "stages": ["a", "b"], "transitions": [ { "from": "a", "to": "b", "guards": [ { "fact": "y", "is": true } ] } ] } } } }""",
        "lifecycle.machines.m.transitions[0].guards[0].fact: 'y' is not a fact of this machine (facts: )")]
    [InlineData("""{ "lifecycle": { "machines": { "m": { "stages": ["a", "b"], "transitions": [ { "from": "a", "to": "b" }, { "from": "a", "to": "b" } ] } } } }""",
        "lifecycle.machines.m.transitions[1]: duplicates the transition 'a' → 'b'; combine alternatives with anyOf")]
    [InlineData("""{ "lifecycle": { "machines": { "m": { "stages": ["a", "b", "c"], "transitions": [ { "from": "a", "to": "c" }, { "from": "a", "to": "b" } ] } } } }""",
        "lifecycle.machines.m.transitions[0].kind: 'a' → 'c' is not a move to the next stage; say \"skip\" or \"back\" to allow it explicitly")]
    [InlineData("""{ "lifecycle": { "machines": { "m": { "stages": ["a", "b"], "transitions": [ { "from": "a", "to": "z" } ] } } } }""",
        "lifecycle.machines.m.transitions[0].to: 'z' is not a stage (stages: a, b)")]
    [InlineData("""{ "lifecycle": { "machines": { "m": { "stages": ["a", "b"], "facts": { "n": "number" }, "transitions": [ { "from": "a", "to": "b", "guards": [ { "fact": "n", "is": true } ] } ] } } } }""",
        "lifecycle.machines.m.transitions[0].guards[0]: 'n' is a number: test it with \"atLeast\" and/or \"atMost\"")]
    public void Validation_RejectsBrokenMachines(string json, string expected)
        => Assert.Contains(expected, TestRules.ProblemsOf(json));

    [Property]
    public bool NoSequenceOfTransitionsReachesAStageTheMachineDoesNotDefine(TransitionWalk c)
    {
        var machine = TransitionWalk.Machines[c.Machine];
        var facts = new StageFacts();
        for (var i = 0; i < TransitionWalk.Flags.Length; i++)
        {
            facts = facts.With(TransitionWalk.Flags[i], c.FlagValues[i]);
        }

        foreach (var n in new[] { "leadScore", "purchaseCount", "yearsOfBusiness", "amountChange", "daysSinceFirstPurchase", "daysSinceLastActivity", "repeatPurchasesWithin6Months" })
        {
            facts = facts.With(n, c.Number / 100m * (n == "amountChange" ? 1 : 10));
        }

        var stage = machine.Stages[0];
        foreach (var step in c.Steps)
        {
            var decision = machine.Decide(stage, machine.Stages[step], facts);
            if (decision.Allowed)
            {
                stage = decision.To;
            }

            if (!machine.Stages.Contains(stage) || !machine.Stages.Contains(machine.Propose(stage, facts).Proposed))
            {
                return false;
            }
        }

        return true;
    }

    [Property]
    public bool ConversionRatesLieInZeroOneAndAgreeWithTheCounts(FunnelHistories histories)
    {
        var report = Seed.Funnel(Funnel, histories.Entries(Funnel.Stages), Instant.FromUtc(2026, 1, 1, 0, 0), Instant.FromUtc(2026, 3, 1, 0, 0));
        return report.Conversions.All(c => c.Rate is >= 0m and <= 1m && c.Converted <= c.Entered
            && (c.Entered == 0 ? c.Rate == 0m : c.Rate == FixedPoint.Normalize((decimal)c.Converted / c.Entered)));
    }
}

/// <summary>A walk through one seed-standard machine: the stages asked for in turn (as indices), and the facts it runs on.</summary>
public sealed record TransitionWalk(int Machine, int[] Steps, bool[] FlagValues, int Number)
{
    public static readonly StateMachine[] Machines = CrmRuleSet.SeedStandard.Lifecycle.Machines.Values.ToArray();

    public static readonly string[] Flags = ["needClear", "budgetConfirmed", "authorityClear", "quoteSent", "contractSigned", "renewalRefused", "churned", "purchasedAgain"];

    public override string ToString()
    {
        var machine = Machines[Machine];
        var set = Flags.Where((_, i) => FlagValues[i]);
        return $"{machine.Name}: {string.Join(" → ", Steps.Select(s => machine.Stages[s]))}; facts [{string.Join(", ", set)}], number {Number / 100m}";
    }
}

/// <summary>One opportunity's way through the funnel: how many stages it reached, whether it was then lost, and when it started.</summary>
public sealed record FunnelHistory(int Length, bool Lost, int OffsetDays);

/// <summary>The histories of several opportunities.</summary>
public sealed record FunnelHistories(FunnelHistory[] Items)
{
    private static readonly Instant Origin = Instant.FromUtc(2026, 1, 1, 0, 0);

    public List<IReadOnlyList<StageEntry>> Entries(IReadOnlyList<string> stages) => Items.Select(h =>
        (IReadOnlyList<StageEntry>)stages.Take(Math.Min(h.Length, 5)).Select((s, k) => new StageEntry(s, Origin + Duration.FromDays(h.OffsetDays + k * 3)))
            .Concat(h.Lost && h.Length < 5 ? [new StageEntry("lost", Origin + Duration.FromDays(h.OffsetDays + 20), "price")] : [])
            .ToList()).ToList();

    public override string ToString() => $"[{string.Join(", ", Items.Select(h => $"{h.Length} stages{(h.Lost ? " then lost" : "")} from day {h.OffsetDays}"))}]";
}

public static class LifecycleArbitraries
{
    public static Arbitrary<TransitionWalk> TransitionWalk() => Arb.From(
        from m in Gen.Choose(0, Lifecycle.TransitionWalk.Machines.Length - 1)
        from steps in Gen.Choose(0, Lifecycle.TransitionWalk.Machines[m].Stages.Count - 1).ArrayOf()
        from flags in Gen.Elements(true, false).ArrayOf(8)
        from number in Gen.Choose(-100, 400)
        select new TransitionWalk(m, steps, flags, number),
        c => Shrink.Towards(c.Machine, 0)
                // Another machine may have fewer stages: keep every step a stage of the machine walked.
                .Select(m => c with { Machine = m, Steps = c.Steps.Select(s => Math.Min(s, Lifecycle.TransitionWalk.Machines[m].Stages.Count - 1)).ToArray() })
            .Concat(Shrink.Array(c.Steps, s => Shrink.Towards(s, 0)).Select(s => c with { Steps = s }))
            .Concat(Shrink.Each(c.FlagValues, Shrink.Bool).Select(f => c with { FlagValues = f }))
            .Concat(Shrink.Towards(c.Number, 0).Select(n => c with { Number = n })));

    public static Arbitrary<FunnelHistories> FunnelHistories() => Arb.From(
        from count in Gen.Choose(0, 30)
        from histories in (from length in Gen.Choose(1, 6) from lost in Gen.Elements(true, false) from offset in Gen.Choose(0, 100) select new FunnelHistory(length, lost, offset)).ArrayOf(count)
        select new FunnelHistories(histories),
        c => Shrink.Array(c.Items, h =>
                Shrink.Towards(h.Length, 1).Select(l => h with { Length = l })
                    .Concat(Shrink.Bool(h.Lost).Select(l => h with { Lost = l }))
                    .Concat(Shrink.Towards(h.OffsetDays, 0).Select(o => h with { OffsetDays = o })))
            .Select(items => new FunnelHistories(items)));
}
