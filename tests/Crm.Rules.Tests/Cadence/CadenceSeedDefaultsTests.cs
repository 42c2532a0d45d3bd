using Crm.Rules.Cadence;
using NodaTime;

namespace Crm.Rules.Tests.Cadence;

/// <summary>
/// The seed standard's cadence numbers (CAD-1 … CAD-9), seen through plans of a fresh compile of the default options:
/// <see cref="CrmRuleSet.SeedStandard"/> is built once per process and would hide a changed default.
/// </summary>
public class CadenceSeedDefaultsTests
{
    private static readonly CadenceRules Fresh = TestRules.FreshSeed().Cadence;
    private static readonly LocalDate Last = new(2026, 11, 2);
    private static readonly LocalDate Today = new(2026, 11, 24);

    private static ContactPlan Lead(string label, CadenceCustomer? with = null)
        => Fresh.Plan((with ?? new CadenceCustomer("L")) with { LeadLabel = label, LastContact = Last }, Today);

    [Fact]
    public void Cad6_LeadsWeeklyMonthlyQuarterly_FollowedUpByTheSalesRepresentative()
    {
        Assert.Equal(["high-potential", "normal", "nurture"], Fresh.LeadLabels);
        Assert.Equal([Last.PlusWeeks(1), Last.PlusMonths(1), Last.PlusMonths(3)], new[] { "high-potential", "normal", "nurture" }.Select(l => Lead(l).NextDue));
        Assert.Equal("salesRepresentative", Lead("normal").OwnerRole);
        Assert.Equal("visit", Lead("normal").Channel);
    }

    [Fact]
    public void Cad7_NinetyDaysOfWeeklyEscort()
    {
        var customer = new CadenceCustomer("C") { Grade = "C", LastContact = Last, FirstDeal = Today.PlusDays(-89) };
        Assert.Equal(Last.PlusWeeks(1), Fresh.Plan(customer, Today).NextDue);
        Assert.Equal(Last.PlusMonths(6), Fresh.Plan(customer with { FirstDeal = Today.PlusDays(-90) }, Today).NextDue);
    }

    [Fact]
    public void Cad1_And8_EventFollowUpsAndSurveysAfterEvents()
    {
        var customer = new CadenceCustomer("C") { Grade = "C", LastContact = Last };
        LocalDate DueAfter(string kind) => Fresh.Plan(customer with { Events = [new CustomerEvent(kind, Last.PlusDays(2))] }, Today).NextDue;
        Assert.Equal([Last.PlusDays(3), Last.PlusDays(2), Last.PlusDays(9)], new[] { "complaint", "milestone", "delivery" }.Select(DueAfter));

        var surveys = Fresh.Plan(customer with { LastSurvey = Last, Events = [new CustomerEvent("delivery", Last.PlusDays(1)), new CustomerEvent("complaintResolved", Last.PlusDays(2))] }, Today).OtherTouches;
        Assert.Equal([Last.PlusDays(8), Last.PlusDays(9), Last.PlusYears(1)], surveys.Select(t => t.Due));
    }

    [Fact]
    public void Cad8_SurveysQuarterlyHalfYearlyYearly()
        => Assert.Equal(
            [Last.PlusMonths(3), Last.PlusMonths(6), Last.PlusYears(1)],
            new[] { "A", "B", "C" }.Select(g => Fresh.Plan(new CadenceCustomer("C") { Grade = g, LastContact = Last, LastSurvey = Last }, Today).OtherTouches.Single().Due));

    [Fact]
    public void Cad5_ThreeUnresolvedContactsGoToTheSalesDirector()
    {
        ContactRecord[] three = [new(Last, "a", true), new(Last.PlusDays(-7), "b", true), new(Last.PlusDays(-14), "c", true)];
        var escalated = Lead("normal", new CadenceCustomer("L") { Contacts = three });
        Assert.Equal((true, "salesDirector"), (escalated.Escalated, escalated.OwnerRole));
        Assert.False(Lead("normal", new CadenceCustomer("L") { Contacts = three[..2] }).Escalated);
    }

    [Fact]
    public void Cad9_BirthdaysAreRemindedAWeekBefore()
        => Assert.Equal(
            Today.PlusDays(1),
            Lead("normal", new CadenceCustomer("L") { Birthday = new AnnualDate(12, 2) }).OtherTouches.Single().Due);

    [Fact]
    public void Options_TheDefaultsInCode()
    {
        var options = new CadenceOptions();
        Assert.Equal((90, 3, 7, "salesDirector", "salesRepresentative"), (options.NewCustomerDays, options.EscalateAfterUnresolvedContacts, options.BirthdayReminderDaysBefore, options.EscalationRole, options.LeadOwnerRole));
        Assert.Equal(["visit", "video", "phone", "email"], options.ChannelOrder);
        Assert.Equal(Period.FromWeeks(1), options.NewCustomerInterval);
        Assert.Equal(new Dictionary<string, Period> { ["complaint"] = Period.FromDays(1), ["milestone"] = Period.Zero, ["delivery"] = Period.FromWeeks(1) }, options.EventFollowUps);
        Assert.Equal(new Dictionary<string, Period> { ["delivery"] = Period.FromWeeks(1), ["complaintResolved"] = Period.FromWeeks(1) }, options.SurveyAfterEvents);
    }
}
