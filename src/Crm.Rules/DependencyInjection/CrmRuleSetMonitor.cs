using Crm.Rules.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Crm.Rules;

/// <summary>
/// Compiles the configured options into a rule set and recompiles on every configuration change. A change that cannot
/// become a rule set keeps the last good rule set in force and is logged: an invalid configuration (an error listing
/// every problem), a section given to <c>AddCrmRules(section)</c> that had settings and now has none (a warning naming the
/// section), and any other failure of the reload (a warning naming the change source, with the exception).
/// </summary>
/// <remarks>
/// <para>
/// It listens to the same change-token sources as <see cref="IOptionsMonitor{TOptions}"/> and builds options through the
/// same <see cref="IOptionsFactory{TOptions}"/> (so every configure and validate step applies), but catches the
/// failure itself: <see cref="IOptionsMonitor{TOptions}"/> would throw it inside the configuration's reload
/// callback, where the host cannot handle it.
/// </para>
/// <para>
/// A section that had settings and reads as empty is not taken as "back to the seed standard": a deleted file, a removed
/// section and a file its provider could not parse all look like that, and <see cref="IConfiguration"/> cannot tell
/// them from a deliberate <c>"CrmRules": {}</c>. To return to the seed standard, restart with an empty section, or
/// keep one setting at its seed value (the rule set then has the seed standard's fingerprint).
/// </para>
/// <para>
/// Reloads are serialised: listeners see rule sets in the order they were compiled. Through dependency injection
/// (<c>AddCrmRules</c>) each compile validates once; built with the public constructor, validators registered as
/// <see cref="IValidateOptions{TOptions}"/> run in the factory and <see cref="CrmRuleSet.Compile"/> validates again.
/// </para>
/// </remarks>
/// <threadsafety>This type is thread-safe: readers see either the old or the new rule set, never a mixture.</threadsafety>
public sealed partial class CrmRuleSetMonitor : ICrmRuleSetProvider, IDisposable
{
    private readonly IOptionsFactory<CrmRulesOptions> _factory;
    private readonly ILogger _logger;
    private readonly CompiledRuleSets? _compiled;
    private readonly CrmRulesSectionSource[] _sections;
    private readonly List<IDisposable> _registrations = [];
    private readonly object _gate = new();
    private readonly object _reloadGate = new();
    private ImmutableListeners _listeners = ImmutableListeners.Empty;
    private CrmRuleSet _current;

    // Per entry of _sections: whether it had settings when the rule set in force was compiled. Guarded by _reloadGate.
    private bool[] _sectionsHadSettings;

    /// <summary>Compiles the initial rule set and starts listening for changes.</summary>
    /// <param name="factory">Builds validated options.</param>
    /// <param name="sources">The change-token sources of the options.</param>
    /// <param name="logger">Receives the problems of rejected reloads; may be <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> or <paramref name="sources"/> is <see langword="null"/>.</exception>
    /// <exception cref="OptionsValidationException">The initial configuration fails a validator of the factory.</exception>
    /// <exception cref="CrmRulesConfigurationException">The initial configuration is invalid (when the factory does not validate it).</exception>
    public CrmRuleSetMonitor(
        IOptionsFactory<CrmRulesOptions> factory,
        IEnumerable<IOptionsChangeTokenSource<CrmRulesOptions>> sources,
        ILogger<CrmRuleSetMonitor>? logger = null)
        : this(factory, sources, logger, compiled: null)
    {
    }

