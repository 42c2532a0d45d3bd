namespace Crm.Rules.Analytics;

/// <summary>
/// The special functions the BG/NBD and Gamma-Gamma models need, in log space so that large purchase counts and long
/// observation periods (Fader, Hardie &amp; Lee 2005) neither overflow nor lose their digits.
/// </summary>
internal static class SpecialFunctions
{
    // Lanczos coefficients for g = 7, n = 9 (the set Numerical Recipes and most libraries use): about 15 significant
    // digits for every positive argument, which is what a maximum-likelihood fit needs.
    private static readonly double[] Lanczos =
    [
        0.99999999999980993,
        676.5203681218851,
        -1259.1392167224028,
        771.32342877765313,
        -176.61502916214059,
        12.507343278686905,
        -0.13857109526572012,
        9.9843695780195716e-6,
        1.5056327351493116e-7,
    ];

    private static readonly double HalfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);

    /// <summary>ln Γ(x) for x &gt; 0; <see cref="double.NaN"/> otherwise (the models' parameters are positive).</summary>
    public static double LogGamma(double x)
    {
        if (!(x > 0) || double.IsInfinity(x))
        {
            return double.IsPositiveInfinity(x) ? double.PositiveInfinity : double.NaN;
        }

        if (x < 0.5)
        {
            // Reflection keeps the approximation in the range where it is accurate: Γ(x)Γ(1−x) = π / sin(πx).
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        }

        x -= 1;
        var sum = Lanczos[0];
        for (var i = 1; i < Lanczos.Length; i++)
        {
            sum += Lanczos[i] / (x + i);
        }

        var t = x + 7.5;
        return HalfLogTwoPi + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    /// <summary>
    /// The Gauss hypergeometric function ₂F₁(a, b; c; z) for 0 ≤ z &lt; 1 by its power series, summed until a term no
    /// longer changes the sum; <see cref="double.NaN"/> when it has not settled within <paramref name="maximumTerms"/>.
    /// </summary>
    public static double Hypergeometric2F1(double a, double b, double c, double z, int maximumTerms = 1_000_000)
    {
        if (!(z >= 0 && z < 1))
        {
            return double.NaN;
        }

        var term = 1.0;
        var sum = 1.0;
        for (var n = 0; n < maximumTerms; n++)
        {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            var next = sum + term;
            if (next == sum || !double.IsFinite(next))
            {
                return double.IsFinite(next) ? next : double.NaN;
            }

            sum = next;
        }

        return double.NaN;
    }

    /// <summary>ln(e^a + e^b) without overflow.</summary>
    public static double LogSumExp(double a, double b)
    {
        var max = Math.Max(a, b);
        return double.IsNegativeInfinity(max) ? max : max + Math.Log(Math.Exp(a - max) + Math.Exp(b - max));
    }
}
