using Crm.Rules.Churn;
using Crm.Rules.CommandLine.Output;
using Crm.Rules.CommandLine.Records;
using Crm.Rules.Data;
using NodaTime;

namespace Crm.Rules.CommandLine.Commands;

/// <summary><c>crm-rules churn</c>: churn-risk scores from dimension scores or raw facts (CHURN-1 … CHURN-5), record by record.</summary>
internal static class ChurnCommand
{
    // Slots follow this order (slot 0 is id).
    private static readonly string[] Fields =
    [
        "behaviour", "attitude", "value", "asOf", "lastUse", "loginBased", "lastInteraction", "lastPurchase", "amountThisMonth", "amountLastMonth",
        "competitorInquiry", "keyContactLeft", "keyContactReplaced", "contactsPerMonthBefore", "contactsPerMonthNow", "negativeFeedback",
        "renewalRefused", "unresolvedComplaints", "grade", "previousTotal", "pAlive",
    ];

    internal static readonly string[] Columns = ["id", "total", "band", "behaviour", "attitude", "value", "signals", "owner", "trend", "churnRiskTag", "fingerprint"];

    private static readonly (string, string)[] TableColumns =
        [("id", "id"), ("total", "total"), ("band", "band"), ("behaviour", "beh"), ("attitude", "att"), ("value", "val"), ("signals", "signals"), ("owner", "owner"), ("trend", "trend")];

    public static int Run(DataCommandOptions options, bool explain, TextWriter output, TextWriter error)
    {
        var ruleSet = options.LoadRules();
        var rules = ruleSet.Churn;
        var access = options.AccessFor(ruleSet);
        var schema = access.Schema(Fields);
        var factSlots = new ChurnFactSlots(schema, valueGradeField: "grade", KnownTexts.Of(ruleSet));
        using var source = options.Open(schema);
        using var writer = access.Filter(options.CreateWriter(output, explain ? [.. Columns, "evidence"] : Columns, TableColumns));
        writer.Masker = access.Masker;
        var run = new RecordRun(error, "churn", options.MaxErrors, access);
        // Without --explain the allocation-free score is enough: the band's playbook, the trend and the CHURN-5 tag
        // come from the same rules, and the fired signals from the outcome's bits.
        var signalNames = rules.Signals.Select(ChurnWords.Of).ToArray();
        var fired = new List<string>(signalNames.Length);
        run.Run(source, writer, record =>
        {
            if (Read(record, factSlots) is not { } input)
            {
                return false;
            }

            // Evaluated before the record is begun, as every command does: a rule that throws must leave no
            // half-written result behind for the loop to report the record.
            var assessment = explain ? (input.Given is { } given ? rules.Explain(given.Behaviour, given.Attitude, given.Value, input.Previous) : rules.Explain(input.Facts, input.Previous)) : null;
            var outcome = explain ? default : input.Given is { } g ? rules.Score(g.Behaviour, g.Attitude, g.Value) : rules.Score(input.Facts);
            var tag = !explain && input.Given is null && rules.HasChurnRiskTag(input.Facts);

            writer.BeginRecord();
            var band = WriteFields(writer, access, record.Id, rules, assessment, outcome, input.Previous, tag, signalNames, fired);
            writer.EndRecord();
            run.Wrote(band);
            return true;
        });

        return run.Finish("bands", ruleSet.Fingerprint);
    }

    /// <summary>A scored customer's fields, as <c>churn</c> prints them and <c>assess</c> nests them; returns the band.</summary>
    internal static string WriteFields(ResultWriter writer, RecordAccess access, string? id, ChurnRules rules, ChurnAssessment? assessment, ChurnOutcome outcome, int? previous, bool tag, string[] signalNames, List<string> fired)
    {
        writer.Text("id", access.Echo(RecordSchema.IdField, id));
        if (assessment is { } a)
        {
            WriteScores(writer, a.Total, a.Band.Name, a.Dimensions[0].Score, a.Dimensions[1].Score, a.Dimensions[2].Score);
            writer.List("signals", a.FiredSignals.Select(s => ChurnWords.Of(s.Signal)).ToArray());
            WriteOutcome(writer, a.Playbook.OwnerRole, a.Trend, a.ChurnRiskTag, a.Fingerprint);
            var evidence = a.FiredSignals.Select(s => $"{ChurnWords.Of(s.Signal)}: {s.Evidence}").ToArray();
            writer.Sentences("evidence", evidence);
            return a.Band.Name;
        }

        WriteScores(writer, outcome.Total, outcome.Band.Name, outcome.Behaviour, outcome.Attitude, outcome.Value);
        fired.Clear();
        for (var i = 0; i < signalNames.Length; i++)
        {
            if ((outcome.FiredSignals & (1u << i)) != 0)
            {
                fired.Add(signalNames[i]);
            }
        }

        writer.List("signals", fired);
        WriteOutcome(writer, rules.Bands[outcome.Band.Rank].OwnerRole, ChurnRules.Trend(outcome.Total, previous), tag, outcome.Fingerprint);
        return outcome.Band.Name;
    }

