using Crm.Rules.Configuration;
using Crm.Rules.Demands;

namespace Crm.Rules.Tests.Demands;

public class DemandOrderingValidationTests
{
    [Theory]
    [InlineData("""{ "mode": "score" }""", "demands.ordering.mode: 'score' is not an ordering mode (lexicographic, weighted)")]
    [InlineData("""{ "mode": "Weighted" }""", "demands.ordering.mode: 'Weighted' is not an ordering mode (lexicographic, weighted)")]
    [InlineData("""{ "mode": "" }""", "demands.ordering.mode: '' is not an ordering mode (lexicographic, weighted)")]
    [InlineData("""{ "mode": 1 }""", "demands.ordering.mode: must be text in quotes, not the number 1")]
    [InlineData("""{ "weights": { "quadrant": 0 } }""", "demands.ordering.weights.quadrant: the quadrant is not weighted: it always orders first (DEM-2)")]
    [InlineData("""{ "weights": { "price": 0 } }""", "demands.ordering.weights.price: is not a weighted ordering key (customerGrade, valueToCost, strategicFit)")]
    [InlineData("""{ "weights": { "CustomerGrade": 0 } }""", "demands.ordering.weights.CustomerGrade: is not a weighted ordering key (customerGrade, valueToCost, strategicFit)")]
    [InlineData("""{ "weights": { "value to cost": 0 } }""", "demands.ordering.weights['value to cost']: is not a weighted ordering key (customerGrade, valueToCost, strategicFit)")]
    [InlineData("""{ "weights": { "valueToCost": -0.1 } }""", "demands.ordering.weights.valueToCost: must be between 0 and 1; got -0.1")]
    [InlineData("""{ "weights": { "valueToCost": 1.5 } }""", "demands.ordering.weights.valueToCost: must be between 0 and 1; got 1.5")]
    [InlineData("""{ "weights": { "strategicFit": 0.1999999 } }""", "demands.ordering.weights.strategicFit: must have at most 6 decimal places (got 0.1999999)")]
    [InlineData("""{ "weights": { "strategicFit": "high" } }""", "demands.ordering.weights.strategicFit: must be a number, not the text \"high\"")]
    [InlineData("""{ "weights": { "valueToCost": 1 } }""", "demands.ordering.weights: the weights must add up to exactly 1, but they add up to 1.6")]
    [InlineData("""{ "weights": { "customerGrade": 0, "valueToCost": 0, "strategicFit": 0 } }""", "demands.ordering.weights: the weights must add up to exactly 1, but they add up to 0")]
    [InlineData("""{ "weight": {} }""", "demands.ordering.weight: is not a known setting (known here: mode, weights); did you mean 'weights'?")]
    public void Ordering_ReportsThePathAndASentence(string ordering, string expected)
        => Assert.Equal([expected], TestRules.ProblemsOf($$"""{ "demands": { "ordering": {{ordering}} } }"""));

    [Fact]
    public void Ordering_ABadWeightIsNotAlsoReportedAsABadSum()
        => Assert.Equal(
            ["demands.ordering.weights.valueToCost: must be between 0 and 1; got 2", "demands.ordering.weights.quadrant: the quadrant is not weighted: it always orders first (DEM-2)"],
            TestRules.ProblemsOf("""{ "demands": { "ordering": { "weights": { "valueToCost": 2, "quadrant": 0.1 } } } }"""));

    [Fact]
    public void Ordering_AQuadrantWeightIsNotCountedInTheSum_NorMakesTheSumAProblem()
        => Assert.Equal(
            ["demands.ordering.weights.quadrant: the quadrant is not weighted: it always orders first (DEM-2)"],
            TestRules.ProblemsOf("""{ "demands": { "ordering": { "weights": { "quadrant": 0.1, "strategicFit": 0.1 } } } }"""));

    [Fact]
    public void Ordering_EveryProblemIsReportedAtOnce()
        => Assert.Equal(
            ["demands.ordering.mode: 'rank' is not an ordering mode (lexicographic, weighted)", "demands.ordering.weights: the weights must add up to exactly 1, but they add up to 0.9"],
            TestRules.ProblemsOf("""{ "demands": { "ordering": { "mode": "rank", "weights": { "strategicFit": 0.1 } } } }"""));

    [Fact]
    public void Ordering_TheWeightsAreCheckedInTheLexicographicModeToo()
        => Assert.Equal(
            ["demands.ordering.weights: the weights must add up to exactly 1, but they add up to 1.1"],
            TestRules.ProblemsOf("""{ "demands": { "ordering": { "mode": "lexicographic", "weights": { "strategicFit": 0.3 } } } }"""));

    [Fact]
    public void Ordering_NullFromCodeIsRequired()
    {
        var options = new CrmRulesOptions();
        options.Demands.Ordering = null!;
        Assert.Equal(["demands.ordering: is required"], ProblemsOf(options));

        options = new CrmRulesOptions();
        options.Demands.Ordering.Weights = null!;
        options.Demands.Ordering.Mode = null!;
        Assert.Equal(["demands.ordering.mode: '' is not an ordering mode (lexicographic, weighted)", "demands.ordering.weights: is required"], ProblemsOf(options));
    }

    [Fact]
    public void Ordering_WeightsFromCodeAreCheckedLikeTheFile()
    {
        var options = new CrmRulesOptions();
        options.Demands.Ordering.Mode = "weighted";
        options.Demands.Ordering.Weights = new() { ["customerGrade"] = 0.5m, ["valueToCost"] = 0.5000001m };
        Assert.Equal(["demands.ordering.weights.valueToCost: must have at most 6 decimal places (got 0.5000001)"], ProblemsOf(options));

        options.Demands.Ordering.Weights = new() { ["customerGrade"] = 0.5m, ["valueToCost"] = 0.5m };
        Assert.Equal(DemandOrderingMode.Weighted, CrmRuleSet.Compile(options).Demands.Mode);
    }

    [Fact]
    public void Actions_NullFromCodeIsReportedInsteadOfFailingTheCompile()
    {
        // Before this check, a null map passed validation and the compile threw a NullReferenceException.
        var options = new CrmRulesOptions();
        options.Demands.Actions = null!;
        Assert.Equal(["demands.actions: is required"], ProblemsOf(options));
        var error = Assert.Throws<CrmRulesConfigurationException>(() => CrmRuleSet.Compile(options));
        Assert.Equal(["demands.actions: is required"], error.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Actions_AnEmptyActionFromCodeIsReported()
    {
        var options = new CrmRulesOptions();
        options.Demands.Actions["plan"] = " ";
        options.Demands.Actions["defer"] = null!;
        Assert.Equal(["demands.actions.plan: must name the action, e.g. \"handle first\"", "demands.actions.defer: must name the action, e.g. \"handle first\""], ProblemsOf(options));
    }

    private static List<string> ProblemsOf(CrmRulesOptions options)
        => CrmRulesValidation.Validate(options).Select(e => e.ToString()).ToList();
}
