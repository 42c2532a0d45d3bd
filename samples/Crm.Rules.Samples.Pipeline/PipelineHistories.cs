using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Crm.Rules.Samples.Pipeline;

/// <summary>
/// Turns the Maven Analytics "CRM Sales Opportunities" pipeline (../shared/data/sales_pipeline) into stage histories for
/// <c>crm-rules funnel --machine pipeline --config samples/config/sales-pipeline.json</c>: each opportunity enters
/// <c>engaging</c> on its engage date and <c>won</c> or <c>lost</c> on its close date (dates read as UTC midnight).
/// Opportunities still in prospecting carry no date and cannot be placed in time: they are counted, not written.
/// </summary>
public static class PipelineHistories
{
    /// <summary>Writes the histories CSV (<c>id,stage,at,reason</c>).</summary>
    /// <returns>How many opportunities were written and how many were skipped for having no date.</returns>
    public static (int Written, int WithoutDates) Convert(string pipelineCsv, string historiesCsv)
    {
        using var reader = new StreamReader(pipelineCsv);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        using var writer = new StreamWriter(historiesCsv);
        using var output = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var header in new[] { "id", "stage", "at", "reason" })
        {
            output.WriteField(header);
        }

        output.NextRecord();
        csv.Read();
        csv.ReadHeader();
        var (written, skipped) = (0, 0);
        while (csv.Read())
        {
            var id = csv.GetField("opportunity_id")!;
            var engaged = csv.GetField("engage_date");
            if (string.IsNullOrEmpty(engaged))
            {
                skipped++;
                continue;
            }

            Write(output, id, "engaging", engaged, null);
            var stage = csv.GetField("deal_stage");
            var closed = csv.GetField("close_date");
            if (stage is "Won" or "Lost" && !string.IsNullOrEmpty(closed))
            {
                // The data gives no loss reason; the product stands in as the breakdown.
                Write(output, id, stage.ToLowerInvariant(), closed, csv.GetField("product"));
            }

            written++;
        }

        return (written, skipped);
    }

    private static void Write(CsvWriter output, string id, string stage, string date, string? reason)
    {
        output.WriteField(id);
        output.WriteField(stage);
        output.WriteField(date + "T00:00:00Z");
        output.WriteField(reason ?? "");
        output.NextRecord();
    }
}
