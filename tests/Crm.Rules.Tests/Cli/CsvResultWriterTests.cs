using Crm.Rules.CommandLine.Output;
using Crm.Rules.Data;
using Crm.Rules.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Rules.Tests.Cli;

/// <summary>
/// The CSV writer keeps the cells of texts it has seen twice in a column (by reference) and copies them: what it writes
/// must be what a writer that keeps nothing writes, whatever the order and mix of kept and new texts.
/// </summary>
public class CsvResultWriterTests
{
    private static readonly string[] Columns = ["id", "a", "b"];

    // The rule set's own strings (the same instances every time), some needing quotes, a formula guard or masking.
    private static readonly string[] Pool = ["A", "B", "salesDirector", "x, y", "say \"hi\"", "\"\"\"", "=SUM(A1)", "call 13812345678", "", "C", "D", "E"];

    /// <summary>A record's texts: an index into the pool, or a fresh copy of one (a new string, as text from input is).</summary>
    public sealed record Cell(int Index, bool Fresh)
    {
        public string Text => Fresh ? new string(Pool[Index].AsSpan()) : Pool[Index];

        public override string ToString() => $"{(Fresh ? "new " : "")}\"{Pool[Index]}\"";
    }

    public static Arbitrary<Cell> Cells() => Arb.From(
        from index in Gen.Choose(0, Pool.Length - 1)
        from fresh in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new Cell(index, fresh),
        cell => cell.Fresh ? [cell with { Fresh = false }] : cell.Index > 0 ? [cell with { Index = 0 }] : []);

    [Property(MaxTest = PropertyRuns.MaxTest, Arbitrary = [typeof(CsvResultWriterTests)])]
    public void KeptCells_WriteWhatAWriterKeepingNothingWrites(Cell[] cells, bool masked, bool reversed)
    {
        // In column order a line is finished where its cells were written; reversed, it is assembled from their places.
        var masker = masked ? new ContactMasker(CrmRuleSet.SeedStandard.DataQuality) : null;
        var kept = new StringWriter();
        var writer = new CsvResultWriter(kept, Columns) { Masker = masker };
        var expected = new StringWriter();
        for (var i = 0; i + 1 < cells.Length; i += 2)
        {
            Write(writer, i, cells[i], cells[i + 1], reversed);

            // A new writer for every record: nothing kept from the records before.
            var fresh = new CsvResultWriter(expected, Columns, header: i == 0) { Masker = masker };
            Write(fresh, i, cells[i], cells[i + 1], reversed);
        }

        Assert.Equal(cells.Length < 2 ? string.Join(",", Columns) + "\n" : expected.ToString(), kept.ToString());
    }

    [Property(MaxTest = PropertyRuns.MaxTest, Arbitrary = [typeof(CsvResultWriterTests)])]
    public void Lists_WriteTheCellOfTheirJoinedText(Cell[][] lists, bool masked)
    {
        // A list of none, one or many items (one item is written as that text, kept like any text) is the cell of its
        // items joined with "; ", record after record.
        var masker = masked ? new ContactMasker(CrmRuleSet.SeedStandard.DataQuality) : null;
        var (asLists, asTexts) = (new StringWriter(), new StringWriter());
        var listWriter = new CsvResultWriter(asLists, Columns) { Masker = masker };
        var textWriter = new CsvResultWriter(asTexts, Columns) { Masker = masker };
        for (var i = 0; i < lists.Length; i++)
        {
            var items = (lists[i] ?? []).Select(c => c.Text).ToArray();
            listWriter.BeginRecord();
            listWriter.Text("id", $"c{i}");
            listWriter.List("a", items);
            listWriter.EndRecord();
            textWriter.BeginRecord();
            textWriter.Text("id", $"c{i}");
            textWriter.Text("a", string.Join("; ", items));
            textWriter.EndRecord();
        }

        Assert.Equal(asTexts.ToString(), asLists.ToString());
    }

