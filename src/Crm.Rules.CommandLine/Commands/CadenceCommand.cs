using System.Globalization;
using System.Text;
using Crm.Rules.Cadence;
using Crm.Rules.CommandLine.Input;
using Crm.Rules.CommandLine.Records;
using Crm.Rules.Data;
using Crm.Rules.CommandLine.Output;
using NodaTime;
using NodaTime.Text;

namespace Crm.Rules.CommandLine.Commands;

/// <summary><c>crm-rules cadence</c>: the next contact of every customer in a file.</summary>
internal static class CadenceCommand
{
    // Slots follow this order (slot 0 is id).
    private static readonly string[] Fields = ["grade", "lastContact", "leadLabel", "lifecycleStage", "channelPreference", "firstDeal", "lastSurvey", "birthday", "events", "unresolvedContacts"];

    internal static readonly string[] Columns = ["id", "nextDue", "overdueDays", "owner", "channel", "reason", "escalated", "otherTouches", "fingerprint"];

    private static readonly (string, string)[] TableColumns =
        [("id", "id"), ("nextDue", "next due"), ("overdueDays", "overdue"), ("owner", "owner"), ("channel", "channel"), ("reason", "reason")];

    // More unresolved contacts than this is not a streak a planner needs to tell apart (escalation comes far sooner),
    // and building them would take the time of millions of records.
    internal const int MaximumUnresolvedContacts = 1_000;

    public static int Run(DataCommandOptions options, string asOfText, TextWriter output, TextWriter error)
    {
        var asOf = LocalDatePattern.Iso.Parse(asOfText) is { Success: true } parsed
            ? parsed.Value
            : throw new InputException($"--as-of: {FieldText.Excerpt(asOfText)} is not a date such as 2026-11-24");
        var ruleSet = options.LoadRules();
        var rules = ruleSet.Cadence;
        var access = options.AccessFor(ruleSet);
        var schema = access.Schema(Fields);
        var customerSlots = new CadenceSlots(schema, KnownTexts.Of(ruleSet));
        using var source = options.Open(schema);
        using var writer = access.Filter(options.CreateWriter(output, Columns, TableColumns));
        writer.Masker = access.Masker;
        var run = new RecordRun(error, "cadence", options.MaxErrors, access);
        run.Run(source, writer, record =>
        {
            if (customerSlots.Read(record, record.Id ?? "") is not { } customer)
            {
                return false;
            }

            var plan = rules.Plan(customer, asOf);
            writer.BeginRecord();
            WriteFields(writer, access, record.Id, plan);
            writer.EndRecord();
            run.Wrote(plan.OverdueDays > 0 ? "overdue" : "not yet due");
            return true;
        });

        return run.Finish("contacts", ruleSet.Fingerprint);
    }

    /// <summary>A planned contact's fields, as <c>cadence</c> prints them and <c>assess</c> nests them.</summary>
    internal static void WriteFields(ResultWriter writer, RecordAccess access, string? id, ContactPlan plan)
    {
        writer.Text("id", access.Echo(RecordSchema.IdField, id));
        writer.Date("nextDue", plan.NextDue);
        writer.Integer("overdueDays", plan.OverdueDays);
        writer.Text("owner", plan.OwnerRole);
        writer.Text("channel", plan.Channel);
        writer.Text("reason", plan.Reason);
        writer.Boolean("escalated", plan.Escalated);
        writer.List("otherTouches", OtherTouches(plan));
        writer.Formatted("fingerprint", plan.Fingerprint);
    }

    // The plan's other touches as a list: their texts, or appended joined without a string per touch.
    internal static TextList OtherTouches(ContactPlan plan) => new(
        plan.OtherTouches,
        static t => Touches((IReadOnlyList<DueTouch>)t),
        static (text, t, separator) => AppendTouches(text, (IReadOnlyList<DueTouch>)t, separator));

    private static string[] Touches(IReadOnlyList<DueTouch> touches)
    {
        if (touches.Count == 0)
        {
            return [];
        }

        var texts = new string[touches.Count];
        var text = new StringBuilder();
        for (var i = 0; i < texts.Length; i++)
        {
            texts[i] = AppendTouch(text.Clear(), touches[i]).ToString();
        }

        return texts;
    }

    // The touches' texts joined, appended without a string for each.
    private static void AppendTouches(StringBuilder text, IReadOnlyList<DueTouch> touches, string separator)
    {
        for (var i = 0; i < touches.Count; i++)
        {
            AppendTouch(i == 0 ? text : text.Append(separator), touches[i]);
        }
    }

    // "survey 2026-11-01": the one place a touch's text is written, for both.
    private static StringBuilder AppendTouch(StringBuilder text, DueTouch touch)
    {
        Span<char> date = stackalloc char[ResultWriter.DateCharacters];
        IsoDate.TryFormat(touch.Due, date, out var written);
        return text.Append(touch.Kind).Append(' ').Append(date[..written]);
    }

