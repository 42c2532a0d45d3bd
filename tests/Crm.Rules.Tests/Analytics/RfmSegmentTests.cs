using Crm.Rules.Analytics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Rules.Tests.Analytics;

public class RfmSegmentTests
{
    [Fact]
    public void Rfm1_TheDefaultTableReachesEveryRowAndHasNoGap()
        => Assert.Empty(RfmSegments.Problems(RfmSegments.Default));

    [Theory]
    [InlineData(5, 5, 5, "champions")]
    [InlineData(1, 5, 4, "can't lose them")]
    [InlineData(5, 1, 1, "new customers")]
    [InlineData(3, 1, 1, "promising")]
    [InlineData(1, 1, 1, "lost")]
    [InlineData(2, 4, 3, "loyal customers")]
    [InlineData(4, 2, 3, "potential loyalists")]
    [InlineData(2, 5, 5, "loyal customers")]
    [InlineData(1, 3, 2, "at risk")]
    [InlineData(2, 2, 3, "need attention")]
    [InlineData(3, 2, 1, "about to sleep")]
    [InlineData(1, 2, 1, "hibernating")]
    [InlineData(5, 5, 1, "others")]
    public void Rfm1_TheFirstRowThatHoldsTheScoresNamesTheSegment(int r, int f, int m, string segment)
        => Assert.Equal(segment, RfmSegments.Classify(RfmSegments.Default, r, f, m));

    // In the order the R package rfm documents them, "new customers" (R 4–5, F 1, M 1) lies wholly inside
    // "potential loyalists" (R 3–5, F 1–3, M 1–3) listed before it.
    [Fact]
    public void Rfm1_AHiddenRowAndAGapAreReported()
    {
        RfmSegment[] table =
        [
            new("potential loyalists", new(3, 5), new(1, 3), new(1, 3)),
            new("new customers", new(4, 5), new(1, 1), new(1, 1)),
            new("broken", new(0, 6), new(1, 5), new(3, 2)),
        ];
        Assert.Equal(
            [
                ("[2].recency", "'broken': 0..6 is not a range within 1..5 (min ≤ max)"),
                ("[2].monetary", "'broken': 3..2 is not a range within 1..5 (min ≤ max)"),
                ("[1]", "'new customers': no customer can reach it; every score it holds is taken first by 'potential loyalists' (row 0) or rows before it"),
                ("", "98 score triples reach no segment (first R1 F1 M1, R1 F1 M2, R1 F1 M3); end the table with a catch-all 1–5 row"),
            ],
            RfmSegments.Problems(table));
    }

    private static Arbitrary<RfmSegment[]> Tables =>
        (from rows in Gen.Choose(0, 6)
         from ranges in Gen.Choose(1, 5).Two().Select(p => new ScoreRange(Math.Min(p.Item1, p.Item2), Math.Max(p.Item1, p.Item2))).ArrayOf(rows * 3)
         select Enumerable.Range(0, rows).Select(i => new RfmSegment($"s{i}", ranges[3 * i], ranges[3 * i + 1], ranges[3 * i + 2])).ToArray())
        .ToArbitrary();

    // What the exhaustive check says agrees with classifying every triple: no gap reported exactly when every triple
    // has a segment, and a row reported hidden exactly when no triple is classified into it.
    [Property]
    public Property Rfm1_TheCheckAgreesWithClassification()
        => Prop.ForAll(Tables, table =>
        {
            var problems = RfmSegments.Problems(table);
            var triples = from r in Enumerable.Range(1, 5) from f in Enumerable.Range(1, 5) from m in Enumerable.Range(1, 5) select RfmSegments.Classify(table, r, f, m);
            var segments = triples.ToList();
            var gapReported = problems.Any(p => p.Path.Length == 0);
            var hiddenReported = table.Select((row, i) => problems.Any(p => p.Path == $"[{i}]")).ToArray();
            return gapReported == segments.Contains(null)
                && table.Select((row, i) => hiddenReported[i] == !segments.Contains(row.Name)).All(ok => ok);
        });
}
