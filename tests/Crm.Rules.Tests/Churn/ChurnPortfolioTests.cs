using Crm.Rules.Churn;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace Crm.Rules.Tests.Churn;

/// <summary>
/// Batch scoring of a <see cref="ChurnPortfolio"/> (issue 13): for random facts and random churn rules, every outcome is the
/// one <see cref="ChurnRules.Score(in ChurnFacts)"/> gives the customer, including facts the compact rows cannot hold.
/// </summary>
[Properties(Arbitrary = [typeof(ChurnPortfolioArbitraries)], MaxTest = PropertyRuns.MaxTest)]
public class ChurnPortfolioTests
{
    private static readonly ChurnRules Seed = CrmRuleSet.SeedStandard.Churn;
    private static readonly LocalDate Today = new(2026, 11, 24);

    private static ChurnOutcome[] ScoreEach(ChurnRules rules, ChurnFacts[] facts) => facts.Select(f => rules.Score(in f)).ToArray();

    private static ChurnOutcome[] ScorePortfolio(ChurnRules rules, ChurnFacts[] facts)
    {
        var outcomes = new ChurnOutcome[facts.Length];
        rules.ScoreBatch(new ChurnPortfolio(facts), outcomes);
        return outcomes;
    }

    [Property]
    public bool Portfolio_ScoresEveryCustomerAsScoreDoes_OnTheSeed(PortfolioCase c)
    {
        var facts = c.Facts();
        return ScorePortfolio(Seed, facts).AsSpan().SequenceEqual(ScoreEach(Seed, facts));
    }

    [Property]
    public bool Portfolio_ScoresEveryCustomerAsScoreDoes_UnderRandomRules(ChurnModel model, ChurnThresholds thresholds, PortfolioCase c)
    {
        var rules = CrmRuleSet.Compile(thresholds.Apply(model.Options())).Churn;
        var facts = c.Facts();
        return ScorePortfolio(rules, facts).AsSpan().SequenceEqual(ScoreEach(rules, facts));
    }

    [Fact]
    public void Portfolio_KeepsWholeTheFactsItsRowsCannotHold_AndScoresThemAsScoreDoes()
    {
        ChurnFacts[] facts =
        [
            new(Today) { AmountLastMonth = 100.0000001m, AmountThisMonth = 10m, ValueGrade = "A" }, // seven decimal places
            new(Today) { AmountLastMonth = 100m, AmountThisMonth = 50.000000000m }, // trailing zeros: exact, held
            new(Today) { AmountLastMonth = 10_000_000_000_000m, AmountThisMonth = 1m }, // beyond ±9,223,372,036,854
            new(Today) { ContactsPerMonthBefore = 9_223_372_036_854.775807m, ContactsPerMonthNow = 1m }, // the largest millionths: stands for "not stated"
            new(Today) { ProbabilityAlive = 0.29999999m },
            new(Today) { LastUse = Today.PlusDays(-120), UnresolvedComplaints = 3 },
        ];
        Assert.Equal(ScoreEach(Seed, facts), ScorePortfolio(Seed, facts));
        Assert.Equal(
            ["amountDrop", "amountDrop", "amountDrop", "contactFrequencyDrop", "lowProbabilityAlive", "noUse, unresolvedComplaints"],
            ScorePortfolio(Seed, facts).Select(o => string.Join(", ", Seed.Signals.Where((_, i) => (o.FiredSignals & (1u << i)) != 0).Select(ChurnWords.Of))));
    }

    [Fact]
    public void Portfolio_LastUseInAnotherCalendar_ThrowsAsScoreDoes()
    {
        var facts = new[] { new ChurnFacts(Today) { LastUse = Today.PlusDays(-100).WithCalendar(CalendarSystem.Julian) } };
        var portfolio = new ChurnPortfolio(facts);
        var expected = Assert.Throws<ArgumentException>(() => Seed.Score(in facts[0]));
        var actual = Assert.Throws<ArgumentException>(() => Seed.ScoreBatch(portfolio, new ChurnOutcome[1]));
        Assert.Equal(expected.Message, actual.Message);
    }

    [Fact]
    public void Portfolio_ManyGradesAndAsOfDates_AndLargeThresholds()
    {
        // More than 256 distinct grades (the per-batch table then comes from the array pool), as-of dates that change
        // from customer to customer, and drop thresholds large enough that the detectors compare as decimals.
        var random = new Random(13);
        var facts = Enumerable.Range(0, 2_000).Select(i => new ChurnFacts(Today.PlusDays(i % 7))
        {
            ValueGrade = i % 3 == 0 ? null : $"G{random.Next(400)}",
            LastUse = Today.PlusDays(-random.Next(200)),
            AmountLastMonth = random.Next(1, 1_000_000) / 100m,
            AmountThisMonth = random.Next(-1_000, 1_000_000) / 100m,
            ContactsPerMonthBefore = random.Next(0, 9),
            ContactsPerMonthNow = random.Next(0, 9) / 4m,
        }).ToArray();
        var large = TestRules.FromJson("""{ "churn": { "signals": { "amountDrop": { "threshold": 5000 }, "contactFrequencyDrop": { "threshold": 2500.5 } } } }""").Churn;
        foreach (var rules in new[] { Seed, large })
        {
            Assert.Equal(ScoreEach(rules, facts), ScorePortfolio(rules, facts));
        }
    }