    /// <summary>The constructor dependency injection uses: <paramref name="compiled"/> holds the rule sets validation compiled.</summary>
    internal CrmRuleSetMonitor(
        IOptionsFactory<CrmRulesOptions> factory,
        IEnumerable<IOptionsChangeTokenSource<CrmRulesOptions>> sources,
        ILogger? logger,
        CompiledRuleSets? compiled)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(sources);
        _factory = factory;
        _logger = logger ?? NullLogger.Instance;
        _compiled = compiled;
        var sourceList = sources.ToList();
        _sections = sourceList.OfType<CrmRulesSectionSource>().ToArray();
        _sectionsHadSettings = _sections.Select(s => s.HasSettings).ToArray();
        _current = Build();
        foreach (var source in sourceList)
        {
            _registrations.Add(ChangeToken.OnChange(source.GetChangeToken, () => Reload(source)));
        }
    }

    /// <inheritdoc/>
    public CrmRuleSet Current => Volatile.Read(ref _current);

    /// <inheritdoc/>
    public IDisposable OnChange(Action<CrmRuleSet> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        lock (_gate)
        {
            _listeners = _listeners.Add(listener);
        }

        return new Subscription(this, listener);
    }

    /// <summary>Stops listening for changes.</summary>
    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }

    private static string Describe(IOptionsChangeTokenSource<CrmRulesOptions> source) => source switch
    {
        CrmRulesSectionSource section => $"configuration section '{section.Path}'",
        _ when string.IsNullOrEmpty(source.Name) => source.GetType().Name,
        _ => $"{source.GetType().Name} '{source.Name}'",
    };

    // Takes the rule set the DI validator compiled for exactly these options; compiles (and validates) only on a miss.
    private CrmRuleSet Build()
    {
        var options = _factory.Create(Options.DefaultName);
        return _compiled?.Take(options) ?? CrmRuleSet.Compile(options);
    }

    // A section that had settings when the rule set in force was compiled and has none now.
    private CrmRulesSectionSource? Emptied(bool[] hasSettings)
    {
        for (var i = 0; i < _sections.Length; i++)
        {
            if (_sectionsHadSettings[i] && !hasSettings[i])
            {
                return _sections[i];
            }
        }

        return null;
    }

    private void Reload(IOptionsChangeTokenSource<CrmRulesOptions> source)
    {
        lock (_reloadGate)
        {
            var previous = Current;
            bool[] hasSettings;
            CrmRuleSet next;
            try
            {
                // Reading the section is part of the reload: a provider that cannot read fails here.
                hasSettings = _sections.Select(s => s.HasSettings).ToArray();
                if (Emptied(hasSettings) is { } emptied)
                {
                    LogSectionEmptied(_logger, emptied.Path, previous.Fingerprint);
                    return;
                }

                next = Build();
            }
            catch (OptionsValidationException e)
            {
                LogRejected(_logger, Describe(source), previous.Fingerprint, string.Join(Environment.NewLine, e.Failures));
                return;
            }
            catch (CrmRulesConfigurationException e)
            {
                LogRejected(_logger, Describe(source), previous.Fingerprint, string.Join(Environment.NewLine, e.Errors));
                return;
            }
#pragma warning disable CA1031 // Anything else (a provider that cannot read, a host's configure step) must not replace the rule set or escape into the configuration's reload callback.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogReloadFailed(_logger, e, Describe(source), previous.Fingerprint);
                return;
            }

            _sectionsHadSettings = hasSettings;
            Volatile.Write(ref _current, next);
            if (previous.Fingerprint != next.Fingerprint)
            {
                LogSwapped(_logger, previous.Fingerprint, next.Fingerprint);
            }

            foreach (var listener in Volatile.Read(ref _listeners).Items)
            {
                try
                {
                    listener(next);
                }
#pragma warning disable CA1031 // One failing listener must not keep the others from the new rule set.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    LogListenerFailed(_logger, e, next.Fingerprint);
                }
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "The Crm.Rules configuration changed by {Source} is invalid; rule set {Fingerprint} stays in force. Problems:\n{Problems}")]
    private static partial void LogRejected(ILogger logger, string source, string fingerprint, string problems);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Crm.Rules rule set {Previous} replaced by {Next}")]
    private static partial void LogSwapped(ILogger logger, string previous, string next);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "The Crm.Rules configuration section '{Section}' had settings and now has none (a deleted file or section, or a file that could not be read); rule set {Fingerprint} stays in force. To return to the seed standard, restart or keep one setting at its seed value.")]
    private static partial void LogSectionEmptied(ILogger logger, string section, string fingerprint);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Reloading the Crm.Rules configuration changed by {Source} failed; rule set {Fingerprint} stays in force")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception, string source, string fingerprint);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "A listener of the Crm.Rules rule set failed on rule set {Fingerprint}")]
    private static partial void LogListenerFailed(ILogger logger, Exception exception, string fingerprint);

    private sealed record ImmutableListeners(Action<CrmRuleSet>[] Items)
    {
        public static readonly ImmutableListeners Empty = new([]);

        public ImmutableListeners Add(Action<CrmRuleSet> listener) => new([.. Items, listener]);

        public ImmutableListeners Remove(Action<CrmRuleSet> listener) => new(Items.Where(l => l != listener).ToArray());
    }

    private sealed class Subscription(CrmRuleSetMonitor owner, Action<CrmRuleSet> listener) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._listeners = owner._listeners.Remove(listener);
            }
        }
    }
}
