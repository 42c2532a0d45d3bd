using System.Globalization;
using System.Text.Json;
using Crm.Rules.Cli.Commands;
using CsvHelper;
using Spectre.Console;

namespace Crm.Rules.Cli.Output;

/// <summary>Prints graded customers as a table, JSON or CSV.</summary>
internal static class GradeWriter
{
    public static void Write(IReadOnlyList<GradeRow> rows, OutputFormat format, bool explain, TextWriter output)
    {
        switch (format)
        {
            case OutputFormat.Json:
                WriteJson(rows, explain, output);
                break;
            case OutputFormat.Csv:
                WriteCsv(rows, explain, output);
                break;
            default:
                WriteTable(rows, explain, output);
                break;
        }
    }

    private static void WriteTable(IReadOnlyList<GradeRow> rows, bool explain, TextWriter output)
    {
        var console = Consoles.For(output);
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("id").AddColumn(new TableColumn("total").RightAligned()).AddColumn("grade").AddColumn("owner").AddColumn("next grade");
        if (explain)
        {
            table.AddColumn("contributions");
        }

        foreach (var (id, e) in rows)
        {
            var next = e.NextGrade is null ? "-" : $"{e.NextGrade.Name} needs +{Format(e.TotalToNextGrade ?? 0)}";
            var cells = new List<string>
            {
                Markup.Escape(id),
                Format(e.Total),
                Markup.Escape(e.Grade!.Name + (e.Grade.Label is null ? "" : $" ({e.Grade.Label})")),
                Markup.Escape(e.Grade.Treatment.OwnerRole),
                Markup.Escape(next),
            };
            if (explain)
            {
                cells.Add(Markup.Escape(string.Join("  ", e.Contributions.Select(c => $"{c.Indicator} {c.Score}×{Format(c.EffectiveWeight)}={Format(c.Contribution)}"))));
            }

            table.AddRow(cells.ToArray());
        }

        console.Write(table);
        var fingerprint = rows.Count > 0 ? rows[0].Explanation.Fingerprint : "";
        console.WriteLine($"{rows.Count} customers graded; rule set {fingerprint}");
    }

    private static void WriteJson(IReadOnlyList<GradeRow> rows, bool explain, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var (id, e) in rows)
            {
                json.WriteStartObject();
                json.WriteString("id", id);
                json.WriteNumber("total", e.Total);
                json.WriteString("grade", e.Grade!.Name);
                json.WriteString("status", e.WeightsRenormalized ? "renormalized" : "graded");
                json.WriteString("ownerRole", e.Grade.Treatment.OwnerRole);
                if (e.NextGrade is { } next)
                {
                    json.WriteString("nextGrade", next.Name);
                    json.WriteNumber("totalToNextGrade", e.TotalToNextGrade ?? 0m);
                }
                else
                {
                    json.WriteNull("nextGrade");
                }

                if (explain)
                {
                    json.WriteStartArray("contributions");
                    foreach (var c in e.Contributions)
                    {
                        json.WriteStartObject();
                        json.WriteString("indicator", c.Indicator);
                        json.WriteString("raw", c.RawValue.ToString());
                        if (c.Score is { } score)
                        {
                            json.WriteNumber("score", score);
                        }
                        else
                        {
                            json.WriteNull("score");
                        }

                        json.WriteNumber("weight", c.EffectiveWeight);
                        json.WriteNumber("contribution", c.Contribution);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteStartArray("raisesToNextGrade");
                    foreach (var raise in e.RaisesToNextGrade)
                    {
                        json.WriteStartObject();
                        json.WriteString("indicator", raise.Indicator);
                        json.WriteNumber("from", raise.FromScore);
                        json.WriteNumber("to", raise.ToScore);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                }

                json.WriteString("fingerprint", e.Fingerprint);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteCsv(IReadOnlyList<GradeRow> rows, bool explain, TextWriter output)
    {
        using var csv = new CsvWriter(output, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var header in new[] { "id", "total", "grade", "ownerRole", "nextGrade", "totalToNextGrade", "fingerprint" })
        {
            csv.WriteField(header);
        }

        if (explain)
        {
            csv.WriteField("contributions");
        }

        csv.NextRecord();
        foreach (var (id, e) in rows)
        {
            csv.WriteField(id);
            csv.WriteField(Format(e.Total));
            csv.WriteField(e.Grade!.Name);
            csv.WriteField(e.Grade.Treatment.OwnerRole);
            csv.WriteField(e.NextGrade?.Name ?? "");
            csv.WriteField(e.TotalToNextGrade is { } gap ? Format(gap) : "");
            csv.WriteField(e.Fingerprint);
            if (explain)
            {
                csv.WriteField(string.Join(";", e.Contributions.Select(c => $"{c.Indicator}={c.Score}")));
            }

            csv.NextRecord();
        }
    }

    // Presentation only, so it lives here rather than in the library's public API: invariant culture,
    // and no trailing zeros (0.300 and 0.3 are the same number and print the same way). Dividing by
    // 1.000…0 with 30 zeros is the documented way to strip a decimal's trailing zeros without rounding.
    internal static string Format(decimal value)
        => (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}

/// <summary>Spectre.Console consoles bound to a given writer, so output goes where the command was told.</summary>
internal static class Consoles
{
    public static IAnsiConsole For(TextWriter writer)
    {
        var terminal = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ColorSystemSupport.Detect,
        });

        // A file or pipe has no width: do not wrap tables at the 80 columns Spectre.Console assumes then.
        if (!terminal)
        {
            console.Profile.Width = 240;
        }

        return console;
    }
}
