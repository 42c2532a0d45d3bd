using System.Text;
using Crm.Rules.Data;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Rules.Tests.Data;

/// <summary>
/// A CSV record's fields are the cells as RFC 4180 reads them, trimmed: quoted cells unescaped, quotes doubled inside
/// them read once, commas and line breaks inside them kept. The source copies a row once and finds each field in it.
/// </summary>
public sealed class CsvCellTextTests
{
    private static readonly RecordSchema Schema = new(["name", "note"]);

    private static List<(FieldKind Name, string? NameText, FieldKind Note, string? NoteText)> Read(string csv)
    {
        using var source = RecordSource.Open(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "in.csv", Schema, RecordFormat.Csv);
        var read = new List<(FieldKind, string?, FieldKind, string?)>();
        while (source.MoveNext())
        {
            var record = source.Current.Copy();
            read.Add((record.KindOf(1), record.HasValue(1) ? record.Text(1) : null, record.KindOf(2), record.HasValue(2) ? record.Text(2) : null));
        }

        return read;
    }

    [Fact]
    public void QuotedCells_AreUnescapedAndTrimmed_AndEveryOtherCellIsWhereItWas()
    {
        var read = Read("id,name,note\nc1,\"Wang, Lei\",\"said \"\"hi\"\"\"\nc2, x ,\"  padded  \"\nc3,\"\",\nc4,\"two\nlines\",   \nc5,plain,\"a,b\",\n");
        Assert.Equal((FieldKind.Text, "Wang, Lei", FieldKind.Text, "said \"hi\""), read[0]);
        Assert.Equal((FieldKind.Text, "x", FieldKind.Text, "padded"), read[1]);
        Assert.Equal((FieldKind.Empty, null, FieldKind.Empty, null), read[2]);
        Assert.Equal(FieldKind.Text, read[3].Name);
        Assert.Equal(FieldKind.Blank, read[3].Note);
        Assert.Equal("plain", read[4].NameText);
        Assert.Equal("a,b", read[4].NoteText);
    }

    // Cells of letters, spaces, commas and quotes, quoted when they must be (and now and then when they need not be).
    private static Arbitrary<string[][]> Rows() => Arb.From(
        Gen.ArrayOf(Gen.ArrayOf(Gen.Elements("ab ,\"x".ToCharArray())).Select(c => new string(c)).Two().Select(t => new[] { t.Item1, t.Item2 }))
            .Where(rows => rows.Length > 0));

    private static string Quoted(string cell, bool always)
        => always || cell.AsSpan().IndexOfAny(",\"\n") >= 0 || cell != cell.Trim() ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell;

    [Property(MaxTest = 300)]
    public Property EveryCell_ReadsBackAsWritten_Trimmed(bool quoteAll)
        => Prop.ForAll(Rows(), rows =>
        {
            var csv = new StringBuilder("id,name,note\n");
            for (var i = 0; i < rows.Length; i++)
            {
                csv.Append('c').Append(i).Append(',').Append(Quoted(rows[i][0], quoteAll)).Append(',').Append(Quoted(rows[i][1], quoteAll)).Append('\n');
            }

            var read = Read(csv.ToString());
            static string? Expected(string cell) => cell.Trim().Length == 0 ? null : cell.Trim();
            return rows.Select((row, i) => read[i].NameText == Expected(row[0]) && read[i].NoteText == Expected(row[1])).All(x => x)
                .Label(csv.ToString());
        });
}
