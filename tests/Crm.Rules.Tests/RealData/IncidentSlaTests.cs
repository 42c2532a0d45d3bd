using System.Globalization;
using Crm.Rules.CommandLine;
using Crm.Rules.Samples.Incidents;
using CsvHelper;
using Xunit.Abstractions;

namespace Crm.Rules.Tests.RealData;

[Trait("Category", "RealData")]
public sealed class IncidentSlaTests(ITestOutputHelper output) : IDisposable
{
    private const string DataSet = "support_tickets/incidents.csv";
    private readonly string _temp = Directory.CreateTempSubdirectory("crm-rules-incidents-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [RealDataFact(DataSet)]
    public void EveryServiceNowIncidentGetsAResolutionVerdictThroughCrmRulesSla()
    {
        var tickets = Path.Combine(_temp, "tickets.csv");
        var (count, madeInData) = IncidentTickets.Convert(SharedData.PathOf(DataSet), tickets);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = CliApp.Run(["sla", "--input", tickets, "--config", RepositoryPaths.Combine("samples", "config", "incidents.json"), "--format", "csv"], stdout, stderr);

        Assert.Equal(0, exit);
        using var csv = new CsvReader(new StringReader(stdout.ToString()), CultureInfo.InvariantCulture);
        var rows = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>().Select(r => (Policy: (string)r["policy"], Status: (string)r["status"])).ToList();
        Assert.Equal(24_918, count);
        Assert.Equal(count, rows.Count);

        var byPolicy = rows.GroupBy(r => r.Policy).OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in byPolicy)
        {
            var closed = group.Count(r => r.Status is "met" or "met-late");
            var met = group.Count(r => r.Status == "met");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{group.Key}: {group.Count()} incidents, {closed} resolved, {met} met ({(double)met / Math.Max(1, closed):P1} of resolved), {group.Count(r => r.Status == "breached")} breached unresolved"));
        }

        output.WriteLine($"the data set itself marks {madeInData} of {count} as having made their (unpublished) SLA");

        // 1,556 incidents were never resolved: they cannot be "met"; the 23,362 resolved ones cannot be "running".
        Assert.Equal(23_362, rows.Count(r => r.Status is "met" or "met-late"));
        Assert.Equal(1_556, rows.Count(r => r.Status is "running" or "warning" or "paused" or "breached"));
        Assert.Equal(["incident-critical", "incident-high", "incident-low", "incident-moderate"], byPolicy.Select(g => g.Key));
    }
}
