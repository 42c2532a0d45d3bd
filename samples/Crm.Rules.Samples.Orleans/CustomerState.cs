using NodaTime;

namespace Crm.Rules.Samples.Orleans;

// The grain's durable state: the facts and histories the rules read, never a rule's result that the rules could not
// give again (the grade pending approval and the previous churn total are facts: GRADE-5 and the CHURN trend need them).

/// <summary>A customer's facts and histories, as stored.</summary>
[GenerateSerializer]
public sealed class CustomerState
{
    /// <summary>How many events were applied.</summary>
    [Id(0)] public long Version { get; set; }

    /// <summary>The rule set that applied the last event.</summary>
    [Id(1)] public string? Fingerprint { get; set; }

    /// <summary>The indicator scores as last stated, by indicator name.</summary>
    [Id(2)] public Dictionary<string, int> Scores { get; set; } = [];

    /// <summary>Every purchase, in order.</summary>
    [Id(3)] public List<PurchaseFact> Purchases { get; set; } = [];

    /// <summary>The grade under approval (GRADE-5).</summary>
    [Id(4)] public GradeFact Grade { get; set; } = new();

    /// <summary>Every contact logged, in order.</summary>
    [Id(5)] public List<ContactFact> Contacts { get; set; } = [];

    /// <summary>Every ticket, in the order opened.</summary>
    [Id(6)] public List<TicketFact> Tickets { get; set; } = [];

    /// <summary>Every SLA warning and breach fired, in order.</summary>
    [Id(7)] public List<SlaAlert> Alerts { get; set; } = [];

    /// <summary>Every survey score, in order.</summary>
    [Id(8)] public List<int> SurveyScores { get; set; } = [];

    /// <summary>The lifecycle: stage history and stated facts.</summary>
    [Id(9)] public LifecycleFact Lifecycle { get; set; } = new();

    /// <summary>The churn total before the last one (the trend's reference), and the last one.</summary>
    [Id(10)] public ChurnFact Churn { get; set; } = new();

    /// <summary>The ids of the last <see cref="CustomerHistory.RememberedEventIds"/> events applied, oldest first.</summary>
    [Id(11)] public List<string> RecentEventIds { get; set; } = [];
}

/// <summary>A purchase.</summary>
[GenerateSerializer]
public sealed record PurchaseFact([property: Id(0)] Instant At, [property: Id(1)] decimal Amount);

/// <summary>A contact on a date.</summary>
[GenerateSerializer]
public sealed record ContactFact([property: Id(0)] LocalDate Date, [property: Id(1)] string? Outcome, [property: Id(2)] bool LeftUnresolvedTodos);

/// <summary>The grade in effect and the one pending approval (the library's <c>GradeAssignment</c>, stored flat).</summary>
[GenerateSerializer]
public sealed class GradeFact
{
    /// <summary>The last computed total and grade (before approval).</summary>
    [Id(0)] public decimal? Total { get; set; }
    [Id(1)] public string? Computed { get; set; }

    /// <summary>The approved grade and the proposed one (GRADE-5).</summary>
    [Id(2)] public string? Approved { get; set; }
    [Id(3)] public string? Proposed { get; set; }
    [Id(4)] public Instant? ProposedAt { get; set; }
    [Id(5)] public Instant? ApprovedAt { get; set; }
    [Id(6)] public string? ApprovedBy { get; set; }
}

/// <summary>A ticket's SLA clock as facts: its policy by name, the pauses, the stop; and the alarms scheduled for it.</summary>
[GenerateSerializer]
public sealed class TicketFact
{
    [Id(0)] public string Id { get; set; } = "";
    [Id(1)] public string Kind { get; set; } = "";
    [Id(2)] public string? Priority { get; set; }
    [Id(3)] public string Policy { get; set; } = "";
    [Id(4)] public Instant OpenedAt { get; set; }
    [Id(5)] public List<PauseFact> Pauses { get; set; } = [];
    [Id(6)] public Instant? ResolvedAt { get; set; }

    /// <summary>Warnings and the breach still to fire, each at its instant.</summary>
    [Id(7)] public List<SlaAlarm> Alarms { get; set; } = [];
}

/// <summary>A pause of an SLA clock; <see cref="To"/> is null while it lasts.</summary>
[GenerateSerializer]
public sealed record PauseFact([property: Id(0)] Instant From, [property: Id(1)] Instant? To);

/// <summary>What an alarm announces.</summary>
public enum SlaAlarmKind
{
    /// <summary>A warning threshold of the policy is reached.</summary>
    Warning,

    /// <summary>The deadline passes unresolved.</summary>
    Breach,
}

/// <summary>An SLA alarm scheduled at an instant: a warning at a threshold (fraction of the target), or the breach.</summary>
[GenerateSerializer]
public sealed record SlaAlarm([property: Id(0)] SlaAlarmKind Kind, [property: Id(1)] decimal? Level, [property: Id(2)] Instant Due);

/// <summary>An SLA warning or breach that fired: when it was due, when it was checked, and what the library said then.</summary>
[GenerateSerializer]
public sealed record SlaAlert(
    [property: Id(0)] string TicketId,
    [property: Id(1)] SlaAlarmKind Kind,
    [property: Id(2)] decimal? Level,
    [property: Id(3)] Instant Due,
    [property: Id(4)] Instant FiredAt,
    [property: Id(5)] string Status,
    [property: Id(6)] string Fingerprint);

/// <summary>The lifecycle machine's history and facts.</summary>
[GenerateSerializer]
public sealed class LifecycleFact
{
    [Id(0)] public List<StageEntryFact> History { get; set; } = [];
    [Id(1)] public Dictionary<string, decimal> Numbers { get; set; } = [];
    [Id(2)] public Dictionary<string, bool> Flags { get; set; } = [];
}

/// <summary>A stage entered at an instant, with the reason.</summary>
[GenerateSerializer]
public sealed record StageEntryFact([property: Id(0)] string Stage, [property: Id(1)] Instant At, [property: Id(2)] string? Reason);

/// <summary>The churn totals: the last one and the one before (the trend compares them).</summary>
[GenerateSerializer]
public sealed class ChurnFact
{
    [Id(0)] public int? Total { get; set; }
    [Id(1)] public int? Previous { get; set; }
    [Id(2)] public string? Band { get; set; }
    [Id(3)] public string? Trend { get; set; }
    [Id(4)] public LocalDate? AsOf { get; set; }
}
