using System.Text.Json.Serialization;
using NodaTime;

namespace Crm.Rules.Sla;

/// <summary>Where an SLA clock stands.</summary>
public enum SlaStatus
{
    /// <summary>Running, below every warning threshold.</summary>
    [JsonStringEnumMemberName("running")]
    Running,

    /// <summary>Paused (waiting on the customer) and not breached.</summary>
    [JsonStringEnumMemberName("paused")]
    Paused,

    /// <summary>Running, past a warning threshold, not yet breached.</summary>
    [JsonStringEnumMemberName("warning")]
    Warning,

    /// <summary>Not stopped, and the deadline has passed.</summary>
    [JsonStringEnumMemberName("breached")]
    Breached,

    /// <summary>Stopped at or before the deadline.</summary>
    [JsonStringEnumMemberName("met")]
    Met,

    /// <summary>Stopped after the deadline.</summary>
    [JsonStringEnumMemberName("met-late")]
    MetLate,
}

/// <summary>An SLA clock evaluated at an instant: status, deadline, elapsed and remaining business time, and why.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record SlaAssessment
{
    /// <summary>The policy in force.</summary>
    public required string Policy { get; init; }

    /// <summary>The calendar the policy runs on.</summary>
    public required string Calendar { get; init; }

    /// <summary>The instant the clock was evaluated at.</summary>
    public required Instant AsOf { get; init; }

    /// <summary>The status at <see cref="AsOf"/>.</summary>
    public required SlaStatus Status { get; init; }

    /// <summary>The target as business time (a working-day target converted from the clock's start).</summary>
    public required Duration Target { get; init; }

    /// <summary>The deadline, moved by the business time spent paused (an open pause counts up to <see cref="AsOf"/>).</summary>
    public required Instant Deadline { get; init; }

    /// <summary>The business time elapsed, pauses excluded, up to <see cref="AsOf"/> or the stop.</summary>
    public required Duration Elapsed { get; init; }

    /// <summary>Target minus elapsed: negative once breached.</summary>
    public Duration Remaining => Target - Elapsed;

    /// <summary>The business time spent paused.</summary>
    public required Duration Paused { get; init; }

    /// <summary>When the deadline passed unmet (breached or met late), otherwise <see langword="null"/>.</summary>
    public required Instant? BreachedAt { get; init; }

    /// <summary>The highest warning threshold crossed (a fraction of the target), or <see langword="null"/>.</summary>
    public required decimal? WarningLevel { get; init; }

    /// <summary>How the result was reached: target, calendar, pauses, re-targets.</summary>
    public required IReadOnlyList<string> Explanation { get; init; }

    /// <summary>The fingerprint of the rule set that produced the result.</summary>
    public required string Fingerprint { get; init; }
}

/// <summary>Text forms of <see cref="SlaStatus"/>.</summary>
public static class SlaStatusText
{
    /// <summary>The status as written in files and output: <c>running</c>, <c>paused</c>, <c>warning</c>, <c>breached</c>, <c>met</c>, <c>met-late</c>.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The text.</returns>
    public static string ToText(this SlaStatus status) => status switch
    {
        SlaStatus.Running => "running",
        SlaStatus.Paused => "paused",
        SlaStatus.Warning => "warning",
        SlaStatus.Breached => "breached",
        SlaStatus.Met => "met",
        SlaStatus.MetLate => "met-late",
        _ => status.ToString(),
    };
}