    [Fact]
    public void Portfolio_ScoringAllocatesNothing_AndCopiesTheFacts()
    {
        var facts = Enumerable.Range(0, 100).Select(i => new ChurnFacts(Today) { LastUse = Today.PlusDays(-i), ValueGrade = i % 2 == 0 ? "A" : "B" }).ToArray();
        var portfolio = new ChurnPortfolio(facts);
        var expected = ScoreEach(Seed, facts);
        facts[99] = new ChurnFacts(Today);
        var outcomes = new ChurnOutcome[100];
        Seed.ScoreBatch(portfolio, outcomes);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Seed.ScoreBatch(portfolio, outcomes);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(expected, outcomes);
        Assert.Equal(100, portfolio.Count);
    }

    [Fact]
    public void Portfolio_RefusesOutcomesOfAnotherLength_AndNoPortfolio()
    {
        var error = Assert.Throws<ArgumentException>(() => Seed.ScoreBatch(new ChurnPortfolio([new ChurnFacts(Today)]), new ChurnOutcome[2]));
        Assert.Equal(("outcomes", "Expected 1 outcomes, one per customer, but got 2. (Parameter 'outcomes')"), (error.ParamName, error.Message));
        Assert.Equal("portfolio", Assert.Throws<ArgumentNullException>(() => Seed.ScoreBatch((ChurnPortfolio)null!, [])).ParamName);
        Seed.ScoreBatch(new ChurnPortfolio([]), []);
    }

    [Fact]
    public void Portfolio_ThroughTheScorer_UsesTheRuleSetInForce()
    {
        var scorer = new ChurnScorer(new FixedRuleSet(TestRules.FromJson("""{ "churn": { "signals": { "renewalRefused": { "points": 3 } } } }""")));
        var facts = new[] { new ChurnFacts(Today) { RenewalRefused = true } };
        var outcomes = new ChurnOutcome[1];
        scorer.ScoreBatch(new ChurnPortfolio(facts), outcomes);
        Assert.Equal(4, outcomes[0].Attitude);
    }

    [Theory]
    [InlineData("1.5", true, 1_500_000L)]
    [InlineData("-0.000001", true, -1L)]
    [InlineData("5.000000000", true, 5_000_000L)]
    [InlineData("0.0000001", false, 0L)]
    [InlineData("9223372036854.775807", true, long.MaxValue)]
    [InlineData("9223372036854.775808", false, 0L)]
    [InlineData("-9223372036854.775807", true, -long.MaxValue)]
    [InlineData("79228162514264337593543950335", false, 0L)]
    [InlineData("0.0000000000000000000000000000", true, 0L)]
    [InlineData("4", true, 4_000_000L)]
    [InlineData("-4.0", true, -4_000_000L)]
    [InlineData("9223372036854", true, 9_223_372_036_854_000_000L)]
    [InlineData("9223372036855", false, 0L)]
    [InlineData("18446744073709551615", false, 0L)]
    [InlineData("18446744073709.551615", false, 0L)]
    [InlineData("18446744073709551616", false, 0L)]
    [InlineData("-9223372036854.775808", false, 0L)]
    [InlineData("-0.000", true, 0L)]
    public void FixedPoint_TryToScaled_IsExactOrRefuses(string text, bool exact, long millionths)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((exact, millionths), (FixedPoint.TryToScaled(value, out var scaled), scaled));
        if (exact)
        {
            Assert.Equal(value, FixedPoint.FromScaled(scaled));
        }
    }

    [FsCheck.Xunit.Property]
    public void FixedPoint_TryToScaled_AgreesWithDecimalArithmetic(DoNotSize<int> low, DoNotSize<int> mid, DoNotSize<int> high, bool negative, byte scale)
    {
        // Every kind of decimal — a mantissa of 32, 64 or 96 bits over their whole range (unsized), any scale — against
        // the decimal's own product by a million, which is exact whenever the millionths fit a long (the 64-bit fast
        // path and the 128-bit path alike).
        var (l, m, h) = (low.Item, mid.Item, high.Item);
        var value = new decimal(l, h % 3 == 0 ? m : m % 3 == 0 ? 0 : m, h % 3 == 0 ? h : 0, negative, (byte)(scale % 29));
        long? expected;
        try
        {
            var product = value * 1_000_000m;
            expected = product == decimal.Truncate(product) && product >= -long.MaxValue && product <= long.MaxValue ? (long)product : null;
        }
        catch (OverflowException)
        {
            expected = null;
        }

        Assert.Equal(expected ?? 0, FixedPoint.TryToScaled(value, out var scaled) ? scaled : 0);
        Assert.Equal(expected is not null, FixedPoint.TryToScaled(value, out _));
    }

    private sealed class FixedRuleSet(CrmRuleSet current) : ICrmRuleSetProvider
    {
        public CrmRuleSet Current => current;

        public IDisposable OnChange(Action<CrmRuleSet> listener) => throw new NotSupportedException();
    }
}

