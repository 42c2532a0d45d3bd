using System.Globalization;
using System.Text.Json;
using Crm.Rules.Cli.Input;
using Crm.Rules.Cli.Output;
using Crm.Rules.Lifecycle;
using NodaTime;

namespace Crm.Rules.Cli.Commands;

/// <summary><c>crm-rules lifecycle</c> and <c>crm-rules funnel</c> (LIFE-1 … LIFE-5).</summary>
internal static class LifecycleCommand
{
    public static int Diagram(string machineName, FileInfo? config, TextWriter output)
    {
        var rules = RuleSetLoader.Load(config).Lifecycle;
        var machine = rules.Machine(machineName)
            ?? throw new InputException($"--diagram: '{machineName}' is not a machine (known: {string.Join(", ", rules.Machines.Keys)})");
        output.Write(machine.ToMermaid());
        return ExitCodes.Success;
    }

    public static int Run(FileInfo input, FileInfo? config, OutputFormat format, TextWriter output, TextWriter error)
    {
        var rules = RuleSetLoader.Load(config).Lifecycle;
        var (columns, records) = RecordReader.Read(input.FullName);
        Records.RequireKnownColumns(input.FullName, columns, ["machine", "stage", "to", "facts"]);
        var rows = new List<object?[]>();
        var failures = new List<string>();
        foreach (var record in records)
        {
            try
            {
                var machineName = record.Fields.GetValueOrDefault("machine") ?? throw new FieldException("machine", "is required (e.g. funnel or lifecycle)");
                var machine = rules.Machine(machineName) ?? throw new FieldException("machine", $"'{machineName}' is not a machine (known: {string.Join(", ", rules.Machines.Keys)})");
                var stage = record.Fields.GetValueOrDefault("stage") ?? throw new FieldException("stage", "is required");
                if (!machine.Stages.Contains(stage))
                {
                    throw new FieldException("stage", $"'{stage}' is not a stage of '{machineName}' (stages: {string.Join(", ", machine.Stages)})");
                }

                var facts = ParseFacts(record.Fields.GetValueOrDefault("facts"));
                var proposal = machine.Propose(stage, facts);
                var to = record.Fields.GetValueOrDefault("to");
                var decision = to is null ? null : machine.Decide(stage, to, facts);
                // Each failed guard names the move it blocks, so a reader knows what to change to move on.
                var failed = decision is not null
                    ? decision.FailedGuards.Select(g => $"{stage} → {to}: {g}")
                    : proposal.Blocked.Select(c => c.ToString());
                var moves = decision ?? machine.Decide(stage, stage, facts);
                rows.Add(
                [
                    record.Id, stage, proposal.Proposed, decision?.Allowed,
                    string.Join("; ", failed),
                    string.Join(", ", moves.Permitted),
                    decision is { Allowed: false } ? $"{decision.Reason}{(decision.Moves.Count == 0 ? "" : $"; moves out of {stage}: {string.Join("; ", decision.Moves)}")}" : null,
                ]);
            }
            catch (FieldException e)
            {
                failures.Add($"{record.Where}, field '{e.Field}': {e.Message}");
            }
        }

        RowWriter.Write(["id", "stage", "proposed", "allowed", "failedGuards", "permitted", "reason"], rows, format, output, $"{rows.Count} records; rule set {rules.Fingerprint}");
        return Records.ReportFailures(failures, records.Count, rows.Count, "evaluated", error);
    }

    public static int Funnel(FileInfo input, string machineName, string? fromText, string? toText, FileInfo? config, OutputFormat format, TextWriter output, TextWriter error)
    {
        var rules = RuleSetLoader.Load(config).Lifecycle;
        var machine = rules.Machine(machineName) ?? throw new InputException($"--machine: '{machineName}' is not a machine (known: {string.Join(", ", rules.Machines.Keys)})");
        var from = fromText is null ? Instant.MinValue : CalendarCommand.ParseInstant("--from", fromText);
        var to = toText is null ? Instant.MaxValue : CalendarCommand.ParseInstant("--to", toText);
        var (columns, records) = RecordReader.Read(input.FullName);
        Records.RequireKnownColumns(input.FullName, columns, ["stage", "at", "reason"]);

        // One row per stage entry; rows with the same id form one history.
        var failures = new List<string>();
        var histories = new Dictionary<string, List<StageEntry>>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var stage = record.Fields.GetValueOrDefault("stage");
            var at = record.Fields.GetValueOrDefault("at");
            if (stage is null || !machine.Stages.Contains(stage))
            {
                failures.Add($"{record.Where}, field 'stage': '{stage}' is not a stage of '{machineName}' (stages: {string.Join(", ", machine.Stages)})");
                continue;
            }

            if (!IsoInstant.TryParse(at, out var instant))
            {
                failures.Add($"{record.Where}, field 'at': '{at}' is not an ISO-8601 instant with an offset");
                continue;
            }

            if (!histories.TryGetValue(record.Id, out var history))
            {
                histories[record.Id] = history = [];
            }

            history.Add(new StageEntry(stage, instant, record.Fields.GetValueOrDefault("reason")));
        }

        var report = rules.Funnel(machine, histories.Values, from, to);
        var rows = new List<object?[]>();
        rows.AddRange(report.Conversions.Select(c => new object?[] { "conversion", $"{c.From} → {c.To}", decimal.Round(c.Rate, 4), $"{c.Converted} of {c.Entered}" }));
        rows.AddRange(report.MedianTimeInStage.Select(m => new object?[] { "medianTimeInStage", m.Key, decimal.Round((decimal)m.Value.TotalDays, 2), IsoDuration.Format(m.Value) }));
        rows.AddRange(report.Outcomes.SelectMany(o => o.Value.Select(r => new object?[] { "outcome", o.Key, r.Value, r.Key })));
        RowWriter.Write(["measure", "subject", "value", "detail"], rows, format, output, $"{histories.Count} histories; rule set {rules.Fingerprint}");
        return Records.ReportFailures(failures, records.Count, records.Count - failures.Count, "counted", error);
    }

    // JSON: {"leadScore": 6, "needClear": true}; CSV: "leadScore=6;needClear=true".
    private static StageFacts ParseFacts(string? text)
    {
        var facts = new StageFacts();
        if (string.IsNullOrWhiteSpace(text))
        {
            return facts;
        }

        IEnumerable<(string Name, string Value)> pairs;
        if (text.TrimStart().StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                pairs = document.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText())).ToList();
            }
            catch (JsonException)
            {
                throw new FieldException("facts", "is not a JSON object of facts");
            }
        }
        else
        {
            pairs = text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => p.Split('=', 2))
                .Select(p => p.Length == 2 ? (p[0].Trim(), p[1].Trim()) : throw new FieldException("facts", $"'{string.Join("=", p)}' is not name=value"));
        }

        foreach (var (name, value) in pairs)
        {
            if (bool.TryParse(value, out var flag))
            {
                facts = facts.With(name, flag);
            }
            else if (decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
            {
                facts = facts.With(name, number);
            }
            else
            {
                throw new FieldException($"facts.{name}", $"'{value}' is neither a number nor true/false");
            }
        }

        return facts;
    }
}
