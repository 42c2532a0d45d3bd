using BenchmarkDotNet.Attributes;
using Crm.Rules.Analytics;
using NodaTime;

namespace Crm.Rules.Benchmarks;

/// <summary>
/// RFM over a log of 1,000,000 transaction lines of about 50,000 customers held in memory (RFM-1, GRADE-8); time
/// per log. The baseline is the LINQ a user writes first: <c>GroupBy</c> on the customer, then the last purchase day,
/// the distinct invoices of the purchases and the sum per group. It computes the figures only, with no scores, so
/// the figures-only tally beside it is the like-for-like comparison and the full report shows what scoring,
/// segments and VIP tiers cost on top.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 6)]
public class RfmBenchmarks
{
    private readonly AnalyticsRules _rules = CrmRuleSet.SeedStandard.Analytics;
    private Transaction[] _log = null!;

    [GlobalSetup]
    public void Setup() => _log = TransactionLog.Generate();

    /// <summary>Groups every line, then walks each group three times (purchases' last day, their invoices, the sum).</summary>
    [Benchmark(Baseline = true, Description = "naive: LINQ GroupBy, figures only")]
    public List<RfmFigures> Naive()
        => _log
            .GroupBy(t => t.CustomerId)
            .Where(g => g.Any(t => t.Amount >= 0))
            .Select(g => new RfmFigures(
                g.Key,
                Period.Between(g.Where(t => t.Amount >= 0).Max(t => t.Date), TransactionLog.AsOf, PeriodUnits.Days).Days,
                g.Where(t => t.Amount >= 0).Select(t => t.InvoiceId).Distinct().Count(),
                g.Sum(t => t.Amount)))
            .ToList();

    [Benchmark(Description = "Crm.Rules: RfmTally.Figures (figures only)")]
    public IReadOnlyList<RfmFigures> TallyFigures() => Tally().Figures();

    [Benchmark(Description = "Crm.Rules: RfmTally + Rfm (scores, segments, tiers)")]
    public RfmReport TallyReport() => _rules.Rfm(Tally());

    private RfmTally Tally()
    {
        var tally = _rules.StartRfm(TransactionLog.AsOf);
        for (var i = 0; i < _log.Length; i++)
        {
            tally.Add(in _log[i]);
        }

        return tally;
    }
}

/// <summary>The seeded transaction log every RFM benchmark reads, in memory or as CSV, so their times compare.</summary>
internal static class TransactionLog
{
    public const int Lines = 1_000_000;
    public const int Customers = 50_000;
    private const int Days = 730;

    /// <summary>The analysis date: the last day of the log, so no line falls after it.</summary>
    public static readonly LocalDate AsOf = new(2026, 11, 24);

    /// <summary>
    /// Orders of one to five lines in date order over two years; one order in fifty is a cancellation (every line
    /// negative, its invoice prefixed C as in Online Retail), so about 2% of the lines are refunds and a few rare
    /// customers have nothing but a refund. Customer ids are shared strings, as an in-memory model holds them.
    /// </summary>
    public static Transaction[] Generate()
    {
        var random = new Random(20261124);
        var ids = Enumerable.Range(0, Customers).Select(i => $"K{i:D5}").ToArray();
        var log = new Transaction[Lines];
        var first = AsOf.PlusDays(1 - Days);
        var invoice = 500_000;
        for (var line = 0; line < Lines;)
        {
            // Skewed (u²) so that frequency and monetary spread over every quintile instead of bunching at the mean.
            var u = random.NextDouble();
            var customer = ids[(int)(u * u * Customers)];
            var date = first.PlusDays((int)((long)line * Days / Lines));
            var refund = random.Next(50) == 0;
            var invoiceId = refund ? $"C{invoice++}" : $"{invoice++}";
            var items = Math.Min(random.Next(1, 6), Lines - line);
            for (var i = 0; i < items; i++, line++)
            {
                // Scale 2 kept (1.00, not 1), so the CSV has cents on every line as an export would.
                var amount = new decimal(random.Next(50, 50_000), 0, 0, refund, 2);
                log[line] = new Transaction(customer, date, amount) { InvoiceId = invoiceId };
            }
        }

        return log;
    }
}
