using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Rules.Tests.Scoring;

[Properties(Arbitrary = [typeof(SharedArbitraries), typeof(ValueGradingArbitraries)], MaxTest = PropertyRuns.MaxTest)]
public class ValueGradingProperties
{
    private static readonly ValueGradingRules Seed = CrmRuleSet.SeedStandard.ValueGrading;

    [Property]
    public bool RaisingAnyIndicatorScoreNeverLowersTheGrade(ScoreRaise c)
    {
        var before = Seed.Grade(c.Scores.Values);
        var raised = (byte[])c.Scores.Values.Clone();
        raised[c.Index] = (byte)Math.Min(5, raised[c.Index] + c.By);
        var after = Seed.Grade(raised);
        return after.Grade!.Rank <= before.Grade!.Rank && after.Total >= before.Total;
    }

    [Property]
    public void DirectScore_IsAWholeNumberInRange_HoweverWritten(int whole, byte places, bool negative, int fraction)
    {
        // A direct score is read off the decimal's parts as millionths (FixedPoint); any number — "4", "4.00",
        // "-0", a fraction, one beyond int — scores exactly as the decimal rule says.
        var number = new decimal(Math.Abs(whole % 8), 0, 0, negative, 0) + (fraction % 3 == 0 ? 0 : fraction / 1000m);
        number = places % 4 == 0 ? number : decimal.Round(number, places % 29) * 1.000m;
        number = places % 11 == 5 ? number * 1_000_000_000_000m : number;
        var indicator = Seed.Indicators[0];
        var expected = number == decimal.Truncate(number) && number >= indicator.MinimumScore && number <= indicator.MaximumScore;

        Assert.Equal(expected, indicator.TryScore(IndicatorValue.FromNumber(number), out var score, out var problem));
        Assert.Equal(expected ? (int)number : 0, score);
        Assert.Equal(expected, problem is null);
    }

    [Property]
    public bool TotalAndGradeEqualExactRationalArithmetic(ModelScores c)
        => GradesLikeTheBigIntegerReference(c.Model.Options(), c.Vector);

    [Property]
    public bool RoundWeightsGradeThroughTheRankTableLikeTheReference(ModelScores c)
    {
        // The model's weights rounded to twentieths (0.05 … 1): few distinct totals, so a table of ranks by total;
        // the thresholds keep their six decimals, most of them between two totals.
        var options = c.Model.Options();
        var indicators = options.ValueGrading.Indicators;
        var raw = c.Model.RawWeights[..indicators.Count];
        var parts = raw.Select(r => Math.Max(1, r * 20 / raw.Sum())).ToArray();
        parts[Array.IndexOf(parts, parts.Max())] += 20 - parts.Sum();
        if (parts.Any(p => p <= 0))
        {
            return true;
        }

        for (var i = 0; i < indicators.Count; i++)
        {
            indicators[i].Weight = parts[i] * 0.05m;
        }

        var rules = Grading(options);
        return rules.HasRankTable && GradesLikeTheBigIntegerReference(options, rules, c.Vector);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(45)]
    public void WideModels_GradeLikeTheBigIntegerReference(int width)
    {
        // Beyond eight indicators the contribution table is summed in a loop; beyond 31 there is no contribution table.
        var random = new Random(width);
        for (var round = 0; round < 40; round++)
        {
            var thresholds = Enumerable.Range(0, random.Next(0, 4)).Select(_ => random.Next(1_000_001, 5_000_001)).ToArray();
            var policy = round % 2 == 0 ? MissingIndicatorPolicy.Reject : MissingIndicatorPolicy.Renormalize;
            var options = new GradingModel(1, [1, 1, 1, 1, 1, 1, 1, 1], new int[8], thresholds, policy, [-1, 0, 1, 2], [0, 0, 0], 0).Options();
            var raw = Enumerable.Range(0, width).Select(_ => (long)random.Next(1, 1001)).ToArray();
            var weights = raw.Select(r => Math.Max(1L, r * 1_000_000L / raw.Sum())).ToArray();
            weights[Array.IndexOf(weights, weights.Max())] += 1_000_000L - weights.Sum();
            options.ValueGrading.Indicators = weights.Select((w, i) => new IndicatorOptions { Name = $"i{i}", Weight = w / 1_000_000m }).ToList();
            var rules = Grading(options);
            Assert.Equal(width <= 31, rules.HasContributionTable);
            for (var v = 0; v < 25; v++)
            {
                var vector = Enumerable.Range(0, width).Select(_ => random.Next(100) switch { < 5 => (byte)0, < 8 => (byte)6, var r => (byte)(1 + (r % 5)) }).ToArray();
                if (v % 3 == 0)
                {
                    vector.AsSpan().Replace((byte)0, (byte)3);
                    vector.AsSpan().Replace((byte)6, (byte)4);
                }

                Assert.True(GradesLikeTheBigIntegerReference(options, rules, vector), $"width {width}, round {round}, scores {string.Join(",", vector)}");
            }
        }
    }

