using Crm.Rules.Cadence;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Crm.Rules.Tests.Cadence;

public class CadenceProperties
{
    private static readonly CadenceRules Seed = CrmRuleSet.SeedStandard.Cadence;

    [Fact]
    public void ADueDateIsNeverBeforeTheLastContact()
    {
        var cases = from grade in Gen.Elements<string?>("A", "B", "C", null)
                    from lead in Gen.Elements("high-potential", "normal", "nurture")
                    from lastDay in Gen.Choose(0, 3650)
                    from asOfAfter in Gen.Choose(0, 800)
                    from firstDealBefore in Gen.Choose(-1, 200)
                    from eventKind in Gen.Elements("complaint", "milestone", "delivery", "other")
                    from eventAfter in Gen.Choose(-30, 60)
                    select (grade, lead, last: new LocalDate(2020, 1, 1).PlusDays(lastDay), asOfAfter, firstDealBefore, eventKind, eventAfter);
        PropertyCheck.Run(Prop.ForAll(Arb.From(cases), c =>
        {
            var customer = new CadenceCustomer("x")
            {
                Grade = c.grade,
                LeadLabel = c.lead,
                LastContact = c.last,
                FirstDeal = c.firstDealBefore < 0 ? null : c.last.PlusDays(-c.firstDealBefore),
                Events = [new CustomerEvent(c.eventKind, c.last.PlusDays(c.eventAfter))],
            };
            var plan = Seed.Plan(customer, c.last.PlusDays(c.asOfAfter));
            return plan.NextDue >= c.last && plan.OverdueDays >= 0;
        }));
    }
}
