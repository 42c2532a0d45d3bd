using System.Globalization;
using Crm.Rules.CommandLine.Checking;
using Crm.Rules.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Rules.Tests.Checking;

/// <summary>A generated portfolio and two A/B thresholds to diff: scores 1..5 per indicator, thresholds in tenths.</summary>
public sealed record DiffCase(int[][] Customers, int FromA, int ToA, int FromB, int ToB)
{
    public static Gen<DiffCase> Generator =>
        from customers in Gen.Choose(1, 5).ArrayOf(6).NonEmptyListOf().Select(l => l.ToArray())
        from fromA in Gen.Choose(36, 45)
        from toA in Gen.Choose(36, 45)
        from fromB in Gen.Choose(25, 35)
        from toB in Gen.Choose(25, 35)
        select new DiffCase(customers, fromA, toA, fromB, toB);

    public string Csv => "id,historicalAmount,frequency,grossMargin,industryInfluence,needMatch,willingness\n"
        + string.Concat(Customers.Select((c, i) => $"c{i},{string.Join(',', c)}\n"));

    public static CrmRuleSet Rules(int a, int b) => CrmRuleSet.Parse(string.Create(CultureInfo.InvariantCulture,
        $$"""{ "valueGrading": { "grades": { "A": { "minimumTotal": {{a / 10m}} }, "B": { "minimumTotal": {{b / 10m}} } } } }"""));
}

public static class DiffArbitraries
{
    public static Arbitrary<DiffCase> DiffCases() => DiffCase.Generator.ToArbitrary();
}

