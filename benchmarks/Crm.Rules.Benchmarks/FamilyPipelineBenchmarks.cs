using System.Text;
using BenchmarkDotNet.Attributes;
using Crm.Rules.CommandLine;
using Crm.Rules.Samples;
using Crm.Rules.Samples.Incidents;
using DuckDB.NET.Data;

namespace Crm.Rules.Benchmarks;

/// <summary>
/// The other end-to-end jobs of issue 10, file bytes in → file bytes out, in process:
/// <c>churn</c> over 1,000,000 customers given as raw facts (CHURN-1 … CHURN-5), CSV to CSV, and <c>sla</c> over the
/// 24,918 real ServiceNow incidents of <c>../shared/data/support_tickets</c> (resolution clocks on the policies of
/// <c>samples/config/incidents.json</c>), CSV to CSV. The baseline is DuckDB copying the same file
/// (<c>read_csv</c> → <c>COPY TO</c>, two threads) with no rules at all: the floor of reading and writing it.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class FamilyPipelineBenchmarks
{
    private const int Customers = 1_000_000;
    private readonly string _folder = Directory.CreateTempSubdirectory("crm-rules-bench-").FullName;
    private string _churnInput = "";
    private string _tickets = "";
    private string _incidentsConfig = "";

    [Params("churn", "sla")]
    public string Job { get; set; } = "churn";

    [GlobalSetup]
    public void Setup()
    {
        if (Job == "churn")
        {
            _churnInput = Path.Combine(_folder, "churn.csv");
            WriteChurnFacts(_churnInput);
            return;
        }

        // The real data ships beside the repository, not inside it: without it this job cannot run.
        var incidents = SampleData.Locate([], 0, "support_tickets/incidents.csv")
            ?? throw new InvalidOperationException("../shared/data/support_tickets/incidents.csv is not beside the repository; the sla job needs it.");
        _tickets = Path.Combine(_folder, "tickets.csv");
        IncidentTickets.Convert(incidents, _tickets);
        _incidentsConfig = Path.Combine(SampleData.RepositoryRoot, "samples", "config", "incidents.json");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Baseline = true, Description = "DuckDB copy, no rules (2 threads)")]
    public void DuckDbCopy()
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        var input = Job == "churn" ? _churnInput : _tickets;
        command.CommandText = $"SET threads = 2; COPY (SELECT * FROM read_csv('{input}', header = true, all_varchar = true)) TO '{Path.Combine(_folder, "duckdb.csv")}' (HEADER, DELIMITER ',');";
        command.ExecuteNonQuery();
    }

    [Benchmark(Description = "crm-rules, CSV to CSV")]
    public int CrmRules()
    {
        using var output = new StreamWriter(Path.Combine(_folder, "crm-rules.csv"), false, new UTF8Encoding(false), 1 << 16);
        string[] args = Job == "churn"
            ? ["churn", "--input", _churnInput, "--format", "csv"]
            : ["sla", "--input", _tickets, "--config", _incidentsConfig, "--format", "csv"];
        return CliApp.Run(args, output, TextWriter.Null);
    }

    // Raw facts that fire every kind of signal somewhere: usage gaps up to 200 days, amounts that fall or rise,
    // complaints, a competitor inquiry now and then, the three seed grades and no grade.
    private static void WriteChurnFacts(string path)
    {
        var random = new Random(20261202);
        string[] grades = ["A", "B", "C", ""];
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("id,asOf,lastUse,lastPurchase,amountThisMonth,amountLastMonth,unresolvedComplaints,competitorInquiry,grade\n");
        var asOf = new DateOnly(2026, 12, 1);
        for (var i = 0; i < Customers; i++)
        {
            var lastUse = asOf.AddDays(-random.Next(0, 200));
            var lastPurchase = asOf.AddDays(-random.Next(0, 400));
            var last = random.Next(100, 10_000);
            var now = last * random.Next(20, 130) / 100;
            writer.Write(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"K{i:D7},2026-12-01,{lastUse:yyyy-MM-dd},{lastPurchase:yyyy-MM-dd},{now}.00,{last}.00,{random.Next(0, 3)},{(random.Next(0, 20) == 0 ? "true" : "false")},{grades[random.Next(0, 4)]}\n"));
        }
    }
}
