using System.Text.Json.Nodes;
using static Crm.Rules.Tests.Support.CliRun;

namespace Crm.Rules.Tests.Cli;

/// <summary>
/// <c>crm-rules assess</c>: one object per customer with a section per family, each holding the fields the family's own
/// command prints for the same inputs; the data-command contract (per-record errors, masking, fingerprint, formats).
/// </summary>
public sealed class AssessCliTests : IDisposable
{
    private static readonly string Profiles = RepositoryPaths.Combine("samples", "data", "profiles.csv");
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static JsonArray Json(string output) => JsonNode.Parse(output)!.AsArray();

    private static (string[] Header, string[][] Rows) Csv(string path)
    {
        var lines = File.ReadAllLines(path);
        return (lines[0].Split(','), lines.Skip(1).Select(l => l.Split(',')).ToArray());
    }

    // The profiles file cut down to the columns a family command reads, renamed where the command names them differently.
    private string Project(string name, params (string From, string To)[] columns)
    {
        var (header, rows) = Csv(Profiles);
        var index = columns.Select(c => c.From.StartsWith('=') ? -1 : Array.IndexOf(header, c.From)).ToArray();
        var text = string.Join(",", columns.Select(c => c.To)) + "\n" + string.Join("\n", rows.Select(r => string.Join(",", columns.Select((c, i) => index[i] < 0 ? c.From[1..] : r[index[i]]))));
        return _folder.Write(name, text + "\n");
    }

    [Fact]
    public void Json_EverySection_HoldsTheFamilyCommandsFields_ForTheSameInputs()
    {
        var (exit, output, error) = Run("assess", "--input", Profiles, "--as-of", "2026-11-24", "--format", "json");
        Assert.Equal(0, exit);
        Assert.Contains("9 records, 9 written", error, StringComparison.Ordinal);
        var assessed = Json(output).ToDictionary(n => (string)n!["id"]!, n => n!.AsObject());

        // grade: the indicators through `crm-rules grade`.
        var indicators = new[] { "historicalAmount", "frequency", "grossMargin", "industryInfluence", "needMatch", "willingness" };
        var gradeFile = Project("grade.csv", [("id", "id"), .. indicators.Select(i => (i, i))]);
        var graded = Json(Run("grade", "--input", gradeFile, "--format", "json", "--max-errors", "100").Output);
        Assert.Equal(7, graded.Count);
        foreach (var g in graded)
        {
            var section = assessed[(string)g!["id"]!]["grade"]!.AsObject();
            foreach (var (field, value) in g.AsObject())
            {
                Assert.True(JsonNode.DeepEquals(value, section[field]), $"grade.{field}: {value} vs {section[field]}");
            }
        }

        // churn: the same facts with the grade in effect as the value grade, through `crm-rules churn`.
        string[] churnFields = ["lastUse", "loginBased", "lastInteraction", "lastPurchase", "amountThisMonth", "amountLastMonth", "competitorInquiry", "keyContactLeft", "keyContactReplaced", "contactsPerMonthBefore", "contactsPerMonthNow", "negativeFeedback", "renewalRefused", "unresolvedComplaints", "previousTotal"];
        var withChurn = assessed.Values.Where(a => a["churn"] is not null).ToDictionary(a => (string)a["id"]!, a => (string)a["grade"]!["inEffect"]!);
        var churnFile = Project("churn.csv", [("id", "id"), ("=2026-11-24", "asOf"), .. churnFields.Select(f => (f, f))]);
        var (header, rows) = Csv(churnFile);
        File.WriteAllText(churnFile, string.Join(",", [.. header, "grade"]) + "\n" + string.Join("\n", rows.Where(r => withChurn.ContainsKey(r[0])).Select(r => string.Join(",", [.. r, withChurn[r[0]]]))) + "\n");
        var scored = Json(Run("churn", "--input", churnFile, "--format", "json").Output);
        Assert.Equal(withChurn.Count, scored.Count);
        foreach (var c in scored)
        {
            Assert.True(JsonNode.DeepEquals(c, assessed[(string)c!["id"]!]["churn"]), $"churn of {c["id"]}: {c} vs {assessed[(string)c["id"]!]["churn"]}");
        }

        // lifecycle: the stage and facts on the assessment's machine through `crm-rules lifecycle`.
        var lifecycleFile = Project("lifecycle.csv", ("id", "id"), ("=lifecycle", "machine"), ("stage", "stage"), ("facts", "facts"));
        var proposed = Json(Run("lifecycle", "--input", lifecycleFile, "--format", "json").Output);
        Assert.Equal(9, proposed.Count);
        foreach (var p in proposed)
        {
            var section = assessed[(string)p!["id"]!]["lifecycle"]!.AsObject();
            foreach (var (field, value) in p.AsObject())
            {
                Assert.True(JsonNode.DeepEquals(value, section[field]), $"lifecycle.{field}: {value} vs {section[field]}");
            }
        }
    }

