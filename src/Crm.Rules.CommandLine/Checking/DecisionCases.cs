using System.Text.Json;
using Crm.Rules.Data;
using nietras.SeparatedValues;

namespace Crm.Rules.CommandLine.Checking;

/// <summary>
/// The cases of a decision table as read from its file: for each record (1-based, as the command counts them) its
/// name, its <c>asOf</c>, its id and its expectations. The command reads the same file for its inputs; these columns
/// are the ones it is told to ignore.
/// </summary>
internal sealed class DecisionCases
{
    public const string CaseColumn = "case";
    public const string AsOfColumn = "asOf";
    public const string ExpectPrefix = "expect.";

    // A JSON case may group its expectations in one object instead of expect.* members.
    private const string ExpectObject = "expect";

    private DecisionCases(string path, IReadOnlyList<DecisionCase> cases, IReadOnlyCollection<string> extraColumns)
    {
        Path = path;
        Cases = cases;
        ExtraColumns = extraColumns;
    }

    public string Path { get; }

    public IReadOnlyList<DecisionCase> Cases { get; }

    /// <summary>The columns (keys) that are the table's, not the command's input.</summary>
    public IReadOnlyCollection<string> ExtraColumns { get; }

    /// <summary>Reads a table; <c>asOf</c> is the table's column only for a command with <c>--as-of</c> (for sla it is a ticket's field).</summary>
    /// <exception cref="DecisionTableException">The file cannot be read, is not CSV, JSON or JSON Lines, or a case is malformed.</exception>
    public static DecisionCases Read(string path, bool asOfIsOption)
    {
        try
        {
            return System.IO.Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".csv" => ReadCsv(path, asOfIsOption),
                ".json" => ReadJson(path, lines: false, asOfIsOption),
                ".jsonl" or ".ndjson" => ReadJson(path, lines: true, asOfIsOption),
                _ => throw new DecisionTableException($"{path}: a decision table is a .csv, .json or .jsonl file"),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DecisionTableException($"{path}: {e.Message}");
        }
    }

    private static DecisionCases ReadCsv(string path, bool asOfIsOption)
    {
        using var reader = Sep.Reader(o => o with { Sep = new Sep(','), HasHeader = true, Unescape = true, DisableColCountCheck = true }).FromFile(path);
        var header = reader.Header.ColNames;
        var extra = header.Where(c => IsTableColumn(c, asOfIsOption)).ToList();
        if (!header.Any(h => h.StartsWith(ExpectPrefix, StringComparison.Ordinal)))
        {
            throw new DecisionTableException($"{path} line 1: no expect.<field> column; a decision table says what it expects, e.g. expect.grade");
        }

        var idColumn = header.ToList().IndexOf(RecordSchema.IdField);
        var cases = new List<DecisionCase>();
        var ordinal = 0L;
        foreach (var row in reader)
        {
            ordinal++;
            string? name = null, asOf = null;
            var expectations = new List<Expectation>();
            for (var i = 0; i < header.Count && i < row.ColCount; i++)
            {
                var column = header[i];
                var value = row[i].Span.Trim().ToString();
                if (column == CaseColumn)
                {
                    name = value.Length == 0 ? null : value;
                }
                else if (column == AsOfColumn && asOfIsOption)
                {
                    asOf = value.Length == 0 ? null : value;
                }
                else if (column.StartsWith(ExpectPrefix, StringComparison.Ordinal) && value.Length > 0)
                {
                    // An empty cell expects nothing of that field for this case; "null" expects no value.
                    expectations.Add(new Expectation(column[ExpectPrefix.Length..], value == "null" ? null : value));
                }
            }

            var id = idColumn >= 0 && idColumn < row.ColCount ? row[idColumn].Span.Trim().ToString() : null;
            cases.Add(new DecisionCase(ordinal, $"line {row.LineNumberFrom}", name, asOf, id, expectations));
        }

        return new DecisionCases(path, cases, extra);
    }

