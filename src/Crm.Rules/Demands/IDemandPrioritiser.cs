using Crm.Rules.Satisfaction;
using NodaTime;

namespace Crm.Rules.Demands;

/// <summary>Prioritises demands with the rule set in force (DEM-1 … DEM-4).</summary>
/// <threadsafety>Implementations are thread-safe; every call uses the rule set in force when it starts.</threadsafety>
public interface IDemandPrioritiser
{
    /// <summary>The demand rules in force.</summary>
    DemandRules Rules { get; }

    /// <inheritdoc cref="DemandRules.Classify(Demand)"/>
    Quadrant Classify(Demand demand);

    /// <inheritdoc cref="DemandRules.Prioritise(IEnumerable{Demand})"/>
    IReadOnlyList<PrioritisedDemand> Prioritise(IEnumerable<Demand> demands);

    /// <inheritdoc cref="DemandRules.FeedbackDeadline(Instant)"/>
    Instant FeedbackDeadline(Instant metAt);

    /// <inheritdoc cref="DemandRules.Satisfaction(long, long)"/>
    KpiCheck Satisfaction(long satisfied, long total);
}

/// <summary>The <see cref="IDemandPrioritiser"/> that dependency injection provides: each call uses the rule set in force.</summary>
/// <param name="ruleSets">Gives the rule set in force.</param>
/// <threadsafety>This type is thread-safe.</threadsafety>
public sealed class DemandPrioritiser(ICrmRuleSetProvider ruleSets) : IDemandPrioritiser
{
    /// <inheritdoc/>
    public DemandRules Rules => ruleSets.Current.Demands;

    /// <inheritdoc/>
    public Quadrant Classify(Demand demand) => Rules.Classify(demand);

    /// <inheritdoc/>
    public IReadOnlyList<PrioritisedDemand> Prioritise(IEnumerable<Demand> demands) => Rules.Prioritise(demands);

    /// <inheritdoc/>
    public Instant FeedbackDeadline(Instant metAt) => Rules.FeedbackDeadline(metAt);

    /// <inheritdoc/>
    public KpiCheck Satisfaction(long satisfied, long total) => Rules.Satisfaction(satisfied, total);
}
