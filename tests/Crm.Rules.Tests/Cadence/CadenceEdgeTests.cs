using Crm.Rules.Cadence;
using NodaTime;

namespace Crm.Rules.Tests.Cadence;

/// <summary>
/// CAD-1 … CAD-9 at the edges the first mutation run found unpinned: the exact day an escort or a birthday reminder
/// switches, events on the last contact's day, ties, escalation counts other than 3, and the portfolio range's ends.
/// </summary>
public class CadenceEdgeTests
{
    private static readonly CadenceRules Seed = CrmRuleSet.SeedStandard.Cadence;
    private static readonly LocalDate Today = new(2026, 11, 24);

    private static CadenceCustomer Customer(string grade, LocalDate last) => new("C1") { Grade = grade, LastContact = last };

    private static CadenceRules Rules(string cadence) => TestRules.FromJson($$"""{ "cadence": {{cadence}} }""").Cadence;

    [Fact]
    public void Cad1_OverdueOnlyAfterTheDueDay()
    {
        Assert.Equal(0, Seed.Plan(Customer("A", new LocalDate(2026, 10, 24)), Today).OverdueDays);
        Assert.Equal(1, Seed.Plan(Customer("A", new LocalDate(2026, 10, 23)), Today).OverdueDays);
        Assert.Equal(0, Seed.Plan(Customer("A", new LocalDate(2026, 10, 25)), Today).OverdueDays);
    }

    [Fact]
    public void Cad1_AnEventOnTheLastContactsDayCounts_TheDayBeforeDoesNot()
    {
        var last = new LocalDate(2026, 11, 1);
        Assert.Equal(new LocalDate(2026, 11, 2), Seed.Plan(Customer("C", last) with { Events = [new CustomerEvent("complaint", last)] }, Today).NextDue);
        Assert.Equal(new LocalDate(2027, 5, 1), Seed.Plan(Customer("C", last) with { Events = [new CustomerEvent("complaint", last.PlusDays(-1))] }, Today).NextDue);
        Assert.Equal(new LocalDate(2027, 5, 1), Seed.Plan(Customer("C", last) with { Events = [new CustomerEvent("visit", last.PlusDays(3))] }, Today).NextDue);
    }

    [Fact]
    public void Cad1_OfEventsDueTheSameDay_TheEarliestEventGivesTheReason()
    {
        // A delivery on 10 November and a complaint on 16 November both ask for a contact on 17 November; listed in
        // either order, the earlier event is the reason.
        var last = new LocalDate(2026, 11, 1);
        var events = new[] { new CustomerEvent("complaint", new LocalDate(2026, 11, 16)), new CustomerEvent("delivery", new LocalDate(2026, 11, 10)) };
        var plan = Seed.Plan(Customer("C", last) with { Events = events }, Today);

        Assert.Equal((new LocalDate(2026, 11, 17), "delivery on 2026-11-10: follow up within a week"), (plan.NextDue, plan.Reason));
        Assert.Equal("delivery on 2026-11-10: follow up within a week", Seed.Plan(Customer("C", last) with { Events = events.Reverse().ToArray() }, Today).Reason);
    }

    [Fact]
    public void Cad1_AnEventFollowUpLaterThanTheRegularContactChangesNothing()
    {
        var plan = Seed.Plan(Customer("A", new LocalDate(2026, 11, 20)) with { Events = [new CustomerEvent("delivery", new LocalDate(2026, 12, 18))] }, Today);
        Assert.Equal((new LocalDate(2026, 12, 20), "grade A: every month after the last contact on 2026-11-20"), (plan.NextDue, plan.Reason));
    }

