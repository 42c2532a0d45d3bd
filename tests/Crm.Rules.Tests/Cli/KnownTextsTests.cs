using System.Text;
using Crm.Rules.CommandLine.Records;
using Crm.Rules.Data;
using Record = Crm.Rules.Data.Record;

namespace Crm.Rules.Tests.Cli;

/// <summary>The rule set's names are read as their own strings; every other text exactly as <see cref="Record.Text"/> reads it.</summary>
public sealed class KnownTextsTests
{
    private static readonly RecordSchema Schema = new(["grade", "stage", "note"]);
    private static readonly KnownTexts Seed = KnownTexts.Of(CrmRuleSet.SeedStandard);

    private static Record[] Read(string csv)
    {
        using var source = RecordSource.Open(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "in.csv", Schema, RecordFormat.Csv);
        var records = new List<Record>();
        while (source.MoveNext())
        {
            records.Add(source.Current.Copy());
        }

        return [.. records];
    }

    [Fact]
    public void AGradeOrStageName_IsTheRuleSetsOwnString()
    {
        var record = Read("id,grade,stage,note\nc1,A,growth,A\n")[0];
        var grade = CrmRuleSet.SeedStandard.ValueGrading.Grades[0].Name;

        Assert.Same(grade, Seed.Text(record, 1));
        Assert.Same(CrmRuleSet.SeedStandard.Lifecycle.Machines.Values.SelectMany(m => m.Stages).First(s => s == "growth"), Seed.Text(record, 2));
        Assert.Equal("A", record.Text(3));
    }

    [Theory]
    [InlineData("id,grade,stage,note\nc1,a,Growth,\n")] // not a name: case matters
    [InlineData("id,grade,stage,note\nc1,A ,\"gro\u0007wth\",x\n")] // control characters removed, as Record.Text removes them
    [InlineData("id,grade,stage,note\nc1,,,\n")] // no value
    [InlineData("id,grade,stage,note\nc1,Z,unknown,\"a, b\"\n")]
    public void EveryText_ReadsAsRecordTextReadsIt(string csv)
    {
        var record = Read(csv)[0];
        for (var slot = 1; slot < 4; slot++)
        {
            Assert.Equal(record.Text(slot), Seed.Text(record, slot));
        }

        Assert.Equal(record.Text(3), KnownTexts.None.Text(record, 3));
    }
}
