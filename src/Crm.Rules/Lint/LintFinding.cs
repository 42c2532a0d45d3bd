namespace Crm.Rules.Lint;

/// <summary>One thing lint found: which check, where in the configuration, what it means, and a counter-example.</summary>
/// <param name="Check">The check that found it.</param>
/// <param name="Severity">Whether it is a problem or a note.</param>
/// <param name="Path">The JSON path into the configuration as a user writes it, e.g. <c>churn.bands.high.minimumTotal</c>.</param>
/// <param name="Message">One sentence saying what is wrong and why it matters.</param>
/// <param name="CounterExample">The evidence: values that show it (the lowest and highest totals, two raw values and their scores …), or <see langword="null"/>.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record LintFinding(LintCheck Check, LintSeverity Severity, string Path, string Message, string? CounterExample)
{
    /// <summary>The finding in one or two lines: severity, check, path, sentence and counter-example.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
        => $"{LintWords.Of(Severity)} {LintWords.Of(Check)} at {Path}: {Message}" + (CounterExample is null ? "" : $"{Environment.NewLine}    e.g. {CounterExample}");
}
