using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace Crm.Rules.Configuration;

/// <summary>Reads and writes a NodaTime <see cref="Period"/> as an ISO-8601 period such as <c>P1M</c> or <c>P3D</c>.</summary>
/// <threadsafety>This type is stateless and thread-safe.</threadsafety>
public sealed class IsoPeriodJsonConverter : JsonConverter<Period>
{
    /// <inheritdoc/>
    public override Period Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("must be an ISO-8601 period in quotes, e.g. \"P1M\"");
        }

        var text = reader.GetString()!;
        var result = PeriodPattern.NormalizingIso.Parse(text);
        return result.Success
            ? result.Value
            : throw new JsonException($"'{text}' is not an ISO-8601 period such as \"P1M\", \"P3D\" or \"PT48H\"");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, Period value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(PeriodPattern.Roundtrip.Format(value));
    }
}

/// <summary>
/// Reads and writes a NodaTime <see cref="Duration"/> as an ISO-8601 duration in hours, minutes and seconds
/// (<c>PT48H</c>, <c>PT2M</c>, <c>-PT5H</c>). Days are accepted on input as exactly 24 hours; months and years are not,
/// because they have no fixed length.
/// </summary>
/// <threadsafety>This type is stateless and thread-safe.</threadsafety>
public sealed class IsoDurationJsonConverter : JsonConverter<Duration>
{
    /// <inheritdoc/>
    public override Duration Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("must be an ISO-8601 duration in quotes, e.g. \"PT48H\"");
        }

        var text = reader.GetString()!;
        return IsoDuration.TryParse(text, out var duration)
            ? duration
            : throw new JsonException($"'{text}' is not an ISO-8601 duration such as \"PT48H\" or \"PT30M\"");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, Duration value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(IsoDuration.Format(value));
    }
}
