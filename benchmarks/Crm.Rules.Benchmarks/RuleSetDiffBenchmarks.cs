using System.Text;
using BenchmarkDotNet.Attributes;
using Crm.Rules.CommandLine;
using Crm.Rules.CommandLine.Checking;

namespace Crm.Rules.Benchmarks;

/// <summary>
/// What a change of rules does to 1,000,000 customers (issue 12), end to end from the CSV file: the A threshold moved
/// from 4.0 to 3.9. The baseline is what a user would do without <c>crm-rules diff</c>: grade the file twice to CSV
/// and compare the two outputs line by line. Beside it, one plain <c>grade</c> run: the floor a diff can approach
/// when its two runs share the two cores.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class RuleSetDiffBenchmarks
{
    private const int Customers = 1_000_000;
    private readonly string _folder = Directory.CreateTempSubdirectory("crm-rules-bench-").FullName;
    private readonly CrmRuleSet _from = CrmRuleSet.SeedStandard;
    private readonly CrmRuleSet _to = CrmRuleSet.Parse("""{ "valueGrading": { "grades": { "A": { "minimumTotal": 3.9 } } } }""");
    private string _input = "";
    private string _toFile = "";

    [GlobalSetup]
    public void Setup()
    {
        _input = Path.Combine(_folder, "customers.csv");
        _toFile = Path.Combine(_folder, "to.json");
        File.WriteAllText(_toFile, _to.CanonicalJson);
        GeneratedCustomers.Write(_input, Customers, seed: 20261206);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Baseline = true, Description = "grade twice to CSV, compare lines")]
    public long GradeTwiceAndCompare()
    {
        var before = Path.Combine(_folder, "before.csv");
        var after = Path.Combine(_folder, "after.csv");
        using (var output = new StreamWriter(before, false, new UTF8Encoding(false), 1 << 16))
        {
            CliApp.Run(["grade", "--input", _input, "--format", "csv"], output, TextWriter.Null);
        }

        using (var output = new StreamWriter(after, false, new UTF8Encoding(false), 1 << 16))
        {
            CliApp.Run(["grade", "--input", _input, "--format", "csv", "--config", _toFile], output, TextWriter.Null);
        }

        // The fingerprint column always differs; compare the rest.
        long changed = 0;
        foreach (var (a, b) in File.ReadLines(before).Zip(File.ReadLines(after)))
        {
            if (!a.AsSpan(0, a.LastIndexOf(',')).SequenceEqual(b.AsSpan(0, b.LastIndexOf(','))))
            {
                changed++;
            }
        }

        return changed;
    }

    [Benchmark(Description = "RuleSetDiff.Compare (crm-rules diff)")]
    public long Diff() => RuleSetDiff.Compare("grade", _input, _from, _to).Changed;

    [Benchmark(Description = "grade once, CSV to CSV")]
    public int GradeOnce()
    {
        using var output = new StreamWriter(Path.Combine(_folder, "once.csv"), false, new UTF8Encoding(false), 1 << 16);
        return CliApp.Run(["grade", "--input", _input, "--format", "csv"], output, TextWriter.Null);
    }
}
