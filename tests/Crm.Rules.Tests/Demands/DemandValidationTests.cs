using Crm.Rules.Configuration;

namespace Crm.Rules.Tests.Demands;

/// <summary>
/// The validation of the demand options outside <c>ordering</c> (DEM-1 … DEM-4), at its edges. These live with the
/// family, not in <c>Configuration/</c>, so that the family's mutation run sees them.
/// </summary>
public class DemandValidationTests
{
    private const string QuadrantOrder = "demands.quadrantOrder: must list each of the four quadrants once: do-first, plan, quick-response, defer";
    private const string OrderBy = "demands.orderBy: must list at least one ordering key (quadrant, customerGrade, valueToCost, strategicFit)";

    [Theory]
    [InlineData("importanceThreshold", "1", null)]
    [InlineData("importanceThreshold", "5", null)]
    [InlineData("importanceThreshold", "0.99", "0.99")]
    [InlineData("importanceThreshold", "5.01", "5.01")]
    [InlineData("urgencyThreshold", "1", null)]
    [InlineData("urgencyThreshold", "5", null)]
    [InlineData("urgencyThreshold", "0.5", "0.5")]
    [InlineData("urgencyThreshold", "5.5", "5.5")]
    public void Dem1_ThresholdsAreScoresOnTheOneToFiveScale(string setting, string value, string? got)
        => Assert.Equal(
            got is null ? [] : [$"demands.{setting}: must be between 1 and 5 (a score on the 1..5 scale); got {got}"],
            TestRules.ProblemsOf($$"""{ "demands": { "{{setting}}": {{value}} } }"""));

    [Theory]
    [InlineData("""["defer", "quick-response", "plan", "do-first"]""", null)]
    [InlineData("""["do-first", "plan", "quick-response"]""", QuadrantOrder)]
    [InlineData("""["do-first", "plan", "quick-response", "defer", "defer"]""", QuadrantOrder)]
    [InlineData("""["do-first", "do-first", "plan", "defer"]""", QuadrantOrder)]
    [InlineData("""["do-first", "plan", "quick-response", "later"]""", QuadrantOrder)]
    public void Dem2_TheQuadrantOrderListsEachQuadrantOnce(string order, string? problem)
        => Assert.Equal(problem is null ? [] : [problem], TestRules.ProblemsOf($$"""{ "demands": { "quadrantOrder": {{order}} } }"""));

    [Fact]
    public void Dem2_ANullQuadrantOrderFromCodeIsReported()
    {
        var options = new CrmRulesOptions();
        options.Demands.QuadrantOrder = null!;
        Assert.Equal([QuadrantOrder], ProblemsOf(options));
    }

    [Fact]
    public void Dem2_ActionsMustBeQuadrantsWithNamedActions()
        => Assert.Equal(
            [
                "demands.actions.plan: must name the action, e.g. \"handle first\"",
                "demands.actions.urgent: is not a quadrant (do-first, plan, quick-response, defer)",
            ],
            TestRules.ProblemsOf("""{ "demands": { "actions": { "urgent": "call", "plan": " ", "defer": "later" } } }"""));

    [Theory]
    [InlineData("""["strategicFit"]""", null)]
    [InlineData("""[]""", OrderBy)]
    [InlineData("""["quadrant", "Quadrant"]""", "demands.orderBy[1]: 'Quadrant' is not an ordering key (quadrant, customerGrade, valueToCost, strategicFit)")]
    [InlineData("""["valueToCost", "quadrant", "valueToCost"]""", "demands.orderBy[2]: 'valueToCost' is listed twice")]
    public void Dem3_OrderByListsKnownKeysOnce(string orderBy, string? problem)
        => Assert.Equal(problem is null ? [] : [problem], TestRules.ProblemsOf($$"""{ "demands": { "orderBy": {{orderBy}} } }"""));

    [Fact]
    public void Dem3_ANullOrderByFromCodeIsReported()
    {
        var options = new CrmRulesOptions();
        options.Demands.OrderBy = null!;
        Assert.Equal([OrderBy], ProblemsOf(options));
    }

    [Fact]
    public void Dem3_TheGradeOrderHasNoRepeats_IgnoringCase()
    {
        Assert.Contains("demands.gradeOrder: must be a list of grade names without repeats", TestRules.ProblemsOf("""{ "demands": { "gradeOrder": ["A", "B", "a"] } }"""));
        Assert.Equal([], TestRules.ProblemsOf("""{ "demands": { "gradeOrder": ["C", "A"] } }"""));
        var options = new CrmRulesOptions();
        options.Demands.GradeOrder = null!;
        Assert.Equal(["demands.gradeOrder: must be a list of grade names without repeats"], ProblemsOf(options));
    }

    [Theory]
    [InlineData(1, null)]
    [InlineData(0, "demands.feedbackWorkingDays: must be at least 1")]
    [InlineData(-3, "demands.feedbackWorkingDays: must be at least 1")]
    public void Dem4_FeedbackTakesAtLeastOneWorkingDay(int days, string? problem)
        => Assert.Equal(problem is null ? [] : [problem], TestRules.ProblemsOf($$"""{ "demands": { "feedbackWorkingDays": {{days}} } }"""));

    [Fact]
    public void Dem4_TheFeedbackCalendarIsAnSlaCalendar()
    {
        Assert.Equal([], TestRules.ProblemsOf("""{ "demands": { "feedbackCalendar": "24x7" } }"""));
        var options = new CrmRulesOptions();
        options.Demands.FeedbackCalendar = null!;
        Assert.Equal(["demands.feedbackCalendar: '' is not a calendar of sla.calendars (known: 24x7, business)"], ProblemsOf(options));
    }

    private static List<string> ProblemsOf(CrmRulesOptions options)
        => CrmRulesValidation.Validate(options).Select(e => e.ToString()).ToList();
}
