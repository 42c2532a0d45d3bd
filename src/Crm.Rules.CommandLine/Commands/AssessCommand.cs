using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Crm.Rules.Analytics;
using Crm.Rules.Assessment;
using Crm.Rules.Cadence;
using Crm.Rules.Churn;
using Crm.Rules.CommandLine.Input;
using Crm.Rules.CommandLine.Output;
using Crm.Rules.CommandLine.Records;
using Crm.Rules.CommandLine.Reporting;
using Crm.Rules.Data;
using Crm.Rules.Scoring;
using Crm.Rules.Sla;
using NodaTime;
using NodaTime.Text;

namespace Crm.Rules.CommandLine.Commands;

/// <summary>
/// <c>crm-rules assess</c>: every customer profile through every family in one pass (docs/assessment.md). Each section
/// is written by the family command's own writer, so it holds the fields that command prints for the same inputs.
/// </summary>
internal static class AssessCommand
{
    internal static readonly string[] ProfileFields = ["grade", "leadCriteria", "stage", "facts", "recencyDays", "purchases", "monetary", "loyaltyTier"];

    internal static readonly string[] ChurnFields =
    [
        "lastUse", "loginBased", "lastInteraction", "lastPurchase", "amountThisMonth", "amountLastMonth", "competitorInquiry", "keyContactLeft",
        "keyContactReplaced", "contactsPerMonthBefore", "contactsPerMonthNow", "negativeFeedback", "renewalRefused", "unresolvedComplaints", "valueGrade",
        "previousTotal", "pAlive",
    ];

    internal static readonly string[] CadenceFields = ["lastContact", "leadLabel", "channelPreference", "firstDeal", "lastSurvey", "birthday", "events", "unresolvedContacts"];

    private const decimal MaximumMonetary = 1_000_000_000_000_000m;
    private const int MonetaryPlaces = 4;

    private static readonly string[] GradeExtras = ["inEffect", "source", "approval", "proposed"];
    private static readonly string[] LeadColumns = ["id", "points", "label", "advances", "met", "fingerprint"];
    private static readonly string[] LifecycleExtras = ["strategy"];
    private static readonly string[] SlaColumns = ["responsePolicy", "responseTarget", "responseCalendar", "deadlines", "fingerprint"];
    private static readonly string[] AnalyticsColumns = ["recency", "frequency", "monetary", "r", "f", "m", "segment", "loyaltyTier", "fingerprint"];
    private static readonly string[] QualityColumns = ["idValid", "idProblem", "missingFields", "complete", "fingerprint"];

    private static readonly (string, string)[] TableColumns =
        [("id", "id"), ("grade.inEffect", "grade"), ("grade.approval", "approval"), ("churn.band", "churn"), ("cadence.nextDue", "next contact"), ("cadence.owner", "owner"), ("lifecycle.proposed", "stage"), ("sla.responsePolicy", "response")];

    /// <summary>The output columns: the top-level ones, then every section's as <c>section.field</c>.</summary>
    internal static string[] Columns(bool explain) =>
    [
        "id", "fingerprint", "missing", "conflicts",
        .. Section("grade", [.. GradeCommand.Columns, .. GradeExtras, .. explain ? ["contributions"] : Array.Empty<string>()]),
        .. Section("lead", LeadColumns),
        .. Section("churn", [.. ChurnCommand.Columns, .. explain ? ["evidence"] : Array.Empty<string>()]),
        .. Section("cadence", CadenceCommand.Columns),
        .. Section("lifecycle", [.. LifecycleCommand.Columns, .. LifecycleExtras]),
        .. Section("sla", SlaColumns),
        .. Section("analytics", AnalyticsColumns),
        .. Section("dataQuality", QualityColumns),
        .. explain ? ["links"] : Array.Empty<string>(),
    ];

    private static IEnumerable<string> Section(string name, IEnumerable<string> fields) => fields.Select(f => $"{name}.{f}");

    public static int Run(DataCommandOptions options, string asOfText, bool explain, bool summary, TextWriter output, TextWriter error)
    {
        // The portfolio is tallied only for --summary: without it, the tally would be made for nothing.
        var exit = Evaluate(options, asOfText, explain, output, error, writeResults: true, tallied: summary, out var portfolio, out var ruleSet);
        if (portfolio is not null)
        {
            // The charts go where a person reads: under the table, or on stderr beside JSON and CSV on stdout.
            TerminalSummary.Write(options.Format == OutputFormat.Table ? output : error, PortfolioReport.From(portfolio, ruleSet!));
        }

        return exit;
    }

