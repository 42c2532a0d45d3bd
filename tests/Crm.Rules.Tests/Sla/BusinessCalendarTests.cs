using Crm.Rules.Sla;
using NodaTime;
using static Crm.Rules.Tests.Sla.SlaFixtures;

namespace Crm.Rules.Tests.Sla;

public class BusinessCalendarTests
{
    private static readonly BusinessCalendar Office = Calendar("cn-office");

    [Theory]
    [InlineData("2026-11-23T11:00:00+08:00", 2, "2026-11-23T14:30:00+08:00")] // lunch break 12:00-13:30 is skipped
    [InlineData("2026-11-23T12:30:00+08:00", 1, "2026-11-23T14:30:00+08:00")] // starting in the lunch break
    [InlineData("2026-11-23T20:00:00+08:00", 1, "2026-11-24T10:00:00+08:00")] // after hours
    [InlineData("2026-11-23T06:00:00+08:00", 1, "2026-11-23T10:00:00+08:00")] // before hours
    [InlineData("2026-11-28T10:00:00+08:00", 1, "2026-11-30T10:00:00+08:00")] // Saturday
    [InlineData("2026-11-29T23:59:00+08:00", 1, "2026-11-30T10:00:00+08:00")] // Sunday night
    [InlineData("2026-09-30T17:00:00+08:00", 2, "2026-10-09T10:00:00+08:00")] // holiday range 10-01 … 10-08
    [InlineData("2026-10-03T10:00:00+08:00", 1, "2026-10-09T10:00:00+08:00")] // starting on a holiday
    [InlineData("2026-09-26T10:00:00+08:00", 1, "2026-09-27T10:00:00+08:00")] // make-up working Sunday 09-27
    [InlineData("2026-12-24T11:00:00+08:00", 2, "2026-12-25T10:00:00+08:00")] // half day 12-24
    public void Add_SkipsClosedTime(string start, int hours, string expected)
        => Assert.Equal(expected, Show(Office.Add(At(start), Duration.FromHours(hours)), Office));

    [Fact]
    public void Add_TimeUsedUpAtTheEndOfAnIntervalEndsThere()
    {
        Assert.Equal("2026-11-23T18:00:00+08:00", Show(Office.Add(At("2026-11-23T09:00:00+08:00"), Duration.FromMinutes(450)), Office));
        Assert.Equal("2026-11-23T12:00:00+08:00", Show(Office.Add(At("2026-11-23T09:00:00+08:00"), Duration.FromHours(3)), Office));
    }

    [Fact]
    public void Add_StartingExactlyOnBoundaries()
    {
        Assert.Equal("2026-11-23T13:31:00+08:00", Show(Office.Add(At("2026-11-23T12:00:00+08:00"), Duration.FromMinutes(1)), Office));
        Assert.Equal("2026-11-24T09:01:00+08:00", Show(Office.Add(At("2026-11-23T18:00:00+08:00"), Duration.FromMinutes(1)), Office));
    }

    [Fact]
    public void Add_ZeroReturnsTheStartEvenOutsideHours()
    {
        var sunday = At("2026-11-29T10:00:00+08:00");
        Assert.Equal(sunday, Office.Add(sunday, Duration.Zero));
    }

    [Theory]
    [InlineData("2026-11-24T10:00:00+08:00", -2, "2026-11-23T17:00:00+08:00")]
    [InlineData("2026-11-23T14:30:00+08:00", -2, "2026-11-23T11:00:00+08:00")]
    [InlineData("2026-11-30T10:00:00+08:00", -1, "2026-11-30T09:00:00+08:00")]
    [InlineData("2026-11-30T09:30:00+08:00", -1, "2026-11-27T17:30:00+08:00")]
    [InlineData("2026-10-09T10:00:00+08:00", -2, "2026-09-30T17:00:00+08:00")]
    public void Add_NegativeDurationsGoBackwards(string start, int hours, string expected)
        => Assert.Equal(expected, Show(Office.Add(At(start), Duration.FromHours(hours)), Office));

    [Fact]
    public void TwentyFourHundredEndsTheDay()
    {
        var late = Calendar("late");
        Assert.Equal("2026-11-24T01:00:00+08:00", Show(late.Add(At("2026-11-23T23:00:00+08:00"), Duration.FromHours(2)), late));
        Assert.Equal("2026-11-24T00:00:00+08:00", Show(late.Add(At("2026-11-23T23:00:00+08:00"), Duration.FromHours(1)), late));
        Assert.Equal(Duration.FromHours(8), late.Between(At("2026-11-23T00:00:00+08:00"), At("2026-11-25T00:00:00+08:00")));
    }