    [Fact]
    public void Json_LinksTheSections_AndListsWhatIsMissing()
    {
        var (_, output, _) = Run("assess", "--input", Profiles, "--as-of", "2026-11-24", "--format", "json", "--explain");
        var all = Json(output);
        var lead = all.Single(n => (string)n!["id"]! == "LD2026031")!;
        Assert.Equal(["grade", "churn", "sla", "analytics"], lead["missing"]!.AsArray().Select(m => (string)m!));
        Assert.Equal("high-potential", (string)lead["lead"]!["label"]!);
        var risky = all.Single(n => (string)n!["id"]! == "RT2024001")!;
        Assert.Equal("high", (string)risky["churn"]!["band"]!);
        Assert.Equal(["churn-cause-analysis", "churn-executive-talk"], risky["sla"]!["deadlines"]!.AsArray().Select(d => (string)d!["policy"]!));
        Assert.Equal("2026-11-24T16:00:00Z", (string)risky["sla"]!["deadlines"]![0]!["deadline"]!);
        Assert.Contains(risky["links"]!.AsArray(), l => ((string)l!).StartsWith("grade A (given, approved)", StringComparison.Ordinal));
        Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, (string)risky["fingerprint"]!);
        Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, (string)risky["cadence"]!["fingerprint"]!);
        Assert.False((bool)all.Single(n => (string)n!["id"]! == "bad-id-7")!["dataQuality"]!["idValid"]!);
    }

    [Fact]
    public void Csv_NamesSectionColumnsWithDots_AndMasksContactDetails()
    {
        var (exit, output, _) = Run("assess", "--input", Profiles, "--as-of", "2026-11-24", "--format", "csv");
        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,fingerprint,missing,conflicts,grade.id,grade.total,grade.grade,", lines[0], StringComparison.Ordinal);
        Assert.Contains("sla.responsePolicy", lines[0], StringComparison.Ordinal);
        Assert.Equal(10, lines.Length);
        Assert.DoesNotContain("13812345678", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_SectionDetails_AreWrittenInTheirColumns_AsJsonHoldsThem()
    {
        // A section's details (the playbook's deadlines; with --explain the contributions and the evidence) were once
        // looked up by their bare name, found no column and were left out: every such cell was empty.
        var (exit, output, _) = Run("assess", "--input", Profiles, "--as-of", "2026-11-24", "--format", "csv", "--explain");
        Assert.Equal(0, exit);
        var json = Json(Run("assess", "--input", Profiles, "--as-of", "2026-11-24", "--format", "json", "--explain").Output)
            .ToDictionary(n => (string)n!["id"]!, n => n!.AsObject());
        using var reader = nietras.SeparatedValues.SepReaderExtensions.FromText(nietras.SeparatedValues.Sep.Reader(o => o with { Unescape = true }), output);
        var rows = 0;
        foreach (var row in reader)
        {
            var expected = json[row["id"].ToString()];
            var deadlines = expected["sla"]?["deadlines"]?.AsArray() ?? [];
            Assert.Equal(
                string.Join("; ", deadlines.Select(d => $"{d!["policy"]} {d["deadline"]}")),
                row["sla.deadlines"].ToString());
            Assert.Equal(string.Join("; ", expected["churn"]?["evidence"]?.AsArray().Select(e => (string)e!) ?? []), row["churn.evidence"].ToString());
            Assert.Equal(expected["grade"]?["contributions"] is null, row["grade.contributions"].ToString().Length == 0);
            rows++;
        }

        Assert.Equal(9, rows);
        Assert.Contains("churn-cause-analysis 2026-11-24T16:00:00Z", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ABadRecord_IsReportedWithLineAndField_AndTheOthersAreStillAssessed()
    {
        var input = _folder.Write("bad.csv", "id,grade,stage,lastContact,monetary\nc1,A,growth,2026-11-01,\nc2,Z,growth,2026-11-01,\nc3,B,limbo,,\nc4,B,,2026-13-40,\nc5,C,,,100\n");
        var (exit, output, error) = Run("assess", "--input", input, "--as-of", "2026-11-24", "--format", "jsonl");
        Assert.Equal(2, exit);
        Assert.Contains("bad.csv line 3 (id c2), field 'grade':", error, StringComparison.Ordinal);
        Assert.Contains("bad.csv line 4 (id c3), field 'stage':", error, StringComparison.Ordinal);
        Assert.Contains("bad.csv line 5 (id c4), field 'lastContact':", error, StringComparison.Ordinal);
        Assert.Contains("bad.csv line 6 (id c5), field 'recencyDays':", error, StringComparison.Ordinal);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void AsOf_TakesADateOrAnInstant_AndRefusesAnythingElse()
    {
        var at = Run("assess", "--input", Profiles, "--as-of", "2026-11-24T08:00:00+08:00", "--format", "json");
        Assert.Equal(0, at.Exit);
        Assert.Equal("2026-11-25T00:00:00Z", (string)Json(at.Output).Single(n => (string)n!["id"]! == "RT2024001")!["sla"]!["deadlines"]![0]!["deadline"]!);
        var (exit, _, error) = Run("assess", "--input", Profiles, "--as-of", "24/11/2026");
        Assert.Equal(2, exit);
        Assert.Contains("--as-of", error, StringComparison.Ordinal);
    }
}

/// <summary><c>crm-rules report</c> and <c>assess --summary</c> over the bundled sample portfolio.</summary>
public sealed class PortfolioReportCliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Report_IsOneSelfContainedHtmlFile_WithAChartPerSection_AndTheFingerprint()
    {
        var target = Path.Combine(_folder.Path, "report.html");
        var (exit, output, _) = Run("report", "--input", RepositoryPaths.Combine("samples", "data", "profiles.csv"), "--as-of", "2026-11-24", "--out", target);
        Assert.Equal(0, exit);
        Assert.Contains("9 customers", output, StringComparison.Ordinal);
        var html = File.ReadAllText(target);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Contains(CrmRuleSet.SeedStandard.Fingerprint, html, StringComparison.Ordinal);
        foreach (var heading in new[] { "Grades and the value they hold", "Value per grade (Pareto)", "Churn risk", "Signals that fire most", "Contacts due in the next 13 weeks", "Lifecycle stages", "Highest risk by value at stake" })
        {
            Assert.Contains($">{heading}<", html, StringComparison.Ordinal);
        }

        Assert.True(System.Text.RegularExpressions.Regex.Count(html, "<svg") >= 8);
        Assert.Contains("RT2024001", html, StringComparison.Ordinal); // the riskiest customer by value at stake
    }

    [Fact]
    public void Summary_DrawsTheDistributionsOnStderr_BesideJsonOnStdout()
    {
        var (exit, output, error) = Run("assess", "--input", RepositoryPaths.Combine("samples", "data", "profiles.csv"), "--as-of", "2026-11-24", "--format", "json", "--summary");
        Assert.Equal(0, exit);
        Assert.Equal(9, System.Text.Json.Nodes.JsonNode.Parse(output)!.AsArray().Count);
        Assert.Contains("Customers per churn band", error, StringComparison.Ordinal);
        Assert.Contains("█", error, StringComparison.Ordinal);
    }
}

/// <summary>The test-suite tools over <c>assess</c>: decision tables name section fields with dots; a diff ignores the sections' fingerprints.</summary>
public sealed class AssessCheckAndDiffTests
{
    [Fact]
    public void Check_ADecisionTableOverSectionFields_PassesAndFails()
    {
        var cases = RepositoryPaths.Combine("samples", "cases", "assess.csv");
        var (exit, output, _) = Run("check", "assess", "--cases", cases, "--as-of", "2026-11-24");
        Assert.Equal(0, exit);
        Assert.Contains("2 cases, 2 passed, 0 failed", output, StringComparison.Ordinal);

        using var folder = new TempFolder();
        var wrong = folder.Write("wrong.csv", File.ReadAllText(cases).Replace("growth,response-B", "maturity,response-B", StringComparison.Ordinal));
        var failed = Run("check", "assess", "--cases", wrong, "--as-of", "2026-11-24");
        Assert.Equal(1, failed.Exit);
        Assert.Contains("lifecycle.proposed", failed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_CountsRealChangesOnly_NotTheSectionsFingerprints()
    {
        using var folder = new TempFolder();
        var same = folder.Write("same.json", "{}");
        var (exit, output, _) = Run("diff", "assess", "--from", same, "--to", same, "--input", RepositoryPaths.Combine("samples", "data", "profiles.csv"), "--as-of", "2026-11-24", "--format", "json");
        Assert.Equal(0, exit);
        var report = System.Text.Json.Nodes.JsonNode.Parse(output)!;
        Assert.Equal(9, (int)report["records"]!);
        Assert.Equal(0, (int)report["changed"]!);

        var moved = Run("diff", "assess", "--from", same, "--to", RepositoryPaths.Combine("samples", "config", "grade-a-from-3.8.json"), "--input", RepositoryPaths.Combine("samples", "data", "profiles.csv"), "--as-of", "2026-11-24", "--format", "json");
        var changes = System.Text.Json.Nodes.JsonNode.Parse(moved.Output)!["changes"]!.AsArray();
        Assert.DoesNotContain(changes, c => ((string)c!["field"]!).EndsWith("fingerprint", StringComparison.Ordinal));
    }
}
