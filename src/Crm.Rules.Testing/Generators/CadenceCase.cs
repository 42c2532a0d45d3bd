using Crm.Rules.Cadence;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Crm.Rules.Testing;

/// <summary>A customer's cadence facts, as day offsets from <see cref="FirstDay"/> and from the last contact.</summary>
/// <param name="Grade">The value grade (none, A, B or C).</param>
/// <param name="LeadLabel">The lead label.</param>
/// <param name="LastContactDay">The last contact, in days after <see cref="FirstDay"/>.</param>
/// <param name="AsOfDaysAfter">The planning day, in days after the last contact.</param>
/// <param name="FirstDealDaysBefore">The first deal, in days before the last contact; -1 for none.</param>
/// <param name="EventKind">The kind of the customer's one event.</param>
/// <param name="EventDaysAfter">The event, in days after the last contact (negative: before it).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record CadenceCase(
    string? Grade, string LeadLabel, int LastContactDay, int AsOfDaysAfter, int FirstDealDaysBefore, string EventKind, int EventDaysAfter)
{
    /// <summary>The first day a last contact falls on.</summary>
    public static readonly LocalDate FirstDay = new(2020, 1, 1);

    /// <summary>The last contact.</summary>
    /// <value><see cref="FirstDay"/> plus <see cref="LastContactDay"/> days.</value>
    public LocalDate LastContact => FirstDay.PlusDays(LastContactDay);

    /// <summary>The planning day.</summary>
    /// <value>The last contact plus <see cref="AsOfDaysAfter"/> days.</value>
    public LocalDate AsOf => LastContact.PlusDays(AsOfDaysAfter);

    /// <summary>The customer these facts describe.</summary>
    /// <returns>A new customer with id <c>x</c>.</returns>
    public CadenceCustomer Customer()
    {
        var last = LastContact;
        return new CadenceCustomer("x")
        {
            Grade = Grade,
            LeadLabel = LeadLabel,
            LastContact = last,
            FirstDeal = FirstDealDaysBefore < 0 ? null : last.PlusDays(-FirstDealDaysBefore),
            Events = [new CustomerEvent(EventKind, last.PlusDays(EventDaysAfter))],
        };
    }

    /// <summary>Random facts.</summary>
    /// <value>A generator without shrinking; <see cref="CrmGen.CadenceCases()"/> adds <see cref="Smaller"/>.</value>
    public static Gen<CadenceCase> Generator => GeneratorAmong(Grades, Leads, Events);

    /// <summary>Cases whose grade, lead label and event kind are among the given ones (listed simplest first).</summary>
    internal static Arbitrary<CadenceCase> Among(string?[] grades, string[] leads, string[] events)
        => Arb.From(GeneratorAmong(grades, leads, events), c => c.SmallerAmong(grades, leads, events));

    private static Gen<CadenceCase> GeneratorAmong(string?[] Grades, string[] Leads, string[] Events) =>
        from grade in Gen.Elements(Grades)
        from lead in Gen.Elements(Leads)
        from lastDay in Gen.Choose(0, 3650)
        from asOfAfter in Gen.Choose(0, 800)
        from firstDealBefore in Gen.Choose(-1, 200)
        from eventKind in Gen.Elements(Events)
        from eventAfter in Gen.Choose(-30, 60)
        select new CadenceCase(grade, lead, lastDay, asOfAfter, firstDealBefore, eventKind, eventAfter);

    /// <summary>No grade, the first lead label and event kind, and zero offsets are simplest.</summary>
    /// <returns>Simpler cases, simplest first.</returns>
    public IEnumerable<CadenceCase> Smaller() => SmallerAmong(Grades, Leads, Events);

    private IEnumerable<CadenceCase> SmallerAmong(string?[] Grades, string[] Leads, string[] Events) =>
        Shrink.Earlier(Grade, Grades).Select(g => this with { Grade = g })
            .Concat(Shrink.Earlier(LeadLabel, Leads).Select(l => this with { LeadLabel = l }))
            .Concat(Shrink.Towards(LastContactDay, 0).Select(d => this with { LastContactDay = d }))
            .Concat(Shrink.Towards(AsOfDaysAfter, 0).Select(d => this with { AsOfDaysAfter = d }))
            .Concat(Shrink.Towards(FirstDealDaysBefore, -1).Select(d => this with { FirstDealDaysBefore = d }))
            .Concat(Shrink.Earlier(EventKind, Events).Select(e => this with { EventKind = e }))
            .Concat(Shrink.Towards(EventDaysAfter, 0).Select(d => this with { EventDaysAfter = d }));

    /// <summary>The facts, readably.</summary>
    /// <returns>One line.</returns>
    public override string ToString() =>
        $"grade {Grade ?? "none"}, lead {LeadLabel}, last contact {FirstDay.PlusDays(LastContactDay):uuuu-MM-dd}, as of +{AsOfDaysAfter}d, " +
        $"first deal {(FirstDealDaysBefore < 0 ? "none" : $"-{FirstDealDaysBefore}d")}, event {EventKind} at {EventDaysAfter:+0;-0}d";

    internal static readonly string?[] Grades = [null, "A", "B", "C"];
    internal static readonly string[] Leads = ["normal", "high-potential", "nurture"];
    internal static readonly string[] Events = ["other", "complaint", "milestone", "delivery"];
}
