namespace Crm.Rules.Tests.Lifecycle;

/// <summary>
/// The seed standard's three machines as RULES.md gives them (LIFE-1 … LIFE-3), every stage, transition and threshold,
/// read from a freshly compiled seed so that a change to any default shows.
/// </summary>
public class SeedMachineTests
{
    [Fact]
    public void Life_SeedMachines_AreTheFunnelTheLifecycleAndTheAgeStages()
        => Assert.Equal(["ageStages", "funnel", "lifecycle"], TestRules.FreshSeed().Lifecycle.Machines.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void Life3_SeedFunnel()
        => Assert.Equal(
            "stateDiagram-v2\n    [*] --> lead\n"
            + "    lead --> prospect : leadScore ≥ 5\n"
            + "    prospect --> intent : needClear and budgetConfirmed and authorityClear\n"
            + "    intent --> negotiation : quoteSent\n"
            + "    negotiation --> won : contractSigned\n"
            + "    won --> repeat : purchaseCount ≥ 2\n"
            + "    lead --> lost : [exit]\n"
            + "    prospect --> lost : [exit]\n"
            + "    intent --> lost : [exit]\n"
            + "    negotiation --> lost : [exit]\n",
            TestRules.FreshSeed().Lifecycle.Machine("funnel")!.ToMermaid());

    [Fact]
    public void Life1_SeedLifecycle()
        => Assert.Equal(
            "stateDiagram-v2\n    [*] --> acquisition\n"
            + "    acquisition --> growth : firstDealDone\n"
            + "    growth --> maturity : repeatPurchasesWithin6Months ≥ 2 and yearsOfBusiness ≥ 2 and yearlyAmountStable\n"
            + "    maturity --> decline : (amountChange ≤ -0.3 or renewalRefused)\n"
            + "    growth --> decline : [skip] (amountChange ≤ -0.3 or renewalRefused)\n"
            + "    decline --> maturity : [back] amountChange ≥ 0 and not renewalRefused\n"
            + "    decline --> churned : churned\n"
            + "    churned --> wonBack : purchasedAgain\n"
            + "    wonBack --> growth : [back] firstDealDone\n",
            TestRules.FreshSeed().Lifecycle.Machine("lifecycle")!.ToMermaid());
}
