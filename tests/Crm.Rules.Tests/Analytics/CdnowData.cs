using System.Globalization;
using Crm.Rules.Analytics;
using Crm.Rules.Tests.Support;
using NodaTime.Text;

namespace Crm.Rules.Tests.Analytics;

/// <summary>The CDNOW files of <c>../shared/data/cdnow/</c> as the analytics tests read them.</summary>
internal static class CdnowData
{
    public const string SampleTransactions = "cdnow/CDNOW_sample.txt";
    public const string Summary = "cdnow/cdnow_customers_summary.csv";
    public const string SummaryWithValues = "cdnow/cdnow_customers_summary_with_transactions.csv";

    private static readonly LocalDatePattern Date = LocalDatePattern.CreateWithInvariantCulture("yyyyMMdd");

    /// <summary>The sample's lines (<c>master_id sample_id date cds dollar_value</c>), the customer named by its sample id without leading zeros, as the summaries name it.</summary>
    public static IEnumerable<Transaction> Transactions()
        => File.ReadLines(SharedData.PathOf(SampleTransactions))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(f => new Transaction(
                int.Parse(f[1], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
                Date.Parse(f[2]).Value,
                decimal.Parse(f[4], CultureInfo.InvariantCulture)));

    /// <summary>The cells of a summary file's rows, after its header.</summary>
    public static IEnumerable<string[]> Rows(string summary)
        => File.ReadLines(SharedData.PathOf(summary)).Skip(1).Select(line => line.Split(','));
}