    [Fact]
    public void Between_CountsOnlyWorkingTime_AndIsNegativeWhenReversed()
    {
        var monday9 = At("2026-11-23T09:00:00+08:00");
        var nextMonday9 = At("2026-11-30T09:00:00+08:00");
        Assert.Equal(Duration.FromMinutes(5 * 450), Office.Between(monday9, nextMonday9));
        Assert.Equal(-Duration.FromMinutes(5 * 450), Office.Between(nextMonday9, monday9));
        Assert.Equal(Duration.Zero, Office.Between(At("2026-11-28T09:00:00+08:00"), At("2026-11-29T20:00:00+08:00")));
        Assert.Equal(Duration.FromHours(8), Office.Between(At("2026-09-26T00:00:00+08:00"), At("2026-09-28T00:00:00+08:00")) - Duration.FromHours(1));
    }

    [Fact]
    public void NextWorkingInstant_AndIsWorkingAt()
    {
        Assert.Equal(At("2026-11-23T13:30:00+08:00"), Office.NextWorkingInstant(At("2026-11-23T12:15:00+08:00")));
        Assert.Equal(At("2026-11-23T10:00:00+08:00"), Office.NextWorkingInstant(At("2026-11-23T10:00:00+08:00")));
        Assert.Equal(At("2026-10-09T09:00:00+08:00"), Office.NextWorkingInstant(At("2026-09-30T18:00:00+08:00")));
        Assert.True(Office.IsWorkingAt(At("2026-11-23T09:00:00+08:00")));
        Assert.False(Office.IsWorkingAt(At("2026-11-23T12:00:00+08:00")));
        Assert.False(Office.IsWorkingAt(At("2026-10-05T10:00:00+08:00")));
        Assert.True(Office.IsWorkingAt(At("2026-09-27T10:00:00+08:00")));
    }

    [Fact]
    public void AddWorkingDays_SameLocalTimeOnTheNthWorkingDay_OrItsClose()
    {
        Assert.Equal("2026-12-02T10:00:00+08:00", Show(Office.AddWorkingDays(At("2026-11-27T10:00:00+08:00"), 3), Office));
        Assert.Equal("2026-12-02T18:00:00+08:00", Show(Office.AddWorkingDays(At("2026-11-27T10:00:00+08:00"), 3, WorkingDayTime.Close), Office));
        Assert.Equal("2026-10-09T15:00:00+08:00", Show(Office.AddWorkingDays(At("2026-09-30T15:00:00+08:00"), 1), Office));
        Assert.Equal("2026-09-25T15:00:00+08:00", Show(Office.AddWorkingDays(At("2026-09-28T15:00:00+08:00"), -2), Office));
        Assert.Equal(At("2026-11-27T10:00:00+08:00"), Office.AddWorkingDays(At("2026-11-27T10:00:00+08:00"), 0));
        Assert.Equal("2026-12-02T10:00:00+08:00", Show(Office.AddWorkingDays(At("2026-11-27T10:00:00+08:00"), 3, WorkingDayTime.SameTimeOfDay), Office));
    }

