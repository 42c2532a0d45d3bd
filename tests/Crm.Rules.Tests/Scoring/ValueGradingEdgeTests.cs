namespace Crm.Rules.Tests.Scoring;

/// <summary>
/// GRADE-2/3 at the edges the mutation run found unpinned: the smallest raise when the next grade's threshold is not
/// reached exactly, grades configured lowest first, several missing indicators, and the refusals of wrong inputs.
/// </summary>
public class ValueGradingEdgeTests
{
    private static readonly ValueGradingRules Seed = CrmRuleSet.SeedStandard.ValueGrading;

    private static ValueGradingRules Renormalizing(string grades = "") => TestRules.FromJson(
        $$"""{ "valueGrading": { "missingValues": "renormalize"{{(grades.Length == 0 ? "" : $", \"grades\": {grades}")}} } }""").ValueGrading;

    [Fact]
    public void Grade3_RaiseWithRenormalizedWeights_RoundsTheTargetUp()
    {
        // historicalAmount missing: W = 0.7, the others at 3 give S = 2.1 (total 3, grade B). A from 3.214286 needs
        // S' ≥ 3.214286 × 0.7 = 2.2500002: 2.250001 in millionths, so +0.150001 — one millionth more than a 0.15
        // indicator gains with one point. Rounding the target down would offer 3 → 4, which stays at 3.2142857… (B).
        var rules = Renormalizing("""{ "A": { "minimumTotal": 3.214286 } }""");
        var explanation = rules.Explain(TestRules.Scores(0, 3, 3, 3, 3, 3));

        Assert.Equal(("B", "A"), (explanation.Grade!.Name, explanation.NextGrade!.Name));
        Assert.Equal(150_001m / 700_000m, explanation.TotalToNextGrade);
        Assert.Equal(
            [new("frequency", 3, 5), new("grossMargin", 3, 5), new("industryInfluence", 3, 5), new("needMatch", 3, 5), new("willingness", 3, 5)],
            explanation.RaisesToNextGrade.OrderBy(r => r.Indicator, StringComparer.Ordinal));
        Assert.Equal("B", rules.Grade(TestRules.Scores(0, 4, 3, 3, 3, 3)).Grade!.Name);
        Assert.Equal("A", rules.Grade(TestRules.Scores(0, 5, 3, 3, 3, 3)).Grade!.Name);
    }

    [Fact]
    public void Grade3_RaiseWithRenormalizedWeights_ExactTargetNeedsNoRounding()
    {
        // W = 0.7, S = 2.65 (total 3.7857…): A from 4 needs S' ≥ 2.8 exactly, +0.15: one point on a 0.15 indicator;
        // industryInfluence (0.1) would need 2 points, 4 → 6, beyond the scale, so it is left out.
        var explanation = Renormalizing().Explain(TestRules.Scores(0, 4, 4, 4, 4, 3));

        Assert.Equal(150_000m / 700_000m, explanation.TotalToNextGrade);
        Assert.Equal(
            [new("frequency", 4, 5), new("grossMargin", 4, 5), new("needMatch", 4, 5), new("willingness", 3, 4)],
            explanation.RaisesToNextGrade.OrderBy(r => r.Indicator, StringComparer.Ordinal));
        Assert.All(explanation.RaisesToNextGrade, r => Assert.Equal(1, r.Points));
    }

    [Fact]
    public void Grade3_ARaiseToExactlyTheTopScoreIsOffered_OneBeyondIsNot()
    {
        // Total 3.4 (B): A needs +0.6; historicalAmount (0.3) 3 → 5 does it exactly at the top of the scale;
        // a 0.15 indicator would need 4 points (→ 7 or more) and industryInfluence 6.
        var explanation = Seed.Explain(TestRules.Scores(3, 4, 4, 4, 3, 3));

        Assert.Equal(3.4m, explanation.Total);
        Assert.Equal(0.6m, explanation.TotalToNextGrade);
        Assert.Equal([new IndicatorRaise("historicalAmount", 3, 5)], explanation.RaisesToNextGrade);
    }

    [Fact]
    public void Grade3_RaisesComeFewestPointsFirst()
    {
        // Total 3.7: A needs +0.3; historicalAmount (0.3) 4 → 5 takes 1 point, frequency and needMatch (0.15) 2 each,
        // industryInfluence (0.1) 3 — in model order industryInfluence comes before needMatch.
        var explanation = Seed.Explain(TestRules.Scores(4, 3, 5, 1, 3, 5));

        Assert.Equal(3.7m, explanation.Total);
        Assert.Equal([1, 2, 2, 3], explanation.RaisesToNextGrade.Select(r => r.Points));
        Assert.Equal(new IndicatorRaise("historicalAmount", 4, 5), explanation.RaisesToNextGrade[0]);
        Assert.Equal(new IndicatorRaise("industryInfluence", 1, 4), explanation.RaisesToNextGrade[^1]);
    }

