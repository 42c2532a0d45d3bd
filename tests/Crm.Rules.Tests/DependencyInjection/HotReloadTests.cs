using Crm.Rules.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace Crm.Rules.Tests.DependencyInjection;

/// <summary>
/// What a reload does when the configuration behind the section breaks: the last good rule set stays in force and the
/// monitor says why, never a silent fall-back to the seed standard. Most cases trigger the reload through the provider
/// (its <c>Load()</c>, or its change signal) on the test thread, so the callbacks have run when it returns; the two
/// file-watcher cases wait, bounded.
/// </summary>
public sealed class HotReloadTests : IDisposable
{
    private const string Good = """{ "CrmRules": { "leadScoring": { "advanceAtPoints": 6 } }, "Other": { "x": "1" } }""";

    private readonly TempFolder _folder = new();
    private readonly LogCapture _logs = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ValidFileChange_SwapsAndLogsBothFingerprints()
    {
        var (root, monitor, provider) = FromFile(Good);
        using var _ = provider;
        var before = monitor.Current;

        File.WriteAllText(Path.Combine(_folder.Path, "appsettings.json"), """{ "CrmRules": { "leadScoring": { "advanceAtPoints": 7 } } }""");
        ReloadFile(root);

        Assert.Equal(7m, monitor.Current.LeadScoring.AdvanceAtPoints);
        var entry = Assert.Single(_logs.Entries);
        Assert.Equal((LogLevel.Information, 2), (entry.Level, entry.EventId));
        Assert.Equal($"Crm.Rules rule set {before.Fingerprint} replaced by {monitor.Current.Fingerprint}", entry.Message);
    }

    [Fact]
    public void InvalidFileChange_KeepsTheRuleSetAndLogsEveryProblemNamingTheSection()
    {
        var (root, monitor, provider) = FromFile(Good);
        using var _ = provider;
        var good = monitor.Current;

        File.WriteAllText(Path.Combine(_folder.Path, "appsettings.json"), """
            { "CrmRules": { "valueGrading": { "colour": "red", "grades": { "B": { "minimumTotal": 4 } } }, "leadScoring": { "advanceAtPoints": "five" } } }
            """);
        ReloadFile(root);

        Assert.Same(good, monitor.Current);
        var entry = Assert.Single(_logs.Entries);
        Assert.Equal((LogLevel.Error, 1), (entry.Level, entry.EventId));
        Assert.Equal(
            $"The Crm.Rules configuration changed by configuration section 'CrmRules' is invalid; rule set {good.Fingerprint} stays in force. Problems:\n"
            + string.Join(
                Environment.NewLine,
                "leadScoring.advanceAtPoints: must be a number, not 'five'",
                "valueGrading.colour: is not a known setting (known here: scale, indicators, grades, missingValues, approval)",
                "valueGrading.grades.B.minimumTotal: equals the minimum total of grade 'A' (4); grade thresholds must be strictly ordered"),
            entry.Message);
    }

    [Fact]
    public void DeletedOptionalFile_KeepsTheRuleSetAndWarnsNamingTheSection()
    {
        var (root, monitor, provider) = FromFile(Good);
        using var _ = provider;
        var good = monitor.Current;

        File.Delete(Path.Combine(_folder.Path, "appsettings.json"));
        ReloadFile(root);

        Assert.False(root.GetSection("CrmRules").Exists());
        Assert.Same(good, monitor.Current);
        AssertEmptiedWarning(good);
    }

    [Fact]
    public void SectionRemovedFromTheFile_KeepsTheRuleSetAndWarnsNamingTheSection()
    {
        var (root, monitor, provider) = FromFile(Good);
        using var _ = provider;
        var good = monitor.Current;

        File.WriteAllText(Path.Combine(_folder.Path, "appsettings.json"), """{ "Other": { "x": "2" } }""");
        ReloadFile(root);

        Assert.Same(good, monitor.Current);
        AssertEmptiedWarning(good);
    }

    [Fact]
    public void ExplicitlyEmptySection_ReadsAsNoSettings_KeepsTheRuleSet()
    {
        // IConfiguration keeps no trace of an empty object that the section could see: "CrmRules": {} is the same as a
        // removed section, so it cannot mean "back to the seed standard".
        var (root, monitor, provider) = FromFile(Good);
        using var _ = provider;
        var good = monitor.Current;

        File.WriteAllText(Path.Combine(_folder.Path, "appsettings.json"), """{ "CrmRules": { } }""");
        ReloadFile(root);

        Assert.False(root.GetSection("CrmRules").Exists());
        Assert.Same(good, monitor.Current);
        AssertEmptiedWarning(good);
    }

