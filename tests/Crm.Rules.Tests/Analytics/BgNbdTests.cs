using System.Globalization;
using Crm.Rules.Analytics;
using Crm.Rules.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit.Abstractions;

namespace Crm.Rules.Tests.Analytics;

public class SpecialFunctionsTests
{
    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(2.0, 0.0)]
    [InlineData(0.5, 0.57236494292470008)]          // ln √π
    [InlineData(10.0, 12.801827480081469)]          // ln 9!
    [InlineData(100.0, 359.13420536957540)]         // ln 99!
    [InlineData(0.1, 2.2527126517342060)]
    [InlineData(1e-8, 18.420680738180209)]
    [InlineData(1e6, 12815504.569147612)]
    public void LogGamma_MatchesPublishedValues(double x, double expected)
        => Assert.Equal(expected, SpecialFunctions.LogGamma(x), Math.Max(1e-13, Math.Abs(expected) * 1e-14));

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void LogGamma_IsNotANumberOutsideThePositiveReals(double x) => Assert.True(double.IsNaN(SpecialFunctions.LogGamma(x)));

    [Property]
    public bool LogGamma_SatisfiesTheRecurrence(PositiveInt numerator, PositiveInt denominator)
    {
        // ln Γ(x+1) = ln Γ(x) + ln x, for x from 1/1000 to 1000 and beyond.
        var x = (double)numerator.Get / denominator.Get;
        var left = SpecialFunctions.LogGamma(x + 1);
        var right = SpecialFunctions.LogGamma(x) + Math.Log(x);
        return Math.Abs(left - right) <= 1e-10 * Math.Max(1, Math.Abs(left));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(0.9)]
    [InlineData(0.999)]
    public void Hypergeometric2F1_MatchesItsClosedForms(double z)
    {
        // ₂F₁(1, 1; 2; z) = −ln(1−z)/z and ₂F₁(a, b; b; z) = (1−z)^(−a).
        Assert.Equal(z == 0 ? 1 : -Math.Log(1 - z) / z, SpecialFunctions.Hypergeometric2F1(1, 1, 2, z), 1e-10);
        Assert.Equal(Math.Pow(1 - z, -2.5), SpecialFunctions.Hypergeometric2F1(2.5, 3.7, 3.7, z), Math.Pow(1 - z, -2.5) * 1e-12);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    public void Hypergeometric2F1_IsNotANumberOutsideItsSeriesRange(double z)
        => Assert.True(double.IsNaN(SpecialFunctions.Hypergeometric2F1(1, 1, 2, z)));

    [Fact]
    public void LogSumExp_NeitherOverflowsNorLosesTheSmallerTerm()
    {
        Assert.Equal(1000 + Math.Log(2), SpecialFunctions.LogSumExp(1000, 1000), 12);
        Assert.Equal(-1000.0, SpecialFunctions.LogSumExp(-1000, double.NegativeInfinity));
        Assert.Equal(Math.Log(Math.Exp(1) + Math.Exp(2)), SpecialFunctions.LogSumExp(1, 2), 14);
    }
}

public class NelderMeadTests
{
    [Fact]
    public void Minimise_FindsTheRosenbrockValley()
    {
        var minimum = NelderMead.Minimise(p => 100 * Math.Pow(p[1] - p[0] * p[0], 2) + Math.Pow(1 - p[0], 2), [-1.2, 1], tolerance: 1e-16);
        Assert.True(minimum.Converged);
        Assert.Equal(1, minimum.Point[0], 4);
        Assert.Equal(1, minimum.Point[1], 4);
    }

    [Fact]
    public void Minimise_SaysWhenItDidNotConverge()
    {
        var minimum = NelderMead.Minimise(p => -p[0], [0], maximumIterations: 50);
        Assert.False(minimum.Converged);
        Assert.Equal(50, minimum.Iterations);
        Assert.True(minimum.Point[0] > 0);
    }

    [Fact]
    public void Minimise_NeverChoosesAPointWhereTheFunctionIsUndefined()
    {
        var minimum = NelderMead.Minimise(p => p[0] < 0 ? double.NaN : Math.Pow(p[0] - 2, 2), [1]);
        Assert.True(minimum.Converged);
        Assert.Equal(2, minimum.Point[0], 4);
    }
}

