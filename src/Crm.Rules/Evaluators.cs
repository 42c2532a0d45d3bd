using Crm.Rules.Cadence;
using Crm.Rules.DataQuality;
using Crm.Rules.Demands;
using Crm.Rules.Satisfaction;
using NodaTime;

namespace Crm.Rules;

/// <summary>Plans contacts with the rule set in force (CAD-1 … CAD-9).</summary>
public interface ICadencePlanner
{
    /// <summary>The cadence rules in force.</summary>
    CadenceRules Rules { get; }

    /// <summary>Plans a customer's next contact.</summary>
    /// <param name="customer">The customer.</param>
    /// <param name="asOf">The planning date.</param>
    /// <returns>The plan.</returns>
    ContactPlan Plan(CadenceCustomer customer, LocalDate asOf);
}

/// <summary>Prioritises demands with the rule set in force (DEM-1 … DEM-4).</summary>
public interface IDemandPrioritiser
{
    /// <summary>The demand rules in force.</summary>
    DemandRules Rules { get; }

    /// <summary>Orders a backlog.</summary>
    /// <param name="demands">The demands.</param>
    /// <returns>The demands in handling order.</returns>
    IReadOnlyList<PrioritisedDemand> Prioritise(IEnumerable<Demand> demands);
}

/// <summary>Satisfaction, NPS and KPI checks with the rule set in force (SAT-1, SAT-2, KPI-1).</summary>
public interface ISatisfactionAnalyser
{
    /// <summary>The satisfaction rules in force.</summary>
    SatisfactionRules Rules { get; }
}

/// <summary>Data quality and privacy checks with the rule set in force (DATA-1 … DATA-3).</summary>
public interface IDataQualityChecker
{
    /// <summary>The data quality rules in force.</summary>
    DataQualityRules Rules { get; }
}

/// <summary>Scores churn risk with the rule set in force (CHURN-1 … CHURN-5).</summary>
public interface IChurnScorer
{
    /// <summary>The churn rules in force.</summary>
    Churn.ChurnRules Rules { get; }
}

/// <summary>Lifecycle and funnel state machines with the rule set in force (LIFE-1 … LIFE-5).</summary>
public interface ILifecycleEngine
{
    /// <summary>The lifecycle rules in force.</summary>
    Lifecycle.LifecycleRules Rules { get; }
}

/// <summary>The evaluators dependency injection provides for the smaller families: each call reads the rule set in force.</summary>
/// <param name="ruleSets">Gives the rule set in force.</param>
public sealed class FamilyEvaluators(ICrmRuleSetProvider ruleSets) : ICadencePlanner, IDemandPrioritiser, ISatisfactionAnalyser, IDataQualityChecker, IChurnScorer, ILifecycleEngine
{
    Lifecycle.LifecycleRules ILifecycleEngine.Rules => ruleSets.Current.Lifecycle;

    Churn.ChurnRules IChurnScorer.Rules => ruleSets.Current.Churn;

    CadenceRules ICadencePlanner.Rules => ruleSets.Current.Cadence;

    DemandRules IDemandPrioritiser.Rules => ruleSets.Current.Demands;

    SatisfactionRules ISatisfactionAnalyser.Rules => ruleSets.Current.Satisfaction;

    DataQualityRules IDataQualityChecker.Rules => ruleSets.Current.DataQuality;

    /// <inheritdoc/>
    public ContactPlan Plan(CadenceCustomer customer, LocalDate asOf) => ruleSets.Current.Cadence.Plan(customer, asOf);

    /// <inheritdoc/>
    public IReadOnlyList<PrioritisedDemand> Prioritise(IEnumerable<Demand> demands) => ruleSets.Current.Demands.Prioritise(demands);
}