    /// <summary>
    /// <c>crm-rules report</c>: the same pass, no per-customer output, the portfolio as one self-contained HTML file;
    /// with the funnel from <c>--histories</c> and SLA compliance from <c>--tickets</c> when given (<see cref="ReportInputs"/>).
    /// </summary>
    public static int Report(DataCommandOptions options, string asOfText, FileInfo target, ReportInputs inputs, bool summary, TextWriter output, TextWriter error)
    {
        inputs.Check(options);
        var exit = Evaluate(options, asOfText, explain: false, TextWriter.Null, error, writeResults: false, tallied: true, out var portfolio, out var ruleSet);
        if (portfolio is null)
        {
            return exit;
        }

        var attachments = inputs.Read(options, ruleSet!, error);
        var report = PortfolioReport.From(portfolio, ruleSet!, attachments);
        using (var file = new StreamWriter(target.FullName, append: false, new System.Text.UTF8Encoding(false)))
        {
            HtmlReport.Write(report, file);
        }

        output.WriteLine($"report: {target.FullName} ({portfolio.Customers:N0} customers{attachments.Counts}, rule set {portfolio.Fingerprint})");
        if (summary)
        {
            TerminalSummary.Write(output, report);
        }

        return Math.Max(exit, attachments.Exit);
    }

    private static int Evaluate(DataCommandOptions options, string asOfText, bool explain, TextWriter output, TextWriter error, bool writeResults, bool tallied, out PortfolioSummary? portfolio, out CrmRuleSet? loaded)
    {
        var ruleSet = options.LoadRules();
        loaded = ruleSet;
        var rules = ruleSet.Assessment;
        var asOf = ParseAsOf(asOfText, rules);
        var access = options.AccessFor(ruleSet);
        var slots = new ProfileSlots(ruleSet, access);
        var columns = Columns(explain);
        using var source = options.Open(slots.Schema);
        using var writer = writeResults ? access.Filter(options.CreateWriter(output, columns, TableColumns)) : null;
        writer?.Masker = access.Masker;
        var run = new RecordRun(error, "assess", options.MaxErrors, access);
        var signalNames = ruleSet.Churn.Signals.Select(ChurnWords.Of).ToArray();
        var assessors = new List<Assessor>();
        Assessor NewAssessor()
        {
            var assessor = new Assessor(ruleSet, asOf, explain, access, slots, signalNames, tallied);
            assessors.Add(assessor);
            return assessor;
        }

        var environment = options.Environment;
        if (options.WorkerThreads > 1 && environment.Capture is null && !access.HasViewer && (!writeResults || ResultWriter.RecordsStandAlone(options.Format)))
        {
            // Workers (this thread one of them) read, assess, format and tally whole batches and write them in input
            // order, with the counts and error reports of one thread: the same output (docs/assessment.md).
            run.RunInParallel<string>(
                source,
                writeResults ? output : null,
                writer,
                writeResults ? utf8 =>
                {
                    var records = ResultWriter.CreateRecordsOnly(options.Format, utf8, columns);
                    records.Masker = access.Masker;
                    return records;
                }
                : null,
                () => NewAssessor().Evaluate,
                outcome => outcome,
                options.WorkerThreads,
                environment.BatchSize,
                environment.TakeWarmUp());
        }
        else
        {
            var assessor = NewAssessor();
            run.Run(source, writer, record =>
            {
                if (!assessor.Evaluate(record, writer, out var outcome))
                {
                    return false;
                }

                run.Wrote(outcome);
                return true;
            });
        }

        // A stopped run has no summary; otherwise the tallies hold every record written (and one whose writing threw,
        // reported as failed: it is tallied before it is written, in both paths alike).
        portfolio = null;
        if (tallied && !run.Stopped)
        {
            var tally = new PortfolioTally(rules, asOf);
            foreach (var assessor in assessors)
            {
                tally.Merge(assessor.Tally!);
            }

            portfolio = tally.Summary();
        }

        return run.Finish("grades in effect", ruleSet.Fingerprint);
    }

    /// <summary>
    /// One record's assessment, its output and its part of the portfolio summary: one per worker (it keeps a buffer
    /// and a tally of its own; the tallies are merged at the end).
    /// </summary>
    private sealed class Assessor(CrmRuleSet ruleSet, Instant asOf, bool explain, RecordAccess access, ProfileSlots slots, string[] signalNames, bool tallied)
    {
        private readonly List<string> _fired = new(signalNames.Length);