public class BgNbdTests
{
    private static readonly BgNbdFit Cdnow = new(0.243, 4.414, 0.793, 2.426, -9582.4, 0, true);

    [Property]
    public Property ProbabilityAlive_IsAProbability_AndFallsTheLongerACustomerIsSilent()
    {
        var customers =
            from x in Gen.Choose(0, 200)
            from recencyTenths in Gen.Choose(0, 1000)
            from silenceTenths in Gen.Choose(0, 1000)
            from moreTenths in Gen.Choose(1, 1000)
            select (x, recency: recencyTenths / 10.0, age: (recencyTenths + silenceTenths) / 10.0, more: moreTenths / 10.0);
        return Prop.ForAll(customers.ToArbitrary(), c =>
        {
            var now = BgNbd.ProbabilityAlive(Cdnow, new PurchaseSummary(c.x, c.recency, c.age));
            var later = BgNbd.ProbabilityAlive(Cdnow, new PurchaseSummary(c.x, c.recency, c.age + c.more));
            return now is >= 0 and <= 1 && later <= now && (c.x > 0 || now == 1);
        });
    }

    [Fact]
    public void ProbabilityAlive_OfAFrequentBuyerLongSilent_IsNearZero_WithoutOverflow()
    {
        var p = BgNbd.ProbabilityAlive(Cdnow, new PurchaseSummary(5000, 1, 1e6));
        Assert.True(p is >= 0 and < 1e-12, $"P(alive) = {p}");
        Assert.True(double.IsFinite(BgNbd.LogLikelihood(Cdnow.R, Cdnow.Alpha, Cdnow.A, Cdnow.B, new PurchaseSummary(5000, 1, 1e6))));
    }

    // The paper's worked example (section 5): a customer with 2 repeat purchases, the last at 30.43 weeks, observed for
    // 38.86 weeks, is expected to make 1.226 purchases in the next 39 weeks.
    [Fact]
    public void ExpectedPurchases_ReproducesThePapersWorkedExample()
        => Assert.Equal(1.226, BgNbd.ExpectedPurchases(Cdnow, new PurchaseSummary(2, 30.43, 38.86), 39), 0.001);

    // Against the paper's form with the direct series, where that converges (small x): the same figure.
    [Property]
    public Property ExpectedPurchases_AgreesWithTheUntransformedSeries_ForSmallCounts()
    {
        var customers =
            from x in Gen.Choose(0, 30)
            from recencyTenths in Gen.Choose(0, 400)
            from silenceTenths in Gen.Choose(0, 400)
            from horizon in Gen.Choose(1, 104)
            select (new PurchaseSummary(x, recencyTenths / 10.0, (recencyTenths + silenceTenths) / 10.0), (double)horizon);
        return Prop.ForAll(customers.ToArbitrary(), c =>
        {
            var (customer, t) = c;
            double r = Cdnow.R, alpha = Cdnow.Alpha, a = Cdnow.A, b = Cdnow.B;
            int x = customer.Frequency;
            var z = t / (alpha + customer.Age + t);
            var direct = (a + b + x - 1) / (a - 1)
                * (1 - Math.Pow((alpha + customer.Age) / (alpha + customer.Age + t), r + x) * SpecialFunctions.Hypergeometric2F1(r + x, b + x, a + b + x - 1, z))
                / (1 + (x > 0 ? a / (b + x - 1) * Math.Pow((alpha + customer.Age) / (alpha + customer.Recency), r + x) : 0));
            var computed = BgNbd.ExpectedPurchases(Cdnow, customer, t);
            return Math.Abs(computed - direct) <= 1e-9 * Math.Max(1, Math.Abs(direct));
        });
    }

    [Fact]
    public void ExpectedPurchases_OfAVeryFrequentActiveBuyer_IsFiniteAndNearItsRate()
    {
        // 5,000 purchases in 10,000 periods, the last just now: about (r+x)/(α+T) = 0.5 a period, so about 50 in 100.
        var expected = BgNbd.ExpectedPurchases(Cdnow, new PurchaseSummary(5000, 10_000, 10_000), 100);
        Assert.InRange(expected, 45, 51);

        // 100,000 purchases in as many periods, the next 10,000 periods: the direct series overflows (it grows like
        // e^(x·z), z ≈ 0.09), the transformed one gives about one purchase a period.
        Assert.True(double.IsNaN(SpecialFunctions.Hypergeometric2F1(Cdnow.R + 100_000, Cdnow.B + 100_000, Cdnow.A + Cdnow.B + 100_000 - 1, 10_000 / (Cdnow.Alpha + 110_000))));
        Assert.InRange(BgNbd.ExpectedPurchases(Cdnow, new PurchaseSummary(100_000, 100_000, 100_000), 10_000), 9_000, 10_001);
    }

