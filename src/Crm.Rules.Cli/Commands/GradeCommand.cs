using System.Globalization;
using Crm.Rules.Cli.Input;
using Crm.Rules.Cli.Output;
using Crm.Rules.Scoring;

namespace Crm.Rules.Cli.Commands;

/// <summary><c>crm-rules grade</c>: grades every customer of a CSV or JSON file.</summary>
internal static class GradeCommand
{
    public static int Run(FileInfo input, FileInfo? config, OutputFormat format, bool explain, TextWriter output, TextWriter error)
    {
        var rules = RuleSetLoader.Load(config).ValueGrading;
        var (columns, records) = RecordReader.Read(input.FullName);
        CheckColumns(input.FullName, columns, rules);

        var rows = new List<GradeRow>(records.Count);
        var failures = new List<string>();
        var values = new IndicatorValue[rules.Indicators.Count];
        ProgressReporter.Run(error, records.Count, "Grading", step =>
        {
            foreach (var record in records)
            {
                step();
                if (!TryReadValues(record, rules, values, out var problem))
                {
                    failures.Add(problem);
                    continue;
                }

                var explanation = rules.Explain(values);
                if (!explanation.Outcome.IsGraded)
                {
                    failures.Add(DescribeFailure(record, rules, explanation));
                    continue;
                }

                rows.Add(new GradeRow(record.Id, explanation));
            }
        });

        GradeWriter.Write(rows, format, explain, output);
        return Records.ReportFailures(failures, records.Count, rows.Count, "graded", error);
    }

    private static void CheckColumns(string file, IReadOnlyList<string> columns, ValueGradingRules rules)
    {
        Records.RequireKnownColumns(file, columns, rules.Indicators.Select(i => i.Name).ToArray());
        var absent = rules.Indicators.Where(i => !columns.Contains(i.Name, StringComparer.Ordinal)).Select(i => i.Name).ToList();
        if (absent.Count > 0 && rules.MissingValues == MissingIndicatorPolicy.Reject)
        {
            throw new InputException($"{file}: no column for indicator{(absent.Count == 1 ? "" : "s")} {string.Join(", ", absent.Select(c => $"'{c}'"))}; the configured policy rejects customers with missing indicators");
        }
    }

    private static bool TryReadValues(InputRecord record, ValueGradingRules rules, IndicatorValue[] values, out string problem)
    {
        Array.Clear(values);
        foreach (var (name, text) in record.Fields)
        {
            var index = rules.IndexOf(name);
            if (index < 0)
            {
                problem = $"{record.Where}, field '{name}': not an indicator; the indicators are {string.Join(",", rules.Indicators.Select(i => i.Name))}";
                return false;
            }

            var indicator = rules.Indicators[index];
            if (text is null)
            {
                values[index] = IndicatorValue.Missing;
            }
            else if (indicator.Scoring != IndicatorScoring.Categories
                && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
            {
                values[index] = IndicatorValue.FromNumber(number);
            }
            else
            {
                values[index] = IndicatorValue.FromCategory(text);
            }

            if (!values[index].IsMissing && !indicator.TryScore(values[index], out _, out var scoreProblem))
            {
                problem = $"{record.Where}, field '{name}': {scoreProblem}";
                return false;
            }
        }

        problem = "";
        return true;
    }

    private static string DescribeFailure(InputRecord record, ValueGradingRules rules, GradeExplanation explanation)
    {
        var missing = explanation.Contributions.Where(c => c.RawValue.IsMissing).Select(c => $"'{c.Indicator}'").ToList();
        return missing.Count > 0
            ? $"{record.Where}, field{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)}: missing; the configured policy ({rules.MissingValues.ToString().ToLowerInvariant()}) does not grade customers with missing indicators"
            : $"{record.Where}: {string.Join("; ", explanation.Problems)}";
    }
}

/// <summary>One graded customer.</summary>
internal sealed record GradeRow(string Id, GradeExplanation Explanation);