        // A profile lives until its record is written and tallied: the next record's profile reuses its dictionaries.
        private readonly ScoredIndicatorDictionary _indicators = ruleSet.ValueGrading.CreateScoredIndicators();
        private readonly OrderedRow<string?> _keyFields = new(ruleSet.DataQuality.KeyFields);
        private readonly List<KeyValuePair<string, Lifecycle.FactValue>> _facts = [];

        /// <summary>This worker's part of the portfolio summary; <see langword="null"/> when the run makes no summary.</summary>
        public PortfolioTally? Tally { get; } = tallied ? new(ruleSet.Assessment, asOf) : null;

        /// <summary>Assesses and writes a record; its outcome is the grade in effect, the run's count per outcome.</summary>
        public bool Evaluate(Record record, ResultWriter? writer, out string outcome)
        {
            outcome = "";
            if (slots.Read(record, ruleSet, _indicators, _keyFields, _facts) is not { } profile)
            {
                return false;
            }

            // Evaluated before the record is begun: a rule that throws leaves no half-written result.
            var assessment = ruleSet.Assessment.Assess(profile, asOf, explain);
            if (assessment.Grade is { } g && profile.Indicators is not null && !g.Outcome.IsGraded)
            {
                // The grade command would refuse these indicators too: the same record error, not a silent "no grade".
                record.AddError(g.Outcome.ProblemIndicator?.Name, g.Outcome.ToString());
                return false;
            }

            // Tallied (for --summary and report) before it is written: a tally that cannot take it fails the record, not the
            // run — though the bounds on monetary keep every sum exact below 7.9 billion profiles (docs/assessment.md).
            Tally?.Add(assessment);
            if (writer is not null)
            {
                writer.BeginRecord();
                Write(writer, access, profile.Id, profile, assessment, ruleSet, signalNames, _fired, explain);
                writer.EndRecord();
            }

            outcome = assessment.Grade?.InEffect?.Name ?? "no grade";
            return true;
        }
    }

    /// <summary>A date (the start of that day in <c>assessment.timeZone</c>) or an instant with an offset.</summary>
    internal static Instant ParseAsOf(string text, AssessmentRules rules)
        => LocalDatePattern.Iso.Parse(text) is { Success: true } date
            ? rules.StartOf(date.Value)
            : OffsetDateTimePattern.ExtendedIso.Parse(text) is { Success: true } instant
                ? instant.Value.ToInstant()
                : throw new InputException($"--as-of: {FieldText.Excerpt(text)} is not a date such as 2026-11-24 or an instant such as 2026-11-24T09:00:00+08:00");

