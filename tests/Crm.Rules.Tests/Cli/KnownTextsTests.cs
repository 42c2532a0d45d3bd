using System.Text;
using Crm.Rules.CommandLine.Records;
using Crm.Rules.Data;
using Record = Crm.Rules.Data.Record;

namespace Crm.Rules.Tests.Cli;

/// <summary>The rule set's names are read as their own strings; every other text exactly as <see cref="Record.Text"/> reads it.</summary>
public sealed class KnownTextsTests
{
    private static readonly RecordSchema Schema = new(["grade", "stage", "note"]);
    private static readonly CrmRuleSet Rules = CrmRuleSet.SeedStandard;
    private static readonly KnownTexts Seed = KnownTexts.Of(Rules);

    private static Record First(string text, RecordFormat format = RecordFormat.Csv)
    {
        using var source = RecordSource.Open(new MemoryStream(Encoding.UTF8.GetBytes(text)), format == RecordFormat.Csv ? "in.csv" : "in.jsonl", Schema, format);
        Assert.True(source.MoveNext());
        return source.Current.Copy();
    }

    // The rule set's own strings, as its rules hold them.
    private static readonly string[] AllNames =
    [
        .. Rules.ValueGrading.Grades.Select(g => g.Name),
        .. Rules.ValueGrading.Grades.SelectMany(g => g.Treatment.Channels),
        .. Rules.Lifecycle.Machines.Values.SelectMany(m => m.Stages),
        .. Rules.Loyalty.Tiers.Select(t => t.Name),
        .. Rules.Cadence.LeadLabels,
    ];

    public static TheoryData<string> Names() => [.. AllNames.Distinct()];

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryNameOfTheRuleSet_IsReadAsItsOwnString(string name)
    {
        var record = First($"id,grade,stage,note\nc1,,,\"{name}\"\n");

        var read = Seed.Text(record, 3);

        Assert.Equal(name, read);
        Assert.Contains(AllNames, n => ReferenceEquals(n, read));
        Assert.NotSame(read, record.Text(3));
    }

    [Theory]
    [InlineData("id,grade,stage,note\nc1,a,Growth,\n")] // not a name: case matters
    [InlineData("id,grade,stage,note\nc1,A ,\"gro\u0007wth\",x\n")] // control characters removed, as Record.Text removes them
    [InlineData("id,grade,stage,note\nc1,,,\n")] // no value
    [InlineData("id,grade,stage,note\nc1,Z,unknown,\"a, b\"\n")]
    public void EveryText_ReadsAsRecordTextReadsIt(string csv)
    {
        var record = First(csv);
        for (var slot = 1; slot < 4; slot++)
        {
            Assert.Equal(record.Text(slot), Seed.Text(record, slot));
        }
    }

    [Fact]
    public void AValueOfTheWrongKind_IsOneErrorOfTheRecord_AsRecordTextReportsIt()
    {
        var known = First("""{"id":"c1","grade":5,"stage":true}""" + "\n", RecordFormat.JsonLines);
        var plain = First("""{"id":"c1","grade":5,"stage":true}""" + "\n", RecordFormat.JsonLines);

        Assert.Null(Seed.Text(known, 1));
        Assert.Null(Seed.Text(known, 2));
        Assert.Null(plain.Text(1));
        Assert.Null(plain.Text(2));
        Assert.Equal(2, known.Errors.Count);
        Assert.Equal(plain.Errors.Select(e => (e.Field, e.Sentence)), known.Errors.Select(e => (e.Field, e.Sentence)));
    }
}
