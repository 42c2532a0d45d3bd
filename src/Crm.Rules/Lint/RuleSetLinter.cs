using NodaTime;

namespace Crm.Rules.Lint;

/// <summary>
/// Semantic lint: validation says a configuration is well-formed; lint says whether it means something sensible, with a
/// counter-example where it can (<c>docs/lint.md</c> lists every check).
/// </summary>
/// <remarks>
/// Lint reads the configuration the rule set was compiled from, as it was written, so every finding's path points into
/// the rules file (<c>churn.bands.high.minimumTotal</c>, <c>sla.calendars.business.holidays[3]</c>). Scores and totals
/// are computed exactly in fixed point. Lint never reads the clock: the checks that look a year ahead take the date.
/// </remarks>
/// <threadsafety>This type is stateless and thread-safe.</threadsafety>
public static class RuleSetLinter
{
    /// <summary>Runs every check over a rule set.</summary>
    /// <param name="ruleSet">The rule set to lint.</param>
    /// <param name="today">
    /// The date the year-ahead checks start from (is a calendar open at all in the next 366 days?); <see langword="null"/>
    /// limits them to what holds for every date (a calendar whose week has no working time).
    /// </param>
    /// <returns>The findings, problems first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ruleSet"/> is <see langword="null"/>.</exception>
    public static LintReport Lint(CrmRuleSet ruleSet, LocalDate? today = null)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        var options = ruleSet.ToOptions();
        var findings = new List<LintFinding>();
        GradingLint.Check(options.ValueGrading, findings);
        GradingLint.CheckLeads(options.LeadScoring, findings);
        ChurnLint.Check(options.Churn, options.Sla, findings);
        SlaLint.Check(options.Sla, ruleSet.Sla, today, findings);
        LifecycleLint.Check(options.Lifecycle, findings);
        CadenceLint.Check(options, today, findings);
        return new LintReport(ruleSet.Fingerprint, findings.OrderBy(f => f.Severity).ToArray());
    }
}
