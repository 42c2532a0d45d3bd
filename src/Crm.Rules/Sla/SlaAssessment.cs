using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace Crm.Rules.Sla;

/// <summary>Where an SLA clock stands.</summary>
/// <remarks>
/// Written as <see cref="SlaStatusText.ToText"/> says, in output and in JSON alike (<see cref="SlaStatusJsonConverter"/>).
/// The member names repeat the text only for hosts whose JSON options register a <c>JsonStringEnumConverter</c>, which
/// takes precedence over a type's converter; a test keeps them equal to <see cref="SlaStatusText.ToText"/>.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[JsonConverter(typeof(SlaStatusJsonConverter))]
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

    /// <summary>
    /// A one-line summary such as <c>response-B on business: breached as of 2026-11-26T02:00:00Z; deadline
    /// 2026-11-26T01:00:00Z, elapsed PT49H of PT48H, remaining -PT1H; rule set 0123456789abcdef</c>.
    /// </summary>
    /// <returns>The summary.</returns>
    public override string ToString()
    {
        var warning = WarningLevel is { } level ? $" ({FixedPoint.Format(level)} of the target elapsed)" : "";
        var paused = Paused > Duration.Zero ? $", paused {IsoDuration.Format(Paused)}" : "";
        return $"{Policy} on {Calendar}: {Status.ToText()}{warning} as of {Show(AsOf)}; deadline {Show(Deadline)}, "
            + $"elapsed {IsoDuration.Format(Elapsed)} of {IsoDuration.Format(Target)}, remaining {IsoDuration.Format(Remaining)}{paused}; rule set {Fingerprint}";
    }

    internal static string Show(Instant instant) => InstantPattern.ExtendedIso.Format(instant);
}

/// <summary>Text forms of <see cref="SlaStatus"/>: the one place they are written, for output and JSON alike.</summary>
/// <threadsafety>This type is stateless and thread-safe.</threadsafety>
public static class SlaStatusText
{
    /// <summary>The status as written in files and output: <c>running</c>, <c>paused</c>, <c>warning</c>, <c>breached</c>, <c>met</c>, <c>met-late</c>.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="status"/> is not a <see cref="SlaStatus"/>.</exception>
    public static string ToText(this SlaStatus status) => status switch
    {
        SlaStatus.Running => "running",
        SlaStatus.Paused => "paused",
        SlaStatus.Warning => "warning",
        SlaStatus.Breached => "breached",
        SlaStatus.Met => "met",
        SlaStatus.MetLate => "met-late",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "is not an SLA status"),
    };

    /// <summary>Reads a status from its text (<see cref="ToText"/>), exactly as written.</summary>
    /// <param name="text">The text, e.g. <c>met-late</c>.</param>
    /// <param name="status">The status, when the text is one.</param>
    /// <returns><see langword="true"/> when the text is a status.</returns>
    public static bool TryParse(string? text, out SlaStatus status)
    {
        foreach (var candidate in Enum.GetValues<SlaStatus>())
        {
            if (candidate.ToText() == text)
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }
}

/// <summary>Writes and reads <see cref="SlaStatus"/> as its text (<see cref="SlaStatusText.ToText"/>) in any JSON options.</summary>
/// <threadsafety>This type is stateless and thread-safe.</threadsafety>
public sealed class SlaStatusJsonConverter : JsonConverter<SlaStatus>
{
    /// <inheritdoc/>
    /// <exception cref="JsonException">The value is not the text of a status.</exception>
    public override SlaStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return SlaStatusText.TryParse(text, out var status)
            ? status
            : throw new JsonException($"'{text}' is not an SLA status (running, paused, warning, breached, met, met-late)");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, SlaStatus value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToText());
    }
}
