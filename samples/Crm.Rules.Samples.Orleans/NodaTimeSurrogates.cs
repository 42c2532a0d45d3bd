using NodaTime;

namespace Crm.Rules.Samples.Orleans;

// Orleans serializes grain calls and grain state with its own codecs; NodaTime's values travel as surrogates that keep
// exactly what the rules need (ticks since the Unix epoch, ISO dates, nanosecond durations).

/// <summary>An <see cref="Instant"/> on the wire: ticks since the Unix epoch (sub-tick nanoseconds are dropped).</summary>
[GenerateSerializer]
public struct InstantSurrogate
{
    /// <summary>Ticks since 1970-01-01T00:00Z.</summary>
    [Id(0)] public long UnixTicks { get; set; }
}

/// <summary>Converts <see cref="Instant"/> to and from its surrogate.</summary>
[RegisterConverter]
public sealed class InstantSurrogateConverter : IConverter<Instant, InstantSurrogate>
{
    /// <inheritdoc />
    public Instant ConvertFromSurrogate(in InstantSurrogate surrogate) => Instant.FromUnixTimeTicks(surrogate.UnixTicks);

    /// <inheritdoc />
    public InstantSurrogate ConvertToSurrogate(in Instant value) => new() { UnixTicks = value.ToUnixTimeTicks() };
}

/// <summary>A <see cref="LocalDate"/> (ISO calendar) on the wire.</summary>
[GenerateSerializer]
public struct LocalDateSurrogate
{
    /// <summary>Year, month and day of the ISO calendar.</summary>
    [Id(0)] public int Year { get; set; }
    [Id(1)] public int Month { get; set; }
    [Id(2)] public int Day { get; set; }
}

/// <summary>Converts <see cref="LocalDate"/> to and from its surrogate.</summary>
[RegisterConverter]
public sealed class LocalDateSurrogateConverter : IConverter<LocalDate, LocalDateSurrogate>
{
    /// <inheritdoc />
    public LocalDate ConvertFromSurrogate(in LocalDateSurrogate surrogate) => new(surrogate.Year, surrogate.Month, surrogate.Day);

    /// <inheritdoc />
    public LocalDateSurrogate ConvertToSurrogate(in LocalDate value) => new() { Year = value.Year, Month = value.Month, Day = value.Day };
}

/// <summary>A <see cref="Duration"/> on the wire, in nanoseconds.</summary>
[GenerateSerializer]
public struct DurationSurrogate
{
    /// <summary>The duration in nanoseconds.</summary>
    [Id(0)] public long Nanoseconds { get; set; }
}

/// <summary>Converts <see cref="Duration"/> to and from its surrogate.</summary>
[RegisterConverter]
public sealed class DurationSurrogateConverter : IConverter<Duration, DurationSurrogate>
{
    /// <inheritdoc />
    public Duration ConvertFromSurrogate(in DurationSurrogate surrogate) => Duration.FromNanoseconds(surrogate.Nanoseconds);

    /// <inheritdoc />
    public DurationSurrogate ConvertToSurrogate(in Duration value) => new() { Nanoseconds = value.ToInt64Nanoseconds() };
}
