using System.Text.Json;

namespace Crm.Rules.Tests.Cli;

/// <summary><c>crm-rules lint</c>: exit 0 when clean, 1 on a problem, 2 on a bad rules file.</summary>
public sealed class LintCliTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void TheSeedStandard_IsClean()
    {
        var (exit, output, error) = CliRun.Run("lint", "--as-of", "2026-11-24");
        Assert.Equal("", error);
        Assert.Equal(0, exit);
        Assert.Equal($"rule set {CrmRuleSet.SeedStandard.Fingerprint}: clean", output.Trim());
    }

    [Fact]
    public void AProblem_ExitsWith1_AndNamesThePath()
    {
        var config = _temp.Write("rules.json", """{ "churn": { "signals": { "keyContactLeft": { "points": 0 } } } }""");
        var (exit, output, _) = CliRun.Run("lint", "--config", config);
        Assert.Equal(1, exit);
        Assert.Contains("1 problem", output, StringComparison.Ordinal);
        Assert.Contains("problem churnSignalDead at churn.signals.keyContactLeft.points: signal 'keyContactLeft' never changes a churn band", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_ListsTheFindings_AndNotesAloneExit0()
    {
        var config = _temp.Write("rules.json", """{ "sla": { "calendars": { "business": { "holidays": ["2026-10-03"] } } } }""");
        var (exit, output, _) = CliRun.Run("lint", "--config", config, "--format", "json");
        Assert.Equal(0, exit);
        using var document = JsonDocument.Parse(output);
        Assert.True(document.RootElement.GetProperty("clean").GetBoolean());
        var finding = Assert.Single(document.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("slaHolidayOnClosedDay", finding.GetProperty("check").GetString());
        Assert.Equal("note", finding.GetProperty("severity").GetString());
        Assert.Equal("sla.calendars.business.holidays[0]", finding.GetProperty("path").GetString());
        Assert.Equal("2026-10-03 is a Saturday", finding.GetProperty("counterExample").GetString());
    }

    [Fact]
    public void AnInvalidRulesFile_ExitsWith2()
    {
        var config = _temp.Write("rules.json", """{ "churn": { "signals": { "keyContactLeft": { "points": 9 } } } }""");
        var (exit, _, error) = CliRun.Run("lint", "--config", config);
        Assert.Equal(2, exit);
        Assert.Contains("churn.signals.keyContactLeft.points", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ABadDate_ExitsWith2()
    {
        var (exit, _, error) = CliRun.Run("lint", "--as-of", "24/11/2026");
        Assert.Equal(2, exit);
        Assert.Contains("--as-of", error, StringComparison.Ordinal);
    }
}
