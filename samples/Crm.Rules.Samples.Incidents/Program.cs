// Writes a tickets file for `crm-rules sla` from the ServiceNow incidents in ../shared/data, then prints the command.
//   dotnet run --project samples/Crm.Rules.Samples.Incidents [-- INCIDENTS.csv TICKETS.csv]
using Crm.Rules.Samples.Incidents;
using Crm.Rules.Samples;

if (SampleData.Locate(args, 0, "support_tickets/incidents.csv") is not { } incidents)
{
    return 2;
}

var tickets = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "incident-tickets.csv");

var (count, made) = IncidentTickets.Convert(incidents, tickets);
Console.WriteLine($"{count:N0} incident tickets written to {tickets} ({made:N0} marked as having met their SLA in the data set itself).");
Console.WriteLine($"Evaluate them: dotnet run --project src/Crm.Rules.Cli -- sla --input {tickets} --config samples/config/incidents.json --format csv");
return 0;
