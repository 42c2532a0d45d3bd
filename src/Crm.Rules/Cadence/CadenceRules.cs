using System.Collections.Frozen;
using System.Diagnostics;
using System.Globalization;
using Crm.Rules.Satisfaction;
using Crm.Rules.Scoring;
using NodaTime;
using NodaTime.Text;

namespace Crm.Rules.Cadence;

/// <summary>
/// The compiled contact cadence planner (CAD-1 … CAD-9). Intervals use calendar arithmetic (NodaTime
/// <see cref="Period"/>): a month after 31 January is 28 (or 29) February — the day is clamped to the month's end.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class CadenceRules
{
    private readonly ValueGradingRules _grading;
    private readonly string[] _leadLabels;
    private readonly Period[] _leadIntervals;
    private readonly Period[] _gradeIntervals;

    // Survey intervals resolved to grade ranks once, so evaluation never matches grade names again.
    private readonly Period?[] _surveyIntervals;
    private readonly FrozenDictionary<string, (Period Period, string Words)> _eventFollowUps;
    private readonly FrozenDictionary<string, (Period Period, string Words)> _surveyAfterEvents;
    private readonly string[] _channelOrder;
    private readonly string _leadOwnerRole;
    private readonly string _escalationRole;
    private readonly int _newCustomerDays;
    private readonly Period _newCustomerInterval;
    private readonly int _escalateAfterUnresolvedContacts;
    private readonly decimal _requestResolutionFloor;
    private readonly decimal _todoCompletionTarget;
    private readonly int _birthdayReminderDaysBefore;

    // What the reasons say of the configured intervals (the events' too, above), and the channel each grade gets without
    // a preference: the same for every customer, so worked out once here rather than per plan.
    private readonly string[] _leadIntervalWords;
    private readonly string[] _gradeIntervalWords;
    private readonly string?[] _surveyIntervalWords;

    // What an escalated plan's reason ends with: the same words for every escalated customer, made once.
    private readonly string _escalationWords;
    private readonly string _newCustomerIntervalWords;
    private readonly string[] _gradeChannels;

    internal CadenceRules(CadenceOptions options, ValueGradingRules grading, SatisfactionRules kpis, string fingerprint)
    {
        _grading = grading;
        Fingerprint = fingerprint;
        _leadLabels = options.LeadIntervals.Keys.ToArray();
        _leadIntervals = options.LeadIntervals.Values.ToArray();
        _gradeIntervals = grading.Grades.Select(g => g.Treatment.ContactInterval).ToArray();
        _surveyIntervals = new Period?[grading.Grades.Count];
        foreach (var (name, interval) in options.SurveyIntervals)
        {
            if (grading.FindGrade(name) is { } grade)
            {
                _surveyIntervals[grade.Rank] = interval;
            }
        }

        _eventFollowUps = options.EventFollowUps.ToFrozenDictionary(e => e.Key, e => (e.Value, e.Value.Equals(Period.Zero) ? "the same day" : Within(e.Value)), StringComparer.Ordinal);
        _surveyAfterEvents = options.SurveyAfterEvents.ToFrozenDictionary(e => e.Key, e => (e.Value, Within(e.Value)), StringComparer.Ordinal);
        _channelOrder = options.ChannelOrder.ToArray();
        _leadOwnerRole = options.LeadOwnerRole;
        _escalationRole = options.EscalationRole;
        _newCustomerDays = options.NewCustomerDays;
        _newCustomerInterval = options.NewCustomerInterval;
        _escalateAfterUnresolvedContacts = options.EscalateAfterUnresolvedContacts;
        _escalationWords = _escalateAfterUnresolvedContacts == 1
            ? $"; escalated to {_escalationRole}: the last contact left to-dos unresolved"
            : string.Create(CultureInfo.InvariantCulture, $"; escalated to {_escalationRole}: the last {_escalateAfterUnresolvedContacts} contacts left to-dos unresolved");
        _requestResolutionFloor = kpis.Target(Kpis.RequestResolution);
        _todoCompletionTarget = kpis.Target(Kpis.TodoCompletion);
        _birthdayReminderDaysBefore = options.BirthdayReminderDaysBefore;
        _leadIntervalWords = [.. _leadIntervals.Select(Describe)];
        _gradeIntervalWords = [.. _gradeIntervals.Select(Describe)];
        _surveyIntervalWords = [.. _surveyIntervals.Select(i => i is { } interval ? Describe(interval) : null)];
        _newCustomerIntervalWords = Describe(_newCustomerInterval);
        _gradeChannels = [.. grading.Grades.Select(DefaultChannel)];
    }

    /// <summary>The fingerprint of the rule set these rules belong to.</summary>
    public string Fingerprint { get; }

    /// <summary>The lead labels, in the order <see cref="CadenceFacts.LeadLabel"/> indexes them.</summary>
    public IReadOnlyList<string> LeadLabels => _leadLabels;

    /// <summary>Plans a customer's next contact as of a date.</summary>
    /// <param name="customer">The customer.</param>
    /// <param name="asOf">The planning date ("today", given by the caller).</param>
    /// <returns>The plan with its reason.</returns>
    /// <exception cref="CrmInputException">The grade or lead label is unknown, or neither is given.</exception>
    public ContactPlan Plan(CadenceCustomer customer, LocalDate asOf)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var grade = customer.Grade is null ? null : _grading.FindGrade(customer.Grade)
            ?? throw new CrmInputException(customer.Id, "grade", $"'{customer.Grade}' is not a grade (known: {string.Join(", ", _grading.Grades.Select(g => g.Name))})");
        return Plan(customer, grade, customer.LeadLabel, customer.LifecycleStage, asOf);
    }

    // The plan of a customer whose grade (resolved), lead label and stage the caller gives (an assessment: the grade in
    // effect and the profile's stage) in place of the customer's own, without a copy of the customer for them.
    internal ContactPlan Plan(CadenceCustomer customer, Grade? grade, string? leadLabel, string? stage, LocalDate asOf)
    {
        // The tables are indexed by rank: the grade must be this rule set's own.
        Debug.Assert(grade is null || ReferenceEquals(_grading.FindGrade(grade.Name), grade), "a grade of another rule set");
        if (grade is null && leadLabel is null)
        {
            throw new CrmInputException(customer.Id, "grade", "give a grade (a customer) or a lead label (a lead)");
        }

        var (due, reason) = NextContact(customer, grade, leadLabel, stage, asOf);
        var escalated = IsEscalated(customer);
        var owner = escalated ? _escalationRole : grade?.Treatment.OwnerRole ?? _leadOwnerRole;
        if (escalated)
        {
            reason = string.Concat(reason, _escalationWords);
        }

        var overdue = due < asOf ? Period.DaysBetween(due, asOf) : 0;
        return new ContactPlan(customer.Id, due, overdue, owner, Channel(customer, grade), reason, escalated, OtherTouches(customer, grade, asOf), Fingerprint);
    }

    /// <summary>
    /// Every contact due in a date range across a portfolio, sorted by due date, then grade (best first), then id.
    /// A customer contacted on each due date is due again one interval later; overdue contacts appear on their due date.
    /// At most 400 contacts are listed per customer (eight years of weekly contacts), however long the range.
    /// </summary>
    /// <param name="customers">The portfolio.</param>
    /// <param name="from">The first date of the range.</param>
    /// <param name="to">The last date of the range (inclusive).</param>
    /// <returns>The due contacts.</returns>
    public IReadOnlyList<ContactPlan> PortfolioPlan(IEnumerable<CadenceCustomer> customers, LocalDate from, LocalDate to)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var touches = new List<(ContactPlan Plan, int Rank)>();
        foreach (var customer in customers)
        {
            var current = customer;
            var plan = Plan(current, from);
            var rank = _grading.FindGrade(customer.Grade)?.Rank ?? int.MaxValue;
            for (var guard = 0; plan.NextDue <= to && guard < 400; guard++)
            {
                touches.Add((plan, rank));
                current = current with { LastContact = plan.NextDue, Events = [] };
                plan = Plan(current, plan.NextDue);
            }
        }

        return touches
            .OrderBy(t => t.Plan.NextDue)
            .ThenBy(t => t.Rank)
            .ThenBy(t => t.Plan.CustomerId, StringComparer.Ordinal)
            .Select(t => t.Plan)
            .ToList();
    }

    /// <summary>
    /// The regular next-contact date of many customers, without allocating: the grade (or lead) interval after the
    /// last contact, or the weekly escort of a new customer when that comes first. Events, escalation and channels
    /// need <see cref="Plan(CadenceCustomer, LocalDate)"/>.
    /// </summary>
    /// <param name="facts">The customers.</param>
    /// <param name="asOf">The planning date.</param>
    /// <param name="due">Receives one date per customer.</param>
    /// <exception cref="ArgumentException">The spans differ in length, or a grade rank is neither a grade's rank nor -1 (a lead), or a lead's label index is out of range.</exception>
    public void NextDueBatch(ReadOnlySpan<CadenceFacts> facts, LocalDate asOf, Span<LocalDate> due)
    {
        if (facts.Length != due.Length)
        {
            throw new ArgumentException($"Expected {facts.Length} due dates, one per customer, but got {due.Length}.", nameof(due));
        }

        for (var i = 0; i < facts.Length; i++)
        {
            var f = facts[i];
            var interval = IntervalOf(f, i);
            var next = f.LastContact.Plus(interval);
            if (f.FirstDeal is { } firstDeal && asOf < firstDeal.PlusDays(_newCustomerDays))
            {
                var escort = f.LastContact.Plus(_newCustomerInterval);
                next = escort < next ? escort : next;
            }

            due[i] = next;
        }
    }

    // Checked, so a bad index is the documented ArgumentException naming the customer, not an
    // IndexOutOfRangeException escaping from the interval arrays (the check is two unsigned compares).
    // The parameter is named after NextDueBatch's, so the exception names the argument the caller passed.
    private Period IntervalOf(in CadenceFacts facts, int customer)
    {
        if (facts.GradeRank != -1)
        {
            return (uint)facts.GradeRank < (uint)_gradeIntervals.Length ? _gradeIntervals[facts.GradeRank]
                : throw new ArgumentException($"Customer {customer} has grade rank {facts.GradeRank}, but the grades' ranks are 0 to {_gradeIntervals.Length - 1} (or -1 for a lead).", nameof(facts));
        }

        return (uint)facts.LeadLabel < (uint)_leadIntervals.Length ? _leadIntervals[facts.LeadLabel]
            : throw new ArgumentException($"Customer {customer} is a lead with lead label {facts.LeadLabel}, but the lead labels' indexes are 0 to {_leadIntervals.Length - 1}.", nameof(facts));
    }

    /// <summary>The monthly review figures (CAD-5): to-do completion and request resolution against their floors.</summary>
    /// <param name="todosDone">To-dos completed in the month.</param>
    /// <param name="todosTotal">To-dos due in the month.</param>
    /// <param name="requestsResolved">Requests resolved.</param>
    /// <param name="requestsTotal">Requests received.</param>
    /// <returns>The two checks; a missed request resolution check flags the process.</returns>
    public (KpiCheck TodoCompletion, KpiCheck RequestResolution) MonthlyReview(long todosDone, long todosTotal, long requestsResolved, long requestsTotal)
        => (KpiCheck.FromCounts(Kpis.TodoCompletion, todosDone, todosTotal, _todoCompletionTarget, Fingerprint),
            KpiCheck.FromCounts(Kpis.RequestResolution, requestsResolved, requestsTotal, _requestResolutionFloor, Fingerprint));

    private (LocalDate Due, string Reason) NextContact(CadenceCustomer customer, Grade? grade, string? leadLabel, string? lifecycleStage, LocalDate asOf)
    {
        if (customer.LastContact is not { } last)
        {
            return (asOf, "never contacted: a first contact is due now");
        }

        // " (stage)" written inside the reason, not made as a string of its own for every customer.
        var (open, stage, close) = lifecycleStage is { } named ? (" (", named, ")") : ("", "", "");
        (LocalDate Due, string Reason) best;
        if (grade is not null)
        {
            best = (last.Plus(grade.Treatment.ContactInterval), string.Create(CultureInfo.InvariantCulture, stackalloc char[Scratch], $"grade {grade.Name}{open}{stage}{close}: every {_gradeIntervalWords[grade.Rank]} after the last contact on {Iso(last)}"));
        }
        else
        {
            var index = Array.IndexOf(_leadLabels, leadLabel);
            if (index < 0)
            {
                throw new CrmInputException(customer.Id, "leadLabel", $"'{leadLabel}' is not a lead label (known: {string.Join(", ", _leadLabels)})");
            }

            best = (last.Plus(_leadIntervals[index]), string.Create(CultureInfo.InvariantCulture, stackalloc char[Scratch], $"{leadLabel} lead{open}{stage}{close}: every {_leadIntervalWords[index]} after the last contact on {Iso(last)}"));
        }

        if (customer.FirstDeal is { } firstDeal && asOf < firstDeal.PlusDays(_newCustomerDays))
        {
            var escort = last.Plus(_newCustomerInterval);
            if (escort < best.Due)
            {
                best = (escort, string.Create(CultureInfo.InvariantCulture, stackalloc char[Scratch], $"new customer (first deal {Iso(firstDeal)}): every {_newCustomerIntervalWords} for the first {_newCustomerDays} days"));
            }
        }

        // Most customers have no events: no sorting, iterator or closure for them.
        return customer.Events.Count == 0 ? best : FollowUps(customer.Events, last, best);
    }

    // An event since the last contact whose follow-up comes sooner decides the date. Taken in date order (ties in
    // the order given), the first event to reach the soonest follow-up wins; found in one pass, without sorting, and
    // only the winner's reason is written.
    private (LocalDate Due, string Reason) FollowUps(IReadOnlyList<CustomerEvent> events, LocalDate last, (LocalDate Due, string Reason) best)
    {
        var winner = -1;
        var (due, words) = (best.Due, "");
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.Date < last || !_eventFollowUps.TryGetValue(e.Kind, out var followUp))
            {
                continue;
            }

            var at = e.Date.Plus(followUp.Period);
            if (at < due || (winner >= 0 && at == due && e.Date < events[winner].Date))
            {
                (winner, due, words) = (i, at, followUp.Words);
            }
        }

        if (winner < 0)
        {
            return best;
        }

        var w = events[winner];
        return (due, string.Create(CultureInfo.InvariantCulture, $"{w.Kind} on {Iso(w.Date)}: follow up {words}"));
    }

    private bool IsEscalated(CadenceCustomer customer)
    {
        // The n latest contacts (ties in the order given, as a stable sort by date, newest first, would take them) all
        // left to-dos open. Found in one pass with the n kept in order, rather than sorting every contact.
        var n = _escalateAfterUnresolvedContacts;
        var contacts = customer.Contacts;
        if (contacts.Count < n)
        {
            return false;
        }

        Span<int> latest = n <= 32 ? stackalloc int[n] : new int[n];
        var kept = 0;
        for (var i = 0; i < contacts.Count; i++)
        {
            var date = contacts[i].Date;
            var at = kept;
            while (at > 0 && contacts[latest[at - 1]].Date < date)
            {
                at--;
            }

            if (at == n)
            {
                continue;
            }

            var end = Math.Min(kept, n - 1);
            latest[at..end].CopyTo(latest[(at + 1)..]);
            latest[at] = i;
            kept = Math.Min(kept + 1, n);
        }

        foreach (var index in latest[..kept])
        {
            if (!contacts[index].HasUnresolvedTodos)
            {
                return false;
            }
        }

        return kept == n;
    }

    private string Channel(CadenceCustomer customer, Grade? grade)
        => !string.IsNullOrWhiteSpace(customer.ChannelPreference) ? customer.ChannelPreference
            : grade is not null ? _gradeChannels[grade.Rank] : _channelOrder[0];

    // The first channel in the house order that the grade's treatment uses; else the grade's own first; else the
    // house's first (validation requires the house order to name at least one channel).
    private string DefaultChannel(Grade grade)
    {
        var allowed = grade.Treatment.Channels;
        return _channelOrder.FirstOrDefault(c => allowed.Contains(c, StringComparer.OrdinalIgnoreCase))
            ?? (allowed.Count > 0 ? allowed[0] : _channelOrder[0]);
    }

    private List<DueTouch> OtherTouches(CadenceCustomer customer, Grade? grade, LocalDate asOf)
    {
        var touches = new List<DueTouch>();
        if (grade is not null && _surveyIntervals[grade.Rank] is { } surveyInterval)
        {
            var due = customer.LastSurvey is { } lastSurvey ? lastSurvey.Plus(surveyInterval) : asOf;
            touches.Add(new DueTouch("survey", due, customer.LastSurvey is { } last
                ? TouchReason.SurveyInterval(grade.Name, _surveyIntervalWords[grade.Rank]!, last)
                : TouchReason.NoSurveyYet(grade.Name)));
        }

        foreach (var e in customer.Events)
        {
            if ((customer.LastSurvey is not { } s || e.Date > s) && _surveyAfterEvents.TryGetValue(e.Kind, out var within))
            {
                touches.Add(new DueTouch("survey", e.Date.Plus(within.Period), TouchReason.SurveyAfterEvent(e.Kind, e.Date, within.Words)));
            }
        }

        if (customer.Birthday is { } birthday)
        {
            // The birthday still ahead (or today) keeps its reminder even when the reminder day has passed: an
            // overdue reminder is listed, as an overdue survey is, rather than silently replaced by next year's.
            var next = birthday.InYear(asOf.Year);
            if (next < asOf)
            {
                next = birthday.InYear(asOf.Year + 1);
            }

            touches.Add(new DueTouch("birthday", next.PlusDays(-_birthdayReminderDaysBefore), TouchReason.Birthday(next, _birthdayReminderDaysBefore)));
        }

        touches.Sort((a, b) => a.Due.CompareTo(b.Due));
        return touches;
    }

    // A reason's text is made in a buffer on the stack, invariantly (no culture, no pooled array per sentence).
    private const int Scratch = 160;

    // Written into the interpolated text, not made as a string of its own.
    private static IsoDate.Text Iso(LocalDate date) => new(date);

    // "month", "3 months", "week", "2 days"; anything else as ISO-8601. Only for the configured intervals, when the rules
    // compile: a plan reads the words worked out then.
    private static string Describe(Period period) => period switch
    {
        { Years: var y and > 0, Months: 0, Weeks: 0, Days: 0, HasTimeComponent: false } => Unit(y, "year"),
        { Years: 0, Months: var m and > 0, Weeks: 0, Days: 0, HasTimeComponent: false } => Unit(m, "month"),
        { Years: 0, Months: 0, Weeks: var w and > 0, Days: 0, HasTimeComponent: false } => Unit(w, "week"),
        { Years: 0, Months: 0, Weeks: 0, Days: var d and > 0, HasTimeComponent: false } => Unit(d, "day"),
        _ => PeriodPattern.Roundtrip.Format(period),
    };

    private static string Within(Period period)
    {
        var text = Describe(period);
        return char.IsAsciiDigit(text[0]) || text[0] == 'P' ? $"within {text}" : $"within a {text}";
    }

    private static string Unit(int count, string unit)
        => count == 1 ? unit : string.Create(CultureInfo.InvariantCulture, $"{count} {unit}s");
}
