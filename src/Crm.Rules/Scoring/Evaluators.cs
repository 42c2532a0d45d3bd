namespace Crm.Rules.Scoring;

/// <summary>Grades customers with the rule set in force (GRADE-1 … GRADE-4).</summary>
public interface IValueGrader
{
    /// <summary>The grading rules in force. Capture them once to grade a batch with one rule set.</summary>
    ValueGradingRules Rules { get; }

    /// <summary>Grades one customer from a score vector, without allocating.</summary>
    /// <param name="scores">One score per indicator in <see cref="ValueGradingRules.Indicators"/> order; 0 means missing.</param>
    /// <returns>The outcome.</returns>
    GradeOutcome Grade(ReadOnlySpan<byte> scores);

    /// <summary>Grades one customer from raw values.</summary>
    /// <param name="values">One value per indicator, in model order.</param>
    /// <returns>The outcome.</returns>
    GradeOutcome Grade(ReadOnlySpan<IndicatorValue> values);

    /// <summary>Grades many customers without allocating, all with the same rule set.</summary>
    /// <param name="scores">Score vectors one after another.</param>
    /// <param name="outcomes">Receives one outcome per customer.</param>
    void GradeBatch(ReadOnlySpan<byte> scores, Span<GradeOutcome> outcomes);

    /// <summary>Grades one customer from values keyed by indicator name and explains the result.</summary>
    /// <param name="values">The values; an indicator not in the map is missing.</param>
    /// <returns>The explanation.</returns>
    GradeExplanation Explain(IReadOnlyDictionary<string, IndicatorValue> values);
}

/// <summary>Screens leads with the rule set in force (LEAD-1).</summary>
public interface ILeadScorer
{
    /// <summary>The lead screening rules in force.</summary>
    LeadScoringRules Rules { get; }

    /// <summary>Screens one lead without allocating.</summary>
    /// <param name="met">One flag per criterion, in <see cref="LeadScoringRules.Criteria"/> order.</param>
    /// <returns>The outcome.</returns>
    LeadOutcome Score(ReadOnlySpan<bool> met);

    /// <summary>Screens one lead from the names of the criteria it meets and explains the result.</summary>
    /// <param name="metCriteria">The criteria met.</param>
    /// <returns>The assessment.</returns>
    LeadAssessment Assess(IEnumerable<string> metCriteria);
}

/// <summary>The <see cref="IValueGrader"/> that dependency injection provides: each call uses the rule set in force.</summary>
/// <param name="ruleSets">Gives the rule set in force.</param>
public sealed class ValueGrader(ICrmRuleSetProvider ruleSets) : IValueGrader
{
    /// <inheritdoc/>
    public ValueGradingRules Rules => ruleSets.Current.ValueGrading;

    /// <inheritdoc/>
    public GradeOutcome Grade(ReadOnlySpan<byte> scores) => Rules.Grade(scores);

    /// <inheritdoc/>
    public GradeOutcome Grade(ReadOnlySpan<IndicatorValue> values) => Rules.Grade(values);

    /// <inheritdoc/>
    public void GradeBatch(ReadOnlySpan<byte> scores, Span<GradeOutcome> outcomes) => Rules.GradeBatch(scores, outcomes);

    /// <inheritdoc/>
    public GradeExplanation Explain(IReadOnlyDictionary<string, IndicatorValue> values) => Rules.Explain(values);
}

/// <summary>The <see cref="ILeadScorer"/> that dependency injection provides: each call uses the rule set in force.</summary>
/// <param name="ruleSets">Gives the rule set in force.</param>
public sealed class LeadScorer(ICrmRuleSetProvider ruleSets) : ILeadScorer
{
    /// <inheritdoc/>
    public LeadScoringRules Rules => ruleSets.Current.LeadScoring;

    /// <inheritdoc/>
    public LeadOutcome Score(ReadOnlySpan<bool> met) => Rules.Score(met);

    /// <inheritdoc/>
    public LeadAssessment Assess(IEnumerable<string> metCriteria) => Rules.Assess(metCriteria);
}
