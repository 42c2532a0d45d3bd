using System.CommandLine;
using Crm.Rules.CommandLine.Input;
using Crm.Rules.Data;
using Crm.Rules.Lint;
using NodaTime;
using NodaTime.Text;

namespace Crm.Rules.CommandLine.Commands;

/// <summary><c>crm-rules lint</c>: whether a valid configuration means something sensible (<c>docs/lint.md</c>).</summary>
internal static class LintCommand
{
    public static Command Create(TextWriter output)
    {
        var config = new Option<FileInfo?>("--config") { Description = "A JSON rules file laid over the seed standard (default: the seed standard)." };
        var format = new Option<string>("--format") { Description = "Output format: table or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var asOf = new Option<string?>("--as-of") { Description = "Also check the year from this date (e.g. 2026-11-24): calendars with no working time in it. Without it, only what holds for every date." };
        var lint = new Command("lint", "Check that a valid configuration means something sensible: unreachable grades and bands, dead indicators and signals, shadowed SLA policies, calendars that never open, contradictory guards … with counter-examples; exit 1 on a problem.") { config, format, asOf };
        lint.SetAction(p => Run(p.GetValue(config), p.GetRequiredValue(format), p.GetValue(asOf), output));
        return lint;
    }

    private static int Run(FileInfo? config, string format, string? asOfText, TextWriter output)
    {
        LocalDate? today = asOfText is null ? null
            : LocalDatePattern.Iso.Parse(asOfText) is { Success: true } parsed ? parsed.Value
            : throw new InputException($"--as-of: {FieldText.Excerpt(asOfText)} is not a date such as 2026-11-24");
        var report = RuleSetLinter.Lint(RuleSetLoader.Load(config), today);
        output.WriteLine(format == "json" ? report.ToJson() : report.ToString());
        return report.IsClean ? ExitCodes.Success : ExitCodes.CheckFailed;
    }
}
