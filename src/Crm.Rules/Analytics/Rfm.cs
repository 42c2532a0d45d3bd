using NodaTime;

namespace Crm.Rules.Analytics;

/// <summary>One line of a transaction log: who bought, on which day, for how much (negative for a cancellation or refund).</summary>
internal readonly record struct Transaction(string CustomerId, LocalDate Date, decimal Amount);

/// <summary>What a negative amount (a cancellation or refund) does to the monetary figure.</summary>
internal enum CancellationHandling
{
    /// <summary>It is subtracted from the customer's monetary value (a refund takes back what was paid); it is never a purchase.</summary>
    Subtract,

    /// <summary>It is left out of every figure.</summary>
    Ignore,
}

/// <summary>
/// A customer's RFM figures as of an analysis date (RFM-1): days since the last purchase, number of purchases,
/// and the money spent (exact decimal).
/// </summary>
internal sealed record RfmFigures(string CustomerId, int RecencyDays, int Frequency, decimal Monetary);

/// <summary>RFM-1 figures from a transaction log and their 1..5 quantile scores.</summary>
internal static class Rfm
{
    /// <summary>
    /// Per-customer figures, ordered by customer id (ordinal). A purchase is a line with an amount of zero or more (a free item is still a purchase); a customer
    /// with only cancellations has no figures (no purchase to be recent from) and is not listed; lines after the
    /// analysis date are left out (the figures are "as of" that date).
    /// </summary>
    public static IReadOnlyList<RfmFigures> Summarise(IEnumerable<Transaction> transactions, LocalDate analysisDate, CancellationHandling cancellations)
    {
        var customers = new Dictionary<string, (LocalDate Last, int Count, decimal Money)>(StringComparer.Ordinal);
        foreach (var t in transactions)
        {
            if (t.Date > analysisDate || (t.Amount < 0 && cancellations == CancellationHandling.Ignore))
            {
                continue;
            }

            // A customer not seen yet, or seen only in refunds, has a count of 0: the purchase's date is the last one.
            customers.TryGetValue(t.CustomerId, out var c);
            customers[t.CustomerId] = t.Amount >= 0
                ? (c.Count > 0 && c.Last > t.Date ? c.Last : t.Date, c.Count + 1, c.Money + t.Amount)
                : (c.Last, c.Count, c.Money + t.Amount);
        }

        return customers
            .Where(c => c.Value.Count > 0)
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new RfmFigures(c.Key, Period.Between(c.Value.Last, analysisDate, PeriodUnits.Days).Days, c.Value.Count, c.Value.Money))
            .ToList();
    }

    /// <summary>
    /// Quantile scores 1..<paramref name="bins"/>: sorted by <paramref name="compare"/> (lower first), the value at
    /// 0-based rank i scores 1 + ⌊bins · i / n⌋, and values that compare equal all take the rank of the first of them —
    /// so ties never split across scores and the scores do not depend on the input's order.
    /// </summary>
    public static int[] QuantileScores<T>(IReadOnlyList<T> values, Comparison<T> compare, int bins = 5)
        => [.. TieRanks(values, compare).Select(rank => 1 + (int)((long)bins * rank / values.Count))];

    /// <summary>
    /// Each value's 0-based rank in <paramref name="compare"/> order, values that compare equal taking the rank of the
    /// first of them: the one tie rule of the quantile scores and the VIP tiers.
    /// </summary>
    public static int[] TieRanks<T>(IReadOnlyList<T> values, Comparison<T> compare)
    {
        var order = Enumerable.Range(0, values.Count).ToArray();
        Array.Sort(order, (x, y) => compare(values[x], values[y]));
        var ranks = new int[values.Count];
        var tieStart = 0;
        for (var i = 0; i < order.Length; i++)
        {
            if (i > 0 && compare(values[order[i]], values[order[i - 1]]) != 0)
            {
                tieStart = i;
            }

            ranks[order[i]] = tieStart;
        }

        return ranks;
    }

    /// <summary>R, F and M scores of each customer: recency reversed (the most recent score highest), frequency and monetary as they are.</summary>
    public static (int R, int F, int M)[] Scores(IReadOnlyList<RfmFigures> customers, int bins = 5)
    {
        var r = QuantileScores(customers, (a, b) => b.RecencyDays.CompareTo(a.RecencyDays), bins);
        var f = QuantileScores(customers, (a, b) => a.Frequency.CompareTo(b.Frequency), bins);
        var m = QuantileScores(customers, (a, b) => a.Monetary.CompareTo(b.Monetary), bins);
        return [.. customers.Select((_, i) => (r[i], f[i], m[i]))];
    }
}
