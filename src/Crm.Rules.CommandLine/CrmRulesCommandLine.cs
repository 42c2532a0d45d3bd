namespace Crm.Rules.CommandLine;

/// <summary>
/// The <c>crm-rules</c> command line, in-process: the same commands, options, output and exit codes as the tool
/// (<c>0</c> success, <c>1</c> a check or gate failed, <c>2</c> bad input, <c>3</c> an internal error).
/// </summary>
/// <threadsafety>Static and safe to call from several threads at once: each call has its own rules, input and writers.</threadsafety>
public static class CrmRulesCommandLine
{
    /// <summary>Runs one command line, e.g. <c>["grade", "--input", "customers.csv", "--format", "json"]</c>.</summary>
    /// <param name="args">The arguments, as a shell would split them.</param>
    /// <param name="output">Where results go (stdout).</param>
    /// <param name="error">Where record errors, progress and the summary go (stderr).</param>
    /// <param name="outputIsTerminal">Whether <paramref name="output"/> is a terminal (tables then take its width).</param>
    /// <returns>The exit code.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static int Run(string[] args, TextWriter output, TextWriter error, bool outputIsTerminal = false)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        return CliApp.Run(args, output, error, outputIsTerminal);
    }
}
