// Grades the customers of the UCI Online Retail data set (../shared/data) with samples/config/online-retail.json.
//   dotnet run --project samples/Crm.Rules.Samples.OnlineRetail [-- DATA.csv.gz RULES.json]
using System.Globalization;
using Crm.Rules;
using Crm.Rules.Configuration;
using Crm.Rules.Samples.OnlineRetail;
using Crm.Rules.Scoring;
using Crm.Rules.Samples;

if (SampleData.Locate(args, 0, "online_retail/online_retail.csv.gz") is not { } data)
{
    return 2;
}

var config = args.Length > 1 ? args[1] : Path.Combine(SampleData.RepositoryRoot, "samples", "config", "online-retail.json");

var rules = CrmRuleSet.Load(config).ValueGrading;
var customers = OnlineRetailCustomers.Read(data, OnlineRetailCustomers.AsOf, out var anonymous);
var report = RetailGradeReport.Build(rules, customers);

Console.WriteLine($"UCI Online Retail: {customers.Count:N0} customers ({anonymous:N0} lines without a customer id skipped); as of {OnlineRetailCustomers.AsOf:yyyy-MM-dd}; rule set {rules.Fingerprint}");
Console.WriteLine("grade | customers | share of customers | net spend (GBP) | share of spend");
foreach (var row in report.Rows)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row.Grade} | {row.Customers:N0} | {row.CustomerShare:P1} | {row.Spend:N0} | {row.SpendShare:P1}"));
}

foreach (var (problem, count) in report.Rejected)
{
    Console.WriteLine($"not graded ({count:N0}): {problem}");
}

return 0;
