using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Crm.Rules.CommandLine.Checking;
using Crm.Rules.CommandLine.Input;
using Crm.Rules.CommandLine.Output;
using Crm.Rules.Data;
using Spectre.Console;

namespace Crm.Rules.CommandLine.Commands;

/// <summary>
/// <c>crm-rules check</c> (a decision table against a rule set) and <c>crm-rules diff</c> (what a change of rules
/// does to every record): the library's <see cref="DecisionTable"/> and <see cref="RuleSetDiff"/> on the command line.
/// </summary>
internal static class CheckCommands
{
    private const int ChangesShown = 20;
    private const int LargestMatrix = 12;

    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static int Check(string command, string cases, FileInfo? config, string format, IReadOnlyList<string> arguments, TextWriter output, TextWriter error)
    {
        var ruleSet = RuleSetLoader.Load(config);
        DecisionTableResult result;
        try
        {
            result = DecisionTable.Check(command, cases, ruleSet, [.. arguments]);
        }
        catch (DecisionTableException e)
        {
            throw new InputException(e.Message);
        }

        foreach (var problem in result.InputErrors)
        {
            error.WriteLine($"error: {problem}");
        }

        if (format == "json")
        {
            WriteJson(output, json =>
            {
                json.WriteStartObject();
                json.WriteString("command", result.Command);
                json.WriteString("fingerprint", result.Fingerprint);
                json.WriteString("outcome", result.Outcome switch { DecisionTableOutcome.Passed => "passed", DecisionTableOutcome.Failed => "failed", _ => "badInput" });
                json.WriteNumber("cases", result.CheckedCases);
                json.WriteNumber("passed", result.Passed);
                json.WriteNumber("failed", result.Failures.Count);
                json.WriteStartArray("failures");
                foreach (var failure in result.Failures)
                {
                    json.WriteStartObject();
                    json.WriteString("case", failure.Name is null ? null : SafeText.Printable(failure.Name));
                    json.WriteString("location", failure.Location);
                    json.WriteStartArray("mismatches");
                    foreach (var mismatch in failure.Mismatches)
                    {
                        json.WriteStartObject();
                        json.WriteString("field", mismatch.Field);
                        json.WriteString("expected", mismatch.Expected is null ? null : SafeText.Printable(mismatch.Expected));
                        json.WriteString("actual", mismatch.Actual is null ? null : SafeText.Printable(mismatch.Actual));
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteString("explanation", failure.Explanation is null ? null : SafeText.Printable(failure.Explanation));
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("inputErrors");
                foreach (var problem in result.InputErrors)
                {
                    json.WriteStringValue(problem);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            });
        }
        else
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"check {command}: {result.CheckedCases} cases, {result.Passed} passed, {result.Failures.Count} failed; rule set {result.Fingerprint}"));
            foreach (var failure in result.Failures)
            {
                output.WriteLine(failure.ToString());
            }
        }

        output.Flush();
        return result.Outcome switch
        {
            DecisionTableOutcome.Passed => ExitCodes.Success,
            DecisionTableOutcome.Failed => ExitCodes.CheckFailed,
            _ => ExitCodes.BadInput,
        };
    }