    [Fact]
    public void Grade3_GradesConfiguredLowestFirstRankByThreshold()
    {
        // Options built in code keep the dictionary's order; the grades must still rank highest threshold first.
        var options = new CrmRulesOptions();
        var seedGrades = options.ValueGrading.Grades;
        options.ValueGrading.Grades = new() { ["C"] = seedGrades["C"], ["B"] = seedGrades["B"], ["A"] = seedGrades["A"] };
        var rules = CrmRuleSet.Compile(options).ValueGrading;

        Assert.Equal([("A", 0, 4m), ("B", 1, 3m), ("C", 2, (decimal?)null)], rules.Grades.Select(g => (g.Name, g.Rank, g.MinimumTotal)));
        Assert.Equal(["A", "B", "C"], new[] { 4, 3, 2 }.Select(s => rules.Grade(TestRules.Scores(s, s, s, s, s, s)).Grade!.Name));
        Assert.Equal("A", rules.Explain(TestRules.Scores(3, 3, 3, 3, 3, 3)).NextGrade!.Name);
    }

    [Fact]
    public void Grade3_FindGradeMatchesTheNameExactly()
    {
        Assert.Equal(1, Seed.FindGrade("B")!.Rank);
        Assert.Null(Seed.FindGrade("b"));
        Assert.Null(Seed.FindGrade(null));
        Assert.Equal(2, Seed.IndexOf("grossMargin"));
        Assert.Equal(-1, Seed.IndexOf("GrossMargin"));
    }

    [Fact]
    public void Grade2_SeveralMissing_TheFirstIsReported_TheExplanationNamesAll()
    {
        var rejected = Seed.Explain(TestRules.Scores(5, 0, 5, 0, 5, 0));
        Assert.Equal(GradeStatus.MissingIndicator, rejected.Status);
        Assert.Equal("frequency", rejected.Outcome.ProblemIndicator!.Name);
        Assert.Equal(["missing frequency, industryInfluence, willingness; the policy is to reject customers with missing indicators"], rejected.Problems);
        Assert.Null(rejected.NextGrade);
        Assert.Empty(rejected.RaisesToNextGrade);

        // The first indicator missing, then others: the first stays the reported one.
        var renormalized = Renormalizing().Grade(TestRules.Scores(0, 4, 0, 4, 0, 4));
        Assert.Equal(GradeStatus.GradedWithRenormalizedWeights, renormalized.Status);
        Assert.Equal("historicalAmount", renormalized.ProblemIndicator!.Name);
        Assert.Equal(0, Seed.Grade(TestRules.Scores(0, 4, 0, 4, 4, 4)).ProblemIndicator!.Index);
    }

    [Fact]
    public void Grade2_NoValueAtAll_IsSaidSo_UnderEitherPolicy()
    {
        Assert.Equal(["no indicator has a value"], Seed.Explain(new byte[6]).Problems);
        Assert.Equal(["no indicator has a value"], Renormalizing().Explain(new byte[6]).Problems);
        Assert.Equal(GradeStatus.MissingIndicator, Renormalizing().Explain(new Dictionary<string, IndicatorValue>()).Status);
    }

    [Fact]
    public void Grade2_RenormalizedContributions_MissingOnesWeighNothing()
    {
        var explanation = Renormalizing().Explain(TestRules.Scores(0, 4, 4, 4, 4, 4));

        var missing = explanation.Contributions[0];
        Assert.Equal(("historicalAmount", (int?)null, 0.3m, 0m, 0m, "missing"), (missing.Indicator, missing.Score, missing.Weight, missing.EffectiveWeight, missing.Contribution, missing.Problem));
        var present = explanation.Contributions[3];
        Assert.Equal((4, 100_000m / 700_000m), (present.Score!.Value, present.EffectiveWeight));
        Assert.Equal(present.EffectiveWeight * 4, present.Contribution);
        Assert.Null(present.Problem);
        Assert.Equal(1m, explanation.Contributions.Sum(c => c.EffectiveWeight), 20);
    }

