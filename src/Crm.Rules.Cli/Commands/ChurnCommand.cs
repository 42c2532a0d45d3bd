using Crm.Rules.Churn;
using Crm.Rules.Cli.Output;
using Crm.Rules.Cli.Records;
using Crm.Rules.Data;

namespace Crm.Rules.Cli.Commands;

/// <summary><c>crm-rules churn</c>: churn-risk scores from dimension scores or raw facts (CHURN-1 … CHURN-5), record by record.</summary>
internal static class ChurnCommand
{
    // Slots follow this order (slot 0 is id).
    private static readonly string[] Fields =
    [
        "behaviour", "attitude", "value", "asOf", "lastUse", "loginBased", "lastInteraction", "lastPurchase", "amountThisMonth", "amountLastMonth",
        "competitorInquiry", "keyContactLeft", "keyContactReplaced", "contactsPerMonthBefore", "contactsPerMonthNow", "negativeFeedback",
        "renewalRefused", "unresolvedComplaints", "grade", "previousTotal",
    ];

    private static readonly string[] Columns = ["id", "total", "band", "behaviour", "attitude", "value", "signals", "owner", "trend", "churnRiskTag", "fingerprint"];

    private static readonly (string, string)[] TableColumns =
        [("id", "id"), ("total", "total"), ("band", "band"), ("behaviour", "beh"), ("attitude", "att"), ("value", "val"), ("signals", "signals"), ("owner", "owner"), ("trend", "trend")];

    public static int Run(DataCommandOptions options, bool explain, TextWriter output, TextWriter error)
    {
        var ruleSet = RuleSetLoader.Load(options.Config);
        var rules = ruleSet.Churn;
        var access = options.AccessFor(ruleSet);
        using var source = Inputs.Open(options.Input, options.InputFormat, access.Schema(Fields));
        using var writer = access.Filter(ResultWriter.Create(options.Format, output, explain ? [.. Columns, "evidence"] : Columns, TableColumns));
        writer.Masker = access.Masker;
        var run = new RecordRun(error, "churn", options.MaxErrors, access);
        run.Run(source, writer, record =>
        {
            if (Assess(record, rules) is not { } a)
            {
                return false;
            }

            writer.BeginRecord();
            writer.Text("id", access.Echo(RecordSchema.IdField, record.Id));
            writer.Integer("total", a.Total);
            writer.Text("band", a.Band.Name);
            writer.Integer("behaviour", a.Dimensions[0].Score);
            writer.Integer("attitude", a.Dimensions[1].Score);
            writer.Integer("value", a.Dimensions[2].Score);
            writer.List("signals", a.FiredSignals.Select(s => ChurnWords.Of(s.Signal)).ToArray());
            writer.Text("owner", a.Playbook.OwnerRole);
            writer.Text("trend", a.Trend == ChurnTrend.Unknown ? null : a.Trend.ToString().ToLowerInvariant());
            writer.Boolean("churnRiskTag", a.ChurnRiskTag);
            writer.Formatted("fingerprint", a.Fingerprint);
            if (explain)
            {
                var evidence = a.FiredSignals.Select(s => $"{ChurnWords.Of(s.Signal)}: {s.Evidence}").ToArray();
                writer.Details("evidence", json =>
                {
                    json.WriteStartArray();
                    foreach (var line in evidence)
                    {
                        json.WriteStringValue(line);
                    }

                    json.WriteEndArray();
                }, () => string.Join("; ", evidence));
            }

            writer.EndRecord();
            run.Wrote(a.Band.Name);
            return true;
        });

        return run.Finish("bands", ruleSet.Fingerprint);
    }

    private static ChurnAssessment? Assess(Record record, ChurnRules rules)
    {
        var previous = record.WholeNumber(20, 3, 15);
        var behaviour = record.WholeNumber(1, 1, 5);
        var attitude = record.WholeNumber(2, 1, 5);
        var value = record.WholeNumber(3, 1, 5);
        if (behaviour is { } b && attitude is { } a && value is { } v)
        {
            return record.IsValid ? rules.Explain(b, a, v, previous) : null;
        }

        if (behaviour is not null || attitude is not null || value is not null)
        {
            record.AddError("behaviour", "give all three of behaviour, attitude and value, or the raw facts");
            return null;
        }

        var asOf = record.Date(4);
        if (asOf is null && record.IsValid)
        {
            record.AddError("asOf", "is required with raw facts (the date the facts describe)");
        }

        var facts = new ChurnFacts(asOf ?? default)
        {
            LastUse = record.Date(5),
            LoginBased = record.Boolean(6) ?? false,
            LastInteraction = record.Date(7),
            LastPurchase = record.Date(8),
            AmountThisMonth = record.Number(9),
            AmountLastMonth = record.Number(10),
            CompetitorInquiry = record.Boolean(11) ?? false,
            KeyContactLeft = record.Boolean(12) ?? false,
            KeyContactReplaced = record.Boolean(13) ?? false,
            ContactsPerMonthBefore = record.Number(14, 0m),
            ContactsPerMonthNow = record.Number(15, 0m),
            NegativeFeedback = record.Boolean(16) ?? false,
            RenewalRefused = record.Boolean(17) ?? false,
            UnresolvedComplaints = record.WholeNumber(18, 0, 10_000) ?? 0,
            ValueGrade = record.Text(19),
        };
        return record.IsValid ? rules.Explain(in facts, previous) : null;
    }
}
