using Crm.Rules.Configuration;
using Crm.Rules.Lifecycle;

namespace Crm.Rules.Tests.Lifecycle;

/// <summary>
/// Every lifecycle validation message with its path, the valid edges next to each invalid value, and the options only
/// code can build (JSON null removes a map entry instead). The seed's own machines are valid, so each case expects
/// exactly the problems of the machine it adds.
/// </summary>
public class LifecycleValidationTests
{
    private static string Machine(string body) => $$"""{ "lifecycle": { "machines": { "m": {{body}} } } }""";

    [Theory]
    [InlineData("""{ "lifecycle": { "machines": { "m": { "stages": [] } } } }""")]
    [InlineData("""{ "lifecycle": { "machines": { "m": { "stages": ["a", "a"] } } } }""")]
    [InlineData("""{ "lifecycle": { "machines": { "m": { "stages": ["a", " "] } } } }""")]
    public void Life_BrokenStageList_IsTheOnlyProblemReportedForItsMachine(string json)
    {
        // The transitions name stages that are not there; with no usable stage list they are not checked as well.
        var withTransitions = json.Replace("] } } } }", """], "transitions": [ { "from": "x", "to": "y", "kind": "jump" } ] } } } }""", StringComparison.Ordinal);
        Assert.Equal(["lifecycle.machines.m.stages: must list at least one stage, each once, without empty names"], TestRules.ProblemsOf(withTransitions));
    }

    [Theory]
    [InlineData("""{ "stages": ["a", "b"], "facts": { "x": "text" }, "transitions": [ { "from": "a", "to": "b" } ] }""",
        "lifecycle.machines.m.facts.x: must be \"number\" or \"boolean\"; got \"text\"")]
    [InlineData("""{ "stages": ["a", "b"], "transitions": [ { "from": "z", "to": "b" } ] }""",
        "lifecycle.machines.m.transitions[0].from: 'z' is not a stage (stages: a, b; '*' for any)|lifecycle.machines.m.stages: 'b' cannot be reached from 'a': no chain of transitions leads to it")]
    [InlineData("""{ "stages": ["a", "b"], "transitions": [ { "from": "a", "to": "b", "kind": "jump" } ] }""",
        "lifecycle.machines.m.transitions[0].kind: must be one of next, skip, back, exit; got \"jump\"")]
    [InlineData("""{ "stages": ["a", "b"], "transitions": [ { "from": "a", "to": "b" }, { "from": "b", "to": "a" } ] }""",
        "lifecycle.machines.m.transitions[1].kind: 'b' → 'a' is not a move to the next stage; say \"skip\" or \"back\" to allow it explicitly")]
    [InlineData("""{ "stages": ["a", "b"], "transitions": [ { "from": "a", "to": "b" }, { "from": "b", "to": "b" } ] }""",
        "lifecycle.machines.m.transitions[1].kind: 'b' → 'b' is not a move to the next stage; say \"skip\" or \"back\" to allow it explicitly")]
    [InlineData("""{ "stages": ["a", "b"], "facts": { "f": "boolean" }, "transitions": [ { "from": "a", "to": "b", "guards": [ { "fact": "f", "atLeast": 1 } ] } ] }""",
        "lifecycle.machines.m.transitions[0].guards[0]: 'f' is a boolean: test it with \"is\"")]
    [InlineData("""{ "stages": ["a", "b"], "facts": { "f": "boolean" }, "transitions": [ { "from": "a", "to": "b", "guards": [ { "fact": "f" } ] } ] }""",
        "lifecycle.machines.m.transitions[0].guards[0]: 'f' is a boolean: test it with \"is\"")]
    [InlineData("""{ "stages": ["a", "b"], "facts": { "f": "boolean" }, "transitions": [ { "from": "a", "to": "b", "guards": [ { "fact": "f", "is": true, "atMost": 1 } ] } ] }""",
        "lifecycle.machines.m.transitions[0].guards[0]: 'f' is a boolean: test it with \"is\"")]
    [InlineData("""{ "stages": ["a", "b"], "facts": { "n": "number" }, "transitions": [ { "from": "a", "to": "b", "guards": [ { "fact": "n" } ] } ] }""",
        "lifecycle.machines.m.transitions[0].guards[0]: 'n' is a number: test it with \"atLeast\" and/or \"atMost\"")]
    [InlineData("""{ "stages": ["a", "b"], "facts": { "n": "number" }, "transitions": [ { "from": "a", "to": "b", "guards": [ { "fact": "n", "atMost": 3, "is": false } ] } ] }""",
        "lifecycle.machines.m.transitions[0].guards[0]: 'n' is a number: test it with \"atLeast\" and/or \"atMost\"")]
    [InlineData("""{ "stages": ["a", "b"], "facts": { "n": "number", "f": "boolean" }, "transitions": [ { "from": "a", "to": "b", "guards": [ { "anyOf": [ { "fact": "n", "atLeast": 1 }, { "fact": "g", "is": true } ] } ] } ] }""",
        "lifecycle.machines.m.transitions[0].guards[0].anyOf[1].fact: 'g' is not a fact of this machine (facts: n, f)")]
    [InlineData("""{ "stages": ["a", "b"], "facts": { "n": "number" }, "transitions": [ { "from": "a", "to": "b", "guards": [ { "atLeast": 1 } ] } ] }""",
        "lifecycle.machines.m.transitions[0].guards[0].fact: '' is not a fact of this machine (facts: n)")]
    [InlineData("""{ "stages": ["a", "b"], "facts": { "n": "number" }, "transitions": [ { "from": "a", "to": "b", "guards": [ { "anyOf": [], "atLeast": 1 } ] } ] }""",
        "lifecycle.machines.m.transitions[0].guards[0].fact: '' is not a fact of this machine (facts: n)")]
    [InlineData("""{ "stages": ["a", "b", "c"], "transitions": [ { "from": "b", "to": "c" } ] }""",
        "lifecycle.machines.m.stages: 'b' cannot be reached from 'a': no chain of transitions leads to it|lifecycle.machines.m.stages: 'c' cannot be reached from 'a': no chain of transitions leads to it")]
    public void Life_BrokenMachine_IsReportedWithItsPathAndSentence(string machine, string expected)
        => Assert.Equal(expected.Split('|'), TestRules.ProblemsOf(Machine(machine)));

