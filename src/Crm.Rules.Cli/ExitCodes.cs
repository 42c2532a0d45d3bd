namespace Crm.Rules.Cli;

/// <summary>The exit codes of every crm-rules command.</summary>
internal static class ExitCodes
{
    /// <summary>Everything was processed.</summary>
    public const int Success = 0;

    /// <summary>An unexpected failure (a bug): reported in one line, without a stack trace.</summary>
    public const int InternalError = 1;

    /// <summary>Bad input, bad configuration or bad usage; or at least one record failed.</summary>
    public const int BadInput = 2;
}
