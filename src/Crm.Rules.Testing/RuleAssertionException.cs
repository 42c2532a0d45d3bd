namespace Crm.Rules.Testing;

/// <summary>
/// Thrown by <see cref="RuleAssert"/> when a rule set does not have a property it is asserted to have. Test frameworks
/// report any exception as a failure, so the package needs none of them; the message is the failed check, counter-example
/// included.
/// </summary>
/// <threadsafety>Instances are not meant to be shared between threads; the type holds no shared state.</threadsafety>
public sealed class RuleAssertionException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public RuleAssertionException()
        : base("A rule assertion failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public RuleAssertionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public RuleAssertionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a check that does not hold.</summary>
    /// <param name="result">The failed check.</param>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is <see langword="null"/>.</exception>
    public RuleAssertionException(RuleCheckResult result)
        : base((result ?? throw new ArgumentNullException(nameof(result))).ToString())
    {
        Result = result;
    }

    /// <summary>The failed check.</summary>
    /// <value><see langword="null"/> when the exception was not created from a check.</value>
    public RuleCheckResult? Result { get; }
}
