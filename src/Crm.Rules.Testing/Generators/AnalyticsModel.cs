using System.Globalization;
using Crm.Rules.Analytics;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Crm.Rules.Testing;

/// <summary>
/// The draws behind a random valid analytics configuration (RFM-1, GRADE-8): quantile or band scoring, the bands (as a
/// first threshold and three positive steps per figure), cancellations, a segment table, VIP tiers and the P(alive) rounding.
/// </summary>
/// <remarks>
/// The segment table keeps, in order, only the drawn rows that some score triple reaches first, and ends with a catch-all
/// <c>others</c> row when the rows kept leave a triple uncovered: so every row is reachable and every triple has a segment,
/// as validation requires.
/// </remarks>
/// <param name="Bands">Whether scores are fixed bands rather than quintiles.</param>
/// <param name="Recency">Recency: the first threshold (0 to 60 days) and three steps (1 to 200).</param>
/// <param name="Frequency">Frequency: the first threshold (1 to 5 purchases) and three steps (1 to 10).</param>
/// <param name="Monetary">Monetary: the first threshold (-100 to 1,000) and three steps (1 to 5,000).</param>
/// <param name="IgnoreCancellations">Whether a negative amount is left out rather than subtracted.</param>
/// <param name="Rows">Per drawn segment row: the low and high score (1 to 5, either order) of recency, frequency and monetary.</param>
/// <param name="Shares">Per VIP tier: its share in thousandths (1 to 400); tiers past a total of 1,000 are left out.</param>
/// <param name="DecimalPlaces">The places (1 to 10) P(alive) is rounded to.</param>
/// <threadsafety>This type is immutable and thread-safe as long as nobody changes its arrays; <see cref="Options"/> builds new options every call.</threadsafety>
public sealed record AnalyticsModel(bool Bands, int[] Recency, int[] Frequency, int[] Monetary, bool IgnoreCancellations, int[][] Rows, int[] Shares, int DecimalPlaces)
{
    /// <summary>Random models.</summary>
    /// <value>A generator without shrinking; <see cref="CrmGen.AnalyticsModels"/> adds <see cref="Smaller"/>.</value>
    public static Gen<AnalyticsModel> Generator =>
        from bands in Gen.Elements(false, true)
        from recency in Steps(0, 60, 200)
        from frequency in Steps(1, 5, 10)
        from monetary in Steps(-100, 1000, 5000)
        from ignore in Gen.Elements(false, false, true)
        from rowCount in Gen.Choose(0, 12)
        from rows in Gen.Choose(1, 5).ArrayOf(6).ArrayOf(rowCount)
        from tierCount in Gen.Choose(0, 3)
        from shares in Gen.Choose(1, 400).ArrayOf(tierCount)
        from places in Gen.Choose(1, 10)
        select new AnalyticsModel(bands, recency, frequency, monetary, ignore, rows, shares, places);

    /// <summary>Quintiles, smaller thresholds and steps, fewer rows (down to the catch-all alone) and tiers.</summary>
    /// <returns>Valid models, simplest first.</returns>
    public IEnumerable<AnalyticsModel> Smaller() =>
        Shrink.Bool(Bands).Select(b => this with { Bands = b })
            .Concat(Shrink.Array(Rows, r => Shrink.Each(r, s => Shrink.Towards(s, 1))).Select(r => this with { Rows = r }))
            .Concat(Shrink.Array(Shares, s => Shrink.Towards(s, 1)).Select(s => this with { Shares = s }))
            .Concat(Shrink.Bool(IgnoreCancellations).Select(i => this with { IgnoreCancellations = i }))
            .Concat(Shrink.Each(Recency, v => Shrink.Towards(v, 0)).Select(v => this with { Recency = v }))
            .Concat(Shrink.Each(Frequency, v => Shrink.Towards(v, 1)).Select(v => this with { Frequency = v }))
            .Concat(Shrink.Each(Monetary, v => Shrink.Towards(v, 1)).Select(v => this with { Monetary = v }))
            .Concat(Shrink.Towards(DecimalPlaces, 4).Select(p => this with { DecimalPlaces = p }));

    /// <summary>Builds fresh options: the seed standard with this analytics configuration.</summary>
    /// <returns>New options that <see cref="CrmRuleSet.Compile"/> accepts.</returns>
    public CrmRulesOptions Options()
    {
        var options = new CrmRulesOptions();
        var analytics = options.Analytics;
        analytics.Rfm.Scoring = Bands ? RfmScoring.Bands : RfmScoring.Quantiles;
        analytics.Rfm.Bands = new RfmBandOptions
        {
            RecencyDays = Thresholds(Recency).ToList(),
            Frequency = Thresholds(Frequency).ToList(),
            Monetary = Thresholds(Monetary).Select(m => (decimal)m).ToList(),
        };
        analytics.Rfm.Cancellations = IgnoreCancellations ? CancellationHandling.Ignore : CancellationHandling.Subtract;
        analytics.Rfm.Segments = Segments();
        var tiers = new List<VipTierOptions>();
        var total = 0;
        foreach (var share in Shares)
        {
            if (total + share > 1000)
            {
                break;
            }

            total += share;
            tiers.Add(new VipTierOptions { Name = $"tier{tiers.Count}", Share = share / 1000m });
        }

        analytics.VipTiers = tiers;
        analytics.ChurnWarning.DecimalPlaces = DecimalPlaces;
        return options;
    }

