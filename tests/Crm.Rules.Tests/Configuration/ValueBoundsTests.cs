using Crm.Rules.Configuration;

namespace Crm.Rules.Tests.Configuration;

/// <summary>
/// The bounds every value keeps whatever its setting (docs/configuration.md, "Bounds"): numbers exact and within
/// ±1,000,000 with at most 6 decimal places, periods reaching at most 100 years, durations at most 10,000 days, each at
/// exactly its limit and one step past it.
/// </summary>
public class ValueBoundsTests
{
    private static IReadOnlyList<string> GrowthProblems(string number)
        => TestRules.ProblemsOf($$"""{ "lifecycle": { "keyAccounts": { "promoteAtGrowth": {{number}} } } }""");

    [Theory]
    [InlineData("1000000")]
    [InlineData("1E6")]
    [InlineData("1e+6")]
    [InlineData("0.000001")]
    [InlineData("0.1e-5")]
    [InlineData("0.50000000000000000000000000000000")]
    [InlineData("1234567e-6")]
    public void NumbersWithinBounds_AreAccepted(string number)
        => Assert.Empty(GrowthProblems(number));

    [Theory]
    [InlineData("10000000", "must lie between -1000000 and 1000000 (got 10000000)")]
    [InlineData("1e7", "must lie between -1000000 and 1000000 (got 1e7)")]
    [InlineData("1000000.000001", "must lie between -1000000 and 1000000 (got 1000000.000001)")]
    [InlineData("1e99999999999999999999", "must lie between -1000000 and 1000000 (got 1e99999999999999999999)")]
    [InlineData("0.0000001", "must have at most 6 decimal places (got 0.0000001)")]
    [InlineData("0.1e-6", "must have at most 6 decimal places (got 0.0000001)")]
    [InlineData("1e-28", "must have at most 6 decimal places (got 0.0000000000000000000000000001)")]
    [InlineData("1e-29", "must have at most 6 decimal places (got 1e-29)")]
    [InlineData("1e-99999999999999999999", "must have at most 6 decimal places (got 1e-99999999999999999999)")]
    [InlineData("1234567.0000000000000000000001", "must have at most 6 decimal places (got 1234567.0000000000000000000001)")]
    public void NumbersOutOfBounds_AreReportedAsWritten(string number, string expected)
        => Assert.Equal([$"lifecycle.keyAccounts.promoteAtGrowth: {expected}"], GrowthProblems(number));

    [Fact]
    public void AProblemFoundByTheBoundsAndByTheFamily_IsListedOnce()
        => Assert.Single(
            TestRules.ProblemsOf("""{ "valueGrading": { "indicators": [ {"name":"a","weight":0.3333333}, {"name":"b","weight":0.6666667} ] } }"""),
            p => p == "valueGrading.indicators[0].weight: must have at most 6 decimal places (got 0.3333333)");

