using Crm.Rules.Orleans.Tests.Support;
using Crm.Rules.Samples.Orleans;
using NodaTime;

namespace Crm.Rules.Orleans.Tests;

[Collection("cluster")]
[Trait("Category", "Redis")]
public sealed class CustomerGrainTests(ClusterFixture fixture)
{
    private static readonly Instant Day = Instant.FromUtc(2026, 4, 6, 2, 0);

    private static Instant At(int days, int hours = 0) => Day + Duration.FromDays(days) + Duration.FromHours(hours);

    [RedisFact]
    public async Task Purchase_ChangedGrade_WaitsForTheApproverRole_Grade5()
    {
        ClusterFixture.Clock.Reset(At(0, 1));
        var customer = fixture.Grains.GetGrain<ICustomerGrain>("grade-1");

        var proposed = await customer.Record(new Purchased(At(0), 800m, RulesRolloutTests.Scores(5, 5, 5, 5, 5, 4)));
        var refused = await customer.Record(new GradeApproved(At(0, 1), "m-1", "salesManager"));
        var approved = await customer.Record(new GradeApproved(At(0, 1), "d-1", "salesDirector"));
        var unchanged = await customer.Record(new Purchased(At(1), 200m));

        Assert.Equal((null, "A"), (proposed.Grade, proposed.ProposedGrade));
        Assert.Equal("only the role 'salesDirector' may approve a grade change, not 'salesManager'", refused.Refusal);
        Assert.Equal(proposed.Version, refused.Version);
        Assert.Equal(("A", null), (approved.Grade, approved.ProposedGrade));
        Assert.Equal(("A", null), (unchanged.Grade, unchanged.ProposedGrade));
        Assert.All(new[] { proposed, refused, approved, unchanged }, v => Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, v.Fingerprint));
    }

    [RedisFact]
    public async Task ThreeUnresolvedContacts_EscalateTheNextContact_Cad5()
    {
        ClusterFixture.Clock.Reset(At(10));
        var customer = fixture.Grains.GetGrain<ICustomerGrain>("cadence-1");
        await customer.Record(new Purchased(At(0), 100m, RulesRolloutTests.Scores(4, 4, 3, 5, 4, 3)));
        await customer.Record(new GradeApproved(At(0), "d-1", "salesDirector"));

        var afterTwo = await customer.Record(new ContactLogged(At(1), "no answer", LeftUnresolvedTodos: true));
        afterTwo = await customer.Record(new ContactLogged(At(2), "call back", LeftUnresolvedTodos: true));
        var afterThree = await customer.Record(new ContactLogged(At(3), "quote pending", LeftUnresolvedTodos: true));

        Assert.False(afterTwo.ContactEscalated);
        Assert.True(afterThree.ContactEscalated);
        Assert.Equal("salesDirector", afterThree.ContactOwner);
        Assert.NotNull(afterThree.NextContactDue);
    }

    [RedisFact]
    public async Task SurveysAndStageFacts_NpsLifecycleProposalAndTimeInStage()
    {
        ClusterFixture.Clock.Reset(At(5));
        var customer = fixture.Grains.GetGrain<ICustomerGrain>("nps-stage-1");

        await customer.Record(new SurveyAnswered(At(0), 10));
        await customer.Record(new SurveyAnswered(At(1), 3));
        var facts = await customer.Record(new StageFactsStated(At(2), Flags: new() { ["firstDealDone"] = true }));
        var moved = await customer.Record(new StageMoveRequested(At(3), "growth", "first deal"));
        var refusedSurvey = await customer.Record(new SurveyAnswered(At(3), 11));

        Assert.Equal(0m, facts.Nps); // one promoter, one detractor
        Assert.Equal(("acquisition", "growth"), (facts.Stage, facts.ProposedStage));
        Assert.Equal("growth", moved.Stage);
        Assert.Equal(Duration.FromDays(2), moved.TimeInStage); // clock at day 5, entered at day 3
        Assert.NotNull(refusedSurvey.Refusal);
        Assert.NotNull(moved.ChurnBand);

        // The trend in the words the churn command and the assessment print (ChurnWords), not the enum's own name.
        Assert.Contains(moved.ChurnTrend, new[] { "unknown", "improving", "steady", "worsening" });
    }

    [RedisFact]
    public async Task SameEventsSameOrder_OnTwoGrains_SameState()
    {
        ClusterFixture.Clock.Reset(At(30));
        CustomerEvent[] script =
        [
            new Purchased(At(0), 300m, RulesRolloutTests.Scores(3, 4, 3, 4, 4, 3)),
            new GradeApproved(At(0, 2), "d-1", "salesDirector"),
            new TicketOpened(At(1), "T-1", "response"),
            new ContactLogged(At(2), "visit", LeftUnresolvedTodos: true),
            new TicketPaused(At(2, 3), "T-1"),
            new SurveyAnswered(At(3), 6),
            new TicketResumed(At(4), "T-1"),
            new StageFactsStated(At(5), Flags: new() { ["firstDealDone"] = true }),
            new StageMoveRequested(At(6), "growth"),
            new SlaAlarmsDue(At(20)),
            new TicketResolved(At(21), "T-1"),
            new Purchased(At(22), 900m, RulesRolloutTests.Scores(5, 5, 4, 4, 5, 4)),
        ];
        var (first, second) = (fixture.Grains.GetGrain<ICustomerGrain>("replay-a"), fixture.Grains.GetGrain<ICustomerGrain>("replay-b"));

        foreach (var change in script)
        {
            Assert.Null((await first.Record(change)).Refusal);
            Assert.Null((await second.Record(change)).Refusal);
        }

        var state = await first.GetState();
        Assert.Equal(script.Length, state.Version);
        Assert.NotEmpty(state.Alerts);
        Assert.Equal(StateText.Describe(state), StateText.Describe(await second.GetState()));
    }
}
