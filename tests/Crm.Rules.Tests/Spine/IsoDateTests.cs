using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using NodaTime.Text;

namespace Crm.Rules.Tests.Spine;

/// <summary>The dates of result lines are written digit by digit: the text must be the ISO pattern's, for every date.</summary>
public class IsoDateTests
{
    private static readonly LocalDate First = new(-9998, 1, 1);
    private static readonly int Days = Period.DaysBetween(First, new LocalDate(9999, 12, 31));

    /// <summary>Any date NodaTime has (shrinking towards 1 January of year −9998), in the ISO calendar or another.</summary>
    public static Arbitrary<LocalDate> Dates() => Arb.From(
        from day in Gen.Choose(0, Days)
        from calendar in Gen.Elements(CalendarSystem.Iso, CalendarSystem.Iso, CalendarSystem.Iso, CalendarSystem.Gregorian, CalendarSystem.Julian)
        select First.PlusDays(day).WithCalendar(calendar),
        date => ArbMap.Default.ArbFor<int>().Shrinker(Period.DaysBetween(First, date.WithCalendar(CalendarSystem.Iso)))
            .Where(d => d >= 0 && d <= Days).Select(d => First.PlusDays(d).WithCalendar(date.Calendar)));

    [Property(MaxTest = PropertyRuns.MaxTest, Arbitrary = [typeof(IsoDateTests)])]
    public void FormatWritesWhatTheIsoPatternWrites(LocalDate date)
    {
        Assert.Equal(LocalDatePattern.Iso.Format(date), IsoDate.Format(date));
        Span<char> text = stackalloc char[16];
        Assert.True(IsoDate.TryFormat(date, text, out var written));
        Assert.Equal(LocalDatePattern.Iso.Format(date), text[..written].ToString());
        Assert.Equal(LocalDatePattern.Iso.Format(date), $"{new IsoDate.Text(date)}");
    }

    [Theory]
    [InlineData(1, 1, 1, "0001-01-01")]
    [InlineData(2026, 11, 24, "2026-11-24")]
    [InlineData(9999, 12, 31, "9999-12-31")]
    [InlineData(0, 6, 30, "0000-06-30")]
    [InlineData(-1, 2, 3, "-0001-02-03")]
    public void TheEdgesOfTheRangeAreTheIsoPatternsText(int year, int month, int day, string expected)
    {
        var date = new LocalDate(year, month, day);
        Assert.Equal(expected, IsoDate.Format(date));
        Assert.Equal(LocalDatePattern.Iso.Format(date), IsoDate.Format(date));
    }

    [Fact]
    public void ADestinationTooShortIsRefusedWithNothingWritten()
    {
        Span<char> text = stackalloc char[9];
        Assert.False(IsoDate.TryFormat(new LocalDate(2026, 11, 24), text, out var written));
        Assert.Equal(0, written);
        Assert.False(IsoDate.TryFormat(new LocalDate(-5, 1, 1), text, out written));
        Assert.Equal(0, written);
    }
}
