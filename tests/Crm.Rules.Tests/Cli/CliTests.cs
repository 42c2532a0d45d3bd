using System.Text.Json;

namespace Crm.Rules.Tests.Cli;

public sealed class CliTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private static string Sample => RepositoryPaths.Combine("samples", "data", "customers.csv");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Grade_TheBundledSample_PrintsATable()
    {
        var (exit, output, error) = Run("grade", "--input", Sample);

        Assert.Equal(0, exit);
        Assert.Contains("RT2024002", output, StringComparison.Ordinal);
        Assert.Equal($"16 records, 16 written, 0 failed; grades: A 4, B 7, C 5; rule set {CrmRuleSet.SeedStandard.Fingerprint}", error.Trim());
    }

    [Fact]
    public void Grade_JsonFormat_GivesIdTotalAsANumberAndGrade()
    {
        var (exit, output, _) = Run("grade", "--input", Sample, "--format", "json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var byId = json.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!);
        Assert.Equal(16, byId.Count);
        Assert.Equal(JsonValueKind.Number, byId["RT2024002"].GetProperty("total").ValueKind);
        Assert.Equal((4m, "A"), (byId["RT2024002"].GetProperty("total").GetDecimal(), byId["RT2024002"].GetProperty("grade").GetString()));
        Assert.Equal((3m, "B"), (byId["RT2024003"].GetProperty("total").GetDecimal(), byId["RT2024003"].GetProperty("grade").GetString()));
        Assert.Equal((2.85m, "C"), (byId["ED2024001"].GetProperty("total").GetDecimal(), byId["ED2024001"].GetProperty("grade").GetString()));
        Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, byId["RT2024002"].GetProperty("fingerprint").GetString());
    }

    [Fact]
    public void Grade_Explain_ListsContributionsAndTheWayUp()
    {
        var (exit, output, _) = Run("grade", "--input", Sample, "--format", "json", "--explain");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var mf1 = json.RootElement.EnumerateArray().Single(e => e.GetProperty("id").GetString() == "MF2024001");
        Assert.Equal(6, mf1.GetProperty("contributions").GetArrayLength());
        Assert.Equal("A", mf1.GetProperty("nextGrade").GetString());
        Assert.Equal(0.1m, mf1.GetProperty("totalToNextGrade").GetDecimal());
        Assert.True(mf1.GetProperty("raisesToNextGrade").GetArrayLength() > 0);
    }

    [Fact]
    public void Grade_CsvFormat_HasAHeaderAndOneRowPerCustomer()
    {
        var (exit, output, _) = Run("grade", "--input", Sample, "--format", "csv");

        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,total,grade,status,ownerRole,nextGrade,totalToNextGrade,fingerprint", lines[0].TrimEnd('\r'));
        Assert.Equal(17, lines.Length);
    }

    [Fact]
    public void Grade_JsonInput_WithAConfig()
    {
        var input = Write("customers.json", """
            [ {"id":"J1","amount":250000,"influence":"leader"}, {"id":"J2","amount":5000,"influence":"sme"} ]
            """);
        var config = Write("rules.json", """
            { "valueGrading": { "indicators": [
                {"name":"amount","weight":0.5,"bands":[{"max":10000,"score":1},{"min":10000,"max":200000,"score":3},{"min":200000,"score":5}]},
                {"name":"influence","weight":0.5,"categories":{"leader":5,"regionalLeader":3,"sme":1}} ] } }
            """);

        var (exit, output, error) = Run("grade", "--input", input, "--config", config, "--format", "json");

        Assert.StartsWith("2 records, 2 written, 0 failed; grades: A 1, C 1", error, StringComparison.Ordinal);
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(["A", "C"], json.RootElement.EnumerateArray().Select(e => e.GetProperty("grade").GetString()));
    }

    [Fact]
    public void Validate_TheDefaults_PassesWithTheSeedFingerprint()
    {
        var (_, defaults, _) = Run("defaults");
        var file = Write("defaults.json", defaults);

        var (exit, output, _) = Run("validate", "--config", file);

        Assert.Equal(0, exit);
        Assert.Equal(
            $"valid; fingerprint {CrmRuleSet.SeedStandard.Fingerprint}{Environment.NewLine}sections: valueGrading, leadScoring, sla, satisfaction, cadence, demands, dataQuality, churn, lifecycle, access, analytics, loyalty, assessment",
            output.Trim());
    }

    [Fact]
    public void Validate_ABadFile_ExitsWith2AndListsEveryProblem()
    {
        var file = Write("bad.json", """{ "valueGrading": { "indicators": [ {"name":"a","weight":0.5}, {"name":"b","weight":0.3}, {"name":"c","weight":1.2} ], "colour": 1 } }""");

        var (exit, output, error) = Run("validate", "--config", file);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("has 2 problems", error, StringComparison.Ordinal);
        Assert.Contains("valueGrading.indicators[2].weight: must be between 0 and 1", error, StringComparison.Ordinal);
        Assert.Contains("valueGrading.colour: is not a known setting", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Grade_BadRecords_AreNamedCountedAndExitWith2_GoodOnesStillPrinted()
    {
        var input = Write("mixed.csv", """
            id,historicalAmount,frequency,grossMargin,industryInfluence,needMatch,willingness
            OK1,4,4,4,4,4,4
            BAD1,4,4,9,4,4,4
            BAD2,4,,4,4,4,4
            BAD3,4,4,4,high,4,4
            """);

        var (exit, output, error) = Run("grade", "--input", input, "--format", "csv");

        Assert.Equal(2, exit);
        Assert.Contains("OK1,4,A", output, StringComparison.Ordinal);
        Assert.Contains("mixed.csv line 3 (id BAD1), field 'grossMargin': '9' is out of range: give a whole number from 1 to 5", error, StringComparison.Ordinal);
        Assert.Contains("mixed.csv line 4 (id BAD2), field 'frequency': missing", error, StringComparison.Ordinal);
        Assert.Contains("mixed.csv line 5 (id BAD3), field 'industryInfluence': 'high' is not a number", error, StringComparison.Ordinal);
        Assert.Contains("4 records, 1 written, 3 failed; grades: A 1;", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown.csv", "id,historicalAmount,revenue\nX,1,2\n", "unknown column 'revenue'")]
    [InlineData("noid.csv", "customer,historicalAmount\nX,1\n", "noid.csv line 1: the first column must be 'id', not 'customer'")]
    [InlineData("quote.csv", "id,historicalAmount,frequency,grossMargin,industryInfluence,needMatch,willingness\nX,\"4,4,4,4,4,4\n", "quote.csv")]
    [InlineData("short.csv", "id,historicalAmount,frequency,grossMargin,industryInfluence,needMatch,willingness\nX,4,4\n", "short.csv line 2")]
    [InlineData("broken.json", "[{\"id\":\"X\",", "broken.json line 1: malformed JSON")]
    [InlineData("object.json", "{\"id\":\"X\"}", "expected a JSON array of records")]
    [InlineData("noid.json", "[{\"historicalAmount\":3}]", "noid.json record 1 (line 1, byte 1), field 'id': every record needs an id")]
    public void Grade_BadInputFiles_ExitWith2AndNameTheProblem(string name, string content, string expected)
    {
        var (exit, _, error) = Run("grade", "--input", Write(name, content));

        Assert.Equal(2, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Grade_MissingFileOrOption_ExitsWith2()
    {
        Assert.Equal(2, Run("grade", "--input", Path.Combine(_temp.Path, "none.csv")).Exit);
        var (exit, _, error) = Run("grade");
        Assert.Equal(2, exit);
        Assert.Contains("Option '--input' is required.", error, StringComparison.Ordinal);
        Assert.Equal(2, Run("grade", "--input", Sample, "--format", "xml").Exit);
    }

    [Fact]
    public void Grade_WithAnInvalidConfig_ExitsWith2()
    {
        var config = Write("rules.json", """{ "valueGrading": { "missingValues": "skip" } }""");
        var (exit, _, error) = Run("grade", "--input", Sample, "--config", config);
        Assert.Equal(2, exit);
        Assert.Contains("valueGrading.missingValues: must be one of \"reject\", \"renormalize\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Grade_LargeInput_ReportsProgressOnStderr()
    {
        var lines = new List<string> { "id,historicalAmount,frequency,grossMargin,industryInfluence,needMatch,willingness" };
        lines.AddRange(Enumerable.Range(0, 100_001).Select(i => $"C{i},{i % 5 + 1},3,3,3,3,3"));
        var input = Write("large.csv", string.Join('\n', lines));

        var (exit, _, error) = Run("grade", "--input", input, "--format", "csv");

        Assert.Equal(0, exit);
        Assert.Contains("grade: 100,000 records…", error, StringComparison.Ordinal);
        Assert.Contains("100,001 records, 100,001 written, 0 failed", error, StringComparison.Ordinal);
    }

    private string Write(string name, string content) => _temp.Write(name, content);

    private static (int Exit, string Output, string Error) Run(params string[] args) => CliRun.Run(args);
}
