using NodaTime;

namespace Crm.Rules.Samples.Orleans;

/// <summary>A customer: the facts and histories the rules need, applied event by event with the cluster's rule set.</summary>
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>Applies an event and stores it before answering: an answered event is never lost.</summary>
    /// <returns>The customer now, with the fingerprint of the rule set that applied the event (or why it was refused).</returns>
    Task<CustomerView> Record(CustomerEvent change);

    /// <summary>The customer now, under the rule set in force.</summary>
    Task<CustomerView> View();

    /// <summary>Fires the SLA warnings and breaches due by now (what the grain's reminder does when it rings).</summary>
    Task<CustomerView> CheckSlaAlarms();

    /// <summary>The stored state (for replays and tests).</summary>
    Task<CustomerState> GetState();
}

/// <summary>
/// The customer grain. Rules come from <see cref="ClusterRuleSet"/> (read once per call, so one answer never mixes two
/// rule sets); time from <see cref="IClock"/> (a fake one in tests); state from the configured grain storage.
/// </summary>
/// <remarks>
/// SLA alarms: each ticket event schedules the ticket's warnings and breach (<see cref="CustomerHistory.Schedule"/>), and
/// the grain keeps one Orleans reminder, due at the earliest alarm as seen from the injected clock's now. When it rings,
/// <see cref="CheckSlaAlarms"/> asks the library for each due ticket's status at that instant and records the warnings
/// and breaches it confirms. Reminders are durable (Redis in the durable set-up), so an alarm survives its silo.
/// </remarks>
public sealed class CustomerGrain(
    [PersistentState("customer", CustomerCluster.StorageName)] IPersistentState<CustomerState> state,
    ClusterRuleSet rules,
    IClock clock,
    CustomerClusterOptions options) : Grain, ICustomerGrain, IRemindable
{
    /// <summary>The name of the reminder that fires the SLA alarms.</summary>
    public const string ReminderName = "sla-alarms";

    private Instant? _reminderFor;
    private bool _reminderKnown;

    /// <inheritdoc />
    public async Task<CustomerView> Record(CustomerEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var set = rules.Current;
        if (CustomerHistory.IsRepeat(state.State, change))
        {
            // The first attempt may have been stored and then failed to set its reminder: set it now (a no-op when known).
            await ScheduleReminder();
            return CustomerView.Of(this.GetPrimaryKeyString(), state.State, set, clock.GetCurrentInstant(), options.Zone);
        }

        string? refusal;
        try
        {
            refusal = CustomerHistory.Apply(state.State, change, set, options.Zone);
            if (refusal is null)
            {
                await state.WriteStateAsync();
            }
        }
        catch
        {
            // The state in memory may be ahead of the store: start again from the store on the next call.
            DeactivateOnIdle();
            throw;
        }

        if (refusal is null)
        {
            await ScheduleReminder();
        }
        else if (change is SlaAlarmsDue)
        {
            // A reminder that rang a moment early (timers round, another silo's clock runs ahead) found nothing due:
            // ring again at the alarm, not a retry period later.
            _reminderKnown = false;
            await ScheduleReminder();
        }

        return CustomerView.Of(this.GetPrimaryKeyString(), state.State, set, clock.GetCurrentInstant(), options.Zone, refusal);
    }

    /// <inheritdoc />
    public Task<CustomerView> View()
        => Task.FromResult(CustomerView.Of(this.GetPrimaryKeyString(), state.State, rules.Current, clock.GetCurrentInstant(), options.Zone));

    /// <inheritdoc />
    public Task<CustomerView> CheckSlaAlarms() => Record(new SlaAlarmsDue(clock.GetCurrentInstant()));

    /// <inheritdoc />
    public Task<CustomerState> GetState() => Task.FromResult(state.State);

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName)
        {
            await CheckSlaAlarms();
        }
    }

    // One reminder per customer, due at the earliest alarm; its period only retries a check that failed.
    private async Task ScheduleReminder()
    {
        var next = CustomerHistory.NextAlarm(state.State);
        if (_reminderKnown && next == _reminderFor)
        {
            return;
        }

        if (next is { } due)
        {
            var wait = due - clock.GetCurrentInstant();
            await this.RegisterOrUpdateReminder(ReminderName, wait > Duration.Zero ? wait.ToTimeSpan() : TimeSpan.Zero, options.ReminderRetryPeriod);
        }
        else if (!_reminderKnown || _reminderFor is not null)
        {
            if (await this.GetReminder(ReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }

        _reminderFor = next;
        _reminderKnown = true;
    }
}
