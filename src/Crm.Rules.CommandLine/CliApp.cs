using System.CommandLine;
using Crm.Rules.CommandLine.Commands;
using Crm.Rules.CommandLine.Input;
using Crm.Rules.CommandLine.Output;
using Crm.Rules.CommandLine.Records;
using Crm.Rules.CommandLine.Reporting;
using Crm.Rules.Configuration;

namespace Crm.Rules.CommandLine;

/// <summary>The crm-rules command line: parses arguments, runs a command, maps failures to exit codes and messages.</summary>
internal static class CliApp
{
    /// <summary>Whether stdout is a terminal (tables then take its width); set by Program, false under tests.</summary>
    public static bool OutputIsTerminal { get; private set; }

    public static int Run(string[] args, TextWriter output, TextWriter error, bool outputIsTerminal = false, CommandEnvironment? environment = null)
    {
        OutputIsTerminal = outputIsTerminal;
        var root = Build(output, error, environment ?? CommandEnvironment.CommandLine);
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

    /// <summary>Whether the command named by <paramref name="words"/> (<c>grade</c>, <c>bgnbd score</c>) has <paramref name="option"/>.</summary>
    public static bool HasOption(IReadOnlyList<string> words, string option)
    {
        Command command = Build(TextWriter.Null, TextWriter.Null, CommandEnvironment.CommandLine);
        foreach (var word in words)
        {
            if (command.Subcommands.FirstOrDefault(c => c.Name == word || c.Aliases.Contains(word)) is not { } next)
            {
                return false;
            }

            command = next;
        }

        return command.Options.Any(o => o.Name == option || o.Aliases.Contains(option));
    }

    private static RootCommand Build(TextWriter output, TextWriter error, CommandEnvironment environment)
    {
        var config = new Option<FileInfo?>("--config") { Description = "A JSON rules file laid over the seed standard (only the settings it changes)." };
        var input = new Option<FileInfo>("--input") { Description = "The records: .csv with a header row, or .json with an array of objects.", Required = true };
        var format = new Option<string>("--format") { Description = "Output format: table, json or csv.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var explain = new Option<bool>("--explain") { Description = "Show how each result was reached." };

        // The streaming data commands (issue 10): any input (a file or '-' for stdin), four output formats, --max-errors.
        var records = new Option<string>("--input") { Description = "The records: a .csv file with a header row, a .json array of objects, a .jsonl file with one object per line, or '-' for stdin.", Required = true };
        var inputFormat = new Option<string?>("--input-format") { Description = "The input's format when its name does not tell: csv, json or jsonl (stdin and names without an extension are otherwise told from the first byte)." };
        inputFormat.AcceptOnlyFromAmong("csv", "json", "jsonl");
        var dataFormat = new Option<string>("--format") { Description = "Output format: table (80 columns), json (an array), jsonl (one object per line) or csv.", DefaultValueFactory = _ => "table" };
        dataFormat.AcceptOnlyFromAmong("table", "json", "jsonl", "csv");
        var maxErrors = new Option<long?>("--max-errors") { Description = "Stop after this many failed records (default: report every failed record and go on)." };
        maxErrors.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long?>() is < 1)
            {
                r.AddError("--max-errors must be 1 or more");
            }
        });
        var reveal = new Option<bool>("--reveal") { Description = "Print contact details (phone numbers, e-mail addresses) found in ids and messages unmasked; by default they are masked (DATA-3)." };
        var viewer = new Option<string?>("--viewer") { Description = "Who is looking, as role:id or role:id:team (DATA-4): only the records and fields the configured role may see are written; the summary counts the hidden records. Roles of the seed standard: sales-rep, manager, engineer, admin." };
        DataCommandOptions Data(ParseResult p) => new(p.GetRequiredValue(records), p.GetValue(inputFormat), p.GetValue(config), ParseFormat(p.GetValue(dataFormat)), p.GetValue(maxErrors), p.GetValue(reveal), p.GetValue(viewer)) { Environment = environment };

        var grade = new Command("grade", "Grade customers by weighted value indicators (GRADE-1 … GRADE-4).") { records, inputFormat, config, dataFormat, maxErrors, reveal, viewer, explain };
        grade.SetAction(p => GradeCommand.Run(Data(p), p.GetValue(explain), output, error));

