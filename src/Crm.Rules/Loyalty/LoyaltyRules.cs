using System.Collections.Frozen;
using System.Globalization;
using System.Numerics;
using NodaTime;
using NodaTime.Text;

namespace Crm.Rules.Loyalty;

/// <summary>
/// The compiled loyalty rules (LOY-1): earning rules, rounding, tiers with their thresholds, multipliers and privileges,
/// the qualification window, reviews, the downgrade rule and points expiry. A statement replays a member's history
/// day by day under these rules, so the same history, date and rules always give the same statement.
/// </summary>
/// <remarks>
/// <para>
/// Each day of the history is taken in this order: points whose time is up expire; a review (on the first day of a
/// review month) judges the window that ended the day before; the day's purchases and fixed awards earn at the tier held
/// as the day begins; refunds take points back (oldest points first, never below 0); redemptions spend points (oldest
/// first); then an upgrade takes effect the same day when the window ending that day reaches a higher tier. Within a
/// day, the order of the activities does not matter.
/// </para>
/// <para>Arithmetic is exact: amounts are decimals of at most 6 places, points are whole numbers (<see cref="long"/>), and a
/// purchase's points are an exact integer product rounded once, as <c>loyalty.rounding</c> says.</para>
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class LoyaltyRules
{
    private static readonly Int128 AmountScale = FixedPoint.One;

    private readonly LoyaltyTier[] _tiers;
    private readonly FrozenDictionary<string, LoyaltyTier> _byName;
    private readonly string _tierNames;

    // Fixed awards by kind (referral, review, suggestionAdopted), and whether a kind has a rule at all.
    private readonly long[] _award = new long[4];
    private readonly bool[] _earns = new bool[4];
    private readonly string _purchaseRate;

    // The points of a purchase of amount a (in millionths, A) at tier level l, in or out of the birthday month:
    // A × Numerator / Denominator, reduced once here, rounded once per purchase.
    private readonly (Int128 Numerator, Int128 Denominator)[] _rates;
    private readonly PointsRounding _rounding;
    private readonly bool[] _reviewMonth = new bool[13];
    private readonly int[] _reviewMonths;

    internal LoyaltyRules(LoyaltyOptions options, string fingerprint)
    {
        Fingerprint = fingerprint;
        _tiers = options.Tiers
            .OrderBy(t => t.Value.MinimumQualifying)
            .Select((t, level) => new LoyaltyTier(level, t.Key, t.Value.MinimumQualifying, FixedPoint.Normalize(t.Value.EarningMultiplier), FixedPoint.Normalize(t.Value.BirthdayMonthMultiplier), t.Value.Privileges.ToArray()))
            .ToArray();
        _byName = _tiers.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);
        _tierNames = string.Join(", ", _tiers.Select(t => t.Name));

        for (var kind = 1; kind < _award.Length; kind++)
        {
            if (options.Earning.TryGetValue(LoyaltyWords.Of((LoyaltyActivityKind)kind), out var award))
            {
                (_earns[kind], _award[kind]) = (true, (long)award.Points);
            }
        }

        var purchase = options.Earning.GetValueOrDefault("purchase");
        _earns[0] = purchase is not null;
        var points = purchase is null ? 0L : FixedPoint.ToScaled(purchase.Points);
        var per = purchase?.PerAmount is { } amount ? FixedPoint.ToScaled(amount) : FixedPoint.One;
        _purchaseRate = purchase is null ? "" : $"{FixedPoint.Format(purchase.Points)} point{(purchase.Points == 1m ? "" : "s")} per {FixedPoint.Format(purchase.PerAmount ?? 1m)}";
        _rates = new (Int128, Int128)[_tiers.Length * 2];
        for (var level = 0; level < _tiers.Length; level++)
        {
            var tier = FixedPoint.ToScaled(_tiers[level].EarningMultiplier);
            var birthday = FixedPoint.ToScaled(_tiers[level].BirthdayMonthMultiplier);
            _rates[level * 2] = Reduced((Int128)points * tier, (Int128)per * AmountScale * FixedPoint.One);
            _rates[(level * 2) + 1] = Reduced((Int128)points * tier * birthday, (Int128)per * AmountScale * FixedPoint.One * FixedPoint.One);
        }

        _rounding = options.Rounding;
        QualifyBy = options.QualifyBy;
        QualificationWindow = options.QualificationWindow;
        PointsExpireAfter = options.PointsExpireAfter;
        Downgrade = options.Downgrade;
        foreach (var month in options.ReviewMonths)
        {
            _reviewMonth[month] = true;
        }

        _reviewMonths = Enumerable.Range(1, 12).Where(m => _reviewMonth[m]).ToArray();
    }

    /// <summary>The fingerprint of the rule set these rules belong to.</summary>
    public string Fingerprint { get; }

    /// <summary>The tiers, lowest first (<see cref="LoyaltyTier.Level"/> is the index).</summary>
    public IReadOnlyList<LoyaltyTier> Tiers => _tiers;

    /// <summary>What members qualify for a tier with.</summary>
    public LoyaltyQualification QualifyBy { get; }

    /// <summary>The rolling window of the qualifying amount.</summary>
    public Period QualificationWindow { get; }

    /// <summary>How long earned points stay usable, or <see langword="null"/> for ever.</summary>
    public Period? PointsExpireAfter { get; }

    /// <summary>The months (1–12) on whose first day tiers are reviewed, in calendar order; empty for no reviews.</summary>
    public IReadOnlyList<int> ReviewMonths => _reviewMonths;

    /// <summary>How far a review moves a member down.</summary>
    public TierDowngrade Downgrade { get; }

    /// <summary>The tier of a name (exact, case-sensitive).</summary>
    /// <param name="name">The name, e.g. <c>gold</c>.</param>
    /// <returns>The tier, or <see langword="null"/> when no tier has that name.</returns>
    public LoyaltyTier? FindTier(string name) => name is null ? null : _byName.GetValueOrDefault(name);

    /// <summary>The first review day after a date.</summary>
    /// <param name="date">The date.</param>
    /// <returns>The first day of the next review month after <paramref name="date"/>, or <see langword="null"/> without reviews.</returns>
    public LocalDate? NextReviewAfter(LocalDate date)
    {
        if (_reviewMonths.Length == 0)
        {
            return null;
        }

        var first = new LocalDate(date.Year, date.Month, 1);
        for (var months = 1; ; months++)
        {
            var candidate = first.PlusMonths(months);
            if (_reviewMonth[candidate.Month])
            {
                return candidate;
            }
        }
    }

    /// <summary>One member's statement as of a date: balance, qualifying amount, tier and what changed (LOY-1).</summary>
    /// <param name="activities">The member's activities, in any order; those after <paramref name="asOf"/> are left out (and counted).</param>
    /// <param name="asOf">The date of the statement ("today", given by the caller).</param>
    /// <param name="currentTier">The tier the host has on record for the member (from its last statement), or <see langword="null"/> for a member without one: <see cref="LoyaltyStatement.Change"/> compares with it.</param>
    /// <param name="birthday">The member's birthday: purchases in its month earn the tier's birthday multiplier; <see langword="null"/> when unknown.</param>
    /// <returns>The statement.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="activities"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The activities are of more than one member, or one is <c>default</c>.</exception>
    /// <exception cref="CrmInputException"><paramref name="currentTier"/> is not a tier, a redemption spends more than the balance of its day, or a date lies outside <see cref="EarliestDate"/> … <see cref="LatestDate"/>.</exception>
    /// <exception cref="OverflowException">The points exceed what a <see cref="long"/> holds.</exception>
    public LoyaltyStatement Evaluate(IEnumerable<LoyaltyActivity> activities, LocalDate asOf, string? currentTier = null, AnnualDate? birthday = null)
        => Replay(activities, asOf, currentTier, birthday, null);

    /// <summary>
    /// The statement with its reasons: which activity earned or took what (with the multipliers), what expired, and why
    /// the tier is what it is. Built only when asked for; its statement equals <see cref="Evaluate"/>'s.
    /// </summary>
    /// <param name="activities">The member's activities, in any order.</param>
    /// <param name="asOf">The date of the statement.</param>
    /// <param name="currentTier">The tier on record, or <see langword="null"/>.</param>
    /// <param name="birthday">The member's birthday, or <see langword="null"/>.</param>
    /// <returns>The explanation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="activities"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The activities are of more than one member, or one is <c>default</c>.</exception>
    /// <exception cref="CrmInputException"><paramref name="currentTier"/> is not a tier, a redemption spends more than the balance of its day, or a date lies outside <see cref="EarliestDate"/> … <see cref="LatestDate"/>.</exception>
    /// <exception cref="OverflowException">The points exceed what a <see cref="long"/> holds.</exception>
    public LoyaltyExplanation Explain(IEnumerable<LoyaltyActivity> activities, LocalDate asOf, string? currentTier = null, AnnualDate? birthday = null)
    {
        var journal = new Journal();
        var statement = Replay(activities, asOf, currentTier, birthday, journal);
        return new LoyaltyExplanation(statement, journal.Events, journal.Lines);
    }

    /// <summary>The first date a statement supports.</summary>
    public static LocalDate EarliestDate { get; } = new(1, 1, 1);

    /// <summary>The last date a statement supports: expiry, reviews and windows reach up to 100 years on (the configuration's bounds), which must stay within NodaTime's calendar.</summary>
    public static LocalDate LatestDate { get; } = new(9899, 12, 31);

    private static bool IsSupported(LocalDate date) => date.Calendar == CalendarSystem.Iso && date >= EarliestDate && date <= LatestDate;

    private LoyaltyStatement Replay(IEnumerable<LoyaltyActivity> activities, LocalDate asOf, string? currentTier, AnnualDate? birthday, Journal? journal)
    {
        ArgumentNullException.ThrowIfNull(activities);
        if (!IsSupported(asOf))
        {
            throw new CrmInputException("asOf", $"{Date(asOf)} is not an ISO date within {Date(EarliestDate)} … {Date(LatestDate)}");
        }

        string? member = null;
        var later = 0;
        var history = new List<LoyaltyActivity>();
        foreach (var activity in activities)
        {
            if (activity.MemberId is null)
            {
                throw new ArgumentException("an activity has no member: default(LoyaltyActivity) is not an activity", nameof(activities));
            }

            member ??= activity.MemberId;
            if (!string.Equals(member, activity.MemberId, StringComparison.Ordinal))
            {
                throw new ArgumentException($"the activities are of two members, '{member}' and '{activity.MemberId}': a statement is of one member", nameof(activities));
            }

            if (!IsSupported(activity.Date))
            {
                throw new CrmInputException(member, "date", $"{Date(activity.Date)} is not an ISO date within {Date(EarliestDate)} … {Date(LatestDate)}");
            }

            if (activity.Date > asOf)
            {
                later++;
            }
            else
            {
                history.Add(activity);
            }
        }

        LoyaltyTier? previous = null;
        if (currentTier is not null && (previous = FindTier(currentTier)) is null)
        {
            throw new CrmInputException(member, "tier", $"'{currentTier}' is not a tier (tiers: {_tierNames})");
        }

        // A total order: the same activities in any order replay alike, and explain alike line by line.
        history.Sort(static (a, b) => a.Date != b.Date ? a.Date.CompareTo(b.Date) : a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind) : a.Amount.CompareTo(b.Amount));
        var state = new State(this, member, birthday, journal);
        for (var i = 0; i < history.Count;)
        {
            var day = history[i].Date;
            var end = i;
            while (end < history.Count && history[end].Date == day)
            {
                end++;
            }

            state.AdvanceTo(day);
            state.Day(history, i, end);
            i = end;
        }

        state.AdvanceTo(asOf);
        return state.Statement(asOf, previous, later);
    }

    private int QualifiedLevel(decimal qualifying)
    {
        var level = 0;
        while (level + 1 < _tiers.Length && _tiers[level + 1].MinimumQualifying <= qualifying)
        {
            level++;
        }

        return level;
    }

    // The points of a purchase (a refund: of its amount's magnitude), rounded as configured.
    private long PurchasePoints(decimal amount, int level, bool birthdayMonth)
    {
        var (numerator, denominator) = _rates[(level * 2) + (birthdayMonth ? 1 : 0)];
        var scaled = (Int128)FixedPoint.ToScaled(Math.Abs(amount));
        Int128 quotient, remainder;
        if (numerator == 0 || scaled <= Int128.MaxValue / numerator)
        {
            (quotient, remainder) = Int128.DivRem(scaled * numerator, denominator);
        }
        else
        {
            // Only rates far beyond any real programme's (millions of points per unit at ×100) need more than 128 bits.
            var q = BigInteger.DivRem((BigInteger)scaled * (BigInteger)numerator, (BigInteger)denominator, out var r);
            (quotient, remainder) = ((Int128)q, (Int128)r);
        }

        var up = _rounding switch
        {
            PointsRounding.Up => remainder > 0,
            PointsRounding.HalfUp => remainder * 2 >= denominator,
            _ => false,
        };
        return checked((long)(up ? quotient + 1 : quotient));
    }

    private static (Int128, Int128) Reduced(Int128 numerator, Int128 denominator)
    {
        var (a, b) = (numerator, denominator);
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a == 0 ? (0, 1) : (numerator / a, denominator / a);
    }

    private static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);

    private static string Number(decimal value) => FixedPoint.Format(value);

    /// <summary>The explanation being written, when one was asked for.</summary>
    private sealed class Journal
    {
        public List<string> Lines { get; } = [];

        public List<TierEvent> Events { get; } = [];
    }

    /// <summary>Points earned on one day, and what is left of them.</summary>
    private sealed class Lot(LocalDate earned, long points, LocalDate? expires)
    {
        public LocalDate Earned { get; } = earned;

        public LocalDate? Expires { get; } = expires;

        public long Left { get; set; } = points;
    }

    /// <summary>A member's replay: the tier held, the points lots, the qualifying window, and the running totals.</summary>
    private sealed class State(LoyaltyRules rules, string? member, AnnualDate? birthday, Journal? journal)
    {
        private readonly Queue<Lot> _lots = new();
        private readonly Queue<(LocalDate Day, decimal Amount)> _window = new();

        // The days a day of net refunds leaves the window: the qualifying amount rises then without an activity.
        private readonly Queue<LocalDate> _rises = new();
        private decimal _windowSum;
        private int _level = -1;
        private LocalDate? _nextReview;
        private long _balance;
        private long _earned;
        private long _takenBack;
        private long _notRecovered;
        private long _redeemed;
        private long _expired;

        private string Qualifying => rules.QualifyBy == LoyaltyQualification.Spend ? "qualifying spend" : "qualifying points";

        /// <summary>
        /// Takes every day up to and including <paramref name="day"/> as it begins, in date order: points expire, a
        /// review judges the window that ended the day before, and a refund leaving the window may let it reach a tier.
        /// </summary>
        public void AdvanceTo(LocalDate day)
        {
            if (_level < 0)
            {
                Join(day);
                return;
            }

            while (true)
            {
                var expiry = _lots.Count > 0 ? _lots.Peek().Expires : null;
                LocalDate? rise = _rises.Count > 0 ? _rises.Peek() : null;
                if (expiry is { } e && e <= day && !(_nextReview < e) && !(rise < e))
                {
                    Expire(e);
                }
                else if (_nextReview is { } review && review <= day && !(rise < review))
                {
                    Review(review);
                    _nextReview = rules.NextReviewAfter(review);
                }
                else if (rise is { } x && x <= day)
                {
                    _rises.Dequeue();
                    Rise(x);
                }
                else
                {
                    return;
                }
            }
        }

        /// <summary>The activities <c>[start, end)</c> of <paramref name="history"/>, all of one day.</summary>
        public void Day(List<LoyaltyActivity> history, int start, int end)
        {
            var day = history[start].Date;
            var birthdayMonth = birthday is { } b && b.Month == day.Month;
            var credited = 0L;
            var spend = 0m;
            var refunded = 0L;
            for (var i = start; i < end; i++)
            {
                var a = history[i];
                if (a.Kind == LoyaltyActivityKind.Purchase)
                {
                    spend += a.Amount;
                    if (a.Amount < 0)
                    {
                        continue;
                    }

                    var points = rules._earns[0] ? rules.PurchasePoints(a.Amount, _level, birthdayMonth) : 0L;
                    credited = checked(credited + points);
                    if (journal is not null)
                    {
                        Line($"{Date(day)} purchase {Number(a.Amount)} earns {Earning(a.Amount, points, birthdayMonth)}; balance {_balance + credited}");
                    }
                }
                else if (a.Kind != LoyaltyActivityKind.Redemption)
                {
                    var kind = LoyaltyWords.Of(a.Kind);
                    var award = rules._award[(int)a.Kind];
                    credited = checked(credited + award);
                    if (journal is not null)
                    {
                        Line(rules._earns[(int)a.Kind]
                            ? $"{Date(day)} {kind} earns {award} points (a fixed award); balance {_balance + credited}"
                            : $"{Date(day)} {kind} earns nothing: loyalty.earning has no rule for {kind}; balance {_balance + credited}");
                    }
                }
            }

            if (credited > 0)
            {
                _lots.Enqueue(new Lot(day, credited, rules.PointsExpireAfter is { } after ? day.Plus(after) : null));
                _balance = checked(_balance + credited);
                _earned = checked(_earned + credited);
            }

            // The day's activities are sorted by kind, then amount: its refunds come first.
            for (var i = start; i < end && history[i].IsRefund; i++)
            {
                var a = history[i];
                var points = rules._earns[0] ? rules.PurchasePoints(a.Amount, _level, birthdayMonth) : 0L;
                refunded = checked(refunded + points);
                var back = Math.Min(points, _balance);
                Spend(back);
                _takenBack = checked(_takenBack + back);
                _notRecovered = checked(_notRecovered + (points - back));
                if (journal is not null)
                {
                    Line($"{Date(day)} refund {Number(-a.Amount)} takes back {Earning(a.Amount, points, birthdayMonth)}{(back < points ? $"; only {back} left: {points - back} not recovered" : "")}; balance {_balance}");
                }
            }

            for (var i = start; i < end; i++)
            {
                var a = history[i];
                if (a.Kind != LoyaltyActivityKind.Redemption)
                {
                    continue;
                }

                var points = (long)a.Amount;
                if (points > _balance)
                {
                    throw new CrmInputException(member, "amount", $"the redemption of {points} points on {Date(day)} exceeds the balance of {_balance} that day");
                }

                Spend(points);
                _redeemed += points;
                if (journal is not null)
                {
                    Line($"{Date(day)} redemption spends {points} points; balance {_balance}");
                }
            }

            // Refunds lower the qualifying amount by what they took back in full, whatever the balance could cover.
            var contribution = rules.QualifyBy == LoyaltyQualification.Spend ? spend : credited - refunded;
            if (contribution != 0)
            {
                _window.Enqueue((day, contribution));
                _windowSum += contribution;
                if (contribution < 0)
                {
                    _rises.Enqueue(LeavesWindow(day));
                }
            }

            var qualifying = QualifyingOn(day);
            var qualified = rules.QualifiedLevel(qualifying);
            if (qualified > _level)
            {
                var from = rules._tiers[_level];
                _level = qualified;
                if (journal is not null)
                {
                    Record(day, TierChange.Upgraded, from, qualifying, $"{Window(qualifying, day)} reaches {Threshold(rules._tiers[qualified])}");
                }
            }
        }

        public LoyaltyStatement Statement(LocalDate asOf, LoyaltyTier? previous, int later)
        {
            var qualifying = QualifyingOn(asOf);
            var tier = rules._tiers[_level];
            var qualified = rules._tiers[rules.QualifiedLevel(qualifying)];
            var next = _level + 1 < rules._tiers.Length ? rules._tiers[_level + 1] : null;
            var change = previous is null ? TierChange.Joined
                : previous.Level < _level ? TierChange.Upgraded
                : previous.Level > _level ? TierChange.Downgraded
                : TierChange.Kept;
            var nextExpiry = _lots.Count > 0 ? _lots.Peek().Expires : null;
            var expiring = nextExpiry is { } x ? _lots.TakeWhile(l => l.Expires == x).Sum(l => l.Left) : 0L;
            var statement = new LoyaltyStatement(rules.Fingerprint)
            {
                MemberId = member,
                AsOf = asOf,
                Balance = _balance,
                Earned = _earned,
                TakenBack = _takenBack,
                NotRecovered = _notRecovered,
                Redeemed = _redeemed,
                Expired = _expired,
                QualifyBy = rules.QualifyBy,
                Qualifying = FixedPoint.Normalize(qualifying),
                WindowStart = WindowStart(asOf),
                QualifiedTier = qualified,
                Tier = tier,
                PreviousTier = previous,
                Change = change,
                NextTier = next,
                ToNextTier = next is null ? null : FixedPoint.Normalize(Math.Max(0m, next.MinimumQualifying - qualifying)),
                NextReview = rules.NextReviewAfter(asOf),
                NextExpiry = nextExpiry,
                ExpiringPoints = expiring,
                ActivitiesAfterAsOf = later,
            };
            if (journal is not null)
            {
                Summarise(statement, journal.Lines);
            }

            return statement;
        }

        private void Summarise(LoyaltyStatement s, List<string> lines)
        {
            var on = Date(s.AsOf);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"as of {on}: balance {s.Balance} points (earned {s.Earned}, taken back {s.TakenBack}, redeemed {s.Redeemed}, expired {s.Expired})"));
            lines.Add($"{Qualifying} {Number(s.Qualifying)} from {Date(s.WindowStart)} to {on} reaches {Threshold(s.QualifiedTier)}");
            var kept = s.Tier.Level > s.QualifiedTier.Level
                ? s.NextReview is { } review
                    ? $", kept until the review on {Date(review)} (it qualifies for {s.QualifiedTier.Name})"
                    : $", kept: there are no reviews (it qualifies for {s.QualifiedTier.Name})"
                : "";
            lines.Add($"tier {s.Tier.Name}{kept}; privileges: {(s.Privileges.Count == 0 ? "none" : string.Join(", ", s.Privileges))}");
            lines.Add(s.NextTier is { } next ? $"next tier {Threshold(next)}: {Number(s.ToNextTier!.Value)} more {Qualifying} in the window" : "the top tier");
            lines.Add(s.PreviousTier is { } previous ? $"tier on record {previous.Name}: {LoyaltyWords.Of(s.Change)}" : "no tier on record: joined");
            if (s.NextExpiry is { } expiry)
            {
                lines.Add($"{s.ExpiringPoints} points expire on {Date(expiry)} unless spent first");
            }

            if (s.ActivitiesAfterAsOf > 0)
            {
                lines.Add($"{s.ActivitiesAfterAsOf} activit{(s.ActivitiesAfterAsOf == 1 ? "y" : "ies")} after {on} left out");
            }
        }

        private void Join(LocalDate day)
        {
            _level = 0;
            _nextReview = rules.NextReviewAfter(day);
            if (journal is not null)
            {
                Record(day, TierChange.Joined, null, 0m, $"every member holds the lowest tier, {Threshold(rules._tiers[0])}");
            }
        }

        private void Review(LocalDate day)
        {
            if (_level == 0)
            {
                return;
            }

            var judged = day.PlusDays(-1);
            var qualifying = QualifyingOn(judged);
            var qualified = rules.QualifiedLevel(qualifying);
            var held = rules._tiers[_level];
            if (qualified >= _level)
            {
                // Upgrades take effect the day the window reaches a tier, so a review never finds one to make.
                if (journal is not null)
                {
                    Record(day, TierChange.Kept, held, qualifying, $"review: {Window(qualifying, judged)} reaches {Threshold(held)}");
                }

                return;
            }

            _level = rules.Downgrade == TierDowngrade.OneTierPerReview ? _level - 1 : qualified;
            if (journal is not null)
            {
                var rule = rules.Downgrade == TierDowngrade.OneTierPerReview ? "one tier per review" : "to the qualified tier";
                Record(day, TierChange.Downgraded, held, qualifying, $"review: {Window(qualifying, judged)} reaches only {rules._tiers[qualified].Name}, below {Threshold(held)}; down {rule}");
            }
        }

        // Upgrades take effect the day the window reaches a tier, also when it does so because refunds left it.
        private void Rise(LocalDate day)
        {
            var qualifying = QualifyingOn(day);
            var qualified = rules.QualifiedLevel(qualifying);
            if (qualified <= _level)
            {
                return;
            }

            var from = rules._tiers[_level];
            _level = qualified;
            if (journal is not null)
            {
                Record(day, TierChange.Upgraded, from, qualifying, $"{Window(qualifying, day)} reaches {Threshold(rules._tiers[qualified])}, refunds having left the window");
            }
        }

        // The first day whose window starts after the given day. Month ends make date arithmetic inexact (31 March less
        // a month is 28 February), by 3 days at most: the search starts a few days early and steps forward.
        private LocalDate LeavesWindow(LocalDate day)
        {
            var leaves = day.Plus(rules.QualificationWindow).PlusDays(-4);
            while (WindowStart(leaves) <= day)
            {
                leaves = leaves.PlusDays(1);
            }

            return leaves;
        }

        private void Expire(LocalDate day)
        {
            while (_lots.Count > 0 && _lots.Peek().Expires == day)
            {
                var lot = _lots.Dequeue();
                if (lot.Left == 0)
                {
                    continue;
                }

                _balance -= lot.Left;
                _expired += lot.Left;
                if (journal is not null)
                {
                    Line($"{Date(day)} {lot.Left} points earned on {Date(lot.Earned)} expire (points expire after {PeriodPattern.Roundtrip.Format(rules.PointsExpireAfter!)}); balance {_balance}");
                }
            }
        }

        // Oldest points first: they expire first.
        private void Spend(long points)
        {
            _balance -= points;
            while (points > 0)
            {
                var lot = _lots.Peek();
                var take = Math.Min(points, lot.Left);
                lot.Left -= take;
                points -= take;
                if (lot.Left == 0)
                {
                    _lots.Dequeue();
                }
            }
        }

        private decimal QualifyingOn(LocalDate day)
        {
            var start = WindowStart(day);
            while (_window.Count > 0 && _window.Peek().Day < start)
            {
                _windowSum -= _window.Dequeue().Amount;
            }

            return Math.Max(0m, _windowSum);
        }

        private LocalDate WindowStart(LocalDate day) => day.Minus(rules.QualificationWindow).PlusDays(1);

        private string Earning(decimal amount, long points, bool birthdayMonth)
        {
            if (!rules._earns[0])
            {
                return "no points: loyalty.earning has no rule for purchase";
            }

            var tier = rules._tiers[_level];
            var birthdayFactor = birthdayMonth && tier.BirthdayMonthMultiplier != 1m ? $" × {Number(tier.BirthdayMonthMultiplier)} (birthday month)" : "";
            return $"{points} points: {Number(Math.Abs(amount))} × {rules._purchaseRate} × {Number(tier.EarningMultiplier)} ({tier.Name}){birthdayFactor}{Rounded(amount, points, birthdayMonth)}";
        }

        // Says how the points were rounded, when they were.
        private string Rounded(decimal amount, long points, bool birthdayMonth)
        {
            var (numerator, denominator) = rules._rates[(_level * 2) + (birthdayMonth ? 1 : 0)];
            var exact = (Int128)FixedPoint.ToScaled(Math.Abs(amount)) * numerator;
            if (exact % denominator == 0)
            {
                return "";
            }

            return rules._rounding switch
            {
                PointsRounding.Down => ", rounded down",
                PointsRounding.Up => ", rounded up",
                _ => ", rounded to the nearest point",
            };
        }

        private static string Threshold(LoyaltyTier tier) => string.Create(CultureInfo.InvariantCulture, $"{tier.Name} (from {tier.MinimumQualifying})");

        private string Window(decimal qualifying, LocalDate end) => $"{Qualifying} {Number(qualifying)} from {Date(WindowStart(end))} to {Date(end)}";

        private void Record(LocalDate day, TierChange change, LoyaltyTier? from, decimal qualifying, string reason)
        {
            var e = new TierEvent(day, change, from, rules._tiers[_level], qualifying, reason);
            journal!.Events.Add(e);
            journal.Lines.Add(e.ToString());
        }

        private void Line(string line) => journal!.Lines.Add(line);
    }
}
