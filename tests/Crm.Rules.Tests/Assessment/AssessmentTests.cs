using Crm.Rules.Analytics;
using Crm.Rules.Assessment;
using Crm.Rules.Cadence;
using Crm.Rules.Churn;
using Crm.Rules.Lifecycle;
using Crm.Rules.Scoring;
using Crm.Rules.Sla;
using NodaTime;

namespace Crm.Rules.Tests.Assessment;

/// <summary>One customer across the families: the links between sections (GRADE-5, CAD-1, CHURN-3/4, SLA-1/6, LIFE-4).</summary>
public class AssessmentTests
{
    private static readonly LocalDate Today = new(2026, 11, 24);
    private static readonly CrmRuleSet Seed = CrmRuleSet.SeedStandard;
    private static readonly Instant AsOf = Seed.Assessment.StartOf(Today);

    private static Dictionary<string, IndicatorValue> Indicators(params decimal[] scores)
        => Seed.ValueGrading.Indicators.Select((i, n) => (i.Name, Value: IndicatorValue.FromNumber(scores[n]))).ToDictionary(x => x.Name, x => x.Value);

    private static readonly ChurnFacts Risky = new(Today)
    {
        LastUse = Today.PlusDays(-100), CompetitorInquiry = true, KeyContactLeft = true, NegativeFeedback = true, RenewalRefused = true,
        UnresolvedComplaints = 1, ContactsPerMonthBefore = 4, ContactsPerMonthNow = 1,
    };

    [Fact]
    public void Missing_IsOneSharedReadOnlyListPerSet_InSectionOrder()
    {
        // Every assessment missing the same sections shares one read-only list (made once for all 256 sets): no
        // array per customer, and a caller cannot change what other assessments hold.
        var (graded, lead) = (new CustomerProfile("c1") { Grade = "B" }, new CustomerProfile("c2") { Grade = "A", LeadCriteria = ["budgetClear"] });
        var a = Seed.Assessment.Assess(graded, AsOf);
        Assert.Same(a.Missing, Seed.Assessment.Assess(graded with { Id = "c3" }, AsOf).Missing);
        Assert.Equal([AssessmentSection.Lead, AssessmentSection.Churn, AssessmentSection.Cadence, AssessmentSection.Lifecycle, AssessmentSection.Analytics, AssessmentSection.DataQuality], a.Missing);
        Assert.False(a.Missing is AssessmentSection[]);
        Assert.NotSame(a.Missing, Seed.Assessment.Assess(lead, AsOf).Missing);
    }

    [Fact]
    public void Grade5_AGivenGradeStaysInEffect_WhileTheComputedChangeWaitsForApproval()
    {
        var a = Seed.Assessment.Assess(new CustomerProfile("c1") { Grade = "B", Indicators = Indicators(5, 5, 5, 5, 5, 5), Cadence = new CadenceCustomer("c1") { LastContact = Today.PlusDays(-10) } }, AsOf);

        Assert.Equal("A", a.Grade!.Outcome.Grade!.Name);
        Assert.Equal("B", a.Grade.InEffect!.Name);
        Assert.Equal(GradeSource.Given, a.Grade.Source);
        Assert.Equal(GradeAssignmentStatus.PendingApproval, a.Grade.Approval.Status);
        Assert.Equal("A", a.Grade.Approval.ProposedGrade);
        Assert.Equal("response-B", a.Sla!.Response!.Name); // SLA-1 follows the grade in effect
        Assert.Equal(Seed.Cadence.Plan(new CadenceCustomer("c1") { Grade = "B", LastContact = Today.PlusDays(-10) }, Today).ToString(), a.Cadence!.ToString());
        Assert.Empty(a.Conflicts);
    }

    [Fact]
    public void Grade5_AComputedGradeThatConfirmsTheGivenOne_ProposesNothing()
    {
        // What GradeAssignment.Propose gives for the same grade: approved, nothing pending, under either policy.
        foreach (var rules in new[] { Seed, CrmRuleSet.Parse(""" { "valueGrading": { "approval": { "required": false } } } """) })
        {
            var a = rules.Assessment.Assess(new CustomerProfile("c1") { Grade = "A", Indicators = Indicators(5, 5, 5, 5, 5, 5) }, AsOf);
            Assert.Equal("A", a.Grade!.Outcome.Grade!.Name);
            Assert.Equal(new GradeAssignment { ApprovedGrade = "A" }.Propose("A", AsOf, rules.ValueGrading.Approval), a.Grade.Approval);
            Assert.Equal(GradeAssignmentStatus.Approved, a.Grade.Approval.Status);
            Assert.Null(a.Grade.Approval.ProposedGrade);
        }
    }

