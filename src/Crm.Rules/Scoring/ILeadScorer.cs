namespace Crm.Rules.Scoring;

/// <summary>Screens leads with the rule set in force (LEAD-1).</summary>
/// <threadsafety>Implementations are thread-safe; every call uses the rule set in force when it starts.</threadsafety>
public interface ILeadScorer
{
    /// <summary>The lead screening rules in force.</summary>
    LeadScoringRules Rules { get; }

    /// <summary>Screens one lead without allocating.</summary>
    /// <param name="met">One flag per criterion, in <see cref="LeadScoringRules.Criteria"/> order.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentException">The number of flags is not the number of criteria.</exception>
    LeadOutcome Score(ReadOnlySpan<bool> met);

    /// <summary>Screens one lead from the names of the criteria it meets and explains the result.</summary>
    /// <param name="metCriteria">The criteria met.</param>
    /// <returns>The assessment.</returns>
    LeadAssessment Assess(IEnumerable<string> metCriteria);
}

/// <summary>The <see cref="ILeadScorer"/> that dependency injection provides: each call uses the rule set in force.</summary>
/// <param name="ruleSets">Gives the rule set in force.</param>
/// <threadsafety>This type is thread-safe.</threadsafety>
public sealed class LeadScorer(ICrmRuleSetProvider ruleSets) : ILeadScorer
{
    /// <inheritdoc/>
    public LeadScoringRules Rules => ruleSets.Current.LeadScoring;

    /// <inheritdoc/>
    public LeadOutcome Score(ReadOnlySpan<bool> met) => Rules.Score(met);

    /// <inheritdoc/>
    public LeadAssessment Assess(IEnumerable<string> metCriteria) => Rules.Assess(metCriteria);
}