    [Fact]
    public void AddWorkingDays_RefusesATimeThatIsNotAWorkingDayTime()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Office.AddWorkingDays(At("2026-11-27T10:00:00+08:00"), 3, (WorkingDayTime)7));
        Assert.Equal("time", e.ParamName);
        Assert.StartsWith("must be SameTimeOfDay or Close", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dst_SpringForwardDayIsAnHourShorter_NewYork()
    {
        var always = Calendar("ny-always");
        Assert.Equal(Duration.FromHours(23), always.Between(At("2026-03-08T00:00:00-05:00"), At("2026-03-09T00:00:00-04:00")));
        Assert.Equal("2026-03-08T03:30:00-04:00", Show(always.Add(At("2026-03-08T01:30:00-05:00"), Duration.FromHours(1)), always));
    }

    [Fact]
    public void Dst_FallBackDayIsAnHourLonger_NewYork()
    {
        var always = Calendar("ny-always");
        Assert.Equal(Duration.FromHours(25), always.Between(At("2026-11-01T00:00:00-04:00"), At("2026-11-02T00:00:00-05:00")));
        Assert.Equal("2026-11-01T01:30:00-05:00", Show(always.Add(At("2026-11-01T01:30:00-04:00"), Duration.FromHours(1)), always));
    }

    [Fact]
    public void Dst_ABoundaryInTheGapStartsWhenTheGapEnds()
    {
        // 02:30 does not exist on 2026-03-08 in New York: the interval starts at 03:00 EDT.
        var night = Calendar("ny-night");
        Assert.Equal(Duration.FromHours(3), night.Between(At("2026-03-08T00:00:00-05:00"), At("2026-03-09T00:00:00-04:00")));
        Assert.Equal(At("2026-03-08T03:00:00-04:00"), night.NextWorkingInstant(At("2026-03-08T00:00:00-05:00")));
    }

    [Fact]
    public void NextWorkingInstant_SkipsAnIntervalThatLiesWhollyInADstGap()
    {
        // The reproducer of the independent reference: 02:00-02:30 does not exist on 2026-03-08 in New York, so both
        // ends map to 03:00 EDT and the interval holds no time; the next opening is Monday's.
        var x = TestRules.FromJson("""
            {"sla":{"calendars":{"x":{"timeZone":"America/New_York","week":{"sunday":["02:00-02:30"],"monday":["09:00-10:00"]}}}}}
            """).Sla.FindCalendar("x")!;
        var at = At("2026-03-07T12:00:00-05:00");

        Assert.Equal("2026-03-09T09:00:00-04:00", Show(x.NextWorkingInstant(at), x));
        Assert.False(x.IsWorkingAt(At("2026-03-08T03:00:00-04:00")));
        Assert.Equal(Duration.Zero, x.Between(at, At("2026-03-09T09:00:00-04:00")));
        Assert.Equal("2026-03-09T09:01:00-04:00", Show(x.Add(at, Duration.FromMinutes(1)), x));

        // A week later the interval exists again.
        Assert.Equal("2026-03-15T02:00:00-04:00", Show(x.NextWorkingInstant(At("2026-03-14T12:00:00-04:00")), x));

        // Nor is the gap's Sunday a working day: one working day from Saturday is Monday.
        Assert.False(x.IsWorkingDay(new LocalDate(2026, 3, 8)));
        Assert.True(x.IsWorkingDay(new LocalDate(2026, 3, 15)));
        Assert.Equal("2026-03-09T12:00:00-04:00", Show(x.AddWorkingDays(at, 1), x));
    }

    [Fact]
    public void Dst_AnAmbiguousBoundaryFollowsTheCalendarsRule()
    {
        // 01:30 happens twice on 2026-11-01 in New York.
        var earlier = Calendar("ny-fallback");
        var later = Calendar("ny-fallback-later");
        var day = (At("2026-11-01T00:00:00-04:00"), At("2026-11-02T00:00:00-05:00"));
        Assert.Equal(Duration.FromMinutes(270), earlier.Between(day.Item1, day.Item2));
        Assert.Equal(Duration.FromMinutes(210), later.Between(day.Item1, day.Item2));
    }

    [Fact]
    public void Dst_Paris_WorkingNightsAcrossBothTransitions()
    {
        var paris = Calendar("paris-night");
        Assert.Equal(Duration.FromHours(3), paris.Between(At("2026-03-29T00:00:00+01:00"), At("2026-03-30T00:00:00+02:00")));
        Assert.Equal(Duration.FromHours(5), paris.Between(At("2026-10-25T00:00:00+02:00"), At("2026-10-26T00:00:00+01:00")));
        Assert.Equal(Duration.FromHours(4), paris.Between(At("2026-11-01T00:00:00+01:00"), At("2026-11-02T00:00:00+01:00")));
    }

    [Fact]
    public void Dst_WeeksAcrossTransitionsAreNotSkippedAsNominal()
    {
        var ny = Calendar("ny");
        var start = At("2026-01-05T09:00:00-05:00");
        var end = ny.Add(start, Duration.FromHours(8 * 5 * 20));
        Assert.Equal("2026-05-22T17:00:00-04:00", Show(end, ny));
        Assert.Equal(Duration.FromHours(800), ny.Between(start, end));
    }

    [Fact]
    public void TargetsSpanningYears()
    {
        var start = At("2026-01-05T09:00:00+08:00");
        var deadline = Office.Add(start, Duration.FromHours(10_000));
        Assert.Equal(Duration.FromHours(10_000), Office.Between(start, deadline));
        Assert.Equal(start, Office.Add(deadline, Duration.FromHours(-10_000)));
        Assert.Equal(2031, deadline.InZone(Office.Zone).Year);
    }

    [Fact]
    public void AlwaysOpen_IsCalendarTime()
    {
        var always = BusinessCalendar.AlwaysOpen;
        var start = At("2026-11-27T18:00:00+08:00");
        Assert.Equal(start + Duration.FromHours(24), always.Add(start, Duration.FromHours(24)));
        Assert.Equal(Duration.FromHours(-3), always.Between(start, start - Duration.FromHours(3)));
        Assert.True(always.IsWorkingAt(start));
    }
}
