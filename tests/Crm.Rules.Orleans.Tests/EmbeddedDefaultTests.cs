using Crm.Rules.Samples.Orleans;
using Microsoft.Extensions.Configuration;
using NodaTime;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Crm.Rules.Orleans.Tests;

/// <summary>The sample's default, which needs nothing installed: state and reminders in memory.</summary>
public sealed class EmbeddedDefaultTests
{
    [Fact]
    public async Task MemoryStore_PurchaseApprovalAndRollout_Work()
    {
        var builder = new TestClusterBuilder(1);
        builder.AddSiloBuilderConfigurator<MemorySilo>();
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        var customer = cluster.GrainFactory.GetGrain<ICustomerGrain>("memory-1");
        var now = SystemClock.Instance.GetCurrentInstant();

        var proposed = await customer.Record(new Purchased(now, 100m, RulesRolloutTests.Scores(4, 4, 3, 5, 4, 3)));
        var approved = await customer.Record(new GradeApproved(now, "d-1", "salesDirector"));
        var report = await cluster.GrainFactory.GetGrain<IRuleSetRolloutGrain>(IRuleSetRolloutGrain.Key)
            .Publish("""{ "valueGrading": { "grades": { "A": { "minimumTotal": 3.8 } } } }""");
        var regraded = await customer.Record(new Purchased(now, 50m));

        Assert.Equal((null, "B", CrmRuleSet.SeedStandard.Fingerprint), (proposed.Grade, proposed.ProposedGrade, proposed.Fingerprint));
        Assert.Equal("B", approved.Grade);
        Assert.True(report.Accepted);
        Assert.Equal((report.Fingerprint, "B", "A"), (regraded.Fingerprint, regraded.Grade, regraded.ProposedGrade));
        await cluster.StopAllSilosAsync();
    }

    public sealed class MemorySilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddCrmCustomers(new ConfigurationBuilder().Build());
    }
}