    /// <summary>
    /// Only the grading rules of a generated (valid by construction) model: compiling the whole rule set for every case
    /// (every family, the fingerprint) made these properties many times slower, and every mutation run with them.
    /// </summary>
    internal static ValueGradingRules Grading(CrmRulesOptions options) => new(options.ValueGrading, "model");

    private static bool GradesLikeTheBigIntegerReference(CrmRulesOptions options, byte[] vector)
        => GradesLikeTheBigIntegerReference(options, Grading(options), vector);

    private static bool GradesLikeTheBigIntegerReference(CrmRulesOptions options, ValueGradingRules rules, byte[] vector)
    {
        var outcome = rules.Grade(vector);
        var offScale = Array.FindIndex(vector, s => s != 0 && (s < rules.MinimumScore || s > rules.MaximumScore));
        if (offScale >= 0)
        {
            return outcome.Status == GradeStatus.InvalidValue && outcome.ProblemIndicator!.Index == offScale;
        }

        // Exact rational reference: Σ w·s / Σ w over the indicators present, in BigInteger millionths.
        BigInteger sum = 0, weight = 0;
        for (var i = 0; i < vector.Length; i++)
        {
            if (vector[i] != 0)
            {
                var w = new BigInteger(options.ValueGrading.Indicators[i].Weight * 1_000_000m);
                sum += w * vector[i];
                weight += w;
            }
        }

        var anyMissing = vector.Contains((byte)0);
        if (weight == 0 || (anyMissing && rules.MissingValues == MissingIndicatorPolicy.Reject))
        {
            return outcome.Status == GradeStatus.MissingIndicator;
        }

        var expected = rules.Grades.First(g => g.MinimumTotal is not { } min || sum * 1_000_000 >= new BigInteger(min * 1_000_000m) * weight);
        var totalIsExact = anyMissing || outcome.Total == (decimal)sum / 1_000_000m;
        return outcome.Grade == expected && totalIsExact
            && outcome.Status == (anyMissing ? GradeStatus.GradedWithRenormalizedWeights : GradeStatus.Graded);
    }

    [Property]
    public bool GradesPartitionTheScoreRange(CompleteModelScores c)
    {
        var rules = ValueGradingProperties.Grading(c.Model.Options());
        var outcome = rules.Grade(c.Vector);
        var grade = outcome.Grade!;

        // The total reaches its grade's threshold and stays below the threshold of the grade above.
        var reachesOwn = grade.MinimumTotal is not { } own || outcome.Total >= own;
        var belowNext = grade.Rank == 0 || outcome.Total < rules.Grades[grade.Rank - 1].MinimumTotal!.Value;
        var exactlyOne = rules.Grades.Count(g => (g.MinimumTotal is not { } m || outcome.Total >= m)
            && (g.Rank == 0 || outcome.Total < rules.Grades[g.Rank - 1].MinimumTotal!.Value)) == 1;
        return reachesOwn && belowNext && exactlyOne;
    }