    [Fact]
    public void Cad3_ChannelsOfTheGradeOutsideTheHouseOrder_TheGradesFirstIsUsed()
    {
        var rules = TestRules.FromJson("""{ "valueGrading": { "grades": { "B": { "treatment": { "channels": ["wechat", "PHONE"] } } } } }""").Cadence;
        Assert.Equal("phone", rules.Plan(Customer("B", Today), Today).Channel);

        var noHouseMatch = TestRules.FromJson("""{ "valueGrading": { "grades": { "B": { "treatment": { "channels": ["wechat", "letter"] } } } } }""").Cadence;
        Assert.Equal("wechat", noHouseMatch.Plan(Customer("B", Today), Today).Channel);

        var noChannels = TestRules.FromJson("""{ "valueGrading": { "grades": { "B": { "treatment": { "channels": [] } } } }, "cadence": { "channelOrder": ["video", "visit"] } }""").Cadence;
        Assert.Equal("video", noChannels.Plan(Customer("B", Today), Today).Channel);
        Assert.Equal("video", noChannels.Plan(new CadenceCustomer("L") { LeadLabel = "normal", LastContact = Today }, Today).Channel);
        Assert.Equal("video", noChannels.Plan(Customer("B", Today) with { ChannelPreference = " " }, Today).Channel);
    }

    [Fact]
    public void Cad5_FewerContactsThanTheCountNeverEscalate()
    {
        ContactRecord[] two = [new(new LocalDate(2026, 11, 1), "call", true), new(new LocalDate(2026, 11, 8), "call", true)];
        Assert.False(Seed.Plan(Customer("C", new LocalDate(2026, 11, 8)) with { Contacts = two }, Today).Escalated);
        Assert.False(Seed.Plan(Customer("C", new LocalDate(2026, 11, 8)), Today).Escalated);
    }

    [Fact]
    public void Cad5_TheCountIsConfigurable_OneUnresolvedContactCanEscalate()
    {
        var rules = Rules("""{ "escalateAfterUnresolvedContacts": 1, "escalationRole": "teamLead" }""");
        ContactRecord[] contacts = [new(new LocalDate(2026, 11, 1), "call", false), new(new LocalDate(2026, 11, 8), "call", true)];
        var plan = rules.Plan(new CadenceCustomer("L") { LeadLabel = "normal", LastContact = new LocalDate(2026, 11, 8), Contacts = contacts }, Today);

        Assert.Equal((true, "teamLead"), (plan.Escalated, plan.OwnerRole));
        Assert.Equal("normal lead: every month after the last contact on 2026-11-08; escalated to teamLead: the last contact left to-dos unresolved", plan.Reason);
        ContactRecord[] resolvedLatest = [new(new LocalDate(2026, 11, 1), "call", true), new(new LocalDate(2026, 11, 8), "call", false)];
        Assert.False(rules.Plan(new CadenceCustomer("L") { LeadLabel = "normal", LastContact = Today, Contacts = resolvedLatest }, Today).Escalated);
    }

    [Fact]
    public void Cad5_TheLatestContactsCount_InAnyOrder()
    {
        // Listed oldest last: the three latest are unresolved, the older resolved one does not matter.
        ContactRecord[] contacts =
        [
            new(new LocalDate(2026, 11, 15), "call", true), new(new LocalDate(2026, 9, 1), "visit", false),
            new(new LocalDate(2026, 11, 1), "demo", true), new(new LocalDate(2026, 11, 8), "call", true),
        ];
        Assert.True(Seed.Plan(Customer("B", new LocalDate(2026, 11, 15)) with { Contacts = contacts }, Today).Escalated);

        // The older contact resolved, the latest not: three in a row are not all unresolved.
        ContactRecord[] broken = [new(new LocalDate(2026, 11, 15), "call", true), new(new LocalDate(2026, 11, 1), "demo", false), new(new LocalDate(2026, 11, 8), "call", true), new(new LocalDate(2026, 10, 1), "call", true)];
        Assert.False(Seed.Plan(Customer("B", new LocalDate(2026, 11, 15)) with { Contacts = broken }, Today).Escalated);
    }

