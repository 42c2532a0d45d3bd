using Crm.Rules.Samples.Orleans;
using NodaTime;

namespace Crm.Rules.Orleans.Tests;

/// <summary>The pure event application, without a cluster.</summary>
public sealed class CustomerHistoryTests
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
    private static readonly Instant Monday = Instant.FromUtc(2026, 3, 2, 1, 0);

    [Fact]
    public void Purchase_ScoreTheIndicatorRefuses_RefusedAndNothingStored()
    {
        var state = new CustomerState();

        var refusal = CustomerHistory.Apply(state, new Purchased(Monday, 10m, new() { ["frequency"] = 9 }), CrmRuleSet.SeedStandard, Shanghai);

        Assert.StartsWith("'frequency': score 9 is outside", refusal);
        Assert.Equal((0L, 0, 0), (state.Version, state.Purchases.Count, state.Scores.Count));
    }

    [Fact]
    public void Purchase_UnknownIndicator_RefusedNamingTheKnownOnes()
    {
        var state = new CustomerState();

        var refusal = CustomerHistory.Apply(state, new Purchased(Monday, 10m, new() { ["loyalty"] = 3 }), CrmRuleSet.SeedStandard, Shanghai);

        Assert.Equal("'loyalty' is not an indicator (known: historicalAmount, frequency, grossMargin, industryInfluence, needMatch, willingness)", refusal);
    }

    [Fact]
    public void Event_SameIdTwice_AppliedOnce()
    {
        var state = new CustomerState();
        var purchase = new Purchased(Monday, 10m) { EventId = "erp-7" };

        Assert.Null(CustomerHistory.Apply(state, purchase, CrmRuleSet.SeedStandard, Shanghai));
        Assert.Null(CustomerHistory.Apply(state, purchase, CrmRuleSet.SeedStandard, Shanghai));

        Assert.Equal((1L, 1), (state.Version, state.Purchases.Count));
        Assert.Equal(["erp-7"], state.RecentEventIds);
    }

    [Fact]
    public void TicketOpened_NoPolicyForTheKind_RefusedWithTheReason()
    {
        var state = new CustomerState();

        var refusal = CustomerHistory.Apply(state, new TicketOpened(Monday, "T-1", "response"), CrmRuleSet.SeedStandard, Shanghai);

        Assert.Equal("no SLA policy applies to a 'response' ticket for grade (none)", refusal);
        Assert.Empty(state.Tickets);
    }
}
