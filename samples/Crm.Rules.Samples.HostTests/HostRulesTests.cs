using Crm.Rules;
using Crm.Rules.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Rules.Samples.HostTests;

/// <summary>
/// The host's CI gate on its rules: the rules it ships (its appsettings.json, loaded the way the host loads them) still
/// mean what the business wrote down, keep the invariants every rule set must keep, and change no customer's result
/// against the approved configuration unless the change is approved too.
/// </summary>
public sealed class HostRulesTests
{
    private static readonly CrmRuleSet Shipped = Load(Path.Combine(AppContext.BaseDirectory, "host", "appsettings.json"));
    private static readonly CrmRuleSet Approved = Load(Path.Combine(AppContext.BaseDirectory, "approved", "appsettings.approved.json"));
    private static readonly string Customers = Path.Combine(AppContext.BaseDirectory, "data", "customers.csv");

    [Fact]
    public void Grading_FollowsTheBusinessDecisionTable()
        => RuleAssert.DecisionTablePasses("grade", Path.Combine(AppContext.BaseDirectory, "cases", "grading.csv"), Shipped);

    [Fact]
    public void EveryRuleCheck_Holds() => RuleAssert.AllHold(RuleChecks.All(Shipped));

    [Fact]
    public void Lint_FindsNoProblem() => RuleAssert.LintsClean(Shipped);

    [Fact]
    public void NoCustomerChanges_AgainstTheApprovedRules()
    {
        var diff = RuleAssert.ChangesAtMost("grade", Customers, Approved, Shipped, percent: 0);

        Assert.Equal(16, diff.Records);
    }

    [Fact]
    public void AProposedThreshold_IsCaughtByTheGate()
    {
        // What an analyst's change would do: A from 3.9 regrades customers, so the zero-change gate refuses it.
        var rules = System.Text.Json.Nodes.JsonNode.Parse(Shipped.CanonicalJson)!;
        rules["valueGrading"]!["grades"]!["A"]!["minimumTotal"] = 3.9m;
        var proposed = CrmRuleSet.Parse(rules.ToJsonString());

        var refused = Assert.Throws<RuleAssertionException>(() => RuleAssert.ChangesAtMost("grade", Customers, Shipped, proposed, percent: 0));

        Assert.Contains("grade: B→A", refused.Message, StringComparison.Ordinal);
    }

    // The host's own way: the CrmRules section of its configuration through AddCrmRules.
    private static CrmRuleSet Load(string appsettings)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(appsettings).Build();
        using var services = new ServiceCollection().AddCrmRules(configuration.GetSection(CrmRulesOptions.SectionName)).BuildServiceProvider();
        return services.GetRequiredService<ICrmRuleSetProvider>().Current;
    }
}
