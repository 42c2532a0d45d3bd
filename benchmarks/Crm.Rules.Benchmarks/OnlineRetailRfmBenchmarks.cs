using System.Globalization;
using System.IO.Compression;
using System.Text;
using BenchmarkDotNet.Attributes;
using Crm.Rules.CommandLine;
using Crm.Rules.Samples;
using CsvHelper;
using CsvHelper.Configuration;
using DuckDB.NET.Data;

namespace Crm.Rules.Benchmarks;

/// <summary>
/// RFM end to end on the real UCI Online Retail log (541,909 lines, gzip, ../shared/data/online_retail), as issue 11
/// asks: the file as it ships in, one CSV line per customer out. The baseline is what a .NET user writes first: CsvHelper
/// reads the lines and LINQ groups them by customer into the three figures (no scores, no segments). DuckDB grouping the
/// same file in SQL is the peer. crm-rules runs its <c>rfm</c> command with the column mapping and
/// <c>samples/config/online-retail.json</c> (lines without a CustomerID counted and left out), scores, segments and tiers included.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class OnlineRetailRfmBenchmarks
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crm-rules-bench-").FullName;
    private string _input = "";
    private string _config = "";

    [GlobalSetup]
    public void Setup()
    {
        _input = SampleData.Locate([], 0, "online_retail/online_retail.csv.gz")
            ?? throw new InvalidOperationException("../shared/data/online_retail/online_retail.csv.gz is not beside the repository; this benchmark needs it.");
        _config = Path.Combine(SampleData.RepositoryRoot, "samples", "config", "online-retail.json");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Baseline = true, Description = "CsvHelper + LINQ GroupBy, figures only")]
    public int LinqGroupBy()
    {
        using var file = File.OpenRead(_input);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        var asOf = new DateOnly(2011, 12, 10);
        var customers = csv.GetRecords<Line>()
            .Where(l => !string.IsNullOrEmpty(l.CustomerID))
            .GroupBy(l => l.CustomerID)
            .Select(g =>
            {
                var purchases = g.Where(l => l.Quantity * l.UnitPrice >= 0).ToList();
                return (Id: g.Key, Purchases: purchases, Monetary: g.Sum(l => l.Quantity * l.UnitPrice));
            })
            .Where(c => c.Purchases.Count > 0)
            .OrderBy(c => c.Id, StringComparer.Ordinal)
            .Select(c => (c.Id,
                Recency: asOf.DayNumber - DateOnly.FromDateTime(c.Purchases.Max(l => DateTime.Parse(l.InvoiceDate, CultureInfo.InvariantCulture))).DayNumber,
                Frequency: c.Purchases.Select(l => l.InvoiceNo).Distinct().Count(),
                c.Monetary));
        using var output = new StreamWriter(Path.Combine(_folder, "linq.csv"), false, new UTF8Encoding(false), 1 << 16);
        output.Write("id,recency,frequency,monetary\n");
        var count = 0;
        foreach (var (id, recency, frequency, monetary) in customers)
        {
            output.Write(string.Create(CultureInfo.InvariantCulture, $"{id},{recency},{frequency},{monetary}\n"));
            count++;
        }

        return count;
    }

    [Benchmark(Description = "DuckDB GROUP BY, figures only (2 threads)")]
    public void DuckDbFigures()
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SET threads = 2;
            COPY (
              SELECT CustomerID AS id,
                     date_diff('day', max(CAST(InvoiceDate AS DATE)) FILTER (WHERE Quantity * UnitPrice >= 0), DATE '2011-12-10') AS recency,
                     count(DISTINCT InvoiceNo) FILTER (WHERE Quantity * UnitPrice >= 0) AS frequency,
                     sum(Quantity * UnitPrice) AS monetary
              FROM read_csv('{_input}', header = true, columns = {"{"}
                'InvoiceNo': 'VARCHAR', 'StockCode': 'VARCHAR', 'Description': 'VARCHAR', 'Quantity': 'DECIMAL(18, 3)',
                'InvoiceDate': 'TIMESTAMP', 'UnitPrice': 'DECIMAL(18, 3)', 'CustomerID': 'VARCHAR', 'Country': 'VARCHAR' {"}"})
              WHERE CustomerID IS NOT NULL
              GROUP BY CustomerID
              HAVING count(*) FILTER (WHERE Quantity * UnitPrice >= 0) > 0
              ORDER BY id
            ) TO '{Path.Combine(_folder, "duckdb.csv")}' (HEADER, DELIMITER ',');
            """;
        command.ExecuteNonQuery();
    }

    [Benchmark(Description = "crm-rules rfm, gzip CSV to CSV")]
    public int CrmRulesRfm()
    {
        using var output = new StreamWriter(Path.Combine(_folder, "crm-rules.csv"), false, new UTF8Encoding(false), 1 << 16);
        return CliApp.Run(
            ["rfm", "--input", _input, "--as-of", "2011-12-10", "--config", _config, "--format", "csv",
             "--columns", "id=CustomerID,date=InvoiceDate,quantity=Quantity,price=UnitPrice,invoice=InvoiceNo", "--ignore-columns", "StockCode,Description,Country"],
            output, TextWriter.Null);
    }

    // The columns the baseline reads; CsvHelper maps them by header name.
    public sealed class Line
    {
        public string InvoiceNo { get; set; } = "";

        public decimal Quantity { get; set; }

        public string InvoiceDate { get; set; } = "";

        public decimal UnitPrice { get; set; }

        public string CustomerID { get; set; } = "";
    }
}
