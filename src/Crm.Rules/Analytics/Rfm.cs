using NodaTime;

namespace Crm.Rules.Analytics;

/// <summary>One line of a transaction log: who bought, on which day, for how much (negative for a cancellation or refund).</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Date">The day of the transaction (the rules count whole days).</param>
/// <param name="Amount">The amount, exact; negative for a cancellation or refund.</param>
/// <threadsafety>This type is an immutable value type and is thread-safe.</threadsafety>
public readonly record struct Transaction(string CustomerId, LocalDate Date, decimal Amount)
{
    /// <summary>The invoice (order) the line belongs to, or <see langword="null"/> when every line is a purchase of its own.</summary>
    /// <remarks>With invoice ids, RFM frequency counts distinct invoices, not lines: an order of twelve items is one purchase.</remarks>
    public string? InvoiceId { get; init; }

    /// <summary>The line as <c>C-1 2026-11-24 120.50 (invoice 536365)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
        => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{CustomerId} {Date:uuuu-MM-dd} {Amount}{(InvoiceId is null ? "" : $" (invoice {InvoiceId})")}");
}

/// <summary>
/// A customer's RFM figures as of an analysis date (RFM-1): days since the last purchase, number of purchases, and
/// the money spent (exact decimal, cancellations subtracted unless configured otherwise).
/// </summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="RecencyDays">Days from the last purchase to the analysis date.</param>
/// <param name="Frequency">Purchases: distinct invoices, or lines when the log has no invoice ids.</param>
/// <param name="Monetary">The money spent.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record RfmFigures(string CustomerId, int RecencyDays, int Frequency, decimal Monetary)
{
    /// <summary>The figures as <c>C-1: 3 days, 5 purchases, 1200.50</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
        => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{CustomerId}: {RecencyDays} days, {Frequency} purchase{(Frequency == 1 ? "" : "s")}, {Monetary}");
}

/// <summary>How long a customer has bought and how its spend moved (see <see cref="RfmTally.Trends"/>).</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="TenureDays">Days from the first purchase to the analysis date.</param>
/// <param name="RecentSpend">Spend in the recent window (up to the analysis date).</param>
/// <param name="PreviousSpend">Spend in the window before it.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record CustomerTrend(string CustomerId, int TenureDays, decimal RecentSpend, decimal PreviousSpend)
{
    /// <summary>The growth of spend, recent ÷ previous − 1 (0.5 is +50 %), or <see langword="null"/> when there was no spend before (nothing to grow from) or the ratio is beyond a decimal's range.</summary>
    public decimal? Growth => PreviousSpend > 0 && Math.Abs(RecentSpend) / decimal.MaxValue < PreviousSpend / 2
        ? decimal.Round((RecentSpend / PreviousSpend) - 1, 6, MidpointRounding.AwayFromZero)
        : null;

    /// <summary>The trend as <c>C-1: 400 days, spend 300 after 200 (+50 %)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
        => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{CustomerId}: {TenureDays} days, spend {RecentSpend} after {PreviousSpend}{(Growth is { } g ? $" ({g * 100:+0.####;-0.####;0} %)" : "")}");
}

/// <summary>
/// Collects a transaction log one line at a time into per-customer RFM figures (RFM-1); memory grows with customers
/// (and their invoices), not with lines. A purchase is a line with an amount of zero or more (a free item is still a
/// purchase); lines after the analysis date are not counted, and are counted as such.
/// </summary>
/// <threadsafety>Not thread-safe: one tally per reader.</threadsafety>
public sealed class RfmTally
{
    private readonly Dictionary<string, Customer> _customers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Customer>.AlternateLookup<ReadOnlySpan<char>> _byId;
    private readonly CancellationHandling _cancellations;
    private readonly MissingCustomerIdHandling _missingIds;

