using NodaTime;

using System.Text.Json.Serialization;

namespace Crm.Rules.Analytics;

/// <summary>The time unit of the customer-base models' summaries (x, t_x, T) and horizons.</summary>
/// <threadsafety>An enumeration; safe to share.</threadsafety>
public enum ModelTimeUnit
{
    /// <summary>Days.</summary>
    [JsonStringEnumMemberName("days")]
    Days = 1,

    /// <summary>Weeks of 7 days (the unit of the CDNOW papers).</summary>
    [JsonStringEnumMemberName("weeks")]
    Weeks = 7,
}

/// <summary>One customer's repeat-purchase summary: x repeat purchases, the last at t_x, observed for T (one time unit).</summary>
/// <param name="Frequency">x: repeat purchases (purchase days after the first).</param>
/// <param name="Recency">t_x: time from the first purchase to the last.</param>
/// <param name="Age">T: time from the first purchase to the end of the calibration period.</param>
/// <threadsafety>This type is an immutable value type and is thread-safe.</threadsafety>
public readonly record struct PurchaseSummary(int Frequency, double Recency, double Age)
{
    /// <summary>
    /// Whether the summary can be modelled: x ≥ 0, 0 ≤ t_x ≤ T, finite, t_x = 0 when x = 0 and t_x &gt; 0 when x &gt; 0 (a
    /// repeat purchase comes after the first: at t_x = 0 the likelihood has no maximum and a fit runs off).
    /// </summary>
    public bool IsValid => Frequency >= 0 && double.IsFinite(Recency) && double.IsFinite(Age) && Recency >= 0 && Recency <= Age && (Frequency > 0 ? Recency > 0 : Recency == 0);

    /// <summary>The summary as <c>x 2, t_x 30.43, T 38.86</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"x {Frequency}, t_x {Recency:0.####}, T {Age:0.####}");
}

/// <summary>One customer's BG/NBD summary built from a transaction log, with the mean value of the repeat purchases.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Summary">x, t_x and T.</param>
/// <param name="MeanRepeatValue">The mean value of the repeat purchases (0 without one): the m of the Gamma-Gamma model.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record CustomerHistory(string CustomerId, PurchaseSummary Summary, decimal MeanRepeatValue)
{
    /// <summary>The history as <c>C-1: x 2, t_x 30.43, T 38.86, mean repeat value 25.5</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{CustomerId}: {Summary}, mean repeat value {MeanRepeatValue}");
}

/// <summary>
/// Turns a transaction log, one line at a time, into the (x, t_x, T) summaries the customer-base models are fitted
/// on, the way Fader, Hardie &amp; Lee prepare CDNOW: purchases on the same day are one purchase (their amounts added),
/// the first purchase starts the customer's observation, x counts the purchase days after it, t_x is the time from the
/// first to the last, T the time from the first to the end of the calibration period. Lines after the end and lines
/// with a negative amount (cancellations, refunds) are left out and counted; a zero amount is a purchase (CDNOW has them).
/// </summary>
/// <threadsafety>Not thread-safe: one tally per reader.</threadsafety>
public sealed class PurchaseHistoryTally
{
    private readonly Dictionary<string, SortedDictionary<LocalDate, decimal>> _days = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedDictionary<LocalDate, decimal>>.AlternateLookup<ReadOnlySpan<char>> _byId;

    /// <summary>Starts an empty tally.</summary>
    /// <param name="calibrationEnd">The last day of the calibration period (inclusive).</param>
    /// <param name="unit">The time unit of t_x and T.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is not a defined value.</exception>
    public PurchaseHistoryTally(LocalDate calibrationEnd, ModelTimeUnit unit = ModelTimeUnit.Weeks)
    {
        if (!Enum.IsDefined(unit))
        {
            throw new ArgumentOutOfRangeException(nameof(unit), unit, "not a time unit");
        }

        CalibrationEnd = calibrationEnd;
        Unit = unit;
        _byId = _days.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The last day of the calibration period.</summary>
    public LocalDate CalibrationEnd { get; }

    /// <summary>The time unit of t_x and T.</summary>
    public ModelTimeUnit Unit { get; }

    /// <summary>Lines added.</summary>
    public long Lines { get; private set; }

    /// <summary>Lines after the calibration end, left out.</summary>
    public long LinesAfterCalibration { get; private set; }

    /// <summary>Lines with a negative amount, left out (the models are of purchases).</summary>
    public long CancellationLines { get; private set; }

    /// <summary>Adds one line.</summary>
    /// <param name="transaction">The line.</param>
    /// <exception cref="ArgumentException">The line has no customer id.</exception>
    public void Add(in Transaction transaction) => Add(transaction.CustomerId, transaction.Date, transaction.Amount);

    /// <summary>Adds one line given as its parts, without making a string for a customer already seen (as <see cref="RfmTally"/> does).</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="date">The day of the line.</param>
    /// <param name="amount">The amount; negative for a cancellation or refund.</param>
    /// <exception cref="ArgumentException">The line has no customer id.</exception>
    public void Add(ReadOnlySpan<char> customerId, LocalDate date, decimal amount)
    {
        if (customerId.IsEmpty)
        {
            throw new ArgumentException("a transaction needs a customer id", nameof(customerId));
        }

        Lines++;
        if (date > CalibrationEnd)
        {
            LinesAfterCalibration++;
            return;
        }

        if (amount < 0)
        {
            CancellationLines++;
            return;
        }

        if (!_byId.TryGetValue(customerId, out var byDay))
        {
            byDay = [];
            _byId[customerId] = byDay;
        }

        byDay[date] = byDay.GetValueOrDefault(date) + amount;
    }

    /// <summary>The summaries, ordered by customer id (ordinal).</summary>
    /// <returns>One history per customer with a purchase in the calibration period.</returns>
    public IReadOnlyList<CustomerHistory> Histories()
    {
        double daysPerUnit = (int)Unit;
        return _days
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
                        Period.Between(first, last, PeriodUnits.Days).Days / daysPerUnit,
                        Period.Between(first, CalibrationEnd, PeriodUnits.Days).Days / daysPerUnit),
                    repeats == 0 ? 0 : repeatValue / repeats);
            })
            .ToList();
    }
}

/// <summary>The summaries of a whole log at once (see <see cref="PurchaseHistoryTally"/>).</summary>
internal static class PurchaseHistory
{
    public static IReadOnlyList<CustomerHistory> Summarise(IEnumerable<Transaction> transactions, LocalDate calibrationEnd, ModelTimeUnit unit = ModelTimeUnit.Weeks)
    {
        var tally = new PurchaseHistoryTally(calibrationEnd, unit);
        foreach (var t in transactions)
        {
            tally.Add(t);
        }

        return tally.Histories();
    }
}
