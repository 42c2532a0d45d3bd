using Crm.Rules.Cadence;
using NodaTime;

namespace Crm.Rules.Tests.Cadence;

/// <summary>The reasons and plan texts a user reads, word for word: units, plurals, ISO periods, "within a".</summary>
public class CadenceTextTests
{
    private static readonly CadenceRules Seed = CrmRuleSet.SeedStandard.Cadence;
    private static readonly LocalDate Today = new(2026, 11, 24);

    private static CadenceCustomer Customer(string grade, LocalDate last) => new("C1") { Grade = grade, LastContact = last };

    [Fact]
    public void Cad1_PlanText_WithOverdueDaysAndOtherTouches()
    {
        Assert.Equal(
            "C1: due 2026-11-20 (4 days overdue) by salesDirector via visit; grade A: every month after the last contact on 2026-10-20; also survey due 2026-11-24: grade A: no survey yet",
            Seed.Plan(Customer("A", new LocalDate(2026, 10, 20)), Today).ToString());
        Assert.Equal(
            "C1: due 2026-11-23 (1 day overdue) by salesManager via phone; grade B (growth): every 3 months after the last contact on 2026-08-23; also birthday due 2026-11-23: birthday on 2026-11-30: remind 7 days before; survey due 2026-11-24: grade B: no survey yet",
            Seed.Plan(Customer("B", new LocalDate(2026, 8, 23)) with { LifecycleStage = "growth", Birthday = new AnnualDate(11, 30) }, Today).ToString());
        Assert.Equal(
            "L1: due 2026-12-17 by salesRepresentative via visit; normal lead: every month after the last contact on 2026-11-17",
            Seed.Plan(new CadenceCustomer("L1") { LeadLabel = "normal", LastContact = new LocalDate(2026, 11, 17) }, Today).ToString());
    }

    [Fact]
    public void Cad1_NeverContacted_SaysSo()
    {
        var plan = Seed.Plan(new CadenceCustomer("N") { LeadLabel = "nurture" }, Today);
        Assert.Equal((Today, 0, "never contacted: a first contact is due now"), (plan.NextDue, plan.OverdueDays, plan.Reason));
    }

    [Fact]
    public void Cad1_EventReasons_SameDayWithinAWeekWithinADay()
    {
        var last = new LocalDate(2026, 11, 1);
        string Reason(string kind) => Seed.Plan(Customer("C", last) with { Events = [new CustomerEvent(kind, new LocalDate(2026, 11, 10))] }, Today).Reason;

        Assert.Equal("milestone on 2026-11-10: follow up the same day", Reason("milestone"));
        Assert.Equal("delivery on 2026-11-10: follow up within a week", Reason("delivery"));
        Assert.Equal("complaint on 2026-11-10: follow up within a day", Reason("complaint"));
    }

    [Theory]
    [InlineData("P1Y", "every year", "within a year")]
    [InlineData("P2Y", "every 2 years", "within 2 years")]
    [InlineData("P2M", "every 2 months", "within 2 months")]
    [InlineData("P2W", "every 2 weeks", "within 2 weeks")]
    [InlineData("P1D", "every day", "within a day")]
    [InlineData("P10D", "every 10 days", "within 10 days")]
    [InlineData("P1M2D", "every P1M2D", "within P1M2D")]
    [InlineData("P1Y1M", "every P1Y1M", "within P1Y1M")]
    [InlineData("P1W3D", "every P1W3D", "within P1W3D")]
    public void PeriodsReadAsUnits_OrAsIsoWhenMixed(string period, string every, string within)
    {
        var last = new LocalDate(2026, 11, 1);
        var interval = TestRules.FromJson($$"""{ "cadence": { "leadIntervals": { "normal": "{{period}}" } } }""").Cadence;
        Assert.Equal($"normal lead: {every} after the last contact on 2026-11-01", interval.Plan(new CadenceCustomer("L") { LeadLabel = "normal", LastContact = last }, Today).Reason);

        // A follow-up sooner than the ten-year lead interval, so the event gives the reason.
        var followUp = TestRules.FromJson($$"""{ "cadence": { "leadIntervals": { "normal": "P10Y" }, "eventFollowUps": { "visit": "{{period}}" } } }""").Cadence;
        var plan = followUp.Plan(new CadenceCustomer("L") { LeadLabel = "normal", LastContact = last, Events = [new CustomerEvent("visit", last)] }, Today);
        Assert.Equal($"visit on 2026-11-01: follow up {within}", plan.Reason);
    }

    [Fact]
    public void Cad8_SurveyReasons()
    {
        var customer = Customer("B", Today) with { LastSurvey = new LocalDate(2026, 6, 1), Events = [new CustomerEvent("complaintResolved", new LocalDate(2026, 11, 20))] };
        Assert.Equal(
            ["survey due 2026-11-27: complaintResolved on 2026-11-20: a survey within a week", "survey due 2026-12-01: grade B: a survey every 6 months after the last on 2026-06-01"],
            Seed.Plan(customer, Today).OtherTouches.Select(t => t.ToString()));
    }
}
