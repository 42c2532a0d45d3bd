using NodaTime;

namespace Crm.Rules.Tests.Scoring;

/// <summary>
/// GRADE-1 … GRADE-5 where the Scoring mutation run found behaviour no test pinned: the columnar batch's block check,
/// the next grade of an outcome, how each indicator is scored, value equality and the refusals of null arguments.
/// </summary>
public class ScoringGapTests
{
    private static readonly ValueGradingRules Seed = CrmRuleSet.SeedStandard.ValueGrading;

    private static byte[] Columns(byte[] rows, int n, int width)
    {
        var columns = new byte[rows.Length];
        for (var c = 0; c < n; c++)
        {
            for (var i = 0; i < width; i++)
            {
                columns[(i * n) + c] = rows[(c * width) + i];
            }
        }

        return columns;
    }

    [Fact]
    public void Grade2_AColumnarBlockOfLowScores_StillFindsAMissingScore_AndTwoBadScoresOfOneCustomer()
    {
        // Two blocks of 32 customers scored 1 or 2 everywhere (far from the top of the scale): in the first one
        // customer has one missing score, in the second one customer has missing scores in two columns and nobody
        // else is irregular. Each block must be handed to the one-by-one path.
        const int n = 64;
        var rows = new byte[n * 6];
        for (var c = 0; c < n; c++)
        {
            rows.AsSpan(c * 6, 6).Fill((byte)(1 + (c % 2)));
        }

        rows[(3 * 6) + 1] = 0;
        rows[(40 * 6) + 1] = 0;
        rows[(40 * 6) + 3] = 0;
        var byColumn = new byte[n];

        var summary = Seed.GradeColumns(Columns(rows, n, 6), byColumn);

        Assert.Equal((n, n - 2), (summary.Customers, summary.Graded));
        Assert.Equal(GradeBatchSummary.NotGraded, byColumn[3]);
        Assert.Equal(GradeBatchSummary.NotGraded, byColumn[40]);
        Assert.Equal(Enumerable.Range(0, n).Select(c => Seed.Grade(rows.AsSpan(c * 6, 6))).Select(o => o.IsGraded ? (byte)o.Grade!.Rank : GradeBatchSummary.NotGraded), byColumn);
    }

    [Fact]
    public void Grade3_TheNextGradeOfAnOutcome()
    {
        var rules = TestRules.FreshSeed().ValueGrading;
        Assert.Null(rules.Grade(TestRules.Scores(5, 5, 5, 5, 5, 5)).NextGrade);
        Assert.Equal("A", rules.Grade(TestRules.Scores(3, 3, 3, 3, 3, 3)).NextGrade?.Name);
        Assert.Equal("B", rules.Grade(TestRules.Scores(1, 1, 1, 1, 1, 1)).NextGrade?.Name);
        var notGraded = rules.Grade(TestRules.Scores(0, 3, 3, 3, 3, 3));
        Assert.False(notGraded.IsGraded);
        Assert.Null(notGraded.NextGrade);
        Assert.Null(notGraded.TotalToNextGrade);
        Assert.Equal("historicalAmount", notGraded.ProblemIndicator?.Name);
        Assert.Null(rules.Grade(TestRules.Scores(3, 3, 3, 3, 3, 3)).ProblemIndicator);
        Assert.Null(default(GradeOutcome).NextGrade);
    }

    [Fact]
    public void Grade1_EachIndicatorIsScoredTheWayItIsConfigured()
    {
        var rules = TestRules.FromJson("""
            { "valueGrading": { "indicators": [
              { "name": "direct", "weight": 0.5 },
              { "name": "banded", "weight": 0.25, "bands": [ { "max": 10, "score": 1 }, { "min": 10, "score": 5 } ] },
              { "name": "labelled", "weight": 0.25, "categories": { "leader": 5, "other": 1 } } ] } }
            """).ValueGrading;
        Assert.Equal([IndicatorScoring.Direct, IndicatorScoring.Bands, IndicatorScoring.Categories], rules.Indicators.Select(i => i.Scoring));
        Assert.All(TestRules.FreshSeed().ValueGrading.Indicators, i => Assert.Equal(IndicatorScoring.Direct, i.Scoring));
        var outcome = rules.Grade([IndicatorValue.FromNumber(4), IndicatorValue.FromNumber(12), IndicatorValue.FromCategory("LEADER")]);
        Assert.Equal(4.5m, outcome.Total);
    }

