using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;

namespace Crm.Rules.Tests.RealData;

/// <summary>
/// The analytics commands end to end on the real data sets (issue 11): the R package rfm's published test figures,
/// the UCI Online Retail log with its cleaning counts, and the CDNOW fit of Fader, Hardie &amp; Lee (2005).
/// </summary>
[Trait("Category", "RealData")]
public class AnalyticsRealDataTests(ITestOutputHelper output)
{
    private const string RfmOrders = "rfm_orders/rfm_data_orders.csv";
    private const string OnlineRetail = "online_retail/online_retail.csv.gz";
    private const string CdnowSummary = "cdnow/cdnow_customers_summary.csv";

    // rsquaredacademy/rfm, tests/testthat/test-rfm-segment.R and test-rfm-table.R: 4,906 orders in all; the
    // "Champions" segment has 158 customers, 1,234 orders and revenue 120,178.
    [RealDataFact(RfmOrders)]
    public void RfmOrders_ReproduceTheRPackagesPublishedTestFigures()
    {
        var (exit, csv, error) = CliRun.Run(
            "rfm", "--input", SharedData.PathOf(RfmOrders), "--as-of", "2006-12-31", "--format", "csv",
            "--columns", "id=customer_id,date=order_date,amount=revenue", "--ignore-columns", "first_name,last_name",
            "--config", RepositoryPaths.Combine("samples", "config", "rfm-package.json"));
        output.WriteLine(error);

        Assert.Equal(0, exit);
        var rows = csv.TrimEnd().Split(Environment.NewLine).Skip(1).Select(l => l.Split(',')).ToList();
        var bySegment = rows.GroupBy(r => r[7]).ToDictionary(g => g.Key, g => (Customers: g.Count(), Orders: g.Sum(r => int.Parse(r[2], CultureInfo.InvariantCulture)), Revenue: g.Sum(r => decimal.Parse(r[3], CultureInfo.InvariantCulture))));
        foreach (var (segment, figures) in bySegment.OrderByDescending(s => s.Value.Customers))
        {
            output.WriteLine($"{segment}: {figures.Customers} customers, {figures.Orders} orders, revenue {figures.Revenue}");
        }

        Assert.Equal(995, rows.Count);
        Assert.Equal(4906, bySegment.Values.Sum(s => s.Orders));
        Assert.Equal((158, 1234, 120178m), bySegment["Champions"]);
        // The package's test also pins the segments of its first customers (its names carry suffixes such as "DVM" that this copy lacks).
        var first = rows.ToDictionary(r => r[0], r => r[7]);
        Assert.Equal(
            ["Loyal Customers", "Potential Loyalist", "Potential Loyalist", "Loyal Customers", "Champions", "Champions", "Loyal Customers", "Potential Loyalist", "About To Sleep", "Lost"],
            new[] { "Abbey O'Reilly", "Add Senger", "Aden Lesch", "Admiral Senger", "Agness O'Keefe", "Aileen Barton", "Ailene Hermann", "Aiyanna Bruen", "Ala Schmidt", "Alannah Borer" }.Select(n => first[n]));
    }

