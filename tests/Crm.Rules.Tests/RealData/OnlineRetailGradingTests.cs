using Crm.Rules.Configuration;
using Crm.Rules.Samples.OnlineRetail;
using Xunit.Abstractions;

namespace Crm.Rules.Tests.RealData;

[Trait("Category", "RealData")]
public class OnlineRetailGradingTests(ITestOutputHelper output)
{
    private const string DataSet = "online_retail/online_retail.csv.gz";

    [RealDataFact(DataSet)]
    public void GradingTheUciOnlineRetailCustomers_ConcentratesSpendInTheTopGrade()
    {
        var rules = CrmRuleSet.Compile(CrmRulesJson.Load(RepositoryPaths.Combine("samples", "config", "online-retail.json"))).ValueGrading;
        var customers = OnlineRetailCustomers.Read(SharedData.PathOf(DataSet), OnlineRetailCustomers.AsOf, out var anonymous);

        var report = RetailGradeReport.Build(rules, customers);
        foreach (var row in report.Rows)
        {
            output.WriteLine($"{row.Grade}: {row.Customers} customers ({row.CustomerShare:P1}), spend {row.Spend:N0} ({row.SpendShare:P1})");
        }

        foreach (var (problem, count) in report.Rejected)
        {
            output.WriteLine($"not graded: {count} × {problem}");
        }

        // The README of the data set: 4,372 customers; 135,080 lines without a CustomerID.
        Assert.Equal(4372, customers.Count);
        Assert.Equal(135_080, anonymous);

        // Every customer is graded or counted as rejected — none is lost.
        Assert.Equal(customers.Count, report.Rows.Sum(r => r.Customers) + report.Rejected.Sum(r => r.Count));

        // A customer whose cancellations exceed purchases has negative spend: it still lies in the open first band.
        Assert.Empty(report.Rejected);

        // The top grade is a minority of customers that carries a majority of the spend (a Pareto split).
        var a = report.Rows[0];
        Assert.InRange(a.CustomerShare, 0.05m, 0.30m);
        Assert.True(a.SpendShare > 0.5m, $"A customers carry {a.SpendShare:P1} of spend");
        Assert.True(a.SpendShare > 2 * a.CustomerShare);
    }
}
