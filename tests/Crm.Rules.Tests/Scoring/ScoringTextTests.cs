using NodaTime;

namespace Crm.Rules.Tests.Scoring;

/// <summary>The texts users read (explanations, treatments, assignments, lead assessments), pinned word for word.</summary>
public class ScoringTextTests
{
    private static readonly ValueGradingRules Seed = CrmRuleSet.SeedStandard.ValueGrading;
    private static readonly string Fingerprint = CrmRuleSet.SeedStandard.Fingerprint;
    private static readonly Instant Monday = Instant.FromUtc(2026, 11, 23, 9, 0);

    private static string Lines(params string[] lines) => string.Join(Environment.NewLine, lines);

    [Fact]
    public void Grade3_ExplanationOfTheLowestGrade_NoSingleRaiseReachesTheNext()
        => Assert.Equal(
            Lines(
                "grade C (general): total 1 below every other grade",
                "  historicalAmount: 1 → score 1 × 0.3 = 0.3",
                "  frequency: 1 → score 1 × 0.15 = 0.15",
                "  grossMargin: 1 → score 1 × 0.15 = 0.15",
                "  industryInfluence: 1 → score 1 × 0.1 = 0.1",
                "  needMatch: 1 → score 1 × 0.15 = 0.15",
                "  willingness: 1 → score 1 × 0.15 = 0.15",
                "  next grade B needs +2; no single indicator can do it alone",
                $"  rule set {Fingerprint}"),
            Seed.Explain(TestRules.Scores(1, 1, 1, 1, 1, 1)).ToString());

    [Fact]
    public void Grade3_ExplanationWithRenormalizedWeights_MarksRoundedFigures()
    {
        var rules = TestRules.FromJson("""{ "valueGrading": { "missingValues": "renormalize" } }""");

        Assert.Equal(
            Lines(
                "grade B (potential): total ≈3.785714 ≥ 3 (weights renormalized over the indicators present)",
                "  historicalAmount: (missing) → missing",
                "  frequency: 4 → score 4 × ≈0.214286 = ≈0.857143",
                "  grossMargin: 4 → score 4 × ≈0.214286 = ≈0.857143",
                "  industryInfluence: 4 → score 4 × ≈0.142857 = ≈0.571429",
                "  needMatch: 4 → score 4 × ≈0.214286 = ≈0.857143",
                "  willingness: 3 → score 3 × ≈0.214286 = ≈0.642857",
                "  next grade A needs +≈0.214286; e.g. frequency 4 → 5",
                $"  rule set {rules.Fingerprint}"),
            rules.ValueGrading.Explain(TestRules.Scores(0, 4, 4, 4, 4, 3)).ToString());
    }

    [Fact]
    public void Grade2_ExplanationOfACustomerNotGraded_GivesTheProblems()
        => Assert.Equal(
            Lines(
                "not graded (InvalidValue): industryInfluence: score 6 is outside 1..5",
                "  historicalAmount: 5 → score 5 × 0.3 = 1.5",
                "  frequency: (missing) → missing",
                "  grossMargin: 5 → score 5 × 0.15 = 0.75",
                "  industryInfluence: 6 → score 6 is outside 1..5",
                "  needMatch: 5 → score 5 × 0.15 = 0.75",
                "  willingness: 5 → score 5 × 0.15 = 0.75",
                $"  rule set {Fingerprint}"),
            Seed.Explain(TestRules.Scores(5, 0, 5, 6, 5, 5)).ToString());

    [Fact]
    public void Grade3_AGradeWithoutALabel_IsNamedAlone()
    {
        var rules = TestRules.FromJson("""{ "valueGrading": { "grades": { "A": { "label": null } } } }""").ValueGrading;
        Assert.StartsWith("grade A: total 5 ≥ 4" + Environment.NewLine, rules.Explain(TestRules.Scores(5, 5, 5, 5, 5, 5)).ToString(), StringComparison.Ordinal);
        Assert.Null(rules.FindGrade("A")!.Label);
        Assert.Equal("A", rules.FindGrade("A")!.ToString());
    }

    [Fact]
    public void Grade2_ContributionsAndRaisesReadAsText()
    {
        var explanation = Seed.Explain(TestRules.Scores(5, 0, 5, 6, 5, 5));
        Assert.Equal("historicalAmount 5 × 0.3 = 1.5", explanation.Contributions[0].ToString());
        Assert.Equal("frequency: missing", explanation.Contributions[1].ToString());
        Assert.Equal("industryInfluence: score 6 is outside 1..5", explanation.Contributions[3].ToString());
        Assert.Equal("frequency: missing", (explanation.Contributions[1] with { Problem = null }).ToString());
        Assert.Equal("needMatch 3 → 5", new IndicatorRaise("needMatch", 3, 5).ToString());
        Assert.Equal(2, new IndicatorRaise("needMatch", 3, 5).Points);
    }

    [Fact]
    public void Grade4_TreatmentsReadAsText()
    {
        Assert.Equal("every P1M via visit, deepTalk by salesDirector, dedicatedAdvisor; respond within 24:00 (24x7)", Seed.FindGrade("A")!.Treatment.ToString());
        Assert.Equal("every P3M via phone, online by salesManager, standard; respond within 48:00 (business)", Seed.FindGrade("B")!.Treatment.ToString());
    }

    [Fact]
    public void Grade5_AssignmentsReadAsText()
    {
        var policy = Seed.Approval;
        Assert.Equal("unassigned", GradeAssignment.Unassigned.ToString());
        Assert.Equal("no grade in effect, A pending approval", GradeAssignment.Unassigned.Propose("A", Monday, policy).ToString());
        var approvedB = GradeAssignment.Unassigned with { ApprovedGrade = "B" };
        Assert.Equal("B (approved)", approvedB.ToString());
        Assert.Equal("B in effect, A pending approval", approvedB.Propose("A", Monday, policy).ToString());
        Assert.True(approvedB.Propose("A", Monday, policy).TryApprove("li.wei", "salesDirector", Monday, policy, out var approved, out _));
        Assert.Equal("A (approved by li.wei)", approved.ToString());
        Assert.Equal("C (approved by policy)", GradeAssignment.Unassigned.Propose("C", Monday, policy with { Required = false }).ToString());
    }

    [Fact]
    public void BatchSummary_ReadsAsText()
        => Assert.Equal($"3 of 4 customers graded (rule set {Fingerprint})", new GradeBatchSummary(Fingerprint, 4, 3).ToString());
}
