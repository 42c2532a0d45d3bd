namespace Crm.Rules.Configuration;

/// <summary>
/// Thrown when a configuration cannot be used. It carries every problem found, not just the first.
/// </summary>
/// <threadsafety>Its members are set once, when it is created, and may be read from any thread; like every exception's, <see cref="Exception.Data"/> is mutable.</threadsafety>
public sealed class CrmRulesConfigurationException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    /// <param name="errors">Every problem found; at least one.</param>
    /// <param name="source">Where the configuration came from (a file name), or <see langword="null"/>.</param>
    public CrmRulesConfigurationException(IReadOnlyList<ConfigurationError> errors, string? source = null)
        : base(BuildMessage(errors, source))
    {
        Errors = errors;
        Source = source;
    }

    /// <summary>Every problem found, in document order.</summary>
    public IReadOnlyList<ConfigurationError> Errors { get; }

    /// <summary>Where the configuration came from (a file name), or <see langword="null"/> when not known.</summary>
    public new string? Source { get; }

    private static string BuildMessage(IReadOnlyList<ConfigurationError> errors, string? source)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var where = source is null ? "The Crm.Rules configuration" : $"The Crm.Rules configuration in '{source}'";
        var noun = errors.Count == 1 ? "problem" : "problems";
        return $"{where} has {errors.Count} {noun}:{Environment.NewLine}"
            + string.Join(Environment.NewLine, errors.Select(e => "  " + e));
    }
}