    [Fact]
    public void Grade2_AValueThatCannotBeScored_IsAProblemWithTheIndicatorsName()
    {
        var explanation = Seed.Explain(TestRules.Scores(5, 0, 5, 6, 5, 5));

        Assert.Equal(GradeStatus.InvalidValue, explanation.Status);
        Assert.Equal(["industryInfluence: score 6 is outside 1..5"], explanation.Problems);
        Assert.Equal("score 6 is outside 1..5", explanation.Contributions[3].Problem);
        Assert.Null(explanation.Contributions[3].Score);
        Assert.Equal("missing", explanation.Contributions[1].Problem);

        // Not graded: contributions show the configured weights.
        Assert.Equal((0.3m, 1.5m), (explanation.Contributions[0].EffectiveWeight, explanation.Contributions[0].Contribution));
    }

    [Fact]
    public void Grade2_RawValuesAreScoredOrRefusedPerIndicator()
    {
        var rules = TestRules.FromJson("""
            { "valueGrading": { "indicators": [
                {"name":"amount","weight":0.5,"bands":[{"max":10,"score":1},{"min":10,"score":4}]},
                {"name":"influence","weight":0.5,"categories":{"leader":5,"3":3}} ] } }
            """).ValueGrading;

        Assert.Equal(4.5m, rules.Grade([IndicatorValue.FromNumber(10m), IndicatorValue.FromCategory("  Leader ")]).Total);
        Assert.Equal(2m, rules.Grade([IndicatorValue.FromCategory("9.5"), IndicatorValue.FromNumber(3m)]).Total);

        var refused = rules.Grade([IndicatorValue.FromNumber(10m), IndicatorValue.FromNumber(4m)]);
        Assert.Equal((GradeStatus.InvalidValue, "influence"), (refused.Status, refused.ProblemIndicator!.Name));

        Assert.False(rules.Indicators[0].TryScore(IndicatorValue.FromCategory("lots"), out _, out var notANumber));
        Assert.Equal("'lots' is not a number; 'amount' is scored through numeric bands", notANumber);
        Assert.False(rules.Indicators[1].TryScore(IndicatorValue.FromNumber(4m), out _, out var notACategory));
        Assert.Equal("'4' is not a category of 'influence' (known: 3, leader)", notACategory);
        Assert.False(rules.Indicators[0].TryScore(IndicatorValue.Missing, out _, out var none));
        Assert.Equal("'amount' has no value", none);
        Assert.Equal([IndicatorScoring.Bands, IndicatorScoring.Categories], rules.Indicators.Select(i => i.Scoring));
    }

    [Fact]
    public void Grade2_DirectScoresAreWholeNumbersOnTheScale()
    {
        var indicator = Seed.Indicators[1];
        Assert.True(indicator.TryScore(IndicatorValue.FromNumber(5m), out var top, out var none));
        Assert.Equal((5, (string?)null), (top, none));
        Assert.True(indicator.TryScore(IndicatorValue.FromNumber(1m), out var bottom, out _));
        Assert.Equal(1, bottom);
        Assert.False(indicator.TryScore(IndicatorValue.FromNumber(0m), out _, out var zero));
        Assert.Equal("score 0 is outside 1..5", zero);
        Assert.False(indicator.TryScore(IndicatorValue.FromScore(6), out _, out var six));
        Assert.Equal("score 6 is outside 1..5", six);
        Assert.False(indicator.TryScore(IndicatorValue.FromNumber(4.5m), out _, out var fraction));
        Assert.Equal("score 4.5 is outside 1..5 or not a whole number", fraction);
    }

    [Fact]
    public void Grade2_BandsWithoutALowerBound_DescribeItAsMinusInfinity()
    {
        var rules = TestRules.FromJson("""
            { "valueGrading": { "indicators": [ {"name":"n","weight":1,"bands":[{"max":0,"score":1},{"min":0,"max":10,"score":3}]} ] } }
            """).ValueGrading;

        Assert.Equal(1m, rules.Grade([IndicatorValue.FromNumber(-1_000m)]).Total);
        Assert.Equal(3m, rules.Grade([IndicatorValue.FromNumber(0m)]).Total);
        Assert.False(rules.Indicators[0].TryScore(IndicatorValue.FromNumber(10m), out _, out var problem));
        Assert.Equal("10 lies in no band of 'n' ([-∞, 0) → 1, [0, 10) → 3)", problem);
        Assert.Equal([new ScoreBand(null, 0m, 1), new ScoreBand(0m, 10m, 3)], rules.Indicators[0].Bands);
    }

