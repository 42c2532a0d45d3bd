using System.Text.Json;
using Crm.Rules.CommandLine.Records;
using Crm.Rules.Data;
using Crm.Rules.CommandLine.Output;
using Crm.Rules.Sla;
using NodaTime;
using NodaTime.Text;

namespace Crm.Rules.CommandLine.Commands;

/// <summary><c>crm-rules sla</c>: evaluates the SLA clock of every ticket in a CSV or JSON file.</summary>
internal static class SlaCommand
{
    // Slots follow this order (slot 0 is id). Read by `sla` and `report --tickets`.
    internal static readonly string[] Fields = ["policy", "grade", "kind", "priority", "start", "pauses", "stop", "asOf"];

    private static readonly string[] Columns = ["id", "policy", "deadline", "status", "remaining", "elapsed", "breachedAt", "fingerprint"];

    private static readonly (string, string)[] TableColumns =
        [("id", "id"), ("policy", "policy"), ("deadline", "deadline"), ("status", "status"), ("remaining", "remaining")];

    public static int Run(DataCommandOptions options, TextWriter output, TextWriter error)
    {
        var ruleSet = options.LoadRules();
        var rules = ruleSet.Sla;
        var access = options.AccessFor(ruleSet);
        using var source = options.Open(access.Schema(Fields));
        using var writer = access.Filter(options.CreateWriter(output, Columns, TableColumns));
        writer.Masker = access.Masker;
        var run = new RecordRun(error, "sla", options.MaxErrors, access);
        run.Run(source, writer, record =>
        {
            if (Evaluate(record, rules) is not var (assessment, zone))
            {
                return false;
            }

            writer.BeginRecord();
            writer.Text("id", access.Echo(RecordSchema.IdField, record.Id));
            writer.Text("policy", assessment.Policy);
            writer.Formatted("deadline", Format(assessment.Deadline, zone));
            writer.Text("status", assessment.Status.ToText());
            writer.Formatted("remaining", IsoDuration.Format(assessment.Remaining));
            writer.Formatted("elapsed", IsoDuration.Format(assessment.Elapsed));
            writer.Formatted("breachedAt", assessment.BreachedAt is { } breached ? Format(breached, zone) : null);
            writer.Formatted("fingerprint", assessment.Fingerprint);
            writer.EndRecord();
            run.Wrote(assessment.Status.ToText());
            return true;
        });

        return run.Finish("statuses", ruleSet.Fingerprint);
    }

    // Every instant of a ticket prints in the offset its start was given in, whatever the calendar: a 24x7 ticket
    // opened at +08:00 gets a +08:00 deadline, not a UTC one beside its neighbours'.
    internal static string Format(Instant instant, Offset zone) => OffsetDateTimePattern.Rfc3339.Format(instant.WithOffset(zone)).Replace("Z", "+00:00", StringComparison.Ordinal);

    /// <summary>A ticket (<see cref="Fields"/>) evaluated at its own <c>asOf</c>, with the offset its start was given in; <see langword="null"/> after adding the record's errors.</summary>
    internal static (SlaAssessment, Offset)? Evaluate(Record record, SlaRules rules)
    {
        var policyName = record.Text(1);
        var grade = record.Text(2);
        var kind = record.Text(3);
        var priority = record.Text(4);
        var start = record.Instant(5);
        var pauses = ReadPauses(record);
        var stop = record.Instant(7);
        var asOf = record.Instant(8);
        if (start is null && record.IsValid)
        {
            record.AddError("start", "is required: an ISO-8601 instant such as 2026-03-06T17:30:00+08:00");
        }

        if (asOf is null && record.IsValid)
        {
            record.AddError("asOf", "is required: an ISO-8601 instant such as 2026-03-06T17:30:00+08:00");
        }

        SlaPolicy? policy = null;
        if (policyName is not null)
        {
            policy = rules.FindPolicy(policyName);
            if (policy is null)
            {
                record.AddError("policy", $"{FieldText.Excerpt(policyName)} is not a policy (known: {string.Join(", ", rules.Policies.Select(p => p.Name))})");
            }
        }
        else if (record.IsValid)
        {
            policy = rules.Select(grade, kind, priority);
            if (policy is null)
            {
                record.AddError("kind", $"no policy matches grade {FieldText.Excerpt(grade ?? "")}, kind {FieldText.Excerpt(kind ?? "")}, priority {FieldText.Excerpt(priority ?? "")}");
            }
        }

        if (!record.IsValid || policy is null || start is not { } s || asOf is not { } a)
        {
            return null;
        }

        var clock = SlaClock.Create(policy, s.ToInstant(), pauses, stop?.ToInstant());
        return (rules.Evaluate(clock, a.ToInstant()), s.Offset);
    }