    [Fact]
    public void IndicatorValues_AreEqualWhenKindNumberAndLabelAre()
    {
        Assert.True(IndicatorValue.FromNumber(1.50m) == IndicatorValue.FromNumber(1.5m));
        Assert.True(IndicatorValue.FromNumber(1) != IndicatorValue.FromNumber(2));
        Assert.False(IndicatorValue.FromNumber(1) == IndicatorValue.FromNumber(2));
        Assert.True(IndicatorValue.FromCategory("a") != IndicatorValue.FromCategory("A"));
        Assert.True(IndicatorValue.FromCategory("a") == IndicatorValue.FromCategory("a"));
        Assert.True(IndicatorValue.FromNumber(0) != IndicatorValue.Missing);
        Assert.True(IndicatorValue.FromNumber(0) != IndicatorValue.FromCategory("0"));
        Assert.Equal(IndicatorValue.Missing, default);
        Assert.Equal("label", Assert.Throws<ArgumentNullException>(() => IndicatorValue.FromCategory(null!)).ParamName);
    }

    [Fact]
    public void Grade5_ProposeAndApproveRefuseNullArguments()
    {
        var policy = Seed.Approval;
        var at = Instant.FromUtc(2026, 12, 1, 9, 0);
        Assert.Equal("grade", Assert.Throws<ArgumentNullException>(() => GradeAssignment.Unassigned.Propose(null!, at, policy)).ParamName);
        Assert.Equal("grade", Assert.Throws<ArgumentException>(() => GradeAssignment.Unassigned.Propose(" ", at, policy)).ParamName);
        Assert.Equal("policy", Assert.Throws<ArgumentNullException>(() => GradeAssignment.Unassigned.Propose("A", at, null!)).ParamName);
        Assert.Equal("policy", Assert.Throws<ArgumentNullException>(() => GradeAssignment.Unassigned.TryApprove("li.wei", "salesDirector", at, null!, out _, out _)).ParamName);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(10)]
    public void Grade1_ModelsOfNineAndTenIndicators_AddUpExactly(int count)
    {
        // Past eight indicators the kernel adds table entries two at a time and then the odd one: every score counts
        // once. Weights 0.1 each, the last one taking what is left.
        var weights = Enumerable.Repeat(0.1m, count - 1).Append(1m - (0.1m * (count - 1))).ToArray();
        var indicators = string.Join(", ", weights.Select((w, i) => $$"""{ "name": "i{{i}}", "weight": {{w.ToString(System.Globalization.CultureInfo.InvariantCulture)}} }"""));
        var rules = TestRules.FromJson($$"""{ "valueGrading": { "indicators": [ {{indicators}} ] } }""").ValueGrading;
        for (var shift = 0; shift < 5; shift++)
        {
            var scores = Enumerable.Range(0, count).Select(i => (byte)(1 + ((i + shift) % 5))).ToArray();
            var expected = weights.Zip(scores, (w, s) => w * s).Sum();
            Assert.Equal(expected, rules.Grade(scores).Total);
            var rows = new GradeOutcome[2];
            rules.GradeBatch([.. scores, .. scores], rows);
            Assert.All(rows, o => Assert.Equal(expected, o.Total));
        }
    }

    [Fact]
    public void Grade3_TheExplanationOfAnUngradedCustomer_AndOfOneNoSingleRaisePromotes()
    {
        var ungraded = Seed.Explain(TestRules.Scores(0, 3, 3, 3, 3, 3)).ToString();
        Assert.Contains("not graded (MissingIndicator): missing historicalAmount; the policy is to reject customers with missing indicators", ungraded, StringComparison.Ordinal);

        // All ones: total 1 (C); B needs +2, and the largest weight (0.3) raised from 1 to 5 gives only +1.2.
        var low = Seed.Explain(TestRules.Scores(1, 1, 1, 1, 1, 1)).ToString();
        Assert.Contains("next grade B needs +2; no single indicator can do it alone", low, StringComparison.Ordinal);
    }
}
