using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Crm.Rules.Cadence;

/// <summary>A contact with the customer.</summary>
/// <param name="Date">When it took place.</param>
/// <param name="Outcome">What came of it, free text.</param>
/// <param name="HasUnresolvedTodos">Whether to-dos from it are still open.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record ContactRecord(LocalDate Date, string? Outcome, bool HasUnresolvedTodos);

/// <summary>Something that happened to the customer: a complaint, a project milestone, a delivery …</summary>
/// <param name="Kind">The kind, e.g. <c>complaint</c>.</param>
/// <param name="Date">When.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record CustomerEvent(string Kind, LocalDate Date);

/// <summary>What the cadence planner knows of a customer.</summary>
/// <param name="Id">The customer id.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record CadenceCustomer(string Id)
{
    /// <summary>The value grade (CAD-1, CAD-2), or <see langword="null"/> for a lead.</summary>
    public string? Grade { get; init; }

    /// <summary>The lead label (CAD-6) for a customer without a grade.</summary>
    public string? LeadLabel { get; init; }

    /// <summary>The lifecycle stage, shown in the reason.</summary>
    public string? LifecycleStage { get; init; }

    /// <summary>The channel the customer prefers (CAD-3).</summary>
    public string? ChannelPreference { get; init; }

    /// <summary>The last contact, or <see langword="null"/> when never contacted (then a contact is due at once).</summary>
    public LocalDate? LastContact { get; init; }

    /// <summary>The first deal, for the 90-day escort of new customers (CAD-7).</summary>
    public LocalDate? FirstDeal { get; init; }

    /// <summary>Recent contacts, any order (CAD-5 looks at the latest ones).</summary>
    public IReadOnlyList<ContactRecord> Contacts { get; init; } = [];

    /// <summary>Events such as complaints, milestones and deliveries (CAD-1, CAD-8).</summary>
    public IReadOnlyList<CustomerEvent> Events { get; init; } = [];

    /// <summary>The last satisfaction survey (CAD-8).</summary>
    public LocalDate? LastSurvey { get; init; }

    /// <summary>The birthday of the key contact (CAD-9).</summary>
    public AnnualDate? Birthday { get; init; }
}

/// <summary>A touch that is due besides the next contact: a survey or a birthday reminder.</summary>
/// <param name="Kind"><c>survey</c> or <c>birthday</c>.</param>
/// <param name="Due">When.</param>
/// <param name="Reason">Why.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record DueTouch(string Kind, LocalDate Due, string Reason)
{
    // A touch the planner makes keeps the words of its reason and writes the sentence when it is first asked for: the
    // cadence and assess commands list touches by kind and date, so most reasons would be made for nothing.
    private readonly TouchReason _why;
    private string? _reason = Reason;

    internal DueTouch(string kind, LocalDate due, TouchReason why)
        : this(kind, due, null!)
        => _why = why;

    /// <summary>Why.</summary>
    /// <remarks>A planned touch's reason stays as its words (the field null) until it is first read.</remarks>
    public string Reason
    {
        get => _reason ??= _why.Text()!;

        // A reason given replaces the planner's words, even a null one.
        init => (_reason, _why) = (value, default);
    }

    /// <summary>Whether the other touch has the same kind, date and reason (a reason not yet written is written to compare).</summary>
    /// <param name="other">The other touch.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(DueTouch? other)
        => ReferenceEquals(this, other)
            || (other is not null && string.Equals(Kind, other.Kind, StringComparison.Ordinal) && Due == other.Due && string.Equals(Reason, other.Reason, StringComparison.Ordinal));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Due, Reason);

    /// <summary>The touch as text: <c>survey due 2026-12-01: grade A: no survey yet</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Kind} due {LocalDatePattern.Iso.Format(Due)}: {Reason}";
}

