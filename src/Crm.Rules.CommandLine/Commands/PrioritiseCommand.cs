using Crm.Rules.CommandLine.Output;
using Crm.Rules.CommandLine.Records;
using Crm.Rules.Data;
using Crm.Rules.Demands;

namespace Crm.Rules.CommandLine.Commands;

/// <summary>
/// <c>crm-rules prioritise</c>: orders a demand backlog (DEM-1 … DEM-4). An order needs the whole backlog, so the
/// reading streams but keeps every valid demand (its numbers and id) until the end.
/// </summary>
internal static class PrioritiseCommand
{
    // Slots follow this order (slot 0 is id).
    private static readonly string[] Fields = ["customerGrade", "important", "urgent", "importance", "urgency", "value", "cost", "strategicFit", "kind"];

    public static int Run(DataCommandOptions options, TextWriter output, TextWriter error)
    {
        var ruleSet = options.LoadRules();
        var rules = ruleSet.Demands;
        var access = options.AccessFor(ruleSet);
        using var source = options.Open(access.Schema(Fields));
        var demands = new List<Demand>();
        var run = new RecordRun(error, "prioritise", options.MaxErrors, access);
        {
            run.Run(source, null, record =>
            {
                // Scores are on the 1..5 scale the thresholds use; value, cost and strategic fit are never negative
                // (docs/records.md): an out-of-range number is an error, not a demand that sorts oddly.
                var demand = new Demand(record.Id ?? "", record.Text(1))
                {
                    Important = record.Boolean(2),
                    Urgent = record.Boolean(3),
                    Importance = record.Number(4, 1m, 5m),
                    Urgency = record.Number(5, 1m, 5m),
                    Value = record.Number(6, 0m),
                    Cost = record.Number(7, 0m),
                    StrategicFit = record.Number(8, 0m, 5m),
                };
                if (!record.IsValid)
                {
                    return false;
                }

                rules.Classify(demand);
                demands.Add(demand);
                run.Wrote(null);
                return true;
            });
        }

        // Results from part of the input would be wrong, not just fewer: after --max-errors stopped the reading, none.
        if (run.Stopped)
        {
            error.WriteLine("error: no backlog written: the input was not read to the end");
            return run.Finish("demands", ruleSet.Fingerprint);
        }

        var ordered = rules.Prioritise(demands);

        // The score column appears only in the weighted mode, so the seed standard's output keeps its shape.
        var weighted = rules.Mode == DemandOrderingMode.Weighted;
        string[] columns = weighted ? ["rank", "id", "quadrant", "action", "score", "reasons", "fingerprint"] : ["rank", "id", "quadrant", "action", "reasons", "fingerprint"];
        using var writer = access.Filter(options.CreateWriter(output, columns, [("rank", "rank"), ("id", "id"), ("quadrant", "quadrant"), ("action", "action"), ("reasons", "reasons")]));
        writer.Masker = access.Masker;
        foreach (var d in ordered)
        {
            writer.BeginRecord();
            writer.Integer("rank", d.Rank);
            writer.Text("id", access.Echo(RecordSchema.IdField, d.Demand.Id));
            writer.Text("quadrant", d.QuadrantName);
            writer.Text("action", d.Action);
            if (weighted)
            {
                writer.Number("score", d.Score);
            }

            writer.List("reasons", d.Reasons.Select(r => r.ToString()).ToArray());
            writer.Formatted("fingerprint", d.Fingerprint);
            writer.EndRecord();
        }

        writer.Complete();
        return run.Finish("demands", ruleSet.Fingerprint, $"{ordered.Count} demands ordered ({rules.Mode.ToText()})");
    }
}
