using Crm.Rules.Satisfaction;
using NodaTime;

namespace Crm.Rules.Cadence;

/// <summary>Plans contacts with the rule set in force (CAD-1 … CAD-9).</summary>
/// <threadsafety>Implementations are thread-safe; every call uses the rule set in force when it starts.</threadsafety>
public interface ICadencePlanner
{
    /// <summary>The cadence rules in force. Capture them once to plan a batch with one rule set.</summary>
    CadenceRules Rules { get; }

    /// <inheritdoc cref="CadenceRules.Plan(CadenceCustomer, LocalDate)"/>
    ContactPlan Plan(CadenceCustomer customer, LocalDate asOf);

    /// <summary>Every contact due in a date range across a portfolio (see <see cref="CadenceRules.PortfolioPlan"/>).</summary>
    /// <param name="customers">The portfolio.</param>
    /// <param name="from">The first date of the range.</param>
    /// <param name="through">The last date of the range (inclusive).</param>
    /// <returns>The due contacts, by due date, then grade, then id.</returns>
    /// <exception cref="CrmInputException">A customer's grade or lead label is unknown, or neither is given.</exception>
    IReadOnlyList<ContactPlan> PortfolioPlan(IEnumerable<CadenceCustomer> customers, LocalDate from, LocalDate through);

    /// <inheritdoc cref="CadenceRules.NextDueBatch(ReadOnlySpan{CadenceFacts}, LocalDate, Span{LocalDate})"/>
    void NextDueBatch(ReadOnlySpan<CadenceFacts> facts, LocalDate asOf, Span<LocalDate> due);

    /// <inheritdoc cref="CadenceRules.MonthlyReview(long, long, long, long)"/>
    (KpiCheck TodoCompletion, KpiCheck RequestResolution) MonthlyReview(long todosDone, long todosTotal, long requestsResolved, long requestsTotal);
}

/// <summary>The <see cref="ICadencePlanner"/> that dependency injection provides: each call uses the rule set in force.</summary>
/// <param name="ruleSets">Gives the rule set in force.</param>
/// <threadsafety>This type is thread-safe.</threadsafety>
public sealed class CadencePlanner(ICrmRuleSetProvider ruleSets) : ICadencePlanner
{
    /// <inheritdoc/>
    public CadenceRules Rules => ruleSets.Current.Cadence;

    /// <inheritdoc/>
    public ContactPlan Plan(CadenceCustomer customer, LocalDate asOf) => Rules.Plan(customer, asOf);

    /// <inheritdoc/>
    public IReadOnlyList<ContactPlan> PortfolioPlan(IEnumerable<CadenceCustomer> customers, LocalDate from, LocalDate through) => Rules.PortfolioPlan(customers, from, through);

    /// <inheritdoc/>
    public void NextDueBatch(ReadOnlySpan<CadenceFacts> facts, LocalDate asOf, Span<LocalDate> due) => Rules.NextDueBatch(facts, asOf, due);

    /// <inheritdoc/>
    public (KpiCheck TodoCompletion, KpiCheck RequestResolution) MonthlyReview(long todosDone, long todosTotal, long requestsResolved, long requestsTotal)
        => Rules.MonthlyReview(todosDone, todosTotal, requestsResolved, requestsTotal);
}
