using System.Text;
using BenchmarkDotNet.Attributes;
using Crm.Rules.Assessment;
using Crm.Rules.Cadence;
using Crm.Rules.Churn;
using Crm.Rules.CommandLine;
using Crm.Rules.Lifecycle;
using Crm.Rules.Samples;
using Crm.Rules.Scoring;
using NodaTime;

namespace Crm.Rules.Benchmarks;

/// <summary>
/// One-pass assessment of 1,000,000 customers in the library (issue 13): grade + churn + next contact + stage
/// proposal + response policy. The baseline is the object path a host calls per customer (<see cref="AssessmentRules.Assess"/>);
/// beside it the batch path over pre-digested facts.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class AssessmentBatchBenchmarks
{
    private const int Customers = 1_000_000;
    private static readonly LocalDate Today = new(2026, 11, 24);
    private readonly AssessmentRules _rules = CrmRuleSet.SeedStandard.Assessment;
    private CustomerProfile[] _profiles = [];
    private byte[] _scores = [];
    private AssessmentFacts[] _facts = [];
    private AssessmentOutcome[] _outcomes = [];
    private Instant _asOf;

    [GlobalSetup]
    public void Setup()
    {
        _asOf = _rules.StartOf(Today);
        var random = new Random(20261206);
        var indicators = CrmRuleSet.SeedStandard.ValueGrading.Indicators;
        var stages = _rules.Machine.Stages;
        StageFacts[] stageFacts =
        [
            new StageFacts().With("firstDealDone", true),
            new StageFacts().With("amountChange", -0.4m).With("renewalRefused", true),
            new StageFacts().With("repeatPurchasesWithin6Months", 3m).With("yearsOfBusiness", 3m).With("yearlyAmountStable", true),
            StageFacts.Empty,
        ];
        _profiles = new CustomerProfile[Customers];
        _scores = new byte[Customers * indicators.Count];
        _facts = new AssessmentFacts[Customers];
        _outcomes = new AssessmentOutcome[Customers];
        for (var i = 0; i < Customers; i++)
        {
            var scores = new Dictionary<string, IndicatorValue>(indicators.Count, StringComparer.Ordinal);
            for (var n = 0; n < indicators.Count; n++)
            {
                var score = (byte)random.Next(1, 6);
                _scores[(i * indicators.Count) + n] = score;
                scores[indicators[n].Name] = IndicatorValue.FromNumber(score);
            }

            // The typical portfolio: most customers use the product, a few show several signals.
            var churn = new ChurnFacts(Today)
            {
                LastUse = Today.PlusDays(-random.Next(0, 120)),
                AmountLastMonth = random.Next(1_000, 100_000),
                AmountThisMonth = random.Next(1_000, 100_000),
                ContactsPerMonthBefore = random.Next(1, 6),
                ContactsPerMonthNow = random.Next(0, 6),
                NegativeFeedback = random.Next(10) == 0,
                UnresolvedComplaints = random.Next(20) == 0 ? 1 : 0,
            };
            var given = random.Next(4) - 1;
            var last = Today.PlusDays(-random.Next(0, 200));
            var stage = stages[random.Next(4)];
            var facts = stageFacts[random.Next(stageFacts.Length)];
            _profiles[i] = new CustomerProfile($"c{i}")
            {
                Indicators = scores,
                Grade = given < 0 ? null : CrmRuleSet.SeedStandard.ValueGrading.Grades[given].Name,
                Churn = churn,
                Cadence = new CadenceCustomer($"c{i}") { LastContact = last },
                Stage = stage,
                StageFacts = facts,
            };
            _facts[i] = new AssessmentFacts(given, churn, last, null, 0, stage, facts);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Customers, Description = "per customer: AssessmentRules.Assess (sections as objects)")]
    public int PerCustomer()
    {
        var graded = 0;
        foreach (var profile in _profiles)
        {
            graded += _rules.Assess(profile, _asOf).Grade?.InEffect is null ? 0 : 1;
        }

        return graded;
    }

    [Benchmark(OperationsPerInvoke = Customers, Description = "AssessmentRules.AssessBatch")]
    public int Batch()
    {
        _rules.AssessBatch(_scores, _facts, _asOf, _outcomes);
        return _outcomes[^1].GradeInEffect;
    }
}

