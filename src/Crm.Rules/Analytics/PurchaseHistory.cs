using NodaTime;

namespace Crm.Rules.Analytics;

/// <summary>One customer's BG/NBD summary built from a transaction log, with the mean value of the repeat purchases.</summary>
internal sealed record CustomerHistory(string CustomerId, PurchaseSummary Summary, decimal MeanRepeatValue);

/// <summary>
/// Turns a transaction log into the (x, t_x, T) summaries the customer-base models are fitted on, the way Fader, Hardie
/// &amp; Lee prepare CDNOW: purchases on the same day are one purchase (their amounts added), the first purchase is the
/// start of the customer's observation, x counts the purchases after it, t_x is the time from the first to the last,
/// T the time from the first to the end of the calibration period; times in periods of <c>daysPerPeriod</c> days.
/// </summary>
internal static class PurchaseHistory
{
    /// <summary>
    /// Summaries ordered by customer id (ordinal). Lines after <paramref name="calibrationEnd"/> and lines with a negative
    /// amount (cancellations, refunds) are left out — a zero amount is a purchase (CDNOW has them); the mean repeat value is 0 when there is no repeat purchase.
    /// </summary>
    public static IReadOnlyList<CustomerHistory> Summarise(IEnumerable<Transaction> transactions, LocalDate calibrationEnd, double daysPerPeriod = 7)
    {
        var days = new Dictionary<string, SortedDictionary<LocalDate, decimal>>(StringComparer.Ordinal);
        foreach (var t in transactions)
        {
            if (t.Date > calibrationEnd || t.Amount < 0)
            {
                continue;
            }

            if (!days.TryGetValue(t.CustomerId, out var byDay))
            {
                days[t.CustomerId] = byDay = [];
            }

            byDay[t.Date] = byDay.GetValueOrDefault(t.Date) + t.Amount;
        }

        return days
            .OrderBy(d => d.Key, StringComparer.Ordinal)
            .Select(d =>
            {
                var first = d.Value.Keys.First();
                var last = d.Value.Keys.Last();
                var repeats = d.Value.Count - 1;
                var repeatValue = d.Value.Values.Skip(1).Sum();
                return new CustomerHistory(
                    d.Key,
                    new PurchaseSummary(
                        repeats,
                        Period.Between(first, last, PeriodUnits.Days).Days / daysPerPeriod,
                        Period.Between(first, calibrationEnd, PeriodUnits.Days).Days / daysPerPeriod),
                    repeats == 0 ? 0 : repeatValue / repeats);
            })
            .ToList();
    }
}
