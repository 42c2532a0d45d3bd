using Crm.Rules;
using Crm.Rules.Scoring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddCrmRules(builder.Configuration.GetSection("CrmRules")); // validated at start-up, hot-reloaded
using var host = builder.Build();

var grader = host.Services.GetRequiredService<IValueGrader>();
GradeOutcome outcome = grader.Grade([4, 4, 3, 5, 4, 3]);      // allocation-free; scores in indicator order
Console.WriteLine($"{outcome.Grade} {outcome.Total} {outcome.Fingerprint}");   // B 3.8 …