/// <summary>
/// A portfolio's customers as <see cref="ChurnCase"/>s (as of one of a few dates), with some numbers made unusual (seven
/// decimal places, trailing zeros, amounts beyond what a row holds) or put on the seed's thresholds.
/// </summary>
public sealed record PortfolioCase(ChurnCase[] Customers, int[] AsOfOffsets, int[] Oddities)
{
    private static readonly LocalDate Today = new(2026, 11, 24);

    public ChurnFacts[] Facts() => Customers.Select((c, i) =>
    {
        var facts = c.Facts(Today.PlusDays(AsOfOffsets[i % AsOfOffsets.Length]));
        return (Oddities[i % Oddities.Length] % 8) switch
        {
            1 => facts with { AmountThisMonth = facts.AmountThisMonth / 10_000_000m }, // down to seven decimal places
            2 => facts with { AmountLastMonth = facts.AmountLastMonth * 100_000_000m }, // up to 10^13: beyond a row
            3 => facts with { ContactsPerMonthNow = facts.ContactsPerMonthNow / 3m }, // a repeating fraction
            4 => facts with { ProbabilityAlive = facts.ProbabilityAlive is { } p ? p + 0.0000001m : null },
            5 => facts with { AmountThisMonth = decimal.Round(facts.AmountThisMonth!.Value, 2) * 1.0000000000m }, // trailing zeros
            6 => facts with { AmountThisMonth = facts.AmountLastMonth / 2m }, // on the seed's drop threshold
            7 => facts with { ContactsPerMonthNow = facts.ContactsPerMonthBefore / 4m }, // on the seed's contact factor
            _ => facts,
        };
    }).ToArray();

    public override string ToString() => $"[{string.Join("; ", Customers.Select((c, i) => $"{c} as of +{AsOfOffsets[i % AsOfOffsets.Length]}d, oddity {Oddities[i % Oddities.Length] % 8}"))}]";
}

/// <summary>Churn thresholds beside a <see cref="ChurnModel"/>, which keeps the seed's: drop shares, contact factors (some above 1,000), P(alive).</summary>
public sealed record ChurnThresholds(int NoUseDays, int LoginDays, int DropMillionths, int ContactFactorHundredths, int AliveBelowMillionths, int Complaints)
{
    public CrmRulesOptions Apply(CrmRulesOptions options)
    {
        var signals = options.Churn.Signals;
        (signals["noUse"].Threshold, signals["noUse"].LoginThreshold) = (NoUseDays, LoginDays);
        signals["amountDrop"].Threshold = DropMillionths / 1_000_000m;
        signals["contactFrequencyDrop"].Threshold = ContactFactorHundredths / 100m;
        signals["lowProbabilityAlive"].Threshold = AliveBelowMillionths / 1_000_000m;
        signals["unresolvedComplaints"].Threshold = Complaints;
        return options;
    }
}

public static class ChurnPortfolioArbitraries
{
    public static Arbitrary<ChurnModel> ChurnModel() => CrmGen.ChurnModels();

    public static Arbitrary<PortfolioCase> PortfolioCase() => Arb.From(
        from customers in CrmGen.ChurnCases().Generator.ArrayOf()
        from offsets in Gen.Choose(-3, 3).ArrayOf(3)
        from oddities in Gen.Choose(0, 15).ArrayOf(5)
        select new PortfolioCase(customers, offsets, oddities),
        c => Shrink.Array(c.Customers, x => x.Smaller()).Select(x => c with { Customers = x })
            .Concat(Shrink.Each(c.Oddities, o => Shrink.Towards(o, 0)).Select(o => c with { Oddities = o })));

    public static Arbitrary<ChurnThresholds> ChurnThresholds() => Arb.From(
        from noUse in Gen.Choose(0, 400)
        from login in Gen.Choose(0, 100)
        from drop in Gen.OneOf(Gen.Choose(0, 1_000_000), Gen.Choose(1_000_000, 2_000_000_000))
        from factor in Gen.OneOf(Gen.Choose(0, 1_000), Gen.Choose(99_000, 200_000))
        from alive in Gen.Choose(1, 1_000_000)
        from complaints in Gen.Choose(0, 4)
        select new ChurnThresholds(noUse, login, drop, factor, alive, complaints));
}
