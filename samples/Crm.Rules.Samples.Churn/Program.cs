// Churn risk bands on the IBM Telco customer churn sample (../shared/data): churn rate and lift per band.
//   dotnet run --project samples/Crm.Rules.Samples.Churn [-- Telco-Customer-Churn.csv]
using System.Globalization;
using Crm.Rules;
using Crm.Rules.Samples.Churn;
using Crm.Rules.Samples;

if (SampleData.Locate(args, 0, "telco_churn/Telco-Customer-Churn.csv") is not { } path)
{
    return 2;
}

var rules = CrmRuleSet.SeedStandard.Churn;
var customers = TelcoChurn.Read(path);
Console.WriteLine($"IBM Telco: {customers.Count:N0} customers, {customers.Count(c => c.Churned):N0} churned; rule set {rules.Fingerprint}");
Console.WriteLine("band | customers | churned | churn rate | lift");
foreach (var band in TelcoChurn.Lift(rules, customers))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{band.Band} | {band.Customers:N0} | {band.Churned:N0} | {band.ChurnRate:P1} | {band.Lift:0.00}×"));
}

var saas = Path.Combine(SampleData.RepositoryRoot, "..", "shared", "data", "saas_synthetic");
if (Directory.Exists(saas))
{
    var accounts = SaasChurn.Read(saas);
    Console.WriteLine($"RavenStack (synthetic SaaS): {accounts.Count:N0} accounts, {accounts.Count(a => a.Churned):N0} churned; facts as of {SaasChurn.AsOf:yyyy-MM-dd}");
    Console.WriteLine("band | accounts | churned | churn rate | lift");
    foreach (var band in SaasChurn.Lift(rules, accounts))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{band.Band} | {band.Customers:N0} | {band.Churned:N0} | {band.ChurnRate:P1} | {band.Lift:0.00}×"));
    }
}

return 0;
