using Crm.Rules.Cadence;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace Crm.Rules.Tests.Cadence;

[Properties(Arbitrary = [typeof(CadenceArbitraries)], MaxTest = PropertyRuns.MaxTest)]
public class CadenceProperties
{
    private static readonly CadenceRules Seed = CrmRuleSet.SeedStandard.Cadence;

    [Property]
    public bool ADueDateIsNeverBeforeTheLastContact(CadenceCase c)
    {
        var last = CadenceCase.FirstDay.PlusDays(c.LastContactDay);
        var customer = new CadenceCustomer("x")
        {
            Grade = c.Grade,
            LeadLabel = c.LeadLabel,
            LastContact = last,
            FirstDeal = c.FirstDealDaysBefore < 0 ? null : last.PlusDays(-c.FirstDealDaysBefore),
            Events = [new CustomerEvent(c.EventKind, last.PlusDays(c.EventDaysAfter))],
        };
        var plan = Seed.Plan(customer, last.PlusDays(c.AsOfDaysAfter));
        return plan.NextDue >= last && plan.OverdueDays >= 0;
    }
}

/// <summary>A customer's cadence facts, as day offsets from <see cref="FirstDay"/> and from the last contact.</summary>
public sealed record CadenceCase(
    string? Grade, string LeadLabel, int LastContactDay, int AsOfDaysAfter, int FirstDealDaysBefore, string EventKind, int EventDaysAfter)
{
    public static readonly LocalDate FirstDay = new(2020, 1, 1);

    public override string ToString() =>
        $"grade {Grade ?? "none"}, lead {LeadLabel}, last contact {FirstDay.PlusDays(LastContactDay):uuuu-MM-dd}, as of +{AsOfDaysAfter}d, " +
        $"first deal {(FirstDealDaysBefore < 0 ? "none" : $"-{FirstDealDaysBefore}d")}, event {EventKind} at {EventDaysAfter:+0;-0}d";
}

public static class CadenceArbitraries
{
    private static readonly string?[] Grades = [null, "A", "B", "C"];
    private static readonly string[] Leads = ["normal", "high-potential", "nurture"];
    private static readonly string[] Events = ["other", "complaint", "milestone", "delivery"];

    public static Arbitrary<CadenceCase> CadenceCase() => Arb.From(
        from grade in Gen.Elements(Grades)
        from lead in Gen.Elements(Leads)
        from lastDay in Gen.Choose(0, 3650)
        from asOfAfter in Gen.Choose(0, 800)
        from firstDealBefore in Gen.Choose(-1, 200)
        from eventKind in Gen.Elements(Events)
        from eventAfter in Gen.Choose(-30, 60)
        select new CadenceCase(grade, lead, lastDay, asOfAfter, firstDealBefore, eventKind, eventAfter),
        c => Shrink.Earlier(c.Grade, Grades).Select(g => c with { Grade = g })
            .Concat(Shrink.Earlier(c.LeadLabel, Leads).Select(l => c with { LeadLabel = l }))
            .Concat(Shrink.Towards(c.LastContactDay, 0).Select(d => c with { LastContactDay = d }))
            .Concat(Shrink.Towards(c.AsOfDaysAfter, 0).Select(d => c with { AsOfDaysAfter = d }))
            .Concat(Shrink.Towards(c.FirstDealDaysBefore, -1).Select(d => c with { FirstDealDaysBefore = d }))
            .Concat(Shrink.Earlier(c.EventKind, Events).Select(e => c with { EventKind = e }))
            .Concat(Shrink.Towards(c.EventDaysAfter, 0).Select(d => c with { EventDaysAfter = d })));
}
