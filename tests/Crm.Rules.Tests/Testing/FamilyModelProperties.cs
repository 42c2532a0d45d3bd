using Crm.Rules.Configuration;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Rules.Tests.Testing;

/// <summary>
/// Every family's configuration generator makes configurations the family's own validation accepts (no error at all)
/// and that compile, and so do their first shrinks; every input generator makes inputs the family's evaluator takes
/// without throwing, under the seed standard and under the generated configurations.
/// </summary>
[Properties(MaxTest = 100)]
public class FamilyModelProperties
{
    private static readonly CrmRuleSet Seed = CrmRuleSet.SeedStandard;

    // Validation reports nothing (not only: compile does not throw), for the configuration and its first shrinks.
    private static CrmRuleSet Valid(CrmRulesOptions options)
    {
        var errors = CrmRulesValidation.Validate(options);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        return CrmRuleSet.Compile(options);
    }

    private static void ShrinksValid<T>(IEnumerable<T> smaller, Func<T, CrmRulesOptions> options)
    {
        foreach (var s in smaller.Take(2))
        {
            Valid(options(s));
        }
    }

    [Property]
    public Property LeadModels_Validate_AndScoreEveryLead()
        => Prop.ForAll(CrmGen.LeadModels(), CrmGen.Leads(), (m, lead) =>
        {
            var rules = Valid(m.Options());
            ShrinksValid(m.Smaller(), s => s.Options());
            foreach (var scoring in new[] { rules.LeadScoring, Seed.LeadScoring })
            {
                var outcome = scoring.Score(lead.Flags(scoring));
                var assessed = scoring.Assess(lead.MetCriteria(scoring));
                var sum = scoring.Criteria.Where((_, i) => lead.Flags(scoring)[i]).Sum(c => c.Points);
                Assert.Equal(sum, outcome.Points);
                Assert.Equal(outcome.Label, assessed.Label);
            }
        });

    [Property]
    public Property SlaTickets_AreValidClocks_ForEveryPolicy()
        => Prop.ForAll(CrmGen.SlaTickets(), t =>
        {
            var clock = t.Clock(Seed.Sla);
            var assessment = Seed.Sla.Evaluate(clock, t.AsOf);
            Assert.True(assessment.Elapsed >= NodaTime.Duration.Zero, assessment.ToString());
            Assert.Equal(t.PolicyOf(Seed.Sla).Name, assessment.Policy);
            Assert.All(t.Smaller().Take(4), s => Seed.Sla.Evaluate(s.Clock(Seed.Sla), s.AsOf));
        });

    [Property(MaxTest = 20)]
    public Property SlaTickets_AreValidClocks_OnRandomCalendars()
        => Prop.ForAll(CrmGen.SlaConfigurations(), CrmGen.SlaTickets(), (c, t) =>
        {
            var rules = CrmRuleSet.Compile(c.SeedWithBusinessCalendar());
            Assert.NotNull(rules.Sla.Evaluate(t.Clock(rules.Sla), t.AsOf));
            var result = RuleChecks.SlaPausesNeverAdvanceTheDeadline(rules, maxTest: 30);
            return result.Holds.Label(result.ToString());
        });

    [Property]
    public Property CadenceModels_Validate_AndNeverPlanBeforeTheLastContact()
        => Prop.ForAll(CrmGen.CadenceModels(), m =>
        {
            var rules = Valid(m.Options());
            ShrinksValid(m.Smaller(), s => s.Options());
            var result = RuleChecks.CadenceNeverDueBeforeLastContact(rules, maxTest: 5);
            return result.Holds.Label(result.ToString());
        });

    [Property]
    public Property DemandModels_Validate_AndOrderEveryBacklogDeterministically()
        => Prop.ForAll(CrmGen.DemandModels(), CrmGen.DemandBacklogs(), (m, backlog) =>
        {
            var rules = Valid(m.Options());
            ShrinksValid(m.Smaller(), s => s.Options());
            Assert.Equal(backlog.Demands.Length, rules.Demands.Prioritise(backlog.For(rules)).Count);
            Assert.Equal(backlog.Demands.Length, Seed.Demands.Prioritise(backlog.For(Seed)).Count);
            var result = RuleChecks.DemandOrderIsDeterministic(rules, maxTest: 10);
            return result.Holds.Label(result.ToString());
        });

    [Property]
    public Property SatisfactionModels_Validate_AndTakeEveryAnswer()
        => Prop.ForAll(CrmGen.SatisfactionModels(), CrmGen.SurveyAnswers(), (m, answers) =>
        {
            var rules = Valid(m.Options());
            ShrinksValid(m.Smaller(), s => s.Options());
            Assert.Equal(answers.Respondents.Length, rules.Satisfaction.Survey(answers.Answers(rules.Satisfaction)).Respondents);
            Assert.Equal(answers.Recommend.Length, Seed.Satisfaction.Nps(answers.Recommend).Total);
            Assert.Equal(answers.Respondents.Length, Seed.Satisfaction.Survey(answers.Answers(Seed.Satisfaction)).Respondents);
            var result = RuleChecks.NpsCategoriesPartitionAnswers(rules, maxTest: 10);
            return result.Holds.Label(result.ToString());
        });

