using System.Numerics;
using FsCheck;
using FsCheck.Fluent;

namespace Crm.Rules.Tests.Scoring;

public class ValueGradingProperties
{
    private static readonly ValueGradingRules Seed = CrmRuleSet.SeedStandard.ValueGrading;

    [Fact]
    public void RaisingAnyIndicatorScoreNeverLowersTheGrade()
    {
        var cases = from scores in Generators.SeedScores
                    from index in Gen.Choose(0, 5)
                    from raise in Gen.Choose(0, 4)
                    select (scores, index, raise);
        PropertyCheck.Run(Prop.ForAll(Arb.From(cases), c =>
        {
            var before = Seed.Grade(c.scores);
            var raised = (byte[])c.scores.Clone();
            raised[c.index] = (byte)Math.Min(5, raised[c.index] + c.raise);
            var after = Seed.Grade(raised);
            return after.Grade!.Rank <= before.Grade!.Rank && after.Total >= before.Total;
        }));
    }

    [Fact]
    public void TotalAndGradeEqualExactRationalArithmetic()
    {
        var cases = from options in Generators.Options
                    from scores in Gen.Choose(0, 5).ArrayOf(options.ValueGrading.Indicators.Count)
                    select (options, scores);
        PropertyCheck.Run(Prop.ForAll(Arb.From(cases), c =>
        {
            var rules = CrmRuleSet.Compile(c.options).ValueGrading;
            var vector = c.scores.Select(s => (byte)s).ToArray();
            var outcome = rules.Grade(vector);

            // Exact rational reference: Σ w·s / Σ w over the indicators present, in BigInteger millionths.
            BigInteger sum = 0, weight = 0;
            for (var i = 0; i < vector.Length; i++)
            {
                if (vector[i] != 0)
                {
                    var w = new BigInteger(c.options.ValueGrading.Indicators[i].Weight * 1_000_000m);
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
        }));
    }

    [Fact]
    public void GradesPartitionTheScoreRange()
    {
        var cases = from options in Generators.Options
                    from scores in Gen.Choose(1, 5).ArrayOf(options.ValueGrading.Indicators.Count)
                    select (options, scores);
        PropertyCheck.Run(Prop.ForAll(Arb.From(cases), c =>
        {
            var rules = CrmRuleSet.Compile(c.options).ValueGrading;
            var outcome = rules.Grade(c.scores.Select(s => (byte)s).ToArray());
            var grade = outcome.Grade!;

            // The total reaches its grade's threshold and stays below the threshold of the grade above.
            var reachesOwn = grade.MinimumTotal is not { } own || outcome.Total >= own;
            var belowNext = grade.Rank == 0 || outcome.Total < rules.Grades[grade.Rank - 1].MinimumTotal!.Value;
            var exactlyOne = rules.Grades.Count(g => (g.MinimumTotal is not { } m || outcome.Total >= m)
                && (g.Rank == 0 || outcome.Total < rules.Grades[g.Rank - 1].MinimumTotal!.Value)) == 1;
            return reachesOwn && belowNext && exactlyOne;
        }));
    }

    [Fact]
    public void BatchAgreesWithSingleGrading()
    {
        var cases = Gen.Choose(0, 6).Select(s => (byte)s).ArrayOf(6 * 16);
        PropertyCheck.Run(Prop.ForAll(Arb.From(cases), scores =>
        {
            var outcomes = new GradeOutcome[16];
            Seed.GradeBatch(scores, outcomes);
            return Enumerable.Range(0, 16).All(c =>
            {
                var single = Seed.Grade(scores.AsSpan(c * 6, 6));
                return single.Status == outcomes[c].Status && single.Total == outcomes[c].Total && single.Grade == outcomes[c].Grade;
            });
        }));
    }

    [Fact]
    public void TheSmallestRaiseReachesTheNextGradeAndOnePointLessDoesNot()
    {
        PropertyCheck.Run(Prop.ForAll(Arb.From(Generators.SeedScores), scores =>
        {
            var explanation = Seed.Explain(scores);
            foreach (var raise in explanation.RaisesToNextGrade)
            {
                var index = Seed.IndexOf(raise.Indicator);
                var reached = (byte[])scores.Clone();
                reached[index] = (byte)raise.ToScore;
                var short1 = (byte[])scores.Clone();
                short1[index] = (byte)(raise.ToScore - 1);
                if (Seed.Grade(reached).Grade != explanation.NextGrade || Seed.Grade(short1).Grade == explanation.NextGrade)
                {
                    return false;
                }
            }

            return explanation.NextGrade is null || explanation.Total + explanation.TotalToNextGrade == explanation.NextGrade.MinimumTotal;
        }));
    }
}

public class BatchLayoutProperties
{
    [Fact]
    public void RankBatchAndColumnBatchAgreeWithSingleGrading()
    {
        var cases = from options in Generators.Options
                     from n in Gen.Choose(0, 100)
                     from noisy in Gen.Elements(true, false)
                     from scores in Gen.Choose(noisy ? 0 : 1, noisy ? 6 : 5).ArrayOf(n * options.ValueGrading.Indicators.Count)
                     select (options, n, scores);
        PropertyCheck.Run(Prop.ForAll(Arb.From(cases), c =>
        {
            var rules = CrmRuleSet.Compile(c.options).ValueGrading;
            var width = rules.Indicators.Count;
            var rows = c.scores.Select(s => (byte)s).ToArray();
            var columns = new byte[rows.Length];
            for (var k = 0; k < c.n; k++)
            {
                for (var i = 0; i < width; i++)
                {
                    columns[i * c.n + k] = rows[k * width + i];
                }
            }

            var byRow = new byte[c.n];
            var byColumn = new byte[c.n];
            var rowSummary = rules.GradeBatch(rows, byRow);
            var columnSummary = rules.GradeColumns(columns, byColumn);
            var expected = Enumerable.Range(0, c.n)
                .Select(k => rules.Grade(rows.AsSpan(k * width, width)))
                .Select(o => o.IsGraded ? (byte)o.Grade!.Rank : GradeBatchSummary.NotGraded)
                .ToArray();
            return byRow.SequenceEqual(expected) && byColumn.SequenceEqual(expected)
                && rowSummary == columnSummary && rowSummary.Graded == expected.Count(r => r != GradeBatchSummary.NotGraded)
                && rowSummary.Fingerprint == rules.Fingerprint;
        }));
    }
}
