namespace Crm.Rules.Churn;

/// <summary>Scores churn risk with the rule set in force (CHURN-1 … CHURN-5).</summary>
/// <threadsafety>Implementations are thread-safe; every call uses the rule set in force when it starts.</threadsafety>
public interface IChurnScorer
{
    /// <summary>The churn rules in force. Capture them once to score a batch with one rule set.</summary>
    ChurnRules Rules { get; }

    /// <inheritdoc cref="ChurnRules.Score(in ChurnFacts)"/>
    ChurnOutcome Score(in ChurnFacts facts);

    /// <inheritdoc cref="ChurnRules.Score(int, int, int)"/>
    ChurnOutcome Score(int behaviour, int attitude, int value);

    /// <inheritdoc cref="ChurnRules.ScoreBatch(ReadOnlySpan{ChurnFacts}, Span{ChurnOutcome})"/>
    void ScoreBatch(ReadOnlySpan<ChurnFacts> facts, Span<ChurnOutcome> outcomes);

    /// <inheritdoc cref="ChurnRules.ScoreBatch(ChurnPortfolio, Span{ChurnOutcome})"/>
    void ScoreBatch(ChurnPortfolio portfolio, Span<ChurnOutcome> outcomes);

    /// <inheritdoc cref="ChurnRules.Explain(in ChurnFacts, int?)"/>
    ChurnAssessment Explain(in ChurnFacts facts, int? previousTotal = null);

    /// <inheritdoc cref="ChurnRules.Explain(int, int, int, int?)"/>
    ChurnAssessment Explain(int behaviour, int attitude, int value, int? previousTotal = null);
}

/// <summary>The <see cref="IChurnScorer"/> that dependency injection provides: each call uses the rule set in force.</summary>
/// <param name="ruleSets">Gives the rule set in force.</param>
/// <threadsafety>This type is thread-safe.</threadsafety>
public sealed class ChurnScorer(ICrmRuleSetProvider ruleSets) : IChurnScorer
{
    /// <inheritdoc/>
    public ChurnRules Rules => ruleSets.Current.Churn;

    /// <inheritdoc/>
    public ChurnOutcome Score(in ChurnFacts facts) => Rules.Score(facts);

    /// <inheritdoc/>
    public ChurnOutcome Score(int behaviour, int attitude, int value) => Rules.Score(behaviour, attitude, value);

    /// <inheritdoc/>
    public void ScoreBatch(ReadOnlySpan<ChurnFacts> facts, Span<ChurnOutcome> outcomes) => Rules.ScoreBatch(facts, outcomes);

    /// <inheritdoc/>
    public void ScoreBatch(ChurnPortfolio portfolio, Span<ChurnOutcome> outcomes) => Rules.ScoreBatch(portfolio, outcomes);

    /// <inheritdoc/>
    public ChurnAssessment Explain(in ChurnFacts facts, int? previousTotal = null) => Rules.Explain(facts, previousTotal);

    /// <inheritdoc/>
    public ChurnAssessment Explain(int behaviour, int attitude, int value, int? previousTotal = null) => Rules.Explain(behaviour, attitude, value, previousTotal);
}