    [Fact]
    public void Grade5_UnderGradeInEffectComputed_TheComputedGradeDrives_AndTheDifferenceIsAConflict()
    {
        var rules = CrmRuleSet.Parse("""{ "assessment": { "gradeInEffect": "computed" } }""");
        var a = rules.Assessment.Assess(new CustomerProfile("c1") { Grade = "C", Indicators = Indicators(5, 5, 5, 5, 5, 5) }, rules.Assessment.StartOf(Today));

        Assert.Equal("A", a.Grade!.InEffect!.Name);
        Assert.Equal(GradeSource.Computed, a.Grade.Source);
        Assert.Equal("response-A", a.Sla!.Response!.Name);
        Assert.Single(a.Conflicts);
        Assert.Contains("given C, computed A", a.Conflicts[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Grade5_ACustomerNeverGradedUsesTheComputedGrade()
    {
        var a = Seed.Assessment.Assess(new CustomerProfile("c1") { Indicators = Indicators(5, 5, 5, 5, 5, 5) }, AsOf);
        Assert.Equal("A", a.Grade!.InEffect!.Name);
        Assert.Equal(GradeSource.Computed, a.Grade.Source);
        Assert.Equal(GradeAssignmentStatus.PendingApproval, a.Grade.Approval.Status);
    }

    [Theory]
    [InlineData("A", 5)]
    [InlineData("B", 3)]
    [InlineData("C", 1)]
    public void Churn3_TheGradeInEffectIsTheValueGrade(string grade, int valueScore)
    {
        var a = Seed.Assessment.Assess(new CustomerProfile("c1") { Grade = grade, Churn = new ChurnFacts(Today) }, AsOf);
        Assert.Equal(valueScore, a.Churn!.Outcome.Value);
        Assert.Equal(grade, a.Churn.ValueGrade);
        Assert.Equal(Seed.Churn.Score(new ChurnFacts(Today) { ValueGrade = grade }), a.Churn.Outcome);
    }

    [Fact]
    public void Churn3_WithoutTheLink_TheValueIsUngraded()
    {
        var rules = CrmRuleSet.Parse("""{ "assessment": { "gradeFeedsChurnValue": false } }""");
        var a = rules.Assessment.Assess(new CustomerProfile("c1") { Grade = "A", Churn = new ChurnFacts(Today) }, rules.Assessment.StartOf(Today));
        Assert.Null(a.Churn!.ValueGrade);
        Assert.Equal(3, a.Churn.Outcome.Value);
    }

    [Fact]
    public void Churn4_Sla6_AHighBandStartsThePlaybooksDeadlinesAtTheAsOfInstant()
    {
        var a = Seed.Assessment.Assess(new CustomerProfile("c1") { Grade = "A", Churn = Risky }, AsOf);

        Assert.Equal("high", a.Churn!.Outcome.Band.Name);
        Assert.Equal("salesDirector", a.Churn.Playbook.OwnerRole);
        Assert.Equal(["churn-cause-analysis", "churn-executive-talk"], a.Sla!.Deadlines.Select(d => d.Policy));
        Assert.Equal(AsOf + Duration.FromHours(24), a.Sla.Deadlines[0].Deadline);
        Assert.Equal(AsOf + Duration.FromHours(72), a.Sla.Deadlines[1].Deadline);
    }

    [Fact]
    public void Churn4_Sla6_ABandsDeadlinesAreSharedAtOneAsOf_AndMadeAgainForAnother()
    {
        // The playbook clocks depend on the policy and the as-of instant alone: customers of one band at one instant
        // share one read-only list, equal to the SLA family's own evaluation; another instant gets its own.
        var profile = new CustomerProfile("c1") { Grade = "A", Churn = Risky };
        var first = Seed.Assessment.Assess(profile, AsOf).Sla!.Deadlines;
        Assert.Same(first, Seed.Assessment.Assess(profile with { Id = "c2" }, AsOf).Sla!.Deadlines);
        Assert.False(first is SlaAssessment[]);

        var later = AsOf + Duration.FromDays(3);
        var moved = Seed.Assessment.Assess(profile with { Churn = Risky with { AsOf = Today.PlusDays(3) } }, later).Sla!.Deadlines;
        Assert.NotSame(first, moved);
        var policies = Seed.Assessment.PlaybookPolicies(Seed.Assessment.Assess(profile, AsOf).Churn!.Outcome.Band);
        Assert.Equal(policies.Select(p => Alone(Seed.Sla.Evaluate(SlaClock.Start(p, later), later))), moved.Select(Alone));
        Assert.Equal(policies.Select(p => Alone(Seed.Sla.Evaluate(SlaClock.Start(p, AsOf), AsOf))), Seed.Assessment.Assess(profile, AsOf).Sla!.Deadlines.Select(Alone));
        Assert.Equal(Seed.Sla.Evaluate(SlaClock.Start(policies[0], AsOf), AsOf).Explanation, first[0].Explanation);

        // Everything but the explanation, which the assessment defers (the same lines, made when read).
        static object Alone(SlaAssessment s) => (s.Policy, s.Calendar, s.AsOf, s.Status, s.Target, s.Deadline, s.Elapsed, s.Paused, s.BreachedAt, s.WarningLevel, s.Fingerprint);
    }

    [Fact]
    public void Churn4_Sla6_ThreadsAssessingAtDifferentInstantsEachGetTheirOwnDeadlines()
    {
        // A host (the HTTP service, Orleans) assesses at many instants at once: the kept deadlines of one instant are
        // never handed to a caller at another, however the threads interleave.
        var rules = TestRules.FromJson("{}").Assessment;
        var instants = Enumerable.Range(0, 4).Select(d => AsOf + Duration.FromHours(7 * d)).ToArray();
        var profile = new CustomerProfile("c1") { Grade = "A", Churn = Risky };
        var policies = rules.PlaybookPolicies(rules.Assess(profile, AsOf).Churn!.Outcome.Band);
        var expected = instants.Select(t => policies.Select(p => Seed.Sla.Evaluate(SlaClock.Start(p, t), t)).Select(d => (d.AsOf, d.Deadline)).ToArray()).ToArray();
        Parallel.For(0, 4_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var at = i % instants.Length;
            Assert.Equal(expected[at], rules.Assess(profile, instants[at]).Sla!.Deadlines.Select(d => (d.AsOf, d.Deadline)));
        });
    }

    [Fact]
    public void Life4_TheProposedStageCarriesItsStrategy()
    {
        var facts = new StageFacts().With("firstDealDone", true);
        var a = Seed.Assessment.Assess(new CustomerProfile("c1") { Stage = "acquisition", StageFacts = facts }, AsOf);

        Assert.Equal("growth", a.Lifecycle!.Proposal.Proposed);
        Assert.Equal("repeat purchase", a.Lifecycle.Strategy);
        Assert.Equal(Seed.Lifecycle.Machine("lifecycle")!.Propose("acquisition", facts).Proposed, a.Lifecycle.Proposal.Proposed);
    }

    [Fact]
    public void Life4_ThePermittedMoves_AreTheExplainedMoves_ExplainedOnlyWhenAskedFor()
    {
        var facts = new StageFacts().With("amountChange", -0.4m).With("renewalRefused", true);
        var a = Seed.Assessment.Assess(new CustomerProfile("c1") { Stage = "maturity", StageFacts = facts }, AsOf);
        var decision = Seed.Lifecycle.Machine("lifecycle")!.Decide("maturity", "maturity", facts);

        Assert.Equal(["decline"], a.Lifecycle!.Permitted);
        Assert.Equal(decision.Permitted, a.Lifecycle.Permitted);
        Assert.Equal(decision.Moves.Select(m => m.ToString()), a.Lifecycle.Moves.Moves.Select(m => m.ToString()));
        Assert.Same(a.Lifecycle.Moves, a.Lifecycle.Moves);
    }

    [Fact]
    public void ASectionWithoutInputs_IsLeftOut_AndListedAsMissing()
    {
        var a = Seed.Assessment.Assess(new CustomerProfile("c1"), AsOf);
        Assert.Null(a.Grade);
        Assert.Null(a.Sla);
        Assert.Equal(Enum.GetValues<AssessmentSection>(), a.Missing);
        Assert.Equal(Seed.Fingerprint, a.Fingerprint);
    }

    [Fact]
    public void Lead1_Rfm1_Data1_Data2_TheOtherSections()
    {
        var a = Seed.Assessment.Assess(new CustomerProfile("RT2024001")
        {
            LeadCriteria = ["industryMatch", "budgetClear"],
            Transactions = new RfmFigures("RT2024001", 20, 6, 1_200m),
            LoyaltyTier = "gold",
            Fields = new Dictionary<string, string?> { ["name"] = "Acme", ["contactPerson"] = "", ["coreNeed"] = "ERP" },
        }, AsOf);

        Assert.Equal(5m, a.Lead!.Points);
        Assert.Equal("high-potential", a.Lead.Label.Name);
        Assert.Equal(Seed.Analytics.BandScores(new RfmFigures("RT2024001", 20, 6, 1_200m)), a.Analytics!.Scores);
        Assert.Equal("gold", a.Analytics.LoyaltyTier);
        Assert.True(a.DataQuality!.Id.IsValid);
        Assert.Equal(["contactPerson", "contactDetails"], a.DataQuality.Completeness.MissingFields);
    }

    [Theory]
    [InlineData("grade")]
    [InlineData("stage")]
    [InlineData("leadCriteria")]
    public void UnknownNames_AreInputErrorsNamingTheField(string field)
    {
        var profile = field switch
        {
            "grade" => new CustomerProfile("c1") { Grade = "Z" },
            "stage" => new CustomerProfile("c1") { Stage = "nowhere" },
            _ => new CustomerProfile("c1") { LeadCriteria = ["psychic"] },
        };
        var e = Assert.Throws<CrmInputException>(() => Seed.Assessment.Assess(profile, AsOf));
        Assert.Equal(field, e.Field);
        Assert.Equal("c1", e.RecordId);
    }

    [Fact]
    public void Explain_BuildsTheLinks_OnlyWhenAskedFor()
    {
        var profile = new CustomerProfile("c1") { Grade = "A", Churn = Risky, Cadence = new CadenceCustomer("c1") { LastContact = Today.PlusDays(-40) }, Stage = "maturity" };
        Assert.Empty(Seed.Assessment.Assess(profile, AsOf).Links);
        var explained = Seed.Assessment.Assess(profile, AsOf, explain: true);
        Assert.Contains(explained.Links, l => l.StartsWith("grade A (given, approved) → cadence, churn value, response policy", StringComparison.Ordinal));
        Assert.Contains(explained.Links, l => l.Contains("→ playbook: salesDirector, deadlines churn-cause-analysis, churn-executive-talk", StringComparison.Ordinal));
        Assert.NotNull(explained.Churn!.Explanation);
        Assert.Equal(explained.Churn.Outcome, Seed.Assessment.Assess(profile, AsOf).Churn!.Outcome);
    }

    [Fact]
    public void Validation_ReportsEveryLinkProblemWithItsPath()
    {
        var problems = TestRules.ProblemsOf("""{ "assessment": { "lifecycleMachine": "nope", "timeZone": "Mars/Olympus", "planWeeks": 0, "topAtRisk": -1, "responseKind": "" } }""");
        Assert.Contains(problems, p => p.StartsWith("assessment.lifecycleMachine: 'nope' is not a machine", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("assessment.timeZone:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("assessment.planWeeks:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("assessment.topAtRisk:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("assessment.responseKind:", StringComparison.Ordinal));
        Assert.Contains(TestRules.ProblemsOf("""{ "assessment": { "stageStrategies": { "limbo": "wait" } } }"""), p => p.StartsWith("assessment.stageStrategies.limbo: is not a stage of 'lifecycle'", StringComparison.Ordinal));
    }

    [Fact]
    public void Summary_CountsPlansAndRanksTheRiskiest()
    {
        var profiles = new[]
        {
            new CustomerProfile("a") { Grade = "A", Churn = Risky, Transactions = new RfmFigures("a", 10, 5, 900m), Cadence = new CadenceCustomer("a") { LastContact = Today.PlusDays(-40) } },
            new CustomerProfile("b") { Grade = "B", Churn = Risky, Transactions = new RfmFigures("b", 10, 5, 5_000m), Cadence = new CadenceCustomer("b") { LastContact = Today.PlusDays(-80) } },
            new CustomerProfile("c") { Grade = "C", Churn = new ChurnFacts(Today), Stage = "growth" },
            new CustomerProfile("d"),
        };
        var summary = new CustomerAssessor(new FixedRuleSet(Seed)).Summarise(profiles, AsOf);

        Assert.Equal(4, summary.Customers);
        Assert.Equal([new NamedCount("A", 1), new NamedCount("B", 1), new NamedCount("C", 1), new NamedCount("none", 1)], summary.Grades);
        Assert.Equal(5_000m, summary.ValueByGrade.Single(v => v.Name == "B").Amount);
        Assert.Equal(["b", "a"], summary.TopAtRisk.Take(2).Select(r => r.Id)); // both high; b has more at stake
        Assert.Equal(2, summary.ContactWeeks.Sum(w => w.Total) + summary.ContactsLater);
        Assert.Equal(1, summary.Stages.Single(s => s.Name == "growth").Count);
        Assert.Equal(4, summary.Missing.Single(m => m.Name == "lead").Count);
    }

    private sealed class FixedRuleSet(CrmRuleSet rules) : ICrmRuleSetProvider
    {
        public CrmRuleSet Current => rules;

        public IDisposable OnChange(Action<CrmRuleSet> listener) => new MemoryStream();
    }
}
