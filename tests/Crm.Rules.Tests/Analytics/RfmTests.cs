using Crm.Rules.Analytics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace Crm.Rules.Tests.Analytics;

public class RfmTests
{
    private static readonly LocalDate AsOf = new(2026, 12, 1);

    [Fact]
    public void Rfm1_FiguresPerCustomer_CancellationsSubtractedButNoPurchase()
    {
        var figures = Rfm.Summarise(
            [
                new("b", new(2026, 11, 1), 10.50m),
                new("a", new(2026, 11, 21), 5m),
                new("a", new(2026, 10, 1), 7.25m),
                new("a", new(2026, 11, 25), -2m),      // a refund: money back, and not the last purchase
                new("c", new(2026, 11, 30), -3m),      // only a cancellation: no figures
                new("b", new(2026, 12, 2), 100m),      // after the analysis date
                new("d", new(2026, 11, 1), 0m),        // a free item is still a purchase
            ],
            AsOf,
            CancellationHandling.Subtract);
        Assert.Equal(
            [new RfmFigures("a", 10, 2, 10.25m), new RfmFigures("b", 30, 1, 10.50m), new RfmFigures("d", 30, 1, 0m)],
            figures);
    }

    [Fact]
    public void Rfm1_CancellationsMayBeIgnored()
        => Assert.Equal(
            [new RfmFigures("a", 0, 1, 5m)],
            Rfm.Summarise([new("a", AsOf, 5m), new("a", AsOf, -5m)], AsOf, CancellationHandling.Ignore));

    [Fact]
    public void Rfm1_QuantileScores_TiesTakeTheRankOfTheFirst()
        => Assert.Equal(
            [1, 1, 1, 4, 5],   // three equal lowest values share rank 0; 10 at rank 3 → 1 + ⌊5·3/5⌋ = 4
            Rfm.QuantileScores([3, 3, 3, 10, 20], (a, b) => a.CompareTo(b)));

    [Fact]
    public void Rfm1_RecencyIsReversed()
    {
        var customers = new[] { new RfmFigures("old", 300, 1, 1m), new RfmFigures("new", 1, 9, 90m) };
        Assert.Equal([new RfmScores(1, 1, 1), new RfmScores(3, 3, 3)], Rfm.Scores(customers, bins: 5));
    }

    private static Arbitrary<int[]> Values => Gen.Choose(0, 20).ArrayOf().Where(a => a.Length > 0).ToArbitrary();

    [Property]
    public Property Rfm1_ScoresAreInRange_MonotoneInTheValue_AndIndependentOfOrder()
        => Prop.ForAll(Values, values =>
        {
            var scores = Rfm.QuantileScores(values, (a, b) => a.CompareTo(b));
            var reversed = Rfm.QuantileScores(values.Reverse().ToArray(), (a, b) => a.CompareTo(b)).Reverse().ToArray();
            var monotone = values.Zip(scores).All(p => values.Zip(scores).All(q => p.First >= q.First ? p.Second >= q.Second : p.Second <= q.Second));
            return scores.All(s => s is >= 1 and <= 5) && monotone && scores.SequenceEqual(reversed) && scores.Contains(1);
        });

    [Property]
    public Property Rfm1_FiguresDoNotDependOnTheLogsOrder()
    {
        var lines =
            from id in Gen.Elements("a", "b", "c")
            from day in Gen.Choose(0, 60)
            from cents in Gen.Choose(-5000, 20000)
            select new Transaction(id, AsOf.PlusDays(-day), cents / 100m);
        return Prop.ForAll(lines.ArrayOf().ToArbitrary(), log =>
            Rfm.Summarise(log, AsOf, CancellationHandling.Subtract)
                .SequenceEqual(Rfm.Summarise(log.Reverse(), AsOf, CancellationHandling.Subtract)));
    }
}
