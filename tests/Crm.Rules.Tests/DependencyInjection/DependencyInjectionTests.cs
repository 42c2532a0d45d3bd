using System.Text;
using Crm.Rules.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Crm.Rules.Tests.DependencyInjection;

public class DependencyInjectionTests
{
    private const string AppSettings = """
        {
          "CrmRules": {
            "valueGrading": {
              "grades": { "A": { "minimumTotal": 4.5 } },
              "missingValues": "renormalize"
            },
            "leadScoring": { "criteria": { "referral": { "points": 1 } } }
          }
        }
        """;

    [Fact]
    public void AddCrmRules_FromAnAppSettingsSection_LaysItOverTheSeedStandard()
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(AppSettings))).Build();
        using var provider = new ServiceCollection().AddCrmRules(configuration.GetSection(CrmRulesOptions.SectionName)).BuildServiceProvider();

        var grader = provider.GetRequiredService<IValueGrader>();
        var outcome = grader.Grade(TestRules.Scores(4, 4, 4, 4, 4, 4));

        Assert.Equal("B", outcome.Grade!.Name);
        Assert.Equal(MissingIndicatorPolicy.Renormalize, grader.Rules.MissingValues);
        Assert.Equal(4, provider.GetRequiredService<ILeadScorer>().Rules.Criteria.Count);

        // The same settings as a rules file give the same fingerprint.
        var file = TestRules.FromJson("""
            { "valueGrading": { "grades": { "A": { "minimumTotal": 4.5 } }, "missingValues": "renormalize" },
              "leadScoring": { "criteria": { "referral": { "points": 1 } } } }
            """);
        Assert.Equal(file.Fingerprint, outcome.Fingerprint);
    }

    [Fact]
    public void AddCrmRules_InCode_StartsFromTheSeedStandard()
    {
        using var provider = new ServiceCollection()
            .AddCrmRules(o => o.LeadScoring.AdvanceAtPoints = 7m)
            .BuildServiceProvider();

        var scorer = provider.GetRequiredService<ILeadScorer>();
        Assert.False(scorer.Score([true, true, false]).Advances);
        Assert.True(scorer.Score([true, true, true]).Advances);
        Assert.Equal(6, provider.GetRequiredService<IValueGrader>().Rules.Indicators.Count);
    }

    [Fact]
    public void AddCrmRules_WithoutConfiguration_IsTheSeedStandard()
    {
        using var provider = new ServiceCollection().AddCrmRules().BuildServiceProvider();
        Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, provider.GetRequiredService<ICrmRuleSetProvider>().Current.Fingerprint);

        var sla = provider.GetRequiredService<Crm.Rules.Sla.ISlaCalculator>();
        Assert.Equal("Asia/Shanghai", sla.Calendar("business").Zone.Id);
        Assert.Equal("calendar", Assert.Throws<Crm.Rules.CrmInputException>(() => sla.Calendar("nope")).Field);
    }

    [Fact]
    public async Task ValidateOnStart_ABadSectionStopsTheHostWithEveryProblem()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CrmRules:valueGrading:indicators:0:weight"] = "1.5",
            ["CrmRules:valueGrading:grades:B:minimumTotal"] = "4",
            ["CrmRules:valueGrading:colour"] = "red",
        });
        builder.Services.AddCrmRules(builder.Configuration.GetSection(CrmRulesOptions.SectionName));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("valueGrading.colour: is not a known setting (known here: scale, indicators, grades, missingValues, approval)", error.Failures);
        Assert.Contains("valueGrading.indicators[0].weight: must be between 0 and 1 (greater than 0, at most 1); got 1.5", error.Failures);
        Assert.Contains("valueGrading.grades.B.minimumTotal: equals the minimum total of grade 'A' (4); grade thresholds must be strictly ordered", error.Failures);
    }

    [Fact]
    public void Section_ValuesOfTheWrongKindAreReportedWithTheirPath()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CrmRules:valueGrading:approval:required"] = "perhaps",
            ["CrmRules:leadScoring:advanceAtPoints"] = "five",
        }).Build();
        using var provider = new ServiceCollection().AddCrmRules(configuration.GetSection("CrmRules")).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ICrmRuleSetProvider>());

        Assert.Equal(
            ["leadScoring.advanceAtPoints: must be a number, not 'five'", "valueGrading.approval.required: must be true or false, not 'perhaps'"],
            error.Failures);
    }

    [Fact]
    public void Reload_AValidChangeSwapsInANewRuleSet()
    {
        var (root, provider) = Reloadable();
        using var _ = provider;
        var monitor = provider.GetRequiredService<ICrmRuleSetProvider>();
        var grader = provider.GetRequiredService<IValueGrader>();
        var before = monitor.Current;
        CrmRuleSet? announced = null;
        using var subscription = monitor.OnChange(r => announced = r);

        root["CrmRules:valueGrading:grades:A:minimumTotal"] = "3.5";
        root.Reload();

        Assert.NotEqual(before.Fingerprint, monitor.Current.Fingerprint);
        Assert.Same(monitor.Current, announced);
        Assert.Equal("A", grader.Grade(TestRules.Scores(4, 4, 4, 3, 3, 3)).Grade!.Name);
        Assert.Equal("B", before.ValueGrading.Grade(TestRules.Scores(4, 4, 4, 3, 3, 3)).Grade!.Name);
    }

    [Fact]
    public void Reload_AnInvalidChangeKeepsTheLastGoodRuleSetAndLogsWhy()
    {
        using var logs = new LogCapture();
        var (root, provider) = Reloadable(logs);
        using var _ = provider;
        var monitor = provider.GetRequiredService<ICrmRuleSetProvider>();
        var good = monitor.Current;

        root["CrmRules:valueGrading:grades:B:minimumTotal"] = "4";
        root.Reload();

        Assert.Same(good, monitor.Current);
        var entry = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains(good.Fingerprint, entry.Message, StringComparison.Ordinal);
        Assert.Contains("valueGrading.grades.B.minimumTotal: equals the minimum total of grade 'A' (4); grade thresholds must be strictly ordered", entry.Message, StringComparison.Ordinal);

        // A later valid change is taken again.
        root["CrmRules:valueGrading:grades:B:minimumTotal"] = "3.5";
        root["CrmRules:leadScoring:advanceAtPoints"] = "6";
        root.Reload();
        Assert.Equal(6m, monitor.Current.LeadScoring.AdvanceAtPoints);
    }

    [Fact]
    public async Task Reload_ReadersSeeWholeRuleSetsOnly()
    {
        // Two configurations that grade the same customer differently: A at 4 (the seed standard) gives B, A at 3.5 gives A.
        var scores = TestRules.Scores(4, 4, 4, 3, 3, 3);
        var alone = new[] { "4", "3.5" }.Select(minimum => TestRules.FromJson($$"""{ "valueGrading": { "grades": { "A": { "minimumTotal": {{minimum}} } } } }"""))
            .ToDictionary(r => r.Fingerprint, r => r.ValueGrading.Grade(scores).Grade!.Name);
        Assert.Equal(["B", "A"], alone.Values);

        var (root, provider) = Reloadable();
        using var _ = provider;
        var monitor = provider.GetRequiredService<ICrmRuleSetProvider>();
        var grader = provider.GetRequiredService<IValueGrader>();
        var problems = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        using var stop = new CancellationTokenSource();

        void Read()
        {
            const int customers = 64;
            var batch = Enumerable.Repeat(scores, customers).SelectMany(s => s).ToArray();
            var outcomes = new GradeOutcome[customers];
            while (!stop.IsCancellationRequested && problems.IsEmpty)
            {
                // One evaluation through the rule set taken once: it must grade as that rule set alone does.
                var ruleSet = monitor.Current;
                var outcome = ruleSet.ValueGrading.Grade(scores);
                if (outcome.Fingerprint != ruleSet.Fingerprint || !alone.TryGetValue(ruleSet.Fingerprint, out var expected) || outcome.Grade!.Name != expected)
                {
                    problems.Enqueue($"rule set {ruleSet.Fingerprint} graded {outcome} as {outcome.Fingerprint}");
                }

                // One batch through the evaluator hosts use: one rule set for the whole batch, and that rule set's grade. An
                // evaluator that read the rule set in force per customer fails here within a few swaps (tried by hand).
                grader.GradeBatch(batch, outcomes);
                var fingerprint = outcomes[0].Fingerprint;
                if (!alone.TryGetValue(fingerprint, out var batchGrade) || outcomes.Any(o => o.Fingerprint != fingerprint || o.Grade!.Name != batchGrade))
                {
                    problems.Enqueue($"one batch mixed {string.Join(", ", outcomes.Select(o => $"{o} by {o.Fingerprint}").Distinct())}");
                }

                seen.AddOrUpdate(fingerprint, 1, (_, n) => n + 1);
            }
        }

        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(Read)).ToArray();

        // Swap until the readers have graded many batches under both configurations, so that swaps land mid-batch.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var swaps = 0;
        while (problems.IsEmpty && watch.Elapsed < TimeSpan.FromSeconds(10)
            && (swaps < 40 || alone.Keys.Any(f => seen.GetValueOrDefault(f) < 1_000)))
        {
            root["CrmRules:valueGrading:grades:A:minimumTotal"] = swaps++ % 2 == 0 ? "3.5" : "4";
            root.Reload();
        }

        stop.Cancel();
        await Task.WhenAll(readers);
        Assert.True(problems.IsEmpty, string.Join(Environment.NewLine, problems.Take(3)));
        Assert.All(alone.Keys, f => Assert.True(seen.GetValueOrDefault(f) >= 1_000, $"readers graded {seen.GetValueOrDefault(f)} batches under {f} in {swaps} swaps"));
    }

    private static (IConfigurationRoot Root, ServiceProvider Provider) Reloadable(ILoggerProvider? logs = null)
    {
        var root = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection().AddLogging(b =>
        {
            if (logs is not null)
            {
                b.AddProvider(logs);
            }
        });
        services.AddCrmRules(root.GetSection("CrmRules"));
        return (root, services.BuildServiceProvider());
    }
}
