namespace Crm.Rules;

/// <summary>Gives the rule set in force. With a reloadable configuration, a valid change swaps in a whole new rule set atomically.</summary>
/// <threadsafety>Implementations are thread-safe: <see cref="Current"/> may be read from any thread and gives a whole rule set, the old or the new one, never a mixture.</threadsafety>
public interface ICrmRuleSetProvider
{
    /// <summary>The rule set in force. Read it once per unit of work so that one batch uses one rule set.</summary>
    CrmRuleSet Current { get; }

    /// <summary>Registers a callback invoked with each new rule set after a successful reload.</summary>
    /// <param name="listener">The callback.</param>
    /// <returns>Disposing it removes the callback.</returns>
    IDisposable OnChange(Action<CrmRuleSet> listener);
}
