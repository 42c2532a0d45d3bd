using Crm.Rules.Cadence;
using Crm.Rules.Lifecycle;
using Crm.Rules.Sla;
using NodaTime;

namespace Crm.Rules.Samples.Orleans;

/// <summary>What a customer grain answers: the state's meaning now, under one rule set, whose fingerprint it carries.</summary>
[GenerateSerializer]
public sealed record CustomerView
{
    [Id(0)] public required string CustomerId { get; init; }

    /// <summary>The rule set that gave every figure of this answer.</summary>
    [Id(1)] public required string Fingerprint { get; init; }

    /// <summary>Events applied so far.</summary>
    [Id(2)] public long Version { get; init; }

    /// <summary>Why the event was refused (the state is unchanged), or null.</summary>
    [Id(3)] public string? Refusal { get; init; }

    /// <summary>The grade in effect, the one pending approval (GRADE-5), the last computed total and grade.</summary>
    [Id(4)] public string? Grade { get; init; }
    [Id(5)] public string? ProposedGrade { get; init; }
    [Id(6)] public decimal? GradeTotal { get; init; }

    /// <summary>The next contact (CAD-1 … CAD-5): when, by whom, whether escalated, why.</summary>
    [Id(7)] public LocalDate? NextContactDue { get; init; }
    [Id(8)] public string? ContactOwner { get; init; }
    [Id(9)] public bool ContactEscalated { get; init; }
    [Id(10)] public string? ContactReason { get; init; }

    /// <summary>The customer's NPS over their answers (SAT-1).</summary>
    [Id(11)] public decimal? Nps { get; init; }

    /// <summary>The lifecycle stage, the stage the facts propose, and the time spent in the stage so far.</summary>
    [Id(12)] public string? Stage { get; init; }
    [Id(13)] public string? ProposedStage { get; init; }
    [Id(14)] public Duration? TimeInStage { get; init; }

    /// <summary>Churn risk at the last event: total, band and trend against the total before it.</summary>
    [Id(15)] public int? ChurnTotal { get; init; }
    [Id(16)] public string? ChurnBand { get; init; }
    [Id(17)] public string? ChurnTrend { get; init; }

    /// <summary>Every ticket's SLA clock now.</summary>
    [Id(18)] public List<TicketView> Tickets { get; init; } = [];

    /// <summary>Every SLA warning and breach fired so far.</summary>
    [Id(19)] public List<SlaAlert> Alerts { get; init; } = [];

    /// <summary>The next SLA alarm's instant, or null.</summary>
    [Id(20)] public Instant? NextAlarm { get; init; }

    /// <summary>The answer for <paramref name="state"/> at <paramref name="now"/> under <paramref name="rules"/>.</summary>
    public static CustomerView Of(string customerId, CustomerState state, CrmRuleSet rules, Instant now, DateTimeZone zone, string? refusal = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(zone);
        var today = now.InZone(zone).Date;
        var history = state.Lifecycle.History;
        var stage = history.Count == 0 ? null : history[^1].Stage;

        ContactPlan? plan = null;
        if (state.Contacts.Count > 0 || state.Purchases.Count > 0)
        {
            try
            {
                plan = rules.Cadence.Plan(new CadenceCustomer(customerId)
                {
                    Grade = state.Grade.Approved,
                    LifecycleStage = stage,
                    LastContact = state.Contacts.Count == 0 ? null : state.Contacts.Max(c => c.Date),
                    FirstDeal = state.Purchases.Count == 0 ? null : state.Purchases.Min(p => p.At).InZone(zone).Date,
                    Contacts = state.Contacts.Select(c => new ContactRecord(c.Date, c.Outcome, c.LeftUnresolvedTodos)).ToList(),
                }, today);
            }
            catch (ArgumentException)
            {
                plan = null; // facts the cadence rules refuse: no plan rather than a wrong one
            }
        }

        string? proposed = null;
        Duration? inStage = null;
        if (stage is not null && rules.Lifecycle.Machine(CustomerHistory.Machine) is { } machine)
        {
            proposed = machine.Propose(stage, CustomerHistory.FactsOf(state.Lifecycle)).Proposed;
            var at = now < history[^1].At ? history[^1].At : now;
            inStage = LifecycleRules.TimeInStages(history.Select(h => new StageEntry(h.Stage, h.At, h.Reason)), at)[^1].Duration;
        }

        return new CustomerView
        {
            CustomerId = customerId,
            Fingerprint = rules.Fingerprint,
            Version = state.Version,
            Refusal = refusal,
            Grade = state.Grade.Approved,
            ProposedGrade = state.Grade.Proposed,
            GradeTotal = state.Grade.Total,
            NextContactDue = plan?.NextDue,
            ContactOwner = plan?.OwnerRole,
            ContactEscalated = plan?.Escalated ?? false,
            ContactReason = plan?.Reason,
            Nps = state.SurveyScores.Count == 0 ? null : rules.Satisfaction.Nps(state.SurveyScores).Score,
            Stage = stage,
            ProposedStage = proposed,
            TimeInStage = inStage,
            ChurnTotal = state.Churn.Total,
            ChurnBand = state.Churn.Band,
            ChurnTrend = state.Churn.Trend,
            Tickets = state.Tickets.Select(t => TicketView.Of(t, rules, now)).ToList(),
            Alerts = [.. state.Alerts],
            NextAlarm = CustomerHistory.NextAlarm(state),
        };
    }
}

/// <summary>A ticket's SLA clock at an instant, as the library evaluates it (SLA-1 … SLA-8).</summary>
[GenerateSerializer]
public sealed record TicketView(
    [property: Id(0)] string TicketId,
    [property: Id(1)] string Policy,
    [property: Id(2)] string Status,
    [property: Id(3)] Instant? Deadline,
    [property: Id(4)] decimal? WarningLevel,
    [property: Id(5)] List<SlaAlarm> Alarms)
{
    /// <summary>The view of <paramref name="ticket"/> at <paramref name="now"/>.</summary>
    public static TicketView Of(TicketFact ticket, CrmRuleSet rules, Instant now)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (CustomerHistory.ClockOf(ticket, rules) is not { } clock)
        {
            return new TicketView(ticket.Id, ticket.Policy, "policy-removed", null, null, [.. ticket.Alarms]);
        }

        var assessment = rules.Sla.Evaluate(clock, now < ticket.OpenedAt ? ticket.OpenedAt : now);
        return new TicketView(ticket.Id, ticket.Policy, assessment.Status.ToText(), assessment.Deadline, assessment.WarningLevel, [.. ticket.Alarms]);
    }
}
