// A host application that wires Crm.Rules through dependency injection and appsettings.json.
using Crm.Rules;
using Crm.Rules.Scoring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// appsettings.json sits beside the binary, wherever `dotnet run` is started from.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddCrmRules(builder.Configuration.GetSection(CrmRulesOptions.SectionName));
using var host = builder.Build();
await host.StartAsync(); // validates the CrmRules section: a bad configuration stops here, with every problem listed

var grader = host.Services.GetRequiredService<IValueGrader>();
var customer = new Dictionary<string, IndicatorValue>
{
    ["historicalAmount"] = IndicatorValue.FromScore(4),
    ["frequency"] = IndicatorValue.FromScore(4),
    ["grossMargin"] = IndicatorValue.FromScore(3),
    ["industryInfluence"] = IndicatorValue.FromScore(5),
    ["needMatch"] = IndicatorValue.FromScore(4),
    // willingness unknown: this host renormalizes the remaining weights instead of rejecting the customer
};
var explanation = grader.Explain(customer);
Console.WriteLine(explanation);
Console.WriteLine($"owner: {explanation.Grade?.Treatment.OwnerRole}");

var leads = host.Services.GetRequiredService<ILeadScorer>();
var lead = leads.Assess(["industryMatch", "referral", "budgetClear"]);
Console.WriteLine($"lead: {lead.Points} points, {lead.Label.Name}, advances: {lead.Advances} (rule set {lead.Fingerprint})");

await host.StopAsync();