    [Theory]
    // Validation sees the edges in configuration order: b → c is only usable after a → b has been seen, in a second pass.
    [InlineData("""{ "stages": ["a", "b", "c"], "transitions": [ { "from": "b", "to": "c" }, { "from": "a", "to": "b" } ] }""")]
    // '*' stands for every other stage, so it reaches c from a; it has many sources and so no "next" step to check.
    [InlineData("""{ "stages": ["a", "b", "c"], "transitions": [ { "from": "a", "to": "b" }, { "from": "*", "to": "c" } ] }""")]
    [InlineData("""{ "stages": ["a", "b", "c"], "transitions": [ { "from": "a", "to": "b" }, { "from": "*", "to": "c", "kind": "skip" } ] }""")]
    // skip, back and exit may go anywhere; only "next" is held to the stage order.
    [InlineData("""{ "stages": ["a", "b", "c"], "transitions": [ { "from": "a", "to": "c", "kind": "skip" }, { "from": "c", "to": "b", "kind": "back" }, { "from": "b", "to": "a", "kind": "exit" } ] }""")]
    // One stage and no transition is a machine whose only stage is final.
    [InlineData("""{ "stages": ["only"] }""")]
    [InlineData("""{ "stages": ["a", "b"], "facts": { "n": "number", "f": "boolean" }, "transitions": [ { "from": "a", "to": "b", "guards": [ { "fact": "n", "atLeast": 1, "atMost": 2 }, { "fact": "n", "atMost": 0 }, { "fact": "f", "is": false }, { "anyOf": [ { "fact": "f", "is": true }, { "fact": "n", "atLeast": 5 } ] } ] } ] }""")]
    public void Life_ValidMachine_HasNoProblems(string machine)
        => Assert.Empty(TestRules.ProblemsOf(Machine(machine)));

    [Fact]
    public void Life_EveryProblemOfOneTransitionIsReportedTogether()
        => Assert.Equal(
            [
                "lifecycle.machines.m.transitions[1].from: 'x' is not a stage (stages: a, b; '*' for any)",
                "lifecycle.machines.m.transitions[1].to: 'y' is not a stage (stages: a, b)",
                "lifecycle.machines.m.transitions[2]: duplicates the transition 'a' → 'b'; combine alternatives with anyOf",
                "lifecycle.machines.m.transitions[2].guards[0].fact: 'q' is not a fact of this machine (facts: )",
            ],
            TestRules.ProblemsOf(Machine("""{ "stages": ["a", "b"], "transitions": [ { "from": "a", "to": "b" }, { "from": "x", "to": "y", "kind": "skip" }, { "from": "a", "to": "b", "guards": [ { "fact": "q", "is": true } ] } ] }""")));

