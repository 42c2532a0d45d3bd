using Crm.Rules.Orleans.Tests.Support;
using Crm.Rules.Samples.Orleans;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Orleans.TestingHost;

namespace Crm.Rules.Orleans.Tests;

[Collection("cluster")]
[Trait("Category", "Redis")]
public sealed class RulesRolloutTests(ClusterFixture fixture) : IAsyncLifetime
{
    private const string GradeAFrom38 = """{ "valueGrading": { "grades": { "A": { "minimumTotal": 3.8 } } } }""";

    public Task InitializeAsync() => Task.CompletedTask;

    // Every test of the collection may assume the seed standard: put it back.
    public async Task DisposeAsync()
    {
        if (fixture.Cluster is not null)
        {
            await fixture.Grains.GetGrain<IRuleSetRolloutGrain>(IRuleSetRolloutGrain.Key).Publish("{}");
        }
    }

    [RedisFact]
    public async Task Publish_ValidRules_EverySiloReportsTheNewFingerprint()
    {
        var rollout = fixture.Grains.GetGrain<IRuleSetRolloutGrain>(IRuleSetRolloutGrain.Key);
        var expected = CrmRuleSet.Parse(GradeAFrom38).Fingerprint;

        var report = await rollout.Publish(GradeAFrom38);

        Assert.True(report.Accepted);
        Assert.Equal(expected, report.Fingerprint);
        Assert.NotEqual(CrmRuleSet.SeedStandard.Fingerprint, expected);
        Assert.Equal(fixture.Running.Silos.Count, report.Silos.Count);
        Assert.All(report.Silos, silo => Assert.Equal((expected, true, (string?)null), (silo.Fingerprint, silo.Published, silo.Problem)));
        foreach (var silo in fixture.Running.Silos.OfType<InProcessSiloHandle>())
        {
            Assert.Equal(expected, silo.SiloHost.Services.GetRequiredService<ClusterRuleSet>().Current.Fingerprint);
        }

        // A customer anywhere in the cluster answers under the new rules: 3.8 is an A now (B under the seed).
        var view = await fixture.Grains.GetGrain<ICustomerGrain>("rollout-1").Record(new Purchased(ClusterFixture.Clock.GetCurrentInstant(), 100m, Scores(4, 4, 3, 5, 4, 3)));
        Assert.Equal(expected, view.Fingerprint);
        Assert.Equal(("A", 3.8m), (view.ProposedGrade, view.GradeTotal));
    }

    [RedisFact]
    public async Task Publish_InvalidRules_RefusedWithEveryProblemAndNoSiloChanges()
    {
        var rollout = fixture.Grains.GetGrain<IRuleSetRolloutGrain>(IRuleSetRolloutGrain.Key);
        var before = await rollout.Survey();

        var report = await rollout.Publish("""{ "satisfaction": { "promoterMinimum": 11 } }""");

        Assert.False(report.Accepted);
        Assert.Contains(report.Problems, p => p.StartsWith("satisfaction.", StringComparison.Ordinal) && p.Contains("promoter", StringComparison.Ordinal));
        Assert.Empty(report.Silos);
        Assert.Equal(before.Select(s => s.Fingerprint).Order(), (await rollout.Survey()).Select(s => s.Fingerprint).Order());
    }

    [RedisFact]
    public async Task Apply_OnASiloThatCannotCompile_KeepsTheLastGoodRuleSet()
    {
        var rollout = fixture.Grains.GetGrain<IRuleSetRolloutGrain>(IRuleSetRolloutGrain.Key);
        var good = (await rollout.Publish(GradeAFrom38)).Fingerprint;
        var silo = (InProcessSiloHandle)fixture.Running.Silos[0];
        var rules = silo.SiloHost.Services.GetRequiredService<ClusterRuleSet>();

        var problems = rules.Apply("""{ "valueGrading": { "grades": { "A": { "minimumTotal": "high" } } } }""");

        Assert.NotNull(problems);
        Assert.Equal(good, rules.Current.Fingerprint);
        Assert.All(await rollout.Survey(), s => Assert.Equal(good, s.Fingerprint));
    }

    [RedisFact]
    public async Task SiloJoiningAfterARollout_ReadsThePublishedRulesAtStart()
    {
        var rollout = fixture.Grains.GetGrain<IRuleSetRolloutGrain>(IRuleSetRolloutGrain.Key);
        var published = (await rollout.Publish(GradeAFrom38)).Fingerprint;

        var late = (InProcessSiloHandle)await fixture.Running.StartAdditionalSiloAsync();
        try
        {
            Assert.Equal(published, late.SiloHost.Services.GetRequiredService<ClusterRuleSet>().Current.Fingerprint);
            Assert.Equal(3, (await rollout.Survey()).Count(s => s.Fingerprint == published));
        }
        finally
        {
            await fixture.Running.StopSiloAsync(late);
        }
    }

    internal static Dictionary<string, int> Scores(int amount, int frequency, int margin, int influence, int need, int willingness) => new()
    {
        ["historicalAmount"] = amount, ["frequency"] = frequency, ["grossMargin"] = margin,
        ["industryInfluence"] = influence, ["needMatch"] = need, ["willingness"] = willingness,
    };
}