    [Fact]
    public void ExpectedPurchases_IsNothingOverNoTime_AndGrowsWithTheHorizon()
    {
        var customer = new PurchaseSummary(2, 30.43, 38.86);
        Assert.Equal(0, BgNbd.ExpectedPurchases(Cdnow, customer, 0), 12);
        Assert.True(BgNbd.ExpectedPurchases(Cdnow, customer, 10) < BgNbd.ExpectedPurchases(Cdnow, customer, 39));
        Assert.True(BgNbd.ExpectedPurchases(Cdnow with { A = 1.2 }, customer, 39) > 0, "a > 1 as well as a < 1");
        Assert.True(double.IsNaN(BgNbd.ExpectedPurchases(Cdnow with { A = 1 }, customer, 39)), "not at the singular a = 1");
    }

    // Data that do not identify the model (nobody came back; nobody at all) end the fit with what it found, never a
    // crash or an endless search; whether it converged is reported.
    [Fact]
    public void Fit_OnDataThatDoNotIdentifyTheModel_EndsAndSaysSo()
    {
        var nobodyCameBack = BgNbd.Fit([.. Enumerable.Repeat(new PurchaseSummary(0, 0, 10), 50)]);
        Assert.True(double.IsFinite(nobodyCameBack.LogLikelihood) && nobodyCameBack.LogLikelihood <= 0);
        Assert.InRange(nobodyCameBack.Iterations, 1, 10_000);

        var nobody = BgNbd.Fit([]);
        Assert.True(nobody.Converged);
        Assert.Equal(0, nobody.LogLikelihood);
    }

    [Fact]
    public void LogLikelihood_OfACustomerWithoutRepeatPurchases_IsTheClosedForm()
    {
        // x = 0: L = (α/(α+T))^r (the only term; the model's dropout needs a purchase first).
        var expected = Cdnow.R * Math.Log(Cdnow.Alpha / (Cdnow.Alpha + 38.86));
        Assert.Equal(expected, BgNbd.LogLikelihood(Cdnow.R, Cdnow.Alpha, Cdnow.A, Cdnow.B, new PurchaseSummary(0, 0, 38.86)), 12);
    }
}

// Fader, Hardie & Lee (2005) fit the 2,357 CDNOW sample customers' first 39 weeks: r = 0.243, α = 4.414, a = 0.793,
// b = 2.426, log-likelihood −9,582.4. The summary file is the one the paper's data give (lifetimes ships it).
[Trait("Category", "RealData")]
public class CdnowBgNbdTests(ITestOutputHelper output)
{
    [RealDataFact(CdnowData.Summary)]
    public void Fit_ReproducesThePublishedParameters()
    {
        var customers = CdnowData.Rows(CdnowData.Summary)
            .Select(f => new PurchaseSummary(
                int.Parse(f[1], CultureInfo.InvariantCulture),
                double.Parse(f[2], CultureInfo.InvariantCulture),
                double.Parse(f[3], CultureInfo.InvariantCulture)))
            .ToList();
        var fit = BgNbd.Fit(customers);
        output.WriteLine($"r {fit.R:F4}, alpha {fit.Alpha:F4}, a {fit.A:F4}, b {fit.B:F4}, LL {fit.LogLikelihood:F2}, {fit.Iterations} iterations, converged {fit.Converged}");

        Assert.Equal(2357, customers.Count);
        Assert.True(fit.Converged);
        Assert.Equal(0.243, fit.R, 0.001);
        Assert.Equal(4.414, fit.Alpha, 0.01);
        Assert.Equal(0.793, fit.A, 0.005);
        Assert.Equal(2.426, fit.B, 0.02);
        Assert.Equal(-9582.4, fit.LogLikelihood, 0.1);
    }
}

