using System.Globalization;
using NodaTime;
using NodaTime.Text;

using Crm.Rules.Scoring;

namespace Crm.Rules.Churn;

/// <summary>
/// The compiled churn-risk rules (CHURN-1 … CHURN-5): signal detectors with thresholds, 1..5 dimension scores
/// (each starts at 1, fired signals add their points, capped at 5; value from the grade), bands with playbooks.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed partial class ChurnRules
{
    internal static readonly string[] Detectors = ChurnWords.Detectors.ToArray();

    private readonly Signal[] _signals;

    // Per detector (by its index in Detectors): whether it runs, its bit in ChurnOutcome.FiredSignals, its points and dimension.
    private readonly bool[] _on = new bool[Detectors.Length];
    private readonly uint[] _bit = new uint[Detectors.Length];
    private readonly int[] _points = new int[Detectors.Length];
    private readonly bool[] _attitude = new bool[Detectors.Length];
    private readonly decimal[] _threshold = new decimal[Detectors.Length];
    private readonly int _useDays;
    private readonly int _loginDays;
    private readonly decimal _keptShare;
    private readonly int _complaintsAtLeast;
    private readonly ChurnPlaybook[] _bands;
    private readonly ChurnBand[] _bandOfTotal;
    private readonly string[] _valueGrades;
    private readonly int[] _valueScores;
    private readonly int _ungradedValue;
    private readonly int _riskTagDays;

    internal ChurnRules(ChurnOptions options, string fingerprint)
    {
        Fingerprint = fingerprint;
        _signals = Detectors
            .Where(d => options.Signals.TryGetValue(d, out var s) && s.Enabled)
            .Select(d => new Signal(Array.IndexOf(Detectors, d), d, options.Signals[d]))
            .ToArray();
        for (var i = 0; i < _signals.Length; i++)
        {
            var d = _signals[i].Detector;
            var o = options.Signals[Detectors[d]];
            (_on[d], _bit[d], _points[d], _attitude[d], _threshold[d]) = (true, 1u << i, o.Points, _signals[i].Dimension == ChurnDimension.Attitude, o.Threshold ?? 0m);
        }

        var noUse = options.Signals.GetValueOrDefault("noUse");
        _useDays = (int)Math.Ceiling(noUse?.Threshold ?? 0m);
        _loginDays = (int)Math.Ceiling(noUse?.LoginThreshold ?? noUse?.Threshold ?? 0m);
        _keptShare = 1m - (options.Signals.GetValueOrDefault("amountDrop")?.Threshold ?? 0m);
        _complaintsAtLeast = (int)Math.Max(1m, Math.Ceiling(options.Signals.GetValueOrDefault("unresolvedComplaints")?.Threshold ?? 1m));
        var bands = options.Bands.OrderByDescending(b => b.Value.MinimumTotal ?? int.MinValue).ToArray();
        _bands = bands.Select((b, rank) => new ChurnPlaybook(new ChurnBand(rank, b.Key), b.Value.OwnerRole, b.Value.Actions.ToArray(), b.Value.SlaPolicies.ToArray(), b.Value.FollowUp)).ToArray();
        var ladder = new ThresholdLadder(bands.Where(b => b.Value.MinimumTotal is not null).Select(b => (long)b.Value.MinimumTotal!.Value * FixedPoint.One).ToArray());

        // Totals run from 3 to 15 (three dimensions of 1 to 5): the band of each, looked up instead of climbing the ladder.
        _bandOfTotal = Enumerable.Range(0, 16).Select(total => _bands[ladder.Find(total * FixedPoint.One)].Band).ToArray();

        // A handful of grades: a linear scan beats hashing the grade string of every customer.
        _valueGrades = options.ValueScores.Keys.ToArray();
        _valueScores = options.ValueScores.Values.ToArray();
        _ungradedValue = options.UngradedValueScore;
        _riskTagDays = options.RiskTagAfterDays;
        _millionths = new Millionths(this);
        _noUseDays = [_useDays, _loginDays];
    }

    /// <summary>The fingerprint of the rule set these rules belong to.</summary>
    public string Fingerprint { get; }

    /// <summary>The P(alive) below which <see cref="ChurnSignal.LowProbabilityAlive"/> fires, or <see langword="null"/> when that detector is off.</summary>
    public decimal? ProbabilityAliveBelow => _on[8] ? _threshold[8] : null;

    /// <summary>The enabled detectors, in bit order of <see cref="ChurnOutcome.FiredSignals"/>.</summary>
    public IReadOnlyList<ChurnSignal> Signals => _signals.Select(s => (ChurnSignal)s.Detector).ToArray();

    /// <summary>The bands with their playbooks, highest risk first.</summary>
    public IReadOnlyList<ChurnPlaybook> Bands => _bands;

    /// <summary>Scores one customer from facts, without allocating.</summary>
    /// <param name="facts">The facts.</param>
    /// <returns>The outcome.</returns>
    public ChurnOutcome Score(in ChurnFacts facts)
    {
        var cutoffs = new Cutoffs(this, facts.AsOf);
        return Score(in facts, ref cutoffs);
    }

    /// <summary>Scores one customer from the three dimension scores given directly.</summary>
    /// <param name="behaviour">1..5.</param>
    /// <param name="attitude">1..5.</param>
    /// <param name="value">1..5.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A score lies outside 1..5.</exception>
    public ChurnOutcome Score(int behaviour, int attitude, int value)
    {
        foreach (var (score, name) in new[] { (behaviour, nameof(behaviour)), (attitude, nameof(attitude)), (value, nameof(value)) })
        {
            if (score is < 1 or > 5)
            {
                throw new ArgumentOutOfRangeException(name, score, $"{name} must be a score from 1 to 5");
            }
        }

        return Outcome(behaviour, attitude, value, 0);
    }

    /// <summary>Scores many customers without allocating.</summary>
    /// <param name="facts">The customers' facts.</param>
    /// <param name="outcomes">Receives one outcome per customer.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public void ScoreBatch(ReadOnlySpan<ChurnFacts> facts, Span<ChurnOutcome> outcomes)
    {
        if (facts.Length != outcomes.Length)
        {
            throw new ArgumentException($"Expected {facts.Length} outcomes, one per customer, but got {outcomes.Length}.", nameof(outcomes));
        }

        // Customers of one batch usually share the as-of date: its cut-off dates are computed once.
        var cutoffs = default(Cutoffs);
        for (var i = 0; i < facts.Length; i++)
        {
            outcomes[i] = Score(in facts[i], ref cutoffs);
        }
    }

    /// <summary>Scores one customer and explains it: every signal with its evidence, the band's playbook, the trend.</summary>
    /// <param name="facts">The facts.</param>
    /// <param name="previousTotal">The total of the previous assessment, for the trend; <see langword="null"/> when none.</param>
    /// <returns>The assessment.</returns>
    public ChurnAssessment Explain(in ChurnFacts facts, int? previousTotal = null)
    {
        var outcome = Score(in facts);
        var fired = new List<FiredSignal>();
        for (var i = 0; i < _signals.Length; i++)
        {
            if ((outcome.FiredSignals & (1u << i)) != 0)
            {
                fired.Add(new FiredSignal((ChurnSignal)_signals[i].Detector, _signals[i].Dimension, _signals[i].Points, _signals[i].Evidence(in facts)));
            }
        }

        var valueEvidence = facts.ValueGrade switch
        {
            null => $"no value grade: scored {_ungradedValue} as ungraded",
            { } g when Array.Exists(_valueGrades, x => string.Equals(x, g, GradeNames.Comparison)) => $"value grade {g}",
            { } g => $"'{g}' is not a grade of churn.valueScores (grades: {string.Join(", ", _valueGrades)}): scored {_ungradedValue} as ungraded",
        };
        var dimensions = new[]
        {
            new DimensionScore(ChurnDimension.Behaviour, outcome.Behaviour, fired.Where(f => f.Dimension == ChurnDimension.Behaviour).ToArray()),
            new DimensionScore(ChurnDimension.Attitude, outcome.Attitude, fired.Where(f => f.Dimension == ChurnDimension.Attitude).ToArray()),
            new DimensionScore(ChurnDimension.Value, outcome.Value, [new FiredSignal(ChurnSignal.ValueGrade, ChurnDimension.Value, outcome.Value, valueEvidence)]),
        };
        var (tag, evidence) = RiskTag(in facts);
        return new ChurnAssessment(outcome.Total, outcome.Band, dimensions, _bands[outcome.Band.Rank], Trend(outcome.Total, previousTotal), tag, evidence, Fingerprint);
    }

    /// <summary>Explains a score given as three dimension scores.</summary>
    /// <param name="behaviour">1..5.</param>
    /// <param name="attitude">1..5.</param>
    /// <param name="value">1..5.</param>
    /// <param name="previousTotal">The previous total, or <see langword="null"/>.</param>
    /// <returns>The assessment (no signals: the scores were given).</returns>
    public ChurnAssessment Explain(int behaviour, int attitude, int value, int? previousTotal = null)
    {
        var outcome = Score(behaviour, attitude, value);
        var dimensions = new[]
        {
            new DimensionScore(ChurnDimension.Behaviour, behaviour, []),
            new DimensionScore(ChurnDimension.Attitude, attitude, []),
            new DimensionScore(ChurnDimension.Value, value, []),
        };
        return new ChurnAssessment(outcome.Total, outcome.Band, dimensions, _bands[outcome.Band.Rank], Trend(outcome.Total, previousTotal), false, null, Fingerprint);
    }

    // Every detector inline: no dispatch per signal, and one date comparison instead of counting days.
    private ChurnOutcome Score(in ChurnFacts f, ref Cutoffs cutoffs)
    {
        if (cutoffs.AsOf != f.AsOf || !cutoffs.IsSet)
        {
            cutoffs = new Cutoffs(this, f.AsOf);
        }

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

        if (_on[0] && f.LastUse is { } lastUse && lastUse <= (f.LoginBased ? cutoffs.LastLogin : cutoffs.LastUse))
        {
            Fire(0);
        }

        // Cheap comparisons first: the multiplication only runs when the amount did fall.
        if (_on[1] && f.AmountLastMonth is > 0m and var last && f.AmountThisMonth is { } now && now < last && now <= last * _keptShare)
        {
            Fire(1);
        }

        if (_on[2] && f.CompetitorInquiry)
        {
            Fire(2);
        }

        if (_on[3] && f.KeyContactLeft && !f.KeyContactReplaced)
        {
            Fire(3);
        }

        if (_on[4] && f.ContactsPerMonthBefore is > 0m and var before && f.ContactsPerMonthNow is { } current && before > current && before >= _threshold[4] * current)
        {
            Fire(4);
        }

        if (_on[5] && f.NegativeFeedback)
        {
            Fire(5);
        }

        if (_on[6] && f.RenewalRefused)
        {
            Fire(6);
        }

        if (_on[7] && f.UnresolvedComplaints >= _complaintsAtLeast)
        {
            Fire(7);
        }

        if (_on[8] && f.ProbabilityAlive < _threshold[8])
        {
            Fire(8);
        }

        return Outcome(Math.Min(behaviour, 5), Math.Min(attitude, 5), ValueScore(f.ValueGrade), fired);
    }

    private int ValueScore(string? grade)
    {
        if (grade is not null)
        {
            for (var i = 0; i < _valueGrades.Length; i++)
            {
                if (string.Equals(_valueGrades[i], grade, GradeNames.Comparison))
                {
                    return _valueScores[i];
                }
            }
        }

        return _ungradedValue;
    }

    private ChurnOutcome Outcome(int behaviour, int attitude, int value, uint fired)
        => new((byte)behaviour, (byte)attitude, (byte)value, _bandOfTotal[behaviour + attitude + value], fired, Fingerprint);

    /// <summary>
    /// CHURN-5 without its evidence, allocation-free: whether the later of the last interaction and the last purchase
    /// lies at least the configured days before the facts' as-of date (<see cref="ChurnAssessment.ChurnRiskTag"/>).
    /// </summary>
    /// <param name="facts">The customer's facts.</param>
    /// <returns>Whether the customer carries the churn-risk tag; <see langword="false"/> without either date.</returns>
    public bool HasChurnRiskTag(in ChurnFacts facts)
    {
        var latest = Later(facts.LastInteraction, facts.LastPurchase);
        return latest is not null && Period.DaysBetween(latest.GetValueOrDefault(), facts.AsOf) >= _riskTagDays;
    }

    /// <summary>The trend of a total against the previous one (<see cref="ChurnAssessment.Trend"/>), allocation-free.</summary>
    /// <param name="total">The total now, 3..15.</param>
    /// <param name="previousTotal">The previous total, or <see langword="null"/>.</param>
    /// <returns><see cref="ChurnTrend.Unknown"/> without a previous total; otherwise improving (lower), worsening (higher) or steady.</returns>
    public static ChurnTrend Trend(int total, int? previousTotal) => previousTotal switch
    {
        null => ChurnTrend.Unknown,
        var p when total < p => ChurnTrend.Improving,
        var p when total > p => ChurnTrend.Worsening,
        _ => ChurnTrend.Steady,
    };

    private (bool Tag, string? Evidence) RiskTag(in ChurnFacts facts)
    {
        if (!HasChurnRiskTag(in facts))
        {
            return (false, null);
        }

        var last = Later(facts.LastInteraction, facts.LastPurchase).GetValueOrDefault();
        return (true, string.Create(CultureInfo.InvariantCulture, stackalloc char[128], $"no interaction or purchase for {Period.DaysBetween(last, facts.AsOf)} days since {new IsoDate.Text(last)} (threshold {_riskTagDays})"));
    }

    private static LocalDate? Later(LocalDate? a, LocalDate? b) => a is null ? b : b is null ? a : a > b ? a : b;


    // The last use (or login) dates that still count as "no use" as of a date.
    private readonly struct Cutoffs(ChurnRules rules, LocalDate asOf)
    {
        public bool IsSet { get; } = true;

        public LocalDate AsOf { get; } = asOf;

        public LocalDate LastUse { get; } = asOf.PlusDays(-rules._useDays);

        public LocalDate LastLogin { get; } = asOf.PlusDays(-rules._loginDays);
    }

    private sealed class Signal(int detector, string name, ChurnSignalOptions options)
    {
        public int Detector { get; } = detector;

        public string Name { get; } = name;

        public ChurnDimension Dimension { get; } = ChurnWords.SignalDimension(options.Dimension)
            ?? throw new InvalidOperationException($"'{options.Dimension}' is not a dimension; validation lets none through");

        public int Points { get; } = options.Points;

        private decimal Threshold { get; } = options.Threshold ?? 0m;

        private decimal LoginThreshold { get; } = options.LoginThreshold ?? options.Threshold ?? 0m;



        public string Evidence(in ChurnFacts f) => Detector switch
        {
            0 => string.Create(CultureInfo.InvariantCulture,
                $"no {(f.LoginBased ? "login" : "use")} for {Period.DaysBetween(f.LastUse!.Value, f.AsOf)} days since {new IsoDate.Text(f.LastUse.Value)} (threshold {FixedPoint.Format(f.LoginBased ? LoginThreshold : Threshold)})"),
            1 => string.Create(CultureInfo.InvariantCulture,
                $"amount down {FixedPoint.Format(decimal.Round((f.AmountLastMonth!.Value - f.AmountThisMonth!.Value) * 100m / f.AmountLastMonth.Value, 1))}% month over month ({FixedPoint.Format(f.AmountLastMonth.Value)} → {FixedPoint.Format(f.AmountThisMonth.Value)}; threshold {FixedPoint.Format(Threshold * 100m)}%)"),
            2 => "asked about competitors or their prices",
            3 => "the key contact left and nobody replaced them",
            4 => string.Create(CultureInfo.InvariantCulture,
                $"contacts down from {FixedPoint.Format(f.ContactsPerMonthBefore!.Value)} to {FixedPoint.Format(f.ContactsPerMonthNow!.Value)} a month (a drop by a factor of {FixedPoint.Format(Threshold)} or more)"),
            5 => "gave negative feedback",
            6 => "refused renewal talks",
            7 => string.Create(CultureInfo.InvariantCulture, $"{f.UnresolvedComplaints} unresolved complaint{(f.UnresolvedComplaints == 1 ? "" : "s")}"),
            _ => string.Create(CultureInfo.InvariantCulture,
                $"P(alive) {FixedPoint.Format(f.ProbabilityAlive!.Value)} below {FixedPoint.Format(Threshold)}: by the BG/NBD model of the purchase history the customer has probably stopped buying"),
        };
    }
}