    [Property(MaxTest = PropertyRuns.MaxTest, Arbitrary = [typeof(CsvResultWriterTests)])]
    public void EchoedTexts_AsStringsOrSpans_WriteWhatCopiesWrite(Cell first, Cell second, byte[] choices, bool masked)
    {
        // A record's two texts from input (an id and a reason, new strings every record) echoed in later columns as the
        // string or as a span of it, in any mix with the rule set's: each cell is what a copy of the text would make.
        var columns = new[] { "id", "a", "b", "c", "d", "e" };
        var masker = masked ? new ContactMasker(CrmRuleSet.SeedStandard.DataQuality) : null;
        var (echoed, copied) = (new StringWriter(), new StringWriter());
        var writer = new CsvResultWriter(echoed, columns) { Masker = masker };
        var reference = new CsvResultWriter(copied, columns) { Masker = masker };
        for (var record = 0; record < 3; record++)
        {
            string[] texts = [first.Text, second.Text, Pool[record % Pool.Length]];
            writer.BeginRecord();
            reference.BeginRecord();
            for (var column = 0; column < columns.Length; column++)
            {
                var choice = column < choices.Length ? choices[column] : column;
                var text = texts[choice % texts.Length];
                if (choice / texts.Length % 2 == 0)
                {
                    writer.Text(columns[column], text);
                }
                else
                {
                    writer.Text(columns[column], text.AsSpan());
                }

                reference.Text(columns[column], new string(text.AsSpan()).AsSpan());
            }

            writer.EndRecord();
            reference.EndRecord();
        }

        Assert.Equal(copied.ToString(), echoed.ToString());
    }