    [Fact]
    public void NegativeNumbers_HaveTheSameBounds()
    {
        var problems = TestRules.ProblemsOf("""{ "leadScoring": { "criteria": { "a": { "points": -10000000 }, "b": { "points": -1000000.5 }, "c": { "points": -1000000 } } } }""");
        Assert.Contains("leadScoring.criteria.a.points: must lie between -1000000 and 1000000 (got -10000000)", problems);
        Assert.Contains("leadScoring.criteria.b.points: must lie between -1000000 and 1000000 (got -1000000.5)", problems);
        Assert.DoesNotContain(problems, p => p.StartsWith("leadScoring.criteria.c.points: must", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("P100Y", true)]
    [InlineData("P1200M", true)]
    [InlineData("P36525D", true)]
    [InlineData("P5217W", true)]
    [InlineData("P101Y", false)]
    [InlineData("P1201M", false)]
    [InlineData("P36526D", false)]
    [InlineData("P99Y12M1D", false)]
    // Hours are no longer a cadence period at all (whole days, weeks, months or years: CadenceValidationTests), so
    // the bound is shown on date periods only.
    public void Periods_ReachAtMostAHundredYears(string period, bool within)
    {
        var problems = TestRules.ProblemsOf($$"""{ "cadence": { "leadIntervals": { "normal": "{{period}}" } } }""");
        Assert.Equal(
            within ? [] : [$"cadence.leadIntervals.normal: must reach at most 100 years (P100Y, P1200M or P36525D); got {period}"],
            problems);
    }

    [Fact]
    public void NegativePeriods_HaveTheSameBound()
    {
        // Out of bounds backwards is reported as such; within bounds, the family's own rule ("positive") applies.
        Assert.Equal(
            ["cadence.eventFollowUps.complaint: must reach at most 100 years (P100Y, P1200M or P36525D); got P-101Y"],
            TestRules.ProblemsOf("""{ "cadence": { "eventFollowUps": { "complaint": "P-101Y" } } }"""));
        Assert.Equal(
            ["cadence.eventFollowUps.complaint: must be a period that is not negative, e.g. \"P1D\" or \"P0D\""],
            TestRules.ProblemsOf("""{ "cadence": { "eventFollowUps": { "complaint": "P-100Y" } } }"""));
    }

    [Theory]
    [InlineData("PT240000H", null)]
    [InlineData("P10000D", null)]
    [InlineData("-PT240000H", null)]
    [InlineData("PT240001H", "must be at most 10,000 days (PT240000H); got PT240001H")]
    [InlineData("PT240000H0.001S", "must be at most 10,000 days (PT240000H); got PT240000H0.001S")]
    [InlineData("-PT240001H", "must be at most 10,000 days (PT240000H); got -PT240001H")]
    public void Durations_AreAtMostTenThousandDays(string duration, string? expected)
    {
        var problems = TestRules.ProblemsOf($$"""{ "sla": { "policies": [ { "name": "x", "target": "{{duration}}" } ] } }""");
        if (expected is null)
        {
            Assert.DoesNotContain(problems, p => p.StartsWith("sla.policies[0].target: must be at most", StringComparison.Ordinal));
        }
        else
        {
            Assert.Equal([$"sla.policies[0].target: {expected}"], problems);
        }
    }

    [Fact]
    public void AValueOutOfBounds_HoldsBackItsSectionsOtherProblems_NotOtherSections()
    {
        // The cadence rules would do arithmetic on P101Y and overflow; its other problem shows once the period is fixed.
        var problems = TestRules.ProblemsOf("""
            { "cadence": { "leadIntervals": { "normal": "P101Y" }, "escalateAfterUnresolvedContacts": 0 },
              "sla": { "policies": [ { "name": "x", "target": "PT240001H" } ] },
              "demands": { "importanceThreshold": 7 } }
            """);
        Assert.Equal(
            [
                "sla.policies[0].target: must be at most 10,000 days (PT240000H); got PT240001H",
                "cadence.leadIntervals.normal: must reach at most 100 years (P100Y, P1200M or P36525D); got P101Y",
                "demands.importanceThreshold: must be between 1 and 5 (a score on the 1..5 scale); got 7",
            ],
            problems);
        Assert.Equal(
            ["cadence.escalateAfterUnresolvedContacts: must be at least 1"],
            TestRules.ProblemsOf("""{ "cadence": { "leadIntervals": { "normal": "P100Y" }, "escalateAfterUnresolvedContacts": 0 } }"""));
    }

    [Fact]
    public void AnEnumValueBuiltInCode_MustBeOneOfItsWords()
    {
        var options = new CrmRulesOptions();
        options.Sla.Calendars["business"].AmbiguousTime = (Crm.Rules.Sla.AmbiguousTimeRule)9;
        Assert.Contains(
            "sla.calendars.business.ambiguousTime: must be one of \"earlier\", \"later\"; got the number 9",
            CrmRulesValidation.Validate(options).Select(e => e.ToString()));
    }

    [Fact]
    public void ANumberBuiltInCode_HasTheSameBounds_InListsAndMaps()
    {
        var options = new CrmRulesOptions();
        options.Sla.Policies[0].Warnings = [0.5m, 0.1234567m];
        options.LeadScoring.Criteria["industryMatch"].Points = 2_000_000m;
        var problems = CrmRulesValidation.Validate(options).Select(e => e.ToString()).ToList();
        Assert.Contains("sla.policies[0].warnings[1]: must have at most 6 decimal places (got 0.1234567)", problems);
        Assert.Contains("leadScoring.criteria.industryMatch.points: must lie between -1000000 and 1000000 (got 2000000)", problems);
    }
}
