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

/// <summary>The fast path for export date-times (<c>2010-12-01 08:26:00</c>) must agree with the local date-time patterns the transaction reader falls back to.</summary>
public class LocalDateTimeTextProperties
{
    private static readonly LocalDateTimePattern[] Patterns =
    [
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:ss.FFFFFFFFF"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm:ss.FFFFFFFFF"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm"),
    ];

    private static Arbitrary<string> DateTimeLike =>
        (from y in Gen.Choose(1, 9999)
         from m in Gen.Choose(0, 13)
         from d in Gen.Choose(0, 32)
         from separator in Gen.Elements(' ', 'T', 'x')
         from h in Gen.Choose(0, 25)
         from mi in Gen.Choose(0, 61)
         from s in Gen.Choose(-1, 61)
         select $"{y:0000}-{m:00}-{d:00}{separator}{h:00}:{mi:00}{(s < 0 ? "" : $":{s:00}")}")
        .ToArbitrary();

    [Property(MaxTest = 20_000)]
    public Property TheFastPathAcceptsOnlyWhatThePatternsAccept_AndGivesTheSameDay()
        => Prop.ForAll(DateTimeLike, text =>
        {
            var fast = Crm.Rules.CommandLine.Records.TransactionRecords.IsLocalDateTime(text, out var day);
            var slow = Patterns.Select(p => p.Parse(text)).FirstOrDefault(r => r.Success);
            // Whatever the fast path takes, the patterns take too, as the same day.
            return !fast || (slow is not null && slow.Value.Date == day);
        });

    [Property(MaxTest = 20_000)]
    public Property EveryWellFormedDateTimeTakesTheFastPath()
        => Prop.ForAll(DateTimeLike, text =>
        {
            // 24:00:00 is NodaTime's end of the day (the next day's midnight): left to the patterns, which know that.
            var slow = Patterns.Select(p => p.Parse(text)).FirstOrDefault(r => r.Success);
            return slow is null || text[11..13] == "24" || Crm.Rules.CommandLine.Records.TransactionRecords.IsLocalDateTime(text, out _);
        });
}
