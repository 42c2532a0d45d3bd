using NodaTime;

namespace Crm.Rules.Tests.Scoring;

public class ValueGradingTests
{
    private static readonly ValueGradingRules Seed = CrmRuleSet.SeedStandard.ValueGrading;

    [Fact]
    public void Grade1_SeedStandard_HasTheSixB2BIndicatorsWithTheirWeights()
    {
        var weights = Seed.Indicators.ToDictionary(i => i.Name, i => i.Weight);
        Assert.Equal(
            new Dictionary<string, decimal>
            {
                ["historicalAmount"] = 0.30m, ["frequency"] = 0.15m, ["grossMargin"] = 0.15m,
                ["industryInfluence"] = 0.10m, ["needMatch"] = 0.15m, ["willingness"] = 0.15m,
            },
            weights);
        Assert.Equal(0.60m, Seed.Indicators.Where(i => i.Group == "current").Sum(i => i.Weight));
        Assert.Equal(0.40m, Seed.Indicators.Where(i => i.Group == "potential").Sum(i => i.Weight));
        Assert.All(Seed.Indicators, i => Assert.Equal(IndicatorScoring.Direct, i.Scoring));
    }

    [Fact]
    public void Grade2_TotalIsTheWeightedSumOfScores()
    {
        var outcome = Seed.Grade(TestRules.Scores(5, 4, 3, 2, 1, 5));

        // 0.30×5 + 0.15×4 + 0.15×3 + 0.10×2 + 0.15×1 + 0.15×5 = 1.5 + 0.6 + 0.45 + 0.2 + 0.15 + 0.75
        Assert.Equal(3.65m, outcome.Total);
        Assert.Equal("B", outcome.Grade!.Name);
    }

    [Theory]
    [InlineData(4, "A", 4.0)]
    [InlineData(3, "B", 3.0)]
    [InlineData(5, "A", 5.0)]
    [InlineData(1, "C", 1.0)]
    [InlineData(2, "C", 2.0)]
    public void Grade3_UniformScoresLandExactlyOnTheBoundaries(int score, string grade, double expectedTotal)
    {
        var outcome = Seed.Grade(TestRules.Scores(score, score, score, score, score, score));

        Assert.Equal((decimal)expectedTotal, outcome.Total);
        Assert.Equal(grade, outcome.Grade!.Name);
    }

    [Fact]
    public void Grade3_JustBelowABoundaryIsTheLowerGrade()
    {
        // 0.30×4 + 0.15×4 + 0.15×4 + 0.10×3 + 0.15×4 + 0.15×4 = 3.9
        Assert.Equal("B", Seed.Grade(TestRules.Scores(4, 4, 4, 3, 4, 4)).Grade!.Name);

        // 0.30×3 + 0.15×3 + 0.15×3 + 0.10×2 + 0.15×3 + 0.15×3 = 2.9
        Assert.Equal("C", Seed.Grade(TestRules.Scores(3, 3, 3, 2, 3, 3)).Grade!.Name);
    }

    [Fact]
    public void Grade3_ThresholdsWithManyDecimalsAreExact()
    {
        // With weights 0.1 (×10) every total is a multiple of 0.1; a threshold of 3.3 is reached by exactly 3.3.
        var rules = TestRules.FromJson("""
            { "valueGrading": {
                "indicators": [
                  {"name":"a","weight":0.1},{"name":"b","weight":0.1},{"name":"c","weight":0.1},{"name":"d","weight":0.1},{"name":"e","weight":0.1},
                  {"name":"f","weight":0.1},{"name":"g","weight":0.1},{"name":"h","weight":0.1},{"name":"i","weight":0.1},{"name":"j","weight":0.1}],
                "grades": { "A": {"minimumTotal": 3.3}, "B": {"minimumTotal": 2.999999} } } }
            """).ValueGrading;

        // 3×7 + 4×3 = 33 → 3.3 exactly (a double sum of ten 0.1 × score terms gives 3.2999999999999994).
        var outcome = rules.Grade(TestRules.Scores(3, 3, 3, 3, 3, 3, 3, 4, 4, 4));
        Assert.Equal(3.3m, outcome.Total);
        Assert.Equal("A", outcome.Grade!.Name);
        Assert.Equal("B", rules.Grade(TestRules.Scores(3, 3, 3, 3, 3, 3, 3, 3, 3, 3)).Grade!.Name);
    }