    [Property]
    public bool BatchAgreesWithSingleGrading(SeedBatch batch)
    {
        var outcomes = new GradeOutcome[SeedBatch.Customers];
        Seed.GradeBatch(batch.Scores, outcomes);
        return Enumerable.Range(0, SeedBatch.Customers).All(c =>
        {
            var single = Seed.Grade(batch.Scores.AsSpan(c * 6, 6));
            return single.Status == outcomes[c].Status && single.Total == outcomes[c].Total && single.Grade == outcomes[c].Grade;
        });
    }

    [Property]
    public bool TheSmallestRaiseReachesTheNextGradeAndOnePointLessDoesNot(SeedScores scores)
    {
        var explanation = Seed.Explain(scores.Values);
        foreach (var raise in explanation.RaisesToNextGrade)
        {
            var index = Seed.IndexOf(raise.Indicator);
            var reached = (byte[])scores.Values.Clone();
            reached[index] = (byte)raise.ToScore;
            var short1 = (byte[])scores.Values.Clone();
            short1[index] = (byte)(raise.ToScore - 1);
            if (Seed.Grade(reached).Grade != explanation.NextGrade || Seed.Grade(short1).Grade == explanation.NextGrade)
            {
                return false;
            }
        }

        return explanation.NextGrade is null || explanation.Total + explanation.TotalToNextGrade == explanation.NextGrade.MinimumTotal;
    }
}

[Properties(Arbitrary = [typeof(SharedArbitraries), typeof(ValueGradingArbitraries)], MaxTest = PropertyRuns.MaxTest)]
public class BatchLayoutProperties
{
    [Property]
    public bool RankBatchAndColumnBatchAgreeWithSingleGrading(ModelBatch c)
    {
        var rules = ValueGradingProperties.Grading(c.Model.Options());
        var width = rules.Indicators.Count;
        var rows = c.RowMajor();
        var columns = new byte[rows.Length];
        for (var k = 0; k < c.Rows; k++)
        {
            for (var i = 0; i < width; i++)
            {
                columns[i * c.Rows + k] = rows[k * width + i];
            }
        }

        var byRow = new byte[c.Rows];
        var byColumn = new byte[c.Rows];
        var rowSummary = rules.GradeBatch(rows, byRow);
        var columnSummary = rules.GradeColumns(columns, byColumn);
        var expected = Enumerable.Range(0, c.Rows)
            .Select(k => rules.Grade(rows.AsSpan(k * width, width)))
            .Select(o => o.IsGraded ? (byte)o.Grade!.Rank : GradeBatchSummary.NotGraded)
            .ToArray();
        return byRow.SequenceEqual(expected) && byColumn.SequenceEqual(expected)
            && rowSummary == columnSummary && rowSummary.Graded == expected.Count(r => r != GradeBatchSummary.NotGraded)
            && rowSummary.Fingerprint == rules.Fingerprint;
    }
}

/// <summary>A seed-standard score vector and how far to raise one of its scores.</summary>
public sealed record ScoreRaise(SeedScores Scores, int Index, int By)
{
    public override string ToString() => $"scores {Scores}, raise #{Index} by {By}";
}

/// <summary>A model and a score per possible indicator (0 = missing); the model reads the first <c>Count</c>.</summary>
public sealed record ModelScores(GradingModel Model, byte[] Scores)
{
    public byte[] Vector => Scores[..Model.Count];

    public override string ToString() => $"{Model}, scores {string.Join(",", Vector)}";
}

/// <summary>A model and a present score (1 to 5) per possible indicator.</summary>
public sealed record CompleteModelScores(GradingModel Model, byte[] Scores)
{
    public byte[] Vector => Scores[..Model.Count];

    public override string ToString() => $"{Model}, scores {string.Join(",", Vector)}";
}

/// <summary>Sixteen seed-standard score vectors, back to back, with missing (0) and out-of-scale (6) scores.</summary>
public sealed record SeedBatch(byte[] Scores)
{
    public const int Customers = 16;

