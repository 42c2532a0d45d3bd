using Crm.Rules.Access;
using Crm.Rules.DataQuality;
using Crm.Rules.Satisfaction;

namespace Crm.Rules.Tests.Testing;

/// <summary>The checks of satisfaction, demands, data quality, analytics and loyalty: they hold on the seed, and a deliberately broken rule fails them with a (shrunk) counter-example.</summary>
public class FamilyRuleChecksTests
{
    private static readonly CrmRuleSet Seed = CrmRuleSet.SeedStandard;

    [Fact]
    public void EveryFamilyCheck_HoldsOnTheSeedStandard()
    {
        RuleCheckResult[] results =
        [
            RuleChecks.NpsCategoriesPartitionAnswers(Seed),
            RuleChecks.DemandOrderIsDeterministic(Seed),
            RuleChecks.DataCompletenessIsARate(Seed),
            RuleChecks.RfmScoresCoverTheSegmentTable(Seed),
            RuleChecks.LoyaltyPointsNeverNegative(Seed),
        ];
        var access = RuleChecks.AccessFollowsTheRoles(Seed);
        Assert.True(access.Holds, access.ToString());
        Assert.True(access.Exhaustive);
        Assert.Equal(3 * 2 * 3 * 12 + 2 * 2 * 12, access.CasesTried); // sales-rep, engineer, admin: 6 viewers; manager: 4 (a team is required); 12 records each
        Assert.All(results, r => Assert.True(r.Holds, r.ToString()));
        Assert.All(results, r => Assert.True(r.CasesTried >= RuleChecks.DefaultMaxTest, r.ToString()));
        RuleAssert.NpsCategoriesPartitionAnswers(Seed);
        RuleAssert.DemandOrderIsDeterministic(Seed);
        RuleAssert.DataCompletenessIsARate(Seed);
        RuleAssert.RfmScoresCoverTheSegmentTable(Seed);
        RuleAssert.LoyaltyPointsNeverNegative(Seed);
        RuleAssert.AccessFollowsTheRoles(Seed);
        RuleAssert.SlaPausesNeverAdvanceTheDeadline(Seed);
        Assert.Equal(13, RuleChecks.All(Seed, maxTest: 20).Count);
    }

    [Fact]
    public void NpsCategoriesPartitionAnswers_FailsOnAnAnswerCountedTwice()
    {
        // A broken classifier: an 8 counts as a passive and as a promoter.
        static NpsReport Broken(IReadOnlyList<int> answers)
        {
            var report = Seed.Satisfaction.Nps(answers);
            var eights = answers.Count(a => a == 8);
            return report with { Promoters = report.Promoters + eights };
        }

        var result = RuleChecks.NpsCategoriesPartitionAnswers(Seed.Satisfaction, Broken, 100);

        Assert.False(result.Holds);
        Assert.True(result.Exhaustive);
        Assert.Equal(9, result.CasesTried);
        Assert.Equal("answer 8 falls in 2 categories (NPS 50 (1 promoter, 1 passive, 0 detractors))", result.CounterExample);
    }

    [Fact]
    public void NpsCategoriesPartitionAnswers_FailsOnAnAnswerInTheWrongCategory()
    {
        // A broken classifier: promoters from 8, although the rule set says 9.
        var lenient = CrmRuleSet.Compile(new CrmRulesOptions { Satisfaction = { PromoterMinimum = 8 } }).Satisfaction;
        var result = RuleChecks.NpsCategoriesPartitionAnswers(Seed.Satisfaction, a => lenient.Nps(a), 100);

        Assert.False(result.Holds);
        Assert.Equal("answer 8 is a promoter, but the thresholds (passive from 7, promoter from 9) make it a passive", result.CounterExample);
        Assert.Throws<RuleAssertionException>(() => RuleAssert.Holds(result));
    }

    [Fact]
    public void DemandOrderIsDeterministic_FailsWithTwoDemands_WhenTiesKeepTheInputOrder()
    {
        // A broken prioritiser: it orders by quadrant only and leaves ties in the order they came.
        var result = RuleChecks.DemandOrderIsDeterministic(Seed, demands =>
        {
            var rank = Seed.Demands.QuadrantOrder.Select((q, i) => (q, i)).ToDictionary(x => x.q, x => x.i);
            return demands.Select(d => (d.Id, Quadrant: Seed.Demands.Classify(d))).OrderBy(d => rank[d.Quadrant]).Select((d, i) => (d.Id, i + 1, d.Quadrant)).ToArray();
        }, 300);

        Assert.False(result.Holds);
        Assert.False(result.Exhaustive);
        Assert.True(result.Shrinks > 0, result.ToString());
        Assert.StartsWith("backlog [d0 (", result.CounterExample, StringComparison.Ordinal);
        Assert.DoesNotContain("d2", result.CounterExample, StringComparison.Ordinal);
        Assert.EndsWith(": in the given order it is [d0, d1], reversed [d1, d0]", result.CounterExample, StringComparison.Ordinal);
    }

