using NodaTime;

namespace Crm.Rules.Assessment;

/// <summary>
/// Assesses customers across every family in one pass (grade → cadence, churn value, response SLA; churn band →
/// playbook deadlines; stage → strategy) with the current rule set.
/// </summary>
/// <threadsafety>Implementations are thread-safe: every call reads the current rule set once.</threadsafety>
public interface ICustomerAssessor
{
    /// <summary>The current compiled assessment.</summary>
    AssessmentRules Rules { get; }

    /// <summary>Assesses one customer.</summary>
    /// <param name="profile">The customer.</param>
    /// <param name="asOf">The instant of the assessment.</param>
    /// <param name="explain">Whether to build explanations and links.</param>
    /// <returns>The assessment, carrying the rule set's fingerprint.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="profile"/> is <see langword="null"/>.</exception>
    /// <exception cref="CrmInputException">The profile names a grade, stage or lead criterion the rule set does not know.</exception>
    CustomerAssessment Assess(CustomerProfile profile, Instant asOf, bool explain = false);

    /// <summary>Assesses a portfolio and summarises it, with one rule set for every customer even if it is reloaded meanwhile.</summary>
    /// <param name="profiles">The customers, read once.</param>
    /// <param name="asOf">The instant of the assessment.</param>
    /// <returns>The portfolio summary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="profiles"/> is <see langword="null"/>.</exception>
    /// <exception cref="CrmInputException">A profile names a grade, stage or lead criterion the rule set does not know.</exception>
    PortfolioSummary Summarise(IEnumerable<CustomerProfile> profiles, Instant asOf);
}

/// <summary>The <see cref="ICustomerAssessor"/> over the host's current rule set.</summary>
/// <param name="ruleSets">The rule-set provider.</param>
/// <threadsafety>This type is thread-safe.</threadsafety>
public sealed class CustomerAssessor(ICrmRuleSetProvider ruleSets) : ICustomerAssessor
{
    /// <inheritdoc/>
    public AssessmentRules Rules => ruleSets.Current.Assessment;

    /// <inheritdoc/>
    public CustomerAssessment Assess(CustomerProfile profile, Instant asOf, bool explain = false) => Rules.Assess(profile, asOf, explain);

    /// <inheritdoc/>
    public PortfolioSummary Summarise(IEnumerable<CustomerProfile> profiles, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var rules = Rules;
        var tally = new PortfolioTally(rules, asOf);
        foreach (var profile in profiles)
        {
            tally.Add(rules.Assess(profile, asOf));
        }

        return tally.Summary();
    }
}