    /// <summary>Starts an empty tally.</summary>
    /// <param name="analysisDate">The date the figures are as of.</param>
    /// <param name="cancellations">What a negative amount does.</param>
    /// <param name="missingIds">What a line without a customer id does.</param>
    /// <param name="growthWindowDays">The length of the two windows <see cref="Trends"/> compares spend over: the last days up to the analysis date, and as many before.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cancellations"/> or <paramref name="missingIds"/> is not a defined value, or the window is not 1 to 36,500 days.</exception>
    public RfmTally(LocalDate analysisDate, CancellationHandling cancellations = CancellationHandling.Subtract, MissingCustomerIdHandling missingIds = MissingCustomerIdHandling.Reject, int growthWindowDays = 182)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(growthWindowDays, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(growthWindowDays, 36_500);
        if (!Enum.IsDefined(cancellations))
        {
            throw new ArgumentOutOfRangeException(nameof(cancellations), cancellations, "not a cancellation handling");
        }

        if (!Enum.IsDefined(missingIds))
        {
            throw new ArgumentOutOfRangeException(nameof(missingIds), missingIds, "not a missing-id handling");
        }

        AnalysisDate = analysisDate;
        _cancellations = cancellations;
        _missingIds = missingIds;
        _byId = _customers.GetAlternateLookup<ReadOnlySpan<char>>();
        _recentFrom = analysisDate.PlusDays(1 - growthWindowDays);
        _previousFrom = analysisDate.PlusDays(1 - (2 * growthWindowDays));
        GrowthWindowDays = growthWindowDays;
    }

    // The first day of the recent window and of the window before it (both end-inclusive at the next one's start).
    private readonly LocalDate _recentFrom;
    private readonly LocalDate _previousFrom;

    /// <summary>The length in days of each of the two windows whose spend <see cref="Trends"/> compares.</summary>
    public int GrowthWindowDays { get; }

    /// <summary>What a line without a customer id does.</summary>
    public MissingCustomerIdHandling MissingCustomerIds => _missingIds;

    /// <summary>Lines without a customer id, counted and left out (<see cref="MissingCustomerIdHandling.Count"/>).</summary>
    public long LinesWithoutCustomer { get; private set; }

    /// <summary>The date the figures are as of.</summary>
    public LocalDate AnalysisDate { get; }

    /// <summary>Lines added.</summary>
    public long Lines { get; private set; }

    /// <summary>Lines dated after <see cref="AnalysisDate"/>, left out of every figure.</summary>
    public long LinesAfterAnalysisDate { get; private set; }

    /// <summary>Lines with a negative amount (cancellations, refunds), whether subtracted or ignored.</summary>
    public long CancellationLines { get; private set; }

    /// <summary>Adds one line.</summary>
    /// <param name="transaction">The line.</param>
    /// <exception cref="ArgumentException">The line has no customer id and such lines are rejected.</exception>
    public void Add(in Transaction transaction)
        => Add(transaction.CustomerId, transaction.Date, transaction.Amount, transaction.InvoiceId);

    /// <summary>
    /// Adds one line given as its parts, without making a string for a customer or an invoice already seen: a reader
    /// can pass the text of its buffer. An empty invoice id means none (the line is a purchase of its own).
    /// </summary>
    /// <param name="customerId">The customer; empty for none.</param>
    /// <param name="date">The day of the line.</param>
    /// <param name="amount">The amount; negative for a cancellation or refund.</param>
    /// <param name="invoiceId">The invoice, or empty.</param>
    /// <exception cref="ArgumentException">The line has no customer id and such lines are rejected.</exception>
    public void Add(ReadOnlySpan<char> customerId, LocalDate date, decimal amount, ReadOnlySpan<char> invoiceId = default)
    {
        if (customerId.IsEmpty)
        {
            if (_missingIds == MissingCustomerIdHandling.Reject)
            {
                throw new ArgumentException("a transaction needs a customer id", nameof(customerId));
            }

            Lines++;
            LinesWithoutCustomer++;
            return;
        }

        Lines++;
        if (date > AnalysisDate)
        {
            LinesAfterAnalysisDate++;
            return;
        }

        // A customer is known from any line, a refund too, so that one with only cancellations is listed, never lost.
        if (!_byId.TryGetValue(customerId, out var c))
        {
            c = new Customer();
            _byId[customerId] = c;
        }

        var refund = amount < 0;
        if (refund)
        {
            CancellationLines++;
            if (_cancellations == CancellationHandling.Ignore)
            {
                return;
            }
        }

        c.Money += amount;
        if (date >= _recentFrom)
        {
            c.Recent += amount;
        }
        else if (date >= _previousFrom)
        {
            c.Previous += amount;
        }

        if (refund)
        {
            return;
        }

        if (c.Purchases == 0 || date > c.Last)
        {
            c.Last = date;
        }

        if (c.Purchases == 0 || date < c.First)
        {
            c.First = date;
        }

        if (invoiceId.IsEmpty)
        {
            c.Purchases++;
        }
        else if (c.AddInvoice(invoiceId))
        {
            c.Purchases++;
        }
    }

