using Crm.Rules.Cadence;
using NodaTime;

namespace Crm.Rules.Tests.Cadence;

public class CadenceTests
{
    private static readonly CadenceRules Seed = CrmRuleSet.SeedStandard.Cadence;
    private static readonly LocalDate Today = new(2026, 11, 24);

    private static CadenceCustomer Customer(string grade, LocalDate last) => new("C1") { Grade = grade, LastContact = last };

    [Theory]
    [InlineData("A", "2026-10-20", "2026-11-20")] // CAD-1 monthly
    [InlineData("B", "2026-08-31", "2026-11-30")] // quarterly
    [InlineData("C", "2026-05-31", "2026-11-30")] // half-yearly
    public void Cad1_IntervalByGrade(string grade, string last, string due)
    {
        var plan = Seed.Plan(Customer(grade, LocalDate.FromDateTime(DateTime.Parse(last, System.Globalization.CultureInfo.InvariantCulture))), Today);
        Assert.Equal(due, plan.NextDue.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Cad1_MonthlyFrom31JanuaryIsDueAtTheEndOfFebruary()
    {
        Assert.Equal(new LocalDate(2026, 2, 28), Seed.Plan(Customer("A", new LocalDate(2026, 1, 31)), Today).NextDue);
        Assert.Equal(new LocalDate(2028, 2, 29), Seed.Plan(Customer("A", new LocalDate(2028, 1, 31)), Today).NextDue);
    }

    [Fact]
    public void Cad1_OverdueDaysCountFromTheDueDate()
    {
        var plan = Seed.Plan(Customer("A", new LocalDate(2026, 10, 20)), Today);
        Assert.Equal(4, plan.OverdueDays);
        Assert.Equal(0, Seed.Plan(Customer("A", new LocalDate(2026, 11, 20)), Today).OverdueDays);
    }

    [Fact]
    public void Cad1_EventsAddExtraContacts()
    {
        var customer = Customer("C", new LocalDate(2026, 11, 1)) with { Events = [new CustomerEvent("complaint", new LocalDate(2026, 11, 20))] };
        var plan = Seed.Plan(customer, Today);
        Assert.Equal(new LocalDate(2026, 11, 21), plan.NextDue);
        Assert.Equal("complaint on 2026-11-20: follow up within a day", plan.Reason);

        var milestone = Customer("C", new LocalDate(2026, 11, 1)) with { Events = [new CustomerEvent("milestone", new LocalDate(2026, 12, 5))] };
        Assert.Equal(new LocalDate(2026, 12, 5), Seed.Plan(milestone, Today).NextDue);
    }

    [Theory]
    [InlineData("A", "salesDirector")]
    [InlineData("B", "salesManager")]
    [InlineData("C", "customerService")]
    public void Cad2_OwnerByGrade(string grade, string owner)
        => Assert.Equal(owner, Seed.Plan(Customer(grade, Today), Today).OwnerRole);

    [Theory]
    [InlineData("A", null, "visit")]
    [InlineData("B", null, "phone")]
    [InlineData("C", null, "email")]
    [InlineData("C", "wechat", "wechat")]
    public void Cad3_ChannelPreferenceFirstThenTheHouseOrder(string grade, string? preference, string channel)
        => Assert.Equal(channel, Seed.Plan(Customer(grade, Today) with { ChannelPreference = preference }, Today).Channel);

    [Fact]
    public void Cad3_ChannelOrderIsConfigurable()
    {
        var rules = TestRules.FromJson("""{ "cadence": { "channelOrder": ["phone", "visit"] } }""").Cadence;
        Assert.Equal("phone", rules.Plan(new CadenceCustomer("L1") { LeadLabel = "normal", LastContact = Today }, Today).Channel);
    }

    [Fact]
    public void Cad5_ThreeUnresolvedContactsInARowEscalateToTheSalesDirector()
    {
        var contacts = new[]
        {
            new ContactRecord(new LocalDate(2026, 11, 1), "demo", true),
            new ContactRecord(new LocalDate(2026, 11, 8), "call", true),
            new ContactRecord(new LocalDate(2026, 11, 15), "call", true),
            new ContactRecord(new LocalDate(2026, 10, 1), "visit", false),
        };
        var plan = Seed.Plan(Customer("C", new LocalDate(2026, 11, 15)) with { Contacts = contacts }, Today);
        Assert.True(plan.Escalated);
        Assert.Equal("salesDirector", plan.OwnerRole);
        Assert.EndsWith("escalated to salesDirector: the last 3 contacts left to-dos unresolved", plan.Reason, StringComparison.Ordinal);

        var resolvedLatest = contacts.Append(new ContactRecord(new LocalDate(2026, 11, 20), "fixed", false)).ToArray();
        Assert.False(Seed.Plan(Customer("C", new LocalDate(2026, 11, 20)) with { Contacts = resolvedLatest }, Today).Escalated);
    }

    [Fact]
    public void Cad5_MonthlyReviewFlagsResolutionBelow80Percent()
    {
        var (todos, requests) = Seed.MonthlyReview(45, 50, 39, 50);
        Assert.Equal((0.9m, true), (todos.Observed, todos.Met));
        Assert.Equal((0.78m, false), (requests.Observed, requests.Met));
        Assert.True(Seed.MonthlyReview(0, 0, 40, 50).RequestResolution.Met);
    }

    [Theory]
    [InlineData("high-potential", "2026-11-24")] // CAD-6 weekly
    [InlineData("normal", "2026-12-17")]         // monthly
    [InlineData("nurture", "2027-02-17")]        // quarterly (our choice)
    public void Cad6_LeadNurtureCadence(string label, string due)
    {
        var plan = Seed.Plan(new CadenceCustomer("L1") { LeadLabel = label, LastContact = new LocalDate(2026, 11, 17) }, Today);
        Assert.Equal(due, plan.NextDue.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("salesRepresentative", plan.OwnerRole);
    }

    [Fact]
    public void Cad7_NewCustomersAreContactedWeeklyForTheirFirst90Days()
    {
        var customer = Customer("B", new LocalDate(2026, 11, 20)) with { FirstDeal = new LocalDate(2026, 10, 1) };
        Assert.Equal(new LocalDate(2026, 11, 27), Seed.Plan(customer, Today).NextDue);
        Assert.StartsWith("new customer (first deal 2026-10-01)", Seed.Plan(customer, Today).Reason, StringComparison.Ordinal);

        // Day 90 after the first deal the escort ends: back to quarterly.
        Assert.Equal(new LocalDate(2027, 2, 20), Seed.Plan(customer, new LocalDate(2026, 12, 30)).NextDue);
    }

    [Fact]
    public void Cad8_SurveysByGradeAndAfterDeliveryAndResolvedComplaints()
    {
        var customer = Customer("A", Today) with
        {
            LastSurvey = new LocalDate(2026, 9, 1),
            Events = [new CustomerEvent("delivery", new LocalDate(2026, 11, 20)), new CustomerEvent("complaintResolved", new LocalDate(2026, 11, 22))],
        };
        var surveys = Seed.Plan(customer, Today).OtherTouches.Where(t => t.Kind == "survey").ToList();
        Assert.Equal([new LocalDate(2026, 11, 27), new LocalDate(2026, 11, 29), new LocalDate(2026, 12, 1)], surveys.Select(s => s.Due));
        Assert.Equal(new LocalDate(2027, 9, 1), Seed.Plan(Customer("C", Today) with { LastSurvey = new LocalDate(2026, 9, 1) }, Today).OtherTouches.Single().Due);
    }

    [Fact]
    public void Cad9_BirthdayReminderAWeekBefore()
    {
        var touch = Seed.Plan(Customer("A", Today) with { Birthday = new AnnualDate(12, 1) }, Today).OtherTouches.Single(t => t.Kind == "birthday");
        Assert.Equal(new LocalDate(2026, 11, 24), touch.Due);
        var nextYear = Seed.Plan(Customer("A", Today) with { Birthday = new AnnualDate(3, 1) }, Today).OtherTouches.Single(t => t.Kind == "birthday");
        Assert.Equal(new LocalDate(2027, 2, 22), nextYear.Due);
    }

    [Fact]
    public void NeverContactedIsDueNow_AndBadInputNamesTheField()
    {
        Assert.Equal(Today, Seed.Plan(new CadenceCustomer("X") { Grade = "B" }, Today).NextDue);
        Assert.Equal("grade", Assert.Throws<CrmInputException>(() => Seed.Plan(new CadenceCustomer("X") { Grade = "Z" }, Today)).Field);
        Assert.Equal("grade", Assert.Throws<CrmInputException>(() => Seed.Plan(new CadenceCustomer("X"), Today)).Field);
        Assert.Equal("leadLabel", Assert.Throws<CrmInputException>(() => Seed.Plan(new CadenceCustomer("X") { LeadLabel = "hot", LastContact = Today }, Today)).Field);
    }

    [Fact]
    public void PortfolioPlan_EveryDueTouchSortedByDateThenGrade()
    {
        var customers = new[]
        {
            new CadenceCustomer("c-late") { Grade = "C", LastContact = new LocalDate(2026, 6, 1) },
            new CadenceCustomer("a-1") { Grade = "A", LastContact = new LocalDate(2026, 11, 1) },
            new CadenceCustomer("b-1") { Grade = "B", LastContact = new LocalDate(2026, 9, 1) },
        };
        var plan = Seed.PortfolioPlan(customers, new LocalDate(2026, 12, 1), new LocalDate(2027, 2, 28));
        Assert.Equal(
            [("a-1", "2026-12-01"), ("b-1", "2026-12-01"), ("c-late", "2026-12-01"), ("a-1", "2027-01-01"), ("a-1", "2027-02-01")],
            plan.Select(p => (p.CustomerId, p.NextDue.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void Batch_AgreesWithPlan()
    {
        var last = new LocalDate(2026, 11, 20);
        var facts = new[]
        {
            new CadenceFacts(0, -1, last, null),
            new CadenceFacts(1, -1, last, new LocalDate(2026, 10, 1)),
            new CadenceFacts(-1, 0, last, null),
        };
        var due = new LocalDate[3];
        Seed.NextDueBatch(facts, Today, due);
        Assert.Equal(Seed.Plan(Customer("A", last), Today).NextDue, due[0]);
        Assert.Equal(Seed.Plan(Customer("B", last) with { FirstDeal = new LocalDate(2026, 10, 1) }, Today).NextDue, due[1]);
        Assert.Equal(Seed.Plan(new CadenceCustomer("L") { LeadLabel = Seed.LeadLabels[0], LastContact = last }, Today).NextDue, due[2]);
    }

    // Bad indexes used to escape as an IndexOutOfRangeException from the interval arrays.
    [Theory]
    [InlineData(3, -1, "Customer 1 has grade rank 3, but the grades' ranks are 0 to 2 (or -1 for a lead). (Parameter 'facts')")]
    [InlineData(-2, 0, "Customer 1 has grade rank -2, but the grades' ranks are 0 to 2 (or -1 for a lead). (Parameter 'facts')")]
    [InlineData(-1, 99, "Customer 1 is a lead with lead label 99, but the lead labels' indexes are 0 to {0}. (Parameter 'facts')")]
    [InlineData(-1, -1, "Customer 1 is a lead with lead label -1, but the lead labels' indexes are 0 to {0}. (Parameter 'facts')")]
    public void Batch_IndexOutOfRange_ThrowsArgumentExceptionNamingTheCustomer(int gradeRank, int leadLabel, string message)
    {
        var last = new LocalDate(2026, 11, 20);
        var facts = new[] { new CadenceFacts(0, -1, last, null), new CadenceFacts(gradeRank, leadLabel, last, null) };
        var due = new LocalDate[2];
        var e = Assert.Throws<ArgumentException>(() => Seed.NextDueBatch(facts, Today, due));
        Assert.Equal("facts", e.ParamName);
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, message, Seed.LeadLabels.Count - 1), e.Message);
    }
}