    // JSON: [{"from": "…", "to": "…"}], each instant a string ("to" left out for an open pause); CSV: "from/to;from/to"
    // (an open pause has no "/to"). Anything else — a number, a null "to", an unknown member — is an error, never
    // read as an open pause.
    private static List<SlaPause> ReadPauses(Record record)
    {
        var pauses = new List<SlaPause>();
        const int Slot = 6;
        if (!record.HasValue(Slot))
        {
            return pauses;
        }

        if (record.KindOf(Slot) == FieldKind.Structure)
        {
            ReadJsonPauses(record, record.RawText(Slot).ToString(), pauses);
            return pauses;
        }

        if (record.Text(Slot) is not { } text)
        {
            return pauses;
        }

        var parts = text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var ends = parts[i].Split('/');
            var from = Instant(record, $"pauses[{i}].from", ends[0]);
            var to = ends.Length > 1 ? Instant(record, $"pauses[{i}].to", ends[1]) : null;
            if (ends.Length > 2)
            {
                record.AddError($"pauses[{i}]", $"{FieldText.Excerpt(parts[i])} is not a pause such as 2026-03-06T18:00:00+08:00/2026-03-07T09:00:00+08:00");
            }

            if (from is { } f)
            {
                pauses.Add(new SlaPause(f, to));
            }
        }

        return pauses;
    }

    private static void ReadJsonPauses(Record record, string json, List<SlaPause> pauses)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            record.AddError("pauses", "is a JSON object; give an array of {\"from\": …, \"to\": …} objects");
            return;
        }

        var i = 0;
        foreach (var pause in document.RootElement.EnumerateArray())
        {
            var at = $"pauses[{i++}]";
            if (pause.ValueKind != JsonValueKind.Object)
            {
                record.AddError(at, "is not an object {\"from\": …, \"to\": …}");
                continue;
            }

            Instant? from = null, to = null;
            foreach (var member in pause.EnumerateObject())
            {
                if (member.Name is not ("from" or "to"))
                {
                    record.AddError($"{at}.{SafeText.Printable(member.Name)}", "is not a member of a pause (from, to)");
                }
                else if (member.Value.ValueKind != JsonValueKind.String)
                {
                    record.AddError($"{at}.{member.Name}", $"is a JSON {member.Value.ValueKind.ToString().ToLowerInvariant()}; give an instant string such as \"2026-03-06T18:00:00+08:00\"");
                }
                else if (member.Name == "from")
                {
                    from = Instant(record, $"{at}.from", member.Value.GetString()!);
                }
                else
                {
                    to = Instant(record, $"{at}.to", member.Value.GetString()!);
                }
            }

            if (from is { } f)
            {
                pauses.Add(new SlaPause(f, to));
            }
            else if (!pause.TryGetProperty("from", out _))
            {
                record.AddError($"{at}.from", "is required");
            }
        }
    }

    private static Instant? Instant(Record record, string field, string text)
    {
        if (FieldText.TryParseInstant(text, out var value, out var problem))
        {
            return value.ToInstant();
        }

        record.AddError(field, problem);
        return null;
    }
}
