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