/// <summary>What a planned touch's reason says, kept as its words until the sentence is asked for.</summary>
internal readonly struct TouchReason
{
    private readonly Because _because;
    private readonly string _name;
    private readonly string? _words;
    private readonly LocalDate _date;
    private readonly int _days;

    private TouchReason(Because because, string name, string? words, LocalDate date, int days)
        => (_because, _name, _words, _date, _days) = (because, name, words, date, days);

    private enum Because
    {
        // A reason given as text (or none): nothing to write.
        None,
        NoSurveyYet,
        SurveyInterval,
        SurveyAfterEvent,
        Birthday,
    }

    /// <summary>"grade A: no survey yet".</summary>
    public static TouchReason NoSurveyYet(string grade) => new(Because.NoSurveyYet, grade, null, default, 0);

    /// <summary>"grade A: a survey every 3 months after the last on 2026-08-01".</summary>
    public static TouchReason SurveyInterval(string grade, string words, LocalDate lastSurvey) => new(Because.SurveyInterval, grade, words, lastSurvey, 0);

    /// <summary>"complaint on 2026-11-20: a survey within 7 days".</summary>
    public static TouchReason SurveyAfterEvent(string eventKind, LocalDate date, string words) => new(Because.SurveyAfterEvent, eventKind, words, date, 0);

    /// <summary>"birthday on 2026-12-01: remind 7 days before".</summary>
    public static TouchReason Birthday(LocalDate birthday, int daysBefore) => new(Because.Birthday, "", null, birthday, daysBefore);

    /// <summary>The sentence, invariantly; <see langword="null"/> for no words (a touch whose reason was given).</summary>
    public string? Text() => _because switch
    {
        Because.NoSurveyYet => string.Create(CultureInfo.InvariantCulture, $"grade {_name}: no survey yet"),
        Because.SurveyInterval => string.Create(CultureInfo.InvariantCulture, $"grade {_name}: a survey every {_words} after the last on {new IsoDate.Text(_date)}"),
        Because.SurveyAfterEvent => string.Create(CultureInfo.InvariantCulture, $"{_name} on {new IsoDate.Text(_date)}: a survey {_words}"),
        Because.Birthday => string.Create(CultureInfo.InvariantCulture, $"birthday on {new IsoDate.Text(_date)}: remind {_days} days before"),
        _ => null,
    };
}

/// <summary>The next contact of a customer, and why (CAD-1 … CAD-9).</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="NextDue">When the next contact is due.</param>
/// <param name="OverdueDays">Days past <see cref="NextDue"/> as of the planning date (0 when not overdue).</param>
/// <param name="OwnerRole">Who makes it (CAD-2; the escalation role when escalated).</param>
/// <param name="Channel">How (CAD-3).</param>
/// <param name="Reason">The rule that set the date, e.g. <c>grade B: every 3 months after the last contact on 2026-08-15</c>.</param>
/// <param name="Escalated">Whether CAD-5 escalated the customer.</param>
/// <param name="OtherTouches">Surveys and birthday reminders due (CAD-8, CAD-9).</param>
/// <param name="Fingerprint">The rule set that produced it.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record ContactPlan(
    string CustomerId,
    LocalDate NextDue,
    int OverdueDays,
    string OwnerRole,
    string Channel,
    string Reason,
    bool Escalated,
    IReadOnlyList<DueTouch> OtherTouches,
    string Fingerprint)
{
    /// <summary>The plan as text: <c>c1: due 2026-12-01 (3 days overdue) by salesDirector via visit; grade A: …</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{CustomerId}: due {LocalDatePattern.Iso.Format(NextDue)}{(OverdueDays > 0 ? $" ({OverdueDays} day{(OverdueDays == 1 ? "" : "s")} overdue)" : "")} by {OwnerRole} via {Channel}; {Reason}{(OtherTouches.Count == 0 ? "" : $"; also {string.Join("; ", OtherTouches)}")}";
}

/// <summary>The allocation-free facts of the batch planner: grade and lead label as indexes, dates as they are.</summary>
/// <param name="GradeRank">The grade's rank in <c>ValueGradingRules.Grades</c> (0 = best), or -1 for a lead.</param>
/// <param name="LeadLabel">The lead label's index in <see cref="CadenceRules.LeadLabels"/>, used when <paramref name="GradeRank"/> is -1.</param>
/// <param name="LastContact">The last contact.</param>
/// <param name="FirstDeal">The first deal, or <see langword="null"/>.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public readonly record struct CadenceFacts(int GradeRank, int LeadLabel, LocalDate LastContact, LocalDate? FirstDeal);
