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

    // The escalation count 1 … 5, each a rule set of its own (compiled once).
    private static readonly CadenceRules[] ByCount =
        [.. Enumerable.Range(1, 5).Select(n => TestRules.FromJson($$"""{ "cadence": { "escalateAfterUnresolvedContacts": {{n}} } }""").Cadence)];

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

    [Property]
    public bool Cad5_EscalatedExactlyWhenTheLatestContactsAllLeftToDosOpen(byte[] days, bool[] unresolved, PositiveInt count)
    {
        // Days within a week, so many contacts share a date: ties are taken in the order given (a stable sort, newest
        // first), the way the rule reads "the last n contacts".
        var contacts = days.Zip(unresolved, (d, u) => new ContactRecord(CadenceCase.FirstDay.PlusDays(d % 7), null, u)).ToArray();
        var n = 1 + (count.Get % 5);
        var latest = contacts.OrderByDescending(c => c.Date).Take(n).ToList();
        var expected = contacts.Length >= n && latest.All(c => c.HasUnresolvedTodos);
        var plan = ByCount[n - 1].Plan(new CadenceCustomer("x") { Grade = "B", LastContact = CadenceCase.FirstDay.PlusDays(7), Contacts = contacts }, CadenceCase.FirstDay.PlusDays(8));
        return plan.Escalated == expected;
    }

    [Property]
    public bool Cad1_TheFirstEventInDateOrderToReachTheSoonestFollowUpDecides(byte[] kinds, sbyte[] days)
    {
        // Events before and after the last contact, of kinds with and without a follow-up, many on one date: the
        // rule reads them in date order (ties in the order given), a sooner follow-up replacing the one before.
        string[] names = ["complaint", "milestone", "delivery", "party"];
        var last = CadenceCase.FirstDay.PlusDays(20);
        var events = kinds.Zip(days, (k, d) => new CustomerEvent(names[k % names.Length], last.PlusDays(d % 9))).ToArray();
        var customer = new CadenceCustomer("x") { Grade = "B", LastContact = last };
        var asOf = last.PlusDays(3);
        var best = Seed.Plan(customer, asOf);
        var (due, reason) = (best.NextDue, best.Reason);
        foreach (var e in events.Where(e => e.Date >= last).OrderBy(e => e.Date))
        {
            var alone = Seed.Plan(customer with { Events = [e] }, asOf);
            if (alone.NextDue < due)
            {
                (due, reason) = (alone.NextDue, alone.Reason);
            }
        }

        var plan = Seed.Plan(customer with { Events = events }, asOf);
        return plan.NextDue == due && plan.Reason == reason;
    }
}

public static class CadenceArbitraries
{
    public static Arbitrary<CadenceCase> CadenceCase() => CrmGen.CadenceCases();
}
