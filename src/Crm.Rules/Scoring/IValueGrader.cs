namespace Crm.Rules.Scoring;

/// <summary>Grades customers with the rule set in force (GRADE-1 … GRADE-4).</summary>
/// <threadsafety>Implementations are thread-safe; every call uses the rule set in force when it starts.</threadsafety>
public interface IValueGrader
{
    /// <summary>The grading rules in force. Capture them once to grade a batch with one rule set.</summary>
    ValueGradingRules Rules { get; }

    /// <summary>Grades one customer from a score vector, without allocating.</summary>
    /// <param name="scores">One score per indicator in <see cref="ValueGradingRules.Indicators"/> order; 0 means missing.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentException">The vector's length is not the number of indicators.</exception>
    GradeOutcome Grade(ReadOnlySpan<byte> scores);

    /// <summary>Grades one customer from raw values.</summary>
    /// <param name="values">One value per indicator, in model order.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentException">The number of values is not the number of indicators.</exception>
    GradeOutcome Grade(ReadOnlySpan<IndicatorValue> values);

    /// <summary>Grades many customers without allocating, all with the same rule set.</summary>
    /// <param name="scores">Score vectors one after another.</param>
    /// <param name="outcomes">Receives one outcome per customer.</param>
    /// <exception cref="ArgumentException">The spans do not hold one score vector per outcome.</exception>
    void GradeBatch(ReadOnlySpan<byte> scores, Span<GradeOutcome> outcomes);

    /// <summary>Grades one customer from values keyed by indicator name and explains the result.</summary>
    /// <param name="values">The values; an indicator not in the map is missing.</param>
    /// <returns>The explanation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is <see langword="null"/>.</exception>
    GradeExplanation Explain(IReadOnlyDictionary<string, IndicatorValue> values);
}

/// <summary>The <see cref="IValueGrader"/> that dependency injection provides: each call uses the rule set in force.</summary>
/// <param name="ruleSets">Gives the rule set in force.</param>
/// <threadsafety>This type is thread-safe.</threadsafety>
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
