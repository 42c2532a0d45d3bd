namespace Crm.Rules.CommandLine;

/// <summary>The exit codes of every crm-rules command.</summary>
internal static class ExitCodes
{
    /// <summary>Everything was processed.</summary>
    public const int Success = 0;

    /// <summary>
    /// A check the user asked for did not hold: a decision table's expectation (<c>check</c>), a lint finding
    /// (<c>lint</c>), more changed records than <c>--fail-if-changed</c> allows (<c>diff</c>).
    /// </summary>
    public const int CheckFailed = 1;

    /// <summary>Bad input, bad configuration or bad usage; or at least one record failed.</summary>
    public const int BadInput = 2;

    /// <summary>An unexpected failure (a bug): reported in one line, without a stack trace.</summary>
    public const int InternalError = 3;
}
