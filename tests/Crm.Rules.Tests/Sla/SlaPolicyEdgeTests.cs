using System.Text.Json;
using Crm.Rules.Configuration;
using Crm.Rules.Sla;
using NodaTime;

namespace Crm.Rules.Tests.Sla;

/// <summary>Policy selection, the calculator's calendar look-up and the policy settings at their edges (SLA-1 … SLA-7).</summary>
public class SlaPolicyEdgeTests
{
    private const string Policies = """
        { "sla": { "policies": [
            { "name": "first-response", "kind": "response", "target": "PT72H" },
            { "name": "second-response", "kind": "response", "target": "PT48H" },
            { "name": "a-response", "kind": "Response", "grade": "A", "target": "PT24H", "calendar": "business", "warnings": [0.9, 0.25] },
            { "name": "urgent-anything", "priority": "URGENT", "target": "PT1H" },
            { "name": "b-days", "grade": "B", "workingDays": 2, "calendar": "business", "warnings": [] } ] } }
        """;

    private static readonly SlaRules Rules = TestRules.FromJson(Policies).Sla;

    [Fact]
    public void WorkingDayTarget_CountsFromTheFirstWorkingInstant_SoALaterStartIsNeverDueEarlier()
    {
        // SLA-5 / DEM-4 on the seed calendar (Shanghai, 09:00-18:00): the counter-example RuleChecks found in CI.
        var seed = TestRules.FreshSeed().Sla;
        var policy = seed.FindPolicy("demand-feedback")!;
        var friday = Instant.FromUtc(2000, 1, 21, 1, 1); // Friday 09:01 local
        var saturday = friday + Duration.FromMinutes(899); // Saturday 00:00 local
        var fridayDue = seed.Evaluate(SlaClock.Start(policy, friday), friday).Deadline;
        var saturdayDue = seed.Evaluate(SlaClock.Start(policy, saturday), saturday).Deadline;
        Assert.Equal(Instant.FromUtc(2000, 1, 26, 1, 1), fridayDue); // Wednesday 09:01
        // Monday 09:00 + 3 working days = Thursday 09:00, the same business time as Wednesday's close, where it ends.
        Assert.Equal(Instant.FromUtc(2000, 1, 26, 10, 0), saturdayDue);
    }

    [Fact]
    public void Select_BetweenEquallySpecificPolicies_TheFirstInConfigurationOrderWins()
    {
        Assert.Equal("first-response", Rules.Select("C", "response", null)!.Name);
        Assert.Equal("first-response", Rules.Select(null, "response", "normal")!.Name);
        Assert.Equal("a-response", Rules.Select("A", "response", null)!.Name);
        Assert.Equal("a-response", Rules.Select("A", "response", "urgent")!.Name); // two selectors beat one, whatever the order
        Assert.Equal("first-response", Rules.Select("B", "response", "urgent")!.Name); // four one-selector matches: the first listed
    }

    [Fact]
    public void Matches_GradesExactly_KindsAndPrioritiesIgnoringCase()
    {
        var a = Rules.FindPolicy("a-response")!;
        Assert.True(a.Matches("A", "RESPONSE", null));
        Assert.False(a.Matches("a", "response", null));
        Assert.False(a.Matches(null, "response", null));
        Assert.False(a.Matches("A", null, null));
        Assert.True(Rules.FindPolicy("urgent-anything")!.Matches(null, null, "urgent"));
        Assert.False(Rules.FindPolicy("urgent-anything")!.Matches("A", "response", null));
        Assert.Equal((2, 1, 1), (a.Specificity, Rules.FindPolicy("urgent-anything")!.Specificity, Rules.FindPolicy("b-days")!.Specificity));
        Assert.Equal(1, Rules.FindPolicy("first-response")!.Specificity);
    }

