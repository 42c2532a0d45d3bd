using Crm.Rules.Lint;
using NodaTime;

namespace Crm.Rules.Tests.Lint;

/// <summary>Every lint check on a configuration that trips it and one that does not; the seed standard lints clean.</summary>
public class LintTests
{
    private static readonly LocalDate Today = new(2026, 1, 1);

    private static LintReport Lint(string json, LocalDate? today = null) => RuleSetLinter.Lint(TestRules.FromJson(json), today);

    private static LintFinding[] Of(LintReport report, LintCheck check) => report.Findings.Where(f => f.Check == check).ToArray();

    private static LintFinding Single(LintReport report, LintCheck check) => Assert.Single(Of(report, check));

    [Fact]
    public void SeedStandard_IsClean_WithAndWithoutADate()
    {
        var report = RuleSetLinter.Lint(CrmRuleSet.SeedStandard, Today);
        Assert.True(report.IsClean, report.ToString());
        Assert.Empty(report.Findings);
        Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, report.Fingerprint);
        Assert.Empty(RuleSetLinter.Lint(TestRules.FreshSeed()).Findings);
        Assert.StartsWith($"rule set {report.Fingerprint}: clean", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_NullRuleSet_Throws()
        => Assert.Throws<ArgumentNullException>(() => RuleSetLinter.Lint(null!));

    // Seed weights are multiples of 0.05, so totals are too: nothing lies from 3.01 up to 3.04.
    private const string GradeGap = """{ "valueGrading": { "grades": { "A": { "minimumTotal": 3.04 }, "B": { "minimumTotal": 3.01 } } } }""";

    private const string SixOnes = "historicalAmount 1, frequency 1, grossMargin 1, industryInfluence 1, needMatch 1, willingness 1";
    private const string SixFives = "historicalAmount 5, frequency 5, grossMargin 5, industryInfluence 5, needMatch 5, willingness 5";

    [Fact]
    public void GradeUnreachable_AGradeBetweenTwoTotals()
    {
        var report = Lint(GradeGap);
        var finding = Single(report, LintCheck.GradeUnreachable);
        Assert.Equal(LintSeverity.Problem, finding.Severity);
        Assert.Equal("valueGrading.grades.B.minimumTotal", finding.Path);
        Assert.Equal("no customer can get grade 'B': it needs a total from 3.01 up to 3.04 (exclusive), and no combination of indicator scores gives one", finding.Message);
        Assert.Equal($"totals run from 1 ({SixOnes}) to 5 ({SixFives}); the nearest totals are 3 and 3.05", finding.CounterExample);
        Assert.False(report.IsClean);
    }

    [Fact]
    public void GradeUniversal_WhenTheIndicatorsCanOnlyScoreWithinOneGrade()
    {
        var report = Lint("""
            { "valueGrading": { "indicators": [
                { "name": "a", "weight": 0.5, "categories": { "x": 3, "y": 4 } },
                { "name": "b", "weight": 0.5, "categories": { "x": 3 } } ] } }
            """);
        var universal = Single(report, LintCheck.GradeUniversal);
        Assert.Equal("valueGrading.grades.B.minimumTotal", universal.Path);
        Assert.Equal("every customer gets grade 'B': every combination of indicator scores gives a total in its range (a total from 3 up to 4 (exclusive))", universal.Message);
        Assert.Equal("totals run from 3 (a 3, b 3) to 3.5 (a 4, b 3)", universal.CounterExample);
        Assert.Equal(["valueGrading.grades.A.minimumTotal", "valueGrading.grades.C"], Of(report, LintCheck.GradeUnreachable).Select(f => f.Path));
    }

    private const string TinyIndicator = """
        { "valueGrading": {
            "indicators": [ { "name": "big", "weight": 0.9 }, { "name": "tiny", "weight": 0.1 } ],
            "grades": { "A": { "minimumTotal": 4.2 }, "B": { "minimumTotal": 3.3 } } } }
        """;

    [Fact]
    public void DeadIndicator_ItsWholeRangeNeverCrossesAThreshold()
    {
        var finding = Single(Lint(TinyIndicator), LintCheck.DeadIndicator);
        Assert.Equal("valueGrading.indicators[1]", finding.Path);
        Assert.Equal("indicator 'tiny' never changes a grade: for every combination of the other indicators' scores, scoring it 1 or 5 gives the same grade", finding.Message);
        Assert.Equal("its weight 0.1 adds 0.1 to 0.5; the other indicators total one of 5 values from 0.9 to 4.5, and for none of them does that cross a grade threshold (4.2, 3.3)", finding.CounterExample);
    }

    [Fact]
    public void DeadIndicator_OneThatCanScoreOnlyOneValue()
    {
        var finding = Single(Lint("""
            { "valueGrading": { "indicators": [ { "name": "big", "weight": 0.9 }, { "name": "fixed", "weight": 0.1, "categories": { "any": 4 } } ] } }
            """), LintCheck.DeadIndicator);
        Assert.Equal("valueGrading.indicators[1]", finding.Path);
        Assert.Equal("indicator 'fixed' never changes a grade: every value it accepts scores 4", finding.Message);
        Assert.Null(finding.CounterExample);
    }

    private const string TurningBands = """
        { "valueGrading": { "indicators": [
            { "name": "amount", "weight": 0.5, "bands": [ { "max": 100, "score": 1 }, { "min": 100, "max": 500, "score": 4 }, { "min": 500, "score": 2 } ] },
            { "name": "fit", "weight": 0.5 } ] } }
        """;

    [Fact]
    public void NonMonotoneBands_AHigherRawValueScoresLower()
    {
        var finding = Single(Lint(TurningBands), LintCheck.NonMonotoneBands);
        Assert.Equal("valueGrading.indicators[0].bands[2]", finding.Path);
        Assert.Equal("the bands of 'amount' are not monotone: the score rises and then falls, so a higher raw value can score lower than a smaller one", finding.Message);
        Assert.Equal("raw 99 scores 1 and raw 100 scores 4, but the higher raw 500 scores 2", finding.CounterExample);
    }

    [Fact]
    public void LeadThresholdUnreachable_ALabelInAGapAndAnAdvanceAboveEveryTotal()
    {
        var report = Lint("""{ "leadScoring": { "advanceAtPoints": 8, "labels": { "high-potential": { "minimumPoints": 6 }, "normal": { "minimumPoints": 6.5 } } } }""");
        var findings = Of(report, LintCheck.LeadThresholdUnreachable);
        Assert.Equal(["leadScoring.labels.high-potential.minimumPoints", "leadScoring.advanceAtPoints"], findings.Select(f => f.Path));
        Assert.Equal("no lead can get label 'high-potential': it needs a total from 6 up to 6.5 (exclusive), and no combination of met criteria gives one", findings[0].Message);
        Assert.Equal("no lead can advance: it needs 8 points, more than every criterion together gives", findings[1].Message);
        Assert.Equal("totals run from 0 (no criterion met or only those with negative points) to 7 (every criterion with positive points met); reachable: 0, 2, 3, 4, 5, 7", findings[1].CounterExample);
    }

    private const string FewChurnSignals = """
        { "churn": { "signals": {
            "noUse": { "enabled": false }, "amountDrop": { "enabled": false }, "keyContactLeft": { "enabled": false },
            "contactFrequencyDrop": { "enabled": false }, "negativeFeedback": { "enabled": false }, "renewalRefused": { "enabled": false },
            "unresolvedComplaints": { "enabled": false }, "lowProbabilityAlive": { "enabled": false } } } }
        """;

    [Fact]
    public void ChurnBandUnreachable_AThresholdAboveTheHighestTotal()
    {
        var finding = Single(Lint(FewChurnSignals), LintCheck.ChurnBandUnreachable);
        Assert.Equal("churn.bands.high.minimumTotal", finding.Path);
        Assert.Equal("band 'high' starts at 12, above the highest total 8: no customer reaches it", finding.Message);
        Assert.Equal("totals run from 3 (no signal fired, value score 1) to 8 (every enabled signal fired, value score 5)", finding.CounterExample);
    }

    [Fact]
    public void ChurnSignalDead_ASignalWorthNoPoints()
    {
        var finding = Single(Lint("""{ "churn": { "signals": { "keyContactLeft": { "points": 0 } } } }"""), LintCheck.ChurnSignalDead);
        Assert.Equal("churn.signals.keyContactLeft.points", finding.Path);
        Assert.Equal("signal 'keyContactLeft' never changes a churn band: whatever other signals fire and whatever the value score, its 0 points never move the total across a band threshold (12, 8)", finding.Message);
        Assert.Equal("its largest move is 3 → 3 (with no other signal fired and value score 1), within band 'low'", finding.CounterExample);
    }

    [Fact]
    public void ChurnSlaPolicyMissing_APlaybookNamesAPolicyThatIsNotThere()
    {
        var finding = Single(Lint("""{ "churn": { "bands": { "high": { "slaPolicies": ["churn-cause-analysis", "rescue"] } } } }"""), LintCheck.ChurnSlaPolicyMissing);
        Assert.Equal("churn.bands.high.slaPolicies[1]", finding.Path);
        Assert.Equal("band 'high' runs its response under SLA policy 'rescue', which sla.policies does not have: no clock can start for it", finding.Message);
    }

    [Fact]
    public void SlaPolicyShadowed_AnEarlierPolicyWithTheSameSelectors()
    {
        var finding = Single(Lint("""
            { "sla": { "policies": [
                { "name": "churn-cause-analysis", "kind": "crisis", "target": "PT4H" },
                { "name": "churn-executive-talk", "kind": "CRISIS", "target": "PT2H" },
                { "name": "vip-crisis", "kind": "crisis", "priority": "vip", "target": "PT1H" } ] } }
            """), LintCheck.SlaPolicyShadowed);
        Assert.Equal("sla.policies[1]", finding.Path);
        Assert.Equal("policy 'churn-executive-talk' is never selected by matching: the earlier policy 'churn-cause-analysis' (sla.policies[0]) has the same selectors and wins every tie; only a ticket that names 'churn-executive-talk' uses it", finding.Message);
        Assert.Equal("a ticket with grade (any), kind CRISIS, priority (any) gets 'churn-cause-analysis'", finding.CounterExample);
    }

    private const string ClosedYear = """
        { "sla": { "calendars": { "shut": { "timeZone": "Europe/Paris", "week": { "monday": ["09:00-17:00"] },
            "holidays": ["2026-01-01/2026-12-31", "2027-01-01"] } } } }
        """;

    [Fact]
    public void SlaCalendarNeverOpen_HolidaysCloseTheWholeYearAhead()
    {
        var finding = Single(Lint(ClosedYear, Today), LintCheck.SlaCalendarNeverOpen);
        Assert.Equal("sla.calendars.shut", finding.Path);
        Assert.Equal("calendar 'shut' has no working time from 2026-01-01 to 2027-01-01: a clock started in that year does not run before it ends", finding.Message);
        Assert.Equal("holidays and overrides close every working day of its week in that year; no policy uses it", finding.CounterExample);
        Assert.Empty(Of(Lint(ClosedYear, new LocalDate(2026, 6, 1)), LintCheck.SlaCalendarNeverOpen));
        Assert.Empty(Of(Lint(ClosedYear), LintCheck.SlaCalendarNeverOpen));
    }

    [Fact]
    public void SlaCalendarNeverOpen_AWeekWithoutWorkingTime_IsAlreadyRefusedByValidation()
        => Assert.Contains("sla.calendars.never.week: has no working hours on any day; a deadline on it would never come",
            TestRules.ProblemsOf("""{ "sla": { "calendars": { "never": { "timeZone": "Asia/Shanghai", "week": {} } } } }"""));

    [Fact]
    public void SlaHolidayOnClosedDay_IsANoteAndLeavesTheRuleSetClean()
    {
        var report = Lint("""{ "sla": { "calendars": { "business": { "holidays": ["2026-10-01", "2026-10-03/2026-10-04", "2026-10-02/2026-10-03"] } } } }""");
        Assert.True(report.IsClean, report.ToString());
        var finding = Single(report, LintCheck.SlaHolidayOnClosedDay);
        Assert.Equal(LintSeverity.Note, finding.Severity);
        Assert.Equal("sla.calendars.business.holidays[1]", finding.Path);
        Assert.Equal("holiday 2026-10-03/2026-10-04 of calendar 'business' falls only on days its week already closes, so it changes nothing (real public holidays do fall on weekends; a note, not a problem)", finding.Message);
        Assert.Equal("2026-10-03 is a Saturday, 2026-10-04 is a Sunday", finding.CounterExample);
    }

    private const string Deal = """
        { "lifecycle": { "machines": { "deal": {
            "stages": ["open", "won", "lost"],
            "facts": { "score": "number", "signed": "boolean" },
            "transitions": [
                { "from": "open", "to": "won", "guards": [ { "fact": "score", "atLeast": 5 }, { "fact": "score", "atMost": 3 } ] },
                { "from": "open", "to": "lost", "kind": "exit" } ] } } } }
        """;

    [Fact]
    public void GuardContradiction_AndTheStageOnlyItLeadsTo()
    {
        var report = Lint(Deal);
        var guard = Single(report, LintCheck.GuardContradiction);
        Assert.Equal("lifecycle.machines.deal.transitions[0].guards[1]", guard.Path);
        Assert.Equal("the guards of deal transition open → won contradict each other: no record can pass them", guard.Message);
        Assert.Equal("score ≥ 5 and score ≤ 3", guard.CounterExample);
        var stage = Single(report, LintCheck.StageUnreachable);
        Assert.Equal("lifecycle.machines.deal.stages[1]", stage.Path);
        Assert.Equal("stage 'won' of machine 'deal' cannot be reached from its first stage 'open': no transition whose guards can pass leads there", stage.Message);
        Assert.Equal("reachable from 'open': open, lost", stage.CounterExample);
    }

    [Fact]
    public void GuardContradiction_NoAlternativeCanPass()
    {
        var finding = Single(Lint("""
            { "lifecycle": { "machines": { "deal": {
                "stages": ["open", "won"],
                "facts": { "score": "number", "signed": "boolean" },
                "transitions": [ { "from": "open", "to": "won", "guards": [
                    { "fact": "signed", "is": true }, { "fact": "score", "atLeast": 5 },
                    { "anyOf": [ { "fact": "signed", "is": false }, { "fact": "score", "atMost": 1 } ] } ] } ] } } } }
            """), LintCheck.GuardContradiction);
        Assert.Equal("lifecycle.machines.deal.transitions[0].guards[2]", finding.Path);
        Assert.Equal("none of its 2 alternatives can pass together with the transition's other guards (score ≥ 5, signed is true)", finding.CounterExample);
    }

    [Fact]
    public void StageExitOnly_TheFlowGoesOnFromAStageOnlyAnExitReaches()
    {
        var finding = Single(Lint("""
            { "lifecycle": { "machines": { "deal": {
                "stages": ["open", "won", "lost", "reopened"],
                "facts": { "signed": "boolean" },
                "transitions": [
                    { "from": "open", "to": "won", "guards": [ { "fact": "signed", "is": true } ] },
                    { "from": "open", "to": "lost", "kind": "exit" },
                    { "from": "lost", "to": "reopened" } ] } } } }
            """), LintCheck.StageExitOnly);
        Assert.Equal("lifecycle.machines.deal.stages[2]", finding.Path);
        Assert.Equal("stage 'lost' of machine 'deal' is reached only through exit transitions, which are never proposed, yet transitions lead on from it (to reopened)", finding.Message);
        Assert.Equal("the only way there: open → lost (exit)", finding.CounterExample);
    }

    [Fact]
    public void ContactLongerThanSurvey_GradeIntervalsAndEventFollowUps()
    {
        var report = Lint("""
            { "valueGrading": { "grades": { "A": { "treatment": { "contactInterval": "P6M" } } } },
              "cadence": { "eventFollowUps": { "delivery": "P2W" } } }
            """);
        var findings = Of(report, LintCheck.ContactLongerThanSurvey);
        Assert.Equal(["valueGrading.grades.A.treatment.contactInterval", "cadence.eventFollowUps.delivery"], findings.Select(f => f.Path));
        Assert.Equal("grade 'A' is contacted every P6M but surveyed every P3M (cadence.surveyIntervals.A): a survey falls due before the contact it should follow up", findings[0].Message);
        Assert.Equal("after a contact on 2024-01-01 the next contact is due 2024-07-01 but the survey 2024-04-01", findings[0].CounterExample);
        Assert.Equal("the follow-up contact after a 'delivery' event is due P2W after it, later than the survey after it (P1W, cadence.surveyAfterEvents.delivery): the survey comes before the contact", findings[1].Message);
    }

    [Fact]
    public void ContactLongerThanSurvey_AMonthAgainstThirtyDaysDependsOnTheDate()
    {
        var finding = Single(Lint("""{ "valueGrading": { "grades": { "A": { "treatment": { "contactInterval": "P1M" } } } }, "cadence": { "surveyIntervals": { "A": "P30D" } } }""", Today), LintCheck.ContactLongerThanSurvey);
        Assert.Equal("after a contact on 2026-01-01 the next contact is due 2026-02-01 but the survey 2026-01-31", finding.CounterExample);
    }

    /// <summary>Near misses: each is one step from tripping its check and must not.</summary>
    [Theory]
    [InlineData(LintCheck.GradeUnreachable, """{ "valueGrading": { "grades": { "A": { "minimumTotal": 3.06 }, "B": { "minimumTotal": 3.01 } } } }""")]
    [InlineData(LintCheck.GradeUniversal, """{ "valueGrading": { "indicators": [ { "name": "a", "weight": 0.5, "categories": { "x": 3, "y": 5 } }, { "name": "b", "weight": 0.5, "categories": { "x": 3 } } ] } }""")]
    [InlineData(LintCheck.DeadIndicator, """{ "valueGrading": { "indicators": [ { "name": "big", "weight": 0.9 }, { "name": "tiny", "weight": 0.1 } ], "grades": { "A": { "minimumTotal": 4.2 }, "B": { "minimumTotal": 3.2 } } } }""")]
    [InlineData(LintCheck.NonMonotoneBands, """{ "valueGrading": { "indicators": [ { "name": "daysSinceOrder", "weight": 0.5, "bands": [ { "max": 30, "score": 5 }, { "min": 30, "max": 90, "score": 5 }, { "min": 90, "score": 1 } ] }, { "name": "fit", "weight": 0.5 } ] } }""")]
    [InlineData(LintCheck.LeadThresholdUnreachable, """{ "leadScoring": { "advanceAtPoints": 7, "labels": { "high-potential": { "minimumPoints": 7 }, "normal": { "minimumPoints": 2 } } } }""")]
    [InlineData(LintCheck.ChurnBandUnreachable, """{ "churn": { "bands": { "high": { "minimumTotal": 15 }, "medium": { "minimumTotal": 4 } } } }""")]
    [InlineData(LintCheck.ChurnSignalDead, """{ "churn": { "signals": { "keyContactLeft": { "points": 1, "dimension": "attitude" } } } }""")]
    [InlineData(LintCheck.ChurnSlaPolicyMissing, """{ "churn": { "bands": { "medium": { "slaPolicies": ["crisis-first-response"] } } } }""")]
    [InlineData(LintCheck.SlaPolicyShadowed, """{ "sla": { "policies": [ { "name": "churn-cause-analysis", "kind": "crisis", "target": "PT4H" }, { "name": "churn-executive-talk", "kind": "crisis", "priority": "vip", "target": "PT2H" } ] } }""")]
    [InlineData(LintCheck.SlaHolidayOnClosedDay, """{ "sla": { "calendars": { "business": { "holidays": ["2026-10-01", "2026-10-02/2026-10-04"] } } } }""")]
    [InlineData(LintCheck.GuardContradiction, """{ "lifecycle": { "machines": { "deal": { "stages": ["open", "won"], "facts": { "score": "number" }, "transitions": [ { "from": "open", "to": "won", "guards": [ { "fact": "score", "atLeast": 3 }, { "fact": "score", "atMost": 3 } ] } ] } } } }""")]
    [InlineData(LintCheck.ContactLongerThanSurvey, """{ "valueGrading": { "grades": { "A": { "treatment": { "contactInterval": "P3M" } } } }, "cadence": { "eventFollowUps": { "delivery": "P7D" } } }""")]
    public void NearMisses_AreNotFindings(LintCheck check, string json)
        => Assert.Empty(Of(Lint(json, Today), check));

    [Theory]
    [InlineData(LintCheck.StageUnreachable)]
    [InlineData(LintCheck.StageExitOnly)]
    [InlineData(LintCheck.SlaCalendarNeverOpen)]
    public void TheSeedStandard_HasNoFindingOf(LintCheck check)
        => Assert.Empty(Of(RuleSetLinter.Lint(CrmRuleSet.SeedStandard, Today), check));

    [Fact]
    public void Report_ToJson_UsesTheCheckWordsAndKeepsTextAsItIs()
    {
        var json = Lint(Deal).ToJson();
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.False(root.GetProperty("clean").GetBoolean());
        Assert.Equal(16, root.GetProperty("fingerprint").GetString()!.Length);
        var first = root.GetProperty("findings")[0];
        Assert.Equal("guardContradiction", first.GetProperty("check").GetString());
        Assert.Equal("problem", first.GetProperty("severity").GetString());
        Assert.Equal("lifecycle.machines.deal.transitions[0].guards[1]", first.GetProperty("path").GetString());
        Assert.Contains("score ≥ 5", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_ToString_SaysWhatItFound()
    {
        var text = Lint(Deal).ToString();
        Assert.Contains(": 2 problems", text, StringComparison.Ordinal);
        Assert.Contains("problem guardContradiction at lifecycle.machines.deal.transitions[0].guards[1]: the guards of deal transition open → won contradict each other", text, StringComparison.Ordinal);
        Assert.Contains("    e.g. score ≥ 5 and score ≤ 3", text, StringComparison.Ordinal);
    }
}
