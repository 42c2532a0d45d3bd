using System.Text.Json;

namespace Crm.Rules.Tests.Cli;

public sealed class FamilyCliTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Cadence_TheBundledCustomers()
    {
        var (exit, output, error) = Run("cadence", "--input", RepositoryPaths.Combine("samples", "data", "cadence-customers.csv"), "--as-of", "2026-11-24", "--format", "json");

        Assert.StartsWith("8 records, 8 written, 0 failed; contacts:", error, StringComparison.Ordinal);
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var byId = json.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!);
        var a = byId["RT2024001"];
        Assert.Equal(("2026-11-20", 4, "salesDirector", "visit"),
            (a.GetProperty("nextDue").GetString(), a.GetProperty("overdueDays").GetInt32(), a.GetProperty("owner").GetString(), a.GetProperty("channel").GetString()));
        Assert.StartsWith("grade A (maturity): every month", a.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.True(byId["MF2024001"].GetProperty("escalated").GetBoolean());
        Assert.Equal("wechat", byId["RT2024002"].GetProperty("channel").GetString());
    }

    [Fact]
    public void Cadence_BadRecordsAndBadDates()
    {
        var input = Write("c.csv", "id,grade,lastContact\nOK,A,2026-11-01\nBAD,Z,2026-11-01\nDATE,A,01/11/2026\n");
        var (exit, output, error) = Run("cadence", "--input", input, "--as-of", "2026-11-24", "--format", "csv");
        Assert.Equal(2, exit);
        Assert.Contains("OK,2026-12-01", output, StringComparison.Ordinal);
        Assert.Contains("c.csv line 3 (id BAD), field 'grade': 'Z' is not a grade (known: A, B, C)", error, StringComparison.Ordinal);
        Assert.Contains("c.csv line 4 (id DATE), field 'lastContact': '01/11/2026' is not a date", error, StringComparison.Ordinal);
        Assert.Contains("3 records, 1 written, 2 failed", error, StringComparison.Ordinal);
        Assert.Equal(2, Run("cadence", "--input", input, "--as-of", "tomorrow").Exit);
    }

    [Fact]
    public void Prioritise_TheBundledDemands()
    {
        var (exit, output, error) = Run("prioritise", "--input", RepositoryPaths.Combine("samples", "data", "demands.csv"), "--format", "json");

        Assert.StartsWith("8 records, 8 written, 0 failed;", error, StringComparison.Ordinal);
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["D-102", "D-108", "D-106", "D-101", "D-103", "D-107", "D-104", "D-105"], rows.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(["do-first", "do-first", "do-first", "do-first", "plan", "plan", "quick-response", "defer"], rows.Select(r => r.GetProperty("quadrant").GetString()));
        Assert.Equal(Enumerable.Range(1, 8), rows.Select(r => r.GetProperty("rank").GetInt32()));
        Assert.All(rows, r => Assert.NotEqual(0, r.GetProperty("reasons").GetArrayLength()));
        Assert.All(rows, r => Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, r.GetProperty("fingerprint").GetString()));
    }

    [Fact]
    public void Prioritise_BadDemandsAreNamed()
    {
        var input = Write("d.json", """[ {"id":"ok","customerGrade":"A","important":true,"urgent":false}, {"id":"x","customerGrade":"A","important":"maybe","urgent":true}, {"id":"y","customerGrade":"B","important":true} ]""");
        var (exit, output, error) = Run("prioritise", "--input", input, "--format", "csv");
        Assert.Equal(2, exit);
        Assert.Contains("1,ok,plan", output, StringComparison.Ordinal);
        Assert.Contains("(id x), field 'important': is a JSON string; give true or false", error, StringComparison.Ordinal);
        Assert.Contains("(id y), field 'urgency': give 'urgent' (true/false) or 'urgency' (a 1..5 score)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Prioritise_ScoresAndFitOutOfRangeAreNamed()
    {
        var input = Write("d.csv", "id,customerGrade,importance,urgency,strategicFit,cost\nok,A,4,4,3,10\nhi,A,9,4,3,10\nfit,A,4,4,7,10\nneg,A,4,4,3,-1\n");
        var (exit, output, error) = Run("prioritise", "--input", input, "--format", "csv");
        Assert.Equal(2, exit);
        Assert.Contains("1,ok,do-first", output, StringComparison.Ordinal);
        Assert.Contains("d.csv line 3 (id hi), field 'importance': '9' is out of range: give a number from 1 to 5", error, StringComparison.Ordinal);
        Assert.Contains("d.csv line 4 (id fit), field 'strategicFit': '7' is out of range: give a number from 0 to 5", error, StringComparison.Ordinal);
        Assert.Contains("d.csv line 5 (id neg), field 'cost': '-1' is out of range: give a number from 0 up", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Nps_TheBundledAnswers()
    {
        var (exit, output, _) = Run("nps", "--input", RepositoryPaths.Combine("samples", "data", "nps-answers.csv"), "--format", "json");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var byMeasure = json.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("measure").GetString()!);
        Assert.Equal(25m, byMeasure["nps"].GetProperty("value").GetDecimal());
        Assert.Equal(3.75m, byMeasure["overallAverage"].GetProperty("value").GetDecimal());
        Assert.True(byMeasure["speed"].GetProperty("low").GetBoolean());
        var counts = byMeasure["nps"];
        Assert.Equal(counts.GetProperty("respondents").GetInt32(), counts.GetProperty("promoters").GetInt32() + counts.GetProperty("passives").GetInt32() + counts.GetProperty("detractors").GetInt32());
        Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, counts.GetProperty("fingerprint").GetString());
    }

    [Fact]
    public void Nps_ScoresOutOfRangeAreNamed()
    {
        var input = Write("a.csv", "id,score\nR1,10\nR2,11\nR3,\n");
        var (exit, output, error) = Run("nps", "--input", input, "--format", "csv");
        Assert.Equal(2, exit);
        Assert.Contains("nps,100,1,0,0,1,", output, StringComparison.Ordinal);
        Assert.Contains("a.csv line 3 (id R2), field 'score': '11' is out of range: give a whole number from 0 to 10", error, StringComparison.Ordinal);
        Assert.Contains("a.csv line 4 (id R3), field 'score': is missing", error, StringComparison.Ordinal);
    }

    private string Write(string name, string content) => _temp.Write(name, content);

    private static (int Exit, string Output, string Error) Run(params string[] args) => CliRun.Run(args);
}

public sealed class ChurnCliTests
{
    [Fact]
    public void Churn_TheBundledCustomers()
    {
        var (exit, output, error) = CliRun.Run("churn", "--input", RepositoryPaths.Combine("samples", "data", "churn-customers.csv"), "--format", "json", "--explain");
        Assert.StartsWith("4 records, 4 written, 0 failed; bands:", error, StringComparison.Ordinal);
        Assert.Equal(0, exit);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        var byId = json.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!);
        Assert.Equal((15, "high", "worsening"), (byId["RT2024001"].GetProperty("total").GetInt32(), byId["RT2024001"].GetProperty("band").GetString(), byId["RT2024001"].GetProperty("trend").GetString()));
        // Signals are a JSON array of names; their evidence, with --explain, another array beside it.
        Assert.Contains("noUse", byId["RT2024001"].GetProperty("signals").EnumerateArray().Select(s => s.GetString()));
        Assert.Contains("noUse: no use for 99 days since 2026-08-17 (threshold 90)", byId["RT2024001"].GetProperty("evidence").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, byId["RT2024001"].GetProperty("fingerprint").GetString());
        Assert.Equal((12, "high"), (byId["IT2024001"].GetProperty("total").GetInt32(), byId["IT2024001"].GetProperty("band").GetString()));
        Assert.True(byId["MF2024001"].GetProperty("churnRiskTag").GetBoolean());
    }

    [Fact]
    public void Churn_BadRecordsAreNamed()
    {
        using var temp = new TempFolder();
        var input = temp.Write("c.csv", "id,behaviour,attitude,value,asOf\nOK,3,3,3,\nX,6,1,1,\nY,3,,,\nZ,,,,\n");
        var (exit, _, error) = CliRun.Run("churn", "--input", input);
        Assert.Equal(2, exit);
        Assert.Contains("c.csv line 3 (id X), field 'behaviour': '6' is out of range: give a whole number from 1 to 5", error, StringComparison.Ordinal);
        Assert.Contains("c.csv line 4 (id Y), field 'behaviour': give all three of behaviour, attitude and value, or the raw facts", error, StringComparison.Ordinal);
        Assert.Contains("c.csv line 5 (id Z), field 'asOf': is required with raw facts", error, StringComparison.Ordinal);
    }
}
