namespace Crm.Rules.Analytics;

/// <summary>
/// A customer's discounted lifetime value over a horizon: the purchases BG/NBD expects in each step of the horizon,
/// valued at the Gamma-Gamma expected average value and discounted per step (the construction of Fader, Hardie &amp;
/// Lee 2005, "RFM and CLV", taken in discrete steps as the Python <c>lifetimes</c> package does).
/// </summary>
internal static class LifetimeValue
{
    /// <summary>
    /// Σ over steps k = 1..<paramref name="steps"/> of E[M] · (E[Y(k·s)] − E[Y((k−1)·s)]) / (1 + d)^k, with s the
    /// <paramref name="stepLength"/> in the models' time unit and d the <paramref name="discountRate"/> per step.
    /// </summary>
    public static double Discounted(BgNbdFit purchases, GammaGammaFit spend, PurchaseSummary customer, double meanValue, int steps, double stepLength, double discountRate)
    {
        var value = GammaGamma.ExpectedAverageValue(spend, customer.Frequency, meanValue);
        var total = 0.0;
        var before = 0.0;
        for (var k = 1; k <= steps; k++)
        {
            var upTo = BgNbd.ExpectedPurchases(purchases, customer, k * stepLength);
            total += value * (upTo - before) / Math.Pow(1 + discountRate, k);
            before = upTo;
        }

        return total;
    }
}