    [Fact]
    public void Grade4_EachGradeCarriesItsTreatment()
    {
        var a = Seed.FindGrade("A")!.Treatment;
        var b = Seed.FindGrade("B")!.Treatment;
        var c = Seed.FindGrade("C")!.Treatment;

        Assert.Equal((Period.FromMonths(1), "salesDirector", "dedicatedAdvisor", Duration.FromHours(24), "24x7"), (a.ContactInterval, a.OwnerRole, a.ServiceLevel, a.ResponseTime, a.ResponseCalendar));
        Assert.Equal(["visit", "deepTalk"], a.Channels);
        Assert.Equal((Period.FromMonths(3), "salesManager", "standard", Duration.FromHours(48)), (b.ContactInterval, b.OwnerRole, b.ServiceLevel, b.ResponseTime));
        Assert.Equal(["phone", "online"], b.Channels);
        Assert.Equal((Period.FromMonths(6), "customerService", "selfService", Duration.FromHours(72)), (c.ContactInterval, c.OwnerRole, c.ServiceLevel, c.ResponseTime));
        Assert.Equal(["email", "sms"], c.Channels);
    }

    [Fact]
    public void RenamedGrades_EveryFamilyThatNamesAGradeMustFollow()
    {
        var problems = TestRules.ProblemsOf("""
            { "valueGrading": { "grades": { "A": null, "a": { "minimumTotal": 4, "treatment": {"contactInterval":"P1M","ownerRole":"ceo","responseTime":"PT4H"} } } } }
            """);
        Assert.Equal(
        [
            "cadence.surveyIntervals.A: 'A' is not a grade of valueGrading.grades (grades: B, C, a); did you mean 'a'?",
            "demands.gradeOrder[0]: 'A' is not a grade of valueGrading.grades (grades: B, C, a); did you mean 'a'?",
            "churn.valueScores.A: 'A' is not a grade of valueGrading.grades (grades: B, C, a); did you mean 'a'?",
            "sla.policies[0].grade: 'A' is not a grade of valueGrading.grades (grades: B, C, a); did you mean 'a'?",
        ], problems);
    }

    [Fact]
    public void Grades_AreConfigurable_AnyNumberAndNames()
    {
        var rules = TestRules.FromJson("""
            { "valueGrading": { "grades": {
                "A": null, "B": null, "C": null,
                "Platinum": {"minimumTotal": 4.5, "treatment": {"contactInterval":"P2W","ownerRole":"ceo","responseTime":"PT4H"}},
                "Gold": {"minimumTotal": 3.5, "treatment": {"contactInterval":"P1M","ownerRole":"salesDirector","responseTime":"PT24H"}},
                "Silver": {"minimumTotal": 2.5, "treatment": {"contactInterval":"P3M","ownerRole":"salesManager","responseTime":"PT48H"}},
                "Bronze": {"treatment": {"contactInterval":"P1Y","ownerRole":"customerService","responseTime":"PT72H"}} } },
              "cadence": { "surveyIntervals": { "A": null, "B": null, "C": null, "Platinum": "P3M" } },
              "demands": { "gradeOrder": ["Platinum", "Gold", "Silver", "Bronze"] },
              "churn": { "valueScores": { "A": null, "B": null, "C": null, "Platinum": 5, "Gold": 4, "Silver": 2, "Bronze": 1 } },
              "sla": { "policies": [ { "name": "response-platinum", "kind": "response", "grade": "Platinum", "target": "PT4H" } ] } }
            """);

        // null removes a default map entry.
        Assert.Equal(["Platinum", "Gold", "Silver", "Bronze"], rules.ValueGrading.Grades.Select(g => g.Name));
        Assert.Equal("Gold", rules.ValueGrading.Grade(TestRules.Scores(4, 4, 4, 3, 4, 4)).Grade!.Name);
        Assert.Equal("Bronze", rules.ValueGrading.Grade(TestRules.Scores(2, 2, 2, 2, 2, 2)).Grade!.Name);
    }

