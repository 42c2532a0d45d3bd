using System.Text;
using Crm.Rules.CommandLine.Output;
using Crm.Rules.Data;

namespace Crm.Rules.CommandLine.Checking;

/// <summary>
/// Runs a decision table — a CSV, JSON or JSON Lines file of cases, each the input of one data command plus the
/// results it expects in <c>expect.&lt;field&gt;</c> columns (and optionally <c>case</c>, a name, and for a command
/// with <c>--as-of</c> an <c>asOf</c> column, the date that case runs at) — against a rule set, and compares every expectation exactly: what <c>crm-rules check</c>
/// does, for a host's own tests.
/// </summary>
/// <remarks>
/// <para>The command reads the table as its input (the table's own columns are ignored), so a case is written the way
/// the command's records are. A command that answers record by record (grade, churn, cadence, sla, lifecycle, …) is
/// matched case by case; one that answers after reading (rfm, loyalty, prioritise, summarize, bgnbd score) by the
/// case's <c>id</c>. A field's expected value is compared in the field's terms: numbers as exact decimals, instants as
/// instants, durations as durations, lists item by item (<c>"a; b"</c> or a JSON array); an empty CSV cell expects
/// nothing of that field, <c>null</c> expects no value.</para>
/// <para>A record the command cannot read or evaluate is reported as an input error, with the same file, line,
/// field and sentence as the command prints; the other cases are still checked.</para>
/// </remarks>
/// <threadsafety>Static and safe to call from several threads at once.</threadsafety>
public static class DecisionTable
{
    /// <summary>Checks every case of the table at <paramref name="cases"/> with <paramref name="ruleSet"/>.</summary>
    /// <param name="command">The data command, e.g. <c>grade</c>, <c>churn</c>, <c>cadence</c> or <c>bgnbd score</c>.</param>
    /// <param name="cases">The decision table: a <c>.csv</c>, <c>.json</c> or <c>.jsonl</c> file.</param>
    /// <param name="ruleSet">The rule set to check.</param>
    /// <param name="arguments">The command's other options, as on the command line, e.g. <c>"--as-of", "2026-11-24"</c>.</param>
    /// <returns>The cases that passed and failed, and the input errors.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="DecisionTableException">The table cannot be read: no such file, not CSV or JSON, no expectation, a malformed case.</exception>
    public static DecisionTableResult Check(string command, string cases, CrmRuleSet ruleSet, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(ruleSet);
        ArgumentNullException.ThrowIfNull(arguments);
        var table = DecisionCases.Read(cases, asOfIsOption: CommandInvocation.HasOption(command, "--as-of"));
        var explain = CommandInvocation.HasOption(command, "--explain") && !arguments.Contains("--explain");
        var errors = new List<string>();
        var seenErrors = new HashSet<string>(StringComparer.Ordinal);
        var failures = new List<CaseFailure>();
        var passed = 0;
        var groups = table.Cases.GroupBy(c => c.AsOf, StringComparer.Ordinal).ToList();
        foreach (var group in groups)
        {
            var args = group.Key is null ? arguments : [.. WithoutAsOf(arguments), "--as-of", group.Key];
            if (explain)
            {
                args = [.. args, "--explain"];
            }

            var byOrdinal = new Dictionary<long, CapturedRecord>();
            var byId = new Dictionary<string, CapturedRecord>(StringComparer.Ordinal);
            var wanted = group.Select(c => c.Ordinal).ToHashSet();
            var exit = CommandInvocation.Run(
                CommandInvocation.Arguments(command, cases, args),
                ruleSet,
                record =>
                {
                    if (record.Ordinal > 0)
                    {
                        if (wanted.Contains(record.Ordinal))
                        {
                            byOrdinal[record.Ordinal] = record.Copy();
                        }
                    }
                    else
                    {
                        byId[record.Id.ToString()] = record.Copy();
                    }
                },
                table.ExtraColumns,
                details: true,
                error =>
                {
                    // With several as-of dates the command runs once per date: a record's errors count in its own run.
                    if ((groups.Count == 1 || group.Any(c => Mentions(error, c.Location)) || !table.Cases.Any(c => Mentions(error, c.Location))) && seenErrors.Add(error))
                    {
                        errors.Add(error);
                    }
                });
            if (exit != ExitCodes.Success && errors.Count == 0)
            {
                errors.Add($"{command} stopped with exit code {exit}");
            }

            foreach (var @case in group.Where(c => c.Expectations.Count > 0))
            {
                var result = byOrdinal.GetValueOrDefault(@case.Ordinal) ?? (@case.Id is { } id ? byId.GetValueOrDefault(id) : null);
                if (result is null)
                {
                    // A case whose record failed is an input error already; one that simply has no answer fails.
                    if (!errors.Any(e => Mentions(e, @case.Location)))
                    {
                        failures.Add(new CaseFailure(@case.Name, @case.Location, [], $"the {command} command wrote no result for this case"));
                    }

                    continue;
                }

                var mismatches = new List<ExpectationMismatch>();
                foreach (var expectation in @case.Expectations)
                {
                    var index = result.IndexOf(expectation.Field);
                    if (index < 0)
                    {
                        var known = string.Join(", ", Enumerable.Range(0, result.Count).Select(result.NameAt));
                        var problem = $"{cases} {@case.Location}: expect.{SafeText.Printable(expectation.Field)}: the {command} command writes no field '{SafeText.Printable(expectation.Field)}' (its fields: {known})";
                        if (seenErrors.Add(problem))
                        {
                            errors.Add(problem);
                        }

                        continue;
                    }

                    if (!ValueComparison.Matches(expectation.Value, result, index))
                    {
                        mismatches.Add(new ExpectationMismatch(expectation.Field, expectation.Value, result.TextAt(index)));
                    }
                }

                if (mismatches.Count == 0)
                {
                    passed++;
                }
                else
                {
                    failures.Add(new CaseFailure(@case.Name, @case.Location, mismatches, Explanation(result)));
                }
            }
        }

        return new DecisionTableResult(command, cases, ruleSet.Fingerprint, table.Cases.Count(c => c.Expectations.Count > 0), passed, failures, errors);
    }

    private static IEnumerable<string> WithoutAsOf(string[] arguments)
    {
        for (var i = 0; i < arguments.Length; i++)
        {
            if (arguments[i] == "--as-of")
            {
                i++;
                continue;
            }

            yield return arguments[i];
        }
    }

    // An error names its record as "<file> line 5, …", "<file> line 5 (id …)" or "<file> record 3 (line …)".
    private static bool Mentions(string error, string location)
    {
        var at = 0;
        while ((at = error.IndexOf(" " + location, at, StringComparison.Ordinal)) >= 0)
        {
            var end = at + 1 + location.Length;
            if (end == error.Length || error[end] is ',' or ':' or ' ')
            {
                return true;
            }

            at = end;
        }

        return false;
    }

    private static string? Explanation(CapturedRecord result)
    {
        var parts = new StringBuilder();
        for (var i = 0; i < result.Count; i++)
        {
            if (result.KindAt(i) == CapturedRecord.FieldKind.Details && !result.IsNullAt(i))
            {
                parts.Append(parts.Length == 0 ? "" : "; ").Append(result.NameAt(i)).Append(": ").Append(result.ValueAt(i));
            }
        }

        return parts.Length == 0 ? null : parts.ToString();
    }
}
