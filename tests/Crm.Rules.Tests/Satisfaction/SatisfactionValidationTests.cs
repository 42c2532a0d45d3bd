using Crm.Rules.Configuration;
using Crm.Rules.Satisfaction;

namespace Crm.Rules.Tests.Satisfaction;

/// <summary>
/// The validation of <see cref="SatisfactionOptions"/> at its edges (SAT-1, SAT-2, KPI-1). These live with the family,
/// not in <c>Configuration/</c>, so that the family's mutation run sees them.
/// </summary>
public class SatisfactionValidationTests
{
    [Fact]
    public void Sat1_NoSurveyItemsIsRefused()
    {
        var options = new CrmRulesOptions();
        options.Satisfaction.Items = [];
        Assert.Equal(["satisfaction.items: must name at least one survey item"], ProblemsOf(options));
        options.Satisfaction.Items = null!;
        Assert.Equal(["satisfaction.items: must name at least one survey item"], ProblemsOf(options));
    }

    [Fact]
    public void Sat1_TheScaleMayStartAtZero_AndMustSpanMoreThanOneAnswer()
    {
        // Every (minimum, maximum) pair around the edges: valid exactly when 0 ≤ minimum < maximum.
        for (var minimum = -2; minimum <= 3; minimum++)
        {
            for (var maximum = -1; maximum <= 4; maximum++)
            {
                var options = new CrmRulesOptions();
                options.Satisfaction.ScaleMinimum = minimum;
                options.Satisfaction.ScaleMaximum = maximum;
                string[] expected = minimum >= 0 && maximum > minimum
                    ? []
                    : [$"satisfaction.scaleMaximum: must be greater than scaleMinimum ({minimum}), which must not be negative"];
                Assert.True(expected.SequenceEqual(ProblemsOf(options)), $"scale {minimum}..{maximum}: {string.Join(" | ", ProblemsOf(options))}");
            }
        }
    }

    [Fact]
    public void Sat2_NpsThresholdsMustSatisfyOneToTen()
    {
        // Every (passive, promoter) pair from -1 to 11: valid exactly when 1 ≤ passive < promoter ≤ 10.
        for (var passive = -1; passive <= 11; passive++)
        {
            for (var promoter = -1; promoter <= 11; promoter++)
            {
                var options = new CrmRulesOptions();
                options.Satisfaction.PassiveMinimum = passive;
                options.Satisfaction.PromoterMinimum = promoter;
                string[] expected = passive >= 1 && passive < promoter && promoter <= 10
                    ? []
                    : [$"satisfaction.passiveMinimum: must satisfy 1 ≤ passiveMinimum < promoterMinimum ≤ 10; got {passive} and {promoter}"];
                Assert.True(expected.SequenceEqual(ProblemsOf(options)), $"passive {passive}, promoter {promoter}: {string.Join(" | ", ProblemsOf(options))}");
            }
        }
    }

    [Theory]
    [InlineData("0", null)]
    [InlineData("1", null)]
    [InlineData("0.000001", null)]
    [InlineData("-0.000001", "must be a rate between 0 and 1; got -0.000001")]
    [InlineData("1.000001", "must be a rate between 0 and 1; got 1.000001")]
    public void Kpi1_ATargetIsARateFromZeroToOneInclusive(string target, string? problem)
        => Assert.Equal(
            problem is null ? [] : [$"satisfaction.kpiTargets.referralRate: {problem}"],
            TestRules.ProblemsOf($$"""{ "satisfaction": { "kpiTargets": { "referralRate": {{target}} } } }"""));

    [Fact]
    public void Kpi1_ATargetOnlyThisFamilyReadsIsCheckedToo()
        => Assert.Equal(
            ["satisfaction.kpiTargets.churnRate: must be a rate between 0 and 1; got 2"],
            TestRules.ProblemsOf("""{ "satisfaction": { "kpiTargets": { "churnRate": 2 } } }"""));

    [Fact]
    public void Kpi1_EveryTargetAnotherFamilyChecksIsRequired_WithTheRuleThatChecksIt()
    {
        var options = new CrmRulesOptions();
        options.Satisfaction.KpiTargets = new() { ["repeatPurchaseRate"] = 0.4m };
        Assert.Equal(
        [
            "satisfaction.kpiTargets.demandSatisfaction: is required: the demand prioritiser's monthly check (DEM-4) checks it",
            "satisfaction.kpiTargets.requestResolution: is required: the cadence planner's monthly review (CAD-5) checks it",
            "satisfaction.kpiTargets.todoCompletion: is required: the cadence planner's monthly review (CAD-5) checks it",
            "satisfaction.kpiTargets.dataCompleteness: is required: the data-quality completeness check (DATA-2) checks it",
        ],
            ProblemsOf(options));
    }

    [Fact]
    public void Kpi1_ANullTargetMapFromCodeIsReportedInsteadOfFailingTheCompile()
    {
        var options = new CrmRulesOptions();
        options.Satisfaction.KpiTargets = null!;
        Assert.Equal(["satisfaction.kpiTargets: is required"], ProblemsOf(options));
        var error = Assert.Throws<CrmRulesConfigurationException>(() => CrmRuleSet.Compile(options));
        Assert.Equal(["satisfaction.kpiTargets: is required"], error.Errors.Select(e => e.ToString()));
    }

    private static List<string> ProblemsOf(CrmRulesOptions options)
        => CrmRulesValidation.Validate(options).Select(e => e.ToString()).ToList();
}