    private static DecisionCases ReadJson(string path, bool lines, bool asOfIsOption)
    {
        var extra = new HashSet<string>(StringComparer.Ordinal);
        var cases = new List<DecisionCase>();
        if (lines)
        {
            var lineNumber = 0;
            foreach (var line in File.ReadLines(path))
            {
                lineNumber++;
                if (line.AsSpan().Trim().Length == 0)
                {
                    continue;
                }

                using var document = Parse(path, line, $"line {lineNumber}");
                cases.Add(ReadCase(path, document.RootElement, cases.Count + 1, $"line {lineNumber}", extra, asOfIsOption));
            }
        }
        else
        {
            using var document = Parse(path, File.ReadAllText(path), "");
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new DecisionTableException($"{path}: a JSON decision table is an array of cases");
            }

            foreach (var element in document.RootElement.EnumerateArray())
            {
                cases.Add(ReadCase(path, element, cases.Count + 1, $"record {cases.Count + 1}", extra, asOfIsOption));
            }
        }

        if (!cases.Any(c => c.Expectations.Count > 0))
        {
            throw new DecisionTableException($"{path}: no case expects anything; give expect.<field> members or an expect object");
        }

        return new DecisionCases(path, cases, extra);
    }

    private static JsonDocument Parse(string path, string json, string where)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new DecisionTableException($"{path}{(where.Length == 0 ? "" : " " + where)}: not JSON ({e.Message})");
        }
    }

    private static DecisionCase ReadCase(string path, JsonElement element, long ordinal, string location, HashSet<string> extra, bool asOfIsOption)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new DecisionTableException($"{path} {location}: a case is a JSON object");
        }

        string? name = null, asOf = null, id = null;
        var expectations = new List<Expectation>();
        foreach (var member in element.EnumerateObject())
        {
            switch (member.Name)
            {
                case CaseColumn:
                    name = Scalar(path, location, member);
                    extra.Add(member.Name);
                    break;
                case AsOfColumn when asOfIsOption:
                    asOf = Scalar(path, location, member);
                    extra.Add(member.Name);
                    break;
                case ExpectObject when member.Value.ValueKind == JsonValueKind.Object:
                    extra.Add(member.Name);
                    foreach (var expected in member.Value.EnumerateObject())
                    {
                        expectations.Add(new Expectation(expected.Name, Scalar(path, location, expected)));
                    }

                    break;
                case var n when n.StartsWith(ExpectPrefix, StringComparison.Ordinal):
                    extra.Add(n);
                    expectations.Add(new Expectation(n[ExpectPrefix.Length..], Scalar(path, location, member)));
                    break;
                case RecordSchema.IdField:
                    id = member.Value.ValueKind == JsonValueKind.String ? member.Value.GetString() : null;
                    break;
            }
        }

        return new DecisionCase(ordinal, location, name, asOf, id, expectations);
    }

    // Expected values are compared as text in the command's own terms: a JSON number keeps its digits (0.30 stays 0.30,
    // and compares equal to 0.3 as a decimal), never a double.
    private static string? Scalar(string path, string location, JsonProperty member) => member.Value.ValueKind switch
    {
        JsonValueKind.String => member.Value.GetString(),
        JsonValueKind.Number => member.Value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => null,
        JsonValueKind.Array => string.Join("; ", member.Value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText())),
        _ => throw new DecisionTableException($"{path} {location}: '{SafeText.Printable(member.Name)}' must be a string, number, boolean, array or null"),
    };

    private static bool IsTableColumn(string column, bool asOfIsOption) => column is CaseColumn || (column is AsOfColumn && asOfIsOption) || column.StartsWith(ExpectPrefix, StringComparison.Ordinal);
}

/// <summary>One case: the input record it is (1-based), where it is in the file, and what it expects.</summary>
internal sealed record DecisionCase(long Ordinal, string Location, string? Name, string? AsOf, string? Id, IReadOnlyList<Expectation> Expectations)
{
    public string Title => Name is null ? Location : $"'{SafeText.Printable(Name)}' ({Location})";
}

/// <summary>A field's expected value: text in the command's terms, <see langword="null"/> for "no value".</summary>
internal sealed record Expectation(string Field, string? Value);