    private static void Write(ResultWriter writer, RecordAccess access, string? id, CustomerProfile profile, CustomerAssessment a, CrmRuleSet ruleSet, string[] signalNames, List<string> fired, bool explain)
    {
        writer.Text("id", access.Echo(RecordSchema.IdField, id));
        writer.Formatted("fingerprint", a.Fingerprint);
        writer.List("missing", MissingNames(a.Missing));
        writer.List("conflicts", a.Conflicts);
        if (a.Grade is { } grade)
        {
            writer.BeginSection("grade");
            if (grade.Outcome.IsGraded)
            {
                GradeCommand.WriteFields(writer, access, id, grade.Outcome, grade.Explanation);
            }
            else
            {
                writer.Text("id", access.Echo(RecordSchema.IdField, id));
            }

            writer.Text("inEffect", grade.InEffect?.Name);
            writer.Text("source", grade.Source switch
            {
                GradeSource.Computed => "computed",
                GradeSource.Given => "given",
                GradeSource.None => "none",
                _ => grade.Source.ToString().ToLowerInvariant(),
            });
            writer.Text("approval", grade.Approval.Status switch
            {
                GradeAssignmentStatus.PendingApproval => "pendingApproval",
                GradeAssignmentStatus.Approved => "approved",
                _ => "unassigned",
            });
            writer.Text("proposed", grade.Approval.ProposedGrade);
            writer.EndSection();
        }

        if (a.Lead is { } lead)
        {
            writer.BeginSection("lead");
            writer.Text("id", access.Echo(RecordSchema.IdField, id));
            writer.Number("points", lead.Points);
            writer.Text("label", lead.Label.Name);
            writer.Boolean("advances", lead.Advances);
            // The names in the worker's list (the churn section's signals reuse it after): no array per lead.
            fired.Clear();
            for (var i = 0; i < lead.Met.Count; i++)
            {
                fired.Add(lead.Met[i].Name);
            }

            writer.List("met", fired);
            writer.Formatted("fingerprint", lead.Fingerprint);
            writer.EndSection();
        }

        if (a.Churn is { } churn)
        {
            writer.BeginSection("churn");
            ChurnCommand.WriteFields(writer, access, id, ruleSet.Churn, churn.Explanation, churn.Outcome, profile.PreviousChurnTotal, churn.ChurnRiskTag, signalNames, fired);
            writer.EndSection();
        }

        if (a.Cadence is { } plan)
        {
            writer.BeginSection("cadence");
            CadenceCommand.WriteFields(writer, access, id, plan);
            writer.EndSection();
        }

        if (a.Lifecycle is { } lifecycle)
        {
            writer.BeginSection("lifecycle");
            LifecycleCommand.WriteFields(writer, access, id, ruleSet.Assessment.Machine.Name, lifecycle);
            writer.Text("strategy", lifecycle.Strategy);
            writer.EndSection();
        }

        if (a.Sla is { } sla)
        {
            writer.BeginSection("sla");
            writer.Text("responsePolicy", sla.Response?.Name);
            writer.Formatted("responseTarget", sla.Response is { } response ? TargetTexts.GetValue(response, TargetText) : null);
            writer.Text("responseCalendar", sla.Response?.Calendar.Name);
            writer.Details("deadlines", new DetailsPart(sla, static (json, s) => WriteDeadlines(json, (SlaSection)s), static s => DeadlinesText((SlaSection)s)));
            writer.Formatted("fingerprint", a.Fingerprint);
            writer.EndSection();
        }

        if (a.Analytics is { } analytics)
        {
            writer.BeginSection("analytics");
            AnalyticsCommands.WriteRfmFields(writer, analytics.Figures, analytics.Scores);
            writer.Text("segment", analytics.Segment);
            writer.Text("loyaltyTier", analytics.LoyaltyTier);
            writer.Formatted("fingerprint", a.Fingerprint);
            writer.EndSection();
        }

        if (a.DataQuality is { } quality)
        {
            writer.BeginSection("dataQuality");
            writer.Boolean("idValid", quality.Id.IsValid);
            writer.Text("idProblem", quality.Id.Problem);
            writer.List("missingFields", quality.Completeness.MissingFields);
            writer.Boolean("complete", quality.Completeness.IsComplete);
            writer.Formatted("fingerprint", quality.Completeness.Fingerprint);
            writer.EndSection();
        }

        if (explain)
        {
            writer.Sentences("links", a.Links);
        }
    }

    // The names of a set of missing sections, made once per set (there are 2^8): most records miss the same ones.
    private static readonly string[]?[] MissingSets = new string[1 << 8][];

    private static string[] MissingNames(IReadOnlyList<AssessmentSection> missing)
    {
        var set = 0;
        for (var i = 0; i < missing.Count; i++)
        {
            set |= 1 << (int)missing[i];
        }

        return MissingSets[set] ??= [.. missing.Select(PortfolioTally.SectionName)];
    }

    // A policy's target is the same text for every customer on it: made once per compiled policy.
    private static readonly ConditionalWeakTable<SlaPolicy, string?> TargetTexts = new();

    private static string? TargetText(SlaPolicy policy)
        => policy.Target is { } target ? IsoDuration.Format(target) : policy.WorkingDays is { } days ? $"{days} working days" : null;

