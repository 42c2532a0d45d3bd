using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Spectre.Console;

namespace Crm.Rules.Cli.Output;

/// <summary>Prints rows of named cells as a table, JSON (numbers stay numbers) or CSV.</summary>
internal static class RowWriter
{
    public static void Write(IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows, OutputFormat format, TextWriter output, string? footer = null)
    {
        switch (format)
        {
            case OutputFormat.Json:
                WriteJson(columns, rows, output);
                break;
            case OutputFormat.Csv:
                using (var csv = new CsvWriter(output, CultureInfo.InvariantCulture, leaveOpen: true))
                {
                    foreach (var column in columns)
                    {
                        csv.WriteField(column);
                    }

                    csv.NextRecord();
                    foreach (var row in rows)
                    {
                        foreach (var cell in row)
                        {
                            csv.WriteField(Text(cell));
                        }

                        csv.NextRecord();
                    }
                }

                break;
            default:
                var console = Consoles.For(output);
                var table = new Table().Border(TableBorder.Rounded);
                foreach (var column in columns)
                {
                    table.AddColumn(column);
                }

                foreach (var row in rows)
                {
                    table.AddRow(row.Select(cell => Markup.Escape(Text(cell))).ToArray());
                }

                console.Write(table);
                if (footer is not null)
                {
                    console.WriteLine(footer);
                }

                break;
        }
    }

    private static void WriteJson(IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var row in rows)
            {
                json.WriteStartObject();
                for (var i = 0; i < columns.Count; i++)
                {
                    switch (row[i])
                    {
                        case null:
                            json.WriteNull(columns[i]);
                            break;
                        case decimal number:
                            json.WriteNumber(columns[i], number);
                            break;
                        case int number:
                            json.WriteNumber(columns[i], number);
                            break;
                        case bool flag:
                            json.WriteBoolean(columns[i], flag);
                            break;
                        default:
                            json.WriteString(columns[i], Text(row[i]));
                            break;
                    }
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static string Text(object? cell) => cell switch
    {
        null => "",
        decimal number => ResultWriter.Format(number),
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };
}