    [Fact]
    public void DataCompletenessIsARate_FailsWithOneBlankField_WhenBlankCountsAsFilled()
    {
        // A broken checker: a value of spaces fills a key field.
        var keys = Seed.DataQuality.KeyFields;
        CompletenessReport Broken(IReadOnlyList<(string Id, IReadOnlyDictionary<string, string?> Fields)> records)
        {
            var checks = records.Select(r => new RecordCompleteness(r.Id, keys.Where(f => string.IsNullOrEmpty(r.Fields.GetValueOrDefault(f))).ToArray(), Seed.Fingerprint)).ToArray();
            var kpi = KpiCheck.FromCounts(Kpis.DataCompleteness, checks.Count(c => c.IsComplete), checks.Length, 0.95m, Seed.Fingerprint);
            return new CompletenessReport(checks, kpi, keys.ToDictionary(f => f, f => checks.Count(c => c.MissingFields.Contains(f))), Seed.Fingerprint);
        }

        var result = RuleChecks.DataCompletenessIsARate(keys, Broken, 300);

        Assert.False(result.Holds);
        Assert.True(result.Shrinks > 0, result.ToString());
        // Shrunk to one record whose only value is a blank key field (which one depends on the first failing case).
        Assert.StartsWith("records [r0: ", result.CounterExample, StringComparison.Ordinal);
        Assert.DoesNotContain("r1:", result.CounterExample, StringComparison.Ordinal);
        Assert.DoesNotContain("filled", result.CounterExample, StringComparison.Ordinal);
        Assert.Contains("blank", result.CounterExample, StringComparison.Ordinal);
        Assert.Contains("but the report says", result.CounterExample, StringComparison.Ordinal);
    }

    [Fact]
    public void RfmScoresCoverTheSegmentTable_FailsOnASegmentFunctionThatTakesTheLastRow()
    {
        var table = Seed.Analytics.Segments;
        var result = RuleChecks.RfmScoresCoverTheSegmentTable(Seed.Analytics, s => table.Last(row => row.Matches(s)), 10);

        Assert.False(result.Holds);
        Assert.True(result.Exhaustive);
        Assert.Equal("R1 F1 M1 gets segment 'others', but the first row that holds it is 'lost'", result.CounterExample);
    }

    [Fact]
    public void LoyaltyPointsNeverNegative_FailsWithAShrunkHistory_WhenExpiredPointsStayInTheBalance()
    {
        // A broken statement: expired points are counted as expired but left in the balance.
        var loyalty = Seed.Loyalty;
        var result = RuleChecks.LoyaltyPointsNeverNegative(h =>
        {
            var s = loyalty.Evaluate(h.Activities(loyalty), h.AsOf, h.TierOf(loyalty), h.Birthday);
            return (s.Balance + s.Expired, s.Earned, s.TakenBack, s.Redeemed, s.Expired);
        }, 300);

        Assert.False(result.Holds);
        Assert.True(result.Shrinks > 0, result.ToString());
        Assert.Contains("expired", result.CounterExample, StringComparison.Ordinal);
        Assert.StartsWith("history [", result.CounterExample, StringComparison.Ordinal);
    }

    [Fact]
    public void AccessFollowsTheRoles_FailsWhenAnOwnScopeSeesRecordsWithoutAnOwner()
    {
        // A broken decision: a record without an owner is shown to everyone.
        var access = Seed.Access;
        var result = RuleChecks.AccessFollowsTheRoles(access, (viewer, owner, team) =>
            owner is null && access.TryGetRole(viewer.Role, out var role)
                ? new AccessDecision(true, role.Fields, role.RevealContacts, AccessReason.OwnCustomer, Seed.Fingerprint)
                : access.Decide(viewer, owner, team));

        Assert.False(result.Holds);
        Assert.True(result.Exhaustive);
        Assert.StartsWith("viewer ", result.CounterExample, StringComparison.Ordinal);
        Assert.EndsWith("and a record owned by nobody in no team: the record is visible, but the role's scope makes it hidden", result.CounterExample, StringComparison.Ordinal);
        Assert.Throws<RuleAssertionException>(() => RuleAssert.Holds(result));
    }

    [Fact]
    public void SlaPausesNeverAdvanceTheDeadline_HoldsOnTheSeed_AndFailsWithAShrunkTicket_WhenPausesCountAgainstTheClock()
    {
        var result = RuleChecks.SlaPausesNeverAdvanceTheDeadline(Seed);
        Assert.True(result.Holds, result.ToString());

        // A broken calculator: every pause takes a day off the deadline.
        var broken = RuleChecks.SlaPausesNeverAdvanceTheDeadline(Seed.Sla, (clock, asOf) =>
            Seed.Sla.Evaluate(clock, asOf).Deadline - NodaTime.Duration.FromDays(clock.Pauses.Count), 300);

        Assert.False(broken.Holds);
        Assert.True(broken.Shrinks > 0, broken.ToString());
        // Shrinking heads for the first policy and the earliest start, but which case it ends at depends on the first
        // failing ticket (as in SlaDeadlinesAreMonotone's test): only its shape is certain.
        Assert.StartsWith("ticket(policy #", broken.CounterExample, StringComparison.Ordinal);
        Assert.DoesNotContain("pauses []", broken.CounterExample, StringComparison.Ordinal);
        Assert.Contains(Seed.Sla.Policies, p => broken.CounterExample!.Contains($"policy '{p.Name}': due ", StringComparison.Ordinal));
        Assert.Contains(" with the pauses, ", broken.CounterExample, StringComparison.Ordinal);
    }
}