    private static void WriteScores(ResultWriter writer, int total, string band, int behaviour, int attitude, int value)
    {
        writer.Integer("total", total);
        writer.Text("band", band);
        writer.Integer("behaviour", behaviour);
        writer.Integer("attitude", attitude);
        writer.Integer("value", value);
    }

    private static void WriteOutcome(ResultWriter writer, string owner, ChurnTrend trend, bool churnRiskTag, string fingerprint)
    {
        writer.Text("owner", owner);
        writer.Text("trend", trend == ChurnTrend.Unknown ? null : ChurnWords.Of(trend));
        writer.Boolean("churnRiskTag", churnRiskTag);
        writer.Formatted("fingerprint", fingerprint);
    }

    // A record's input: the three dimension scores given directly, or the raw facts.
    private readonly record struct ChurnInput((int Behaviour, int Attitude, int Value)? Given, ChurnFacts Facts, int? Previous);

    private static ChurnInput? Read(Record record, ChurnFactSlots slots)
    {
        var previous = record.WholeNumber(20, 3, 15);
        var behaviour = record.WholeNumber(1, 1, 5);
        var attitude = record.WholeNumber(2, 1, 5);
        var value = record.WholeNumber(3, 1, 5);
        if (behaviour is { } b && attitude is { } a && value is { } v)
        {
            return record.IsValid ? new ChurnInput((b, a, v), default, previous) : null;
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

        var facts = slots.Read(record, asOf ?? default);
        return record.IsValid ? new ChurnInput(null, facts, previous) : null;
    }
}

/// <summary>
/// Where the raw churn facts (CHURN-1, CHURN-2) sit in a schema, found by name once: <c>churn</c> and <c>assess</c> read
/// them with this one reader, each from its own columns.
/// </summary>
/// <param name="schema">The schema the records are read with.</param>
/// <param name="valueGradeField">The field of the value grade: <c>grade</c> for <c>churn</c>, <c>valueGrade</c> for <c>assess</c> (whose <c>grade</c> is the customer's grade).</param>
/// <param name="known">The rule set's names, read as their own strings.</param>
internal sealed class ChurnFactSlots(RecordSchema schema, string valueGradeField, KnownTexts known)
{
    private readonly int _lastUse = schema.IndexOf("lastUse");
    private readonly int _loginBased = schema.IndexOf("loginBased");
    private readonly int _lastInteraction = schema.IndexOf("lastInteraction");
    private readonly int _lastPurchase = schema.IndexOf("lastPurchase");
    private readonly int _amountThisMonth = schema.IndexOf("amountThisMonth");
    private readonly int _amountLastMonth = schema.IndexOf("amountLastMonth");
    private readonly int _competitorInquiry = schema.IndexOf("competitorInquiry");
    private readonly int _keyContactLeft = schema.IndexOf("keyContactLeft");
    private readonly int _keyContactReplaced = schema.IndexOf("keyContactReplaced");
    private readonly int _contactsPerMonthBefore = schema.IndexOf("contactsPerMonthBefore");
    private readonly int _contactsPerMonthNow = schema.IndexOf("contactsPerMonthNow");
    private readonly int _negativeFeedback = schema.IndexOf("negativeFeedback");
    private readonly int _renewalRefused = schema.IndexOf("renewalRefused");
    private readonly int _unresolvedComplaints = schema.IndexOf("unresolvedComplaints");
    private readonly int _valueGrade = schema.IndexOf(valueGradeField);
    private readonly int _pAlive = schema.IndexOf("pAlive");

    /// <summary>The facts of a record as of <paramref name="asOf"/>; a bad value is the record's error.</summary>
    public ChurnFacts Read(Record record, LocalDate asOf) => new(asOf)
    {
        LastUse = record.Date(_lastUse),
        LoginBased = record.Boolean(_loginBased) ?? false,
        LastInteraction = record.Date(_lastInteraction),
        LastPurchase = record.Date(_lastPurchase),
        AmountThisMonth = record.Number(_amountThisMonth),
        AmountLastMonth = record.Number(_amountLastMonth),
        CompetitorInquiry = record.Boolean(_competitorInquiry) ?? false,
        KeyContactLeft = record.Boolean(_keyContactLeft) ?? false,
        KeyContactReplaced = record.Boolean(_keyContactReplaced) ?? false,
        ContactsPerMonthBefore = record.Number(_contactsPerMonthBefore, 0m),
        ContactsPerMonthNow = record.Number(_contactsPerMonthNow, 0m),
        NegativeFeedback = record.Boolean(_negativeFeedback) ?? false,
        RenewalRefused = record.Boolean(_renewalRefused) ?? false,
        UnresolvedComplaints = record.WholeNumber(_unresolvedComplaints, 0, 10_000) ?? 0,
        ValueGrade = known.Text(record, _valueGrade),
        ProbabilityAlive = record.Number(_pAlive, 0m, 1m),
    };
}
