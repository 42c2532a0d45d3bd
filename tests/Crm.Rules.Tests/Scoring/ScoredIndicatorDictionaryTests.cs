using Crm.Rules.Assessment;
using FsCheck.Xunit;
using NodaTime;

namespace Crm.Rules.Tests.Scoring;

/// <summary>
/// Values scored as they are set: the same refusals, sentence for sentence, as scoring each value, and the same grade —
/// status, total, problem indicator — as grading the values, in the assessment too.
/// </summary>
[Properties(MaxTest = PropertyRuns.MaxTest)]
public class ScoredIndicatorDictionaryTests
{
    private static readonly ValueGradingRules Seed = CrmRuleSet.SeedStandard.ValueGrading;

    private static readonly Instant AsOf = Instant.FromUtc(2026, 11, 24, 0, 0);

    // A value of each kind a record gives: missing, scores in and out of range, a fraction, a score as text, a label.
    private static IndicatorValue ValueOf(int code) => (Math.Abs(code) % 9) switch
    {
        0 => IndicatorValue.Missing,
        1 => IndicatorValue.FromNumber(Math.Abs(code) % 8),
        2 => IndicatorValue.FromNumber((code % 5) + 0.5m),
        3 => IndicatorValue.FromNumber(4.000m),
        4 => IndicatorValue.FromCategory("4"),
        5 => IndicatorValue.FromCategory("high"),
        6 => IndicatorValue.FromScore(Math.Abs(code) % 7),
        _ => IndicatorValue.FromNumber((Math.Abs(code) % 5) + 1),
    };

    [Property]
    public void SetValues_AreRefusedAndGradedAsTheValuesThemselves(int[] codes, int[] again)
    {
        var count = Seed.Indicators.Count;
        var values = Enumerable.Range(0, count).Select(i => i < codes.Length ? ValueOf(codes[i]) : IndicatorValue.Missing).ToArray();
        var scored = Seed.CreateScoredIndicators();

        // Set once with other values first: what counts is the last value of each indicator.
        for (var i = 0; i < Math.Min(count, again.Length); i++)
        {
            scored.TrySet(i, ValueOf(again[i]), out _);
        }

        for (var i = 0; i < count; i++)
        {
            var accepted = scored.TrySet(i, values[i], out var problem);
            var expected = values[i].IsMissing || Seed.Indicators[i].TryScore(values[i], out _, out _);
            Assert.Equal(expected, accepted);
            Seed.Indicators[i].TryScore(values[i], out _, out var sentence);
            Assert.Equal(values[i].IsMissing ? null : sentence, problem);
        }

        var direct = Seed.Grade(values);
        var viaDictionary = Seed.Grade((IReadOnlyDictionary<string, IndicatorValue>)scored);
        Assert.Equal(direct.Status, viaDictionary.Status);
        Assert.Equal(direct.Total, viaDictionary.Total);
        Assert.Equal(direct.Grade, viaDictionary.Grade);
        Assert.Equal(direct.ProblemIndicator, viaDictionary.ProblemIndicator);

        // The assessment grades it as it grades any dictionary of the same values.
        var plain = Enumerable.Range(0, count).ToDictionary(i => Seed.Indicators[i].Name, i => values[i]);
        var fromScored = CrmRuleSet.SeedStandard.Assessment.Assess(new CustomerProfile("c") { Indicators = scored }, AsOf).Grade!.Outcome;
        var fromPlain = CrmRuleSet.SeedStandard.Assessment.Assess(new CustomerProfile("c") { Indicators = plain }, AsOf).Grade!.Outcome;
        Assert.Equal(fromPlain.Status, fromScored.Status);
        Assert.Equal(fromPlain.Total, fromScored.Total);
        Assert.Equal(fromPlain.ProblemIndicator, fromScored.ProblemIndicator);
    }

    [Fact]
    public void ItReadsAsADictionaryOfEveryIndicator_AndClears()
    {
        var scored = Seed.CreateScoredIndicators();
        var first = Seed.Indicators[0].Name;
        Assert.Equal(Seed.Indicators.Count, scored.Count);
        Assert.Equal(Seed.Indicators.Select(i => i.Name), scored.Keys);
        Assert.All(scored.Values, v => Assert.True(v.IsMissing));
        Assert.True(scored.ContainsKey(first));
        Assert.False(scored.ContainsKey("noSuchIndicator"));
        Assert.False(scored.TryGetValue("noSuchIndicator", out _));
        Assert.Throws<KeyNotFoundException>(() => scored["noSuchIndicator"]);

        Assert.False(scored.TrySet(0, IndicatorValue.FromNumber(9), out var problem));
        Assert.Equal("score 9 is outside 1..5", problem);
        Assert.Equal(IndicatorValue.FromNumber(9), scored[first]);
        Assert.Equal(GradeStatus.InvalidValue, Seed.Grade((IReadOnlyDictionary<string, IndicatorValue>)scored).Status);

        scored.Clear();
        Assert.True(scored[first].IsMissing);
        Assert.Equal(Seed.Indicators.Select(i => new KeyValuePair<string, IndicatorValue>(i.Name, IndicatorValue.Missing)), scored);
        Assert.Throws<ArgumentOutOfRangeException>(() => scored.TrySet(-1, IndicatorValue.Missing, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => scored.TrySet(Seed.Indicators.Count, IndicatorValue.Missing, out _));
    }

    [Fact]
    public void AnotherModelsDictionary_IsScoredAgain_NotTrusted()
    {
        // Scores kept under another model's scale must not be read as this model's: its values are looked up and scored.
        var other = TestRules.FromJson("""{ "valueGrading": { "scale": { "minimum": 1, "maximum": 9 } } }""").ValueGrading;
        var scored = other.CreateScoredIndicators();
        for (var i = 0; i < other.Indicators.Count; i++)
        {
            Assert.True(scored.TrySet(i, IndicatorValue.FromNumber(8), out _));
        }

        Assert.Equal(GradeStatus.InvalidValue, Seed.Grade((IReadOnlyDictionary<string, IndicatorValue>)scored).Status);
        Assert.True(other.Grade((IReadOnlyDictionary<string, IndicatorValue>)scored).IsGraded);
    }
}