        var requiredConfig = new Option<FileInfo>("--config") { Description = "The JSON rules file to check.", Required = true };
        var validate = new Command("validate", "Check a rules file; print every problem with its JSON path.") { requiredConfig };
        validate.SetAction(p =>
        {
            var ruleSet = RuleSetLoader.Load(p.GetRequiredValue(requiredConfig));
            output.WriteLine($"valid; fingerprint {ruleSet.Fingerprint}");
            output.WriteLine($"sections: {string.Join(", ", CrmRulesOptions.Sections)}");
            return ExitCodes.Success;
        });

        var defaults = new Command("defaults", "Print the seed-standard configuration as a JSON rules file.");
        defaults.SetAction(_ =>
        {
            output.WriteLine(CrmRulesJson.Serialize(CrmRulesOptions.SeedStandard()));
            return ExitCodes.Success;
        });

        var calendarName = new Option<string>("--calendar") { Description = "The calendar: 24x7 or a name from the configuration (seed standard: business).", Required = true };
        var start = new Option<string>("--start") { Description = "An ISO-8601 instant with an offset, e.g. 2026-03-06T17:30:00+08:00.", Required = true };
        var duration = new Option<string?>("--duration") { Description = "Business time to add, ISO-8601 (PT48H; negative goes back)." };
        var workingDays = new Option<int?>("--working-days") { Description = "Working days to add: the same local time on the Nth working day." };
        var endOfDay = new Option<bool>("--end-of-day") { Description = "With --working-days: end at the close of the Nth working day." };
        var add = new Command("add", "Add business time or working days to an instant.") { calendarName, start, duration, workingDays, endOfDay, config };
        add.SetAction(p => CalendarCommand.Add(p.GetRequiredValue(calendarName), p.GetRequiredValue(start), p.GetValue(duration), p.GetValue(workingDays), p.GetValue(endOfDay), p.GetValue(config), output));

        var from = new Option<string>("--from") { Description = "The first instant (ISO-8601 with an offset).", Required = true };
        var to = new Option<string>("--to") { Description = "The second instant (ISO-8601 with an offset).", Required = true };
        var between = new Command("between", "The business time between two instants (negative when reversed).") { calendarName, from, to, config };
        between.SetAction(p => CalendarCommand.Between(p.GetRequiredValue(calendarName), p.GetRequiredValue(from), p.GetRequiredValue(to), p.GetValue(config), output));

        var at = new Option<string>("--at") { Description = "The instant (ISO-8601 with an offset).", Required = true };
        var next = new Command("next", "The next working instant at or after an instant.") { calendarName, at, config };
        next.SetAction(p => CalendarCommand.Next(p.GetRequiredValue(calendarName), p.GetRequiredValue(at), p.GetValue(config), output));

        var calendar = new Command("calendar", "Business-calendar arithmetic (SLA-8).") { add, between, next };

        var sla = new Command("sla", "Evaluate SLA clocks: deadline, status, remaining and elapsed business time (SLA-1 … SLA-8).") { records, inputFormat, config, dataFormat, maxErrors, reveal, viewer };
        sla.SetAction(p => SlaCommand.Run(Data(p), output, error));

        var asOf = new Option<string>("--as-of") { Description = "The planning date, e.g. 2026-11-24.", Required = true };
        var cadence = new Command("cadence", "Plan each customer's next contact: due date, days overdue, owner, channel, reason (CAD-1 … CAD-9).") { records, inputFormat, asOf, config, dataFormat, maxErrors, reveal, viewer };
        cadence.SetAction(p => CadenceCommand.Run(Data(p), p.GetRequiredValue(asOf), output, error));

