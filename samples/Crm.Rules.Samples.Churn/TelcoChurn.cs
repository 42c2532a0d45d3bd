using System.Globalization;
using Crm.Rules.Churn;
using CsvHelper;

namespace Crm.Rules.Samples.Churn;

/// <summary>One IBM Telco customer mapped to the three churn dimensions, with whether it churned.</summary>
/// <param name="Id">customerID.</param>
/// <param name="Behaviour">1..5 from tenure: the shorter the relationship, the higher the risk.</param>
/// <param name="Attitude">1..5 from the contract (no commitment = renewal not secured) and electronic-check payment.</param>
/// <param name="Value">1..5 from the monthly charges: what is at stake.</param>
/// <param name="Churned">The data set's Churn column.</param>
public sealed record TelcoCustomer(string Id, int Behaviour, int Attitude, int Value, bool Churned);

/// <summary>A band's churn rate and lift over the base rate.</summary>
public sealed record BandChurn(string Band, int Customers, int Churned, decimal ChurnRate, decimal Lift);

/// <summary>
/// Maps the IBM Telco customer churn sample (../shared/data/telco_churn, Apache-2.0) to churn dimension scores. The data
/// has no usage dates or complaints, so the mapping is a documented proxy (docs/churn.md), not the CHURN-1 detectors.
/// </summary>
public static class TelcoChurn
{
    public static IReadOnlyList<TelcoCustomer> Read(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var customers = new List<TelcoCustomer>();
        while (csv.Read())
        {
            var tenure = int.Parse(csv.GetField("tenure")!, CultureInfo.InvariantCulture);
            var charges = decimal.Parse(csv.GetField("MonthlyCharges")!, CultureInfo.InvariantCulture);
            var contract = csv.GetField("Contract");
            var attitude = contract switch { "Month-to-month" => 4, "One year" => 2, _ => 1 } + (csv.GetField("PaymentMethod") == "Electronic check" ? 1 : 0);
            customers.Add(new TelcoCustomer(
                csv.GetField("customerID")!,
                tenure switch { < 6 => 5, < 12 => 4, < 24 => 3, < 48 => 2, _ => 1 },
                Math.Min(attitude, 5),
                charges switch { >= 90 => 5, >= 70 => 4, >= 50 => 3, >= 30 => 2, _ => 1 },
                csv.GetField("Churn") == "Yes"));
        }

        return customers;
    }

    /// <summary>Scores every customer and gives each band's churn rate and its lift over the base rate.</summary>
    public static IReadOnlyList<BandChurn> Lift(ChurnRules rules, IReadOnlyList<TelcoCustomer> customers)
    {
        var baseRate = (decimal)customers.Count(c => c.Churned) / customers.Count;
        return customers
            .GroupBy(c => rules.Score(c.Behaviour, c.Attitude, c.Value).Band)
            .Select(g =>
            {
                var rate = (decimal)g.Count(c => c.Churned) / g.Count();
                return new BandChurn(g.Key.Name, g.Count(), g.Count(c => c.Churned), rate, rate / baseRate);
            })
            .OrderBy(b => rules.Bands.Select(x => x.Band.Name).ToList().IndexOf(b.Band))
            .ToList();
    }
}