    [Fact]
    public void Cad5_MonthlyReviewAtExactlyTheFloors_AndConfiguredTargets()
    {
        var (todos, requests) = Seed.MonthlyReview(40, 50, 40, 50);
        Assert.Equal(("todoCompletion", 0.8m, true), (todos.Name, todos.Observed, todos.Met));
        Assert.Equal(("requestResolution", 0.8m, true), (requests.Name, requests.Observed, requests.Met));
        Assert.False(Seed.MonthlyReview(39, 50, 40, 50).TodoCompletion.Met);

        var rules = TestRules.FromJson("""{ "satisfaction": { "kpiTargets": { "todoCompletion": 0.9, "requestResolution": 0.7 } } }""").Cadence;
        var (strictTodos, laxRequests) = rules.MonthlyReview(44, 50, 35, 50);
        Assert.Equal((0.9m, false, 0.7m, true), (strictTodos.Target, strictTodos.Met, laxRequests.Target, laxRequests.Met));
        Assert.Equal(rules.Fingerprint, strictTodos.Fingerprint);
    }

    [Fact]
    public void Cad7_TheEscortEndsOnDayNinety()
    {
        var customer = Customer("B", new LocalDate(2026, 11, 20)) with { FirstDeal = new LocalDate(2026, 10, 1) };
        Assert.Equal(new LocalDate(2026, 11, 27), Seed.Plan(customer, new LocalDate(2026, 12, 29)).NextDue);
        Assert.Equal(new LocalDate(2027, 2, 20), Seed.Plan(customer, new LocalDate(2026, 12, 30)).NextDue);
    }

    [Fact]
    public void Cad7_AnEscortNoSoonerThanTheRegularContactIsNotTheReason()
    {
        // A high-potential lead is followed up weekly anyway; an escort every two months never comes first.
        var lead = new CadenceCustomer("L") { LeadLabel = "high-potential", LastContact = new LocalDate(2026, 11, 20), FirstDeal = new LocalDate(2026, 11, 1) };
        Assert.Equal("high-potential lead: every week after the last contact on 2026-11-20", Seed.Plan(lead, Today).Reason);

        var rules = Rules("""{ "newCustomerInterval": "P2M", "newCustomerDays": 120 }""");
        var plan = rules.Plan(Customer("A", new LocalDate(2026, 11, 20)) with { FirstDeal = new LocalDate(2026, 10, 1) }, Today);
        Assert.Equal((new LocalDate(2026, 12, 20), "grade A: every month after the last contact on 2026-11-20"), (plan.NextDue, plan.Reason));
        var escorted = rules.Plan(Customer("C", new LocalDate(2026, 11, 20)) with { FirstDeal = new LocalDate(2026, 10, 1) }, new LocalDate(2027, 1, 28));
        Assert.Equal((new LocalDate(2027, 1, 20), "new customer (first deal 2026-10-01): every 2 months for the first 120 days"), (escorted.NextDue, escorted.Reason));
    }

    [Fact]
    public void Cad8_EventsOnTheLastSurveysDayAreCoveredByIt()
    {
        var survey = new LocalDate(2026, 9, 1);
        var customer = Customer("C", Today) with { LastSurvey = survey, Events = [new CustomerEvent("delivery", survey), new CustomerEvent("complaintResolved", survey.PlusDays(1))] };
        Assert.Equal(
            [new DueTouch("survey", new LocalDate(2026, 9, 9), "complaintResolved on 2026-09-02: a survey within a week"), new DueTouch("survey", new LocalDate(2027, 9, 1), "grade C: a survey every year after the last on 2026-09-01")],
            Seed.Plan(customer, Today).OtherTouches);
    }

    [Fact]
    public void Cad8_WithoutASurveyEveryEventCounts_AndLeadsGetEventSurveysToo()
    {
        var lead = new CadenceCustomer("L") { LeadLabel = "normal", LastContact = Today, Events = [new CustomerEvent("delivery", new LocalDate(2020, 1, 1))] };
        Assert.Equal([new DueTouch("survey", new LocalDate(2020, 1, 8), "delivery on 2020-01-01: a survey within a week")], Seed.Plan(lead, Today).OtherTouches);
    }

