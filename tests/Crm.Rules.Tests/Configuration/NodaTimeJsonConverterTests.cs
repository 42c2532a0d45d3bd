using System.Text.Json;
using Crm.Rules.Configuration;
using NodaTime;

namespace Crm.Rules.Tests.Configuration;

/// <summary>The ISO-8601 converters the rules file uses for periods and durations: what they write, and their refusals.</summary>
public class NodaTimeJsonConverterTests
{
    [Fact]
    public void Converters_WriteIsoText_AndRefuseANullWriter()
    {
        var options = new JsonSerializerOptions();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            new IsoPeriodJsonConverter().Write(writer, Period.FromMonths(1) + Period.FromDays(2), options);
            new IsoDurationJsonConverter().Write(writer, Duration.FromHours(48), options);
            writer.WriteEndArray();
        }

        Assert.Equal("""["P1M2D","PT48H"]""", System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
        Assert.Equal("writer", Assert.Throws<ArgumentNullException>(() => new IsoPeriodJsonConverter().Write(null!, Period.FromDays(1), options)).ParamName);
        Assert.Equal("writer", Assert.Throws<ArgumentNullException>(() => new IsoDurationJsonConverter().Write(null!, Duration.FromHours(1), options)).ParamName);
    }
}