/// <summary>RuleSetDiff and <c>crm-rules diff</c> (issue 12): counts equal a recomputation, a rule set against itself changes nothing, swapping sides transposes.</summary>
[Properties(Arbitrary = [typeof(DiffArbitraries)], MaxTest = 40)]
public sealed class RuleSetDiffTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Property]
    public bool Diff_OfARuleSetWithItself_IsEmpty(DiffCase portfolio)
    {
        var input = _folder.Write($"{Guid.NewGuid():N}.csv", portfolio.Csv);
        var rules = DiffCase.Rules(portfolio.FromA, portfolio.FromB);

        var report = RuleSetDiff.Compare("grade", input, rules, rules);

        return report.Records == portfolio.Customers.Length && report.Changed == 0 && report.Transitions.Count == 0 && report.IsComplete;
    }

    [Property]
    public void Diff_SwappingFromAndTo_TransposesEveryMatrix(DiffCase portfolio)
    {
        var input = _folder.Write($"{Guid.NewGuid():N}.csv", portfolio.Csv);
        var from = DiffCase.Rules(portfolio.FromA, portfolio.FromB);
        var to = DiffCase.Rules(portfolio.ToA, portfolio.ToB);

        var forward = RuleSetDiff.Compare("grade", input, from, to);
        var backward = RuleSetDiff.Compare("grade", input, to, from);

        Assert.Equal(forward.Changed, backward.Changed);
        Assert.Equal(Flatten(forward).Select(t => (t.Field, t.To, t.From, t.Count)).Order(), Flatten(backward).Order());
    }

    [Property]
    public void Diff_Counts_EqualTwoSeparateRunsComparedRowByRow(DiffCase portfolio)
    {
        var input = _folder.Write($"{Guid.NewGuid():N}.csv", portfolio.Csv);
        var fromFile = _folder.Write($"{Guid.NewGuid():N}.json", DiffCase.Rules(portfolio.FromA, portfolio.FromB).CanonicalJson);
        var toFile = _folder.Write($"{Guid.NewGuid():N}.json", DiffCase.Rules(portfolio.ToA, portfolio.ToB).CanonicalJson);

        // The recomputation: grade the file twice to CSV and compare the rows without their fingerprint column.
        var before = Rows(CliRun.Run("grade", "--input", input, "--config", fromFile, "--format", "csv").Output);
        var after = Rows(CliRun.Run("grade", "--input", input, "--config", toFile, "--format", "csv").Output);
        var expectedChanged = before.Zip(after).Count(p => !p.First.SequenceEqual(p.Second));
        var expectedGrades = before.Zip(after).Where(p => p.First[2] != p.Second[2]).GroupBy(p => (p.First[2], p.Second[2])).ToDictionary(g => g.Key, g => (long)g.Count());

        var report = RuleSetDiff.Compare("grade", input, CrmRuleSet.Parse(File.ReadAllText(fromFile)), CrmRuleSet.Parse(File.ReadAllText(toFile)));

        Assert.Equal(portfolio.Customers.Length, report.Records);
        Assert.Equal(expectedChanged, report.Changed);
        var grades = report.Transitions.TryGetValue("grade", out var matrix)
            ? matrix.SelectMany(f => f.Value.Select(t => ((f.Key, t.Key), t.Value))).ToDictionary(x => x.Item1, x => x.Value)
            : [];
        Assert.Equal(expectedGrades.OrderBy(x => x.Key), grades.OrderBy(x => x.Key));
    }

    [Fact]
    public void DiffCommand_Json_HasFingerprintsCountsMatricesAndChanges()
    {
        var input = _folder.Write("c.csv", "id,historicalAmount,frequency,grossMargin,industryInfluence,needMatch,willingness\nc1,4,4,4,4,4,3\nc2,5,5,5,5,5,5\n");
        var from = _folder.Write("from.json", "{}");
        var to = _folder.Write("to.json", """{ "valueGrading": { "grades": { "A": { "minimumTotal": 3.8 } } } }""");

        var run = CliRun.Run("diff", "grade", "--from", from, "--to", to, "--input", input, "--format", "json");

        Assert.True(run.Exit == 0, run.Error);
        using var json = System.Text.Json.JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, root.GetProperty("from").GetString());
        Assert.Equal(CrmRuleSet.Load(to).Fingerprint, root.GetProperty("to").GetString());
        Assert.Equal(2, root.GetProperty("records").GetInt64());
        Assert.Equal(1, root.GetProperty("changed").GetInt64());
        Assert.Equal(1, root.GetProperty("transitions").GetProperty("grade").GetProperty("B").GetProperty("A").GetInt64());
        var changes = root.GetProperty("changes").EnumerateArray().Select(c => (c.GetProperty("id").GetString(), c.GetProperty("field").GetString(), c.GetProperty("from").GetString(), c.GetProperty("to").GetString())).ToList();
        Assert.Contains(("c1", "grade", "B", "A"), changes);
        Assert.Contains(("c1", "nextGrade", "A", null), changes);
    }

    [Fact]
    public void DiffCommand_FailIfChanged_GatesOnTheShareOfChangedRecords()
    {
        var input = _folder.Write("c.csv", "id,historicalAmount,frequency,grossMargin,industryInfluence,needMatch,willingness\nc1,4,4,4,4,4,3\nc2,5,5,5,5,5,5\n");
        var from = _folder.Write("from.json", "{}");
        var to = _folder.Write("to.json", """{ "valueGrading": { "grades": { "A": { "minimumTotal": 3.8 } } } }""");

        var strict = CliRun.Run("diff", "grade", "--from", from, "--to", to, "--input", input, "--fail-if-changed", "49.9");
        var lenient = CliRun.Run("diff", "grade", "--from", from, "--to", to, "--input", input, "--fail-if-changed", "50");
        var csv = CliRun.Run("diff", "grade", "--from", from, "--to", to, "--input", input, "--format", "csv");

        Assert.Equal(1, strict.Exit);
        Assert.Contains("50 % of the records changed, more than --fail-if-changed 49.9 allows", strict.Error, StringComparison.Ordinal);
        Assert.Equal(0, lenient.Exit);
        Assert.StartsWith("id,field,from,to\nc1,grade,B,A\n", csv.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_RecordFailingUnderOneRuleSetOnly_IsAChangeOfResult()
    {
        // A missing indicator: graded with renormalised weights under one policy, rejected under the other.
        var input = _folder.Write("c.csv", "id,historicalAmount,frequency,grossMargin,industryInfluence,needMatch,willingness\nc1,4,4,4,4,4,\n");
        var from = CrmRuleSet.Parse("""{ "valueGrading": { "missingValues": "renormalize" } }""");
        var to = CrmRuleSet.Parse("""{ "valueGrading": { "missingValues": "reject" } }""");

        var report = RuleSetDiff.Compare("grade", input, from, to);

        Assert.Equal(new RecordChange("c1", "result", "written", "none"), Assert.Single(report.Changes));
        Assert.False(report.IsComplete);
        Assert.StartsWith("to: ", Assert.Single(report.InputErrors), StringComparison.Ordinal);
    }

    private static IEnumerable<(string Field, string From, string To, long Count)> Flatten(RuleSetDiffReport report)
        => report.Transitions.SelectMany(f => f.Value.SelectMany(x => x.Value.Select(t => (f.Key, x.Key, t.Key, t.Value))));

    private static List<string[]> Rows(string csv) => csv.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[..^1]).ToList();
}
