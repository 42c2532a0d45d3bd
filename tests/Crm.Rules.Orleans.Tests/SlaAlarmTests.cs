using Crm.Rules.Orleans.Tests.Support;
using Crm.Rules.Samples.Orleans;
using NodaTime;

namespace Crm.Rules.Orleans.Tests;

/// <summary>
/// SLA warnings and breaches at the right instants under the silos' fake clocks: the real Orleans reminder ringing on
/// the reminder service's fake <see cref="TimeProvider"/>, and what the reminder does when it rings
/// (<see cref="ICustomerGrain.CheckSlaAlarms"/>) at chosen fake instants: one minute early nothing fires, on the instant
/// the alarm fires with the library's status.
/// </summary>
[Collection("cluster")]
[Trait("Category", "Redis")]
public sealed class SlaAlarmTests(ClusterFixture fixture)
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private static Instant Local(int day, int hour, int minute) => new LocalDateTime(2026, 3, day, hour, minute).InZoneStrictly(Shanghai).ToInstant();

    [RedisFact]
    public async Task ResponseTicket_GradeB_WarnsAtHalfAndThreeQuartersAndBreachesAt48BusinessHours()
    {
        var clock = ClusterFixture.Clock;
        clock.Reset(Local(2, 9, 0)); // Monday 09:00, the business calendar opens: 09:00-12:00, 13:30-18:00 (7.5 h a day)
        var customer = fixture.Grains.GetGrain<ICustomerGrain>("sla-business-1");
        await customer.Record(new Purchased(clock.GetCurrentInstant(), 500m, RulesRolloutTests.Scores(4, 4, 3, 5, 4, 3)));
        await customer.Record(new GradeApproved(clock.GetCurrentInstant(), "d-1", "salesDirector"));

        var opened = await customer.Record(new TicketOpened(clock.GetCurrentInstant(), "T-1", "response"));

        // Worked out by hand on the seed calendar: 24 business hours = 3 days + 1.5 h; 36 h = 4 days + 6 h; 48 h = 6 days + 3 h.
        var (half, threeQuarters, deadline) = (Local(5, 10, 30), Local(6, 16, 30), Local(10, 12, 0));
        Assert.Null(opened.Refusal);
        var ticket = Assert.Single(opened.Tickets);
        Assert.Equal(("response-B", "running", deadline), (ticket.Policy, ticket.Status, ticket.Deadline!.Value));
        Assert.Equal([(SlaAlarmKind.Warning, 0.5m, half), (SlaAlarmKind.Warning, 0.75m, threeQuarters), (SlaAlarmKind.Breach, (decimal?)null, deadline)],
            ticket.Alarms.Select(a => (a.Kind, a.Level, a.Due)));
        Assert.Equal(half, opened.NextAlarm);

        await AssertNothingFiresAt(customer, half - Duration.FromMinutes(1));
        var warned = await FireAt(customer, half);
        Assert.Equal((SlaAlarmKind.Warning, 0.5m, half, half, "warning"), Last(warned));

        await AssertNothingFiresAt(customer, threeQuarters - Duration.FromMinutes(1));
        Assert.Equal((SlaAlarmKind.Warning, 0.75m, threeQuarters, threeQuarters, "warning"), Last(await FireAt(customer, threeQuarters)));

        await AssertNothingFiresAt(customer, deadline - Duration.FromMinutes(1));
        var breached = await FireAt(customer, deadline);
        Assert.Equal((SlaAlarmKind.Breach, null, deadline, deadline, "breached"), Last(breached));
        Assert.Equal(3, breached.Alerts.Count);
        Assert.Null(breached.NextAlarm);
        Assert.All(breached.Alerts, a => Assert.Equal(breached.Fingerprint, a.Fingerprint));
    }

    [RedisFact]
    public async Task PausedTicket_AlarmsMoveByThePause_ResolvedBeforeTheDeadline_NoBreach()
    {
        var clock = ClusterFixture.Clock;
        var start = Instant.FromUtc(2026, 3, 7, 2, 0); // a Saturday: the VIP inquiry policy runs 24×7, 2 h, warnings at 50 % and 75 %
        clock.Reset(start);
        var customer = fixture.Grains.GetGrain<ICustomerGrain>("sla-vip-1");
        var opened = await customer.Record(new TicketOpened(start, "T-9", "inquiry", "vip"));
        Assert.Equal("vip-inquiry", Assert.Single(opened.Tickets).Policy);

        clock.Reset(start + Duration.FromMinutes(30));
        var paused = await customer.Record(new TicketPaused(clock.GetCurrentInstant(), "T-9"));
        Assert.Null(paused.NextAlarm); // a paused clock has no alarms: its deadline moves while it waits
        clock.Reset(start + Duration.FromMinutes(90));
        var resumed = await customer.Record(new TicketResumed(clock.GetCurrentInstant(), "T-9"));

        // One hour paused: 50 % (1 h of work) at 2:00 after the start, 75 % at 2:30, the deadline at 3:00.
        Assert.Equal([start + Duration.FromHours(2), start + Duration.FromMinutes(150), start + Duration.FromHours(3)],
            Assert.Single(resumed.Tickets).Alarms.Select(a => a.Due));
        await AssertNothingFiresAt(customer, start + Duration.FromMinutes(119));
        Assert.Equal((SlaAlarmKind.Warning, 0.5m, start + Duration.FromHours(2), start + Duration.FromHours(2), "warning"), Last(await FireAt(customer, start + Duration.FromHours(2))));

        clock.Reset(start + Duration.FromMinutes(140));
        var resolved = await customer.Record(new TicketResolved(clock.GetCurrentInstant(), "T-9"));
        Assert.Equal("met", Assert.Single(resolved.Tickets).Status);
        Assert.Null(resolved.NextAlarm);
        var later = await FireAt(customer, start + Duration.FromHours(4));
        Assert.NotNull(later.Refusal); // nothing was due
        Assert.Single(later.Alerts);
    }

    [RedisFact]
    public async Task OrleansReminder_RingsOnTheReminderClock_FiresTheWarningAndTheBreachByItself()
    {
        // The reminder service's clock is fake too: advancing it rings the grain's reminder, with no call from the test.
        var opened = Instant.FromUtc(2026, 3, 14, 2, 0); // VIP inquiry, 24×7: warnings at 1 h and 1 h 30, breach at 2 h
        ClusterFixture.Clock.Reset(opened);
        var customer = fixture.Grains.GetGrain<ICustomerGrain>("sla-reminder-1");
        var view = await customer.Record(new TicketOpened(opened, "T-5", "inquiry", "vip"));
        Assert.Equal(opened + Duration.FromHours(1), view.NextAlarm);

        await ClusterFixture.Advance(Duration.FromMinutes(59));
        await Task.Delay(500);
        Assert.Empty((await customer.View()).Alerts);

        await ClusterFixture.Advance(Duration.FromMinutes(1));
        view = await WaitForAlerts(customer, 1);
        Assert.Equal((SlaAlarmKind.Warning, 0.5m, opened + Duration.FromHours(1), opened + Duration.FromHours(1)), Shape(view.Alerts[0]));

        await ClusterFixture.Advance(Duration.FromMinutes(30));
        view = await WaitForAlerts(customer, 2);
        Assert.Equal((SlaAlarmKind.Warning, 0.75m, opened + Duration.FromMinutes(90), opened + Duration.FromMinutes(90)), Shape(view.Alerts[1]));

        await ClusterFixture.Advance(Duration.FromMinutes(30));
        view = await WaitForAlerts(customer, 3);
        Assert.Equal((SlaAlarmKind.Breach, null, opened + Duration.FromHours(2), opened + Duration.FromHours(2)), Shape(view.Alerts[2]));
        Assert.Equal("breached", view.Alerts[2].Status);
        Assert.Null(view.NextAlarm);
    }

    private static async Task<CustomerView> WaitForAlerts(ICustomerGrain customer, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var view = await customer.View();
        while (view.Alerts.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            view = await customer.View();
        }

        Assert.Equal(count, view.Alerts.Count);
        return view;
    }

    private static (SlaAlarmKind, decimal?, Instant, Instant) Shape(SlaAlert alert) => (alert.Kind, alert.Level, alert.Due, alert.FiredAt);

    private static async Task AssertNothingFiresAt(ICustomerGrain customer, Instant at)
    {
        var before = (await customer.View()).Alerts.Count;
        var view = await FireAt(customer, at);
        Assert.NotNull(view.Refusal);
        Assert.Equal(before, view.Alerts.Count);
    }

    private static Task<CustomerView> FireAt(ICustomerGrain customer, Instant at)
    {
        ClusterFixture.Clock.Reset(at);
        return customer.CheckSlaAlarms();
    }

    private static (SlaAlarmKind, decimal?, Instant, Instant, string) Last(CustomerView view)
    {
        var alert = view.Alerts[^1];
        return (alert.Kind, alert.Level, alert.Due, alert.FiredAt, alert.Status);
    }
}
