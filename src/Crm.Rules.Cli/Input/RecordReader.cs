using System.Globalization;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;

namespace Crm.Rules.Cli.Input;

/// <summary>Reads CSV (header row, first column <c>id</c>) or JSON (an array of objects with <c>id</c>) records.</summary>
internal static class RecordReader
{
    public static (IReadOnlyList<string> Columns, IReadOnlyList<InputRecord> Records) Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"{path}: the input file does not exist");
        }

        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => ReadCsv(path),
            ".json" => ReadJson(path),
            var other => throw new InputException($"{path}: cannot tell the input format from the extension '{other}'; use .csv or .json"),
        };
    }

    private static (IReadOnlyList<string>, IReadOnlyList<InputRecord>) ReadCsv(string path)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            DetectColumnCountChanges = true,
            BadDataFound = null,
        };
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, configuration);
        var records = new List<InputRecord>();
        try
        {
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header)
            {
                throw new InputException($"{path}: the file is empty; expected a header row starting with 'id'");
            }

            if (!string.Equals(header[0], "id", StringComparison.OrdinalIgnoreCase))
            {
                throw new InputException($"{path} line 1: the first column must be 'id', not '{header[0]}'");
            }

            var duplicate = header.GroupBy(h => h, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new InputException($"{path} line 1: the column '{duplicate.Key}' appears more than once");
            }

            while (csv.Read())
            {
                var line = csv.Parser.RawRow;
                var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
                for (var i = 1; i < header.Length; i++)
                {
                    var text = csv.GetField(i);
                    fields[header[i]] = string.IsNullOrEmpty(text) ? null : text;
                }

                var id = csv.GetField(0);
                if (string.IsNullOrWhiteSpace(id))
                {
                    throw new InputException($"{path} line {line}, field 'id': every record needs an id");
                }

                records.Add(new InputRecord(path, line, records.Count + 1, id, fields));
            }

            return (header.Skip(1).ToArray(), records);
        }
        catch (CsvHelperException e)
        {
            var line = e.Context?.Parser?.RawRow ?? 0;
            throw new InputException($"{path} line {line}: malformed CSV ({FirstLine(e.Message)})");
        }
    }

    private static (IReadOnlyList<string>, IReadOnlyList<InputRecord>) ReadJson(string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new InputException($"{path} line {(e.LineNumber ?? 0) + 1}: malformed JSON ({FirstLine(e.Message)})");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new InputException($"{path}: expected a JSON array of records [ {{ \"id\": … }}, … ]");
            }

            var records = new List<InputRecord>();
            var columns = new List<string>();
            var number = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                number++;
                if (element.ValueKind != JsonValueKind.Object)
                {
                    throw new InputException($"{path} record {number}: expected an object {{ \"id\": … }}, not {element.ValueKind}");
                }

                string? id = null;
                var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var text = property.Value.ValueKind switch
                    {
                        JsonValueKind.Null => null,
                        JsonValueKind.String => property.Value.GetString(),
                        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
                        _ => property.Value.GetRawText(),
                    };
                    if (property.NameEquals("id"))
                    {
                        id = text;
                        continue;
                    }

                    fields[property.Name] = text;
                    if (!columns.Contains(property.Name, StringComparer.Ordinal))
                    {
                        columns.Add(property.Name);
                    }
                }

                if (string.IsNullOrWhiteSpace(id))
                {
                    throw new InputException($"{path} record {number}, field 'id': every record needs an id");
                }

                records.Add(new InputRecord(path, 0, number, id, fields));
            }

            return (columns, records);
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim().TrimEnd('.');
}
