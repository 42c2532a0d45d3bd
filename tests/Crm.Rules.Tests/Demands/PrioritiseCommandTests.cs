using System.Text.Json;

namespace Crm.Rules.Tests.Demands;

public sealed class PrioritiseCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Prioritise_InTheWeightedMode_AddsTheScoreAndShowsEachContribution()
    {
        var config = _temp.Write("rules.json", """{ "demands": { "ordering": { "mode": "weighted" } } }""");
        var input = _temp.Write("d.csv", "id,customerGrade,important,urgent,value,cost,strategicFit\na,A,true,true,100,100,1\nb,B,true,true,500,100,5\n");
        var (exit, output, error) = CliRun.Run("prioritise", "--input", input, "--config", config, "--format", "json");

        Assert.Equal(0, exit);
        Assert.StartsWith("2 records, 2 written, 0 failed; 2 demands ordered (weighted); rule set ", error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(output);
        var first = json.RootElement[0];
        Assert.Equal(("b", 0.6m), (first.GetProperty("id").GetString(), first.GetProperty("score").GetDecimal()));
        Assert.Equal(
            "do-first (important, urgent); grade B: ahead of 0 of 1 × 0.4 = 0; value/cost 5: ahead of 1 of 1 × 0.4 = 0.4; strategic fit 5: ahead of 1 of 1 × 0.2 = 0.2",
            string.Join("; ", first.GetProperty("reasons").EnumerateArray().Select(r => r.GetString())));
    }

    [Fact]
    public void Prioritise_InTheSeedMode_KeepsItsColumns()
    {
        var input = _temp.Write("d.csv", "id,customerGrade,important,urgent\na,A,true,true\n");
        var (exit, output, _) = CliRun.Run("prioritise", "--input", input, "--format", "csv");
        Assert.Equal(0, exit);
        Assert.StartsWith("rank,id,quadrant,action,reasons,fingerprint", output, StringComparison.Ordinal);
        Assert.Contains("1,a,do-first,handle first,\"do-first (important, urgent); grade A; value/cost unknown; strategic fit unknown\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Prioritise_AsATable_NamesTheModeInItsFooter()
    {
        var config = _temp.Write("rules.json", """{ "demands": { "ordering": { "mode": "weighted" } } }""");
        var input = _temp.Write("d.csv", "id,customerGrade,important,urgent\na,A,true,true\n");
        var (exit, output, error) = CliRun.Run("prioritise", "--input", input, "--config", config);
        Assert.Equal(0, exit);
        Assert.Contains("│ a ", output, StringComparison.Ordinal);
        Assert.Contains("1 demands ordered (weighted); rule set ", error, StringComparison.Ordinal);
    }
}
