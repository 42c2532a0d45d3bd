using Crm.Rules.Sla;
using NodaTime;
using static Crm.Rules.Tests.Sla.SlaFixtures;

namespace Crm.Rules.Tests.Sla;

/// <summary>
/// A fixed grid of long spans on the fixture calendars — holidays, overrides, DST changes in both directions, nights
/// across midnight — checked against the day-by-day definitions of <see cref="BusinessCalendarProperties"/>. The
/// properties draw such cases at random and slowly; this grid keeps the week-skipping and offset-caching shortcuts
/// pinned by quick examples too.
/// </summary>
public class BusinessCalendarReferenceTests
{
    private static readonly string[] Calendars = ["cn-office", "ny", "paris-night", "late", "ny-night", "ny-fallback", "ny-fallback-later"];

    private static readonly string[] Starts =
    [
        "2026-09-20T10:00:00Z", // before the October holidays and the make-up Sunday
        "2026-02-28T13:30:00Z", // before the spring changes in New York and Paris
        "2026-10-18T04:15:00Z", // before the autumn changes
        "2026-12-23T23:59:00Z", // the half day on 12-24, the year end
        "1999-06-06T06:00:00Z",
    ];

    private static readonly int[] Minutes = [1, 59, 450, 6_000, 60_000, 400_000];

    public static TheoryData<string> CalendarNames => [.. Calendars];

    [Theory]
    [MemberData(nameof(CalendarNames))]
    public void AddForwardAgreesWithDayByDayStepping(string name)
    {
        var calendar = Calendar(name);
        foreach (var (start, duration) in Cases())
        {
            Assert.True(
                BusinessCalendarProperties.ReferenceAdd(calendar, start, duration) == calendar.Add(start, duration),
                $"{name}: {start} + {duration}");
        }
    }

    [Theory]
    [MemberData(nameof(CalendarNames))]
    public void AddBackwardEndsAtTheLatestWorkingInstantThatLeavesTheDuration(string name)
    {
        var calendar = Calendar(name);
        foreach (var (start, duration) in Cases())
        {
            var earlier = calendar.Add(start, -duration);
            Assert.True(
                BusinessCalendarProperties.ReferenceBetween(calendar, earlier, start) == duration && calendar.IsWorkingAt(earlier),
                $"{name}: {start} - {duration} = {earlier}");
        }
    }

    [Theory]
    [MemberData(nameof(CalendarNames))]
    public void BetweenAgreesWithDayByDaySumming(string name)
    {
        var calendar = Calendar(name);
        foreach (var (start, duration) in Cases())
        {
            var to = start + duration * 3;
            Assert.True(
                BusinessCalendarProperties.ReferenceBetween(calendar, start, to) == calendar.Between(start, to),
                $"{name}: between {start} and {to}");
        }
    }

    private static IEnumerable<(Instant Start, Duration Duration)> Cases()
        => from start in Starts from minutes in Minutes select (At(start), Duration.FromMinutes(minutes));
}
