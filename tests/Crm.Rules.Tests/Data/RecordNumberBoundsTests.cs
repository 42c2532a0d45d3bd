using System.Text;
using Crm.Rules.Data;

namespace Crm.Rules.Tests.Data;

/// <summary>A number's bounds: each one checked only when given, every combination refusing exactly what lies outside.</summary>
public sealed class RecordNumberBoundsTests
{
    private static readonly RecordSchema Schema = new(["amount"]);

    private static Crm.Rules.Data.Record Read(string amount)
    {
        var source = RecordSource.Open(new MemoryStream(Encoding.UTF8.GetBytes($"id,amount\nc1,{amount}\n")), "in.csv", Schema, RecordFormat.Csv);
        Assert.True(source.MoveNext());
        return source.Current;
    }

    [Theory]
    [InlineData("-5", null, null, true)]
    [InlineData("-5", "0", null, false)]
    [InlineData("0", "0", null, true)]
    [InlineData("-0", "0", null, true)]
    [InlineData("1e3", null, null, false)]
    [InlineData("1000000", null, "10", false)]
    [InlineData("10.0", null, "10", true)]
    [InlineData("10.000001", null, "10", false)]
    [InlineData("-1000000", null, "10", true)]
    [InlineData("0.5", "0", "1", true)]
    [InlineData("1.5", "0", "1", false)]
    [InlineData("-0.5", "0", "1", false)]
    public void ANumber_IsRefusedOnlyOutsideTheBoundsGiven(string text, string? minimum, string? maximum, bool accepted)
    {
        var record = Read(text);
        var least = minimum is null ? (decimal?)null : decimal.Parse(minimum, System.Globalization.CultureInfo.InvariantCulture);
        var most = maximum is null ? (decimal?)null : decimal.Parse(maximum, System.Globalization.CultureInfo.InvariantCulture);

        var value = record.Number(1, least, most);

        Assert.Equal(accepted, value is not null);
        Assert.Equal(accepted, record.IsValid);
        if (accepted)
        {
            Assert.Equal(decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture), value);
        }
        else if (text != "1e3")
        {
            Assert.Contains("is out of range: give a number from", Assert.Single(record.Errors).Sentence, StringComparison.Ordinal);
        }
    }
}