    /// <summary>Reads a birthday written <c>05-17</c> or <c>1980-05-17</c>; adds the record's error and returns <see langword="null"/> otherwise.</summary>
    internal static AnnualDate? ParseBirthday(Record record, string text)
    {
        // Exactly MM-dd (29 February allowed), or a real ISO date: "hello-02-29" or "1981-02-29" are not birthdays.
        // MM-dd is tried first: five characters are never an ISO date, and a failed ISO parse costs more than grading.
        if (text.Length == 5 && text[2] == '-')
        {
            return int.TryParse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
                && int.TryParse(text.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var day)
                && month is >= 1 and <= 12 && day >= 1 && day <= (month == 2 ? 29 : DateTime.DaysInMonth(2001, month))
                ? new AnnualDate(month, day)
                : NotABirthday(record, text);
        }

        return FieldText.TryParseDate(text, out var date, out _) ? new AnnualDate(date.Month, date.Day) : NotABirthday(record, text);
    }

    private static AnnualDate? NotABirthday(Record record, string text)
        => Invalid(record, "birthday", $"{FieldText.Excerpt(text)} is not a birthday such as 1980-05-17 or 05-17");

    // "complaint:2026-11-02;delivery:2026-10-20"
    private static AnnualDate? Invalid(Record record, string field, string sentence)
    {
        record.AddError(field, sentence);
        return null;
    }

    internal static IReadOnlyList<CustomerEvent> ParseEvents(Record record, string? text)
    {
        // Most customers have no events: nothing is made for them.
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var events = new List<CustomerEvent>();
        foreach (var item in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = item.Split(':');
            // The ISO date as every date field reads it (FieldText: the common form without NodaTime's parser).
            if (parts.Length != 2 || !FieldText.TryParseDate(parts[1].AsSpan().Trim(), out var date, out _))
            {
                record.AddError("events", $"{FieldText.Excerpt(item)} is not an event such as complaint:2026-11-02");
                continue;
            }

            events.Add(new CustomerEvent(parts[0].Trim(), date));
        }

        return events;
    }
}

/// <summary>
/// Where a customer's contact history (CAD-1 … CAD-9) sits in a schema, found by name once: <c>cadence</c> and
/// <c>assess</c> read it with this one reader. A schema without <c>grade</c> or <c>lifecycleStage</c> (assess: the
/// assessment supplies them) leaves them unset.
/// </summary>
/// <param name="schema">The schema the records are read with.</param>
/// <param name="known">The rule set's names, read as their own strings.</param>
internal sealed class CadenceSlots(RecordSchema schema, KnownTexts known)
{
    private readonly int _grade = schema.IndexOf("grade");
    private readonly int _lastContact = schema.IndexOf("lastContact");
    private readonly int _leadLabel = schema.IndexOf("leadLabel");
    private readonly int _lifecycleStage = schema.IndexOf("lifecycleStage");
    private readonly int _channelPreference = schema.IndexOf("channelPreference");
    private readonly int _firstDeal = schema.IndexOf("firstDeal");
    private readonly int _lastSurvey = schema.IndexOf("lastSurvey");
    private readonly int _birthday = schema.IndexOf("birthday");
    private readonly int _events = schema.IndexOf("events");
    private readonly int _unresolvedContacts = schema.IndexOf("unresolvedContacts");

    /// <summary>The customer of a record, or <see langword="null"/> after adding the record's errors.</summary>
    public CadenceCustomer? Read(Record record, string id)
    {
        var last = record.Date(_lastContact);
        var unresolved = record.WholeNumber(_unresolvedContacts, 0, CadenceCommand.MaximumUnresolvedContacts) ?? 0;
        if (unresolved > 0 && last is null && record.IsValid)
        {
            record.AddError("unresolvedContacts", "needs lastContact (the date of the latest of those contacts)");
        }

        var birthday = record.Text(_birthday) is { } b ? CadenceCommand.ParseBirthday(record, b) : null;
        var events = CadenceCommand.ParseEvents(record, record.Text(_events));
        var customer = new CadenceCustomer(id)
        {
            Grade = _grade < 0 ? null : known.Text(record, _grade),
            LeadLabel = known.Text(record, _leadLabel),
            LifecycleStage = _lifecycleStage < 0 ? null : known.Text(record, _lifecycleStage),
            ChannelPreference = known.Text(record, _channelPreference),
            LastContact = last,
            FirstDeal = record.Date(_firstDeal),
            LastSurvey = record.Date(_lastSurvey),
            Birthday = birthday,
            Events = events,

            // A file gives the streak of latest contacts with open to-dos; the planner only needs their number.
            Contacts = last is { } l && unresolved > 0 ? Streak(l, unresolved) : [],
        };
        return record.IsValid ? customer : null;
    }

    // The latest contacts, one a day back from the last, each with to-dos left open.
    private static ContactRecord[] Streak(LocalDate last, int count)
    {
        var contacts = new ContactRecord[count];
        for (var i = 0; i < count; i++)
        {
            contacts[i] = new ContactRecord(last.PlusDays(-i), null, true);
        }

        return contacts;
    }
}
