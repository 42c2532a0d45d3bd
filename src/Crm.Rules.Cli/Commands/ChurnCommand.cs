using System.Globalization;
using Crm.Rules.Churn;
using Crm.Rules.Cli.Input;
using Crm.Rules.Cli.Output;
using NodaTime;
using NodaTime.Text;

namespace Crm.Rules.Cli.Commands;

/// <summary><c>crm-rules churn</c>: churn-risk scores from dimension scores or raw facts (CHURN-1 … CHURN-5).</summary>
internal static class ChurnCommand
{
    private static readonly string[] Known =
    [
        "behaviour", "attitude", "value", "asOf", "lastUse", "loginBased", "lastInteraction", "lastPurchase", "amountThisMonth", "amountLastMonth",
        "competitorInquiry", "keyContactLeft", "keyContactReplaced", "contactsPerMonthBefore", "contactsPerMonthNow", "negativeFeedback",
        "renewalRefused", "unresolvedComplaints", "grade", "previousTotal",
    ];

    public static int Run(FileInfo input, FileInfo? config, OutputFormat format, bool explain, TextWriter output, TextWriter error)
    {
        var rules = RuleSetLoader.Load(config).Churn;
        var (columns, records) = RecordReader.Read(input.FullName);
        Records.RequireKnownColumns(input.FullName, columns, Known);
        var rows = new List<object?[]>();
        var failures = new List<string>();
        ProgressReporter.Run(error, records.Count, "Scoring", step =>
        {
            foreach (var record in records)
            {
                step();
                try
                {
                    var a = Assess(record, rules);
                    var signals = explain
                        ? string.Join("; ", a.FiredSignals.Select(s => $"{ChurnWords.Of(s.Signal)}: {s.Evidence}"))
                        : string.Join(", ", a.FiredSignals.Select(s => ChurnWords.Of(s.Signal)));
                    rows.Add([record.Id, a.Total, a.Band.Name, a.Dimensions[0].Score, a.Dimensions[1].Score, a.Dimensions[2].Score, signals, a.Playbook.OwnerRole,
                        a.Trend == ChurnTrend.Unknown ? null : a.Trend.ToString().ToLowerInvariant(), a.ChurnRiskTag]);
                }
                catch (FieldException e)
                {
                    failures.Add($"{record.Where}, field '{e.Field}': {e.Message}");
                }
            }
        });

        RowWriter.Write(["id", "total", "band", "behaviour", "attitude", "value", "signals", "owner", "trend", "churnRiskTag"], rows, format, output,
            $"{rows.Count} customers scored; rule set {rules.Fingerprint}");
        return Records.ReportFailures(failures, records.Count, rows.Count, "scored", error);
    }

    private static ChurnAssessment Assess(InputRecord record, ChurnRules rules)
    {
        string? Text(string name) => record.Fields.GetValueOrDefault(name);
        int? Whole(string name, int min, int max) => Text(name) is { } t
            ? int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n : throw new FieldException(name, $"'{t}' is not a whole number from {min} to {max}")
            : null;
        decimal? Number(string name) => Text(name) is { } t
            ? decimal.TryParse(t, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : throw new FieldException(name, $"'{t}' is not a number")
            : null;
        bool Flag(string name) => Text(name) switch
        {
            null => false,
            var t when bool.TryParse(t, out var b) => b,
            "1" or "yes" => true,
            "0" or "no" => false,
            var t => throw new FieldException(name, $"'{t}' is not true or false"),
        };
        LocalDate? Date(string name) => Text(name) is { } t
            ? LocalDatePattern.Iso.Parse(t) is { Success: true } d ? d.Value : throw new FieldException(name, $"'{t}' is not a date such as 2026-11-24")
            : null;

        var previous = Whole("previousTotal", 3, 15);
        var direct = (Whole("behaviour", 1, 5), Whole("attitude", 1, 5), Whole("value", 1, 5));
        if (direct is ({ } b, { } a, { } v))
        {
            return rules.Explain(b, a, v, previous);
        }

        if (direct.Item1 is not null || direct.Item2 is not null || direct.Item3 is not null)
        {
            throw new FieldException("behaviour", "give all three of behaviour, attitude and value, or the raw facts");
        }

        var facts = new ChurnFacts(Date("asOf") ?? throw new FieldException("asOf", "is required with raw facts (the date the facts describe)"))
        {
            LastUse = Date("lastUse"),
            LoginBased = Flag("loginBased"),
            LastInteraction = Date("lastInteraction"),
            LastPurchase = Date("lastPurchase"),
            AmountThisMonth = Number("amountThisMonth"),
            AmountLastMonth = Number("amountLastMonth"),
            CompetitorInquiry = Flag("competitorInquiry"),
            KeyContactLeft = Flag("keyContactLeft"),
            KeyContactReplaced = Flag("keyContactReplaced"),
            ContactsPerMonthBefore = Number("contactsPerMonthBefore"),
            ContactsPerMonthNow = Number("contactsPerMonthNow"),
            NegativeFeedback = Flag("negativeFeedback"),
            RenewalRefused = Flag("renewalRefused"),
            UnresolvedComplaints = Whole("unresolvedComplaints", 0, 10_000) ?? 0,
            ValueGrade = Text("grade"),
        };
        return rules.Explain(in facts, previous);
    }
}