    [Fact]
    public void Cad8_AGradeWithoutASurveyIntervalGetsNoRegularSurvey()
    {
        var rules = Rules("""{ "surveyIntervals": { "C": null } }""");
        Assert.Empty(rules.Plan(Customer("C", Today), Today).OtherTouches);
        Assert.Equal([new DueTouch("survey", Today, "grade B: no survey yet")], rules.Plan(Customer("B", Today), Today).OtherTouches);
    }

    [Fact]
    public void Cad8_Cad9_APlannedTouchWritesItsReasonWhenAsked_AndEqualsTheTouchGivenItsText()
    {
        // The planner keeps a touch's reason as its words; asked for, compared or hashed, it is the sentence, and the
        // touch is the touch made with that sentence — each way round on touches whose reason is not yet written, and
        // for a copy made by with before its reason was ever read.
        var customer = Customer("C", Today) with { LastSurvey = new LocalDate(2026, 9, 1), Birthday = new AnnualDate(12, 1), Events = [new CustomerEvent("complaintResolved", new LocalDate(2026, 9, 2))] };
        IReadOnlyList<DueTouch> Planned() => Seed.Plan(customer, Today).OtherTouches;
        string[] reasons = ["complaintResolved on 2026-09-02: a survey within a week", "birthday on 2026-12-01: remind 7 days before", "grade C: a survey every year after the last on 2026-09-01"];
        var given = Planned().Select((t, i) => new DueTouch(t.Kind, t.Due, reasons[i])).ToArray();
        for (var i = 0; i < given.Length; i++)
        {
            Assert.True(Planned()[i].Equals(given[i]), $"planned.Equals(given) {i}");
            Assert.True(given[i].Equals(Planned()[i]), $"given.Equals(planned) {i}");
            Assert.True(Planned()[i] == given[i] && !(Planned()[i] != given[i]), $"== {i}");
            Assert.Equal(given[i].GetHashCode(), Planned()[i].GetHashCode());
            Assert.Equal(given[i].ToString(), Planned()[i].ToString());
            Assert.Equal(given[i] with { Due = Today }, Planned()[i] with { Due = Today });
            Assert.Equal(reasons[i], (Planned()[i] with { Due = Today }).Reason);
            Assert.NotEqual(given[i], Planned()[i] with { Reason = "another reason" });
        }

        Assert.Equal(reasons, Planned().Select(t => t.Reason));
    }

    [Fact]
    public void Cad8_ATouchGivenNoReasonHasNone_EvenACopyOfAPlannedOne()
    {
        var none = new DueTouch("survey", Today, null!);
        Assert.Null(none.Reason);
        Assert.Equal(new DueTouch("survey", Today, null!), none);
        Assert.NotEqual(new DueTouch("survey", Today, "grade : no survey yet"), none);
        var planned = Seed.Plan(Customer("B", Today), Today).OtherTouches.Single();
        Assert.Null((planned with { Reason = null! }).Reason);
        Assert.Equal("grade B: no survey yet", planned.Reason);
    }

    [Fact]
    public void Cad9_TheBirthdayDecidesTheYear_AndAPassedReminderDayIsOverdue()
    {
        // Reminder seven days before: a birthday on 1 December is reminded today; for 30 November the reminder day
        // passed yesterday while the birthday is still ahead, so that reminder is overdue (issue 10), not next year's.
        // Only a birthday already past moves to next year.
        DueTouch Birthday(CadenceRules rules, AnnualDate birthday) => rules.Plan(Customer("C", Today) with { Birthday = birthday }, Today).OtherTouches.Single(t => t.Kind == "birthday");

        Assert.Equal(new DueTouch("birthday", Today, "birthday on 2026-12-01: remind 7 days before"), Birthday(Seed, new AnnualDate(12, 1)));
        Assert.Equal(new DueTouch("birthday", new LocalDate(2026, 11, 23), "birthday on 2026-11-30: remind 7 days before"), Birthday(Seed, new AnnualDate(11, 30)));
        Assert.Equal(new DueTouch("birthday", new LocalDate(2027, 11, 16), "birthday on 2027-11-23: remind 7 days before"), Birthday(Seed, new AnnualDate(11, 23)));

        var sameDay = Rules("""{ "birthdayReminderDaysBefore": 0 }""");
        Assert.Equal(new DueTouch("birthday", Today, "birthday on 2026-11-24: remind 0 days before"), Birthday(sameDay, new AnnualDate(11, 24)));
        Assert.Equal(new LocalDate(2027, 11, 23), Birthday(sameDay, new AnnualDate(11, 23)).Due);
        Assert.Equal(new LocalDate(2027, 2, 28), Birthday(sameDay, new AnnualDate(2, 29)).Due);
    }

