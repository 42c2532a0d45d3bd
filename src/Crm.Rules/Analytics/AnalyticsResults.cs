using System.Globalization;

namespace Crm.Rules.Analytics;

/// <summary>One customer's RFM result: figures, scores, segment and VIP tier (RFM-1, GRADE-8).</summary>
/// <param name="Figures">Recency, frequency and monetary figures.</param>
/// <param name="Scores">The 1..5 scores.</param>
/// <param name="Segment">The segment: the first row of the table that holds the scores.</param>
/// <param name="VipTier">The VIP tier by monetary value, or <see langword="null"/> for a customer in none.</param>
/// <param name="Fingerprint">The rule set that produced it.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record RfmAssessment(RfmFigures Figures, RfmScores Scores, RfmSegment Segment, string? VipTier, string Fingerprint)
{
    /// <summary>The customer.</summary>
    public string CustomerId => Figures.CustomerId;

    /// <summary>One line: <c>C-1: R5 F4 M3 → champions (diamond)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{CustomerId}: {Scores} → {Segment.Name}{(VipTier is null ? "" : $" ({VipTier})")}";
}

/// <summary>
/// The raw figures that earned one score on one axis: the lowest and highest figure among the customers given that
/// score (with quintiles, where the cuts fell; with bands, what the band held). Kept so that a score explains itself.
/// </summary>
/// <param name="Score">The score, 1..5.</param>
/// <param name="Low">The lowest figure with that score, or <see langword="null"/> when no customer has it.</param>
/// <param name="High">The highest figure with that score, or <see langword="null"/> when no customer has it.</param>
/// <threadsafety>This type is an immutable value type and is thread-safe.</threadsafety>
public readonly record struct ScoreCut(int Score, decimal? Low, decimal? High)
{
    /// <summary>The cut as <c>4: 5 to 9</c>, or <c>4: none</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Score}: {(Low is null ? "none" : Low == High ? $"{Low}" : $"{Low} to {High}")}");
}

/// <summary>The RFM result of a whole customer base: every customer, the segment counts, and what could not be scored.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class RfmReport
{
    private readonly string[][]? _bandRules;

    internal RfmReport(IReadOnlyList<RfmAssessment> customers, IReadOnlyList<string> withoutPurchase, RfmScoring scoring, IReadOnlyList<RfmSegment> segments, ScoreCut[][] cuts, string[][]? bandRules, string fingerprint)
    {
        _bandRules = bandRules;
        Customers = customers;
        CustomersWithoutPurchase = [.. withoutPurchase];
        Scoring = scoring;
        Cuts = cuts;
        Fingerprint = fingerprint;
        var counts = new int[segments.Count];
        foreach (var c in customers)
        {
            counts[IndexOf(segments, c.Segment)]++;
        }

        SegmentCounts = [.. segments.Select((s, i) => new KeyValuePair<string, int>(s.Name, counts[i]))];
    }

    /// <summary>Every customer with a purchase, ordered by id (ordinal).</summary>
    public IReadOnlyList<RfmAssessment> Customers { get; }

    /// <summary>Customers with only cancellations up to the analysis date: they have no figures and are listed here, never dropped silently.</summary>
    public IReadOnlyList<string> CustomersWithoutPurchase { get; }

    /// <summary>How the scores were made.</summary>
    public RfmScoring Scoring { get; }

    /// <summary>Customers per segment, in the table's order (a segment no customer reached counts 0).</summary>
    public IReadOnlyList<KeyValuePair<string, int>> SegmentCounts { get; }

    /// <summary>The rule set that produced it.</summary>
    public string Fingerprint { get; }

    // [axis][score − 1]: recency, frequency, monetary.
    internal ScoreCut[][] Cuts { get; }

    /// <summary>The figures that earned each recency score (recency in days: score 5 is the most recent).</summary>
    public IReadOnlyList<ScoreCut> RecencyCuts => Cuts[0];

    /// <summary>The figures that earned each frequency score.</summary>
    public IReadOnlyList<ScoreCut> FrequencyCuts => Cuts[1];

    /// <summary>The figures that earned each monetary score.</summary>
    public IReadOnlyList<ScoreCut> MonetaryCuts => Cuts[2];

    /// <summary>Why a customer of this report has its scores, segment and tier, in sentences.</summary>
    /// <param name="customer">A customer of <see cref="Customers"/>.</param>
    /// <returns>The explanation's lines.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<string> Explain(RfmAssessment customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var how = Scoring == RfmScoring.Quantiles ? string.Create(CultureInfo.InvariantCulture, $"quintiles of {Customers.Count:N0} customers") : "fixed bands";
        var f = customer.Figures;
        return
        [
            Line("R", customer.Scores.Recency, $"{f.RecencyDays} days since the last purchase", Cuts[0], "days", _bandRules?[0], how),
            Line("F", customer.Scores.Frequency, $"{f.Frequency} purchase{(f.Frequency == 1 ? "" : "s")}", Cuts[1], "purchases", _bandRules?[1], how),
            Line("M", customer.Scores.Monetary, $"{Format(f.Monetary)} spent", Cuts[2], "spent", _bandRules?[2], how),
            $"segment {customer.Segment.Name}: the first row that holds {customer.Scores} ({customer.Segment})",
            customer.VipTier is { } tier ? $"VIP tier {tier} by monetary value (GRADE-8)" : "no VIP tier",
        ];
    }

    private static string Line(string axis, int score, string figure, ScoreCut[] cuts, string unit, string[]? bandRules, string how)
    {
        var cut = cuts[score - 1];
        var range = cut.Low == cut.High ? Format(cut.Low!.Value) : $"{Format(cut.Low!.Value)} to {Format(cut.High!.Value)}";
        var rule = bandRules is null ? how : $"{how}: {bandRules[score - 1]}";
        return $"{axis} {score}: {figure}; customers with {range} {unit} score {score} ({rule})";
    }

    private static string Format(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private static int IndexOf(IReadOnlyList<RfmSegment> segments, RfmSegment segment)
    {
        for (var i = 0; i < segments.Count; i++)
        {
            if (ReferenceEquals(segments[i], segment))
            {
                return i;
            }
        }

        throw new InvalidOperationException($"segment {segment.Name} is not a row of the table");
    }
}