    [Theory]
    [InlineData("""{ "promoteAtGrowth": 0 }""", false)]
    [InlineData("""{ "promoteAtGrowth": -0.1 }""", false)]
    [InlineData("""{ "promoteAtGrowth": 0.000001 }""", true)]
    [InlineData("""{ "growthWindowMonths": 0 }""", false)]
    [InlineData("""{ "growthWindowMonths": 1 }""", true)]
    [InlineData("""{ "demoteAfterMissedReviews": 0 }""", false)]
    [InlineData("""{ "demoteAfterMissedReviews": 1 }""", true)]
    public void Grade6_KeyAccountSettings_MustBePositive(string keyAccounts, bool valid)
    {
        var problems = TestRules.ProblemsOf($$"""{ "lifecycle": { "keyAccounts": {{keyAccounts}} } }""");
        Assert.Equal(valid ? [] : ["lifecycle.keyAccounts: promoteAtGrowth must be positive, growthWindowMonths and demoteAfterMissedReviews at least 1"], problems);
    }

    public static TheoryData<string[], Action<LifecycleOptions>> CodeCases => new()
    {
        { ["lifecycle.machines.funnel: must not be null"], o => o.Machines["funnel"] = null! },
        { ["lifecycle.machines.funnel.stages: must list at least one stage, each once, without empty names"], o => o.Machines["funnel"].Stages = null! },
        { ["lifecycle.machines.funnel.stages: must list at least one stage, each once, without empty names"], o => o.Machines["funnel"].Stages = ["lead", null!] },
        {
            // Without facts every guard names an unknown fact; without transitions only the first stage is reachable.
            ["lifecycle.machines.funnel.transitions[0].guards[0].fact: 'leadScore' is not a fact of this machine (facts: )"],
            o =>
            {
                o.Machines["funnel"].Facts = null!;
                o.Machines["funnel"].Transitions.RemoveRange(1, o.Machines["funnel"].Transitions.Count - 1);
                o.Machines["funnel"].Stages = ["lead", "prospect"];
            }
        },
        {
            ["lifecycle.machines.m.stages: 'b' cannot be reached from 'a': no chain of transitions leads to it"],
            o => o.Machines["m"] = new StateMachineOptions { Stages = ["a", "b"], Transitions = null! }
        },
        {
            ["lifecycle.machines.m.transitions[0].kind: must be one of next, skip, back, exit; got \"\""],
            o => o.Machines["m"] = new StateMachineOptions { Stages = ["a", "b"], Transitions = [new TransitionOptions { From = "a", To = "b", Kind = null!, Guards = null! }] }
        },
        { [], o => o.Machines = null! },
        { ["lifecycle.keyAccounts: promoteAtGrowth must be positive, growthWindowMonths and demoteAfterMissedReviews at least 1"], o => o.KeyAccounts = null! },
    };

    [Theory]
    [MemberData(nameof(CodeCases))]
    public void Life_OptionsBuiltInCode_AreValidatedWithoutCrashing(string[] expected, Action<LifecycleOptions> change)
    {
        var options = new CrmRulesOptions();
        change(options.Lifecycle);
        Assert.Equal(expected, CrmRulesValidation.Validate(options).Select(e => e.ToString()));
    }

    [Fact]
    public void Life_TransitionWithoutFromOrTo_NamesTheEmptyStage()
    {
        // TransitionOptions defaults From and To to "": a transition that leaves them out is reported, never compiled.
        var options = new CrmRulesOptions();
        options.Lifecycle.Machines["m"] = new StateMachineOptions { Stages = ["a"], Transitions = [new TransitionOptions()] };
        Assert.Equal(
            [
                "lifecycle.machines.m.transitions[0].from: '' is not a stage (stages: a; '*' for any)",
                "lifecycle.machines.m.transitions[0].to: '' is not a stage (stages: a)",
            ],
            CrmRulesValidation.Validate(options).Select(e => e.ToString()));
    }
}