    [Fact]
    public void Cad9_TouchesComeSoonestFirst()
    {
        var customer = Customer("A", Today) with { LastSurvey = new LocalDate(2026, 9, 1), Birthday = new AnnualDate(12, 1), Events = [new CustomerEvent("delivery", new LocalDate(2026, 11, 20))] };
        Assert.Equal([Today, new LocalDate(2026, 11, 27), new LocalDate(2026, 12, 1)], Seed.Plan(customer, Today).OtherTouches.Select(t => t.Due));
        Assert.Equal(["birthday", "survey", "survey"], Seed.Plan(customer, Today).OtherTouches.Select(t => t.Kind));
    }

    [Fact]
    public void Plan_AGradeWinsOverALeadLabel_AndBadInputIsNamed()
    {
        var both = Seed.Plan(new CadenceCustomer("X") { Grade = "B", LeadLabel = "hot", LastContact = Today }, Today);
        Assert.Equal(("salesManager", new LocalDate(2027, 2, 24)), (both.OwnerRole, both.NextDue));

        Assert.Throws<ArgumentNullException>(() => Seed.Plan(null!, Today));
        Assert.Equal("record 'X', field 'grade': 'Z' is not a grade (known: A, B, C)", Assert.Throws<CrmInputException>(() => Seed.Plan(new CadenceCustomer("X") { Grade = "Z" }, Today)).Message);
        Assert.Equal("record 'X', field 'grade': give a grade (a customer) or a lead label (a lead)", Assert.Throws<CrmInputException>(() => Seed.Plan(new CadenceCustomer("X"), Today)).Message);
        Assert.Equal(
            "record 'X', field 'leadLabel': 'hot' is not a lead label (known: high-potential, normal, nurture)",
            Assert.Throws<CrmInputException>(() => Seed.Plan(new CadenceCustomer("X") { LeadLabel = "hot", LastContact = Today }, Today)).Message);
    }

