using System.Buffers;
using System.Runtime.CompilerServices;
using static Crm.Rules.Churn.ChurnPortfolio;

namespace Crm.Rules.Churn;

// Batch scoring of a ChurnPortfolio: the detectors of Score(in ChurnFacts, ref Cutoffs), one for one, on a row that holds
// the facts as integers. The property tests score random facts both ways and compare the outcomes.
public sealed partial class ChurnRules
{
    private readonly Millionths _millionths;

    // [0] without logins, [1] with them (Flags.LoginBased is 1).
    private readonly int[] _noUseDays;

    /// <summary>
    /// Scores a portfolio without allocating: the same outcomes as <see cref="Score(in ChurnFacts)"/> for each customer,
    /// from rows a third the size of the facts and with integer comparisons instead of decimal ones.
    /// </summary>
    /// <param name="portfolio">The customers, laid out once.</param>
    /// <param name="outcomes">Receives one outcome per customer, in the portfolio's order.</param>
    /// <exception cref="ArgumentNullException"><paramref name="portfolio"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">There is not one outcome per customer, or (as from <see cref="Score(in ChurnFacts)"/>) a customer's last use is in another calendar than its as-of date.</exception>
    public void ScoreBatch(ChurnPortfolio portfolio, Span<ChurnOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        if (portfolio.Count != outcomes.Length)
        {
            throw new ArgumentException($"Expected {portfolio.Count} outcomes, one per customer, but got {outcomes.Length}.", nameof(outcomes));
        }

        // Each grade the portfolio names is looked up once per batch, not once per customer; [0] is "no grade".
        var grades = portfolio.Grades;
        var rented = grades.Count < 256 ? null : ArrayPool<int>.Shared.Rent(grades.Count + 1);
        var values = rented is null ? stackalloc int[256] : rented.AsSpan();
        values[0] = _ungradedValue;
        for (var g = 0; g < grades.Count; g++)
        {
            values[g + 1] = ValueScore(grades[g]);
        }

        try
        {
            var rows = portfolio.Rows;
            var cutoffs = default(Cutoffs);
            for (var i = 0; i < rows.Length; i++)
            {
                ref readonly var row = ref rows[i];
                if ((row.Facts & Flags.Whole) != 0)
                {
                    var facts = portfolio.Whole(i);
                    outcomes[i] = Score(in facts, ref cutoffs);
                    continue;
                }

                // Row scoring needs no cut-off dates, but computing them keeps Score's exceptions for dates at the ends
                // of the calendar; they change with the as-of date only.
                if (cutoffs.AsOf != row.AsOf || !cutoffs.IsSet)
                {
                    cutoffs = new Cutoffs(this, row.AsOf);
                }

                outcomes[i] = Score(in row, values);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }

    // The detectors of Score(in ChurnFacts, ref Cutoffs), in the same order. A fact that is not stated holds a value its
    // detector never fires on (ChurnPortfolio.Row), so no detector reads a presence bit. The amount detector evaluates all
    // its conditions (`&`, not `&&`): whether this month's amount is below last month's is a coin toss in a portfolio,
    // and a branch on it would be mispredicted half the time, while the whole detector rarely fires.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ChurnOutcome Score(in Row r, ReadOnlySpan<int> values)
    {
        int behaviour = 1, attitude = 1;
        uint fired = 0;
        void Fire(int d)
        {
            fired |= _bit[d];
            if (_attitude[d])
            {
                attitude += _points[d];
            }
            else
            {
                behaviour += _points[d];
            }
        }

        var facts = r.Facts;

        // lastUse <= asOf - days  ⇔  days since the last use >= days. Half the customers count logins: the threshold is
        // picked by indexing, not by a branch that would be a coin toss.
        if (_on[0] && r.DaysSinceUse >= _noUseDays[(int)(facts & Flags.LoginBased)])
        {
            Fire(0);
        }

        if (_on[1] && (r.AmountLastMonth > 0) & (r.AmountThisMonth < r.AmountLastMonth) & _millionths.AtMostKeptShare(r.AmountThisMonth, r.AmountLastMonth, _keptShare))
        {
            Fire(1);
        }

        if (_on[2] && (facts & Flags.CompetitorInquiry) != 0)
        {
            Fire(2);
        }

        if (_on[3] && (facts & (Flags.KeyContactLeft | Flags.KeyContactReplaced)) == Flags.KeyContactLeft)
        {
            Fire(3);
        }

        if (_on[4] && r.ContactsBefore > 0 && r.ContactsBefore > r.ContactsNow && _millionths.DroppedByFactor(r.ContactsBefore, r.ContactsNow, _threshold[4]))
        {
            Fire(4);
        }

        if (_on[5] && (facts & Flags.NegativeFeedback) != 0)
        {
            Fire(5);
        }

        if (_on[6] && (facts & Flags.RenewalRefused) != 0)
        {
            Fire(6);
        }

        if (_on[7] && r.UnresolvedComplaints >= _complaintsAtLeast)
        {
            Fire(7);
        }

        if (_on[8] && r.ProbabilityAlive != Row.NotStated && _millionths.Below(r.ProbabilityAlive))
        {
            Fire(8);
        }

        return Outcome(Math.Min(behaviour, 5), Math.Min(attitude, 5), values[r.Grade + 1], fired);
    }

    // The thresholds the decimal detectors multiply or compare with, in millionths. Validation keeps every threshold to
    // six decimal places within ±1,000,000, so each is a whole number of millionths. A factor of at most 1,000 in size
    // keeps the product of a row's number (below 2^63 millionths) within the 28 digits a decimal holds, so the decimal
    // product Score compares is exact and the integer comparison is the same comparison. A larger factor (a drop
    // threshold above 1,001, a contact factor above 1,000) could make that decimal product round: those compare the
    // row's numbers as decimals, as Score does.
    private readonly struct Millionths
    {
        private const long Factor = 1_000 * FixedPoint.One;

        private readonly long _keptShare;
        private readonly long _contactFactor;
        private readonly long _aliveBelow;
        private readonly bool _keptShareExact;
        private readonly bool _contactFactorExact;

        public Millionths(ChurnRules rules)
        {
            _keptShare = Scaled(rules._keptShare);
            _contactFactor = Scaled(rules._threshold[4]);
            _aliveBelow = Scaled(rules._threshold[8]);
            _keptShareExact = Math.Abs(_keptShare) <= Factor;
            _contactFactorExact = Math.Abs(_contactFactor) <= Factor;
        }

        // now <= last × keptShare
        public bool AtMostKeptShare(long now, long last, decimal keptShare) => _keptShareExact
            ? Product(now, FixedPoint.One) <= Product(last, _keptShare)
            : FixedPoint.FromScaled(now) <= FixedPoint.FromScaled(last) * keptShare;

        // before >= factor × now
        public bool DroppedByFactor(long before, long now, decimal factor) => _contactFactorExact
            ? Product(before, FixedPoint.One) >= Product(_contactFactor, now)
            : FixedPoint.FromScaled(before) >= factor * FixedPoint.FromScaled(now);

        // probability < threshold
        public bool Below(long probability) => probability < _aliveBelow;

        private static long Scaled(decimal threshold) => FixedPoint.TryToScaled(threshold, out var scaled)
            ? scaled
            : throw new InvalidOperationException($"{threshold} is not a whole number of millionths; validation lets none through");

        // One multiply instruction, where Int128's operator multiplies 128 by 128 bits.
        private static Int128 Product(long a, long b)
        {
            var high = Math.BigMul(a, b, out var low);
            return new Int128((ulong)high, (ulong)low);
        }
    }
}
