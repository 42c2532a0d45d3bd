using NodaTime;

namespace Crm.Rules.Samples.Orleans;

// The events a customer grain applies. Each says when it happened (the ERP's instant, never the silo's clock), so that
// replaying the same events in the same order gives the same state whatever the day of the replay.

/// <summary>Something that happened to a customer.</summary>
[GenerateSerializer]
public abstract record CustomerEvent([property: Id(0)] Instant At)
{
    /// <summary>
    /// The sender's id of this event, when it has one: an event whose id the customer has seen recently is answered
    /// again without being applied twice (a retry after an answer lost with a silo).
    /// </summary>
    [Id(1)] public string? EventId { get; init; }
}

/// <summary>A purchase; <see cref="Scores"/> are the indicator scores the ERP knows now (GRADE-1), by indicator name.</summary>
[GenerateSerializer]
public sealed record Purchased(Instant At, [property: Id(0)] decimal Amount, [property: Id(1)] Dictionary<string, int>? Scores = null) : CustomerEvent(At);

/// <summary>An approver's decision on the grade pending approval (GRADE-5).</summary>
[GenerateSerializer]
public sealed record GradeApproved(Instant At, [property: Id(0)] string Approver, [property: Id(1)] string ApproverRole) : CustomerEvent(At);

/// <summary>A contact logged, with its outcome and whether it left to-dos unresolved (CAD-5).</summary>
[GenerateSerializer]
public sealed record ContactLogged(Instant At, [property: Id(0)] string? Outcome, [property: Id(1)] bool LeftUnresolvedTodos) : CustomerEvent(At);

/// <summary>A ticket opened: its kind and priority select the SLA policy (SLA-1 … SLA-7).</summary>
[GenerateSerializer]
public sealed record TicketOpened(Instant At, [property: Id(0)] string TicketId, [property: Id(1)] string Kind, [property: Id(2)] string? Priority = null) : CustomerEvent(At);

/// <summary>The ticket waits on the customer: its SLA clock stands still.</summary>
[GenerateSerializer]
public sealed record TicketPaused(Instant At, [property: Id(0)] string TicketId) : CustomerEvent(At);

/// <summary>The customer answered: the SLA clock runs again.</summary>
[GenerateSerializer]
public sealed record TicketResumed(Instant At, [property: Id(0)] string TicketId) : CustomerEvent(At);

/// <summary>The ticket is resolved: its SLA clock stops (met or met late).</summary>
[GenerateSerializer]
public sealed record TicketResolved(Instant At, [property: Id(0)] string TicketId) : CustomerEvent(At);

/// <summary>A survey answer: the 0–10 recommendation score (SAT-1).</summary>
[GenerateSerializer]
public sealed record SurveyAnswered(Instant At, [property: Id(0)] int Score) : CustomerEvent(At);

/// <summary>Lifecycle facts stated (LIFE-1 … LIFE-4): numbers and true/false facts by name.</summary>
[GenerateSerializer]
public sealed record StageFactsStated(Instant At, [property: Id(0)] Dictionary<string, decimal>? Numbers = null, [property: Id(1)] Dictionary<string, bool>? Flags = null) : CustomerEvent(At);

/// <summary>A requested move to another lifecycle stage; the machine's guards decide.</summary>
[GenerateSerializer]
public sealed record StageMoveRequested(Instant At, [property: Id(0)] string Target, [property: Id(1)] string? Reason = null) : CustomerEvent(At);

/// <summary>The SLA alarms due by <see cref="CustomerEvent.At"/> are checked (the reminder's handler records it).</summary>
[GenerateSerializer]
public sealed record SlaAlarmsDue(Instant At) : CustomerEvent(At);
