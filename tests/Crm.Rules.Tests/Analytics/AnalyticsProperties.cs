using Crm.Rules.Analytics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace Crm.Rules.Tests.Analytics;

/// <summary>Invariants of the analytics family over random transaction logs (shrinking: fewer lines, smaller numbers).</summary>
public class AnalyticsProperties
{
    private static readonly LocalDate AsOf = new(2026, 11, 30);

    // Small id and day ranges so that customers repeat, share days and tie; amounts include refunds and zeros.
    internal static Arbitrary<Transaction[]> Logs =>
        (from id in Gen.Choose(0, 7)
         from daysAgo in Gen.Choose(-3, 60)
         from cents in Gen.Choose(-500, 5_000)
         from invoice in Gen.Choose(0, 3)
         select new Transaction($"c{id}", AsOf.PlusDays(-daysAgo), cents / 100m) { InvoiceId = invoice == 0 ? null : $"i{invoice}-{daysAgo}" })
        .ArrayOf()
        .ToArbitrary();

    private static readonly AnalyticsRules Quintiles = CrmRuleSet.SeedStandard.Analytics;
    private static readonly AnalyticsRules Bands = TestRules.FromJson("""{ "analytics": { "rfm": { "scoring": "bands", "bands": { "recencyDays": [5, 10, 20, 40], "frequency": [2, 3, 4, 6], "monetary": [0, 20, 50, 100] } } } }""").Analytics;

    [Property(MaxTest = PropertyRuns.MaxTest)]
    public Property Rfm1_TheReportDoesNotDependOnTheLogsOrder()
        => Prop.ForAll(Logs, log =>
        {
            var forward = Quintiles.Rfm(log, AsOf);
            var backward = Quintiles.Rfm(log.Reverse(), AsOf);
            return forward.Customers.SequenceEqual(backward.Customers) && forward.CustomersWithoutPurchase.SequenceEqual(backward.CustomersWithoutPurchase);
        });

    // Every customer seen up to the as-of date is either scored or listed without a purchase — never lost — and each
    // scored customer is in exactly one segment: the counts add up.
    [Property(MaxTest = PropertyRuns.MaxTest)]
    public Property Rfm1_NoCustomerIsLost_AndTheSegmentsPartitionTheCustomers()
        => Prop.ForAll(Logs, log =>
        {
            var report = Quintiles.Rfm(log, AsOf);
            var seen = log.Where(t => t.Date <= AsOf).Select(t => t.CustomerId).Distinct().Order(StringComparer.Ordinal);
            var accounted = report.Customers.Select(c => c.CustomerId).Concat(report.CustomersWithoutPurchase).Order(StringComparer.Ordinal);
            return seen.SequenceEqual(accounted) && report.SegmentCounts.Sum(c => c.Value) == report.Customers.Count
                && report.Customers.All(c => ReferenceEquals(c.Segment, Quintiles.Segments.First(s => s.Matches(c.Scores))));
        });

    // Monetary with refunds subtracted is the exact sum of the customer's lines up to the as-of date.
    [Property(MaxTest = PropertyRuns.MaxTest)]
    public Property Rfm1_MonetaryIsTheExactSumOfTheLines()
        => Prop.ForAll(Logs, log => Quintiles.Rfm(log, AsOf).Customers.All(c =>
            c.Figures.Monetary == log.Where(t => t.CustomerId == c.CustomerId && t.Date <= AsOf).Sum(t => t.Amount)));

    // Frequency counts distinct invoices among a customer's purchases (lines of zero or more), a line without an
    // invoice counting alone — whatever the order of the lines (the tally checks the last invoice before its set).
    [Property(MaxTest = PropertyRuns.MaxTest)]
    public Property Rfm1_FrequencyIsTheNumberOfDistinctPurchases()
        => Prop.ForAll(Logs, log => Quintiles.Rfm(log, AsOf).Customers.All(c =>
        {
            var purchases = log.Where(t => t.CustomerId == c.CustomerId && t.Date <= AsOf && t.Amount >= 0).ToList();
            return c.Figures.Frequency == purchases.Count(t => t.InvoiceId is null) + purchases.Where(t => t.InvoiceId is not null).Select(t => t.InvoiceId).Distinct().Count();
        }));

    // Fixed bands: a customer who is more recent, buys more often and spends more never scores lower on any axis.
    [Property(MaxTest = PropertyRuns.MaxTest)]
    public Property Rfm1_BandScoresAreMonotoneInTheFigures()
        => Prop.ForAll(
            Gen.Choose(0, 60).Three().Select(t => (Days: t.Item1, Purchases: t.Item2 + 1, Money: (decimal)t.Item3 * 2)).Two().ToArbitrary(),
            pair =>
            {
                var (x, y) = pair;
                var a = Bands.BandScores(new RfmFigures("a", x.Days, x.Purchases, x.Money));
                var b = Bands.BandScores(new RfmFigures("b", y.Days, y.Purchases, y.Money));
                return (x.Days > y.Days || a.Recency >= b.Recency)
                    && (x.Purchases < y.Purchases || a.Frequency >= b.Frequency)
                    && (x.Money < y.Money || a.Monetary >= b.Monetary)
                    && new[] { a.Recency, a.Frequency, a.Monetary }.All(s => s is >= 1 and <= 5);
            });

    // Quintile scores: a customer with a larger figure never has a lower score (recency reversed).
    [Property(MaxTest = PropertyRuns.MaxTest)]
    public Property Rfm1_QuintileScoresAreMonotoneAcrossCustomers()
        => Prop.ForAll(Logs, log =>
        {
            var c = Quintiles.Rfm(log, AsOf).Customers;
            return c.All(p => c.All(q =>
                (p.Figures.RecencyDays > q.Figures.RecencyDays || p.Scores.Recency >= q.Scores.Recency)
                && (p.Figures.Frequency < q.Figures.Frequency || p.Scores.Frequency >= q.Scores.Frequency)
                && (p.Figures.Monetary < q.Figures.Monetary || p.Scores.Monetary >= q.Scores.Monetary)));
        });

    // P(alive) lies in (0, 1] and is 1 without a repeat purchase — in log space: as a double it underflows to 0 once it
    // is below e^−745 (the first run of this property found x 188, t_x 6, T 689); expected purchases grow with the horizon.
    [Property(MaxTest = PropertyRuns.MaxTest)]
    public Property BgNbd_PAliveIsAProbability_AndExpectedPurchasesGrowWithTheHorizon()
        => Prop.ForAll(
            (from x in Gen.Choose(0, 200)
             from age in Gen.Choose(1, 2000)
             from recency in Gen.Choose(1, age)
             from h in Gen.Choose(0, 500).Two()
             select (Summary: new PurchaseSummary(x, x == 0 ? 0 : recency, age), Shorter: Math.Min(h.Item1, h.Item2), Longer: Math.Max(h.Item1, h.Item2))).ToArbitrary(),
            c =>
            {
                var model = BgNbdModel.FromParameters(0.2426, 4.4137, 0.7929, 2.4259);
                var p = model.ProbabilityAlive(c.Summary);
                var log = model.LogProbabilityAlive(c.Summary);
                return double.IsFinite(log) && log <= 0 && p >= 0 && p <= 1 && p == Math.Exp(log) && (c.Summary.Frequency > 0 || p == 1)
                    && model.ExpectedPurchases(c.Summary, c.Longer) >= model.ExpectedPurchases(c.Summary, c.Shorter) - 1e-12;
            });
}