    private static string Instant(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    // "churn-cause-analysis 2026-11-24T16:00:00Z; churn-executive-talk 2026-11-26T16:00:00Z". A band's deadlines are one
    // shared list for every customer of the band at one as-of instant (AssessmentRules): their text is made once per list,
    // and the CSV writer, given the same string, writes the cell it made of it before.
    private static string DeadlinesText(SlaSection sla)
        => sla.Deadlines.Count == 0 ? "" : DeadlineTexts.GetValue(sla.Deadlines, DeadlinesText);

    private static readonly ConditionalWeakTable<IReadOnlyList<SlaAssessment>, string> DeadlineTexts = new();

    private static string DeadlinesText(IReadOnlyList<SlaAssessment> deadlines)
    {
        var text = new StringBuilder();
        for (var i = 0; i < deadlines.Count; i++)
        {
            var deadline = deadlines[i];
            InstantPattern.ExtendedIso.AppendFormat(deadline.Deadline, (i == 0 ? text : text.Append("; ")).Append(deadline.Policy).Append(' '));
        }

        return text.ToString();
    }

    private static void WriteDeadlines(Utf8JsonWriter json, SlaSection sla)
    {
        json.WriteStartArray();
        foreach (var d in sla.Deadlines)
        {
            json.WriteStartObject();
            json.WriteString("policy", d.Policy);
            json.WriteString("deadline", Instant(d.Deadline));
            json.WriteString("status", d.Status.ToText());
            json.WriteString("remaining", IsoDuration.Format(d.Remaining));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>Where each profile field sits in the input schema, and how a record becomes a <see cref="CustomerProfile"/>.</summary>
    private sealed class ProfileSlots
    {
        private readonly int[] _indicators;

        // Whether each of those indicators takes a category label: read per record without a look at its options.
        private readonly bool[] _takesLabel;

        // The machine's fact names, as an array: a record's facts are named by them without an interface call per name.
        private readonly string[] _factNames;
        private readonly Dictionary<string, int> _slot;
        private readonly int[] _keyFields;
        private readonly int[] _churnFacts;
        private readonly int[] _cadenceFacts;
        private readonly int _grade, _leadCriteria, _previousTotal, _stage, _facts, _loyaltyTier, _recencyDays, _purchases, _monetary;
        private readonly IReadOnlyList<string> _keyFieldNames;
        private readonly ChurnFactSlots _churn;
        private readonly CadenceSlots _cadence;
        private readonly KnownTexts _known;

        public ProfileSlots(CrmRuleSet ruleSet, RecordAccess access)
        {
            var indicators = ruleSet.ValueGrading.Indicators.Select(i => i.Name).ToArray();
            var fields = new List<string>();
            foreach (var name in ProfileFields.Concat(ChurnFields).Concat(CadenceFields))
            {
                fields.Add(name);
            }

            foreach (var indicator in indicators)
            {
                // The transaction summary's figures may be indicators too (the Online Retail model grades on monetary
                // and recencyDays): one column feeds both. Any other shared name would be two meanings for one column.
                if (indicator is "recencyDays" or "monetary")
                {
                    continue;
                }

                if (fields.Contains(indicator, StringComparer.Ordinal))
                {
                    throw new InputException($"indicator '{indicator}' of valueGrading has the name of an assess column; rename the indicator to assess profiles (docs/assessment.md)");
                }

                fields.Add(indicator);
            }

            _keyFieldNames = ruleSet.DataQuality.KeyFields;
            fields.AddRange(_keyFieldNames.Where(k => !fields.Contains(k, StringComparer.Ordinal)));
            Schema = access.Schema(fields);
            _slot = fields.ToDictionary(f => f, f => Schema.IndexOf(f), StringComparer.Ordinal);
            _indicators = [.. indicators.Select(i => _slot[i])];
            _takesLabel = [.. ruleSet.ValueGrading.Indicators.Select(i => i.Scoring == IndicatorScoring.Categories)];
            _factNames = [.. ruleSet.Assessment.Machine.Facts];
            _keyFields = [.. _keyFieldNames.Select(k => _slot[k])];
            _known = KnownTexts.Of(ruleSet);
            _churn = new ChurnFactSlots(Schema, valueGradeField: "valueGrade", _known);
            _cadence = new CadenceSlots(Schema, _known);

            // Every slot is looked up once here, not by name per record.
            _churnFacts = [.. ChurnFields.Where(f => f is not "previousTotal").Select(S)];
            _cadenceFacts = [.. CadenceFields.Select(S)];
            (_grade, _leadCriteria, _previousTotal, _stage, _facts, _loyaltyTier) = (S("grade"), S("leadCriteria"), S("previousTotal"), S("stage"), S("facts"), S("loyaltyTier"));
            (_recencyDays, _purchases, _monetary) = (S("recencyDays"), S("purchases"), S("monetary"));
        }

        public RecordSchema Schema { get; }

        private int S(string name) => _slot[name];

        private static bool AnyValue(Record record, int[] slots)
        {
            foreach (var slot in slots)
            {
                if (record.HasValue(slot))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool AnyPresent(Record record, int[] slots)
        {
            foreach (var slot in slots)
            {
                if (record.KindOf(slot) != FieldKind.Absent)
                {
                    return true;
                }
            }

            return false;
        }

        public CustomerProfile? Read(Record record, CrmRuleSet ruleSet, ScoredIndicatorDictionary indicators, OrderedRow<string?> keyFields, List<KeyValuePair<string, Lifecycle.FactValue>> facts)
        {
            // Not record.Id, which keeps the string on the record: a parallel run's record copies live across many
            // collections, and every id kept there would be promoted with them.
            var id = record.IdText.ToString();
            var profile = new CustomerProfile(id)
            {
                Grade = _known.Text(record, _grade),
                Indicators = AnyValue(record, _indicators) ? ReadIndicators(record, indicators) : null,
                LeadCriteria = record.Text(_leadCriteria) is { } criteria ? criteria.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null,
                Churn = AnyValue(record, _churnFacts) ? _churn.Read(record, default) : null,
                PreviousChurnTotal = record.WholeNumber(_previousTotal, 3, 15),
                Cadence = AnyValue(record, _cadenceFacts) ? _cadence.Read(record, id) : null,
                Stage = _known.Text(record, _stage),
                StageFacts = record.HasValue(_facts) ? LifecycleCommand.ReadFacts(record, _facts, _factNames, facts) : null,
                Transactions = ReadTransactions(record, id),
                LoyaltyTier = _known.Text(record, _loyaltyTier),
                Fields = AnyPresent(record, _keyFields) ? ReadKeyFields(record, keyFields) : null,
            };
            return record.IsValid ? profile : null;
        }

        // Each value is scored as it is set: a refused one is this record's error, and the assessment grades the row
        // from the scores it kept.
        private ScoredIndicatorDictionary ReadIndicators(Record record, ScoredIndicatorDictionary values)
        {
            for (var i = 0; i < _indicators.Length; i++)
            {
                var slot = _indicators[i];
                var value = _takesLabel[i]
                    ? record.Text(slot) is { } label ? IndicatorValue.FromCategory(label) : IndicatorValue.Missing
                    : record.Number(slot) is { } number ? IndicatorValue.FromNumber(number) : IndicatorValue.Missing;
                if (!values.TrySet(i, value, out var problem))
                {
                    record.AddError(values.Rules.Indicators[i].Name, problem ?? "cannot be scored");
                }
            }

            return values;
        }

        private RfmFigures? ReadTransactions(Record record, string id)
        {
            var recency = record.WholeNumber(_recencyDays, 0, 1_000_000);
            var purchases = record.WholeNumber(_purchases, 0, int.MaxValue);
            // Bounded in size and in places so that the value per grade is an exact sum: amounts of at most a
            // quadrillion to ten-thousandths add without rounding in a decimal for fewer than 7.9 billion profiles, so
            // the tallies of any split over workers merge to what one thread adds, to the last digit (docs/assessment.md).
            var monetary = record.Number(_monetary, -MaximumMonetary, MaximumMonetary);
            if (monetary is { } amount && amount.Scale > MonetaryPlaces && decimal.Round(amount, MonetaryPlaces) != amount)
            {
                record.AddError("monetary", $"{FieldText.Excerpt(record.RawText(_monetary))} has more than {MonetaryPlaces} decimal places: give the amount to ten-thousandths at most");
                monetary = null;
            }
            if (recency is null && purchases is null && monetary is null)
            {
                return null;
            }

            if (recency is null || purchases is null || monetary is null)
            {
                var absent = new[] { ("recencyDays", recency is null), ("purchases", purchases is null), ("monetary", monetary is null) }.Where(x => x.Item2).Select(x => x.Item1);
                foreach (var field in absent)
                {
                    if (record.IsValid || !record.HasValue(S(field)))
                    {
                        record.AddError(field, "is needed with the other transaction-summary fields (recencyDays, purchases, monetary)");
                    }
                }

                return null;
            }

            return new RfmFigures(id, recency.Value, purchases.Value, monetary.Value);
        }

        // The completeness check asks only whether a key field is blank, so the personal text itself is neither made a
        // string nor kept: a field with printable text holds a marker, any other nothing (the field's errors as Text's).
        private const string Given = "(given)";

        private OrderedRow<string?> ReadKeyFields(Record record, OrderedRow<string?> fields)
        {
            for (var i = 0; i < _keyFields.Length; i++)
            {
                var slot = _keyFields[i];
                fields.Set(i, record.HasValue(slot) && record.TryGetText(slot, out var raw) && !IsBlank(raw) ? Given : null);
            }

            return fields;
        }

        // Blank as Text's string would be: nothing but white space once the unprintable characters are gone.
        private static bool IsBlank(ReadOnlySpan<char> raw)
            => SafeText.IsPrintable(raw) ? raw.IsWhiteSpace() : string.IsNullOrWhiteSpace(SafeText.Printable(raw));
    }
}