// Fader, Hardie & Lee (2005), "RFM and CLV", fit the Gamma-Gamma model to the 946 CDNOW sample customers with at least
// one repeat purchase: p = 6.25, q = 3.74, γ = 15.44.
[Trait("Category", "RealData")]
public class CdnowGammaGammaTests(ITestOutputHelper output)
{
    [RealDataFact(CdnowData.SummaryWithValues)]
    public void Fit_ReproducesThePublishedParameters()
    {
        var customers = CdnowData.Rows(CdnowData.SummaryWithValues)
            .Select(f => (int.Parse(f[1], CultureInfo.InvariantCulture), double.Parse(f[4], CultureInfo.InvariantCulture)))
            .ToList();
        var fit = GammaGamma.Fit(customers);
        output.WriteLine($"p {fit.P:F4}, q {fit.Q:F4}, gamma {fit.Gamma:F4}, LL {fit.LogLikelihood:F2}, {fit.Iterations} iterations, converged {fit.Converged}");

        Assert.Equal(946, customers.Count(c => c.Item1 > 0));
        Assert.True(fit.Converged);
        Assert.Equal(6.25, fit.P, 0.01);
        Assert.Equal(3.74, fit.Q, 0.01);
        Assert.Equal(15.44, fit.Gamma, 0.05);
    }
}

public class GammaGammaTests
{
    private static readonly GammaGammaFit Cdnow = new(6.25, 3.74, 15.44, 0, 0, true);

    [Property]
    public Property ExpectedAverageValue_LiesBetweenThePopulationMeanAndTheCustomersOwn(PositiveInt frequency, PositiveInt cents)
    {
        var x = Math.Min(frequency.Get, 10_000);
        var m = cents.Get / 100.0;
        var population = Cdnow.P * Cdnow.Gamma / (Cdnow.Q - 1);
        var expected = GammaGamma.ExpectedAverageValue(Cdnow, x, m);
        var (low, high) = (Math.Min(population, m), Math.Max(population, m));
        return (expected >= low * (1 - 1e-12) && expected <= high * (1 + 1e-12)).ToProperty();
    }

    [Fact]
    public void ExpectedAverageValue_IsUndefinedWithoutAFinitePopulationMean()
        => Assert.True(double.IsNaN(GammaGamma.ExpectedAverageValue(Cdnow with { Q = 1 }, 2, 20)));
}

public class LifetimeValueTests
{
    private static readonly BgNbdFit Purchases = new(0.243, 4.414, 0.793, 2.426, 0, 0, true);
    private static readonly GammaGammaFit Spend = new(6.25, 3.74, 15.44, 0, 0, true);

    private static Gen<(PurchaseSummary Customer, double Mean)> Customers =>
        from x in Gen.Choose(0, 50)
        from recencyTenths in Gen.Choose(0, 400)
        from silenceTenths in Gen.Choose(0, 400)
        from cents in Gen.Choose(100, 100_000)
        select (new PurchaseSummary(x, recencyTenths / 10.0, (recencyTenths + silenceTenths) / 10.0), cents / 100.0);

    // Undiscounted, the steps telescope: the value of every purchase expected over the whole horizon.
    [Property]
    public Property WithoutDiscount_ItIsTheExpectedValueTimesTheExpectedPurchases()
        => Prop.ForAll(Customers.ToArbitrary(), c =>
        {
            var clv = LifetimeValue.Discounted(Purchases, Spend, c.Customer, c.Mean, 12, 4.33, 0);
            var whole = GammaGamma.ExpectedAverageValue(Spend, c.Customer.Frequency, c.Mean) * BgNbd.ExpectedPurchases(Purchases, c.Customer, 12 * 4.33);
            return Math.Abs(clv - whole) <= 1e-9 * Math.Max(1, whole);
        });

    [Property]
    public Property IsPositive_GrowsWithTheHorizon_AndFallsWithTheDiscount()
        => Prop.ForAll(Customers.ToArbitrary(), c =>
        {
            var year = LifetimeValue.Discounted(Purchases, Spend, c.Customer, c.Mean, 12, 4.33, 0.01);
            var twoYears = LifetimeValue.Discounted(Purchases, Spend, c.Customer, c.Mean, 24, 4.33, 0.01);
            var dearer = LifetimeValue.Discounted(Purchases, Spend, c.Customer, c.Mean, 12, 4.33, 0.05);
            return year > 0 && twoYears > year && dearer < year;
        });