    [Fact]
    public void AfterAnEmptiedSection_SettingsAgainAreTaken_AndOneSeedValueReturnsToTheSeedStandard()
    {
        var (root, monitor, provider) = FromFile(Good);
        using var _ = provider;
        var file = Path.Combine(_folder.Path, "appsettings.json");
        File.Delete(file);
        ReloadFile(root);
        Assert.Equal(6m, monitor.Current.LeadScoring.AdvanceAtPoints);

        File.WriteAllText(file, """{ "CrmRules": { "leadScoring": { "advanceAtPoints": 7 } } }""");
        ReloadFile(root);
        Assert.Equal(7m, monitor.Current.LeadScoring.AdvanceAtPoints);

        // The documented way back: one setting at its seed value is the seed standard, fingerprint and all.
        File.WriteAllText(file, """{ "CrmRules": { "leadScoring": { "advanceAtPoints": 5 } } }""");
        ReloadFile(root);
        Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, monitor.Current.Fingerprint);
    }

    [Fact]
    public void SectionEmptyFromTheStart_IsTheSeedStandard_AndStaysSoWithoutWarnings()
    {
        var (root, monitor, provider) = FromFile("""{ "Other": { "x": "1" } }""");
        using var _ = provider;

        Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, monitor.Current.Fingerprint);
        File.WriteAllText(Path.Combine(_folder.Path, "appsettings.json"), """{ "Other": { "x": "2" } }""");
        ReloadFile(root);

        Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, monitor.Current.Fingerprint);
        Assert.Empty(_logs.Entries);
    }

    [Fact]
    public void TruncatedFile_OnRootReload_TheProviderThrowsAndKeepsItsData_RuleSetStays()
    {
        // Load() (and ConfigurationRoot.Reload()) loads with reload: false: the JSON provider throws InvalidDataException to
        // the caller before any change is signalled, and keeps what it had read before.
        var (root, monitor, provider) = FromFile(Good);
        using var _ = provider;
        var good = monitor.Current;

        File.WriteAllText(Path.Combine(_folder.Path, "appsettings.json"), """{ "CrmRules": { "leadScoring": { "advanceAt""");
        var error = Assert.Throws<InvalidDataException>(() => ReloadFile(root));

        Assert.Contains("appsettings.json", error.Message, StringComparison.Ordinal);
        Assert.Equal("6", root["CrmRules:leadScoring:advanceAtPoints"]);
        Assert.Same(good, monitor.Current);
        Assert.Empty(_logs.Entries);
    }

    [Fact]
    public void ProviderThatCannotRead_KeepsTheRuleSetAndWarnsNamingTheSectionWithTheException()
    {
        var source = new ControlledSource(new Dictionary<string, string?> { ["CrmRules:leadScoring:advanceAtPoints"] = "6" });
        var (_, monitor, provider) = Build(new ConfigurationBuilder().Add(source).Build());
        using var _ = provider;
        var good = monitor.Current;

        // A provider that reads lazily (a vault, a database) fails while the section is read; before, the exception escaped
        // into the provider's reload signal.
        source.Provider.Break(new IOException("the vault is unreachable"));
        source.Provider.Signal();

        Assert.Same(good, monitor.Current);
        var entry = Assert.Single(_logs.Entries);
        Assert.Equal((LogLevel.Warning, 4), (entry.Level, entry.EventId));
        Assert.Equal($"Reloading the Crm.Rules configuration changed by configuration section 'CrmRules' failed; rule set {good.Fingerprint} stays in force", entry.Message);
        Assert.Equal("the vault is unreachable", Assert.IsType<IOException>(entry.Exception).Message);

        // Readable again: the next signal is taken.
        source.Provider.Repair(new Dictionary<string, string?> { ["CrmRules:leadScoring:advanceAtPoints"] = "7" });
        source.Provider.Signal();
        Assert.Equal(7m, monitor.Current.LeadScoring.AdvanceAtPoints);
    }

    [Fact]
    public void ProviderWhoseLoadThrows_RootReloadThrowsBeforeAnySignal_RuleSetStays()
    {
        var source = new ControlledSource(new Dictionary<string, string?> { ["CrmRules:leadScoring:advanceAtPoints"] = "6" });
        var (root, monitor, provider) = Build(new ConfigurationBuilder().Add(source).Build());
        using var _ = provider;
        var good = monitor.Current;

        source.Provider.FailLoad(new UnauthorizedAccessException("access to appsettings.json is denied"));

        Assert.Equal("access to appsettings.json is denied", Assert.Throws<UnauthorizedAccessException>(root.Reload).Message);
        Assert.Same(good, monitor.Current);
        Assert.Empty(_logs.Entries);
    }

    [Fact]
    public void ProviderThatClearsItsDataAndSignals_KeepsTheRuleSetAndWarnsNamingTheSection()
    {
        // What the JSON provider does on a failed reload from its file watcher when its load-exception handler ignores the
        // error: it empties its data, then signals.
        var source = new ControlledSource(new Dictionary<string, string?> { ["CrmRules:leadScoring:advanceAtPoints"] = "6" });
        var (_, monitor, provider) = Build(new ConfigurationBuilder().Add(source).Build());
        using var _ = provider;
        var good = monitor.Current;

        source.Provider.Repair([]);
        source.Provider.Signal();

        Assert.Same(good, monitor.Current);
        AssertEmptiedWarning(good);
    }

    [Fact]
    public void ANestedSection_IsNamedByItsPath()
    {
        var source = new ControlledSource(new Dictionary<string, string?> { ["Tenants:north:CrmRules:leadScoring:advanceAtPoints"] = "6" });
        var (_, monitor, provider) = Build(new ConfigurationBuilder().Add(source).Build(), "Tenants:north:CrmRules");
        using var _ = provider;

        source.Provider.Repair([]);
        source.Provider.Signal();

        Assert.Equal(6m, monitor.Current.LeadScoring.AdvanceAtPoints);
        Assert.Contains("section 'Tenants:north:CrmRules' had settings and now has none", Assert.Single(_logs.Entries).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFailingListener_DoesNotStopTheOthersOrEscape()
    {
        var source = new ControlledSource(new Dictionary<string, string?> { ["CrmRules:leadScoring:advanceAtPoints"] = "6" });
        var (_, monitor, provider) = Build(new ConfigurationBuilder().Add(source).Build());
        using var _ = provider;
        CrmRuleSet? seen = null;
        using var failing = monitor.OnChange(_ => throw new InvalidOperationException("listener bug"));
        using var working = monitor.OnChange(r => seen = r);

        source.Provider.Repair(new Dictionary<string, string?> { ["CrmRules:leadScoring:advanceAtPoints"] = "7" });
        source.Provider.Signal();

        Assert.Same(monitor.Current, seen);
        var failure = Assert.Single(_logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Equal(5, failure.EventId);
        Assert.Equal("listener bug", failure.Exception!.Message);
    }

    [Fact]
    public async Task TruncatedFileSeenByTheFileWatcher_ProviderEmptiesItsDataWithoutSignalling_NextSignalWarns()
    {
        // The default: the JSON provider's watcher reloads with reload: true, empties its data, and its load-exception
        // handler (here recording, not ignoring) lets the exception escape its own callback, so no change is signalled.
        var loadFailures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var other = new ControlledSource([]);
        var (root, monitor, provider) = FromWatchedFile(Good, ignoreLoadFailures: false, loadFailures, other);
        using var _ = provider;
        var good = monitor.Current;

        File.WriteAllText(Path.Combine(_folder.Path, "appsettings.json"), """{ "CrmRules": { "leadScoring": { "advanceAt""");
        Assert.True(await Eventually(() => !loadFailures.IsEmpty), "the JSON provider did not report the truncated file");

        // The section now reads as empty although nothing was signalled: the rule set in force is the good one, unlogged.
        Assert.False(root.GetSection("CrmRules").Exists());
        Assert.Same(good, monitor.Current);
        Assert.Empty(_logs.Entries);

        // Any later signal (here another provider's) would have compiled the empty section as the seed standard.
        other.Provider.Signal();
        Assert.Same(good, monitor.Current);
        AssertEmptiedWarning(good);
    }

    [Fact]
    public async Task TruncatedFileSeenByTheFileWatcher_WithAnIgnoringLoadExceptionHandler_WarnsAtOnce()
    {
        var loadFailures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var (_, monitor, provider) = FromWatchedFile(Good, ignoreLoadFailures: true, loadFailures);
        using var _ = provider;
        var good = monitor.Current;

        // Replaced in one rename: written in place, the watcher may see the emptied file and then the truncated one, and
        // report two load failures for what is one truncated file (this test was flaky under load).
        var staged = Path.Combine(_folder.Path, "staged.tmp");
        File.WriteAllText(staged, """{ "CrmRules": { "leadScoring": { "advanceAt""");
        File.Move(staged, Path.Combine(_folder.Path, "appsettings.json"), overwrite: true);
        Assert.True(await Eventually(() => _logs.Entries.Count > 0), "no warning after the truncated file");

        Assert.IsType<InvalidDataException>(Assert.Single(loadFailures));
        Assert.Same(good, monitor.Current);
        AssertEmptiedWarning(good);
    }

    // The provider's own Load signals once, as its file watcher does. ConfigurationRoot.Reload() would signal twice (the
    // provider's Load signals, then the root), and the monitor would compile (and log) twice.
    private static void ReloadFile(IConfigurationRoot root) => root.Providers.OfType<Microsoft.Extensions.Configuration.Json.JsonConfigurationProvider>().Single().Load();

    [Fact]
    public async Task FileDeletedUnderTheFileWatcher_KeepsTheRuleSetAndWarns()
    {
        // On a watcher reload the JSON provider treats every file as optional: a deleted file empties its data and signals.
        var loadFailures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var (_, monitor, provider) = FromWatchedFile(Good, ignoreLoadFailures: false, loadFailures);
        using var _ = provider;
        var good = monitor.Current;

        File.Delete(Path.Combine(_folder.Path, "appsettings.json"));
        Assert.True(await Eventually(() => _logs.Entries.Count > 0), "no warning after the file was deleted");

        Assert.Empty(loadFailures);
        Assert.Same(good, monitor.Current);
        AssertEmptiedWarning(good);
    }

    private static async Task<bool> Eventually(Func<bool> condition)
    {
        // Bounded: the watcher waits ReloadDelay (250 ms) after the file event; 10 s covers a loaded build machine.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(10))
            {
                return false;
            }

            await Task.Delay(25);
        }

        return true;
    }

    private void AssertEmptiedWarning(CrmRuleSet good)
    {
        var entry = Assert.Single(_logs.Entries);
        Assert.Equal((LogLevel.Warning, 3), (entry.Level, entry.EventId));
        Assert.Equal(
            $"The Crm.Rules configuration section 'CrmRules' had settings and now has none (a deleted file or section, or a file that could not be read); rule set {good.Fingerprint} stays in force. To return to the seed standard, restart or keep one setting at its seed value.",
            entry.Message);
    }

    private (IConfigurationRoot Root, ICrmRuleSetProvider Monitor, ServiceProvider Provider) FromFile(string json)
    {
        File.WriteAllText(Path.Combine(_folder.Path, "appsettings.json"), json);
        var root = new ConfigurationBuilder()
            .AddJsonFile(new PhysicalFileProvider(_folder.Path), "appsettings.json", optional: true, reloadOnChange: false)
            .Build();
        return Build(root);
    }

    private (IConfigurationRoot Root, ICrmRuleSetProvider Monitor, ServiceProvider Provider) FromWatchedFile(
        string json, bool ignoreLoadFailures, System.Collections.Concurrent.ConcurrentQueue<Exception> loadFailures, ControlledSource? other = null)
    {
        File.WriteAllText(Path.Combine(_folder.Path, "appsettings.json"), json);
        var builder = new ConfigurationBuilder().SetFileLoadExceptionHandler(context =>
        {
            loadFailures.Enqueue(context.Exception);
            context.Ignore = ignoreLoadFailures;
        });
        builder.AddJsonFile(new PhysicalFileProvider(_folder.Path), "appsettings.json", optional: true, reloadOnChange: true);
        if (other is not null)
        {
            builder.Add(other);
        }

        return Build(builder.Build());
    }

    private (IConfigurationRoot Root, ICrmRuleSetProvider Monitor, ServiceProvider Provider) Build(IConfigurationRoot root, string section = "CrmRules")
    {
        var services = new ServiceCollection().AddLogging(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        services.AddCrmRules(root.GetSection(section));
        var provider = services.BuildServiceProvider();
        return (root, provider.GetRequiredService<ICrmRuleSetProvider>(), provider);
    }

    private sealed class ControlledSource(Dictionary<string, string?> data) : IConfigurationSource
    {
        public ControlledProvider Provider { get; } = new(data);

        public IConfigurationProvider Build(IConfigurationBuilder builder) => Provider;
    }

    /// <summary>A provider whose data, read failures and load failures the test sets, and whose change signal it raises.</summary>
    private sealed class ControlledProvider(Dictionary<string, string?> data) : ConfigurationProvider
    {
        private Exception? _readFailure;
        private Exception? _loadFailure;

        public override void Load()
        {
            if (_loadFailure is not null)
            {
                throw _loadFailure;
            }

            Data = new Dictionary<string, string?>(data, StringComparer.OrdinalIgnoreCase);
        }

        public override bool TryGet(string key, out string? value)
            => _readFailure is null ? base.TryGet(key, out value) : throw _readFailure;

        public override IEnumerable<string> GetChildKeys(IEnumerable<string> earlierKeys, string? parentPath)
            => _readFailure is null ? base.GetChildKeys(earlierKeys, parentPath) : throw _readFailure;

        public void Break(Exception failure) => _readFailure = failure;

        public void FailLoad(Exception failure) => _loadFailure = failure;

        public void Repair(Dictionary<string, string?> settings)
        {
            _readFailure = null;
            Data = new Dictionary<string, string?>(settings, StringComparer.OrdinalIgnoreCase);
        }

        public void Signal() => OnReload();
    }
}
