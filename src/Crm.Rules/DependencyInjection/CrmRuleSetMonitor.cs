using Crm.Rules.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Crm.Rules;

/// <summary>
/// Compiles the configured options into a rule set and recompiles on every configuration change. A change that fails
/// validation keeps the last good rule set and logs every problem.
/// </summary>
/// <remarks>
/// It listens to the same change-token sources as <see cref="IOptionsMonitor{TOptions}"/> and builds options through the
/// same <see cref="IOptionsFactory{TOptions}"/> (so every configure and validate step applies), but catches the
/// validation failure itself: <see cref="IOptionsMonitor{TOptions}"/> would throw it inside the configuration's reload
/// callback, where the host cannot handle it.
/// </remarks>
/// <threadsafety>This type is thread-safe: readers see either the old or the new rule set, never a mixture.</threadsafety>
public sealed partial class CrmRuleSetMonitor : ICrmRuleSetProvider, IDisposable
{
    private readonly IOptionsFactory<CrmRulesOptions> _factory;
    private readonly ILogger _logger;
    private readonly List<IDisposable> _registrations = [];
    private readonly object _gate = new();
    private ImmutableListeners _listeners = ImmutableListeners.Empty;
    private CrmRuleSet _current;

    /// <summary>Compiles the initial rule set and starts listening for changes.</summary>
    /// <param name="factory">Builds validated options.</param>
    /// <param name="sources">The change-token sources of the options.</param>
    /// <param name="logger">Receives the problems of rejected reloads; may be <see langword="null"/>.</param>
    /// <exception cref="OptionsValidationException">The initial configuration is invalid.</exception>
    public CrmRuleSetMonitor(
        IOptionsFactory<CrmRulesOptions> factory,
        IEnumerable<IOptionsChangeTokenSource<CrmRulesOptions>> sources,
        ILogger<CrmRuleSetMonitor>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(sources);
        _factory = factory;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _current = CrmRuleSet.Compile(factory.Create(Options.DefaultName));
        foreach (var source in sources)
        {
            _registrations.Add(ChangeToken.OnChange(source.GetChangeToken, Reload));
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

    private void Reload()
    {
        CrmRuleSet next;
        try
        {
            next = CrmRuleSet.Compile(_factory.Create(Options.DefaultName));
        }
        catch (OptionsValidationException e)
        {
            LogRejected(_logger, Current.Fingerprint, string.Join(Environment.NewLine, e.Failures));
            return;
        }
        catch (CrmRulesConfigurationException e)
        {
            LogRejected(_logger, Current.Fingerprint, string.Join(Environment.NewLine, e.Errors));
            return;
        }

        var previous = Interlocked.Exchange(ref _current, next);
        if (previous.Fingerprint != next.Fingerprint)
        {
            LogSwapped(_logger, previous.Fingerprint, next.Fingerprint);
        }

        foreach (var listener in Volatile.Read(ref _listeners).Items)
        {
            listener(next);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "The changed Crm.Rules configuration is invalid; rule set {Fingerprint} stays in force. Problems:\n{Problems}")]
    private static partial void LogRejected(ILogger logger, string fingerprint, string problems);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Crm.Rules rule set {Previous} replaced by {Next}")]
    private static partial void LogSwapped(ILogger logger, string previous, string next);

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
