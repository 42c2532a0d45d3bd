namespace Crm.Rules.Analytics;

/// <summary>BG/NBD parameters (r, α for the purchase rates; a, b for the dropout probability) and the fit's figures.</summary>
internal sealed record BgNbdFit(double R, double Alpha, double A, double B, double LogLikelihood, int Iterations, bool Converged);

/// <summary>
/// The BG/NBD model of Fader, Hardie &amp; Lee (2005), "Counting your customers the easy way": its log-likelihood
/// (their equation 6, in log space), the maximum-likelihood fit, and P(alive).
/// </summary>
internal static class BgNbd
{
    /// <summary>ln L(r, α, a, b | x, t_x, T) of one customer.</summary>
    /// <remarks>
    /// The terms that depend on the parameters only (lnΓ(r), lnΓ(a+b), lnΓ(b)) are deliberately computed per customer,
    /// beside the terms they cancel for x = 0: hoisted out of the sum, they are multiplied by the number of customers
    /// and cancel only across the sum, which loses the digits (and gives ∞ − ∞) when a fit drifts to extreme parameters.
    /// </remarks>
    public static double LogLikelihood(double r, double alpha, double a, double b, PurchaseSummary c)
    {
        var x = c.Frequency;
        var a1 = SpecialFunctions.LogGamma(r + x) - SpecialFunctions.LogGamma(r) + r * Math.Log(alpha);
        var a2 = SpecialFunctions.LogGamma(a + b) + SpecialFunctions.LogGamma(b + x) - SpecialFunctions.LogGamma(b) - SpecialFunctions.LogGamma(a + b + x);
        var a3 = -(r + x) * Math.Log(alpha + c.Age);
        var a4 = x > 0 ? Math.Log(a) - Math.Log(b + x - 1) - (r + x) * Math.Log(alpha + c.Recency) : double.NegativeInfinity;
        return a1 + a2 + SpecialFunctions.LogSumExp(a3, a4);
    }

    /// <summary>Fits the four parameters by maximum likelihood, minimising −ln L over their logarithms from (1, 1, 1, 1).</summary>
    public static BgNbdFit Fit(IReadOnlyList<PurchaseSummary> customers, double tolerance = 1e-10, int maximumIterations = 10_000)
    {
        double NegativeLogLikelihood(double[] p)
        {
            double r = Math.Exp(p[0]), alpha = Math.Exp(p[1]), a = Math.Exp(p[2]), b = Math.Exp(p[3]);
            var sum = 0.0;
            foreach (var customer in customers)
            {
                sum += LogLikelihood(r, alpha, a, b, customer);
            }

            return -sum;
        }

        var minimum = NelderMead.Minimise(NegativeLogLikelihood, [0, 0, 0, 0], tolerance: tolerance, maximumIterations: maximumIterations);
        var point = minimum.Point;
        return new BgNbdFit(Math.Exp(point[0]), Math.Exp(point[1]), Math.Exp(point[2]), Math.Exp(point[3]), -minimum.Value, minimum.Iterations, minimum.Converged);
    }

    /// <summary>
    /// E[Y(t) | x, t_x, T]: the purchases expected in the next <paramref name="periods"/> (the paper's equation 10),
    /// ((a+b+x−1)/(a−1)) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))] / (1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)).
    /// Both factors of the numerator change sign at a = 1, so it holds on either side (CDNOW's a is 0.793); at a = 1 itself
    /// (a removable singularity this series form does not resolve) the answer is <see cref="double.NaN"/>.
    /// </summary>
    public static double ExpectedPurchases(BgNbdFit fit, PurchaseSummary c, double periods)
    {
        double r = fit.R, alpha = fit.Alpha, a = fit.A, b = fit.B;
        if (a == 1)
        {
            return double.NaN;
        }

        var x = c.Frequency;
        // ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; z) taken through Euler's transformation
        // ₂F₁(A, B; C; z) = (1−z)^(C−A−B) ₂F₁(C−A, C−B; C; z): the powers of (1−z) combine to (1−z)^(a−1) and the new
        // series has small upper parameters, so for a large x it neither overflows (the direct series grows like
        // e^(x·z)) nor needs thousands of terms.
        var z = periods / (alpha + c.Age + periods);
        var logOneMinusZ = Math.Log(alpha + c.Age) - Math.Log(alpha + c.Age + periods);
        var product = Math.Exp((a - 1) * logOneMinusZ) * SpecialFunctions.Hypergeometric2F1(a + b - 1 - r, a - 1, a + b + x - 1, z);
        var numerator = (a + b + x - 1) / (a - 1) * (1 - product);
        var denominator = x > 0
            ? 1 + Math.Exp(Math.Log(a) - Math.Log(b + x - 1) + (r + x) * (Math.Log(alpha + c.Age) - Math.Log(alpha + c.Recency)))
            : 1;
        return numerator / denominator;
    }

    /// <summary>P(alive | x, t_x, T): 1 for a customer without repeat purchases (the model lets a customer drop out only after a purchase).</summary>
    /// <remarks>It is 0 only where the true value lies below the smallest double (about e^−745); <see cref="LogProbabilityAlive"/> keeps it.</remarks>
    public static double ProbabilityAlive(BgNbdFit fit, PurchaseSummary c) => Math.Exp(LogProbabilityAlive(fit, c));

    /// <summary>ln P(alive | x, t_x, T) = −ln(1 + e^L), L = ln a − ln(b+x−1) + (r+x)·ln((α+T)/(α+t_x)), finite however long the customer has been silent.</summary>
    public static double LogProbabilityAlive(BgNbdFit fit, PurchaseSummary c)
    {
        if (c.Frequency == 0)
        {
            return 0;
        }

        var logOdds = Math.Log(fit.A) - Math.Log(fit.B + c.Frequency - 1)
            + (fit.R + c.Frequency) * (Math.Log(fit.Alpha + c.Age) - Math.Log(fit.Alpha + c.Recency));
        // −softplus(L), written so that neither branch overflows.
        return logOdds > 0 ? -(logOdds + Math.Log(1 + Math.Exp(-logOdds))) : -Math.Log(1 + Math.Exp(logOdds));
    }
}