    [Fact]
    public void Policy_KeepsItsSettings_WarningsAscending()
    {
        var a = Rules.FindPolicy("a-response")!;
        Assert.Equal(("a-response", "A", "Response", (string?)null, (Duration?)Duration.FromHours(24), (int?)null, "business"), (a.Name, a.Grade, a.Kind, a.Priority, a.Target, a.WorkingDays, a.Calendar.Name));
        Assert.Equal([0.25m, 0.9m], a.Warnings);
        Assert.Equal("a-response", a.ToString());
        var days = Rules.FindPolicy("b-days")!;
        Assert.Equal(((Duration?)null, (int?)2), (days.Target, days.WorkingDays));
        Assert.Empty(days.Warnings);
        Assert.Null(Rules.FindPolicy("nope"));
        Assert.Null(Rules.FindCalendar("nope"));
        Assert.Equal(["first-response", "second-response", "a-response", "urgent-anything", "b-days"], Rules.Policies.Select(p => p.Name));
    }

    [Fact]
    public void Policy_AWorkingDayTargetIsTheBusinessTimeToTheSameLocalTimeNWorkingDaysLater()
    {
        // Friday 17:00 in Shanghai + 2 working days = Tuesday 17:00: Monday's 7.5 h and Tuesday's 6.5 h up to 17:00, plus Friday's last hour.
        var start = Instant.FromUtc(2026, 11, 27, 9, 0);
        Assert.Equal(Duration.FromMinutes(60 + 450 + 390), Rules.FindPolicy("b-days")!.TargetFrom(start));
        Assert.Equal(Duration.FromHours(24), Rules.FindPolicy("a-response")!.TargetFrom(start));
    }

    [Fact]
    public void Status_NoWarningsMeansRunningUntilTheDeadline()
    {
        var days = Rules.FindPolicy("b-days")!;
        var start = Instant.FromUtc(2026, 11, 23, 1, 0); // Monday 09:00 in Shanghai
        var assessment = Rules.Evaluate(SlaClock.Start(days, start), start + Duration.FromHours(30));
        Assert.Equal((SlaStatus.Running, (decimal?)null), (assessment.Status, assessment.WarningLevel));
        var warned = Rules.Evaluate(SlaClock.Start(Rules.FindPolicy("a-response")!, start), start + Duration.FromHours(48));
        Assert.Equal((SlaStatus.Warning, (decimal?)0.25m), (warned.Status, warned.WarningLevel)); // 15 h of 24 h: past 0.25, short of 0.9
    }

    [Fact]
    public void Calculator_FindsCalendarsByName_AndNamesTheKnownOnesOtherwise()
    {
        var calculator = new SlaCalculator(new FixedRuleSet(TestRules.FromJson(SlaFixtures.Calendars)));
        Assert.Equal("ny", calculator.Calendar("ny").Name);
        Assert.Same(BusinessCalendar.AlwaysOpen, calculator.Calendar("24x7"));
        var error = Assert.Throws<CrmInputException>(() => calculator.Calendar("mars"));
        Assert.Equal(
            "calendar: 'mars' is not a calendar (known: 24x7, business, cn-office, late, ny, ny-always, ny-fallback, ny-fallback-later, ny-night, paris-night)",
            error.Message);
        var crisis = calculator.Rules.FindPolicy("crisis-first-response")!;
        var start = Instant.FromUtc(2026, 11, 23, 9, 0);
        Assert.Equal(start + Duration.FromHours(4), calculator.Evaluate(SlaClock.Start(crisis, start), start).Deadline);
    }

    [Theory]
    [InlineData("[0.000001, 0.999999]", null)]
    [InlineData("[0]", "sla.policies[0].warnings[0]: must be a fraction of the target between 0 and 1, e.g. 0.75; got 0")]
    [InlineData("[0.5, 1]", "sla.policies[0].warnings[1]: must be a fraction of the target between 0 and 1, e.g. 0.75; got 1")]
    [InlineData("[-0.5]", "sla.policies[0].warnings[0]: must be a fraction of the target between 0 and 1, e.g. 0.75; got -0.5")]
    public void Validation_WarningsLieStrictlyBetweenZeroAndOne(string warnings, string? problem)
        => Assert.Equal(problem is null ? [] : [problem], TestRules.ProblemsOf($$"""{ "sla": { "policies": [ { "name": "p", "target": "PT1H", "warnings": {{warnings}} } ] } }"""));

