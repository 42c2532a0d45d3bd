using Crm.Rules.Cadence;
using Crm.Rules.Testing;
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

public static class CadenceArbitraries
{
    public static Arbitrary<CadenceCase> CadenceCase() => CrmGen.CadenceCases();
}