/// <summary>
/// <c>crm-rules assess</c> over a 1,000,000-row profile file end to end (CSV in, CSV out), against the baseline of
/// what a host does without it: the grade, churn, cadence and lifecycle commands one after another over the same
/// customers' columns. The collector is the command line's (server, blocking: src/Crm.Rules.Cli/Crm.Rules.Cli.csproj).
/// </summary>
[MemoryDiagnoser]
[GcServer(true)]
[GcConcurrent(false)]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class AssessCommandBenchmarks
{
    private const int Customers = 1_000_000;
    private readonly string _folder = Directory.CreateTempSubdirectory("crm-rules-bench-").FullName;
    private string _profiles = "";
    private readonly Dictionary<string, string> _family = [];

    [GlobalSetup]
    public void Setup()
    {
        var sample = File.ReadAllLines(Path.Combine(SampleData.RepositoryRoot, "samples", "data", "profiles.csv"));
        var header = sample[0].Split(',');
        var rows = sample.Skip(1).Select(l => l.Split(',')).ToArray();
        _profiles = Path.Combine(_folder, "profiles.csv");
        Write(_profiles, header, rows, header.Select((_, i) => i).ToArray(), []);
        string[] indicators = ["historicalAmount", "frequency", "grossMargin", "industryInfluence", "needMatch", "willingness"];
        string[] churn = ["lastUse", "loginBased", "lastInteraction", "lastPurchase", "amountThisMonth", "amountLastMonth", "competitorInquiry", "keyContactLeft", "keyContactReplaced", "contactsPerMonthBefore", "contactsPerMonthNow", "negativeFeedback", "renewalRefused", "unresolvedComplaints", "previousTotal"];
        string[] cadence = ["grade", "lastContact", "channelPreference", "firstDeal", "lastSurvey", "birthday", "events", "unresolvedContacts"];
        // The sample rows without indicators or grade are left out of the family files that need them: the baseline
        // does strictly less work than the assessment.
        _family["grade"] = Family("grade.csv", header, rows.Where(r => r[2].Length > 0).ToArray(), ["id", .. indicators], []);
        _family["churn"] = Family("churn.csv", header, rows.Where(r => r[9].Length > 0 && r[1].Length > 0).ToArray(), ["id", .. churn, "grade"], [("asOf", "2026-11-24")]);
        _family["cadence"] = Family("cadence.csv", header, rows.Where(r => r[1].Length > 0).ToArray(), ["id", .. cadence], []);
        _family["lifecycle"] = Family("lifecycle.csv", header, rows, ["id", "stage", "facts"], [("machine", "lifecycle")]);
    }

    private string Family(string name, string[] header, string[][] rows, string[] columns, (string Name, string Value)[] constants)
    {
        var path = Path.Combine(_folder, name);
        Write(path, [.. columns, .. constants.Select(c => c.Name)], rows, [.. columns.Select(c => Array.IndexOf(header, c))], [.. constants.Select(c => c.Value)]);
        return path;
    }

    // The sample's rows again and again, each with a new DATA-1 id (two letters, a year, three digits).
    private static void Write(string path, string[] header, string[][] rows, int[] columns, string[] constants)
    {
        using var output = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        output.WriteLine(string.Join(',', header));
        var line = new StringBuilder();
        for (var i = 0; i < Customers; i++)
        {
            var row = rows[i % rows.Length];
            line.Clear();
            var rest = i / 999;
            line.Append((char)('A' + (rest / 6 / 26 % 26))).Append((char)('A' + (rest / 6 % 26))).Append(2020 + (rest % 6)).Append(((i % 999) + 1).ToString("000", System.Globalization.CultureInfo.InvariantCulture));
            for (var c = 1; c < columns.Length; c++)
            {
                line.Append(',').Append(row[columns[c]]);
            }

            foreach (var constant in constants)
            {
                line.Append(',').Append(constant);
            }

            output.WriteLine(line);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Baseline = true, Description = "grade, churn, cadence, lifecycle one after another, CSV to CSV")]
    public int FamilyCommands()
        => Run("grade") + Run("churn") + Run("cadence", "--as-of", "2026-11-24") + Run("lifecycle");

    [Benchmark(Description = "crm-rules assess --workers 1, CSV to CSV")]
    public int AssessOneWorker() => Assess("1");

    [Benchmark(Description = "crm-rules assess, CSV to CSV (workers: the processor count)")]
    public int Assess() => Assess(Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Benchmark(Description = "crm-rules assess, CSV to JSON Lines (workers: the processor count)")]
    public int AssessJsonLines() => Assess(Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture), "jsonl");

    private int Assess(string workers, string format = "csv")
    {
        using var output = new StreamWriter(Path.Combine(_folder, "assessed." + format), false, new UTF8Encoding(false), 1 << 16);
        return CliApp.Run(["assess", "--input", _profiles, "--as-of", "2026-11-24", "--format", format, "--workers", workers], output, TextWriter.Null);
    }

    private int Run(string command, params string[] more)
    {
        using var output = new StreamWriter(Path.Combine(_folder, command + ".out.csv"), false, new UTF8Encoding(false), 1 << 16);
        return CliApp.Run([command, "--input", _family[command], "--format", "csv", .. more], output, TextWriter.Null);
    }
}