    /// <summary>The customers with a purchase, ordered by id (ordinal).</summary>
    /// <returns>Their figures.</returns>
    public IReadOnlyList<RfmFigures> Figures()
        => Purchasers()
            .Select(c => new RfmFigures(c.Key, Period.Between(c.Value.Last, AnalysisDate, PeriodUnits.Days).Days, c.Value.Purchases, c.Value.Money))
            .ToList();

    /// <summary>
    /// The customers of <see cref="Figures"/>, in the same order, with how long they have bought and how their spend
    /// moved: the days since the first purchase, and the spend (refunds subtracted as the tally does) in the last
    /// <see cref="GrowthWindowDays"/> up to the analysis date and in as many days before (GRADE-7's "growth").
    /// </summary>
    /// <returns>One trend per customer with a purchase.</returns>
    public IReadOnlyList<CustomerTrend> Trends()
        => Purchasers()
            .Select(c => new CustomerTrend(c.Key, Period.Between(c.Value.First, AnalysisDate, PeriodUnits.Days).Days, c.Value.Recent, c.Value.Previous))
            .ToList();

    /// <summary>Customers with only cancellations up to the analysis date: no purchase to be recent from, so no figures; listed, never dropped silently.</summary>
    /// <returns>Their ids, ordered (ordinal).</returns>
    public IReadOnlyList<string> CustomersWithoutPurchase()
        => _customers.Where(c => c.Value.Purchases == 0).Select(c => c.Key).Order(StringComparer.Ordinal).ToList();

    // The customers with a purchase, in the one order every list of the tally follows.
    private IOrderedEnumerable<KeyValuePair<string, Customer>> Purchasers()
        => _customers.Where(c => c.Value.Purchases > 0).OrderBy(c => c.Key, StringComparer.Ordinal);

    private sealed class Customer
    {
        public LocalDate Last;
        public LocalDate First;
        public int Purchases;
        public decimal Money;
        public decimal Recent;
        public decimal Previous;

        // Most lines of an order follow each other: the last invoice is checked before the set, which is only made for
        // a customer's second invoice.
        private string? _lastInvoice;
        private HashSet<string>? _invoices;

        public bool AddInvoice(ReadOnlySpan<char> invoice)
        {
            if (_lastInvoice is null)
            {
                _lastInvoice = invoice.ToString();
                return true;
            }

            if (invoice.SequenceEqual(_lastInvoice))
            {
                return false;
            }

            if (_invoices is null)
            {
                _invoices = new HashSet<string>(StringComparer.Ordinal) { _lastInvoice };
            }

            var lookup = _invoices.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.Contains(invoice))
            {
                return false;
            }

            _lastInvoice = invoice.ToString();
            _invoices.Add(_lastInvoice);
            return true;
        }
    }
}

/// <summary>RFM-1 quantile scores and the tie rule shared with the VIP tiers.</summary>
internal static class Rfm
{
    /// <summary>Per-customer figures, ordered by customer id (see <see cref="RfmTally"/>).</summary>
    public static IReadOnlyList<RfmFigures> Summarise(IEnumerable<Transaction> transactions, LocalDate analysisDate, CancellationHandling cancellations)
    {
        var tally = new RfmTally(analysisDate, cancellations);
        foreach (var t in transactions)
        {
            tally.Add(t);
        }

        return tally.Figures();
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
    public static RfmScores[] Scores(IReadOnlyList<RfmFigures> customers, int bins = 5)
    {
        var r = QuantileScores(customers, (a, b) => b.RecencyDays.CompareTo(a.RecencyDays), bins);
        var f = QuantileScores(customers, (a, b) => a.Frequency.CompareTo(b.Frequency), bins);
        var m = QuantileScores(customers, (a, b) => a.Monetary.CompareTo(b.Monetary), bins);
        return [.. customers.Select((_, i) => new RfmScores(r[i], f[i], m[i]))];
    }
}
