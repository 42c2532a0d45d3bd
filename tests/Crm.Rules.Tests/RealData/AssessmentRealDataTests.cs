using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Crm.Rules.Tests.Support;
using NodaTime;
using NodaTime.Text;
using Xunit.Abstractions;

namespace Crm.Rules.Tests.RealData;

/// <summary>
/// The assessment on the UCI Online Retail customers (issue 13): their RFM figures from <c>crm-rules rfm</c> become
/// profiles (the figures, the same figures as the retailer's grading indicators, the last purchase as a churn fact),
/// and <c>crm-rules assess</c> must grade every customer as <c>rfm --grade</c> does from the order lines.
/// </summary>
public sealed class AssessmentRealDataTests(ITestOutputHelper output)
{
    private const string OnlineRetail = "online_retail/online_retail.csv.gz";
    private static readonly LocalDate AsOf = new(2011, 12, 10);

    [RealDataFact(OnlineRetail)]
    public void OnlineRetail_AssessGradesEveryCustomerAsRfmGradeDoes_AndSummarisesThePortfolio()
    {
        using var folder = new TempFolder();
        var config = RepositoryPaths.Combine("samples", "config", "online-retail.json");
        var (exit, rfm, _) = CliRun.Run(
            "rfm", "--input", SharedData.PathOf(OnlineRetail), "--as-of", "2011-12-10", "--grade", "--format", "json", "--config", config,
            "--columns", "id=CustomerID,date=InvoiceDate,quantity=Quantity,price=UnitPrice,invoice=InvoiceNo", "--ignore-columns", "StockCode,Description,Country");
        Assert.Equal(0, exit);
        var customers = JsonNode.Parse(rfm)!.AsArray().Select(n => n!.AsObject()).ToArray();
        Assert.Equal(4339, customers.Length);

        // Profiles: the figures (also the retailer's indicators) and the last purchase they imply.
        var profiles = new StringBuilder("id,recencyDays,purchases,monetary,frequency,lastPurchase\n");
        foreach (var c in customers)
        {
            var recency = (int)c["recency"]!;
            profiles.Append(CultureInfo.InvariantCulture, $"{(string)c["id"]!},{recency},{(int)c["frequency"]!},{c["monetary"]!.ToJsonString()},{(int)c["frequency"]!},{LocalDatePattern.Iso.Format(AsOf.PlusDays(-recency))}\n");
        }

        var input = folder.Write("retail-profiles.csv", profiles.ToString());
        var (assessExit, assessed, error) = CliRun.Run("assess", "--input", input, "--as-of", "2011-12-10", "--format", "json", "--config", config, "--summary");
        output.WriteLine(error);
        Assert.Equal(0, assessExit);
        var byId = JsonNode.Parse(assessed)!.AsArray().ToDictionary(n => (string)n!["id"]!, n => n!.AsObject());
        Assert.Equal(customers.Length, byId.Count);
        foreach (var c in customers)
        {
            var a = byId[(string)c["id"]!];
            Assert.Equal((string?)c["grade"], (string?)a["grade"]!["inEffect"]);
            Assert.Equal(c["total"]!.ToJsonString(), a["grade"]!["total"]!.ToJsonString());
            Assert.Equal((int)c["recency"]!, (int)a["analytics"]!["recency"]!);
            Assert.Equal(c["monetary"]!.ToJsonString(), a["analytics"]!["monetary"]!.ToJsonString());
        }

        // CHURN-5 from the real last purchases: the tag is exactly the customers without a purchase for 90 days or more.
        var tagged = byId.Values.Count(a => (bool)a["churn"]!["churnRiskTag"]!);
        Assert.Equal(customers.Count(c => (int)c["recency"]! >= 90), tagged); // 90 days or more (churn.riskTagAfterDays)
        output.WriteLine($"{tagged} of {customers.Length} customers carry the churn-risk tag");
    }
}
