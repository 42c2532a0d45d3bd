using BenchmarkDotNet.Attributes;
using Crm.Rules.Lifecycle;
using Stateless;

namespace Crm.Rules.Benchmarks;

/// <summary>
/// Proposing the funnel stage of one lead whose facts carry it to "won" (LIFE-3), and deciding its first move
/// (lead → prospect): the hand-written baseline, the explaining and the allocation-free paths of Crm.Rules, and the same
/// funnel in Stateless with guard clauses.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class LifecycleProposalBenchmarks
{
    private readonly StateMachine _funnel = CrmRuleSet.SeedStandard.Lifecycle.Machine("funnel")!;
    private readonly LifecycleEngine _engine = new(new SeedRuleSet());
    private readonly StageFacts _facts = new StageFacts().With("leadScore", 6m).With("needClear", true).With("budgetConfirmed", true)
        .With("authorityClear", true).With("quoteSent", true).With("contractSigned", true);

    private readonly Dictionary<string, object> _bag = new()
    {
        ["leadScore"] = 6m, ["needClear"] = true, ["budgetConfirmed"] = true, ["authorityClear"] = true, ["quoteSent"] = true, ["contractSigned"] = true,
    };

    private static readonly FunnelTrigger[] ForwardTriggers = [FunnelTrigger.Qualify, FunnelTrigger.ConfirmIntent, FunnelTrigger.Negotiate, FunnelTrigger.Win, FunnelTrigger.Repeat];

    private FactValue[] _slots = null!;
    private MachineStage _lead;
    private MachineStage _prospect;
    private FunnelStage _statelessStage;
    private StateMachine<FunnelStage, FunnelTrigger> _stateless = null!;

    /// <summary>The funnel's stages in Stateless.</summary>
    public enum FunnelStage
    {
        Lead,
        Prospect,
        Intent,
        Negotiation,
        Won,
        Repeat,
        Lost,
    }

    /// <summary>The funnel's moves in Stateless: one trigger per transition, and lose (the exit, never proposed).</summary>
    public enum FunnelTrigger
    {
        Qualify,
        ConfirmIntent,
        Negotiate,
        Win,
        Repeat,
        Lose,
    }

    [GlobalSetup]
    public void Setup()
    {
        _slots = new FactValue[_funnel.Facts.Count];
        _funnel.LayOut(_facts, _slots);
        _lead = _funnel.Stage("lead");
        _prospect = _funnel.Stage("prospect");

        // Configured once and reused: the state lives outside the machine, so a proposal only resets it. Guards read the
        // same property bag as the hand-written baseline, and carry a description as Stateless's explanations need.
        bool Flag(string n) => _bag.TryGetValue(n, out var v) && v is true;
        _stateless = new StateMachine<FunnelStage, FunnelTrigger>(() => _statelessStage, s => _statelessStage = s);
        _stateless.Configure(FunnelStage.Lead)
            .PermitIf(FunnelTrigger.Qualify, FunnelStage.Prospect, () => _bag.TryGetValue("leadScore", out var s) && (decimal)s >= 5m, "leadScore ≥ 5")
            .Permit(FunnelTrigger.Lose, FunnelStage.Lost);
        _stateless.Configure(FunnelStage.Prospect)
            .PermitIf(
                FunnelTrigger.ConfirmIntent,
                FunnelStage.Intent,
                new Tuple<Func<bool>, string>(() => Flag("needClear"), "needClear"),
                new Tuple<Func<bool>, string>(() => Flag("budgetConfirmed"), "budgetConfirmed"),
                new Tuple<Func<bool>, string>(() => Flag("authorityClear"), "authorityClear"))
            .Permit(FunnelTrigger.Lose, FunnelStage.Lost);
        _stateless.Configure(FunnelStage.Intent)
            .PermitIf(FunnelTrigger.Negotiate, FunnelStage.Negotiation, () => Flag("quoteSent"), "quoteSent")
            .Permit(FunnelTrigger.Lose, FunnelStage.Lost);
        _stateless.Configure(FunnelStage.Negotiation)
            .PermitIf(FunnelTrigger.Win, FunnelStage.Won, () => Flag("contractSigned"), "contractSigned")
            .Permit(FunnelTrigger.Lose, FunnelStage.Lost);
        _stateless.Configure(FunnelStage.Won)
            .PermitIf(FunnelTrigger.Repeat, FunnelStage.Repeat, () => _bag.TryGetValue("purchaseCount", out var c) && (decimal)c >= 2m, "purchaseCount ≥ 2");
    }

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

    [Benchmark(Description = "Crm.Rules: Propose(stage, slots), no explanation")]
    public MachineStage Propose() => _funnel.Propose(_lead, _slots).Proposed;

    [Benchmark(Description = "Crm.Rules: Decide(lead, prospect, slots), no explanation")]
    public bool Decide() => _funnel.Decide(_lead, _prospect, _slots).Allowed;

    [Benchmark(Description = "Crm.Rules: Explain(Propose(stage, slots), slots), every guard explained")]
    public int ProposeExplained() => _funnel.Explain(_funnel.Propose(_lead, _slots), _slots).Checks.Count;

    [Benchmark(Description = "Crm.Rules: Propose(\"lead\", StageFacts), every guard explained")]
    public string CrmRules() => _funnel.Propose("lead", _facts).Proposed;

    [Benchmark(Description = "Crm.Rules: engine ProposeVerdict(\"funnel\", \"lead\", StageFacts)")]
    public int Engine() => _engine.ProposeVerdict("funnel", "lead", _facts).Steps;

    /// <summary>
    /// The same proposal in Stateless: from lead, fire the first trigger other than lose whose guards pass, while there is
    /// one. <c>CanFire</c> per trigger, since the synchronous <c>PermittedTriggers</c> is obsolete in 5.20.
    /// </summary>
    [Benchmark(Description = "Stateless 5.20.1: CanFire/Fire from lead while a trigger passes")]
    public FunnelStage Stateless()
    {
        _statelessStage = FunnelStage.Lead;
        while (true)
        {
            var fired = false;
            foreach (var trigger in ForwardTriggers)
            {
                if (_stateless.CanFire(trigger))
                {
                    _stateless.Fire(trigger);
                    fired = true;
                    break;
                }
            }

            if (!fired)
            {
                return _statelessStage;
            }
        }
    }

    [Benchmark(Description = "Stateless 5.20.1: CanFire(qualify) from lead")]
    public bool StatelessDecide()
    {
        _statelessStage = FunnelStage.Lead;
        return _stateless.CanFire(FunnelTrigger.Qualify);
    }

    private sealed class SeedRuleSet : ICrmRuleSetProvider
    {
        public CrmRuleSet Current => CrmRuleSet.SeedStandard;

        public IDisposable OnChange(Action<CrmRuleSet> listener) => throw new NotSupportedException();
    }
}
