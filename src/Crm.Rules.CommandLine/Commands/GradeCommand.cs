using Crm.Rules.CommandLine.Input;
using Crm.Rules.CommandLine.Output;
using Crm.Rules.CommandLine.Records;
using Crm.Rules.Data;
using Crm.Rules.Scoring;

namespace Crm.Rules.CommandLine.Commands;

/// <summary><c>crm-rules grade</c>: grades every customer of a CSV, JSON or JSON Lines input, record by record.</summary>
internal static class GradeCommand
{
    internal static readonly string[] Columns = ["id", "total", "grade", "status", "ownerRole", "nextGrade", "totalToNextGrade", "fingerprint"];

    // The fingerprint is printed once, in the summary, so that a row fits 80 columns.
    private static readonly (string, string)[] TableColumns = [("id", "id"), ("total", "total"), ("grade", "grade"), ("status", "status"), ("ownerRole", "owner"), ("nextGrade", "next"), ("totalToNextGrade", "needs +")];

    public static int Run(DataCommandOptions options, bool explain, TextWriter output, TextWriter error)
    {
        var ruleSet = options.LoadRules();
        var rules = ruleSet.ValueGrading;
        var access = options.AccessFor(ruleSet);
        var schema = access.Schema(rules.Indicators.Select(i => i.Name));
        using var source = options.Open(schema);
        CheckColumns(source, rules, access);

        using var writer = access.Filter(options.CreateWriter(output, explain ? [.. Columns, "contributions"] : Columns, TableColumns));
        writer.Masker = access.Masker;
        var run = new RecordRun(error, "grade", options.MaxErrors, access);
        var scores = new byte[rules.Indicators.Count];
        run.Run(source, writer, record =>
        {
            ReadScores(record, rules, scores);
            if (!record.IsValid)
            {
                return false;
            }

            var outcome = rules.Grade(scores);
            if (!outcome.IsGraded)
            {
                Describe(record, rules, outcome, scores);
                return false;
            }

            Write(writer, access, record.IdText, outcome, explain ? rules.Explain(scores) : null);
            run.Wrote(outcome.Grade!.Name);
            return true;
        });

        return run.Finish("grades", ruleSet.Fingerprint);
    }

    // A column that is absent for every record is a file-level problem only when the policy cannot grade without it.
    private static void CheckColumns(RecordSource source, ValueGradingRules rules, RecordAccess access)
    {
        // The owner and team columns (DATA-4) and the personal fields (DATA-3) are optional: no rule needs them.
        var absent = source.MissingColumns.Where(c => !access.IsOptionalColumn(c)).ToList();
        if (absent.Count > 0 && rules.MissingValues == MissingIndicatorPolicy.Reject)
        {
            throw new InputException(
                $"{source.Name}: no column for indicator{(absent.Count == 1 ? "" : "s")} {string.Join(", ", absent.Select(c => $"'{c}'"))}; the configured policy rejects customers with missing indicators");
        }
    }

    // Scores go straight to the byte kernel (0 = missing): a directly scored indicator is read as a whole number in
    // its score range; a banded or categorised one is read as a number or a label and scored by its indicator.
    private static void ReadScores(Record record, ValueGradingRules rules, byte[] scores)
    {
        for (var i = 0; i < scores.Length; i++)
        {
            var slot = i + 1;
            var indicator = rules.Indicators[i];
            scores[i] = 0;
            if (indicator.Scoring == IndicatorScoring.Direct)
            {
                scores[i] = record.WholeNumber(slot, indicator.MinimumScore, indicator.MaximumScore) is { } direct ? (byte)direct : (byte)0;
                continue;
            }

            var value = indicator.Scoring == IndicatorScoring.Categories
                ? record.Text(slot) is { } label ? IndicatorValue.FromCategory(label) : IndicatorValue.Missing
                : record.Number(slot) is { } number ? IndicatorValue.FromNumber(number) : IndicatorValue.Missing;
            if (value.IsMissing)
            {
                continue;
            }

            if (indicator.TryScore(value, out var score, out var problem))
            {
                scores[i] = (byte)score;
            }
            else
            {
                record.AddError(indicator.Name, problem ?? "cannot be scored");
            }
        }
    }

