using System.Globalization;
using Crm.Rules.Scoring;
using NodaTime;

namespace Crm.Rules.Analytics;

/// <summary>
/// The compiled analytics rules: RFM scoring (quintiles or fixed bands) and the segment table (RFM-1), VIP tiers
/// (GRADE-8), the fit settings of the BG/NBD and Gamma-Gamma models, discounted lifetime value, and the P(alive)
/// early warning.
/// </summary>
/// <remarks>
/// Model figures (parameters, P(alive), expected purchases, CLV) are <see cref="double"/>: statistical estimates with
/// their own error, computed with log-gamma, which has no exact decimal form. Where one feeds a rule — P(alive) below a
/// threshold — it is rounded to a configured number of decimal places first, and the comparison is exact.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class AnalyticsRules
{
    private readonly RfmSegment[] _segments;

    // The segment of every one of the 125 score triples, found once: a customer's is read, not searched for row by row.
    private readonly RfmSegment[] _segmentOfTriple;
    private readonly VipTier[] _tiers;
    private readonly int[] _recencyDays;
    private readonly int[] _frequency;
    private readonly decimal[] _monetary;
    private readonly double _tolerance;
    private readonly int _maximumIterations;
    private readonly int _clvSteps;
    private readonly double _clvStepLength;
    private readonly double _clvDiscount;
    private readonly decimal? _aliveBelow;
    private readonly int _aliveDecimals;

    private readonly ValueGradingRules _grading;
    private readonly KeyAccountClass[] _keyAccounts;
    private readonly int _growthWindowDays;

    // Per grading indicator (model order): what of the RFM result it takes, or null for one the host gives.
    private readonly RfmIndicatorSource?[] _indicatorSources;

    internal AnalyticsRules(AnalyticsOptions options, ValueGradingRules grading, Churn.ChurnRules churn, string fingerprint)
    {
        _grading = grading;
        _keyAccounts = Analytics.KeyAccounts.Compile(options.KeyAccounts.Classes);
        _growthWindowDays = options.KeyAccounts.GrowthWindowDays;
        _indicatorSources = [.. grading.Indicators.Select(i => options.GradingIndicators.TryGetValue(i.Name, out var source) ? source : (RfmIndicatorSource?)null)];
        Fingerprint = fingerprint;
        Scoring = options.Rfm.Scoring;
        Cancellations = options.Rfm.Cancellations;
        MissingCustomerIds = options.Rfm.MissingCustomerIds;
        _segments = RfmSegments.Compile(options.Rfm.Segments);
        _segmentOfTriple = [.. Enumerable.Range(0, RfmSegments.Bins * RfmSegments.Bins * RfmSegments.Bins)
            .Select(t => RfmSegments.Find(_segments, (t / (RfmSegments.Bins * RfmSegments.Bins)) + 1, (t / RfmSegments.Bins % RfmSegments.Bins) + 1, (t % RfmSegments.Bins) + 1) is var row and >= 0 ? _segments[row] : null!)];
        _tiers = [.. options.VipTiers.Select(t => new VipTier(t.Name, t.Share))];
        _recencyDays = [.. options.Rfm.Bands.RecencyDays];
        _frequency = [.. options.Rfm.Bands.Frequency];
        _monetary = [.. options.Rfm.Bands.Monetary];
        _tolerance = Math.Pow(10, -options.ModelFit.ToleranceDigits);
        _maximumIterations = options.ModelFit.MaximumIterations;
        _clvSteps = options.LifetimeValue.Steps;
        _clvStepLength = (double)options.LifetimeValue.StepLength;
        _clvDiscount = (double)options.LifetimeValue.DiscountRate;
        _aliveBelow = churn.ProbabilityAliveBelow;
        _aliveDecimals = options.ChurnWarning.DecimalPlaces;
    }

    /// <summary>The fingerprint of the rule set these rules belong to.</summary>
    public string Fingerprint { get; }

    /// <summary>How RFM scores are made.</summary>
    public RfmScoring Scoring { get; }

    /// <summary>What a negative amount does to the monetary figure.</summary>
    public CancellationHandling Cancellations { get; }

    /// <summary>What a line without a customer id does.</summary>
    public MissingCustomerIdHandling MissingCustomerIds { get; }

    /// <summary>The segment table, in order: the first row that holds a customer's scores names its segment.</summary>
    public IReadOnlyList<RfmSegment> Segments => _segments;

    /// <summary>The VIP tiers, highest first (GRADE-8).</summary>
    public IReadOnlyList<VipTier> VipTiers => _tiers;

    /// <summary>The P(alive) below which the early warning fires: the churn family's <c>lowProbabilityAlive</c> threshold, or <see langword="null"/> when that signal is off.</summary>
    public decimal? ProbabilityAliveBelow => _aliveBelow;

    /// <summary>Starts a tally of a transaction log with these rules' cancellation handling.</summary>
    /// <param name="analysisDate">The date the figures are as of.</param>
    /// <returns>An empty tally; add the log's lines, then call <see cref="Rfm(RfmTally)"/>.</returns>
    public RfmTally StartRfm(LocalDate analysisDate) => new(analysisDate, Cancellations, MissingCustomerIds, _growthWindowDays);

    /// <summary>The key-account classes (GRADE-7), in order: the first a customer meets is its class.</summary>
    public IReadOnlyList<KeyAccountClass> KeyAccountClasses => _keyAccounts;

    /// <summary>
    /// Key-account classes (GRADE-7) for the customers of an RFM report: each customer's measures (RFM figures, average
    /// order value, tenure, growth, and the lifetime value when given) and their 1..5 scores among these customers; the
    /// first class whose every condition holds is the customer's.
    /// </summary>
    /// <param name="report">The RFM report.</param>
    /// <param name="trends">The tally's <see cref="RfmTally.Trends"/> for the same customers.</param>
    /// <param name="lifetimeValues">Lifetime values by customer id (e.g. <see cref="LifetimeValue"/> rounded), or <see langword="null"/>: conditions on the lifetime value are then not met.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> or <paramref name="trends"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A customer of the report has no trend.</exception>
    public KeyAccountReport KeyAccounts(RfmReport report, IReadOnlyList<CustomerTrend> trends, IReadOnlyDictionary<string, decimal>? lifetimeValues = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(trends);
        return Analytics.KeyAccounts.Classify(report, trends, lifetimeValues, _keyAccounts, Fingerprint);
    }

    /// <summary>RFM over a whole transaction log.</summary>
    /// <param name="transactions">The log's lines.</param>
    /// <param name="analysisDate">The date the figures are as of.</param>
    /// <returns>Every customer's figures, scores, segment and tier.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transactions"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A line has no customer id and such lines are rejected.</exception>
    public RfmReport Rfm(IEnumerable<Transaction> transactions, LocalDate analysisDate)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        var tally = StartRfm(analysisDate);
        foreach (var t in transactions)
        {
            tally.Add(t);
        }

        return Rfm(tally);
    }

    /// <summary>RFM over a collected tally.</summary>
    /// <param name="tally">The tally.</param>
    /// <returns>Every customer's figures, scores, segment and tier; customers without a purchase listed apart.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tally"/> is <see langword="null"/>.</exception>
    public RfmReport Rfm(RfmTally tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        return Score(tally.Figures(), tally.CustomersWithoutPurchase());
    }

    /// <summary>Scores, segments and tiers for figures computed elsewhere.</summary>
    /// <param name="customers">The customers' figures (quintiles are of these customers together).</param>
    /// <param name="customersWithoutPurchase">Customers known but not scored, to be listed in the report.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is <see langword="null"/> or holds <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A figure is impossible (negative recency, frequency below 1).</exception>
    public RfmReport Score(IReadOnlyList<RfmFigures> customers, IReadOnlyList<string>? customersWithoutPurchase = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        foreach (var c in customers)
        {
            ArgumentNullException.ThrowIfNull(c, nameof(customers));
            if (c.RecencyDays < 0 || c.Frequency < 1)
            {
                throw new ArgumentException($"customer {c.CustomerId}: recency must be 0 or more days and frequency 1 or more purchases; got {c.RecencyDays} and {c.Frequency}", nameof(customers));
            }
        }

        var scores = Scoring == RfmScoring.Quantiles ? Analytics.Rfm.Scores(customers) : [.. customers.Select(BandScores)];
        var tiers = Analytics.VipTiers.Assign([.. customers.Select(c => c.Monetary)], _tiers);
        var assessments = new RfmAssessment[customers.Count];
        for (var i = 0; i < customers.Count; i++)
        {
            assessments[i] = new RfmAssessment(customers[i], scores[i], Segment(scores[i]), tiers[i] < 0 ? null : _tiers[tiers[i]].Name, Fingerprint);
        }

        string[][]? bandRules = Scoring == RfmScoring.Bands
            ? [.. Enumerable.Range(0, 3).Select(axis => Enumerable.Range(1, RfmSegments.Bins).Select(score => BandRule(axis, score)).ToArray())]
            : null;
        return new RfmReport(assessments, customersWithoutPurchase ?? [], Scoring, _segments, Cuts(customers, scores), bandRules, Fingerprint);
    }

    /// <summary>A customer's scores by the configured fixed bands, whatever <see cref="Scoring"/> says.</summary>
    /// <param name="figures">The figures.</param>
    /// <returns>The scores.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="figures"/> is <see langword="null"/>.</exception>
    public RfmScores BandScores(RfmFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        int r = RfmSegments.Bins, f = 1, m = 1;
        foreach (var days in _recencyDays)
        {
            r -= figures.RecencyDays > days ? 1 : 0;
        }

        foreach (var count in _frequency)
        {
            f += figures.Frequency >= count ? 1 : 0;
        }

        foreach (var money in _monetary)
        {
            m += figures.Monetary >= money ? 1 : 0;
        }

        return new RfmScores(r, f, m);
    }

    /// <summary>The segment of a score triple: the first row of the table that holds it (validation guarantees one does).</summary>
    /// <param name="scores">Scores 1..5.</param>
    /// <returns>The row.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A score lies outside 1..5.</exception>
    public RfmSegment Segment(RfmScores scores)
    {
        if (scores.Recency is < 1 or > RfmSegments.Bins || scores.Frequency is < 1 or > RfmSegments.Bins || scores.Monetary is < 1 or > RfmSegments.Bins)
        {
            throw new ArgumentOutOfRangeException(nameof(scores), scores, "RFM scores run from 1 to 5");
        }

        return _segmentOfTriple[((scores.Recency - 1) * RfmSegments.Bins * RfmSegments.Bins) + ((scores.Frequency - 1) * RfmSegments.Bins) + scores.Monetary - 1];
    }

    /// <summary>The grading indicators that take RFM results, and what each takes, in the grading model's order.</summary>
    public IReadOnlyList<KeyValuePair<string, RfmIndicatorSource>> GradingIndicators
        => [.. _grading.Indicators.Select((indicator, i) => (indicator, i)).Where(x => _indicatorSources[x.i] is not null).Select(x => new KeyValuePair<string, RfmIndicatorSource>(x.indicator.Name, _indicatorSources[x.i]!.Value))];

    /// <summary>
    /// The value-grading indicator values a customer's RFM result gives, one per indicator of the grading model in its
    /// order: the mapped ones from the result (scores as scores, raw figures through the indicator's bands), the others
    /// missing — fill them from the host's own data before grading, or let <c>valueGrading.missingValues</c> decide.
    /// </summary>
    /// <param name="customer">The customer's RFM result.</param>
    /// <returns>One value per grading indicator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is <see langword="null"/>.</exception>
    public IndicatorValue[] IndicatorValues(RfmAssessment customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var values = new IndicatorValue[_indicatorSources.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _indicatorSources[i] switch
            {
                RfmIndicatorSource.RecencyScore => IndicatorValue.FromScore(customer.Scores.Recency),
                RfmIndicatorSource.FrequencyScore => IndicatorValue.FromScore(customer.Scores.Frequency),
                RfmIndicatorSource.MonetaryScore => IndicatorValue.FromScore(customer.Scores.Monetary),
                RfmIndicatorSource.RecencyDays => IndicatorValue.FromNumber(customer.Figures.RecencyDays),
                RfmIndicatorSource.Frequency => IndicatorValue.FromNumber(customer.Figures.Frequency),
                RfmIndicatorSource.Monetary => IndicatorValue.FromNumber(customer.Figures.Monetary),
                _ => IndicatorValue.Missing,
            };
        }

        return values;
    }

    /// <summary>Grades a customer from its order history alone: <see cref="IndicatorValues"/> through the value-grading rules of the same rule set.</summary>
    /// <param name="customer">The customer's RFM result.</param>
    /// <returns>The outcome; not graded when an unmapped indicator is required (<c>valueGrading.missingValues: reject</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is <see langword="null"/>.</exception>
    public GradeOutcome Grade(RfmAssessment customer) => _grading.Grade(IndicatorValues(customer));

    /// <summary>Each customer's VIP tier by a value (monetary, CLV …), highest first; ties never split (GRADE-8).</summary>
    /// <param name="values">One value per customer.</param>
    /// <returns>The tier of each, or <see langword="null"/> for a customer in none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<string?> AssignVipTiers(IReadOnlyList<decimal> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return [.. Analytics.VipTiers.Assign(values, _tiers).Select(t => t < 0 ? null : _tiers[t].Name)];
    }

    /// <summary>Fits the BG/NBD model by maximum likelihood with the configured fit settings.</summary>
    /// <param name="customers">The customers' summaries, all in one time unit.</param>
    /// <returns>The model, with its log-likelihood and whether it converged.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">There are no customers, or a summary is not valid (<see cref="PurchaseSummary.IsValid"/>).</exception>
    public BgNbdModel FitBgNbd(IReadOnlyList<PurchaseSummary> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        if (customers.Count == 0)
        {
            throw new ArgumentException("a model needs at least one customer", nameof(customers));
        }

        foreach (var c in customers)
        {
            BgNbdModel.Checked(c);
        }

        return new BgNbdModel(BgNbd.Fit(customers, _tolerance, _maximumIterations), customers.Count, Fingerprint);
    }

    /// <summary>Fits the Gamma-Gamma spend model on the customers with a repeat purchase and a positive mean value; the others are counted as left out.</summary>
    /// <param name="customers">The customers' histories.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">No customer has a repeat purchase with a positive mean value.</exception>
    public GammaGammaModel FitGammaGamma(IReadOnlyList<CustomerHistory> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var used = customers.Where(c => c.Summary.Frequency > 0 && c.MeanRepeatValue > 0).Select(c => (c.Summary.Frequency, (double)c.MeanRepeatValue)).ToList();
        if (used.Count == 0)
        {
            throw new ArgumentException("no customer has a repeat purchase with a positive mean value: the spend model has nothing to fit", nameof(customers));
        }

        return new GammaGammaModel(GammaGamma.Fit(used, _tolerance, _maximumIterations), used.Count, Fingerprint) { LeftOut = customers.Count - used.Count };
    }

    /// <summary>
    /// A customer's discounted lifetime value over the configured horizon: Σ over steps k of
    /// E[M] · (E[Y(k·s)] − E[Y((k−1)·s)]) / (1 + d)^k.
    /// </summary>
    /// <param name="purchases">The fitted BG/NBD model.</param>
    /// <param name="spend">The fitted Gamma-Gamma model.</param>
    /// <param name="customer">The customer's history (in the models' time unit).</param>
    /// <returns>The value, in the log's currency.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The customer's summary is not valid.</exception>
    public double LifetimeValue(BgNbdModel purchases, GammaGammaModel spend, CustomerHistory customer)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentNullException.ThrowIfNull(spend);
        ArgumentNullException.ThrowIfNull(customer);
        return Analytics.LifetimeValue.Discounted(purchases.Fit, spend.Fit, BgNbdModel.Checked(customer.Summary), (double)customer.MeanRepeatValue, _clvSteps, _clvStepLength, _clvDiscount);
    }

    /// <summary>
    /// The P(alive) early warning: P(alive) rounded to the configured places (half away from zero), compared exactly
    /// with the churn family's threshold. Give <see cref="ChurnWarning.ProbabilityAlive"/> to
    /// <see cref="Churn.ChurnFacts.ProbabilityAlive"/> and the churn score counts it as the <c>lowProbabilityAlive</c> signal.
    /// </summary>
    /// <param name="probabilityAlive">P(alive), 0..1.</param>
    /// <returns>The warning, with the rounded figure as evidence.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probabilityAlive"/> is not a number from 0 to 1.</exception>
    public ChurnWarning Warn(double probabilityAlive)
    {
        if (!(probabilityAlive is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probabilityAlive), probabilityAlive, "P(alive) is a probability from 0 to 1");
        }

        return new ChurnWarning(Math.Round((decimal)probabilityAlive, _aliveDecimals, MidpointRounding.AwayFromZero), _aliveBelow, Fingerprint);
    }

    /// <summary>The band rule of a score under fixed bands, e.g. <c>31 to 90 days</c>.</summary>
    internal string BandRule(int axis, int score)
    {
        static string F(decimal d) => d.ToString("0.######", CultureInfo.InvariantCulture);
        if (axis == 0)
        {
            var upper = score == RfmSegments.Bins ? 0 : RfmSegments.Bins - score;
            return score == RfmSegments.Bins
                ? $"at most {_recencyDays[0]} days"
                : score == 1 ? $"more than {_recencyDays[^1]} days" : $"{_recencyDays[upper - 1] + 1} to {_recencyDays[upper]} days";
        }

        decimal[] bounds = axis == 1 ? [.. _frequency.Select(f => (decimal)f)] : _monetary;
        return score == 1 ? $"below {F(bounds[0])}" : score == RfmSegments.Bins ? $"at least {F(bounds[^1])}" : $"at least {F(bounds[score - 2])}, below {F(bounds[score - 1])}";
    }

    // The lowest and highest figure among the customers given each score, per axis.
    private static ScoreCut[][] Cuts(IReadOnlyList<RfmFigures> customers, RfmScores[] scores)
    {
        var cuts = new ScoreCut[3][];
        for (var axis = 0; axis < 3; axis++)
        {
            var low = new decimal?[RfmSegments.Bins];
            var high = new decimal?[RfmSegments.Bins];
            for (var i = 0; i < customers.Count; i++)
            {
                var (score, figure) = axis switch
                {
                    0 => (scores[i].Recency, (decimal)customers[i].RecencyDays),
                    1 => (scores[i].Frequency, (decimal)customers[i].Frequency),
                    _ => (scores[i].Monetary, customers[i].Monetary),
                };
                low[score - 1] = low[score - 1] is { } l && l <= figure ? l : figure;
                high[score - 1] = high[score - 1] is { } h && h >= figure ? h : figure;
            }

            cuts[axis] = [.. Enumerable.Range(0, RfmSegments.Bins).Select(s => new ScoreCut(s + 1, low[s], high[s]))];
        }

        return cuts;
    }
}