/// <summary>What every maximum-likelihood fit reports: the log-likelihood at its parameters, the minimiser's iterations, whether it converged, on how many customers, and the rule set (fit settings) that produced it.</summary>
/// <param name="LogLikelihood">The summed log-likelihood at the parameters (NaN for a model made from given parameters).</param>
/// <param name="Iterations">The minimiser's iterations.</param>
/// <param name="Converged">Whether the fit converged within the configured iterations.</param>
/// <param name="Customers">How many customers the model was fitted on.</param>
/// <param name="Fingerprint">The rule set that produced it.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public abstract record FittedModel(double LogLikelihood, int Iterations, bool Converged, int Customers, string Fingerprint);

/// <summary>
/// A fitted BG/NBD model (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy way"): r and α of the
/// purchase rates, a and b of the dropout probability, the fit's log-likelihood and convergence.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record BgNbdModel : FittedModel
{
    internal BgNbdModel(BgNbdFit fit, int customers, string fingerprint)
        : base(fit.LogLikelihood, fit.Iterations, fit.Converged, customers, fingerprint)
        => Fit = fit;

    internal BgNbdFit Fit { get; }

    /// <summary>r: shape of the purchase-rate gamma distribution.</summary>
    public double R => Fit.R;

    /// <summary>α: scale of the purchase-rate gamma distribution.</summary>
    public double Alpha => Fit.Alpha;

    /// <summary>a: first shape of the dropout-probability beta distribution.</summary>
    public double A => Fit.A;

    /// <summary>b: second shape of the dropout-probability beta distribution.</summary>
    public double B => Fit.B;

    /// <summary>Makes a model from published or stored parameters (no fit).</summary>
    /// <param name="r">r &gt; 0.</param>
    /// <param name="alpha">α &gt; 0.</param>
    /// <param name="a">a &gt; 0.</param>
    /// <param name="b">b &gt; 0.</param>
    /// <param name="fingerprint">The rule set it is used under.</param>
    /// <returns>The model, with no log-likelihood (NaN) and no customers.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a positive finite number.</exception>
    public static BgNbdModel FromParameters(double r, double alpha, double a, double b, string fingerprint = "")
    {
        foreach (var (value, name) in new[] { (r, nameof(r)), (alpha, nameof(alpha)), (a, nameof(a)), (b, nameof(b)) })
        {
            if (!double.IsFinite(value) || value <= 0)
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be a positive finite number");
            }
        }

        return new BgNbdModel(new BgNbdFit(r, alpha, a, b, double.NaN, 0, true), 0, fingerprint);
    }

    /// <summary>P(alive | x, t_x, T), in [0, 1]; 1 for a customer without repeat purchases.</summary>
    /// <param name="customer">The customer's summary.</param>
    /// <returns>The probability; 0 only where the true value is below the smallest double (about e^−745), see <see cref="LogProbabilityAlive"/>.</returns>
    /// <exception cref="ArgumentException">The summary is not valid (<see cref="PurchaseSummary.IsValid"/>).</exception>
    public double ProbabilityAlive(PurchaseSummary customer)
        => BgNbd.ProbabilityAlive(Fit, Checked(customer));

    /// <summary>ln P(alive | x, t_x, T), finite for every valid summary (for ranking customers long silent).</summary>
    /// <param name="customer">The customer's summary.</param>
    /// <returns>The logarithm, 0 or less.</returns>
    /// <exception cref="ArgumentException">The summary is not valid.</exception>
    public double LogProbabilityAlive(PurchaseSummary customer)
        => BgNbd.LogProbabilityAlive(Fit, Checked(customer));

    /// <summary>E[Y(t) | x, t_x, T]: purchases expected in the next <paramref name="periods"/> (the paper's equation 10).</summary>
    /// <param name="customer">The customer's summary.</param>
    /// <param name="periods">The horizon t ≥ 0, in the summaries' unit.</param>
    /// <returns>The expected purchases; NaN at a = 1 exactly, where the series form has a removable singularity.</returns>
    /// <exception cref="ArgumentException">The summary is not valid.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periods"/> is negative or not finite.</exception>
    public double ExpectedPurchases(PurchaseSummary customer, double periods)
    {
        if (!double.IsFinite(periods) || periods < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(periods), periods, "the horizon must be a finite number of periods, 0 or more");
        }

        return BgNbd.ExpectedPurchases(Fit, Checked(customer), periods);
    }

    /// <summary>The parameters as <c>r 0.2426, α 4.4137, a 0.7929, b 2.4259 (LL −9582.43, converged)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"r {R:0.####}, α {Alpha:0.####}, a {A:0.####}, b {B:0.####} (LL {LogLikelihood:0.##}, {(Converged ? "converged" : "not converged")})");

    internal static PurchaseSummary Checked(PurchaseSummary customer)
        => customer.IsValid ? customer : throw new ArgumentException($"not a valid summary: x {customer.Frequency}, t_x {customer.Recency}, T {customer.Age} (need x ≥ 0, 0 ≤ t_x ≤ T, t_x = 0 when x = 0 and above 0 when x is not)", nameof(customer));
}

