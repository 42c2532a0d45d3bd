using NodaTime;

namespace Crm.Rules.Churn;

/// <summary>
/// Many customers' churn facts laid out for batch scoring (<see cref="ChurnRules.ScoreBatch(ChurnPortfolio, Span{ChurnOutcome})"/>):
/// one compact row per customer holding what scoring reads, about a third of a <see cref="ChurnFacts"/>, with numbers
/// as exact integers. Build it once and score it as often as needed — with each new rule set after a reload, or every
/// morning — with the same outcomes as <see cref="ChurnRules.Score(in ChurnFacts)"/> gives each customer.
/// </summary>
/// <remarks>
/// A row holds the as-of date, the days from the last use to it, the five numbers in millionths, the yes/no facts as bits,
/// the complaint count and the grade as a number into the portfolio's own list of grades. A customer whose numbers do not
/// fit (more than six decimal places, or beyond ±9,223,372,036,854) or whose last use is in another calendar than its
/// as-of date is kept whole and scored as <see cref="ChurnRules.Score(in ChurnFacts)"/> scores it. The last interaction
/// and the last purchase are not kept: scoring does not read them (the churn-risk tag does, through
/// <see cref="ChurnRules.HasChurnRiskTag(in ChurnFacts)"/>).
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe: score one portfolio from many threads at once.</threadsafety>
public sealed class ChurnPortfolio
{
    private readonly Row[] _rows;
    private readonly string[] _grades;
    private readonly Dictionary<int, ChurnFacts> _whole;

    /// <summary>Lays out the facts of many customers, in their order.</summary>
    /// <param name="facts">The customers' facts; copied, so later changes to the span do not show.</param>
    public ChurnPortfolio(ReadOnlySpan<ChurnFacts> facts)
    {
        _rows = new Row[facts.Length];
        _whole = [];
        var grades = new Dictionary<string, short>(StringComparer.Ordinal);
        for (var i = 0; i < facts.Length; i++)
        {
            ref readonly var f = ref facts[i];
            if (!Row.TryLayOut(in f, grades, out _rows[i]))
            {
                _rows[i] = Row.Whole(f.AsOf);
                _whole.Add(i, f);
            }
        }

        _grades = new string[grades.Count];
        foreach (var (grade, index) in grades)
        {
            _grades[index] = grade;
        }
    }

    /// <summary>The number of customers.</summary>
    public int Count => _rows.Length;

    // The grades the rows name, by their number (a row's grade is -1 when it has none).
    internal IReadOnlyList<string> Grades => _grades;

    internal ReadOnlySpan<Row> Rows => _rows;

    internal ChurnFacts Whole(int index) => _whole[index];

    /// <summary>
    /// What <see cref="ChurnRules.Score(in ChurnFacts)"/> reads of one customer, as integers: numbers in millionths, the last
    /// use as days before the as-of date. A missing fact is a value its detector never fires on (see each field), so a
    /// detector reads no presence bit.
    /// </summary>
    internal readonly struct Row
    {
        // Millionths of a number that is not stated: never below another number, so "now < before" never holds.
        public const long NotStated = long.MaxValue;

        // Days since a last use that is not stated: never at or above a threshold, which validation keeps at 0 or more.
        public const int NoUse = int.MinValue;

        public LocalDate AsOf { get; init; }

        // Period.DaysBetween(LastUse, AsOf), or NoUse.
        public int DaysSinceUse { get; init; }

        // Millionths; last month's amount and contacts before are 0 when not stated (their detectors need them above 0),
        // this month's amount, contacts now and P(alive) are NotStated.
        public long AmountThisMonth { get; init; }

        public long AmountLastMonth { get; init; }

        public long ContactsBefore { get; init; }

        public long ContactsNow { get; init; }

        public long ProbabilityAlive { get; init; }

        public int UnresolvedComplaints { get; init; }

        public Flags Facts { get; init; }

        // The grade's number in the portfolio's list, -1 for none.
        public short Grade { get; init; }

        public static Row Whole(LocalDate asOf) => new() { AsOf = asOf, Facts = Flags.Whole };

        public static bool TryLayOut(in ChurnFacts f, Dictionary<string, short> grades, out Row row)
        {
            row = default;
            var daysSinceUse = NoUse;
            if (f.LastUse is { } lastUse)
            {
                // Comparing dates of two calendars throws; the whole facts keep that for the scoring to report.
                if (lastUse.Calendar != f.AsOf.Calendar)
                {
                    return false;
                }

                daysSinceUse = Period.DaysBetween(lastUse, f.AsOf);
            }

            if (!Millionths(f.AmountThisMonth, NotStated, out var amountNow) || !Millionths(f.AmountLastMonth, 0, out var amountBefore)
                || !Millionths(f.ContactsPerMonthNow, NotStated, out var contactsNow) || !Millionths(f.ContactsPerMonthBefore, 0, out var contactsBefore)
                || !Millionths(f.ProbabilityAlive, NotStated, out var pAlive))
            {
                return false;
            }

            short grade = -1;
            if (f.ValueGrade is { } name && !grades.TryGetValue(name, out grade))
            {
                if (grades.Count == short.MaxValue)
                {
                    return false;
                }

                grade = (short)grades.Count;
                grades.Add(name, grade);
            }

            row = new Row
            {
                AsOf = f.AsOf,
                DaysSinceUse = daysSinceUse,
                AmountThisMonth = amountNow,
                AmountLastMonth = amountBefore,
                ContactsBefore = contactsBefore,
                ContactsNow = contactsNow,
                ProbabilityAlive = pAlive,
                UnresolvedComplaints = f.UnresolvedComplaints,
                Facts = (f.LoginBased ? Flags.LoginBased : 0) | (f.CompetitorInquiry ? Flags.CompetitorInquiry : 0)
                    | (f.KeyContactLeft ? Flags.KeyContactLeft : 0) | (f.KeyContactReplaced ? Flags.KeyContactReplaced : 0)
                    | (f.NegativeFeedback ? Flags.NegativeFeedback : 0) | (f.RenewalRefused ? Flags.RenewalRefused : 0),
                Grade = grade,
            };
            return true;
        }

        // A stated number in millionths: exact, and never the value that stands for "not stated".
        private static bool Millionths(decimal? value, long notStated, out long millionths)
        {
            millionths = notStated;
            return value is not { } v || (FixedPoint.TryToScaled(v, out millionths) && millionths != NotStated);
        }
    }

    [Flags]
    internal enum Flags : byte
    {
        LoginBased = 1,
        CompetitorInquiry = 2,
        KeyContactLeft = 4,
        KeyContactReplaced = 8,
        NegativeFeedback = 16,
        RenewalRefused = 32,

        // The row stands for facts kept whole.
        Whole = 128,
    }
}
