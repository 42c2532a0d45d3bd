using System.Text.Json;

namespace Crm.Rules.Tests.Cli;

/// <summary>
/// <c>--viewer role:id[:team]</c> on the data commands (DATA-4): hidden records are counted, never silently dropped; a
/// usage-only viewer gets only the usage columns; contact details stay masked (DATA-3).
/// </summary>
public sealed class ViewerCliTests : IDisposable
{
    private const string GradeHeader = "id,historicalAmount,frequency,grossMargin,industryInfluence,needMatch,willingness,owner,team";
    private const string Known = "(known: admin, engineer, manager, sales-rep)";
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Customers() => _temp.Write("customers.csv", string.Join('\n',
        GradeHeader,
        "C1,4,4,4,4,4,4,u-7,east",
        "C2,5,5,5,5,5,5,u-9,east",
        "C3,3,3,3,3,3,3,,west",
        "C4,2,2,2,2,2,2,u-7,west",
        "C5,4,4,4,4,4,4,m-1,"));

    [Fact]
    public void Data4_Grade_SalesRep_WritesOwnCustomersOnly_AndCountsTheHidden()
    {
        var (exit, output, error) = CliRun.Run("grade", "--input", Customers(), "--format", "csv", "--viewer", "sales-rep:u-7:east");

        Assert.Equal(0, exit);
        Assert.Equal(["C1", "C4"], CsvIds(output));
        Assert.Contains("5 records, 2 written, 0 failed, 3 hidden by access (DATA-4); grades: A 1, C 1; rule set ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Data4_Grade_Manager_WritesTheTeamsCustomersAndOwnOnes()
    {
        var (exit, output, error) = CliRun.Run("grade", "--input", Customers(), "--format", "csv", "--viewer", "manager:m-1:east");

        Assert.Equal(0, exit);
        Assert.Equal(["C1", "C2", "C5"], CsvIds(output));
        Assert.Contains("5 records, 3 written, 0 failed, 2 hidden by access (DATA-4);", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Data4_Grade_Admin_WritesEveryRecord_WithTheHiddenCountOfZero()
    {
        var (exit, output, error) = CliRun.Run("grade", "--input", Customers(), "--format", "csv", "--viewer", "admin:a-1");

        Assert.Equal(0, exit);
        Assert.Equal(["C1", "C2", "C3", "C4", "C5"], CsvIds(output));
        Assert.Contains("5 records, 5 written, 0 failed, 0 hidden by access (DATA-4);", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Data4_Grade_WithoutViewer_TheOwnerAndTeamColumnsAreAccepted_AndEveryRecordIsWrittenAsBefore()
    {
        var (exit, output, error) = CliRun.Run("grade", "--input", Customers(), "--format", "csv");
        var (_, plainOutput, plainError) = CliRun.Run("grade", "--input", _temp.Write("plain.csv", "id,historicalAmount,frequency,grossMargin,industryInfluence,needMatch,willingness\nC1,4,4,4,4,4,4\n"), "--format", "csv");

        Assert.Equal(0, exit);
        Assert.Equal(["C1", "C2", "C3", "C4", "C5"], CsvIds(output));
        Assert.DoesNotContain("hidden", error, StringComparison.Ordinal);
        Assert.Equal(["C1"], CsvIds(plainOutput));
        Assert.StartsWith("1 record, 1 written, 0 failed; grades: A 1; rule set ", plainError, StringComparison.Ordinal);
    }

    [Fact]
    public void Data4_Grade_AHiddenRecordsProblems_AreNotPrinted_AVisibleOnesAre()
    {
        var input = _temp.Write("bad.csv", string.Join('\n', GradeHeader, "MINE,\"4,5\",4,4,4,4,4,u-7,east", "THEIRS,\"4,5\",4,4,4,4,4,u-9,east"));

        var (exit, _, error) = CliRun.Run("grade", "--input", input, "--viewer", "sales-rep:u-7");

        Assert.Equal(2, exit);
        Assert.Contains("bad.csv line 2 (id MINE), field 'historicalAmount': '4,5' is not a number", error, StringComparison.Ordinal);
        Assert.DoesNotContain("THEIRS", error, StringComparison.Ordinal);
        Assert.Contains("2 records, 0 written, 1 failed, 1 hidden by access (DATA-4); rule set ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Data4_Grade_OwnerAndTeamColumnsAreConfiguration()
    {
        var config = _temp.Write("rules.json", """{ "access": { "ownerField": "accountOwner", "teamField": "region" } }""");
        var input = _temp.Write("renamed.csv", "id,historicalAmount,frequency,grossMargin,industryInfluence,needMatch,willingness,accountOwner,region\nC1,4,4,4,4,4,4,u-7,east\nC2,4,4,4,4,4,4,u-8,east\n");

        var (exit, output, _) = CliRun.Run("grade", "--input", input, "--config", config, "--format", "csv", "--viewer", "sales-rep:u-7");
        var (unknownExit, _, unknownError) = CliRun.Run("grade", "--input", Customers(), "--config", config, "--viewer", "sales-rep:u-7");

        Assert.Equal(0, exit);
        Assert.Equal(["C1"], CsvIds(output));
        Assert.Equal(2, unknownExit);
        Assert.Contains("owner", unknownError, StringComparison.Ordinal);
    }

    [Fact]
    public void Data4_Json_AnOwnerThatIsNotText_IsNoOwner_AndAnErrorOnlyWhereTheRecordIsVisible()
    {
        var input = _temp.Write("owners.json", """
            [
              {"id":"N1","historicalAmount":4,"frequency":4,"grossMargin":4,"industryInfluence":4,"needMatch":4,"willingness":4,"owner":7},
              {"id":"N2","historicalAmount":4,"frequency":4,"grossMargin":4,"industryInfluence":4,"needMatch":4,"willingness":4,"owner":"u-7"}
            ]
            """);

        var (repExit, repOutput, repError) = CliRun.Run("grade", "--input", input, "--format", "json", "--viewer", "sales-rep:u-7");
        var (adminExit, _, adminError) = CliRun.Run("grade", "--input", input, "--format", "json", "--viewer", "admin:a-1");

        Assert.Equal(0, repExit);
        Assert.Equal(["N2"], JsonDocument.Parse(repOutput).RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()));
        Assert.Contains("2 records, 1 written, 0 failed, 1 hidden by access (DATA-4)", repError, StringComparison.Ordinal);
        Assert.Equal(2, adminExit);
        Assert.Contains("(id N1), field 'owner': ", adminError, StringComparison.Ordinal);
    }

    [Fact]
    public void Data4_Churn_Engineer_GetsOnlyTheUsageColumns_InEveryFormat()
    {
        var input = RepositoryPaths.Combine("samples", "data", "churn-customers.csv");

        var (exit, json, error) = CliRun.Run("churn", "--input", input, "--format", "json", "--viewer", "engineer:e-1", "--explain");
        var (_, csv, _) = CliRun.Run("churn", "--input", input, "--format", "csv", "--viewer", "engineer:e-1");
        var (_, allCsv, _) = CliRun.Run("churn", "--input", input, "--format", "csv");

        Assert.Equal(0, exit);
        var records = JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(records);
        Assert.All(records, r => Assert.Equal(["id", "behaviour", "fingerprint"], r.EnumerateObject().Select(p => p.Name)));
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var allLines = allCsv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(allLines[0], lines[0]);
        for (var i = 1; i < lines.Length; i++)
        {
            var all = allLines[i].Split(',');
            Assert.Equal($"{all[0]},,,{all[3]},,,,,,,{all[^1]}", lines[i]);
        }

        // The bands come from fields an engineer may not see: the summary does not count them.
        Assert.Contains($"{records.Count} records, {records.Count} written, 0 failed, 0 hidden by access (DATA-4); rule set ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Data4_Churn_Engineer_IsNotShownTheProblemsOfOtherFields()
    {
        var input = _temp.Write("churn.csv", "id,behaviour,attitude,value,lastUse\nK1,9,3,3,\nK2,,,,2026-13-01\n");

        var (exit, _, error) = CliRun.Run("churn", "--input", input, "--viewer", "engineer:e-1");
        var (_, _, adminError) = CliRun.Run("churn", "--input", input, "--viewer", "admin:a-1");

        Assert.Equal(2, exit);
        Assert.Contains("churn.csv line 2 (id K1), field 'behaviour': '9' is out of range", error, StringComparison.Ordinal);
        Assert.Contains("churn.csv line 3 (id K2), field 'lastUse': ", error, StringComparison.Ordinal);
        Assert.Contains("churn.csv line 3 (id K2), field 'asOf': cannot be read or evaluated (not shown: the viewer sees usage fields only, DATA-4)", error, StringComparison.Ordinal);
        Assert.Contains("churn.csv line 3 (id K2), field 'asOf': is required with raw facts", adminError, StringComparison.Ordinal);
    }

    [Fact]
    public void Data4_Churn_SalesRep_WritesOwnCustomers_AndCountsTheHidden()
    {
        var input = _temp.Write("churn.csv", "id,behaviour,attitude,value,owner\nK1,3,3,3,u-7\nK2,4,4,4,u-9\nK3,5,5,5,\n");

        var (exit, output, error) = CliRun.Run("churn", "--input", input, "--format", "csv", "--viewer", "sales-rep:u-7");

        Assert.Equal(0, exit);
        Assert.Equal(["K1"], CsvIds(output));
        Assert.Contains("3 records, 1 written, 0 failed, 2 hidden by access (DATA-4); bands: medium 1;", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Data4_ContactDetailsStayMasked_UnlessARoleThatMayRevealThemAsksTo()
    {
        var input = _temp.Write("contacts.csv", "id,behaviour,attitude,value,owner\nzhang.san@example.com,3,3,3,u-7\n13812345678,3,3,3,u-7\n");

        var rep = CliRun.Run("churn", "--input", input, "--format", "csv", "--viewer", "sales-rep:u-7");
        var engineer = CliRun.Run("churn", "--input", input, "--format", "csv", "--viewer", "engineer:e-1");
        var admin = CliRun.Run("churn", "--input", input, "--format", "csv", "--viewer", "admin:a-1");
        var revealed = CliRun.Run("churn", "--input", input, "--format", "csv", "--viewer", "admin:a-1", "--reveal");
        var refused = CliRun.Run("churn", "--input", input, "--format", "csv", "--viewer", "sales-rep:u-7", "--reveal");

        Assert.Equal(["z***@example.com", "138****5678"], CsvIds(rep.Output));
        Assert.Equal(["z***@example.com", "138****5678"], CsvIds(engineer.Output));
        Assert.Equal(["z***@example.com", "138****5678"], CsvIds(admin.Output));
        Assert.Equal(["zhang.san@example.com", "13812345678"], CsvIds(revealed.Output));
        Assert.Equal(2, refused.Exit);
        Assert.Equal("", refused.Output);
        Assert.Equal("error: --reveal: role 'sales-rep' may not see contact details unmasked (its revealContacts is false; roles that may: admin)" + Environment.NewLine, refused.Error);
    }

    [Fact]
    public void Data4_TheViewersOwnIdIsMaskedInItsErrors()
    {
        var (exit, _, error) = CliRun.Run("grade", "--input", Customers(), "--viewer", "boss:zhang.san@example.com");

        Assert.Equal(2, exit);
        Assert.Equal($"error: --viewer: 'boss' is not a known role {Known}" + Environment.NewLine, error);
        Assert.Contains("z***@example.com", CliRun.Run("grade", "--input", Customers(), "--viewer", "manager:zhang.san@example.com").Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("boss:u-7", $"'boss' is not a known role {Known}")]
    [InlineData("Sales-Rep:u-7", $"'Sales-Rep' is not a known role {Known}")]
    [InlineData("sales-rep", "'sales-rep' is not role:id or role:id:team (1 part separated by ':')")]
    [InlineData("sales-rep::east", "'sales-rep::east' has no id; a viewer is written role:id or role:id:team")]
    [InlineData("manager:m-1", "role 'manager' sees its team's customers: give the viewer's team (manager:m-1:TEAM)")]
    public void Data4_ABadViewer_IsAUsageError_SayingWhy(string viewer, string problem)
    {
        var (exit, output, error) = CliRun.Run("grade", "--input", Customers(), "--viewer", viewer);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal($"error: --viewer: {problem}" + Environment.NewLine, error);
    }

    [Theory]
    [InlineData("grade", "customers.csv")]
    [InlineData("churn", "churn-customers.csv")]
    [InlineData("cadence", "cadence-customers.csv", "--as-of", "2026-11-24")]
    [InlineData("sla", "tickets.json")]
    [InlineData("lifecycle", "lifecycle-records.json")]
    [InlineData("prioritise", "demands.csv")]
    [InlineData("nps", "nps-answers.csv")]
    [InlineData("funnel", "histories.csv")]
    public void Data4_EveryDataCommand_TakesTheViewer(string command, string sample, params string[] more)
    {
        // A history of one lead (samples/data/funnel-histories.csv has no owner column either).
        var input = sample == "histories.csv"
            ? _temp.Write(sample, "id,stage,at,reason\nL1,lead,2026-01-05T09:00:00Z,\nL1,prospect,2026-01-20T09:00:00Z,\n")
            : RepositoryPaths.Combine("samples", "data", sample);

        var (exit, _, error) = CliRun.Run([command, "--input", input, .. more, "--viewer", "boss:x"]);
        var admin = CliRun.Run([command, "--input", input, .. more, "--viewer", "admin:a-1"]);

        Assert.Equal(2, exit);
        Assert.Equal($"error: --viewer: 'boss' is not a known role {Known}" + Environment.NewLine, error);
        Assert.Contains(", 0 hidden by access (DATA-4)", admin.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Data4_Nps_AggregatesOnlyTheRecordsTheViewerSees()
    {
        var input = _temp.Write("answers.csv", "id,score,owner\nR1,10,u-7\nR2,0,u-9\nR3,9,u-7\n");

        var (exit, output, error) = CliRun.Run("nps", "--input", input, "--format", "json", "--viewer", "sales-rep:u-7");

        Assert.Equal(0, exit);
        var nps = JsonDocument.Parse(output).RootElement[0];
        Assert.Equal(100m, nps.GetProperty("value").GetDecimal());
        Assert.Equal(2, nps.GetProperty("respondents").GetInt32());
        Assert.Contains("3 records, 2 written, 0 failed, 1 hidden by access (DATA-4)", error, StringComparison.Ordinal);
    }

    private static string[] CsvIds(string csv)
        => csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split(',')[0]).ToArray();
}