    [Fact]
    public void PortfolioPlan_TheRangesLastDayIsIncluded_LeadsAfterGrades_ThenIdsOrdinally()
    {
        var customers = new[]
        {
            new CadenceCustomer("lead") { LeadLabel = "normal", LastContact = new LocalDate(2026, 11, 1) },
            new CadenceCustomer("b-2") { Grade = "A", LastContact = new LocalDate(2026, 11, 1) },
            new CadenceCustomer("B-1") { Grade = "A", LastContact = new LocalDate(2026, 11, 1) },
            new CadenceCustomer("c") { Grade = "C", LastContact = new LocalDate(2026, 6, 1) },
        };
        var plan = Seed.PortfolioPlan(customers, new LocalDate(2026, 12, 1), new LocalDate(2027, 1, 1));

        Assert.Equal(
            [("B-1", "2026-12-01"), ("b-2", "2026-12-01"), ("c", "2026-12-01"), ("lead", "2026-12-01"), ("B-1", "2027-01-01"), ("b-2", "2027-01-01"), ("lead", "2027-01-01")],
            plan.Select(p => (p.CustomerId, p.NextDue.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Empty(Seed.PortfolioPlan(customers, new LocalDate(2026, 10, 1), new LocalDate(2026, 11, 30)));
        Assert.Throws<ArgumentNullException>(() => Seed.PortfolioPlan(null!, Today, Today));
    }

    [Fact]
    public void PortfolioPlan_AnEventAddsOneContact_TheRegularCadenceFollowsIt()
    {
        var customer = Customer("A", new LocalDate(2026, 11, 20)) with { Events = [new CustomerEvent("complaint", new LocalDate(2026, 11, 25))] };
        var plan = Seed.PortfolioPlan([customer], Today, new LocalDate(2027, 1, 31));
        Assert.Equal([new LocalDate(2026, 11, 26), new LocalDate(2026, 12, 26), new LocalDate(2027, 1, 26)], plan.Select(p => p.NextDue));
        Assert.StartsWith("complaint on 2026-11-25", plan[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void PortfolioPlan_ListsAtMost400ContactsPerCustomer()
    {
        var lead = new CadenceCustomer("L") { LeadLabel = "high-potential", LastContact = Today };
        var plan = Seed.PortfolioPlan([lead], Today, Today.PlusYears(10));
        Assert.Equal(400, plan.Count);
        Assert.Equal(Today.PlusWeeks(400), plan[^1].NextDue);
        Assert.Equal(399, Seed.PortfolioPlan([lead], Today, Today.PlusWeeks(399)).Count);
    }

    [Fact]
    public void Batch_TheEscortEndsOnDayNinety_LeadsUseTheirLabel()
    {
        var last = new LocalDate(2026, 11, 20);
        var firstDeal = new LocalDate(2026, 10, 1);
        CadenceFacts[] facts = [new(1, -1, last, firstDeal), new(-1, 2, last, null), new(2, -1, last, firstDeal)];
        var due = new LocalDate[3];

        Seed.NextDueBatch(facts, new LocalDate(2026, 12, 29), due);
        Assert.Equal([new LocalDate(2026, 11, 27), new LocalDate(2027, 2, 20), new LocalDate(2026, 11, 27)], due);
        Seed.NextDueBatch(facts, new LocalDate(2026, 12, 30), due);
        Assert.Equal([new LocalDate(2027, 2, 20), new LocalDate(2027, 2, 20), new LocalDate(2027, 5, 20)], due);

        Assert.Equal(
            "Expected 2 due dates, one per customer, but got 3. (Parameter 'due')",
            Assert.Throws<ArgumentException>(() => Seed.NextDueBatch(facts.AsSpan(0, 2), Today, new LocalDate[3])).Message);
    }

    [Fact]
    public void PortfolioPlan_OnTheSameDayAHigherGradeComesBeforeALowerOne_WhateverTheIds()
    {
        var customers = new[]
        {
            new CadenceCustomer("a-low") { Grade = "C", LastContact = new LocalDate(2026, 6, 1) },
            new CadenceCustomer("z-high") { Grade = "A", LastContact = new LocalDate(2026, 11, 1) },
        };
        var plan = Seed.PortfolioPlan(customers, new LocalDate(2026, 12, 1), new LocalDate(2026, 12, 1));
        Assert.Equal(["z-high", "a-low"], plan.Select(p => p.CustomerId));
    }

    [Fact]
    public void Batch_AGradeIntervalShorterThanTheEscortWins()
    {
        var rules = TestRules.FromJson("""{ "valueGrading": { "grades": { "A": { "treatment": { "contactInterval": "P3D" } } } } }""").Cadence;
        var last = new LocalDate(2026, 11, 20);
        CadenceFacts[] facts = [new(0, -1, last, new LocalDate(2026, 11, 1)), new(1, -1, last, new LocalDate(2026, 11, 1))];
        var due = new LocalDate[2];
        rules.NextDueBatch(facts, new LocalDate(2026, 11, 21), due);
        // A: every 3 days, sooner than the weekly escort; B: the escort (7 days) is sooner than its month.
        Assert.Equal([new LocalDate(2026, 11, 23), new LocalDate(2026, 11, 27)], due);
    }
}