    [RealDataFact(OnlineRetail)]
    public void OnlineRetail_EveryCustomerIsScoredOrNamed_AndTheCleaningIsCounted()
    {
        var config = Path.Combine(Path.GetTempPath(), $"crm-rules-retail-{Guid.NewGuid():N}.json");
        File.WriteAllText(config, """{ "analytics": { "rfm": { "missingCustomerIds": "count" } } }""");
        try
        {
            var (exit, json, error) = CliRun.Run(
                "rfm", "--input", SharedData.PathOf(OnlineRetail), "--as-of", "2011-12-10", "--summary", "--format", "json", "--config", config,
                "--columns", "id=CustomerID,date=InvoiceDate,quantity=Quantity,price=UnitPrice,invoice=InvoiceNo", "--ignore-columns", "StockCode,Description,Country");
            var summary = error.Split(Environment.NewLine).Single(l => l.Contains(" records, ", StringComparison.Ordinal));
            output.WriteLine(summary);

            Assert.Equal(0, exit);
            using var document = JsonDocument.Parse(json);
            var counts = document.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("segment").GetString()!, e => e.GetProperty("customers").GetInt32());
            foreach (var (segment, customers) in counts)
            {
                output.WriteLine($"{segment}: {customers}");
            }

            // The data set's README: 541,909 lines, 4,372 customers, 135,080 lines without a CustomerID.
            Assert.StartsWith("541,909 records, 406,829 written, 0 failed", summary, StringComparison.Ordinal);
            Assert.Contains("135,080 lines without a customer id counted and left out", summary, StringComparison.Ordinal);
            Assert.Contains("4,339 customers scored (quintiles); 33 with only cancellations; 8,905 cancellation lines subtracted", summary, StringComparison.Ordinal);
            Assert.Equal(4339 + 33, 4372);
            Assert.Equal(33, error.Split(Environment.NewLine).Count(l => l.StartsWith("note: customer ", StringComparison.Ordinal)));
            Assert.Equal(4339, counts.Values.Sum());
            Assert.All(CrmRuleSet.SeedStandard.Analytics.Segments, s => Assert.True(counts[s.Name] > 0, $"no customer in {s.Name}"));
            Assert.Equal(
                new Dictionary<string, int>
                {
                    ["champions"] = 898, ["can't lose them"] = 19, ["new customers"] = 118, ["promising"] = 126, ["lost"] = 333, ["loyal customers"] = 909,
                    ["need attention"] = 311, ["about to sleep"] = 409, ["potential loyalists"] = 412, ["at risk"] = 247, ["hibernating"] = 235, ["others"] = 322,
                },
                counts);
        }
        finally
        {
            File.Delete(config);
        }
    }

    // GRADE-7 on a real log: every class's customers meet its conditions by the report's own measures (the strategic
    // ones with lifetime values from the models fitted on the same log), and every customer is in one class or none.
    [RealDataFact(OnlineRetail)]
    public void OnlineRetail_KeyAccounts_FromTheLogAndItsFittedModels()
    {
        var (exit, csv, error) = CliRun.Run(
            "rfm", "--input", SharedData.PathOf(OnlineRetail), "--as-of", "2011-12-10", "--key-accounts", "--format", "csv",
            "--config", RepositoryPaths.Combine("samples", "config", "online-retail.json"),
            "--columns", "id=CustomerID,date=InvoiceDate,quantity=Quantity,price=UnitPrice,invoice=InvoiceNo", "--ignore-columns", "StockCode,Description,Country");
        output.WriteLine(error.Split(Environment.NewLine).First(l => l.StartsWith("lifetime values", StringComparison.Ordinal)));

        Assert.Equal(0, exit);
        var rows = csv.TrimEnd().Split(Environment.NewLine).Skip(1).Select(l => l.Split(',')).ToList();
        var counts = rows.GroupBy(r => r[9]).ToDictionary(g => g.Key, g => g.Count());
        foreach (var (name, count) in counts)
        {
            output.WriteLine($"{(name.Length == 0 ? "(none)" : name)}: {count}");
        }

        Assert.Equal(4339, rows.Count);
        Assert.True(counts["strategic"] > 0 && counts["profit"] > 0 && counts["potential"] > 0);
        // Strategic customers have a lifetime value in the top two quintiles: at least the 60th percentile of all.
        var values = rows.Where(r => r[10].Length > 0).Select(r => decimal.Parse(r[10], CultureInfo.InvariantCulture)).Order().ToList();
        var cut = values[(int)(values.Count * 0.6) - 1];
        Assert.All(rows.Where(r => r[9] == "strategic"), r => Assert.True(decimal.Parse(r[10], CultureInfo.InvariantCulture) >= cut, $"{r[0]}: {r[10]} below {cut}"));
    }

    // Fader, Hardie & Lee (2005): r 0.243, α 4.414, a 0.793, b 2.426, LL −9,582.4, from the lifetimes-style summary file.
    [RealDataFact(CdnowSummary)]
    public void Cdnow_BgNbdFitFromTheCommandLine_GivesThePapersParameters()
    {
        var (exit, json, _) = CliRun.Run("bgnbd", "fit", "--input", SharedData.PathOf(CdnowSummary), "--format", "json");

        Assert.Equal(0, exit);
        using var document = JsonDocument.Parse(json);
        var fit = document.RootElement[0];
        output.WriteLine(fit.ToString());
        Assert.Equal(0.243, fit.GetProperty("r").GetDouble(), 3);
        Assert.Equal(4.414, fit.GetProperty("alpha").GetDouble(), 3);
        Assert.Equal(0.793, fit.GetProperty("a").GetDouble(), 3);
        Assert.Equal(2.426, fit.GetProperty("b").GetDouble(), 3);
        Assert.Equal(-9582.4, fit.GetProperty("logLikelihood").GetDouble(), 1);
        Assert.Equal(2357, fit.GetProperty("customers").GetInt32());
        Assert.True(fit.GetProperty("converged").GetBoolean());
    }
}