/// <summary>
/// A fitted Gamma-Gamma spend model (p, q, γ) of the value of repeat purchases (Fader, Hardie &amp; Lee 2005, "RFM and
/// CLV"). <see cref="FittedModel.Customers"/> counts those with a repeat purchase and a positive mean value; the others
/// are counted in <see cref="LeftOut"/>.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record GammaGammaModel : FittedModel
{
    internal GammaGammaModel(GammaGammaFit fit, int customers, string fingerprint)
        : base(fit.LogLikelihood, fit.Iterations, fit.Converged, customers, fingerprint)
        => Fit = fit;

    internal GammaGammaFit Fit { get; }

    /// <summary>p: shape of the transaction-value gamma distribution.</summary>
    public double P => Fit.P;

    /// <summary>q: shape of the gamma distribution of its scale.</summary>
    public double Q => Fit.Q;

    /// <summary>γ: scale of the gamma distribution of its scale.</summary>
    public double Gamma => Fit.Gamma;

    /// <summary>Customers given to the fit but left out of it: no repeat purchase, or a mean repeat value of 0 or less.</summary>
    public int LeftOut { get; init; }

    /// <summary>E[M | x, m]: the expected value of the customer's future transactions, (γ + m·x)·p / (p·x + q − 1).</summary>
    /// <param name="repeatPurchases">x ≥ 0.</param>
    /// <param name="meanRepeatValue">m, the mean value of the repeat purchases.</param>
    /// <returns>The expected average value; NaN when q ≤ 1 (no finite mean).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="repeatPurchases"/> is negative.</exception>
    public double ExpectedAverageValue(int repeatPurchases, double meanRepeatValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(repeatPurchases);
        return GammaGamma.ExpectedAverageValue(Fit, repeatPurchases, meanRepeatValue);
    }

    /// <summary>The parameters as <c>p 6.2489, q 3.7445, γ 15.4474 (LL −4055.92, converged)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"p {P:0.####}, q {Q:0.####}, γ {Gamma:0.####} (LL {LogLikelihood:0.##}, {(Converged ? "converged" : "not converged")})");
}

/// <summary>The P(alive) early warning of one customer (seed 001: predictive churn warning), which the churn family takes as a signal.</summary>
/// <param name="ProbabilityAlive">P(alive) rounded to the configured decimal places: the number the rule compares.</param>
/// <param name="Threshold">The churn family's <c>lowProbabilityAlive</c> threshold, or <see langword="null"/> when that signal is off.</param>
/// <param name="Fingerprint">The rule set that produced it.</param>
/// <threadsafety>This type is an immutable value type and is thread-safe.</threadsafety>
public readonly record struct ChurnWarning(decimal ProbabilityAlive, decimal? Threshold, string Fingerprint)
{
    /// <summary>Whether the warning fires: P(alive) below the threshold.</summary>
    public bool Fires => ProbabilityAlive < Threshold;

    /// <summary>The evidence: <c>P(alive) 0.1234 &lt; 0.3</c>, <c>P(alive) 0.8 ≥ 0.3</c>, or <c>P(alive) 0.1 (the signal is off)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
        => Threshold is { } threshold
            ? string.Create(CultureInfo.InvariantCulture, $"P(alive) {ProbabilityAlive:0.##########} {(Fires ? "<" : "≥")} {threshold:0.##########}")
            : string.Create(CultureInfo.InvariantCulture, $"P(alive) {ProbabilityAlive:0.##########} (churn.signals.lowProbabilityAlive is off)");
}
