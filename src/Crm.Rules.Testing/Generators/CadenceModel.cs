using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Crm.Rules.Testing;

/// <summary>
/// The draws behind a random valid cadence configuration (CAD-1 … CAD-9), periods in days: lead intervals of the seed's
/// three lead labels, the new-customer escort, the channel order, event follow-ups and surveys after events (by the seed's
/// event kinds; a negative draw leaves the kind out), escalation, survey intervals of the grades A, B and C, and the birthday reminder.
/// </summary>
/// <param name="LeadDays">Contact interval in days (1 to 400) of high-potential, normal and nurture leads.</param>
/// <param name="NewCustomerDays">How long (0 to 365 days) a new customer is escorted.</param>
/// <param name="NewCustomerIntervalDays">The escort's contact interval in days (1 to 60).</param>
/// <param name="Channels">How many (1 to 4) of the seed's channels, in a rotated order starting at <paramref name="FirstChannel"/>.</param>
/// <param name="FirstChannel">The index (0 to 3) of the first channel.</param>
/// <param name="FollowUpDays">Per event kind (complaint, milestone, delivery, complaintResolved): follow-up in days (0 to 30), or -1 for none.</param>
/// <param name="SurveyAfterDays">Per event kind (as above): a survey within days (0 to 30), or -1 for none.</param>
/// <param name="EscalateAfter">Consecutive unresolved contacts (1 to 6) that escalate.</param>
/// <param name="SurveyMonths">Survey interval in months (1 to 24) of the grades A, B and C.</param>
/// <param name="BirthdayDaysBefore">Days (0 to 30) before a birthday the reminder falls.</param>
/// <threadsafety>This type is immutable and thread-safe as long as nobody changes its arrays; <see cref="Options"/> builds new options every call.</threadsafety>
public sealed record CadenceModel(
    int[] LeadDays, int NewCustomerDays, int NewCustomerIntervalDays, int Channels, int FirstChannel,
    int[] FollowUpDays, int[] SurveyAfterDays, int EscalateAfter, int[] SurveyMonths, int BirthdayDaysBefore)
{
    private static readonly string[] LeadLabels = ["high-potential", "normal", "nurture"];
    private static readonly string[] ChannelNames = ["visit", "video", "phone", "email"];
    private static readonly string[] EventKinds = ["complaint", "milestone", "delivery", "complaintResolved"];
    private static readonly string[] Grades = ["A", "B", "C"];

    /// <summary>The seed standard's cadence in these terms (weeks as 7 days, months as 30 for the leads).</summary>
    public static readonly CadenceModel Seed = new([7, 30, 90], 90, 7, 4, 0, [1, 0, 7, -1], [-1, -1, 7, 7], 3, [3, 6, 12], 7);

    /// <summary>Random models.</summary>
    /// <value>A generator without shrinking; <see cref="CrmGen.CadenceModels"/> adds <see cref="Smaller"/>.</value>
    public static Gen<CadenceModel> Generator =>
        from leads in Gen.Choose(1, 400).ArrayOf(3)
        from newDays in Gen.Choose(0, 365)
        from newInterval in Gen.Choose(1, 60)
        from channels in Gen.Choose(1, 4)
        from first in Gen.Choose(0, 3)
        from followUps in Gen.Choose(-1, 30).ArrayOf(4)
        from surveys in Gen.Choose(-1, 30).ArrayOf(4)
        from escalate in Gen.Choose(1, 6)
        from months in Gen.Choose(1, 24).ArrayOf(3)
        from birthday in Gen.Choose(0, 30)
        select new CadenceModel(leads, newDays, newInterval, channels, first, followUps, surveys, escalate, months, birthday);

    /// <summary>Values nearer the seed standard's, fewer follow-ups and surveys after events.</summary>
    /// <returns>Valid models, simplest first.</returns>
    public IEnumerable<CadenceModel> Smaller() =>
        Shrink.Each(LeadDays, d => Shrink.Towards(d, 1)).Select(d => this with { LeadDays = d })
            .Concat(Shrink.Towards(NewCustomerDays, Seed.NewCustomerDays).Select(d => this with { NewCustomerDays = d }))
            .Concat(Shrink.Towards(NewCustomerIntervalDays, Seed.NewCustomerIntervalDays).Select(d => this with { NewCustomerIntervalDays = d }))
            .Concat(Shrink.Towards(Channels, 4).Select(c => this with { Channels = c }))
            .Concat(Shrink.Towards(FirstChannel, 0).Select(c => this with { FirstChannel = c }))
            .Concat(Shrink.Each(FollowUpDays, d => Shrink.Towards(d, -1)).Select(d => this with { FollowUpDays = d }))
            .Concat(Shrink.Each(SurveyAfterDays, d => Shrink.Towards(d, -1)).Select(d => this with { SurveyAfterDays = d }))
            .Concat(Shrink.Towards(EscalateAfter, Seed.EscalateAfter).Select(e => this with { EscalateAfter = e }))
            .Concat(Shrink.Each(SurveyMonths, m => Shrink.Towards(m, 1)).Select(m => this with { SurveyMonths = m }))
            .Concat(Shrink.Towards(BirthdayDaysBefore, Seed.BirthdayDaysBefore).Select(b => this with { BirthdayDaysBefore = b }));

    /// <summary>Builds fresh options: the seed standard with this cadence.</summary>
    /// <returns>New options that <see cref="CrmRuleSet.Compile"/> accepts.</returns>
    public CrmRulesOptions Options()
    {
        var options = new CrmRulesOptions();
        var cadence = options.Cadence;
        cadence.LeadIntervals = LeadLabels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => Period.FromDays(LeadDays[x.i]));
        cadence.NewCustomerDays = NewCustomerDays;
        cadence.NewCustomerInterval = Period.FromDays(NewCustomerIntervalDays);
        cadence.ChannelOrder = Enumerable.Range(0, Channels).Select(k => ChannelNames[(FirstChannel + k) % ChannelNames.Length]).ToList();
        cadence.EventFollowUps = ByKind(FollowUpDays);
        cadence.SurveyAfterEvents = ByKind(SurveyAfterDays);
        cadence.EscalateAfterUnresolvedContacts = EscalateAfter;
        cadence.SurveyIntervals = Grades.Select((g, i) => (g, i)).ToDictionary(x => x.g, x => Period.FromMonths(SurveyMonths[x.i]));
        cadence.BirthdayReminderDaysBefore = BirthdayDaysBefore;
        return options;
    }

    /// <summary>What a failure report needs to rebuild the configuration by hand.</summary>
    /// <returns>One line.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"cadence(leads {string.Join("/", LeadDays)} days, new customers {NewCustomerDays} days every {NewCustomerIntervalDays}, " +
        $"channels {string.Join(" > ", Options().Cadence.ChannelOrder)}, follow-ups [{Describe(FollowUpDays)}], surveys after [{Describe(SurveyAfterDays)}], " +
        $"escalate after {EscalateAfter}, surveys A/B/C every {string.Join("/", SurveyMonths)} months, birthday -{BirthdayDaysBefore}d)");

    private static Dictionary<string, Period> ByKind(int[] days)
        => EventKinds.Select((k, i) => (k, d: days[i])).Where(x => x.d >= 0).ToDictionary(x => x.k, x => Period.FromDays(x.d));

    private static string Describe(int[] days) => string.Join(", ", EventKinds.Select((k, i) => days[i] < 0 ? null : $"{k} {days[i]}d").OfType<string>());
}