    public static int Diff(string command, FileInfo fromFile, FileInfo toFile, string input, string format, decimal? failIfChanged, IReadOnlyList<string> arguments, TextWriter output, TextWriter error)
    {
        if (failIfChanged is < 0 or > 100)
        {
            throw new InputException("--fail-if-changed: a percentage from 0 to 100");
        }

        var from = RuleSetLoader.Load(fromFile);
        var to = RuleSetLoader.Load(toFile);
        RuleSetDiffReport report;
        if (format == "json")
        {
            // The changes stream out as they are found; the counts and matrices, known only at the end, follow them.
            var buffer = new ArrayBufferWriter<byte>(1 << 16);
            using var json = new Utf8JsonWriter(buffer, Indented);
            json.WriteStartObject();
            json.WriteString("command", command);
            json.WriteString("from", from.Fingerprint);
            json.WriteString("to", to.Fingerprint);
            json.WriteStartArray("changes");
            report = RuleSetDiff.Compare(command, input, from, to, new RuleSetDiffOptions
            {
                Arguments = arguments,
                KeepChanges = 0,
                OnChange = change =>
                {
                    json.WriteStartObject();
                    json.WriteString("id", SafeText.Printable(change.Id));
                    json.WriteString("field", change.Field);
                    json.WriteString("from", change.From is null ? null : SafeText.Printable(change.From));
                    json.WriteString("to", change.To is null ? null : SafeText.Printable(change.To));
                    json.WriteEndObject();
                    if (json.BytesPending > 1 << 15)
                    {
                        Drain(json, buffer, output);
                    }
                },
            });
            json.WriteEndArray();
            json.WriteNumber("records", report.Records);
            json.WriteNumber("changed", report.Changed);
            json.WriteNumber("changedPercent", decimal.Round(report.ChangedPercent, 4));
            json.WriteStartObject("transitions");
            foreach (var (field, byFrom) in report.Transitions.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                json.WriteStartObject(field);
                foreach (var (fromValue, byTo) in byFrom.OrderBy(t => t.Key, StringComparer.Ordinal))
                {
                    json.WriteStartObject(SafeText.Printable(fromValue));
                    foreach (var (toValue, count) in byTo.OrderBy(t => t.Key, StringComparer.Ordinal))
                    {
                        json.WriteNumber(SafeText.Printable(toValue), count);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteBoolean("complete", report.IsComplete);
            json.WriteEndObject();
            Drain(json, buffer, output);
            output.WriteLine();
        }
        else if (format == "csv")
        {
            using var writer = ResultWriter.Create(OutputFormat.Csv, output, ["id", "field", "from", "to"]);
            report = RuleSetDiff.Compare(command, input, from, to, new RuleSetDiffOptions
            {
                Arguments = arguments,
                KeepChanges = 0,
                OnChange = change =>
                {
                    writer.BeginRecord();
                    writer.Text("id", change.Id);
                    writer.Text("field", change.Field);
                    writer.Text("from", change.From);
                    writer.Text("to", change.To);
                    writer.EndRecord();
                },
            });
            writer.Complete();
        }
        else
        {
            report = RuleSetDiff.Compare(command, input, from, to, new RuleSetDiffOptions { Arguments = arguments, KeepChanges = ChangesShown });
            WriteTable(report, output);
        }

        foreach (var problem in report.InputErrors)
        {
            error.WriteLine($"error: {problem}");
        }

        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"diff {command}: {report.Records:N0} records, {report.Changed:N0} changed ({report.ChangedPercent:0.##} %); {report.From} → {report.To}"));
        if (!report.IsComplete)
        {
            return ExitCodes.BadInput;
        }

        if (failIfChanged is { } allowed && report.ChangedPercent > allowed)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: {report.ChangedPercent:0.##} % of the records changed, more than --fail-if-changed {allowed} allows"));
            return ExitCodes.CheckFailed;
        }

        return ExitCodes.Success;
    }

    private static void WriteTable(RuleSetDiffReport report, TextWriter output)
    {
        var console = Consoles.For(output);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{report.From} → {report.To}: {report.Records:N0} records, {report.Changed:N0} changed ({report.ChangedPercent:0.##} %)"));
        foreach (var (field, byFrom) in report.Transitions.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var froms = byFrom.Keys.Order(StringComparer.Ordinal).ToList();
            var tos = byFrom.Values.SelectMany(v => v.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var table = new Table { Title = new TableTitle(Markup.Escape(field)) };
            if (froms.Count <= LargestMatrix && tos.Count <= LargestMatrix)
            {
                table.AddColumn(new TableColumn(Markup.Escape("from \\ to")));
                foreach (var to in tos)
                {
                    table.AddColumn(new TableColumn(Markup.Escape(SafeText.Printable(to))).RightAligned());
                }

                foreach (var from in froms)
                {
                    table.AddRow([Markup.Escape(SafeText.Printable(from)), .. tos.Select(to => byFrom[from].TryGetValue(to, out var n) ? n.ToString("N0", CultureInfo.InvariantCulture) : "")]);
                }
            }
            else
            {
                // Too many values for a matrix (totals, dates): the most frequent transitions.
                table.AddColumn("from").AddColumn("to").AddColumn(new TableColumn("records").RightAligned());
                foreach (var (from, to, count) in byFrom.SelectMany(f => f.Value.Select(t => (f.Key, t.Key, t.Value))).OrderByDescending(t => t.Value).ThenBy(t => t.Item1, StringComparer.Ordinal).Take(LargestMatrix))
                {
                    table.AddRow(Markup.Escape(SafeText.Printable(from)), Markup.Escape(SafeText.Printable(to)), count.ToString("N0", CultureInfo.InvariantCulture));
                }
            }

            console.Write(table);
        }

        if (report.Changes.Count > 0)
        {
            console.WriteLine($"first {report.Changes.Count} changes:");
            foreach (var change in report.Changes)
            {
                console.WriteLine("  " + change);
            }
        }

        output.Flush();
    }

    private static void WriteJson(TextWriter output, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, Indented))
        {
            write(json);
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    private static void Drain(Utf8JsonWriter json, ArrayBufferWriter<byte> buffer, TextWriter output)
    {
        json.Flush();
        output.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        buffer.ResetWrittenCount();
    }
}
