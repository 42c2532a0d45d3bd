using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Crm.Rules.CommandLine;
using DuckDB.NET.Data;

namespace Crm.Rules.Benchmarks;

/// <summary>
/// RFM end to end as a user meets it, file bytes in → file bytes out, in process: the 1,000,000 lines of
/// <see cref="TransactionLog"/> as a CSV log (<c>id,date,amount,invoice</c>), and crm-rules running its <c>rfm</c>
/// command (figures, quintile scores, segments, VIP tiers) to a CSV file. The baseline is DuckDB reading the same
/// file and writing the three figures with a SQL GROUP BY (two threads, as many as the machine has): the floor of
/// parsing, grouping and writing that log, with no scoring at all.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class RfmPipelineBenchmarks
{
    private static readonly string AsOf = TransactionLog.AsOf.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
    private readonly string _folder = Directory.CreateTempSubdirectory("crm-rules-bench-").FullName;
    private string _input = "";

    // The figures as RfmTally defines them: recency and frequency from the purchases (amount ≥ 0), frequency in
    // distinct invoices, refunds subtracted from the money, customers with only refunds left out. ORDER BY id because
    // the rfm command writes its customers in id order, so the two files compare line for line.
    private const string FiguresSql = """
        COPY (
          SELECT id,
                 date_diff('day', max(date) FILTER (WHERE amount >= 0), DATE '{2}') AS recency,
                 count(DISTINCT invoice) FILTER (WHERE amount >= 0) AS frequency,
                 sum(amount) AS monetary
          FROM read_csv('{0}', header = true, columns = {
            'id': 'VARCHAR', 'date': 'DATE', 'amount': 'DECIMAL(18, 2)', 'invoice': 'VARCHAR' })
          GROUP BY id
          HAVING count(*) FILTER (WHERE amount >= 0) > 0
          ORDER BY id
        ) TO '{1}' (HEADER, DELIMITER ',');
        """;

    [GlobalSetup]
    public void Setup()
    {
        _input = Path.Combine(_folder, "transactions.csv");
        using var writer = new StreamWriter(_input, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("id,date,amount,invoice\n");
        foreach (var t in TransactionLog.Generate())
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{t.CustomerId},{t.Date:uuuu-MM-dd},{t.Amount},{t.InvoiceId}\n"));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Baseline = true, Description = "DuckDB GROUP BY, figures only (2 threads)")]
    public void DuckDbFigures()
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SET threads = 2;" + FiguresSql
            .Replace("{0}", _input, StringComparison.Ordinal)
            .Replace("{1}", Path.Combine(_folder, "duckdb.csv"), StringComparison.Ordinal)
            .Replace("{2}", AsOf, StringComparison.Ordinal);
        command.ExecuteNonQuery();
    }

    [Benchmark(Description = "crm-rules rfm, CSV to CSV")]
    public int CrmRulesRfm()
    {
        using var output = new StreamWriter(Path.Combine(_folder, "crm-rules.csv"), false, new UTF8Encoding(false), 1 << 16);
        return CliApp.Run(["rfm", "--input", _input, "--as-of", AsOf, "--format", "csv"], output, TextWriter.Null);
    }
}
