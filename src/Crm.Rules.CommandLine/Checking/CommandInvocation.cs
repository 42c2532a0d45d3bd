using System.Text;
using Crm.Rules.CommandLine.Output;

namespace Crm.Rules.CommandLine.Checking;

/// <summary>
/// Runs a data command in-process on a rule set, with its results captured: what a decision table and a diff do
/// with any command. The command's record errors are kept (prefixed, for a diff, with the side that reported them);
/// its progress and summary lines are not, because the caller prints its own.
/// </summary>
internal static class CommandInvocation
{
    /// <summary>The command's words (<c>grade</c>, <c>bgnbd score</c>) and the arguments after them.</summary>
    public static string[] Arguments(string command, string input, IEnumerable<string> arguments)
        => [.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--input", input, .. arguments];

    /// <summary>Runs the command; returns its exit code.</summary>
    public static int Run(string[] args, CrmRuleSet ruleSet, Action<CapturedRecord> capture, IReadOnlyCollection<string> ignoredColumns, bool details, Action<string> reportError)
    {
        var environment = new CommandEnvironment { RuleSet = ruleSet, Capture = capture, CaptureDetails = details, IgnoredColumns = ignoredColumns };
        using var errors = new ErrorLines(reportError);
        return CliApp.Run(args, TextWriter.Null, errors, environment: environment);
    }

    /// <summary>Whether a command (its words) has an option, e.g. <c>--explain</c>.</summary>
    public static bool HasOption(string command, string option) => CliApp.HasOption(command.Split(' ', StringSplitOptions.RemoveEmptyEntries), option);

    // Keeps the lines a command writes as "error: …" and drops the rest (progress, notes, the summary).
    private sealed class ErrorLines(Action<string> report) : TextWriter
    {
        private readonly StringBuilder _line = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            if (value == '\n')
            {
                Flush();
            }
            else if (value != '\r')
            {
                _line.Append(value);
            }
        }

        public override void Flush()
        {
            const string Prefix = "error: ";
            if (_line.Length > 0)
            {
                var line = _line.ToString();
                _line.Clear();
                if (line.StartsWith(Prefix, StringComparison.Ordinal))
                {
                    report(line[Prefix.Length..]);
                }
            }
        }

        protected override void Dispose(bool disposing)
        {
            Flush();
            base.Dispose(disposing);
        }
    }
}