    [Fact]
    public void WrongLengths_AreRefusedWithTheCounts()
    {
        Assert.Equal("Expected 6 scores, one per indicator, but got 3. (Parameter 'scores')", Assert.Throws<ArgumentException>(() => Seed.Grade(TestRules.Scores(1, 2, 3))).Message);
        Assert.Equal("Expected 6 values, one per indicator, but got 1. (Parameter 'values')", Assert.Throws<ArgumentException>(() => Seed.Grade([IndicatorValue.FromScore(3)])).Message);
        Assert.Equal("Expected 6 values, one per indicator, but got 7. (Parameter 'values')", Assert.Throws<ArgumentException>(() => Seed.Explain(new byte[7])).Message);
        Assert.Equal("Expected 2 × 6 scores for 2 customers, but got 6. (Parameter 'scores')", Assert.Throws<ArgumentException>(() => Seed.GradeBatch(new byte[6], new GradeOutcome[2])).Message);
        Assert.Equal("Expected 2 × 6 scores for 2 customers, but got 13. (Parameter 'scores')", Assert.Throws<ArgumentException>(() => Seed.GradeBatch(new byte[13], new byte[2])).Message);
        Assert.Equal("Expected 6 columns of 2 scores (12 in all), but got 11. (Parameter 'columns')", Assert.Throws<ArgumentException>(() => Seed.GradeColumns(new byte[11], new byte[2])).Message);
        Assert.Throws<ArgumentNullException>(() => Seed.Explain((IReadOnlyDictionary<string, IndicatorValue>)null!));
    }

    [Fact]
    public void ExplainByName_AnUnknownNameListsEveryIndicator()
    {
        var error = Assert.Throws<ArgumentException>(() => Seed.Explain(new Dictionary<string, IndicatorValue> { ["frequency"] = IndicatorValue.FromScore(3), ["revenue"] = IndicatorValue.FromScore(3) }));
        Assert.Equal("'revenue' is not an indicator of this model (known: historicalAmount, frequency, grossMargin, industryInfluence, needMatch, willingness). (Parameter 'values')", error.Message);
    }

    [Fact]
    public void Batches_CountTheCustomersTheyCouldNotGrade()
    {
        // Rows: A, missing, off the scale, C.
        byte[] scores = [4, 4, 4, 4, 4, 4, 4, 0, 4, 4, 4, 4, 4, 4, 9, 4, 4, 4, 1, 1, 1, 1, 1, 1];
        var ranks = new byte[4];
        var summary = Seed.GradeBatch(scores, ranks);

        Assert.Equal([0, GradeBatchSummary.NotGraded, GradeBatchSummary.NotGraded, 2], ranks);
        Assert.Equal(new GradeBatchSummary(CrmRuleSet.SeedStandard.Fingerprint, 4, 2), summary);

        var renormalizing = Renormalizing();
        Assert.Equal(3, renormalizing.GradeBatch(scores, ranks).Graded);
        Assert.Equal([0, 0, GradeBatchSummary.NotGraded, 2], ranks);
    }

    [Fact]
    public void ColumnBatch_GradesFullBlocksAndTheRest_IrregularCustomersInsideABlock()
    {
        // 40 customers: one block of 32 (vectorized where the hardware allows) with a missing and an off-scale score
        // inside it, and 8 more graded one by one.
        const int n = 40;
        var rows = new byte[n * 6];
        for (var c = 0; c < n; c++)
        {
            rows.AsSpan(c * 6, 6).Fill((byte)(1 + (c % 5)));
        }

        rows[(5 * 6) + 2] = 0;
        rows[(17 * 6) + 4] = 7;
        var columns = new byte[rows.Length];
        for (var c = 0; c < n; c++)
        {
            for (var i = 0; i < 6; i++)
            {
                columns[(i * n) + c] = rows[(c * 6) + i];
            }
        }

        var byColumn = new byte[n];
        var summary = Seed.GradeColumns(columns, byColumn);

        var expected = Enumerable.Range(0, n).Select(c => Seed.Grade(rows.AsSpan(c * 6, 6))).Select(o => o.IsGraded ? (byte)o.Grade!.Rank : GradeBatchSummary.NotGraded).ToArray();
        Assert.Equal(expected, byColumn);
        Assert.Equal((n, n - 2), (summary.Customers, summary.Graded));
        Assert.Equal(GradeBatchSummary.NotGraded, byColumn[5]);
        Assert.Equal(GradeBatchSummary.NotGraded, byColumn[17]);
        Assert.Equal(0, byColumn[3]);
    }
}
