using BenchmarkDotNet.Attributes;
using Crm.Rules.Lifecycle;

namespace Crm.Rules.Benchmarks;

/// <summary>Proposing the funnel stage of one lead whose facts carry it to "won" (LIFE-3).</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class LifecycleProposalBenchmarks
{
    private readonly StateMachine _funnel = CrmRuleSet.SeedStandard.Lifecycle.Machine("funnel")!;
    private readonly StageFacts _facts = new StageFacts().With("leadScore", 6m).With("needClear", true).With("budgetConfirmed", true)
        .With("authorityClear", true).With("quoteSent", true).With("contractSigned", true);

    private readonly Dictionary<string, object> _bag = new()
    {
        ["leadScore"] = 6m, ["needClear"] = true, ["budgetConfirmed"] = true, ["authorityClear"] = true, ["quoteSent"] = true, ["contractSigned"] = true,
    };

    /// <summary>The funnel hard-coded as an if-chain over a property bag: no explanation, no configuration.</summary>
    [Benchmark(Baseline = true, Description = "hand-written if-chain over a property bag")]
    public string HandWritten()
    {
        var stage = "lead";
        bool Flag(string n) => _bag.TryGetValue(n, out var v) && v is true;
        if (stage == "lead" && _bag.TryGetValue("leadScore", out var s) && (decimal)s >= 5m)
        {
            stage = "prospect";
        }

        if (stage == "prospect" && Flag("needClear") && Flag("budgetConfirmed") && Flag("authorityClear"))
        {
            stage = "intent";
        }

        if (stage == "intent" && Flag("quoteSent"))
        {
            stage = "negotiation";
        }

        if (stage == "negotiation" && Flag("contractSigned"))
        {
            stage = "won";
        }

        return stage;
    }

    [Benchmark(Description = "Crm.Rules: StateMachine.Propose (every guard explained)")]
    public string CrmRules() => _funnel.Propose("lead", _facts).Proposed;
}
