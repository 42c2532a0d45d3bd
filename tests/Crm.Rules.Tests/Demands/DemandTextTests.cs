using System.Text.Json;
using System.Text.Json.Serialization;
using Crm.Rules.Demands;

namespace Crm.Rules.Tests.Demands;

public class DemandTextTests
{
    private static readonly JsonSerializerOptions WithEnumConverter = new() { Converters = { new JsonStringEnumConverter() } };

    [Theory]
    [InlineData(Quadrant.DoFirst, "do-first")]
    [InlineData(Quadrant.Plan, "plan")]
    [InlineData(Quadrant.QuickResponse, "quick-response")]
    [InlineData(Quadrant.Defer, "defer")]
    public void Quadrant_ToText_IsItsJsonWord(Quadrant quadrant, string text)
    {
        Assert.Equal(text, quadrant.ToText());
        Assert.Equal($"\"{text}\"", JsonSerializer.Serialize(quadrant, WithEnumConverter));
    }

    [Theory]
    [InlineData(DemandOrderKey.Quadrant, "quadrant")]
    [InlineData(DemandOrderKey.CustomerGrade, "customerGrade")]
    [InlineData(DemandOrderKey.ValueToCost, "valueToCost")]
    [InlineData(DemandOrderKey.StrategicFit, "strategicFit")]
    public void OrderKey_ToText_IsItsJsonWord(DemandOrderKey key, string text)
    {
        Assert.Equal(text, key.ToText());
        Assert.Equal($"\"{text}\"", JsonSerializer.Serialize(key, WithEnumConverter));
    }

    [Theory]
    [InlineData(DemandOrderingMode.Lexicographic, "lexicographic")]
    [InlineData(DemandOrderingMode.Weighted, "weighted")]
    public void OrderingMode_ToText_IsItsJsonWord(DemandOrderingMode mode, string text)
    {
        Assert.Equal(text, mode.ToText());
        Assert.Equal($"\"{text}\"", JsonSerializer.Serialize(mode, WithEnumConverter));
    }

    // An undefined value (a cast integer) used to escape as an IndexOutOfRangeException from the word array.
    [Fact]
    public void Quadrant_ToText_Undefined_ThrowsArgumentOutOfRange()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ((Quadrant)4).ToText());
        Assert.Equal(("quadrant", (object?)(Quadrant)4), (e.ParamName, e.ActualValue));
        Assert.Equal($"is not a quadrant (do-first, plan, quick-response, defer) (Parameter 'quadrant'){Environment.NewLine}Actual value was 4.", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ((Quadrant)(-1)).ToText());
    }

    [Fact]
    public void OrderKey_ToText_Undefined_ThrowsArgumentOutOfRange()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ((DemandOrderKey)4).ToText());
        Assert.Equal("key", e.ParamName);
        Assert.Equal($"is not a demand order key (quadrant, customerGrade, valueToCost, strategicFit) (Parameter 'key'){Environment.NewLine}Actual value was 4.", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ((DemandOrderKey)(-1)).ToText());
    }

    [Fact]
    public void OrderingMode_ToText_Undefined_ThrowsArgumentOutOfRange()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ((DemandOrderingMode)2).ToText());
        Assert.Equal("mode", e.ParamName);
        Assert.Equal($"is not a demand ordering mode (lexicographic, weighted) (Parameter 'mode'){Environment.NewLine}Actual value was 2.", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ((DemandOrderingMode)(-1)).ToText());
    }
}
