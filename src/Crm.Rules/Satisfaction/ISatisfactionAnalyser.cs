namespace Crm.Rules.Satisfaction;

/// <summary>Satisfaction surveys, NPS and KPI checks with the rule set in force (SAT-1, SAT-2, KPI-1).</summary>
/// <threadsafety>Implementations are thread-safe; every call uses the rule set in force when it starts.</threadsafety>
public interface ISatisfactionAnalyser
{
    /// <summary>The satisfaction rules in force.</summary>
    SatisfactionRules Rules { get; }

    /// <inheritdoc cref="SatisfactionRules.Survey(IEnumerable{IReadOnlyDictionary{string, int}})"/>
    SurveyReport Survey(IEnumerable<IReadOnlyDictionary<string, int>> answers);

    /// <inheritdoc cref="SatisfactionRules.Nps(IEnumerable{int})"/>
    NpsReport Nps(IEnumerable<int> scores);

    /// <inheritdoc cref="SatisfactionRules.CheckKpi(string, long, long)"/>
    KpiCheck CheckKpi(string kpi, long successes, long total);
}

/// <summary>The <see cref="ISatisfactionAnalyser"/> that dependency injection provides: each call uses the rule set in force.</summary>
/// <param name="ruleSets">Gives the rule set in force.</param>
/// <threadsafety>This type is thread-safe.</threadsafety>
public sealed class SatisfactionAnalyser(ICrmRuleSetProvider ruleSets) : ISatisfactionAnalyser
{
    /// <inheritdoc/>
    public SatisfactionRules Rules => ruleSets.Current.Satisfaction;

    /// <inheritdoc/>
    public SurveyReport Survey(IEnumerable<IReadOnlyDictionary<string, int>> answers) => Rules.Survey(answers);

    /// <inheritdoc/>
    public NpsReport Nps(IEnumerable<int> scores) => Rules.Nps(scores);

    /// <inheritdoc/>
    public KpiCheck CheckKpi(string kpi, long successes, long total) => Rules.CheckKpi(kpi, successes, total);
}
