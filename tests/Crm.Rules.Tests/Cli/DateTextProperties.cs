using Crm.Rules.Data;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime.Text;

namespace Crm.Rules.Tests.Cli;

/// <summary>The hand-written fast path of <see cref="FieldText.TryParseDate"/> must accept exactly what NodaTime's ISO pattern accepts.</summary>
public class DateTextProperties
{
    // Ten characters of digits and dashes, mostly shaped like a date, often impossible ones (month 13, 31 April, 29 February).
    private static Arbitrary<string> DateLike =>
        Gen.OneOf(
            from y in Gen.Choose(0, 9999)
            from m in Gen.Choose(0, 13)
            from d in Gen.Choose(0, 32)
            select $"{y:0000}-{m:00}-{d:00}",
            Gen.Elements('0', '1', '2', '9', '-', '+', 'x').ArrayOf(10).Select(c => new string(c)))
        .ToArbitrary();

    [Property(MaxTest = 5_000)]
    public bool TheFastPathAgreesWithTheIsoPattern(string text)
        => Check(text);

    [Property(MaxTest = 20_000)]
    public Property DateLikeTextAgreesWithTheIsoPattern() => Prop.ForAll(DateLike, Check);

    [Theory]
    [InlineData("2024-02-29", true)]
    [InlineData("2023-02-29", false)]
    [InlineData("2026-04-31", false)]
    [InlineData("0000-01-01", true)]
    [InlineData("9999-12-31", true)]
    [InlineData("2026-13-01", false)]
    [InlineData("2026-1-01x", false)]
    public void Edges(string text, bool valid)
    {
        Assert.Equal(valid, FieldText.TryParseDate(text, out _, out _));
        Assert.True(Check(text));
    }

    private static bool Check(string? text)
    {
        text ??= "";
        var expected = LocalDatePattern.Iso.Parse(text);
        var ok = FieldText.TryParseDate(text, out var value, out _);
        return ok == expected.Success && (!ok || value == expected.Value);
    }
}
