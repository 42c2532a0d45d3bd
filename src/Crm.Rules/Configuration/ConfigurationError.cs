namespace Crm.Rules.Configuration;

/// <summary>One problem in a Crm.Rules configuration: where it is and what is wrong, in words an analyst understands.</summary>
/// <param name="Path">The JSON path of the offending setting, e.g. <c>valueGrading.indicators[2].weight</c>.</param>
/// <param name="Message">What is wrong, e.g. <c>must be between 0 and 1</c>.</param>
/// <threadsafety>This type is an immutable record and is thread-safe.</threadsafety>
public sealed record ConfigurationError(string Path, string Message)
{
    /// <summary>Formats the error as <c>path: message</c>.</summary>
    /// <returns>The path, a colon and the message.</returns>
    public override string ToString() => $"{Path}: {Message}";
}
