namespace Crm.Rules.Analytics;

/// <summary>Gamma-Gamma spend parameters (p, q, γ) and the fit's figures.</summary>
internal sealed record GammaGammaFit(double P, double Q, double Gamma, double LogLikelihood, int Iterations, bool Converged);

/// <summary>
/// The Gamma-Gamma model of the value of a customer's transactions (Fader, Hardie &amp; Lee 2005, "RFM and CLV"; Fader
/// &amp; Hardie, "The Gamma-Gamma model of monetary value", 2013): fitted on customers with at least one repeat purchase,
/// from their number of repeat purchases x and the mean value m of those purchases.
/// </summary>
internal static class GammaGamma
{
    /// <summary>ln L(p, q, γ | x, m) of one customer with x ≥ 1 and m &gt; 0.</summary>
    public static double LogLikelihood(double p, double q, double gamma, int x, double meanValue)
        => SpecialFunctions.LogGamma(p * x + q) - SpecialFunctions.LogGamma(p * x) - SpecialFunctions.LogGamma(q)
            + q * Math.Log(gamma) + (p * x - 1) * Math.Log(meanValue) + p * x * Math.Log(x)
            - (p * x + q) * Math.Log(gamma + meanValue * x);

    /// <summary>Fits p, q, γ by maximum likelihood over their logarithms from (1, 1, 1); customers without a repeat purchase or with m ≤ 0 are left out.</summary>
    public static GammaGammaFit Fit(IReadOnlyList<(int Frequency, double MeanValue)> customers, double tolerance = 1e-10, int maximumIterations = 10_000)
    {
        var used = customers.Where(c => c.Frequency > 0 && c.MeanValue > 0).ToArray();

        double NegativeLogLikelihood(double[] point)
        {
            double p = Math.Exp(point[0]), q = Math.Exp(point[1]), gamma = Math.Exp(point[2]);
            var sum = 0.0;
            foreach (var (x, m) in used)
            {
                sum += LogLikelihood(p, q, gamma, x, m);
            }

            return -sum;
        }

        var minimum = NelderMead.Minimise(NegativeLogLikelihood, [0, 0, 0], tolerance: tolerance, maximumIterations: maximumIterations);
        return new GammaGammaFit(Math.Exp(minimum.Point[0]), Math.Exp(minimum.Point[1]), Math.Exp(minimum.Point[2]), -minimum.Value, minimum.Iterations, minimum.Converged);
    }

    /// <summary>
    /// E[M | x, m]: the expected value of a customer's future transactions, a weighted mean of the population mean
    /// γp/(q−1) and the customer's own mean m, the weight of m growing with x: (γ + m·x)·p / (p·x + q − 1). Defined for q &gt; 1.
    /// </summary>
    public static double ExpectedAverageValue(GammaGammaFit fit, int x, double meanValue)
        => fit.Q > 1 ? (fit.Gamma + meanValue * x) * fit.P / (fit.P * x + fit.Q - 1) : double.NaN;
}
