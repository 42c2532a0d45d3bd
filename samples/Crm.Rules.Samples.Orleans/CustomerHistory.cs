using Crm.Rules.Churn;
using Crm.Rules.Lifecycle;
using Crm.Rules.Scoring;
using Crm.Rules.Sla;
using NodaTime;

namespace Crm.Rules.Samples.Orleans;

/// <summary>
/// Applies an event to a customer's state with one rule set: every decision is the library's (grading and GRADE-5
/// approval, SLA policy selection, deadlines and status, lifecycle guards, churn with its trend, NPS classes); this class
/// only keeps the facts those decisions read and write.
/// </summary>
/// <remarks>
/// Pure: the result depends on the state, the event, the rule set and the time zone only (never a clock), so replaying
/// the same events in the same order under the same rule set gives the same state. A refused event leaves the state as it
/// was and says why.
/// </remarks>
public static class CustomerHistory
{
    /// <summary>The lifecycle machine a customer moves through (LIFE-2, a machine of the rule set).</summary>
    public const string Machine = "lifecycle";

    /// <summary>How many event ids a customer remembers to recognise a retried event.</summary>
    public const int RememberedEventIds = 64;

    /// <summary>Whether <paramref name="change"/> carries the id of an event applied recently.</summary>
    public static bool IsRepeat(CustomerState state, CustomerEvent change)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(change);
        return change.EventId is { } id && state.RecentEventIds.Contains(id);
    }

    /// <summary>Applies <paramref name="change"/> to <paramref name="state"/>.</summary>
    /// <returns><see langword="null"/> when applied; otherwise why the event was refused (the state is unchanged).</returns>
    public static string? Apply(CustomerState state, CustomerEvent change, CrmRuleSet rules, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(zone);
        if (IsRepeat(state, change))
        {
            return null; // applied already: the state stays as it is, and the caller gets its answer again
        }

        var refusal = change switch
        {
            Purchased e => Purchase(state, e, rules),
            GradeApproved e => Approve(state, e, rules),
            ContactLogged e => Contact(state, e, zone),
            TicketOpened e => Open(state, e, rules),
            TicketPaused e => Pause(state, e, rules),
            TicketResumed e => Resume(state, e, rules),
            TicketResolved e => Resolve(state, e),
            SurveyAnswered e => Survey(state, e, rules),
            StageFactsStated e => StateFacts(state, e, rules),
            StageMoveRequested e => Move(state, e, rules),
            SlaAlarmsDue e => FireAlarms(state, e, rules),
            _ => $"'{change.GetType().Name}' is not an event a customer applies",
        };
        if (refusal is not null)
        {
            return refusal;
        }

        if (change is not SlaAlarmsDue)
        {
            UpdateChurn(state, change.At.InZone(zone).Date, rules, zone);
        }

        if (change.EventId is { } eventId)
        {
            state.RecentEventIds.Add(eventId);
            if (state.RecentEventIds.Count > RememberedEventIds)
            {
                state.RecentEventIds.RemoveAt(0);
            }
        }

        state.Version++;
        state.Fingerprint = rules.Fingerprint;
        return null;
    }

    /// <summary>The library's SLA clock for a ticket under <paramref name="rules"/>; null when its policy is no longer in them.</summary>
    public static SlaClock? ClockOf(TicketFact ticket, CrmRuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(rules);
        return rules.Sla.FindPolicy(ticket.Policy) is { } policy
            ? SlaClock.Create(policy, ticket.OpenedAt, ticket.Pauses.Select(p => new SlaPause(p.From, p.To)), ticket.ResolvedAt)
            : null;
    }

    /// <summary>
    /// The alarms of a running ticket from <paramref name="at"/> on: each warning threshold of its policy not reached yet,
    /// at the instant the library's business calendar reaches it, and the breach at the library's deadline.
    /// </summary>
    /// <remarks>
    /// A warning at level L is due when the elapsed business time reaches L × target, the test the library's SLA status
    /// applies; from <paramref name="at"/> the calendar adds the business time still missing. A paused or stopped clock has
    /// no alarms: its deadline moves until it runs again, and resuming schedules them anew.
    /// </remarks>
    public static List<SlaAlarm> Schedule(TicketFact ticket, CrmRuleSet rules, Instant at)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(rules);
        if (ticket.ResolvedAt is not null || ClockOf(ticket, rules) is not { } clock || clock.IsPaused)
        {
            return [];
        }

        var assessment = rules.Sla.Evaluate(clock, at);
        var policy = clock.Policy;
        var alarms = new List<SlaAlarm>();
        foreach (var level in policy.Warnings.Order())
        {
            var reached = Duration.FromTicks((long)Math.Ceiling(level * assessment.Target.BclCompatibleTicks));
            if (assessment.Elapsed < reached)
            {
                alarms.Add(new SlaAlarm(SlaAlarmKind.Warning, level, policy.Calendar.Add(at, reached - assessment.Elapsed)));
            }
        }

        alarms.Add(new SlaAlarm(SlaAlarmKind.Breach, null, assessment.Deadline));
        return alarms;
    }

    /// <summary>The earliest alarm still to fire over every ticket, or null.</summary>
    public static Instant? NextAlarm(CustomerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Instant? next = null;
        foreach (var alarm in state.Tickets.SelectMany(t => t.Alarms))
        {
            if (next is null || alarm.Due < next)
            {
                next = alarm.Due;
            }
        }

        return next;
    }

    /// <summary>The library's grade assignment (GRADE-5) for the stored facts.</summary>
    public static GradeAssignment AssignmentOf(GradeFact grade)
    {
        ArgumentNullException.ThrowIfNull(grade);
        return new GradeAssignment
        {
            ApprovedGrade = grade.Approved,
            ProposedGrade = grade.Proposed,
            ProposedAt = grade.ProposedAt,
            ApprovedAt = grade.ApprovedAt,
            ApprovedBy = grade.ApprovedBy,
        };
    }

    private static void Store(GradeFact grade, GradeAssignment assignment)
    {
        grade.Approved = assignment.ApprovedGrade;
        grade.Proposed = assignment.ProposedGrade;
        grade.ProposedAt = assignment.ProposedAt;
        grade.ApprovedAt = assignment.ApprovedAt;
        grade.ApprovedBy = assignment.ApprovedBy;
    }

    private static string? Purchase(CustomerState state, Purchased e, CrmRuleSet rules)
    {
        if (e.Amount < 0)
        {
            return $"a purchase amount cannot be negative ({e.Amount})";
        }

        var grading = rules.ValueGrading;
        foreach (var (name, score) in e.Scores ?? [])
        {
            var index = grading.IndexOf(name);
            if (index < 0)
            {
                return $"'{name}' is not an indicator (known: {string.Join(", ", grading.Indicators.Select(i => i.Name))})";
            }

            // The indicator's own check: a score it would refuse is never stored to spoil every later grading.
            if (!grading.Indicators[index].TryScore(IndicatorValue.FromScore(score), out _, out var problem))
            {
                return $"'{name}': {problem}";
            }
        }

        state.Purchases.Add(new PurchaseFact(e.At, e.Amount));
        foreach (var (name, score) in e.Scores ?? [])
        {
            state.Scores[name] = score;
        }

        var values = new IndicatorValue[grading.Indicators.Count];
        foreach (var indicator in grading.Indicators)
        {
            values[indicator.Index] = state.Scores.TryGetValue(indicator.Name, out var score) ? IndicatorValue.FromScore(score) : IndicatorValue.Missing;
        }

        var outcome = grading.Grade(values);
        if (outcome.IsGraded)
        {
            state.Grade.Total = outcome.Total;
            state.Grade.Computed = outcome.Grade!.Name;
            // GRADE-5: a changed grade takes effect only once approved (unless the policy needs no approval).
            Store(state.Grade, AssignmentOf(state.Grade).Propose(outcome.Grade.Name, e.At, grading.Approval));
        }

        return null;
    }

    private static string? Approve(CustomerState state, GradeApproved e, CrmRuleSet rules)
    {
        if (!AssignmentOf(state.Grade).TryApprove(e.Approver, e.ApproverRole, e.At, rules.ValueGrading.Approval, out var approved, out var refusal))
        {
            return refusal;
        }

        Store(state.Grade, approved);
        return null;
    }

    private static string? Contact(CustomerState state, ContactLogged e, DateTimeZone zone)
    {
        state.Contacts.Add(new ContactFact(e.At.InZone(zone).Date, e.Outcome, e.LeftUnresolvedTodos));
        return null;
    }

    private static string? Open(CustomerState state, TicketOpened e, CrmRuleSet rules)
    {
        if (state.Tickets.Exists(t => t.Id == e.TicketId))
        {
            return $"ticket '{e.TicketId}' is already open";
        }

        if (rules.Sla.Select(state.Grade.Approved, e.Kind, e.Priority) is not { } policy)
        {
            return $"no SLA policy applies to a '{e.Kind}' ticket{(e.Priority is null ? "" : $" of priority '{e.Priority}'")} for grade {state.Grade.Approved ?? "(none)"}";
        }

        var ticket = new TicketFact { Id = e.TicketId, Kind = e.Kind, Priority = e.Priority, Policy = policy.Name, OpenedAt = e.At };
        ticket.Alarms = Schedule(ticket, rules, e.At);
        state.Tickets.Add(ticket);
        return null;
    }

    private static string? Pause(CustomerState state, TicketPaused e, CrmRuleSet rules)
    {
        if (Running(state, e.TicketId, e.At, out var ticket) is { } refusal)
        {
            return refusal;
        }

        if (ticket!.Pauses.Count > 0 && ticket.Pauses[^1].To is null)
        {
            return $"ticket '{e.TicketId}' is already paused";
        }

        ticket.Pauses.Add(new PauseFact(e.At, null));
        ticket.Alarms = Schedule(ticket, rules, e.At);
        return null;
    }

    private static string? Resume(CustomerState state, TicketResumed e, CrmRuleSet rules)
    {
        if (Running(state, e.TicketId, e.At, out var ticket) is { } refusal)
        {
            return refusal;
        }

        if (ticket!.Pauses.Count == 0 || ticket.Pauses[^1].To is not null)
        {
            return $"ticket '{e.TicketId}' is not paused";
        }

        ticket.Pauses[^1] = ticket.Pauses[^1] with { To = e.At };
        ticket.Alarms = Schedule(ticket, rules, e.At);
        return null;
    }

    private static string? Resolve(CustomerState state, TicketResolved e)
    {
        if (Running(state, e.TicketId, e.At, out var ticket) is { } refusal)
        {
            return refusal;
        }

        if (ticket!.Pauses.Count > 0 && ticket.Pauses[^1].To is null)
        {
            ticket.Pauses[^1] = ticket.Pauses[^1] with { To = e.At };
        }

        ticket.ResolvedAt = e.At;
        ticket.Alarms = [];
        return null;
    }

    private static string? Running(CustomerState state, string id, Instant at, out TicketFact? ticket)
    {
        ticket = state.Tickets.Find(t => t.Id == id);
        return ticket is null ? $"no ticket '{id}'"
            : ticket.ResolvedAt is not null ? $"ticket '{id}' is resolved"
            : at < ticket.OpenedAt || (ticket.Pauses.Count > 0 && at < ticket.Pauses[^1].From) ? $"ticket '{id}' has a later event than {at}"
            : null;
    }

    private static string? Survey(CustomerState state, SurveyAnswered e, CrmRuleSet rules)
    {
        try
        {
            _ = rules.Satisfaction.Nps([e.Score]); // the library's range check (0..10)
        }
        catch (ArgumentException problem)
        {
            return problem.Message;
        }

        state.SurveyScores.Add(e.Score);
        return null;
    }

    private static string? StateFacts(CustomerState state, StageFactsStated e, CrmRuleSet rules)
    {
        if (rules.Lifecycle.Machine(Machine) is not { } machine)
        {
            return $"the rule set has no '{Machine}' machine";
        }

        Start(state, machine, e.At);
        foreach (var (name, value) in e.Numbers ?? [])
        {
            state.Lifecycle.Numbers[name] = value;
        }

        foreach (var (name, value) in e.Flags ?? [])
        {
            state.Lifecycle.Flags[name] = value;
        }

        return null;
    }

    private static string? Move(CustomerState state, StageMoveRequested e, CrmRuleSet rules)
    {
        if (rules.Lifecycle.Machine(Machine) is not { } machine)
        {
            return $"the rule set has no '{Machine}' machine";
        }

        var current = state.Lifecycle.History.Count == 0 ? machine.Stages[0] : state.Lifecycle.History[^1].Stage;
        var decision = machine.Decide(current, e.Target, FactsOf(state.Lifecycle));
        if (!decision.Allowed)
        {
            return decision.Reason ?? $"{current} → {e.Target} is not allowed";
        }

        Start(state, machine, e.At);
        state.Lifecycle.History.Add(new StageEntryFact(e.Target, e.At, e.Reason));
        return null;
    }

    private static void Start(CustomerState state, StateMachine machine, Instant at)
    {
        if (state.Lifecycle.History.Count == 0)
        {
            state.Lifecycle.History.Add(new StageEntryFact(machine.Stages[0], at, "first event"));
        }
    }

    /// <summary>The library's stage facts for the stored ones.</summary>
    public static StageFacts FactsOf(LifecycleFact lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        // Flags after numbers, so a name stored as both is the flag, as a chain of With gave.
        return StageFacts.From(lifecycle.Numbers.Select(n => KeyValuePair.Create(n.Key, FactValue.FromNumber(n.Value)))
            .Concat(lifecycle.Flags.Select(f => KeyValuePair.Create(f.Key, FactValue.FromBoolean(f.Value)))));
    }

    private static string? FireAlarms(CustomerState state, SlaAlarmsDue e, CrmRuleSet rules)
    {
        var changed = false;
        foreach (var ticket in state.Tickets)
        {
            var due = ticket.Alarms.Where(a => a.Due <= e.At).ToList();
            if (due.Count == 0)
            {
                continue;
            }

            if (ClockOf(ticket, rules) is not { } clock)
            {
                // The ticket's policy left the rule set: its alarms can never be confirmed, so they go rather than ring forever.
                ticket.Alarms.RemoveAll(a => a.Due <= e.At);
                changed = true;
                continue;
            }

            changed = true;
            var assessment = rules.Sla.Evaluate(clock, e.At);
            var rescheduled = false;
            foreach (var alarm in due)
            {
                // The library's status decides whether the alarm is real now (a rules change may have moved it).
                var reached = assessment.Status == SlaStatus.Breached
                    || (alarm.Kind == SlaAlarmKind.Warning && assessment.WarningLevel >= alarm.Level);
                if (reached)
                {
                    state.Alerts.Add(new SlaAlert(ticket.Id, alarm.Kind, alarm.Level, alarm.Due, e.At, assessment.Status.ToText(), rules.Fingerprint));
                    ticket.Alarms.Remove(alarm);
                }
                else
                {
                    rescheduled = true;
                }
            }

            if (rescheduled)
            {
                var fired = state.Alerts.Where(a => a.TicketId == ticket.Id).Select(a => (a.Kind, a.Level)).ToHashSet();
                ticket.Alarms = Schedule(ticket, rules, e.At).Where(a => !fired.Contains((a.Kind, a.Level))).ToList();
            }
        }

        return changed ? null : $"no SLA alarm is due by {e.At}";
    }

    private static void UpdateChurn(CustomerState state, LocalDate asOf, CrmRuleSet rules, DateTimeZone zone)
    {
        var month = new LocalDate(asOf.Year, asOf.Month, 1);
        var previousMonth = month.PlusMonths(-1);
        decimal thisMonth = 0, lastMonth = 0;
        LocalDate? lastPurchase = null;
        foreach (var purchase in state.Purchases)
        {
            var date = purchase.At.InZone(zone).Date;
            lastPurchase = lastPurchase is { } seen && seen > date ? seen : date;
            if (date >= month && date <= asOf)
            {
                thisMonth += purchase.Amount;
            }
            else if (date >= previousMonth && date < month)
            {
                lastMonth += purchase.Amount;
            }
        }

        var facts = new ChurnFacts(asOf)
        {
            LastPurchase = lastPurchase,
            LastInteraction = state.Contacts.Count == 0 ? null : state.Contacts.Max(c => c.Date),
            AmountThisMonth = state.Purchases.Count == 0 ? null : thisMonth,
            AmountLastMonth = state.Purchases.Count == 0 ? null : lastMonth,
            UnresolvedComplaints = state.Tickets.Count(t => t.ResolvedAt is null),
            // A detractor's last answer is negative feedback: the library's NPS classes say who is one.
            NegativeFeedback = state.SurveyScores.Count > 0 && rules.Satisfaction.Nps([state.SurveyScores[^1]]).Detractors == 1,
            ValueGrade = state.Grade.Approved,
        };
        try
        {
            var assessment = rules.Churn.Explain(facts, state.Churn.Total);
            state.Churn.Previous = state.Churn.Total;
            state.Churn.Total = assessment.Total;
            state.Churn.Band = assessment.Band.Name;
            state.Churn.Trend = ChurnWords.Of(assessment.Trend);
            state.Churn.AsOf = asOf;
        }
        catch (ArgumentException)
        {
            // Facts the churn rules refuse (an event dated before the last purchase): the last assessment stands.
        }
    }
}
