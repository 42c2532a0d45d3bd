using Crm.Rules.Churn;
using Crm.Rules.Samples.Churn;
using Xunit.Abstractions;

namespace Crm.Rules.Tests.RealData;

[Trait("Category", "RealData")]
public class TelcoChurnTests(ITestOutputHelper output)
{
    private const string DataSet = "telco_churn/Telco-Customer-Churn.csv";

    [RealDataFact(DataSet)]
    public void HigherRiskBandsChurnMoreOnTheIbmTelcoSample()
    {
        var customers = TelcoChurn.Read(SharedData.PathOf(DataSet));
        var bands = TelcoChurn.Lift(CrmRuleSet.SeedStandard.Churn, customers);
        foreach (var band in bands)
        {
            output.WriteLine($"{band.Band}: {band.Customers} customers, {band.Churned} churned ({band.ChurnRate:P1}), lift {band.Lift:0.00}");
        }

        Assert.Equal(7043, customers.Count);
        Assert.Equal(1869, customers.Count(c => c.Churned));
        Assert.Equal(["high", "medium", "low"], bands.Select(b => b.Band));
        Assert.True(bands[0].ChurnRate > bands[1].ChurnRate && bands[1].ChurnRate > bands[2].ChurnRate, "churn rate falls with the band");
        Assert.True(bands[0].Lift > 2m, $"the high band's lift is {bands[0].Lift:0.00}");
    }
}

[Trait("Category", "RealData")]
public class SaasChurnTests(ITestOutputHelper output)
{
    private const string Folder = "saas_synthetic/ravenstack_accounts.csv";

    [RealDataFact(Folder)]
    public void TheDetectorsRunOnTheRavenStackAccounts()
    {
        var accounts = SaasChurn.Read(System.IO.Path.GetDirectoryName(SharedData.PathOf(Folder))!);
        var bands = SaasChurn.Lift(CrmRuleSet.SeedStandard.Churn, accounts);
        foreach (var band in bands)
        {
            output.WriteLine($"{band.Band}: {band.Customers} accounts, {band.Churned} churned ({band.ChurnRate:P1}), lift {band.Lift:0.00}");
        }

        var fired = accounts.SelectMany(a => CrmRuleSet.SeedStandard.Churn.Explain(a.Facts).FiredSignals).GroupBy(s => s.Signal).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine(string.Join(", ", fired.Select(f => $"{f.Key} {f.Value}")));

        Assert.Equal((500, 110), (accounts.Count, accounts.Count(a => a.Churned)));
        Assert.Equal(500, bands.Sum(b => b.Customers));
        Assert.True(fired.ContainsKey(ChurnSignal.NoUse) && fired.ContainsKey(ChurnSignal.RenewalRefused), "the usage and renewal detectors fire on this data");
    }
}
