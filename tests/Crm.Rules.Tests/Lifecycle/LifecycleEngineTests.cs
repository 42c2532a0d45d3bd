using Crm.Rules.Lifecycle;
using NodaTime;

namespace Crm.Rules.Tests.Lifecycle;

/// <summary>The engine that dependency injection provides: each call uses the rule set in force and names machines by name.</summary>
public class LifecycleEngineTests
{
    private sealed class Fixed(CrmRuleSet current) : ICrmRuleSetProvider
    {
        public CrmRuleSet Current { get; set; } = current;

        public IDisposable OnChange(Action<CrmRuleSet> listener) => throw new NotSupportedException();
    }

    [Fact]
    public void Life_Engine_AnswersWithTheRuleSetInForce()
    {
        var provider = new Fixed(CrmRuleSet.SeedStandard);
        var engine = new LifecycleEngine(provider);
        var facts = new StageFacts().With("leadScore", 5m);
        Assert.Equal("prospect", engine.Propose("funnel", "lead", facts).Proposed);
        Assert.True(engine.Decide("funnel", "lead", "prospect", facts).Allowed);
        var t0 = Instant.FromUtc(2026, 1, 1, 0, 0);
        var funnel = engine.Funnel("funnel", [[new StageEntry("lead", t0), new StageEntry("prospect", t0 + Duration.FromDays(2))]], t0, t0 + Duration.FromDays(7));
        Assert.Equal((1, 1), (funnel.Conversions[0].Entered, funnel.Conversions[0].Converted));
        Assert.Equal(KeyAccountAction.Promote, engine.KeyAccount(AccountStanding.Potential, 100m, 150m, 0).Action);

        // A reload: the next call uses the new rule set, its machines and its thresholds.
        provider.Current = TestRules.FromJson("""{ "lifecycle": { "keyAccounts": { "promoteAtGrowth": 0.6 } } }""");
        Assert.Same(provider.Current.Lifecycle, engine.Rules);
        Assert.Equal(KeyAccountAction.Keep, engine.KeyAccount(AccountStanding.Potential, 100m, 150m, 0).Action);
        Assert.Equal(provider.Current.Fingerprint, engine.Propose("funnel", "lead", facts).Fingerprint);
        Assert.Equal(provider.Current.Fingerprint, engine.Funnel("funnel", [], t0, t0).Fingerprint);
    }

    [Fact]
    public void Life_Engine_UnknownMachine_NamesTheKnownOnes()
    {
        var engine = new LifecycleEngine(new Fixed(CrmRuleSet.SeedStandard));
        const string Message = "'pipeline' is not a machine (known: ageStages, funnel, lifecycle) (Parameter 'machine')";
        var t0 = Instant.FromUtc(2026, 1, 1, 0, 0);
        foreach (var call in new Action[]
        {
            () => engine.Propose("pipeline", "lead", new StageFacts()),
            () => engine.Decide("pipeline", "lead", "prospect", new StageFacts()),
            () => engine.Funnel("pipeline", [], t0, t0),
        })
        {
            var error = Assert.Throws<ArgumentException>(call);
            Assert.Equal(("machine", Message), (error.ParamName, error.Message));
        }
    }
}
