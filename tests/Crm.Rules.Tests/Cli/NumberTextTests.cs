using Crm.Rules.CommandLine.Output;

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
    public void Format_DropsTrailingZerosInTheInvariantCulture(string value, string text)
    {
        var number = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(text, ResultWriter.Format(number));
        Assert.Equal(FixedPoint.Format(number), ResultWriter.Format(number));
    }
}
