using NodaTime;
using NodaTime.Text;

namespace Crm.Rules;

/// <summary>ISO-8601 text for instants with an offset: <c>2026-03-06T17:30:00+08:00</c>, <c>2019-12-27T16:00:00Z</c>.</summary>
/// <threadsafety>This type is stateless and thread-safe.</threadsafety>
public static class IsoInstant
{
    // Seconds always, fractions only when present, and the offset as ±HH:mm (+00:00 for UTC).
    private static readonly OffsetDateTimePattern Output =
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<+HH:mm>");

    /// <summary>Formats an instant as local time in a zone with that zone's offset, e.g. <c>2026-11-23T14:30:00+08:00</c>.</summary>
    /// <param name="instant">The instant.</param>
    /// <param name="zone">The zone whose local time and offset to show.</param>
    /// <returns>The text.</returns>
    public static string Format(Instant instant, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return Output.Format(instant.InZone(zone).ToOffsetDateTime());
    }

    /// <summary>Parses an ISO-8601 date and time with an offset or <c>Z</c>.</summary>
    /// <param name="text">The text, e.g. <c>2026-03-06T17:30:00+08:00</c> or <c>2026-03-06T09:30:00Z</c>.</param>
    /// <param name="instant">The instant, when the text is valid.</param>
    /// <returns><see langword="true"/> when the text is valid.</returns>
    public static bool TryParse(string? text, out Instant instant)
    {
        var result = OffsetDateTimePattern.ExtendedIso.Parse(text?.Trim() ?? "");
        instant = result.Success ? result.Value.ToInstant() : default;
        return result.Success;
    }
}
