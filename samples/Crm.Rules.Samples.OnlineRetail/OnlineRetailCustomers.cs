using System.Globalization;
using System.IO.Compression;
using CsvHelper;
using CsvHelper.Configuration;
using NodaTime;
using NodaTime.Text;

namespace Crm.Rules.Samples.OnlineRetail;

/// <summary>One customer of the UCI Online Retail data set, summarised as raw grading indicators.</summary>
/// <param name="Id">The CustomerID.</param>
/// <param name="Monetary">Net spend in pounds (sales minus cancellations).</param>
/// <param name="Frequency">Distinct invoices that are not cancellations.</param>
/// <param name="RecencyDays">Days from the last purchase to the as-of date.</param>
public sealed record RetailCustomer(string Id, decimal Monetary, int Frequency, int RecencyDays);

/// <summary>
/// Reads <c>online_retail.csv.gz</c> (UCI "Online Retail", Chen, Sain &amp; Guo 2012; see ../shared/data/README.md) and
/// sums it up per customer. Lines without a CustomerID are skipped and counted; cancellations (invoices starting with
/// 'C') reduce the spend but are not purchases.
/// </summary>
public static class OnlineRetailCustomers
{
    private static readonly LocalDateTimePattern InvoiceDate = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm:ss");

    /// <summary>The as-of date used in the docs: the day after the last invoice in the data set.</summary>
    public static LocalDate AsOf { get; } = new(2011, 12, 10);

    /// <summary>Reads the data set.</summary>
    /// <param name="path">The .csv.gz file.</param>
    /// <param name="asOf">The date recency is measured to.</param>
    /// <param name="linesWithoutCustomer">How many lines had no CustomerID.</param>
    /// <returns>The customers, ordered by id.</returns>
    public static IReadOnlyList<RetailCustomer> Read(string path, LocalDate asOf, out int linesWithoutCustomer)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null });
        csv.Read();
        csv.ReadHeader();
        var totals = new Dictionary<string, (decimal Monetary, HashSet<string> Invoices, LocalDate Last)>(StringComparer.Ordinal);
        linesWithoutCustomer = 0;
        while (csv.Read())
        {
            var customer = csv.GetField("CustomerID");
            if (string.IsNullOrWhiteSpace(customer))
            {
                linesWithoutCustomer++;
                continue;
            }

            // CustomerID is written as 17850 or 17850.0 depending on the export.
            customer = customer.EndsWith(".0", StringComparison.Ordinal) ? customer[..^2] : customer;
            var invoice = csv.GetField("InvoiceNo")!;
            var quantity = decimal.Parse(csv.GetField("Quantity")!, NumberStyles.Float, CultureInfo.InvariantCulture);
            var price = decimal.Parse(csv.GetField("UnitPrice")!, NumberStyles.Float, CultureInfo.InvariantCulture);
            var date = InvoiceDate.Parse(csv.GetField("InvoiceDate")!).GetValueOrThrow().Date;
            var entry = totals.TryGetValue(customer, out var found) ? found : (Monetary: 0m, Invoices: new HashSet<string>(StringComparer.Ordinal), Last: date);
            entry.Monetary += quantity * price;
            if (!invoice.StartsWith('C'))
            {
                entry.Invoices.Add(invoice);
                entry.Last = date > entry.Last ? date : entry.Last;
            }

            totals[customer] = entry;
        }

        return totals
            .OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => new RetailCustomer(t.Key, t.Value.Monetary, t.Value.Invoices.Count, Period.Between(t.Value.Last, asOf, PeriodUnits.Days).Days))
            .ToList();
    }
}