    [Theory]
    [InlineData("\"target\": \"PT1S\"", null)]
    [InlineData("\"workingDays\": 1", null)]
    [InlineData("\"workingDays\": -2", "sla.policies[0].workingDays: must be at least 1")]
    public void Validation_ATargetIsPositive(string target, string? problem)
        => Assert.Equal(problem is null ? [] : [problem], TestRules.ProblemsOf($$"""{ "sla": { "policies": [ { "name": "p", {{target}} } ] } }"""));

    [Fact]
    public void Validation_APolicyOnACalendarThatFailedToCompileIsNotAlsoReportedAsUnknown()
        => Assert.Equal(
            ["sla.calendars.x.timeZone: 'Mars/Olympus' is not an IANA time zone (e.g. \"Asia/Shanghai\", \"Europe/Paris\")"],
            TestRules.ProblemsOf("""{ "sla": { "calendars": { "x": { "timeZone": "Mars/Olympus", "week": { "monday": ["09:00-17:00"] } } }, "policies": [ { "name": "p", "target": "PT1H", "calendar": "x" } ] } }"""));

    [Fact]
    public void Validation_AnUnknownCalendarNamesTheConfiguredOnes()
        => Assert.Equal(
            ["sla.policies[0].calendar: 'office' is not a calendar (known: 24x7, business, x)"],
            TestRules.ProblemsOf("""{ "sla": { "calendars": { "x": { "timeZone": "UTC", "week": { "monday": ["09:00-17:00"] } } }, "policies": [ { "name": "p", "target": "PT1H", "calendar": "office" } ] } }"""));

    [Fact]
    public void Validation_NullsAndEmptyNamesFromCodeAreReported()
    {
        var options = new CrmRulesOptions();
        options.Sla.Policies = null!;
        Assert.Equal(["sla.policies: is required (an empty list means no policies)"], ProblemsOf(options));

        options = new CrmRulesOptions();
        options.Sla.Policies = [null!, new SlaPolicyOptions { Name = "p", Target = Duration.FromHours(1), Warnings = null! }, new SlaPolicyOptions { Name = "q", Target = Duration.FromHours(1), Calendar = null! }];
        Assert.Equal(
            [
                "sla.policies[0].name: every policy needs a name",
                "sla.policies[0]: must not be null",
                "sla.policies[1].warnings: must be a list of fractions (empty for no warnings)",
                "sla.policies[2].calendar: must name a calendar (\"24x7\" for calendar time)",
            ],
            ProblemsOf(options).Where(p => p.StartsWith("sla.", StringComparison.Ordinal)));

        options = new CrmRulesOptions();
        options.Sla.Calendars[" "] = new BusinessCalendarOptions { TimeZone = "UTC", Week = new WeekOptions { Monday = ["09:00-17:00"] } };
        Assert.Contains("sla.calendars[' ']: a calendar name must not be empty", ProblemsOf(options));
        Assert.Equal([], ProblemsOf(new CrmRulesOptions { Sla = { Policies = [] } }).Where(p => p.StartsWith("sla.", StringComparison.Ordinal)));
    }

    [Fact]
    public void StatusJson_ANonStringTokenIsRefused_AndANullWriterToo()
    {
        Assert.Equal("'' is not an SLA status (running, paused, warning, breached, met, met-late)", Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<SlaStatus>("3")).Message);
        Assert.Equal("writer", Assert.Throws<ArgumentNullException>(() => new SlaStatusJsonConverter().Write(null!, SlaStatus.Met, JsonSerializerOptions.Default)).ParamName);
        Assert.False(SlaStatusText.TryParse(null, out var status));
        Assert.Equal(SlaStatus.Running, status);
    }

    private static List<string> ProblemsOf(CrmRulesOptions options)
        => CrmRulesValidation.Validate(options).Select(e => e.ToString()).ToList();

    private sealed class FixedRuleSet(CrmRuleSet ruleSet) : ICrmRuleSetProvider
    {
        public CrmRuleSet Current => ruleSet;

        public IDisposable OnChange(Action<CrmRuleSet> listener) => throw new NotSupportedException();
    }
}
