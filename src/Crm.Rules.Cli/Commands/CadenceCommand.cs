using System.Globalization;
using Crm.Rules.Cadence;
using Crm.Rules.Cli.Input;
using Crm.Rules.Cli.Output;
using NodaTime;
using NodaTime.Text;

namespace Crm.Rules.Cli.Commands;

/// <summary><c>crm-rules cadence</c>: the next contact of every customer in a file.</summary>
internal static class CadenceCommand
{
    private static readonly string[] Known = ["grade", "lastContact", "leadLabel", "lifecycleStage", "channelPreference", "firstDeal", "lastSurvey", "birthday", "events", "unresolvedContacts"];

    public static int Run(FileInfo input, string asOfText, FileInfo? config, OutputFormat format, TextWriter output, TextWriter error)
    {
        var asOf = LocalDatePattern.Iso.Parse(asOfText) is { Success: true } parsed
            ? parsed.Value
            : throw new InputException($"--as-of: '{asOfText}' is not a date such as 2026-11-24");
        var rules = RuleSetLoader.Load(config).Cadence;
        var (columns, records) = RecordReader.Read(input.FullName);
        Records.RequireKnownColumns(input.FullName, columns, Known);
        var rows = new List<object?[]>();
        var failures = new List<string>();
        ProgressReporter.Run(error, records.Count, "Planning", step =>
        {
            foreach (var record in records)
            {
                step();
                try
                {
                    var plan = rules.Plan(ToCustomer(record), asOf);
                    var touches = string.Join("; ", plan.OtherTouches.Select(t => $"{t.Kind} {LocalDatePattern.Iso.Format(t.Due)}"));
                    rows.Add([record.Id, LocalDatePattern.Iso.Format(plan.NextDue), plan.OverdueDays, plan.OwnerRole, plan.Channel, plan.Reason, plan.Escalated, touches]);
                }
                catch (CrmInputException e)
                {
                    failures.Add($"{record.Where}, field '{e.Field}': {e.Problem}");
                }
                catch (FieldException e)
                {
                    failures.Add($"{record.Where}, field '{e.Field}': {e.Message}");
                }
            }
        });

        RowWriter.Write(["id", "nextDue", "overdueDays", "owner", "channel", "reason", "escalated", "otherTouches"], rows, format, output,
            $"{rows.Count} customers planned as of {LocalDatePattern.Iso.Format(asOf)}; rule set {rules.Fingerprint}");
        return Records.ReportFailures(failures, records.Count, rows.Count, "planned", error);
    }

    private static CadenceCustomer ToCustomer(InputRecord record)
    {
        string? Text(string name) => record.Fields.GetValueOrDefault(name);
        LocalDate? Date(string name) => Text(name) is { } text
            ? LocalDatePattern.Iso.Parse(text) is { Success: true } d ? d.Value : throw new FieldException(name, $"'{text}' is not a date such as 2026-11-24")
            : null;

        var unresolved = Text("unresolvedContacts") is { } n
            ? int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : throw new FieldException("unresolvedContacts", $"'{n}' is not a whole number")
            : 0;
        var last = Date("lastContact");
        return new CadenceCustomer(record.Id)
        {
            Grade = Text("grade"),
            LeadLabel = Text("leadLabel"),
            LifecycleStage = Text("lifecycleStage"),
            ChannelPreference = Text("channelPreference"),
            LastContact = last,
            FirstDeal = Date("firstDeal"),
            LastSurvey = Date("lastSurvey"),
            Birthday = Text("birthday") is { } b ? ParseBirthday(b) : null,
            Events = ParseEvents(Text("events")),

            // A file gives the streak of latest contacts with open to-dos; the planner only needs their number.
            Contacts = Enumerable.Range(0, unresolved).Select(i => new ContactRecord((last ?? LocalDate.MinIsoValue).PlusDays(-i), null, true)).ToList(),
        };
    }

    private static AnnualDate ParseBirthday(string text)
    {
        var parts = text.Split('-');
        return parts.Length >= 2
            && int.TryParse(parts[^2], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            && month is >= 1 and <= 12 && day >= 1 && day <= (month == 2 ? 29 : DateTime.DaysInMonth(2001, month))
            ? new AnnualDate(month, day)
            : throw new FieldException("birthday", $"'{text}' is not a birthday such as 1980-05-17 or 05-17");
    }

    // "complaint:2026-11-02;delivery:2026-10-20"
    private static List<CustomerEvent> ParseEvents(string? text)
    {
        var events = new List<CustomerEvent>();
        foreach (var item in (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = item.Split(':');
            if (parts.Length != 2 || LocalDatePattern.Iso.Parse(parts[1].Trim()) is not { Success: true } date)
            {
                throw new FieldException("events", $"'{item}' is not an event such as complaint:2026-11-02");
            }

            events.Add(new CustomerEvent(parts[0].Trim(), date.Value));
        }

        return events;
    }
}