    [Property]
    public Property DataQualityModels_Validate_AndCheckEveryRecord()
        => Prop.ForAll(CrmGen.DataQualityModels(), CrmGen.DataRecords(), (m, records) =>
        {
            var rules = Valid(m.Options());
            ShrinksValid(m.Smaller(), s => s.Options());
            Assert.Equal(records.Records.Length, rules.DataQuality.Completeness(records.Build()).Kpi.Total);
            Assert.Equal(records.Records.Length, Seed.DataQuality.Completeness(records.Build()).Kpi.Total);
            Assert.NotNull(rules.DataQuality.MaskPhone("138-1234-5678") + rules.DataQuality.MaskEmail("zhang@example.com") + rules.DataQuality.MaskPersonal("张三丰"));
            var result = RuleChecks.DataCompletenessIsARate(rules, maxTest: 10);
            return result.Holds.Label(result.ToString());
        });

    [Property]
    public Property LifecycleModels_Validate_AndProposeForEveryRecord()
        => Prop.ForAll(CrmGen.LifecycleModels(), CrmGen.StageCases(), (m, record) =>
        {
            var rules = Valid(m.Options());
            ShrinksValid(m.Smaller(), s => s.Options());
            foreach (var set in new[] { rules, Seed })
            {
                var (machine, stage, facts) = record.For(set);
                Assert.Contains(machine.Propose(stage, facts).Proposed, machine.Stages);
            }

            var result = RuleChecks.LifecycleStaysInDefinedStages(rules, maxTest: 10);
            return result.Holds.Label(result.ToString());
        });

    [Property]
    public Property AccessModels_Validate_AndDecideForEveryViewer()
        => Prop.ForAll(CrmGen.AccessModels(), CrmGen.AccessCases(), (m, c) =>
        {
            var rules = Valid(m.Options());
            ShrinksValid(m.Smaller(), s => s.Options());
            foreach (var access in new[] { rules.Access, Seed.Access })
            {
                var viewer = c.ViewerOf(access);
                Assert.True(access.Accepts(viewer, out var problem), problem);
                var decision = access.Decide(viewer, c.RecordOwner, c.RecordTeam);
                Assert.Equal(decision.IsVisible, access.MaySee(viewer, c.RecordOwner, c.RecordTeam));
                Assert.NotEmpty(access.Explain(viewer, c.RecordOwner, c.RecordTeam));
            }

            var result = RuleChecks.AccessFollowsTheRoles(rules);
            return result.Holds.Label(result.ToString());
        });

    [Property]
    public Property AnalyticsModels_Validate_AndScoreEveryLog()
        => Prop.ForAll(CrmGen.AnalyticsModels(), CrmGen.TransactionLogs(), (m, log) =>
        {
            var rules = Valid(m.Options());
            ShrinksValid(m.Smaller(), s => s.Options());
            var customers = log.Lines.Select(l => l.Customer).Distinct().Count();
            var report = rules.Analytics.Rfm(log.Transactions(), TransactionLog.AnalysisDate);
            Assert.Equal(customers, report.Customers.Count + report.CustomersWithoutPurchase.Count);
            Assert.NotNull(Seed.Analytics.Rfm(log.Transactions(), TransactionLog.AnalysisDate));
            var result = RuleChecks.RfmScoresCoverTheSegmentTable(rules, maxTest: 5);
            return result.Holds.Label(result.ToString());
        });

    [Property]
    public Property LoyaltyModels_Validate_AndTakeEveryHistory()
        => Prop.ForAll(CrmGen.LoyaltyModels(), CrmGen.LoyaltyHistories(), (m, h) =>
        {
            var rules = Valid(m.Options());
            ShrinksValid(m.Smaller(), s => s.Options());
            foreach (var loyalty in new[] { rules.Loyalty, Seed.Loyalty })
            {
                var statement = loyalty.Evaluate(h.Activities(loyalty), h.AsOf, h.TierOf(loyalty), h.Birthday);
                Assert.True(statement.Balance >= 0, statement.ToString());
            }

            var result = RuleChecks.LoyaltyPointsNeverNegative(rules, maxTest: 3);
            return result.Holds.Label(result.ToString());
        });

    [Property]
    public Property AssessmentModels_Validate_AndAssessEveryProfile()
        => Prop.ForAll(CrmGen.AssessmentModels(), CrmGen.CustomerProfiles(), (m, p) =>
        {
            var rules = Valid(m.Options());
            ShrinksValid(m.Smaller(), s => s.Options());
            foreach (var set in new[] { rules, Seed })
            {
                var assessment = set.Assessment.Assess(p.Profile("c-1", set), set.Assessment.StartOf(ProfileCase.AsOfDate), explain: true);
                Assert.Equal(set.Fingerprint, assessment.Fingerprint);
            }
        });

    [Property(MaxTest = 50)]
    public Property CustomerProfiles_FitAnyGradingModel()
        => Prop.ForAll(CrmGen.GradingModels(), CrmGen.CustomerProfiles(), (m, p) =>
        {
            var rules = CrmRuleSet.Compile(m.Options());
            Assert.NotNull(rules.Assessment.Assess(p.Profile("c-1", rules), rules.Assessment.StartOf(ProfileCase.AsOfDate)));
        });
}
