using System.Text.Json;
using Crm.Rules.Cli.Input;
using Crm.Rules.Cli.Output;
using Crm.Rules.Sla;
using NodaTime;

namespace Crm.Rules.Cli.Commands;

/// <summary><c>crm-rules sla</c>: evaluates the SLA clock of every ticket in a CSV or JSON file.</summary>
internal static class SlaCommand
{
    private static readonly string[] Known = ["policy", "grade", "kind", "priority", "start", "pauses", "stop", "asOf"];

    public static int Run(FileInfo input, FileInfo? config, OutputFormat format, TextWriter output, TextWriter error)
    {
        var rules = RuleSetLoader.Load(config).Sla;
        var (columns, records) = RecordReader.Read(input.FullName);
        Records.RequireKnownColumns(input.FullName, columns, Known);

        var rows = new List<object?[]>();
        var failures = new List<string>();
        ProgressReporter.Run(error, records.Count, "Evaluating", step =>
        {
            foreach (var record in records)
            {
                step();
                try
                {
                    rows.Add(Evaluate(record, rules));
                }
                catch (CrmInputException e)
                {
                    failures.Add($"{record.Where}, field '{e.Field}': {e.Problem}");
                }
            }
        });

        RowWriter.Write(
            ["id", "policy", "deadline", "status", "remaining", "elapsed", "breachedAt", "fingerprint"],
            rows,
            format,
            output,
            $"{rows.Count} tickets evaluated; rule set {rules.Fingerprint}");
        return Records.ReportFailures(failures, records.Count, rows.Count, "evaluated", error);
    }

    private static object?[] Evaluate(InputRecord record, SlaRules rules)
    {
        string? Field(string name) => record.Fields.GetValueOrDefault(name);
        Instant Required(string name) => Field(name) is { } text
            ? ParseInstant(name, text)
            : throw new CrmInputException(name, "is required: an ISO-8601 instant such as 2026-03-06T17:30:00+08:00");

        SlaPolicy policy;
        if (Field("policy") is { } name)
        {
            policy = rules.FindPolicy(name) ?? throw new CrmInputException("policy", $"'{name}' is not a policy (known: {string.Join(", ", rules.Policies.Select(p => p.Name))})");
        }
        else
        {
            policy = rules.Select(Field("grade"), Field("kind"), Field("priority"))
                ?? throw new CrmInputException("kind", $"no policy matches grade '{Field("grade")}', kind '{Field("kind")}', priority '{Field("priority")}'");
        }

        var start = Required("start");
        var asOf = Required("asOf");
        var stop = Field("stop") is { } stopText ? ParseInstant("stop", stopText) : (Instant?)null;
        var clock = SlaClock.Create(policy, start, ParsePauses(Field("pauses")), stop);
        var assessment = rules.Evaluate(clock, asOf);
        var zone = policy.Calendar.Zone;
        return
        [
            record.Id,
            assessment.Policy,
            IsoInstant.Format(assessment.Deadline, zone),
            assessment.Status.ToText(),
            IsoDuration.Format(assessment.Remaining),
            IsoDuration.Format(assessment.Elapsed),
            assessment.BreachedAt is { } breached ? IsoInstant.Format(breached, zone) : null,
            assessment.Fingerprint,
        ];
    }

    // JSON: [{"from": …, "to": …}]; CSV: "from/to;from/to" (an open pause has no "/to").
    private static List<SlaPause> ParsePauses(string? text)
    {
        var pauses = new List<SlaPause>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return pauses;
        }

        if (text.TrimStart().StartsWith('['))
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(text);
            }
            catch (JsonException)
            {
                throw new CrmInputException("pauses", "is not a list of {\"from\": …, \"to\": …} objects");
            }

            using (document)
            {
                var i = 0;
                foreach (var pause in document.RootElement.EnumerateArray())
                {
                    var from = pause.ValueKind == JsonValueKind.Object && pause.TryGetProperty("from", out var f) && f.ValueKind == JsonValueKind.String
                        ? ParseInstant($"pauses[{i}].from", f.GetString()!)
                        : throw new CrmInputException($"pauses[{i}].from", "is required");
                    var to = pause.TryGetProperty("to", out var t) && t.ValueKind == JsonValueKind.String ? ParseInstant($"pauses[{i}].to", t.GetString()!) : (Instant?)null;
                    pauses.Add(new SlaPause(from, to));
                    i++;
                }
            }

            return pauses;
        }

        var parts = text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var ends = parts[i].Split('/');
            pauses.Add(new SlaPause(
                ParseInstant($"pauses[{i}].from", ends[0]),
                ends.Length > 1 ? ParseInstant($"pauses[{i}].to", ends[1]) : null));
        }

        return pauses;
    }

    private static Instant ParseInstant(string field, string text)
        => IsoInstant.TryParse(text, out var instant)
            ? instant
            : throw new CrmInputException(field, $"'{text}' is not an ISO-8601 instant with an offset, e.g. 2026-03-06T17:30:00+08:00");
}