    public override string ToString() => string.Join(" | ", Scores.Chunk(6).Select(s => string.Join(",", s)));
}

/// <summary>A model and rows of scores, <see cref="GradingModel.MaxIndicators"/> drawn per row, the model reading the first <c>Count</c>.</summary>
public sealed record ModelBatch(GradingModel Model, int Rows, bool Noisy, byte[] Scores)
{
    public byte[] RowMajor()
    {
        var width = Model.Count;
        var rows = new byte[Rows * width];
        for (var k = 0; k < Rows; k++)
        {
            Scores.AsSpan(k * GradingModel.MaxIndicators, width).CopyTo(rows.AsSpan(k * width));
        }

        return rows;
    }

    public override string ToString()
        => $"{Model}, {Rows} rows{(Noisy ? " with missing and out-of-scale scores" : "")}: {string.Join(" | ", RowMajor().Chunk(Model.Count).Select(s => string.Join(",", s)))}";
}

public static class ValueGradingArbitraries
{
    private static Gen<byte> Score(int lowest, int highest) => Gen.Choose(lowest, highest).Select(s => (byte)s);

    private static IEnumerable<byte> Towards(byte score, int target) => Shrink.Towards(score, target).Select(s => (byte)s);

    public static Arbitrary<ScoreRaise> ScoreRaise() => Arb.From(
        from scores in SeedScores.Generator
        from index in Gen.Choose(0, 5)
        from raise in Gen.Choose(0, 4)
        select new ScoreRaise(scores, index, raise),
        c => c.Scores.Smaller().Select(s => c with { Scores = s })
            .Concat(Shrink.Towards(c.Index, 0).Select(i => c with { Index = i }))
            .Concat(Shrink.Towards(c.By, 0).Select(b => c with { By = b })));

    public static Arbitrary<ModelScores> ModelScores() => Arb.From(
        from model in GradingModel.Generator
        from scores in Score(0, 5).ArrayOf(GradingModel.MaxIndicators)
        select new ModelScores(model, scores),
        c => c.Model.Smaller().Select(m => c with { Model = m })
            .Concat(Shrink.Each(c.Scores, s => Towards(s, 0)).Select(s => c with { Scores = s })));

    public static Arbitrary<CompleteModelScores> CompleteModelScores() => Arb.From(
        from model in GradingModel.Generator
        from scores in Score(1, 5).ArrayOf(GradingModel.MaxIndicators)
        select new CompleteModelScores(model, scores),
        c => c.Model.Smaller().Select(m => c with { Model = m })
            .Concat(Shrink.Each(c.Scores, s => Towards(s, 1)).Select(s => c with { Scores = s })));

    public static Arbitrary<SeedBatch> SeedBatch() => Arb.From(
        Score(0, 6).ArrayOf(6 * Scoring.SeedBatch.Customers).Select(s => new SeedBatch(s)),
        c => Shrink.Each(c.Scores, s => Towards(s, 1)).Select(s => new SeedBatch(s)));

    public static Arbitrary<ModelBatch> ModelBatch() => Arb.From(
        from model in GradingModel.Generator
        from rows in Gen.Choose(0, 100)
        from noisy in Gen.Elements(true, false)
        from scores in (noisy ? Score(0, 6) : Score(1, 5)).ArrayOf(rows * GradingModel.MaxIndicators)
        select new ModelBatch(model, rows, noisy, scores),
        c => c.Model.Smaller().Select(m => c with { Model = m })
            .Concat(Shrink.Towards(c.Rows, 0).Select(r => c with { Rows = r, Scores = c.Scores[..(r * GradingModel.MaxIndicators)] }))
            .Concat(c.Noisy ? [c with { Noisy = false, Scores = c.Scores.Select(s => (byte)Math.Clamp((int)s, 1, 5)).ToArray() }] : [])
            .Concat(Shrink.Each(c.Scores, s => Towards(s, 1)).Select(s => c with { Scores = s })));
}