    [Fact]
    public void NoStepsIsNoValue()
        => Assert.Equal(0, LifetimeValue.Discounted(Purchases, Spend, new PurchaseSummary(2, 30.43, 38.86), 22.35, 0, 4.33, 0.01));
}

// The published CDNOW summary (2,357 sample customers, calibration to 1997-09-30, weeks, 2 decimals) rebuilt from the
// sample's raw transactions: the same x, t_x, T and mean repeat value for every customer.
[Trait("Category", "RealData")]
public class CdnowPurchaseHistoryTests
{
    [RealDataFact(CdnowData.SampleTransactions)]
    public void Summarise_RebuildsThePublishedSummaryFromTheTransactions()
    {
        var built = PurchaseHistory.Summarise(CdnowData.Transactions(), new NodaTime.LocalDate(1997, 9, 30)).ToDictionary(h => h.CustomerId);
        var published = CdnowData.Rows(CdnowData.SummaryWithValues).ToList();

        Assert.Equal(2357, published.Count);
        Assert.Equal(2357, built.Count);
        foreach (var f in published)
        {
            var h = built[f[0]];
            Assert.Equal(int.Parse(f[1], CultureInfo.InvariantCulture), h.Summary.Frequency);
            Assert.Equal(double.Parse(f[2], CultureInfo.InvariantCulture), h.Summary.Recency, 0.0051);
            Assert.Equal(double.Parse(f[3], CultureInfo.InvariantCulture), h.Summary.Age, 0.0051);
            Assert.True(Math.Abs(decimal.Parse(f[4], CultureInfo.InvariantCulture) - h.MeanRepeatValue) <= 0.005m, $"customer {f[0]}: zbar {f[4]}, built {h.MeanRepeatValue}");
        }
    }
}

public class PurchaseHistoryTests
{
    [Fact]
    public void SameDayPurchasesAreOne_RefundsAndLaterLinesLeftOut()
    {
        var end = new NodaTime.LocalDate(1997, 9, 30);
        var history = PurchaseHistory.Summarise(
            [
                new("1", new(1997, 1, 1), 29.33m),
                new("1", new(1997, 1, 18), 20m),
                new("1", new(1997, 1, 18), 9.73m),
                new("1", new(1997, 8, 2), 14.96m),
                new("1", new(1997, 8, 3), -14.96m),
                new("1", new(1997, 10, 1), 99m),
                new("2", new(1997, 9, 30), 5m),
            ],
            end);
        Assert.Equal(2, history.Count);
        Assert.Equal(new PurchaseSummary(2, 213 / 7.0, 272 / 7.0), history[0].Summary);
        Assert.Equal(22.345m, history[0].MeanRepeatValue);
        Assert.Equal(new CustomerHistory("2", new PurchaseSummary(0, 0, 0), 0m), history[1]);
    }
}

// The paper's validation (section 4): fitted on weeks 1-39, the model's expected repeat purchases in the 39-week
// holdout (1997-10-01 … 1998-06-30) are set against what the 2,357 sample customers actually bought then.
[Trait("Category", "RealData")]
public class CdnowHoldoutTests(ITestOutputHelper output)
{
    [RealDataFact(CdnowData.SampleTransactions)]
    public void ExpectedHoldoutPurchases_TrackWhatCustomersBought()
    {
        var log = CdnowData.Transactions().ToList();
        var end = new NodaTime.LocalDate(1997, 9, 30);
        var calibration = PurchaseHistory.Summarise(log, end);
        var fit = BgNbd.Fit([.. calibration.Select(h => h.Summary)]);

        // Actual: distinct purchase days after the calibration end, per customer.
        var actual = log.Where(t => t.Date > end).Select(t => (t.CustomerId, t.Date)).Distinct().Count();
        var expected = calibration.Sum(h => BgNbd.ExpectedPurchases(fit, h.Summary, 39));
        output.WriteLine($"holdout repeat purchases: actual {actual}, expected {expected:F1} ({(expected - actual) / actual:P1})");

        // Seen 2026-12-02: actual 1,882, expected 1,653.4 (−12.1 %). The bound records that figure (it was set after
        // the first run, not taken from the paper) so that a change to the fit or the forecast shows here.
        Assert.Equal(1882, actual);
        Assert.InRange(expected, actual * 0.85, actual * 0.9);
    }
}
