using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Crm.Rules.Samples.Incidents;

/// <summary>
/// Turns the UCI "Incident management process enriched event log" summary (../shared/data/support_tickets/incidents.csv,
/// real ServiceNow incidents) into a tickets file for <c>crm-rules sla</c>: one resolution clock per incident, from
/// opened_at to resolved_at, evaluated as of closed_at. The data's times carry no zone: they are read as UTC.
/// </summary>
public static class IncidentTickets
{
    /// <summary>Writes the tickets CSV.</summary>
    /// <param name="incidentsCsv">The incidents file.</param>
    /// <param name="ticketsCsv">Where to write the tickets.</param>
    /// <returns>How many tickets were written, and how many of them carry the data set's own "made SLA" flag as true.</returns>
    public static (int Tickets, int MadeSlaInData) Convert(string incidentsCsv, string ticketsCsv)
    {
        using var reader = new StreamReader(incidentsCsv);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        using var writer = new StreamWriter(ticketsCsv);
        using var output = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var header in new[] { "id", "kind", "priority", "start", "stop", "asOf" })
        {
            output.WriteField(header);
        }

        output.NextRecord();
        csv.Read();
        csv.ReadHeader();
        var tickets = 0;
        var made = 0;
        while (csv.Read())
        {
            var resolved = csv.GetField("resolved_at");
            output.WriteField(csv.GetField("number"));
            output.WriteField("incident");
            output.WriteField(csv.GetField("priority"));
            output.WriteField(Utc(csv.GetField("opened_at")!));
            output.WriteField(string.IsNullOrEmpty(resolved) ? "" : Utc(resolved));
            output.WriteField(Utc(csv.GetField("closed_at")!));
            output.NextRecord();
            tickets++;
            made += csv.GetField("made_sla_last") == "true" ? 1 : 0;
        }

        return (tickets, made);
    }

    // "2016-02-29 01:16" → "2016-02-29T01:16:00Z"
    private static string Utc(string text) => text.Replace(' ', 'T') + ":00Z";
}
