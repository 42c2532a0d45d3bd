using Crm.Rules.CommandLine.Input;
using Crm.Rules.CommandLine.Output;
using Crm.Rules.CommandLine.Records;
using Crm.Rules.Data;

namespace Crm.Rules.CommandLine.Commands;

/// <summary>
/// <c>crm-rules nps</c>: an NPS report (SAT-2) from a <c>score</c> column (0..10), plus the per-item averages and low
/// items (SAT-1) when the input has survey item columns. The report needs every answer, so the reading streams but
/// keeps each respondent's scores (a few bytes each) until the end.
/// </summary>
internal static class NpsCommand
{
    private static readonly string[] Columns = ["measure", "value", "promoters", "passives", "detractors", "respondents", "group", "answers", "low", "fingerprint"];

    private static readonly (string, string)[] TableColumns =
        [("measure", "measure"), ("value", "value"), ("promoters", "promoters"), ("passives", "passives"), ("detractors", "detractors"), ("answers", "answers"), ("low", "low")];

    public static int Run(DataCommandOptions options, TextWriter output, TextWriter error)
    {
        var ruleSet = options.LoadRules();
        var rules = ruleSet.Satisfaction;
        var access = options.AccessFor(ruleSet);
        var schema = access.Schema(["score", .. rules.Items]);
        using var source = options.Open(schema);
        if (source.MissingColumns.Contains("score"))
        {
            throw new InputException($"{source.Name}: no 'score' column (the 0..10 answer to \"would you recommend us?\")");
        }

        var items = rules.Items.Where(i => !source.MissingColumns.Contains(i)).ToList();
        var scores = new List<int>();
        var answers = new List<IReadOnlyDictionary<string, int>>();
        var run = new RecordRun(error, "nps", options.MaxErrors, access);
        {
            run.Run(source, null, record =>
            {
                var score = record.WholeNumber(1, 0, 10);
                if (score is null && record.IsValid)
                {
                    record.AddError("score", "is missing");
                }

                var itemAnswers = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var slot = 2; slot < 2 + rules.Items.Count; slot++)
                {
                    if (record.WholeNumber(slot, rules.ScaleMinimum, rules.ScaleMaximum) is { } answer)
                    {
                        itemAnswers[schema.Fields[slot]] = answer;
                    }
                }

                if (!record.IsValid)
                {
                    return false;
                }

                scores.Add(score!.Value);
                answers.Add(itemAnswers);
                run.Wrote(null);
                return true;
            });
        }

        // Results from part of the input would be wrong, not just fewer: after --max-errors stopped the reading, none.
        if (run.Stopped)
        {
            error.WriteLine("error: no report written: the input was not read to the end");
            return run.Finish("answers", ruleSet.Fingerprint);
        }

        var nps = rules.Nps(scores);
        using var writer = access.Filter(options.CreateWriter(output, Columns, TableColumns));
        writer.BeginRecord();
        writer.Text("measure", "nps");
        writer.Number("value", nps.Score);
        writer.Integer("promoters", nps.Promoters);
        writer.Integer("passives", nps.Passives);
        writer.Integer("detractors", nps.Detractors);
        writer.Integer("respondents", nps.Total);
        writer.Formatted("fingerprint", nps.Fingerprint);
        writer.EndRecord();
        if (items.Count > 0)
        {
            var survey = rules.Survey(answers);
            writer.BeginRecord();
            writer.Text("measure", "overallAverage");
            writer.Number("value", survey.OverallAverage);
            writer.Integer("respondents", survey.Respondents);
            writer.Formatted("fingerprint", survey.Fingerprint);
            writer.EndRecord();
            foreach (var item in survey.Items.Where(i => i.Answers > 0))
            {
                writer.BeginRecord();
                writer.Text("measure", item.Item);
                writer.Number("value", decimal.Round(item.Average, 4));
                writer.Text("group", item.Group);
                writer.Integer("answers", item.Answers);
                writer.Boolean("low", item.IsLow);
                writer.Formatted("fingerprint", survey.Fingerprint);
                writer.EndRecord();
            }
        }

        writer.Complete();
        return run.Finish("answers", ruleSet.Fingerprint);
    }
}
