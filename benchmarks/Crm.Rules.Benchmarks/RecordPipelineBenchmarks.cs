using System.Text;
using BenchmarkDotNet.Attributes;
using Crm.Rules.CommandLine;
using DuckDB.NET.Data;

namespace Crm.Rules.Benchmarks;

/// <summary>
/// End to end as a user meets it (issue 10): 1,000,000 seed-standard customers, CSV file bytes in, CSV file bytes
/// out, in process. The baseline is DuckDB doing the same job (read_csv, the seed's weighted total and grade
/// thresholds in SQL, COPY TO) on one thread and on two; crm-rules runs the <c>grade</c> command itself.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class RecordPipelineBenchmarks
{
    private const int Customers = 1_000_000;
    private readonly string _folder = Directory.CreateTempSubdirectory("crm-rules-bench-").FullName;
    private string _input = "";

    // The seed standard (GRADE-1 … GRADE-4) in SQL: weights 0.3 / 0.15 / 0.15 / 0.1 / 0.15 / 0.15, A from 4, B from 3.
    private const string GradeSql = """
        COPY (
          SELECT id, total,
                 CASE WHEN total >= 4 THEN 'A' WHEN total >= 3 THEN 'B' ELSE 'C' END AS grade,
                 'graded' AS status,
                 CASE WHEN total >= 4 THEN 'salesDirector' WHEN total >= 3 THEN 'salesManager' ELSE 'customerService' END AS ownerRole,
                 CASE WHEN total >= 4 THEN NULL WHEN total >= 3 THEN 'A' ELSE 'B' END AS nextGrade,
                 CASE WHEN total >= 4 THEN NULL WHEN total >= 3 THEN 4 - total ELSE 3 - total END AS totalToNextGrade,
                 'seed' AS fingerprint
          FROM (
            SELECT id,
                   CAST(historicalAmount * 0.30 + frequency * 0.15 + grossMargin * 0.15 + industryInfluence * 0.10
                        + needMatch * 0.15 + willingness * 0.15 AS DECIMAL(18, 6)) AS total
            FROM read_csv('{0}', header = true, columns = {
              'id': 'VARCHAR', 'historicalAmount': 'INTEGER', 'frequency': 'INTEGER', 'grossMargin': 'INTEGER',
              'industryInfluence': 'INTEGER', 'needMatch': 'INTEGER', 'willingness': 'INTEGER' })
          )
        ) TO '{1}' (HEADER, DELIMITER ',');
        """;

    [GlobalSetup]
    public void Setup()
    {
        _input = Path.Combine(_folder, "customers.csv");
        GeneratedCustomers.Write(_input, Customers, seed: 20261124);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Baseline = true, Description = "DuckDB, 1 thread")]
    public void DuckDbOneThread() => DuckDb(1);

    [Benchmark(Description = "DuckDB, 2 threads")]
    public void DuckDbTwoThreads() => DuckDb(2);

    [Benchmark(Description = "crm-rules grade, CSV to CSV")]
    public int CrmRulesGrade()
    {
        using var output = new StreamWriter(Path.Combine(_folder, "crm-rules.csv"), false, new UTF8Encoding(false), 1 << 16);
        return CliApp.Run(["grade", "--input", _input, "--format", "csv"], output, TextWriter.Null);
    }

    private void DuckDb(int threads)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SET threads = {threads};" + GradeSql.Replace("{0}", _input, StringComparison.Ordinal).Replace("{1}", Path.Combine(_folder, "duckdb.csv"), StringComparison.Ordinal);
        command.ExecuteNonQuery();
    }
}