        var assessAsOf = new Option<string>("--as-of") { Description = "The assessment date (its start in assessment.timeZone) or instant, e.g. 2026-11-24 or 2026-11-24T09:00:00+08:00.", Required = true };
        var summary = new Option<bool>("--summary") { Description = "Also draw the portfolio's distributions as bar charts (under a table, otherwise on stderr)." };
        var workers = new Option<int?>("--workers") { Description = "Threads that assess records (default and most: the processor count; 1: one thread). The output is the same whatever the number." };
        workers.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1)
            {
                r.AddError("--workers must be 1 or more");
            }
        });
        DataCommandOptions Spread(ParseResult p) => Data(p) with { Workers = p.GetValue(workers) };
        var assess = new Command("assess", "Assess every customer profile across the families in one pass: grade, lead, churn with playbook deadlines, next contact, stage proposal, response SLA, RFM, data quality (docs/assessment.md).") { records, inputFormat, assessAsOf, config, dataFormat, maxErrors, reveal, viewer, explain, summary, workers };
        assess.SetAction(p => AssessCommand.Run(Spread(p), p.GetRequiredValue(assessAsOf), p.GetValue(explain), p.GetValue(summary), output, error));

        var reportOut = new Option<FileInfo>("--out") { Description = "The HTML file to write (self-contained: no scripts, fonts or network).", Required = true };
        var machineOption = new Option<string>("--machine") { Description = "The machine whose stage order the funnel follows.", DefaultValueFactory = _ => "funnel" };
        var histories = new Option<string?>("--histories") { Description = "Stage histories (id, stage, at, reason: the input of funnel) for the report's funnel; - for stdin." };
        var tickets = new Option<string?>("--tickets") { Description = "Tickets (the input of sla) for the report's SLA compliance by policy; - for stdin." };
        var report = new Command("report", "Assess a portfolio and write one self-contained HTML report with inline SVG charts (docs/report.md).") { records, inputFormat, assessAsOf, reportOut, histories, machineOption, tickets, config, maxErrors, reveal, viewer, summary, workers };
        report.SetAction(p => AssessCommand.Report(Spread(p), p.GetRequiredValue(assessAsOf), p.GetRequiredValue(reportOut), new ReportInputs(p.GetValue(histories), p.GetRequiredValue(machineOption), p.GetValue(tickets)), p.GetValue(summary), output, error));

        var prioritise = new Command("prioritise", "Order a demand backlog by quadrant, customer grade, value/cost and strategic fit (DEM-1 … DEM-4).") { records, inputFormat, config, dataFormat, maxErrors, reveal, viewer };
        prioritise.Aliases.Add("prioritize");
        prioritise.SetAction(p => PrioritiseCommand.Run(Data(p), output, error));

        var nps = new Command("nps", "NPS report from 0..10 scores, with survey item averages and low items when present (SAT-1, SAT-2).") { records, inputFormat, config, dataFormat, maxErrors, reveal, viewer };
        nps.SetAction(p => NpsCommand.Run(Data(p), output, error));

        var churn = new Command("churn", "Score churn risk from dimension scores or raw facts: total, band, fired signals (CHURN-1 … CHURN-5).") { records, inputFormat, config, dataFormat, maxErrors, reveal, viewer, explain };
        churn.SetAction(p => ChurnCommand.Run(Data(p), p.GetValue(explain), output, error));

        var optionalInput = new Option<string?>("--input") { Description = "The records: .csv, .json or .jsonl (or '-' for stdin), each with id, machine, stage, optional to and facts." };
        var diagram = new Option<string?>("--diagram") { Description = "Print the named machine as a Mermaid state diagram instead." };
        var lifecycle = new Command("lifecycle", "Propose stages and decide transitions of the lifecycle and funnel machines (LIFE-1 … LIFE-3).") { optionalInput, inputFormat, diagram, config, dataFormat, maxErrors, reveal, viewer };
        lifecycle.SetAction(p => p.GetValue(diagram) is { } name
            ? LifecycleCommand.Diagram(name, p.GetValue(config), output)
            : p.GetValue(optionalInput) is { } file
                ? LifecycleCommand.Run(new DataCommandOptions(file, p.GetValue(inputFormat), p.GetValue(config), ParseFormat(p.GetValue(dataFormat)), p.GetValue(maxErrors), p.GetValue(reveal), p.GetValue(viewer)) { Environment = environment }, output, error)
                : throw new InputException("give --input RECORDS or --diagram MACHINE"));

        var periodFrom = new Option<string?>("--from") { Description = "The period's start (ISO-8601 instant); default: all time." };
        var periodTo = new Option<string?>("--to") { Description = "The period's end, exclusive; default: all time." };
        var funnel = new Command("funnel", "Funnel analytics over stage histories: conversion rates, median time in stage, outcomes by reason (LIFE-5).") { records, inputFormat, machineOption, periodFrom, periodTo, config, dataFormat, maxErrors, reveal, viewer };
        funnel.SetAction(p => LifecycleCommand.Funnel(Data(p), p.GetRequiredValue(machineOption), p.GetValue(periodFrom), p.GetValue(periodTo), output, error));

        // Analytics (issue 11): transaction logs and (x, t_x, T) summaries, with another system's column names mapped.
        var columns = new Option<string?>("--columns") { Description = "The input's column for each field named otherwise, as field=Column pairs: e.g. id=CustomerID,date=InvoiceDate,quantity=Quantity,price=UnitPrice,invoice=InvoiceNo." };
        var ignoreColumns = new Option<string?>("--ignore-columns") { Description = "Input columns no rule reads, comma-separated: every other column must be a field's (nothing is left out silently)." };
        ColumnMapping Mapping(ParseResult p) => new(p.GetValue(columns), p.GetValue(ignoreColumns));
        var analysisDate = new Option<string>("--as-of") { Description = "The analysis date: recency counts days to it, later lines are left out (e.g. 2011-12-10).", Required = true };
        var segmentSummary = new Option<bool>("--summary") { Description = "Print the customers per segment instead of every customer." };
        var gradeFromHistory = new Option<bool>("--grade") { Description = "Also grade each customer from the order history alone: the value-grading indicators that analytics.gradingIndicators maps to RFM figures (GRADE-1)." };
        var keyAccounts = new Option<bool>("--key-accounts") { Description = "Also classify key accounts (GRADE-7: strategic, profit, potential), with lifetime values from BG/NBD and Gamma-Gamma fitted on the same log." };
        var rfm = new Command("rfm", "RFM figures, 1..5 scores, segments and VIP tiers from a transaction log (id, date, amount or quantity and price, optional invoice) (RFM-1, GRADE-8).") { records, inputFormat, analysisDate, columns, ignoreColumns, segmentSummary, gradeFromHistory, keyAccounts, config, dataFormat, maxErrors, reveal, viewer, explain };
        rfm.SetAction(p => AnalyticsCommands.Rfm(Data(p), Mapping(p), p.GetRequiredValue(analysisDate), p.GetValue(segmentSummary), p.GetValue(explain), p.GetValue(gradeFromHistory), p.GetValue(keyAccounts), output, error));

        var calibrationEnd = new Option<string>("--calibration-end") { Description = "The last day of the calibration period (inclusive), e.g. 1997-09-30.", Required = true };
        var unit = new Option<string>("--unit") { Description = "The time unit of t_x and T: weeks or days.", DefaultValueFactory = _ => "weeks" };
        unit.AcceptOnlyFromAmong("weeks", "days");
        var summarize = new Command("summarize", "Build each customer's (x, t_x, T) summary and mean repeat value m from a transaction log, same-day purchases merged.") { records, inputFormat, calibrationEnd, unit, columns, ignoreColumns, config, dataFormat, maxErrors, reveal, viewer };
        summarize.Aliases.Add("summarise");
        summarize.SetAction(p => AnalyticsCommands.Summarize(Data(p), Mapping(p), p.GetRequiredValue(calibrationEnd), p.GetRequiredValue(unit), output, error));

        var fit = new Command("fit", "Fit the BG/NBD model by maximum likelihood on summaries with columns id,x,t_x,T (or the lifetimes-style ID,frequency,recency,T).") { records, inputFormat, columns, ignoreColumns, config, dataFormat, maxErrors, reveal, viewer };
        fit.SetAction(p => AnalyticsCommands.Fit(Data(p), Mapping(p), output, error));
        var parameters = new Option<string?>("--params") { Description = "The model as r,alpha,a,b (e.g. 0.243,4.414,0.793,2.426); default: fitted on the input first." };
        var horizon = new Option<double>("--horizon") { Description = "Periods ahead for the expected purchases, in the summaries' unit.", Required = true };
        var score = new Command("score", "P(alive), expected purchases over a horizon and the P(alive) churn warning per customer.") { records, inputFormat, parameters, horizon, columns, ignoreColumns, config, dataFormat, maxErrors, reveal, viewer };
        score.SetAction(p => AnalyticsCommands.Score(Data(p), Mapping(p), p.GetValue(parameters), p.GetRequiredValue(horizon), output, error));
        var bgnbd = new Command("bgnbd", "The BG/NBD customer-base model (Fader, Hardie & Lee 2005).") { fit, score };

        // Loyalty (LOY-1): a member's records may be anywhere in the input; one row per member once it is read.
        var statementDate = new Option<string>("--as-of") { Description = "The statement date: points, the qualifying window and reviews up to it; later activities are left out (e.g. 2026-11-24).", Required = true };
        var loyalty = new Command("loyalty", "Each member's points balance, qualifying spend, tier with its change, and the next tier, from activity records (id, date, kind, amount, optional tier and birthday) (LOY-1).") { records, inputFormat, statementDate, config, dataFormat, maxErrors, reveal, viewer, explain };
        loyalty.SetAction(p => LoyaltyCommand.Run(Data(p), p.GetRequiredValue(statementDate), p.GetValue(explain), output, error));

        // For test suites (issue 12): a decision table, and what a change of rules does. Options these commands do not
        // know (--as-of, --machine, --columns …) are the data command's, passed on as they are.
        var dataCommand = new Argument<string>("command") { Description = "The data command: grade, churn, cadence, sla, prioritise, lifecycle, rfm, loyalty, 'bgnbd score', …" };
        var cases = new Option<string>("--cases") { Description = "The decision table: a .csv, .json or .jsonl file of the command's input fields plus expect.<field> columns (and optionally case and asOf).", Required = true };
        var checkFormat = new Option<string>("--format") { Description = "Output format: table or json.", DefaultValueFactory = _ => "table" };
        checkFormat.AcceptOnlyFromAmong("table", "json");
        var check = new Command("check", "Run a decision table: every case through a data command, each expect.<field> compared exactly (exit 1 when one fails).") { dataCommand, cases, config, checkFormat };
        check.TreatUnmatchedTokensAsErrors = false;
        check.SetAction(p => CheckCommands.Check(p.GetRequiredValue(dataCommand), p.GetRequiredValue(cases), p.GetValue(config), p.GetRequiredValue(checkFormat), p.UnmatchedTokens, output, error));

        var fromRules = new Option<FileInfo>("--from") { Description = "The rules in use (a JSON rules file laid over the seed standard).", Required = true };
        var toRules = new Option<FileInfo>("--to") { Description = "The changed rules.", Required = true };
        var diffFormat = new Option<string>("--format") { Description = "Output format: table (transition matrices and the first changes), json or csv (one row per changed field).", DefaultValueFactory = _ => "table" };
        diffFormat.AcceptOnlyFromAmong("table", "json", "csv");
        var failIfChanged = new Option<decimal?>("--fail-if-changed") { Description = "Exit 1 when more than this percentage of the records change (a CI gate), e.g. 5." };
        var diff = new Command("diff", "Evaluate every record under two rule sets and report what changes: counts, from → to matrices per field, every change.") { dataCommand, fromRules, toRules, records, diffFormat, failIfChanged };
        diff.TreatUnmatchedTokensAsErrors = false;
        diff.SetAction(p => CheckCommands.Diff(p.GetRequiredValue(dataCommand), p.GetRequiredValue(fromRules), p.GetRequiredValue(toRules), p.GetRequiredValue(records), p.GetRequiredValue(diffFormat), p.GetValue(failIfChanged), p.UnmatchedTokens, output, error));

        return new RootCommand("crm-rules: run the Crm.Rules CRM domain rules over CSV or JSON files.") { check, diff, assess, report, grade, validate, defaults, LintCommand.Create(output), calendar, sla, cadence, prioritise, nps, churn, lifecycle, funnel, rfm, summarize, bgnbd, loyalty };
    }

    private static OutputFormat ParseFormat(string? text) => text switch
    {
        "json" => OutputFormat.Json,
        "csv" => OutputFormat.Csv,
        "jsonl" => OutputFormat.JsonLines,
        _ => OutputFormat.Table,
    };
}
