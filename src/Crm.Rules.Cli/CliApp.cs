using System.CommandLine;
using Crm.Rules.Cli.Commands;
using Crm.Rules.Cli.Input;
using Crm.Rules.Cli.Output;
using Crm.Rules.Configuration;

namespace Crm.Rules.Cli;

/// <summary>The crm-rules command line: parses arguments, runs a command, maps failures to exit codes and messages.</summary>
internal static class CliApp
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = Build(output, error);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                error.WriteLine($"error: {problem.Message}");
            }

            error.WriteLine("Run 'crm-rules --help' for usage.");
            return ExitCodes.BadInput;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (CrmRulesConfigurationException e)
        {
            RuleSetLoader.Report(e, error);
            return ExitCodes.BadInput;
        }
        catch (InputException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
#pragma warning disable CA1031 // The last line of defence: a one-line message, never a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            error.WriteLine($"internal error ({e.GetType().Name}): {e.Message}");
            return ExitCodes.InternalError;
        }
    }

    private static RootCommand Build(TextWriter output, TextWriter error)
    {
        var config = new Option<FileInfo?>("--config") { Description = "A JSON rules file laid over the seed standard (only the settings it changes)." };
        var input = new Option<FileInfo>("--input") { Description = "The records: .csv with a header row, or .json with an array of objects.", Required = true };
        var format = new Option<string>("--format") { Description = "Output format: table, json or csv.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var explain = new Option<bool>("--explain") { Description = "Show how each result was reached." };

        var grade = new Command("grade", "Grade customers by weighted value indicators (GRADE-1 … GRADE-4).") { input, config, format, explain };
        grade.SetAction(p => GradeCommand.Run(
            p.GetRequiredValue(input), p.GetValue(config), ParseFormat(p.GetValue(format)), p.GetValue(explain), output, error));

        var requiredConfig = new Option<FileInfo>("--config") { Description = "The JSON rules file to check.", Required = true };
        var validate = new Command("validate", "Check a rules file; print every problem with its JSON path.") { requiredConfig };
        validate.SetAction(p =>
        {
            var ruleSet = RuleSetLoader.Load(p.GetRequiredValue(requiredConfig));
            output.WriteLine($"valid; fingerprint {ruleSet.Fingerprint}");
            return ExitCodes.Success;
        });

        var defaults = new Command("defaults", "Print the seed-standard configuration as a JSON rules file.");
        defaults.SetAction(_ =>
        {
            output.WriteLine(CrmRulesJson.Serialize(CrmRulesOptions.SeedStandard()));
            return ExitCodes.Success;
        });

        return new RootCommand("crm-rules: run the Crm.Rules CRM domain rules over CSV or JSON files.") { grade, validate, defaults };
    }

    private static OutputFormat ParseFormat(string? text) => text switch
    {
        "json" => OutputFormat.Json,
        "csv" => OutputFormat.Csv,
        _ => OutputFormat.Table,
    };
}
