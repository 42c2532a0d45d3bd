// Stateful customers on an Orleans silo (issue 15). With no settings: one localhost silo, state and reminders in memory.
// With CrmCluster:Store=Redis and CrmCluster:Redis=HOST:PORT: state, reminders and membership in Redis, so several
// silos (on several machines) form one cluster and no acknowledged event is lost with a silo.
//
//   dotnet run --project samples/Crm.Rules.Samples.Orleans                  # a customer's story, answer by answer
//   dotnet run --project samples/Crm.Rules.Samples.Orleans -- batch 1000000 # grade + churn over generated customers
//   dotnet run --project samples/Crm.Rules.Samples.Orleans -- serve         # keep the silo up (Ctrl+C stops it)
//   CrmCluster__Store=Redis CrmCluster__Redis=127.0.0.1:6379 dotnet run --project samples/Crm.Rules.Samples.Orleans
using System.Globalization;
using Crm.Rules.Samples.Orleans;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Orleans", LogLevel.Error);
builder.UseOrleans(silo => silo.AddCrmCustomers(builder.Configuration).UseCrmClustering(builder.Configuration));
using var host = builder.Build();
await host.StartAsync();

var grains = host.Services.GetRequiredService<IGrainFactory>();
var clock = host.Services.GetRequiredService<IClock>();
var command = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "demo";
switch (command)
{
    case "batch":
        var customers = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        var asOf = clock.GetCurrentInstant().InUtc().Date;
        var partitions = Environment.ProcessorCount;
        // A first, small run compiles every path (JIT) on every silo; the measured runs come after it.
        await PortfolioBatch.RunAsync(grains, 100_000, partitions, asOf);
        await PortfolioBatch.RunLocalAsync(host.Services.GetRequiredService<ClusterRuleSet>().Current, 100_000, partitions, asOf);
        var batch = await PortfolioBatch.RunAsync(grains, customers, partitions, asOf);
        var local = await PortfolioBatch.RunLocalAsync(host.Services.GetRequiredService<ClusterRuleSet>().Current, customers, partitions, asOf);
        Console.WriteLine($"cluster:      {batch.Customers:N0} customers on {batch.Silos} silo(s), {batch.Partitions} partitions: {batch.Elapsed.TotalMilliseconds:N0} ms, {batch.PerSecond:N0} customers/s (library time {batch.EvaluateMilliseconds:N0} ms over the partitions); rule set {string.Join(", ", batch.Fingerprints)}");
        Console.WriteLine($"this process: {local.Customers:N0} customers, {local.Partitions} threads: {local.Elapsed.TotalMilliseconds:N0} ms, {local.PerSecond:N0} customers/s (library time {local.EvaluateMilliseconds:N0} ms)");
        Console.WriteLine($"grades: {string.Join(", ", batch.Grades.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Value:N0}"))}");
        Console.WriteLine($"churn:  {string.Join(", ", batch.ChurnBands.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Value:N0}"))}");
        break;
    case "serve":
        Console.WriteLine("Silo running; Ctrl+C stops it.");
        await host.WaitForShutdownAsync();
        break;
    default:
        await Demo(grains, clock);
        break;
}

await host.StopAsync();

static async Task Demo(IGrainFactory grains, IClock clock)
{
    var customer = grains.GetGrain<ICustomerGrain>("C-1001");
    var now = clock.GetCurrentInstant();
    Instant At(int minutesAgo) => now - Duration.FromMinutes(minutesAgo);
    var scores = new Dictionary<string, int>
    {
        ["historicalAmount"] = 4, ["frequency"] = 4, ["grossMargin"] = 3, ["industryInfluence"] = 5, ["needMatch"] = 4, ["willingness"] = 3,
    };
    CustomerEvent[] story =
    [
        new Purchased(At(600), 12_000m, scores),
        new GradeApproved(At(590), "d-1", "salesDirector"),
        new ContactLogged(At(500), "quote sent", LeftUnresolvedTodos: true),
        new ContactLogged(At(400), "no answer", LeftUnresolvedTodos: true),
        new ContactLogged(At(300), "asked for a discount", LeftUnresolvedTodos: true),
        new TicketOpened(At(120), "T-1", "response"),
        new SurveyAnswered(At(60), 9),
        new StageFactsStated(At(30), Flags: new() { ["firstDealDone"] = true }),
    ];
    foreach (var change in story)
    {
        var view = await customer.Record(change);
        Console.WriteLine($"{change.GetType().Name,-18} → {Describe(view)}");
    }
}

static string Describe(CustomerView v)
{
    if (v.Refusal is not null)
    {
        return $"refused: {v.Refusal} [{v.Fingerprint}]";
    }

    var ticket = v.Tickets.Count == 0 ? "" : $"; {string.Join(", ", v.Tickets.Select(t => $"{t.TicketId} {t.Policy} {t.Status} due {t.Deadline}"))}";
    return $"grade {v.Grade ?? "-"}{(v.ProposedGrade is null ? "" : $" ({v.ProposedGrade} pending approval)")}, churn {v.ChurnBand} {v.ChurnTotal} {v.ChurnTrend}, "
        + $"next contact {v.NextContactDue?.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture) ?? "-"} by {v.ContactOwner}{(v.ContactEscalated ? " (escalated)" : "")}, NPS {v.Nps?.ToString(CultureInfo.InvariantCulture) ?? "-"}, "
        + $"stage {v.Stage ?? "-"}{(v.ProposedStage is { } p && p != v.Stage ? $" → {p} proposed" : "")}{ticket} [{v.Fingerprint}]";
}
