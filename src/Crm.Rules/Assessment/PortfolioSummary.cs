using Crm.Rules.Churn;
using NodaTime;

namespace Crm.Rules.Assessment;

/// <summary>A name and how many customers have it.</summary>
/// <param name="Name">The grade, band, stage, tier, role … or <c>none</c>.</param>
/// <param name="Count">How many.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record NamedCount(string Name, long Count)
{
    /// <summary>The count as text: <c>A: 120</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Name}: {Count}";
}

/// <summary>A name and an amount (the value held by the customers of a grade).</summary>
/// <param name="Name">The name.</param>
/// <param name="Amount">The exact sum.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record NamedAmount(string Name, decimal Amount)
{
    /// <summary>The amount as text: <c>A: 120000.50</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Name}: {FixedPoint.Format(Amount)}";
}

/// <summary>The contacts due in one week of the plan, by owner role (CAD-1's work plan).</summary>
/// <param name="WeekStart">The week's first day (the as-of date plus whole weeks); week 0 also holds the overdue contacts.</param>
/// <param name="ByOwnerRole">The contacts due, per owner role, by role name.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record WeeklyContacts(LocalDate WeekStart, IReadOnlyList<NamedCount> ByOwnerRole)
{
    /// <summary>All contacts due in the week.</summary>
    public long Total => ByOwnerRole.Sum(r => r.Count);

    /// <summary>The week as text: <c>week of 2026-11-23: salesDirector 4, salesManager 12</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"week of {NodaTime.Text.LocalDatePattern.Iso.Format(WeekStart)}: {(ByOwnerRole.Count == 0 ? "none" : string.Join(", ", ByOwnerRole.Select(r => $"{r.Name} {r.Count}")))}";
}

/// <summary>A customer among the highest churn risk, by value at stake.</summary>
/// <param name="Id">The customer.</param>
/// <param name="Band">The churn band.</param>
/// <param name="Total">The churn total.</param>
/// <param name="ValueAtStake">The customer's monetary value (the transaction summary's), 0 when not given.</param>
/// <param name="OwnerRole">Who leads the playbook.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record AtRiskCustomer(string Id, ChurnBand Band, int Total, decimal ValueAtStake, string OwnerRole)
{
    /// <summary>The customer as text: <c>c7: high 13, 52000 at stake, salesDirector</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Id}: {Band.Name} {Total}, {FixedPoint.Format(ValueAtStake)} at stake, {OwnerRole}";
}

/// <summary>
/// A portfolio at a glance: counts per grade, band, stage and tier; the value per grade; the signals that fire most
/// per band; contacts due per week per owner role; the customers at highest risk by value at stake. Every count equals
/// the per-customer results it was made from.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record PortfolioSummary
{
    /// <summary>The fingerprint of the rule set that assessed every customer.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>The as-of date.</summary>
    public required LocalDate AsOf { get; init; }

    /// <summary>How many customers were assessed.</summary>
    public required long Customers { get; init; }

    /// <summary>Customers per grade in effect, in grade order, then <c>none</c>.</summary>
    public required IReadOnlyList<NamedCount> Grades { get; init; }

    /// <summary>The monetary value held by each grade's customers, in grade order, then <c>none</c> (for the Pareto chart).</summary>
    public required IReadOnlyList<NamedAmount> ValueByGrade { get; init; }

    /// <summary>Grade changes pending approval (GRADE-5).</summary>
    public required long PendingApproval { get; init; }

    /// <summary>Customers per churn band, in band order (riskiest first).</summary>
    public required IReadOnlyList<NamedCount> Bands { get; init; }

    /// <summary>Per band, the signals that fired, most frequent first.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<NamedCount>> SignalsByBand { get; init; }

    /// <summary>Customers per current stage of the assessment's machine, in stage order.</summary>
    public required IReadOnlyList<NamedCount> Stages { get; init; }

    /// <summary>Customers per proposed stage, in stage order.</summary>
    public required IReadOnlyList<NamedCount> ProposedStages { get; init; }

    /// <summary>Customers per loyalty tier given, by name.</summary>
    public required IReadOnlyList<NamedCount> LoyaltyTiers { get; init; }

    /// <summary>Customers per RFM segment, by name.</summary>
    public required IReadOnlyList<NamedCount> Segments { get; init; }

    /// <summary>Customers per response-time policy (SLA-1).</summary>
    public required IReadOnlyList<NamedCount> ResponsePolicies { get; init; }

    /// <summary>Contacts due per week of the plan (<see cref="AssessmentRules.PlanWeeks"/> weeks), by owner role.</summary>
    public required IReadOnlyList<WeeklyContacts> ContactWeeks { get; init; }

    /// <summary>Contacts due after the plan's last week.</summary>
    public required long ContactsLater { get; init; }

    /// <summary>The customers at highest risk: riskiest band first, then the largest value at stake, then the highest total, then id.</summary>
    public required IReadOnlyList<AtRiskCustomer> TopAtRisk { get; init; }

    /// <summary>Customers whose key fields are all filled, of those with a data-quality section.</summary>
    public required long Complete { get; init; }

    /// <summary>Customers with a data-quality section.</summary>
    public required long QualityChecked { get; init; }

    /// <summary>Customers whose id fails DATA-1, of those with a data-quality section.</summary>
    public required long InvalidIds { get; init; }

    /// <summary>Per section, how many customers had no inputs for it.</summary>
    public required IReadOnlyList<NamedCount> Missing { get; init; }

    /// <summary>The summary as text: customers, grades, bands and the riskiest customer.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
        => $"{Customers} customers as of {NodaTime.Text.LocalDatePattern.Iso.Format(AsOf)}: grades {string.Join(", ", Grades)}; bands {string.Join(", ", Bands)}; {PendingApproval} pending approval{(TopAtRisk.Count == 0 ? "" : $"; highest risk {TopAtRisk[0]}")} (rule set {Fingerprint})";
}
