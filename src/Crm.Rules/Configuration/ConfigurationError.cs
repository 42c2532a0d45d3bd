namespace Crm.Rules.Configuration;

/// <summary>One problem in a Crm.Rules configuration: where it is and what is wrong, in words an analyst understands.</summary>
/// <param name="Path">The JSON path of the offending setting, e.g. <c>valueGrading.indicators[2].weight</c>.</param>
/// <param name="Message">What is wrong, e.g. <c>must be between 0 and 1</c>.</param>
/// <remarks>
/// Both parts are made safe to print: control characters and lone surrogates are escaped (<c>\t</c>, <c>\n</c>,
/// <c>\ud800</c>), so an error stays on one line, and a long word or a long message is cut with "…", so a 10 MB value
/// echoed from a rules file gives a short message.
/// </remarks>
/// <threadsafety>This type is an immutable record and is thread-safe.</threadsafety>
public sealed record ConfigurationError(string Path, string Message)
{
    /// <summary>The longest a path may be; a longer one keeps its first 199 characters and ends with "…".</summary>
    public const int MaximumPathLength = 200;

    /// <summary>The longest a message may be; a longer one is cut with "…".</summary>
    public const int MaximumMessageLength = 500;

    /// <summary>The JSON path of the offending setting, escaped and shortened to at most <see cref="MaximumPathLength"/> characters.</summary>
    public string Path { get; init; } = EchoedText.Bound(Path, MaximumPathLength, longestWord: MaximumPathLength);

    /// <summary>What is wrong, escaped and shortened to at most <see cref="MaximumMessageLength"/> characters.</summary>
    public string Message { get; init; } = EchoedText.Bound(Message, MaximumMessageLength, longestWord: 80);

    /// <summary>Formats the error as <c>path: message</c>.</summary>
    /// <returns>The path, a colon and the message.</returns>
    public override string ToString() => $"{Path}: {Message}";
}
