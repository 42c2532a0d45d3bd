using NodaTime;

namespace Crm.Rules.Cadence;

/// <summary>
/// Settings of the contact cadence planner (RULES.md CAD-1 … CAD-9). The interval, owner and channels of each grade
/// (CAD-1, CAD-2) come from <c>valueGrading.grades.X.treatment</c>, so grading and cadence never disagree.
/// </summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class CadenceOptions
{
    /// <summary>Contact intervals of leads by label (CAD-6).</summary>
    /// <value>high-potential weekly, normal monthly, nurture quarterly.</value>
    public Dictionary<string, Period> LeadIntervals { get; set; } = new()
    {
        ["high-potential"] = Period.FromWeeks(1),
        ["normal"] = Period.FromMonths(1),
        ["nurture"] = Period.FromMonths(3),
    };

    /// <summary>The role that follows up leads.</summary>
    /// <value><c>salesRepresentative</c>.</value>
    public string LeadOwnerRole { get; set; } = "salesRepresentative";

    /// <summary>How long a new customer is escorted after the first deal (CAD-7).</summary>
    /// <value>90 days.</value>
    public int NewCustomerDays { get; set; } = 90;

    /// <summary>The contact interval during the escort (CAD-7).</summary>
    /// <value>Weekly.</value>
    public Period NewCustomerInterval { get; set; } = Period.FromWeeks(1);

    /// <summary>Channels in order of preference when the customer states none (CAD-3).</summary>
    /// <value>visit, video, phone, email.</value>
    public List<string> ChannelOrder { get; set; } = ["visit", "video", "phone", "email"];

    /// <summary>Extra contacts after events, by event kind: the follow-up is due this long after the event (CAD-1, CAD-8).</summary>
    /// <value>complaint: next day; milestone: the same day; delivery: within a week.</value>
    public Dictionary<string, Period> EventFollowUps { get; set; } = new()
    {
        ["complaint"] = Period.FromDays(1),
        ["milestone"] = Period.Zero,
        ["delivery"] = Period.FromWeeks(1),
    };

    /// <summary>How many consecutive latest contacts with unresolved to-dos escalate the customer (CAD-5).</summary>
    /// <value>3.</value>
    public int EscalateAfterUnresolvedContacts { get; set; } = 3;

    /// <summary>The role an escalated customer goes to (CAD-5).</summary>
    /// <value><c>salesDirector</c>.</value>
    public string EscalationRole { get; set; } = "salesDirector";

    /// <summary>Satisfaction survey intervals by grade (CAD-8).</summary>
    /// <value>A quarterly, B half-yearly, C yearly.</value>
    public Dictionary<string, Period> SurveyIntervals { get; set; } = new()
    {
        ["A"] = Period.FromMonths(3),
        ["B"] = Period.FromMonths(6),
        ["C"] = Period.FromYears(1),
    };

    /// <summary>Event kinds after which an extra survey is due, and within how long (CAD-8).</summary>
    /// <value>delivery within a week; complaintResolved within a week.</value>
    public Dictionary<string, Period> SurveyAfterEvents { get; set; } = new()
    {
        ["delivery"] = Period.FromWeeks(1),
        ["complaintResolved"] = Period.FromWeeks(1),
    };

    /// <summary>How many days before a birthday the reminder falls (CAD-9).</summary>
    /// <value>7.</value>
    public int BirthdayReminderDaysBefore { get; set; } = 7;
}
