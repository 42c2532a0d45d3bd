using System.Runtime.CompilerServices;
using Crm.Rules.CommandLine.Commands;
using Crm.Rules.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Crm.Rules.Tests.DependencyInjection;

/// <summary>
/// Validation runs once per compiled rule set: at start-up, on each reload, and when a rules file is loaded. The counter is
/// async-local, so only validations in this test's flow count (a reload triggered by <c>ConfigurationRoot.Reload()</c> runs
/// its callbacks on the calling thread).
/// </summary>
public class ValidationCountTests
{
    [Fact]
    public void AddCrmRules_ValidatesOnceAtFirstUseAndOncePerReload()
    {
        var root = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["CrmRules:leadScoring:advanceAtPoints"] = "6" }).Build();
        using var provider = new ServiceCollection().AddCrmRules(root.GetSection("CrmRules")).BuildServiceProvider();
        using var counting = Count();

        Assert.Equal(6m, provider.GetRequiredService<ICrmRuleSetProvider>().Current.LeadScoring.AdvanceAtPoints);
        Assert.Equal(1, counting.Validations);

        root["CrmRules:leadScoring:advanceAtPoints"] = "7";
        root.Reload();
        Assert.Equal(7m, provider.GetRequiredService<ICrmRuleSetProvider>().Current.LeadScoring.AdvanceAtPoints);
        Assert.Equal(2, counting.Validations);

        // A rejected change is validated once too.
        root["CrmRules:valueGrading:grades:B:minimumTotal"] = "4";
        root.Reload();
        Assert.Equal(7m, provider.GetRequiredService<ICrmRuleSetProvider>().Current.LeadScoring.AdvanceAtPoints);
        Assert.Equal(3, counting.Validations);
    }

    [Fact]
    public async Task Host_ValidatesOnceAtStartAndOncePerReload()
    {
        var builder = BareHost(new Dictionary<string, string?> { ["CrmRules:leadScoring:advanceAtPoints"] = "6" });
        using var host = builder.Build();
        using var counting = Count();

        await host.StartAsync();
        Assert.Equal(6m, host.Services.GetRequiredService<ICrmRuleSetProvider>().Current.LeadScoring.AdvanceAtPoints);
        Assert.Equal(1, counting.Validations);

        builder.Configuration["CrmRules:leadScoring:advanceAtPoints"] = "7";
        ((IConfigurationRoot)builder.Configuration).Reload();
        Assert.Equal(7m, host.Services.GetRequiredService<ICrmRuleSetProvider>().Current.LeadScoring.AdvanceAtPoints);
        Assert.Equal(2, counting.Validations);

        // An invalid change is validated once and does not escape from the configuration's reload.
        builder.Configuration["CrmRules:valueGrading:grades:B:minimumTotal"] = "4";
        ((IConfigurationRoot)builder.Configuration).Reload();
        Assert.Equal(7m, host.Services.GetRequiredService<ICrmRuleSetProvider>().Current.LeadScoring.AdvanceAtPoints);
        Assert.Equal(3, counting.Validations);
        await host.StopAsync();
    }

    [Fact]
    public async Task Host_AnInvalidSectionFailsAtStartWithEveryProblem_ValidatedOnce()
    {
        var builder = BareHost(new Dictionary<string, string?>
        {
            ["CrmRules:valueGrading:grades:B:minimumTotal"] = "4",
            ["CrmRules:valueGrading:colour"] = "red",
            ["CrmRules:leadScoring:advanceAtPoints"] = "five",
        });
        using var host = builder.Build();
        using var counting = Count();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(typeof(CrmRulesOptions), error.OptionsType);
        Assert.Equal(
            [
                "leadScoring.advanceAtPoints: must be a number, not 'five'",
                "valueGrading.colour: is not a known setting (known here: scale, indicators, grades, missingValues, approval)",
                "valueGrading.grades.B.minimumTotal: equals the minimum total of grade 'A' (4); grade thresholds must be strictly ordered",
            ],
            error.Failures.Order(StringComparer.Ordinal));
        Assert.Equal(1, counting.Validations);
    }

    [Fact]
    public void CliRuleSetLoader_ValidatesARulesFileOnce()
    {
        using var folder = new TempFolder();
        var path = folder.Write("rules.json", """{ "leadScoring": { "advanceAtPoints": 6 } }""");
        using var counting = Count();

        var ruleSet = RuleSetLoader.Load(new FileInfo(path));

        Assert.Equal(6m, ruleSet.LeadScoring.AdvanceAtPoints);
        Assert.Equal(1, counting.Validations);
    }

    [Fact]
    public void CrmRuleSetLoad_ValidatesOnceAndGivesWhatCompileOfCrmRulesJsonLoadGives()
    {
        using var folder = new TempFolder();
        var path = folder.Write("rules.json", """{ "valueGrading": { "grades": { "A": { "minimumTotal": 4.5 } } } }""");
        var twice = CrmRuleSet.Compile(CrmRulesJson.Load(path));
        using var counting = Count();

        var ruleSet = CrmRuleSet.Load(path);

        Assert.Equal(1, counting.Validations);
        Assert.Equal(twice.Fingerprint, ruleSet.Fingerprint);
        Assert.Equal(twice.CanonicalJson, ruleSet.CanonicalJson);
    }

    [Fact]
    public void CrmRuleSetParse_ValidatesOnceAndGivesWhatCompileOfCrmRulesJsonParseGives()
    {
        const string Json = """{ "leadScoring": { "advanceAtPoints": 6 }, "sla": { "calendars": { "business": { "timeZone": "Europe/Berlin" } } } }""";
        var twice = CrmRuleSet.Compile(CrmRulesJson.Parse(Json));
        using var counting = Count();

        var ruleSet = CrmRuleSet.Parse(Json);

        Assert.Equal(1, counting.Validations);
        Assert.Equal(twice.Fingerprint, ruleSet.Fingerprint);
        Assert.Equal("Europe/Berlin", ruleSet.Sla.Calendars["business"].Zone.Id);
    }

    [Fact]
    public void CrmRuleSetParse_AnInvalidTextReportsEveryProblemWithItsSource_ValidatedOnce()
    {
        const string Json = """{ "valueGrading": { "colour": "red", "grades": { "B": { "minimumTotal": 4 } } }, "leadScoring": { "advanceAtPoints": "five" } }""";
        var expected = Assert.Throws<CrmRulesConfigurationException>(() => CrmRulesJson.Parse(Json, "rules.json"));
        using var counting = Count();

        var error = Assert.Throws<CrmRulesConfigurationException>(() => CrmRuleSet.Parse(Json, "rules.json"));

        Assert.Equal(1, counting.Validations);
        Assert.Equal("rules.json", error.Source);
        Assert.Equal(
            [
                "valueGrading.colour: is not a known setting (known here: scale, indicators, grades, missingValues, approval)",
                "leadScoring.advanceAtPoints: must be a number, not the text \"five\"",
                "valueGrading.grades.B.minimumTotal: equals the minimum total of grade 'A' (4); grade thresholds must be strictly ordered",
            ],
            error.Errors.Select(e => e.ToString()).ToArray());
        Assert.Equal(expected.Message, error.Message);
    }

    [Fact]
    public void CrmRuleSetLoad_AMissingOrBrokenFileIsAConfigurationErrorNamingTheFile_NotValidated()
    {
        using var folder = new TempFolder();
        var missing = Path.Combine(folder.Path, "missing.json");
        var truncated = folder.Write("truncated.json", """{ "leadScoring": { "advanceAtPoints": """);
        using var counting = Count();

        var notThere = Assert.Throws<CrmRulesConfigurationException>(() => CrmRuleSet.Load(missing));
        var cut = Assert.Throws<CrmRulesConfigurationException>(() => CrmRuleSet.Load(truncated));

        Assert.Equal(missing, notThere.Source);
        Assert.StartsWith("$: cannot read the file: ", Assert.Single(notThere.Errors).ToString(), StringComparison.Ordinal);
        Assert.Equal(truncated, cut.Source);
        Assert.StartsWith("$: is not valid JSON (line 1", Assert.Single(cut.Errors).ToString(), StringComparison.Ordinal);
        Assert.Equal(0, counting.Validations);
    }

    private static HostApplicationBuilder BareHost(Dictionary<string, string?> settings)
    {
        // No defaults: no appsettings.json watchers or environment variables that could add to the section.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddCrmRules(builder.Configuration.GetSection(CrmRulesOptions.SectionName));
        return builder;
    }

    /// <summary>Starts counting validations in this async flow; disposing stops it.</summary>
    internal static ValidationCount Count()
    {
        // The seed standard compiles lazily, once per process; compile it outside the count.
        _ = CrmRuleSet.SeedStandard;
        return new ValidationCount();
    }

    internal sealed class ValidationCount : IDisposable
    {
        private readonly StrongBox<int> _box = new();

        public ValidationCount() => CrmRulesValidation.ValidationCounter.Value = _box;

        public int Validations => Volatile.Read(ref _box.Value);

        public void Dispose() => CrmRulesValidation.ValidationCounter.Value = null;
    }
}
