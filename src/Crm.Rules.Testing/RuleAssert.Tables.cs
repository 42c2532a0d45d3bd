using System.Globalization;
using Crm.Rules.CommandLine.Checking;
using Crm.Rules.Lint;

namespace Crm.Rules.Testing;

// Decision tables, diffs against an approved configuration and lint, for a host's CI: one line each in a test.
public static partial class RuleAssert
{
    /// <summary>Asserts that every case of a decision table holds (see <see cref="DecisionTable"/>).</summary>
    /// <param name="command">The data command, e.g. <c>grade</c>, <c>churn</c>, <c>cadence</c>.</param>
    /// <param name="cases">The decision table: a <c>.csv</c>, <c>.json</c> or <c>.jsonl</c> file.</param>
    /// <param name="rules">The rule set.</param>
    /// <param name="arguments">The command's other options, e.g. <c>"--as-of", "2026-11-24"</c>.</param>
    /// <returns>The result, when every case passed.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="DecisionTableException">The table cannot be read.</exception>
    /// <exception cref="RuleAssertionException">A case failed or a record could not be evaluated; the message lists each failing case, field by field, with the explanation.</exception>
    public static DecisionTableResult DecisionTablePasses(string command, string cases, CrmRuleSet rules, params string[] arguments)
    {
        var result = DecisionTable.Check(command, cases, rules, arguments);
        return result.Outcome == DecisionTableOutcome.Passed ? result : throw new RuleAssertionException(result.ToString());
    }

    /// <summary>
    /// Asserts that changing from <paramref name="approved"/> to <paramref name="candidate"/> changes at most
    /// <paramref name="percent"/> % of the records of <paramref name="input"/> (see <see cref="RuleSetDiff"/>), and that
    /// both rule sets evaluate every record.
    /// </summary>
    /// <param name="command">The data command.</param>
    /// <param name="input">The records.</param>
    /// <param name="approved">The approved (baseline) rule set.</param>
    /// <param name="candidate">The rule set about to ship.</param>
    /// <param name="percent">The share of records allowed to change, 0 to 100.</param>
    /// <param name="arguments">The command's other options.</param>
    /// <returns>The diff, when within the limit.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percent"/> is not from 0 to 100.</exception>
    /// <exception cref="RuleAssertionException">More records changed, or a record could not be evaluated; the message has the transitions and the first changes.</exception>
    public static RuleSetDiffReport ChangesAtMost(string command, string input, CrmRuleSet approved, CrmRuleSet candidate, decimal percent, params string[] arguments)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percent, 0m);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100m);
        var report = RuleSetDiff.Compare(command, input, approved, candidate, new RuleSetDiffOptions { Arguments = arguments });
        if (!report.IsComplete)
        {
            throw new RuleAssertionException($"the {command} diff could not evaluate every record:{Environment.NewLine}{report}");
        }

        return report.ChangedPercent <= percent
            ? report
            : throw new RuleAssertionException(string.Create(CultureInfo.InvariantCulture, $"{report.ChangedPercent:0.##} % of the records changed, more than the {percent} % allowed:{Environment.NewLine}{report}"));
    }

    /// <summary>Asserts that lint finds no problem in the rule set (notes are allowed; see <see cref="RuleSetLinter"/>).</summary>
    /// <param name="rules">The rule set.</param>
    /// <returns>The report, when clean.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    /// <exception cref="RuleAssertionException">Lint found a problem; the message lists each finding with its path and counter-example.</exception>
    public static LintReport LintsClean(CrmRuleSet rules)
    {
        var report = RuleSetLinter.Lint(rules);
        return report.IsClean ? report : throw new RuleAssertionException(report.ToString());
    }
}
