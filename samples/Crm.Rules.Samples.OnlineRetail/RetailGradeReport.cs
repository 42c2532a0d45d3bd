using Crm.Rules.Scoring;

namespace Crm.Rules.Samples.OnlineRetail;

/// <summary>One grade's share of customers and of spend.</summary>
public sealed record RetailGradeRow(string Grade, int Customers, decimal CustomerShare, decimal Spend, decimal SpendShare);

/// <summary>How a grading model splits a retailer's customers and spend.</summary>
/// <param name="Rows">One row per grade, best first.</param>
/// <param name="Rejected">Customers that could not be graded, by reason.</param>
public sealed record RetailGradeReport(IReadOnlyList<RetailGradeRow> Rows, IReadOnlyList<(string Problem, int Count)> Rejected)
{
    /// <summary>Grades every customer on raw monetary, frequency and recency values and sums up by grade.</summary>
    public static RetailGradeReport Build(ValueGradingRules rules, IReadOnlyList<RetailCustomer> customers)
    {
        var byGrade = rules.Grades.ToDictionary(g => g.Name, _ => (Customers: 0, Spend: 0m));
        var rejected = new Dictionary<string, int>();
        var values = new IndicatorValue[rules.Indicators.Count];
        foreach (var customer in customers)
        {
            values[rules.IndexOf("monetary")] = IndicatorValue.FromNumber(customer.Monetary);
            values[rules.IndexOf("frequency")] = IndicatorValue.FromNumber(customer.Frequency);
            values[rules.IndexOf("recencyDays")] = IndicatorValue.FromNumber(customer.RecencyDays);
            var outcome = rules.Grade(values);
            if (outcome.Grade is { } grade)
            {
                var (count, spend) = byGrade[grade.Name];
                byGrade[grade.Name] = (count + 1, spend + customer.Monetary);
            }
            else
            {
                var key = $"{outcome.Status} on {outcome.ProblemIndicator?.Name}";
                rejected[key] = rejected.GetValueOrDefault(key) + 1;
            }
        }

        var totalCustomers = byGrade.Values.Sum(v => v.Customers);
        var totalSpend = byGrade.Values.Sum(v => v.Spend);
        var rows = rules.Grades.Select(g => byGrade[g.Name]).Zip(rules.Grades, (v, g) => new RetailGradeRow(
            g.Name, v.Customers, totalCustomers == 0 ? 0 : (decimal)v.Customers / totalCustomers, v.Spend, totalSpend == 0 ? 0 : v.Spend / totalSpend)).ToList();
        return new RetailGradeReport(rows, rejected.Select(r => (r.Key, r.Value)).ToList());
    }
}
