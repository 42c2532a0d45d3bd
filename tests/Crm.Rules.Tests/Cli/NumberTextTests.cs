using System.Globalization;
using Crm.Rules.CommandLine.Output;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Rules.Tests.Cli;

// The CLI's number formatting moved out of the library (it is presentation, not a rule): it must keep
// printing exactly what the library's own texts print.
public class NumberTextTests
{
    [Theory]
    [InlineData("0.300", "0.3")]
    [InlineData("1.000000", "1")]
    [InlineData("100", "100")]
    [InlineData("-2.50", "-2.5")]
    [InlineData("0.000001", "0.000001")]
    [InlineData("1000000", "1000000")]
    [InlineData("0.0000000000000000000000000001", "0.0000000000000000000000000001")]
    [InlineData("-0.0000000000000000000000000001", "-0.0000000000000000000000000001")]
    [InlineData("18446744073709551615", "18446744073709551615")]
    [InlineData("18446744073709551616", "18446744073709551616")]
    [InlineData("-1844674407.3709551615", "-1844674407.3709551615")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    public void Format_DropsTrailingZerosInTheInvariantCulture(string value, string text)
    {
        var number = decimal.Parse(value, CultureInfo.InvariantCulture);
        Assert.Equal(text, ResultWriter.Format(number));
        Assert.Equal(FixedPoint.Format(number), ResultWriter.Format(number));
    }

    [Fact]
    public void Format_WritesZeroAndNegativeZeroAsTheFormatterDoes()
    {
        foreach (var zero in new[] { 0m, new decimal(0, 0, 0, isNegative: true, scale: 3), new decimal(0, 0, 0, isNegative: false, scale: 28) })
        {
            Assert.Equal(Reference(zero), ResultWriter.Format(zero));
        }
    }

    // Any decimal, from its parts: mantissas of one, two and three 32-bit words (the 64-bit path and past it), both signs,
    // every scale; shrinks towards small mantissas and scales.
    private static Arbitrary<decimal> Decimals() => Arb.From(
        from low in ArbMap.Default.GeneratorFor<int>()
        from middle in Gen.Frequency((3, Gen.Constant(0)), (2, ArbMap.Default.GeneratorFor<int>()))
        from high in Gen.Frequency((5, Gen.Constant(0)), (1, ArbMap.Default.GeneratorFor<int>()))
        from negative in ArbMap.Default.GeneratorFor<bool>()
        from scale in Gen.Choose(0, 28)
        select new decimal(low, middle, high, negative, (byte)scale));

    [Property(MaxTest = 2000)]
    public Property Format_IsTheDefaultFormatWithoutTheFractionsTrailingZeros()
        => Prop.ForAll(Decimals(), value => (ResultWriter.Format(value) == Reference(value)).Label($"{value}: {ResultWriter.Format(value)} vs {Reference(value)}"));

    // What the writer printed before it wrote digits itself: the invariant default format, then the fraction's zeros cut.
    private static string Reference(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text;
    }

    [Property(MaxTest = 500)]
    public Property CsvIntegers_AreTheInvariantFormat(long value)
        => (Write(value) == value.ToString(CultureInfo.InvariantCulture)).Label(Write(value));

    [Theory]
    [InlineData(0L)]
    [InlineData(9L)]
    [InlineData(10L)]
    [InlineData(99L)]
    [InlineData(100L)]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    public void CsvIntegers_AtTheEdgesOfTheDigitsWrittenDirectly(long value) => Assert.Equal(value.ToString(CultureInfo.InvariantCulture), Write(value));

    private static string Write(long value)
    {
        var output = new StringWriter();
        var writer = new CsvResultWriter(output, ["n"], header: false);
        writer.BeginRecord();
        writer.Integer("n", value);
        writer.EndRecord();
        writer.Complete();
        return output.ToString().TrimEnd('\n');
    }
}