    [Fact]
    public void Result_GivesEachIndicatorsRawValueScoreAndContribution()
    {
        var explanation = Seed.Explain(TestRules.Scores(5, 4, 3, 2, 1, 5));

        var frequency = explanation.Contributions[1];
        Assert.Equal(("frequency", 4, 0.15m, 0.6m), (frequency.Indicator, frequency.Score!.Value, frequency.EffectiveWeight, frequency.Contribution));
        Assert.Equal(explanation.Total, explanation.Contributions.Sum(c => c.Contribution));
        Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, explanation.Fingerprint);
    }

    [Fact]
    public void Result_GivesTheNextGradeAndTheSmallestRaiseThatReachesIt()
    {
        // 3.9: A needs +0.1; industryInfluence (weight 0.1) 3 → 4 does it with one point, as does any 0.15 indicator.
        var explanation = Seed.Explain(TestRules.Scores(4, 4, 4, 3, 4, 4));

        Assert.Equal("A", explanation.NextGrade!.Name);
        Assert.Equal(0.1m, explanation.TotalToNextGrade);
        Assert.Equal(1, explanation.RaisesToNextGrade[0].Points);
        Assert.Contains(explanation.RaisesToNextGrade, r => r is { Indicator: "industryInfluence", FromScore: 3, ToScore: 4 });
    }

    [Fact]
    public void Result_RaisesLeaveOutIndicatorsThatCannotReachTheNextGradeAlone()
    {
        // Total 1: B needs +2; historicalAmount (0.30) needs 7 points — beyond 5 — and so does every other indicator.
        var explanation = Seed.Explain(TestRules.Scores(1, 1, 1, 1, 1, 1));

        Assert.Equal("B", explanation.NextGrade!.Name);
        Assert.Equal(2m, explanation.TotalToNextGrade);
        Assert.Empty(explanation.RaisesToNextGrade);

        // Total 2.5: B needs +0.5; historicalAmount 2 → 4 (+0.6) is the only single raise that reaches it.
        var closer = Seed.Explain(TestRules.Scores(2, 3, 3, 4, 2, 2));
        Assert.Equal(2.5m, closer.Total);
        Assert.Equal(new IndicatorRaise("historicalAmount", 2, 4), closer.RaisesToNextGrade[0]);
    }

    [Fact]
    public void BestGrade_HasNoNextGrade()
    {
        var explanation = Seed.Explain(TestRules.Scores(5, 5, 5, 5, 5, 5));
        Assert.Null(explanation.NextGrade);
        Assert.Null(explanation.TotalToNextGrade);
    }

    [Fact]
    public void MissingValue_UnderTheRejectPolicy_IsNotGradedAndNamed()
    {
        var outcome = Seed.Grade(TestRules.Scores(5, 0, 5, 5, 5, 5));

        Assert.Equal(GradeStatus.MissingIndicator, outcome.Status);
        Assert.False(outcome.IsGraded);
        Assert.Equal("frequency", outcome.ProblemIndicator!.Name);
        Assert.Contains("missing frequency", Seed.Explain(TestRules.Scores(5, 0, 5, 5, 5, 5)).Problems.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void MissingValue_UnderTheRenormalizePolicy_ScalesTheRemainingWeights()
    {
        var rules = TestRules.FromJson("""{ "valueGrading": { "missingValues": "renormalize" } }""").ValueGrading;

        // historicalAmount (0.30) missing: the other 0.70 carry the total; all 4 → exactly 4, grade A.
        var explanation = rules.Explain(TestRules.Scores(0, 4, 4, 4, 4, 4));
        Assert.Equal(GradeStatus.GradedWithRenormalizedWeights, explanation.Status);
        Assert.True(explanation.WeightsRenormalized);
        Assert.Equal(4m, explanation.Total);
        Assert.Equal("A", explanation.Grade!.Name);
        Assert.Equal(0.15m / 0.70m, explanation.Contributions[1].EffectiveWeight);

        // A fraction is compared exactly: (0.15×4×3 + 0.10×4 + 0.15×3) / 0.70 = 2.65 / 0.70 = 3.7857…
        Assert.Equal("B", rules.Grade(TestRules.Scores(0, 4, 4, 4, 4, 3)).Grade!.Name);
    }

    [Fact]
    public void MissingValue_AllMissingIsNeverGraded()
    {
        var rules = TestRules.FromJson("""{ "valueGrading": { "missingValues": "renormalize" } }""").ValueGrading;
        Assert.Equal(GradeStatus.MissingIndicator, rules.Grade(new byte[6]).Status);
    }

    [Fact]
    public void OutOfRangeScore_IsNotGraded()
    {
        var outcome = Seed.Grade(TestRules.Scores(5, 5, 5, 6, 5, 5));

        Assert.Equal(GradeStatus.InvalidValue, outcome.Status);
        Assert.Equal("industryInfluence", outcome.ProblemIndicator!.Name);
    }

    [Fact]
    public void WrongVectorLength_Throws()
        => Assert.Throws<ArgumentException>(() => Seed.Grade(TestRules.Scores(1, 2, 3)));

    [Fact]
    public void Bands_TurnRawNumbersIntoScores_LowerBoundInclusive()
    {
        var rules = TestRules.FromJson("""
            { "valueGrading": { "indicators": [
                {"name":"amount","weight":0.5,"bands":[
                  {"max":10000,"score":1},{"min":10000,"max":50000,"score":2},{"min":50000,"max":200000,"score":3},
                  {"min":200000,"max":1000000,"score":4},{"min":1000000,"score":5}]},
                {"name":"influence","weight":0.5,"categories":{"leader":5,"regionalLeader":3,"sme":1}} ] } }
            """).ValueGrading;

        Assert.Equal(2, Score(rules, 0, IndicatorValue.FromNumber(10000m)));
        Assert.Equal(1, Score(rules, 0, IndicatorValue.FromNumber(9999.99m)));
        Assert.Equal(5, Score(rules, 0, IndicatorValue.FromNumber(1_000_000m)));
        Assert.Equal(1, Score(rules, 0, IndicatorValue.FromNumber(-5m)));
        Assert.Equal(3, Score(rules, 1, IndicatorValue.FromCategory("RegionalLeader")));

        var outcome = rules.Grade([IndicatorValue.FromNumber(250_000m), IndicatorValue.FromCategory("leader")]);
        Assert.Equal(4.5m, outcome.Total);
    }

    [Fact]
    public void Categories_UnknownLabelIsAProblemNamingTheKnownOnes()
    {
        var rules = TestRules.FromJson("""
            { "valueGrading": { "indicators": [
                {"name":"influence","weight":1,"categories":{"leader":5,"sme":1}} ] } }
            """).ValueGrading;

        Assert.False(rules.Indicators[0].TryScore(IndicatorValue.FromCategory("giant"), out _, out var problem));
        Assert.Equal("'giant' is not a category of 'influence' (known: leader, sme)", problem);
        Assert.Equal(GradeStatus.InvalidValue, rules.Grade([IndicatorValue.FromCategory("giant")]).Status);
    }

    [Fact]
    public void Bands_ValueBelowTheFirstBoundedBandIsAProblem()
    {
        var rules = TestRules.FromJson("""
            { "valueGrading": { "indicators": [ {"name":"n","weight":1,"bands":[{"min":0,"max":10,"score":1},{"min":10,"score":5}]} ] } }
            """).ValueGrading;

        Assert.False(rules.Indicators[0].TryScore(IndicatorValue.FromNumber(-1m), out _, out var problem));
        Assert.Equal("-1 lies in no band of 'n' ([0, 10) → 1, [10, ∞) → 5)", problem);
    }

    [Theory]
    [InlineData("2147483648")]
    [InlineData("-2147483648")]
    [InlineData("4294967295")]
    [InlineData("2147483647")]
    [InlineData("79228162514264337593543950335")]
    public void DirectIndicator_RefusesWholeNumbersFarBeyondItsScores(string text)
    {
        // Whole numbers far beyond the scores, some too large for millionths: refused with the same sentence.
        var number = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(Seed.Indicators[0].TryScore(IndicatorValue.FromNumber(number), out var score, out var problem));
        Assert.Equal(0, score);
        Assert.Equal($"score {text} is outside 1..5", problem);
    }

    [Fact]
    public void DirectIndicator_RefusesFractionsAndText()
    {
        var indicator = Seed.Indicators[0];
        Assert.False(indicator.TryScore(IndicatorValue.FromNumber(3.5m), out _, out var fraction));
        Assert.Equal("score 3.5 is outside 1..5 or not a whole number", fraction);
        Assert.False(indicator.TryScore(IndicatorValue.FromCategory("high"), out _, out var text));
        Assert.Equal("'high' is not a score; 'historicalAmount' takes a whole score from 1 to 5", text);
        Assert.True(indicator.TryScore(IndicatorValue.FromCategory("4"), out var parsed, out _));
        Assert.Equal(4, parsed);
    }

    [Fact]
    public void Batch_GivesTheSameOutcomesAsSingleGrading()
    {
        byte[] scores = [4, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 1, 2, 3, 4, 5, 1, 5, 0, 5, 5, 5, 5];
        var outcomes = new GradeOutcome[4];

        Seed.GradeBatch(scores, outcomes);

        for (var c = 0; c < 4; c++)
        {
            var single = Seed.Grade(scores.AsSpan(c * 6, 6));
            Assert.Equal((single.Status, single.Total, single.Grade?.Name), (outcomes[c].Status, outcomes[c].Total, outcomes[c].Grade?.Name));
        }

        Assert.Throws<ArgumentException>(() => Seed.GradeBatch(scores, new GradeOutcome[3]));
    }

    [Fact]
    public void ExplainByName_TreatsAbsentNamesAsMissingAndRefusesUnknownNames()
    {
        var values = Seed.Indicators.ToDictionary(i => i.Name, _ => IndicatorValue.FromScore(4));
        Assert.Equal("A", Seed.Explain(values).Grade!.Name);

        values.Remove("frequency");
        Assert.Equal(GradeStatus.MissingIndicator, Seed.Explain(values).Status);

        var error = Assert.Throws<ArgumentException>(() => Seed.Explain(new Dictionary<string, IndicatorValue> { ["revenue"] = IndicatorValue.FromScore(3) }));
        Assert.StartsWith("'revenue' is not an indicator of this model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Explanation_ReadsAsText()
    {
        var text = Seed.Explain(TestRules.Scores(4, 4, 4, 3, 4, 4)).ToString();
        Assert.Contains("grade B (potential): total 3.9 ≥ 3", text, StringComparison.Ordinal);
        Assert.Contains("industryInfluence: 3 → score 3 × 0.1 = 0.3", text, StringComparison.Ordinal);
        Assert.Contains("next grade A needs +0.1", text, StringComparison.Ordinal);
    }

    private static int Score(ValueGradingRules rules, int index, IndicatorValue value)
    {
        Assert.True(rules.Indicators[index].TryScore(value, out var score, out var problem), problem);
        return score;
    }
}
