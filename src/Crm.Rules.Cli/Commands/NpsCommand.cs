using System.Globalization;
using Crm.Rules.Cli.Input;
using Crm.Rules.Cli.Output;

namespace Crm.Rules.Cli.Commands;

/// <summary>
/// <c>crm-rules nps</c>: an NPS report (SAT-2) from a CSV or JSON file with a <c>score</c> column (0..10), plus the
/// per-item averages and low items (SAT-1) when the file has survey item columns.
/// </summary>
internal static class NpsCommand
{
    public static int Run(FileInfo input, FileInfo? config, OutputFormat format, TextWriter output, TextWriter error)
    {
        var rules = RuleSetLoader.Load(config).Satisfaction;
        var (columns, records) = RecordReader.Read(input.FullName);
        var items = columns.Where(c => c != "score").ToList();
        Records.RequireKnownColumns(input.FullName, columns, ["score", .. rules.Items]);
        if (!columns.Contains("score"))
        {
            throw new InputException($"{input.FullName}: no 'score' column (the 0..10 answer to \"would you recommend us?\")");
        }

        var scores = new List<int>();
        var answers = new List<IReadOnlyDictionary<string, int>>();
        var failures = new List<string>();
        foreach (var record in records)
        {
            try
            {
                var score = Whole(record, "score", 0, 10);
                var itemAnswers = new Dictionary<string, int>();
                foreach (var item in items)
                {
                    if (record.Fields.GetValueOrDefault(item) is not null)
                    {
                        itemAnswers[item] = Whole(record, item, rules.ScaleMinimum, rules.ScaleMaximum);
                    }
                }

                scores.Add(score);
                answers.Add(itemAnswers);
            }
            catch (FieldException e)
            {
                failures.Add($"{record.Where}, field '{e.Field}': {e.Message}");
            }
        }

        var nps = rules.Nps(scores);
        var rows = new List<object?[]>
        {
            new object?[] { "nps", nps.Score, $"{nps.Promoters} promoters, {nps.Passives} passives, {nps.Detractors} detractors of {nps.Total}" },
        };
        if (items.Count > 0)
        {
            var survey = rules.Survey(answers);
            rows.Add(["overallAverage", survey.OverallAverage, $"mean of the item averages over {survey.Respondents} respondents"]);
            rows.AddRange(survey.Items.Where(i => i.Answers > 0).Select(i => new object?[]
            {
                i.Item, decimal.Round(i.Average, 4), $"{i.Group}; {i.Answers} answers{(i.IsLow ? "; LOW: below the overall average" : "")}",
            }));
        }

        RowWriter.Write(["measure", "value", "detail"], rows, format, output, $"rule set {rules.Fingerprint}");
        return Records.ReportFailures(failures, records.Count, scores.Count, "counted", error);
    }

    private static int Whole(InputRecord record, string field, int minimum, int maximum)
    {
        var text = record.Fields.GetValueOrDefault(field) ?? throw new FieldException(field, "is missing");
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum
            ? value
            : throw new FieldException(field, $"'{text}' is not a whole number from {minimum} to {maximum}");
    }
}