    private static void Describe(Record record, ValueGradingRules rules, GradeOutcome outcome, byte[] scores)
    {
        var missing = rules.Indicators.Where(i => scores[i.Index] == 0).Select(i => i.Name).ToList();
        if (missing.Count > 0)
        {
            foreach (var name in missing)
            {
                record.AddError(name, $"missing; the configured policy ({rules.MissingValues.ToString().ToLowerInvariant()}) does not grade customers with missing indicators");
            }
        }
        else
        {
            record.AddError(outcome.ProblemIndicator?.Name, outcome.ToString());
        }
    }

    private static void Write(ResultWriter writer, RecordAccess access, ReadOnlySpan<char> id, GradeOutcome outcome, GradeExplanation? explanation)
    {
        writer.BeginRecord();
        WriteFields(writer, access, id, outcome, explanation);
        writer.EndRecord();
    }

    /// <summary>A graded customer's fields, as <c>grade</c> prints them and <c>assess</c> nests them.</summary>
    internal static void WriteFields(ResultWriter writer, RecordAccess access, ReadOnlySpan<char> id, GradeOutcome outcome, GradeExplanation? explanation)
    {
        var grade = outcome.Grade!;
        writer.Text("id", access.Echo(RecordSchema.IdField, id));
        writer.Number("total", outcome.Total);
        writer.Text("grade", grade.Name);
        writer.Text("status", outcome.Status == GradeStatus.GradedWithRenormalizedWeights ? "renormalized" : "graded");
        writer.Text("ownerRole", grade.Treatment.OwnerRole);
        writer.Text("nextGrade", outcome.NextGrade?.Name);
        writer.Number("totalToNextGrade", outcome.TotalToNextGrade);
        writer.Formatted("fingerprint", outcome.Fingerprint);
        if (explanation is not null)
        {
            WriteExplanation(writer, access, explanation);
        }
    }

    // Apart, so that the closure over the explanation is made only when there is one, not on every call.
    private static void WriteExplanation(ResultWriter writer, RecordAccess access, GradeExplanation explanation)
        => writer.Details("contributions", json => WriteContributions(json, explanation, access), () => Describe(explanation));

    private static string Describe(GradeExplanation e) =>
        string.Join("; ", e.Contributions.Select(c => $"{c.Indicator} {c.Score?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}×{ResultWriter.Format(c.EffectiveWeight)}={ResultWriter.Format(c.Contribution)}"))
        + (e.RaisesToNextGrade.Count > 0 ? "; raises to next grade: " + string.Join(", ", e.RaisesToNextGrade.Select(r => $"{r.Indicator} {r.FromScore}→{r.ToScore}")) : "");

    private static void WriteContributions(System.Text.Json.Utf8JsonWriter json, GradeExplanation e, RecordAccess access)
    {
        json.WriteStartArray();
        foreach (var c in e.Contributions)
        {
            json.WriteStartObject();
            json.WriteString("indicator", c.Indicator);
            // The raw value is input: an indicator may be a personal field, and the writer does not scan nested JSON.
            var raw = access.Echo(c.Indicator, c.RawValue.ToString())!;
            json.WriteString("raw", access.Masker?.Mask(raw) ?? raw);
            if (c.Score is { } score)
            {
                json.WriteNumber("score", score);
            }
            else
            {
                json.WriteNull("score");
            }

            json.WriteNumber("weight", c.EffectiveWeight);
            json.WriteNumber("contribution", c.Contribution);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WritePropertyName("raisesToNextGrade");
        json.WriteStartArray();
        foreach (var raise in e.RaisesToNextGrade)
        {
            json.WriteStartObject();
            json.WriteString("indicator", raise.Indicator);
            json.WriteNumber("from", raise.FromScore);
            json.WriteNumber("to", raise.ToScore);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