    /// <summary>What a failure report needs to rebuild the configuration by hand.</summary>
    /// <returns>One line.</returns>
    public override string ToString()
    {
        var analytics = Options().Analytics;
        return string.Create(CultureInfo.InvariantCulture,
            $"analytics({analytics.Rfm.Scoring}, bands R [{string.Join(", ", analytics.Rfm.Bands.RecencyDays)}] F [{string.Join(", ", analytics.Rfm.Bands.Frequency)}] M [{string.Join(", ", analytics.Rfm.Bands.Monetary)}], " +
            $"cancellations {analytics.Rfm.Cancellations}, segments [{string.Join("; ", analytics.Rfm.Segments.Select(s => $"{s.Name} R{s.Recency.Min}-{s.Recency.Max} F{s.Frequency.Min}-{s.Frequency.Max} M{s.Monetary.Min}-{s.Monetary.Max}"))}], " +
            $"tiers [{string.Join(", ", analytics.VipTiers.Select(t => $"{t.Name} {t.Share}"))}], P(alive) to {DecimalPlaces} places)");
    }

    private static Gen<int[]> Steps(int low, int high, int step) =>
        from first in Gen.Choose(low, high)
        from steps in Gen.Choose(1, step).ArrayOf(3)
        select new[] { first, steps[0], steps[1], steps[2] };

    private static IEnumerable<int> Thresholds(int[] draws)
    {
        var value = draws[0];
        yield return value;
        for (var k = 1; k < draws.Length; k++)
        {
            value += Math.Max(1, draws[k]);
            yield return value;
        }
    }

    private List<RfmSegmentOptions> Segments()
    {
        var covered = new bool[5, 5, 5];
        var left = 125;
        var segments = new List<RfmSegmentOptions>();
        foreach (var row in Rows)
        {
            var segment = new RfmSegmentOptions
            {
                Name = $"segment{segments.Count}",
                Recency = Range(row[0], row[1]),
                Frequency = Range(row[2], row[3]),
                Monetary = Range(row[4], row[5]),
            };
            var reaches = false;
            for (var r = segment.Recency.Min; r <= segment.Recency.Max; r++)
            {
                for (var f = segment.Frequency.Min; f <= segment.Frequency.Max; f++)
                {
                    for (var m = segment.Monetary.Min; m <= segment.Monetary.Max; m++)
                    {
                        if (!covered[r - 1, f - 1, m - 1])
                        {
                            covered[r - 1, f - 1, m - 1] = true;
                            left--;
                            reaches = true;
                        }
                    }
                }
            }

            if (reaches)
            {
                segments.Add(segment);
            }
        }

        if (left > 0)
        {
            segments.Add(new RfmSegmentOptions { Name = "others" });
        }

        return segments;
    }

    private static ScoreRangeOptions Range(int a, int b) => new() { Min = Math.Min(a, b), Max = Math.Max(a, b) };
}

/// <summary>
/// A transaction log: per line a customer (<c>c0</c> to <c>c9</c>), how many days before <see cref="AnalysisDate"/> it
/// happened, and its amount in cents (negative for a cancellation).
/// </summary>
/// <param name="Lines">Per line: customer (0 to 9), days before the analysis date (0 to 730), amount in cents.</param>
/// <threadsafety>This type is immutable and thread-safe as long as nobody changes <see cref="Lines"/>.</threadsafety>
public sealed record TransactionLog((int Customer, int DaysBefore, int Cents)[] Lines)
{
    /// <summary>The day the log is analysed on: 2026-01-01.</summary>
    public static readonly LocalDate AnalysisDate = new(2026, 1, 1);

    /// <summary>Random logs of up to 40 lines.</summary>
    /// <value>A generator without shrinking; <see cref="CrmGen.TransactionLogs"/> adds <see cref="Smaller"/>.</value>
    public static Gen<TransactionLog> Generator =>
        from count in Gen.Choose(0, 40)
        from lines in (
            from customer in Gen.Choose(0, 9)
            from days in Gen.Choose(0, 730)
            from cents in Gen.Frequency((1, Gen.Choose(-50_000, -1)), (9, Gen.Choose(0, 1_000_000)))
            select (customer, days, cents)).ArrayOf(count)
        select new TransactionLog(lines);

    /// <summary>Fewer lines, the first customer, the analysis date, amounts nearer 0.</summary>
    /// <returns>Simpler logs, simplest first.</returns>
    public IEnumerable<TransactionLog> Smaller() =>
        Shrink.Array(Lines, l => Shrink.Towards(l.Customer, 0).Select(c => l with { Customer = c })
                .Concat(Shrink.Towards(l.DaysBefore, 0).Select(d => l with { DaysBefore = d }))
                .Concat(Shrink.Towards(l.Cents, 0).Select(c => l with { Cents = c })))
            .Select(l => new TransactionLog(l));

    /// <summary>The lines as transactions.</summary>
    /// <returns>New transactions, in the log's order.</returns>
    public IReadOnlyList<Transaction> Transactions() =>
        Lines.Select(l => new Transaction(string.Create(CultureInfo.InvariantCulture, $"c{l.Customer}"), AnalysisDate.PlusDays(-l.DaysBefore), l.Cents / 100m)).ToArray();

    /// <summary>The log, readably.</summary>
    /// <returns>One line.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"log [{string.Join("; ", Lines.Select(l => $"c{l.Customer} -{l.DaysBefore}d {l.Cents / 100m}"))}]");
}
