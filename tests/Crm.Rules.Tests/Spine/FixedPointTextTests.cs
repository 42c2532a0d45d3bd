using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Rules.Tests.Spine;

/// <summary>A number appended in place (a guard's fact in a blocked move's text) reads as <c>FixedPoint.Format</c> makes it.</summary>
public class FixedPointTextTests
{
    /// <summary>
    /// Decimals of every shape <c>Format</c> tells apart: whole numbers (scale 0) inside and outside an int's range,
    /// fractions with trailing zeros up to 28 places, negative zero, and the extremes; shrinking towards small ones.
    /// </summary>
    public static Arbitrary<decimal> Numbers() => Arb.From(
        Gen.OneOf(
            Gen.Elements(0m, -7m, int.MaxValue + 1m, int.MinValue - 1m, int.MaxValue, int.MinValue, decimal.MaxValue, decimal.MinValue, 1e-28m, -0.0000000000000000000000000010m),
            from whole in Gen.OneOf(Gen.Choose(-1000, 1000).Select(i => (decimal)i), Gen.Choose(int.MinValue, int.MaxValue).Select(i => i * 10_000_000_000m))
            from fraction in Gen.OneOf(Gen.Constant(0), Gen.Choose(0, 999_999))
            from scale in Gen.Choose(0, 28)
            from negativeZero in Gen.Elements(false, false, false, true)
            select negativeZero ? decimal.Negate(new decimal(0, 0, 0, false, (byte)scale)) : whole + (fraction / 1_000_000m) + new decimal(0, 0, 0, false, (byte)scale)),
        value => ArbMap.Default.ArbFor<decimal>().Shrinker(value));

    [Property(MaxTest = PropertyRuns.MaxTest, Arbitrary = [typeof(FixedPointTextTests)])]
    public void AppendTo_WritesWhatFormatReturns_AfterWhatTheBuilderHeld(decimal value)
    {
        Assert.Equal("is " + FixedPoint.Format(value), FixedPoint.AppendTo(new StringBuilder("is "), value).ToString());
    }

    [Fact]
    public void AppendTo_IsTheInvariantCulturesWhateverTheThreadsCulture()
    {
        var hostile = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        hostile.NumberFormat.NegativeSign = "\u2212";
        hostile.NumberFormat.NumberDecimalSeparator = ",";
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = hostile;
            Assert.Equal("-2.5 -7 -79228162514264337593543950335", $"{FixedPoint.AppendTo(new StringBuilder(), -2.50m)} {FixedPoint.AppendTo(new StringBuilder(), -7m)} {FixedPoint.AppendTo(new StringBuilder(), decimal.MinValue)}");
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }
}
