using System.Globalization;
using Crm.Rules.Cli.Input;
using Crm.Rules.Cli.Output;
using Crm.Rules.Demands;

namespace Crm.Rules.Cli.Commands;

/// <summary><c>crm-rules prioritise</c>: orders a demand backlog (DEM-1 … DEM-4).</summary>
internal static class PrioritiseCommand
{
    private static readonly string[] Known = ["customerGrade", "important", "urgent", "importance", "urgency", "value", "cost", "strategicFit", "kind"];

    public static int Run(FileInfo input, FileInfo? config, OutputFormat format, TextWriter output, TextWriter error)
    {
        var rules = RuleSetLoader.Load(config).Demands;
        var (columns, records) = RecordReader.Read(input.FullName);
        Records.RequireKnownColumns(input.FullName, columns, Known);
        var demands = new List<Demand>();
        var failures = new List<string>();
        foreach (var record in records)
        {
            try
            {
                var demand = ToDemand(record);
                rules.Classify(demand);
                if (demand.Cost is < 0m)
                {
                    throw new FieldException("cost", $"must not be negative; got {demand.Cost}");
                }

                demands.Add(demand);
            }
            catch (FieldException e)
            {
                failures.Add($"{record.Where}, field '{e.Field}': {e.Message}");
            }
            catch (CrmInputException e)
            {
                failures.Add($"{record.Where}, field '{e.Field}': {e.Problem}");
            }
        }

        var ordered = rules.Prioritise(demands);

        // The score column appears only in the weighted mode, so the seed standard's output keeps its shape.
        var weighted = rules.Mode == DemandOrderingMode.Weighted;
        string[] header = weighted ? ["rank", "id", "quadrant", "action", "score", "reason"] : ["rank", "id", "quadrant", "action", "reason"];
        RowWriter.Write(header,
            ordered.Select(d => weighted
                ? new object?[] { d.Rank, d.Demand.Id, d.QuadrantName, d.Action, d.Score, string.Join("; ", d.Reasons) }
                : new object?[] { d.Rank, d.Demand.Id, d.QuadrantName, d.Action, string.Join("; ", d.Reasons) }).ToList(),
            format, output, $"{ordered.Count} demands ordered ({rules.Mode.ToText()}); rule set {rules.Fingerprint}");
        return Records.ReportFailures(failures, records.Count, ordered.Count, "ordered", error);
    }

    private static Demand ToDemand(InputRecord record)
    {
        string? Text(string name) => record.Fields.GetValueOrDefault(name);
        bool? Flag(string name) => Text(name) switch
        {
            null => null,
            var t when bool.TryParse(t, out var b) => b,
            "1" or "yes" => true,
            "0" or "no" => false,
            var t => throw new FieldException(name, $"'{t}' is not true or false"),
        };
        decimal? Number(string name) => Text(name) is { } t
            ? decimal.TryParse(t, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : throw new FieldException(name, $"'{t}' is not a number")
            : null;

        return new Demand(record.Id, Text("customerGrade"))
        {
            Important = Flag("important"),
            Urgent = Flag("urgent"),
            Importance = Number("importance"),
            Urgency = Number("urgency"),
            Value = Number("value"),
            Cost = Number("cost"),
            StrategicFit = Number("strategicFit"),
        };
    }
}