    [Fact]
    public void CellsOfEveryShortLength_AreCopiedWhole_MadeKeptOrEchoed()
    {
        // Every length around the in-place copies' blocks (1–3 characters, 4–7, 8–16, longer): made safe, kept after two
        // sightings, echoed as a span and pre-formatted, each cell is its text, character for character.
        for (var length = 0; length <= 40; length++)
        {
            var text = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + (i % 26))));
            var output = new StringWriter();
            var writer = new CsvResultWriter(output, ["id", "a", "b", "c"]);
            for (var record = 0; record < 4; record++)
            {
                writer.BeginRecord();
                writer.Text("id", text);
                writer.Text("a", text.AsSpan());
                writer.Formatted("b", text);
                writer.Text("c", text);
                writer.EndRecord();
            }

            var line = $"{text},{text},{text},{text}\n";
            Assert.Equal("id,a,b,c\n" + string.Concat(Enumerable.Repeat(line, 4)), output.ToString());
        }
    }

    private static void Write(CsvResultWriter writer, int id, Cell a, Cell b, bool reversed)
    {
        writer.BeginRecord();
        if (reversed)
        {
            writer.Text("b", b.Text);
            writer.Text("a", a.Text);
            writer.Text("id", $"c{id}");
        }
        else
        {
            writer.Text("id", $"c{id}");
            writer.Text("a", a.Text);
            writer.Text("b", b.Text);
        }

        writer.EndRecord();
    }

    [Property(MaxTest = PropertyRuns.MaxTest)]
    public void Cells_ReadBackAsWritten(NonNull<string>[] texts)
    {
        // RFC 4180 as a reader sees it: every cell — commas, quotes, line breaks and all — comes back as it was given.
        var columns = Enumerable.Range(0, texts.Length + 1).Select(i => $"c{i}").ToArray();
        var output = new StringWriter();
        var writer = new CsvResultWriter(output, columns);
        writer.BeginRecord();
        writer.Formatted("c0", "id");
        for (var i = 0; i < texts.Length; i++)
        {
            writer.Formatted(columns[i + 1], texts[i].Get);
        }

        writer.EndRecord();
        using var reader = nietras.SeparatedValues.SepReaderExtensions.FromText(nietras.SeparatedValues.Sep.Reader(o => o with { Unescape = true }), output.ToString());
        Assert.True(reader.MoveNext());
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(texts[i].Get, reader.Current[i + 1].ToString());
        }

        Assert.False(reader.MoveNext());
    }

    [Property(MaxTest = PropertyRuns.MaxTest)]
    public void Cells_InAnyOrder_ReadBackAsTheLastTextWritten((byte Column, NonNull<string> Text)[] writes)
    {
        // A line whose cells come in column order is finished where it was written, any other is assembled from its
        // cells: columns skipped, written out of order or twice (the last text counts), quoted or not, both read back
        // alike — in every record of the run (the second writes the same cells again, the third none).
        string[] columns = ["c0", "c1", "c2", "c3", "c4"];
        var expected = new string[columns.Length];
        Array.Fill(expected, "");
        var output = new StringWriter();
        var writer = new CsvResultWriter(output, columns);
        for (var record = 0; record < 3; record++)
        {
            writer.BeginRecord();
            foreach (var (column, text) in record < 2 ? writes : [])
            {
                writer.Formatted(columns[column % columns.Length], text.Get);
                expected[column % columns.Length] = text.Get;
            }

            writer.EndRecord();
        }

        using var reader = nietras.SeparatedValues.SepReaderExtensions.FromText(nietras.SeparatedValues.Sep.Reader(o => o with { Unescape = true }), output.ToString());
        for (var record = 0; record < 3; record++)
        {
            Assert.True(reader.MoveNext());
            Assert.Equal(columns.Length, reader.Current.ColCount);
            for (var i = 0; i < columns.Length; i++)
            {
                Assert.Equal(record < 2 ? expected[i] : "", reader.Current[i].ToString());
            }
        }

        Assert.False(reader.MoveNext());
    }

    [Theory]
    [InlineData("maturity", "-0.4", true, 1)]
    [InlineData("maturity", "-0.4", true, 4)] // four sections in one record, each cell made in the same buffer
    [InlineData("acquisition", "0", false, 1)]
    [InlineData("growth", "0.25", false, 1)]
    public void BlockedMoves_FillTheCellAsTheListOfTheirTextsDoes(string stage, string amountChange, bool renewalRefused, int repeat)
    {
        var facts = new Crm.Rules.Lifecycle.StageFacts().With("amountChange", decimal.Parse(amountChange, System.Globalization.CultureInfo.InvariantCulture)).With("renewalRefused", renewalRefused);
        var sections = Enumerable.Range(0, repeat)
            .Select(_ => CrmRuleSet.SeedStandard.Assessment.Assess(new Crm.Rules.Assessment.CustomerProfile("c1") { Stage = stage, StageFacts = facts }, NodaTime.Instant.FromUtc(2026, 11, 24, 0, 0)).Lifecycle!)
            .ToArray();
        string[] columns = [.. Enumerable.Range(0, repeat).Select(i => $"s{i}.failedGuards")];
        var (direct, listed) = (new StringWriter(), new StringWriter());
        foreach (var (output, fromSection) in new[] { (direct, true), (listed, false) })
        {
            using var writer = new CsvResultWriter(output, columns);
            writer.BeginRecord();
            for (var i = 0; i < repeat; i++)
            {
                writer.BeginSection($"s{i}");
                if (fromSection)
                {
                    writer.List("failedGuards", Crm.Rules.CommandLine.Commands.LifecycleCommand.BlockedMoveList(sections[i]));
                }
                else
                {
                    writer.List("failedGuards", sections[i].BlockedMoves);
                }

                writer.EndSection();
            }

            writer.EndRecord();
            writer.Complete();
        }

        Assert.Equal(listed.ToString(), direct.ToString());
        Assert.NotEmpty(sections[0].BlockedMoves);
    }

    [Theory]
    [InlineData("A", "", "2026-08-01", "1975-12-01", "", 2)] // a survey and a birthday
    [InlineData("", "normal", "", "", "", 0)] // a lead without events: none, an empty cell
    [InlineData("A", "", "", "", "", 1)] // no survey yet: one due now
    [InlineData("A", "", "2026-08-01", "1975-11-30", "delivery:2026-11-20;complaint:2026-11-02", 3)] // with an event that asks for a survey
    public void OtherTouches_FillTheCellAsTheListOfTheirTextsDoes(string grade, string leadLabel, string lastSurvey, string birthday, string events, int count)
    {
        var input = "id,grade,leadLabel,lastContact,lastSurvey,birthday,events\n" + $"AA2020001,{grade},{leadLabel},2026-10-20,{lastSurvey},{birthday},{events}\n";
        var file = Path.GetTempFileName();
        File.WriteAllText(file, input);
        try
        {
            var plan = CliRun.Run("cadence", "--input", file, "--as-of", "2026-11-24", "--format", "json");
            Assert.Equal(0, plan.Exit);
            var touches = System.Text.Json.JsonDocument.Parse(plan.Output).RootElement[0].GetProperty("otherTouches").EnumerateArray().Select(t => t.GetString()!).ToArray();
            Assert.Equal(count, touches.Length);
            var csv = CliRun.Run("cadence", "--input", file, "--as-of", "2026-11-24", "--format", "csv");
            using var reader = nietras.SeparatedValues.SepReaderExtensions.FromText(nietras.SeparatedValues.Sep.Reader(o => o with { Unescape = true }), csv.Output);
            Assert.True(reader.MoveNext());
            Assert.Equal(string.Join("; ", touches), reader.Current["otherTouches"].ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
