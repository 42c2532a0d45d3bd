// Writes a tickets file for `crm-rules sla` from the ServiceNow incidents in ../shared/data, then prints the command.
//   dotnet run --project samples/Crm.Rules.Samples.Incidents [-- INCIDENTS.csv TICKETS.csv]
using Crm.Rules.Samples.Incidents;

var root = FindRoot();
var incidents = args.Length > 0 ? args[0] : Path.Combine(root, "..", "shared", "data", "support_tickets", "incidents.csv");
var tickets = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "incident-tickets.csv");
if (!File.Exists(incidents))
{
    Console.Error.WriteLine($"The data set is not here: {incidents}. It ships beside the repository in ../shared/data (see its README).");
    return 2;
}

var (count, made) = IncidentTickets.Convert(incidents, tickets);
Console.WriteLine($"{count:N0} incident tickets written to {tickets} ({made:N0} marked as having met their SLA in the data set itself).");
Console.WriteLine($"Evaluate them: dotnet run --project src/Crm.Rules.Cli -- sla --input {tickets} --config samples/config/incidents.json --format csv");
return 0;

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Crm.Rules.sln")))
        {
            return dir.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}
