using System.Text.Json;
using Crm.Rules.CommandLine.Input;
using Crm.Rules.CommandLine.Records;
using Crm.Rules.Data;
using Crm.Rules.CommandLine.Output;
using Crm.Rules.Lifecycle;
using NodaTime;

namespace Crm.Rules.CommandLine.Commands;

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

    private static readonly string[] LifecycleFields = ["machine", "stage", "to", "facts"];

    internal static readonly string[] Columns = ["id", "machine", "stage", "proposed", "allowed", "failedGuards", "permitted", "reason", "fingerprint"];

    private static readonly (string, string)[] TableColumns = [("id", "id"), ("stage", "stage"), ("proposed", "proposed"), ("allowed", "allowed"), ("permitted", "permitted")];

    public static int Run(DataCommandOptions options, TextWriter output, TextWriter error)
    {
        var ruleSet = options.LoadRules();
        var rules = ruleSet.Lifecycle;
        var access = options.AccessFor(ruleSet);
        using var source = options.Open(access.Schema(LifecycleFields));
        using var writer = access.Filter(options.CreateWriter(output, Columns, TableColumns));
        writer.Masker = access.Masker;
        var run = new RecordRun(error, "lifecycle", options.MaxErrors, access);
        FactValue[] slots = [];
        run.Run(source, writer, record =>
        {
            var machineName = record.Text(1);
            var stage = record.Text(2);
            var to = record.Text(3);
            var facts = ReadFacts(record);
            StateMachine? machine = null;
            if (machineName is null)
            {
                record.AddError("machine", "is required (e.g. funnel or lifecycle)");
            }
            else if ((machine = rules.Machine(machineName)) is null)
            {
                record.AddError("machine", $"{FieldText.Excerpt(machineName)} is not a machine (known: {string.Join(", ", rules.Machines.Keys)})");
            }

            if (stage is null)
            {
                record.AddError("stage", "is required");
            }
            else if (machine is not null && !machine.Stages.Contains(stage))
            {
                record.AddError("stage", $"{FieldText.Excerpt(stage)} is not a stage of '{machineName}' (stages: {string.Join(", ", machine.Stages)})");
            }

            if (!record.IsValid || machine is null || stage is null)
            {
                return false;
            }

            // The proposal, the stages open now and the blocked moves from the machine's fast path, the facts laid out
            // once for all three: nothing explained that is not printed. A requested move is decided and explained.
            var laidOut = LayOut(machine, facts, ref slots);
            var current = machine.Stage(stage);
            var verdict = machine.Propose(current, laidOut);
            var decision = to is null ? null : machine.Decide(stage, to, facts);
            var permitted = decision?.Permitted ?? machine.Permitted(current, laidOut);

            // Each failed guard names the move it blocks, so a reader knows what to change to move on.
            var failed = decision is not null ? decision.FailedGuards.Select(g => $"{stage} → {to}: {g}").ToArray() : machine.BlockedMoves(verdict, laidOut);
            writer.BeginRecord();
            WriteFields(writer, access, record.IdText, machineName!, stage, verdict.Proposed.Name, verdict.Fingerprint, failed, decision, permitted);
            writer.EndRecord();
            run.Wrote(verdict.ChangesStage ? "moves" : "stays");
            return true;
        });

        return run.Finish("proposals", ruleSet.Fingerprint);
    }

    // The facts laid out in a buffer the run reuses (records name different machines, so it grows to the largest).
    private static ReadOnlySpan<FactValue> LayOut(StateMachine machine, StageFacts facts, ref FactValue[] slots)
    {
        if (slots.Length < machine.Facts.Count)
        {
            slots = new FactValue[machine.Facts.Count];
        }

        var laidOut = slots.AsSpan(0, machine.Facts.Count);
        machine.LayOut(facts, laidOut);
        return laidOut;
    }

    /// <summary>A proposal's fields, as <c>lifecycle</c> prints them and <c>assess</c> nests them.</summary>
    internal static void WriteFields(ResultWriter writer, RecordAccess access, ReadOnlySpan<char> id, string machineName, string stage, string proposed, string fingerprint, IReadOnlyList<string> failed, TransitionDecision? decision, IReadOnlyList<string> permitted)
        => WriteFields(writer, access, id, machineName, stage, proposed, fingerprint, TextList.Of(failed), decision, permitted);

    /// <summary>An assessment's lifecycle section's fields, as <c>assess</c> nests them (CSV without a string per blocked move).</summary>
    internal static void WriteFields(ResultWriter writer, RecordAccess access, ReadOnlySpan<char> id, string machineName, Assessment.LifecycleSection section)
        => WriteFields(writer, access, id, machineName, section.Verdict.Stage.Name, section.Verdict.Proposed.Name, section.Verdict.Fingerprint, BlockedMoveList(section), null, section.Permitted);

    private static void WriteFields(ResultWriter writer, RecordAccess access, ReadOnlySpan<char> id, string machineName, string stage, string proposed, string fingerprint, in TextList failedGuards, TransitionDecision? decision, IReadOnlyList<string> permitted)
    {
        writer.Text("id", access.Echo(RecordSchema.IdField, id));
        writer.Text("machine", machineName);
        writer.Text("stage", stage);
        writer.Text("proposed", proposed);
        if (decision is not null)
        {
            writer.Boolean("allowed", decision.Allowed);
        }
        else
        {
            writer.Text("allowed", null);
        }

        writer.List("failedGuards", failedGuards);
        writer.List("permitted", permitted);
        writer.Text("reason", decision is { Allowed: false } ? $"{decision.Reason}{(decision.Moves.Count == 0 ? "" : $"; moves out of {stage}: {string.Join("; ", decision.Moves)}")}" : null);
        writer.Formatted("fingerprint", fingerprint);
    }

    // A section's blocked moves as a list: its strings, or appended joined without a string per move.
    internal static TextList BlockedMoveList(Assessment.LifecycleSection section) => new(
        section,
        static s => ((Assessment.LifecycleSection)s).BlockedMoves,
        static (text, s, separator) => ((Assessment.LifecycleSection)s).AppendBlockedMoves(text, separator));

    /// <summary>The fields of a stage history entry (slot 0 is id): what <c>funnel</c> and <c>report --histories</c> read.</summary>
    internal static readonly string[] FunnelFields = ["stage", "at", "reason"];

    // The funnel needs every history before it can count (LIFE-5): it holds one list of stage entries per id, and
    // nothing else of the input.
    public static int Funnel(DataCommandOptions options, string machineName, string? fromText, string? toText, TextWriter output, TextWriter error)
    {
        var ruleSet = options.LoadRules();
        var rules = ruleSet.Lifecycle;
        var machine = FunnelMachine(rules, machineName);
        var from = fromText is null ? Instant.MinValue : CalendarCommand.ParseInstant("--from", fromText);
        var to = toText is null ? Instant.MaxValue : CalendarCommand.ParseInstant("--to", toText);
        var access = options.AccessFor(ruleSet);
        using var source = options.Open(access.Schema(FunnelFields));
        var run = new RecordRun(error, "funnel", options.MaxErrors, access);
        using var writer = access.Filter(options.CreateWriter(output, ["measure", "subject", "value", "detail", "fingerprint"], [("measure", "measure"), ("subject", "subject"), ("value", "value"), ("detail", "detail")]));
        writer.Masker = access.Masker;
        var histories = ReadHistories(source, run, machine);

        // Results from part of the input would be wrong, not just fewer: after --max-errors stopped the reading, none.
        if (run.Stopped)
        {
            error.WriteLine("error: no funnel report written: the input was not read to the end");
            return run.Finish("entries", ruleSet.Fingerprint);
        }

        var report = rules.Funnel(machine, histories.Values, from, to);
        void Row(string measure, string subject, decimal value, string detail)
        {
            writer.BeginRecord();
            writer.Text("measure", measure);
            writer.Text("subject", subject);
            writer.Number("value", value);
            writer.Text("detail", detail);
            writer.Formatted("fingerprint", report.Fingerprint);
            writer.EndRecord();
        }

        foreach (var c in report.Conversions)
        {
            Row("conversion", $"{c.From} → {c.To}", decimal.Round(c.Rate, 4), $"{c.Converted} of {c.Entered}");
        }

        foreach (var m in report.MedianTimeInStage)
        {
            Row("medianTimeInStage", m.Key, decimal.Round((decimal)m.Value.TotalDays, 2), IsoDuration.Format(m.Value));
        }

        foreach (var o in report.Outcomes)
        {
            foreach (var r in o.Value)
            {
                Row("outcome", o.Key, r.Value, access.Echo("reason", r.Key)!);
            }
        }

        writer.Complete();
        return run.Finish("entries", ruleSet.Fingerprint, $"{histories.Count} histories");
    }

    /// <summary>The <c>--machine</c> of <c>funnel</c> and <c>report --histories</c>.</summary>
    /// <exception cref="InputException">No machine has that name.</exception>
    internal static StateMachine FunnelMachine(LifecycleRules rules, string machineName)
        => rules.Machine(machineName) ?? throw new InputException($"--machine: {FieldText.Excerpt(machineName)} is not a machine (known: {string.Join(", ", rules.Machines.Keys)})");

    /// <summary>
    /// Reads stage histories (<see cref="FunnelFields"/>) through <paramref name="run"/>'s per-record contract: one list
    /// of stage entries per id; a record with an unknown stage or no instant is reported and left out.
    /// </summary>
    internal static Dictionary<string, List<StageEntry>> ReadHistories(RecordSource source, RecordRun run, StateMachine machine)
    {
        var histories = new Dictionary<string, List<StageEntry>>(StringComparer.Ordinal);
        run.Run(source, null, record =>
        {
            var stage = record.Text(1);
            var at = record.Instant(2);
            var reason = record.Text(3);
            if (stage is null || !machine.Stages.Contains(stage))
            {
                record.AddError("stage", $"{FieldText.Excerpt(stage ?? "")} is not a stage of '{machine.Name}' (stages: {string.Join(", ", machine.Stages)})");
            }

            if (at is null && record.IsValid)
            {
                record.AddError("at", "is required: an ISO-8601 instant with an offset");
            }

            if (!record.IsValid)
            {
                return false;
            }

            var id = record.Id!;
            if (!histories.TryGetValue(id, out var history))
            {
                histories[id] = history = [];
            }

            history.Add(new StageEntry(stage!, at!.Value.ToInstant(), reason));
            run.Wrote(null);
            return true;
        });
        return histories;
    }

    // JSON: {"leadScore": 6, "needClear": true} — numbers as JSON numbers, flags as true/false; CSV:
    // "leadScore=6;needClear=true". A fact of any other kind is an error, never guessed.
    /// <summary>
    /// A record's stage facts: a JSON object, or <c>name=value;…</c> text. <paramref name="known"/> (the machine's fact
    /// names) lets a name be the rule set's own string rather than a new one per record; <paramref name="buffer"/> is a
    /// list the caller reuses record after record.
    /// </summary>
    internal static StageFacts ReadFacts(Record record, int slot = 4, string[]? known = null, List<KeyValuePair<string, FactValue>>? buffer = null)
    {
        var facts = buffer ?? [];
        facts.Clear();
        if (!record.HasValue(slot))
        {
            return StageFacts.From(facts);
        }

        if (record.KindOf(slot) == FieldKind.Structure)
        {
            using var document = JsonDocument.Parse(record.RawText(slot).ToString());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                record.AddError("facts", "is a JSON array; give an object of facts such as {\"leadScore\": 6, \"needClear\": true}");
                return StageFacts.From(facts);
            }

            foreach (var fact in document.RootElement.EnumerateObject())
            {
                var name = SafeText.Printable(fact.Name);
                switch (fact.Value.ValueKind)
                {
                    case JsonValueKind.True or JsonValueKind.False:
                        facts.Add(new(name, FactValue.FromBoolean(fact.Value.GetBoolean())));
                        break;
                    case JsonValueKind.Number when fact.Value.TryGetDecimal(out var number):
                        facts.Add(new(name, FactValue.FromNumber(number)));
                        break;
                    default:
                        record.AddError($"facts.{name}", $"is a JSON {fact.Value.ValueKind.ToString().ToLowerInvariant()}; give a number or true/false");
                        break;
                }
            }

            return StageFacts.From(facts);
        }

        // Read in place (spans, not split strings): only a fact's name becomes a string, when the machine has no such fact.
        if (!record.TryGetText(slot, out var raw))
        {
            return StageFacts.From(facts);
        }

        var text = SafeText.IsPrintable(raw) ? raw : SafeText.Printable(raw).AsSpan();
        foreach (var range in text.Split(';'))
        {
            var pair = text[range].Trim();
            if (pair.IsEmpty)
            {
                continue;
            }

            var equals = pair.IndexOf('=');
            if (equals < 0)
            {
                record.AddError("facts", $"{FieldText.Excerpt(pair.ToString())} is not name=value");
                continue;
            }

            var name = NameOf(pair[..equals].Trim(), known);
            var value = pair[(equals + 1)..].Trim();
            // true and false exactly, as FieldText reads a boolean (without the sentence it makes for a number it refuses).
            if (value is "true" or "false")
            {
                facts.Add(new(name, FactValue.FromBoolean(value is "true")));
            }
            else if (FieldText.TryParseDecimal(value, out var number, out _))
            {
                facts.Add(new(name, FactValue.FromNumber(number)));
            }
            else
            {
                record.AddError($"facts.{name}", $"{FieldText.Excerpt(value.ToString())} is neither a number nor true/false");
            }
        }

        return StageFacts.From(facts);
    }

    private static string NameOf(ReadOnlySpan<char> name, string[]? known)
    {
        foreach (var candidate in known ?? [])
        {
            if (name.SequenceEqual(candidate))
            {
                return candidate;
            }
        }

        return name.ToString();
    }
}
