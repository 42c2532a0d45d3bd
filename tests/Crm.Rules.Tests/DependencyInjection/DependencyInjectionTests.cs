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
        Assert.Equal("calendar", Assert.Throws<Crm.Rules.Sla.SlaInputException>(() => sla.Calendar("nope")).Field);
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
        var logs = new CapturingLoggerProvider();
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
        var (root, provider) = Reloadable();
        using var _ = provider;
        var grader = provider.GetRequiredService<IValueGrader>();
        var fingerprints = new System.Collections.Concurrent.ConcurrentDictionary<string, byte>();
        using var stop = new CancellationTokenSource();

        var reader = Task.Run(() =>
        {
            var outcomes = new GradeOutcome[64];
            var scores = new byte[64 * 6];
            Array.Fill(scores, (byte)4);
            do
            {
                grader.GradeBatch(scores, outcomes);
                Assert.All(outcomes, o => Assert.Equal(outcomes[0].Fingerprint, o.Fingerprint));
                fingerprints.TryAdd(outcomes[0].Fingerprint, 0);
            }
            while (!stop.IsCancellationRequested);
        });
        for (var i = 0; i < 50; i++)
        {
            root["CrmRules:leadScoring:advanceAtPoints"] = (5 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            root.Reload();
        }

        stop.Cancel();
        await reader;
        Assert.NotEmpty(fingerprints);
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

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner.Entries)
                {
                    owner.Entries.Add((logLevel, formatter(state, exception)));
                }
            }
        }
    }
}
