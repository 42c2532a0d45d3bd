using System.Collections;
using System.Reflection;
using System.Text;
using Crm.Rules.Cadence;
using Crm.Rules.Churn;
using Crm.Rules.Demands;
using Crm.Rules.Lifecycle;
using Crm.Rules.Loyalty;
using NodaTime;

namespace Crm.Rules.Tests.Spine;

/// <summary>
/// "Compiled means compiled": once a rule set is compiled, no change to the options it came from may change what it
/// answers or its fingerprint. Every family is probed, then every reachable options object is changed (values, lists,
/// dictionaries, nested options), then the family is probed again.
/// </summary>
public class CompiledRuleSetTests
{
    private static readonly LocalDate AsOf = new(2026, 11, 23);

    public static TheoryData<string> Families => new(Probes.Keys);

    internal static readonly Dictionary<string, Func<CrmRuleSet, object>> Probes = new()
    {
        ["valueGrading"] = r => new object[]
        {
            r.ValueGrading.Grades,
            r.ValueGrading.Indicators.Select(i => i.Name).ToArray(),
            r.ValueGrading.Grade(TestRules.Scores(4, 4, 3, 5, 4, 3)),
            r.ValueGrading.Grade(TestRules.Scores(0, 5, 0, 2, 4, 1)),
            r.ValueGrading.Approval,
        },
        ["leadScoring"] = r => new object[] { r.LeadScoring.Assess(r.LeadScoring.Criteria.Select(c => c.Name)), r.LeadScoring.Assess([]), r.LeadScoring.Score(r.LeadScoring.Criteria.Select(_ => true).ToArray()) },
        ["sla"] = r => new object[]
        {
            r.Sla.FindCalendar("business")!.Add(Instant.FromUtc(2026, 9, 30, 1, 0), Duration.FromHours(40)),
            r.Sla.FindCalendar("business")!.IntervalsOn(new LocalDate(2026, 11, 23)),
            r.Sla.Select("A", null, null)!,
            r.Sla.Select("C", "complaint", null)!,
            r.Sla.Evaluate(Crm.Rules.Sla.SlaClock.Start(r.Sla.Select("B", "response", null)!, Instant.FromUtc(2026, 11, 20, 1, 0)), Instant.FromUtc(2026, 11, 23, 1, 0)),
        },
        ["cadence"] = r => new object[]
        {
            r.Cadence.Plan(new CadenceCustomer("c1")
            {
                Grade = "A", LastContact = AsOf.PlusDays(-3), FirstDeal = AsOf.PlusDays(-10), Birthday = new AnnualDate(12, 1),
                Events = [new CustomerEvent("complaint", AsOf.PlusDays(-1)), new CustomerEvent("delivery", AsOf.PlusDays(-2))],
                Contacts = [new ContactRecord(AsOf.PlusDays(-3), null, true), new ContactRecord(AsOf.PlusDays(-30), null, true), new ContactRecord(AsOf.PlusDays(-60), null, true)],
            }, AsOf),
            r.Cadence.Plan(new CadenceCustomer("c2") { Grade = "B", LastContact = AsOf.PlusDays(-40), LastSurvey = AsOf.PlusDays(-100) }, AsOf),
            r.Cadence.Plan(new CadenceCustomer("l1") { LeadLabel = r.Cadence.LeadLabels[0], LastContact = AsOf.PlusDays(-5) }, AsOf),
            r.Cadence.MonthlyReview(7, 10, 8, 10),
            r.Cadence.PortfolioPlan([new CadenceCustomer("p1") { Grade = "A", LastContact = AsOf.PlusDays(-20) }], AsOf, AsOf.PlusDays(60)),
        },
        ["demands"] = r => new object[]
        {
            r.Demands.Prioritise(
            [
                new Demand("d1", "A") { Importance = 5, Urgency = 2, Value = 100, Cost = 10, StrategicFit = 3 },
                new Demand("d2", "C") { Importance = 4, Urgency = 4, Value = 50, Cost = 50, StrategicFit = 5 },
                new Demand("d3", "B") { Important = true, Urgent = true, Value = 10, Cost = 0 },
            ]),
            r.Demands.FeedbackDeadline(Instant.FromUtc(2026, 11, 20, 3, 0)),
            r.Demands.Satisfaction(9, 10),
        },
        ["satisfaction"] = r => new object[]
        {
            r.Satisfaction.Survey([r.Satisfaction.Items.ToDictionary(i => i, i => 3), r.Satisfaction.Items.ToDictionary(i => i, i => 5)]),
            r.Satisfaction.Nps([10, 9, 8, 7, 6, 3]),
        },
        ["dataQuality"] = r => new object[]
        {
            r.DataQuality.CheckCustomerId("RT2024001"),
            r.DataQuality.CheckCustomerId("rt24"),
            r.DataQuality.MaskPhone("138-1234-5678"),
            r.DataQuality.MaskEmail("zhang.san@example.com"),
            r.DataQuality.Completeness([("r1", new Dictionary<string, string?> { ["name"] = "x" })]),
        },
        ["churn"] = r => new object[]
        {
            r.Churn.Explain(new ChurnFacts(AsOf)
            {
                LastUse = AsOf.PlusDays(-120), LastPurchase = AsOf.PlusDays(-95), AmountLastMonth = 100, AmountThisMonth = 30,
                CompetitorInquiry = true, KeyContactLeft = true, ContactsPerMonthBefore = 8, ContactsPerMonthNow = 1,
                NegativeFeedback = true, RenewalRefused = true, UnresolvedComplaints = 2, ValueGrade = "A",
            }, previousTotal: 9),
            r.Churn.Explain(new ChurnFacts(AsOf) { ValueGrade = "C" }),
            r.Churn.Score(new ChurnFacts(AsOf) { ValueGrade = "A", RenewalRefused = true }),
        },
        ["lifecycle"] = r => r.Lifecycle.Machines.Values.SelectMany(m => new object[]
        {
            m.Stages,
            m.ToMermaid(),
            m.Propose(m.Stages[0], RichFacts()),
            m.Decide(m.Stages[0], m.Stages[^1], RichFacts()),
        }).Append(r.Lifecycle.KeyAccount(AccountStanding.Potential, 100m, 160m, 0))
          .Append(r.Lifecycle.KeyAccount(AccountStanding.KeyAccount, 100m, 50m, 2))
          .ToArray(),
        ["access"] = r => r.Access.Roles.SelectMany(role => new object[]
        {
            role,
            r.Access.Decide(new Crm.Rules.Access.Viewer(role.Name, "u-1", "east"), "u-1", "east"),
            r.Access.Decide(new Crm.Rules.Access.Viewer(role.Name, "u-1", "east"), "u-2", "west"),
            r.Access.Decide(new Crm.Rules.Access.Viewer(role.Name, "u-1", "east"), null, null),
            r.Access.MaySeeField(new Crm.Rules.Access.Viewer(role.Name, "u-1", "east"), "lastUse"),
            r.Access.MaySeeField(new Crm.Rules.Access.Viewer(role.Name, "u-1", "east"), "historicalAmount"),
        }).Append(string.Join(",", r.Access.UsageFields)).Append(r.Access.OwnerField + "/" + r.Access.TeamField).ToArray(),
        ["analytics"] = r =>
        {
            Crm.Rules.Analytics.Transaction[] log =
            [
                new("c1", AsOf.PlusDays(-3), 120m), new("c1", AsOf.PlusDays(-40), 80m), new("c2", AsOf.PlusDays(-200), 20m),
                new("c3", AsOf.PlusDays(-10), 5000m), new("c3", AsOf.PlusDays(-9), -100m), new("c4", AsOf.PlusDays(-400), 1m), new("c5", AsOf.PlusDays(-1), -3m),
            ];
            var report = r.Analytics.Rfm(log, AsOf);
            var histories = Crm.Rules.Analytics.PurchaseHistory.Summarise(log, AsOf, Crm.Rules.Analytics.ModelTimeUnit.Days);
            var model = r.Analytics.FitBgNbd([.. histories.Select(h => h.Summary), new(3, 30, 60), new(1, 5, 90), new(0, 0, 20)]);
            return new object[]
            {
                r.Analytics.Segments, r.Analytics.VipTiers, r.Analytics.Scoring, r.Analytics.Cancellations,
                report, report.Customers, report.Customers.Select(report.Explain).ToArray(), report.SegmentCounts, report.CustomersWithoutPurchase,
                r.Analytics.BandScores(report.Customers[0].Figures), r.Analytics.AssignVipTiers([1m, 2m, 3m, 4m, 5m, 6m, 7m, 8m, 9m, 10m]),
                r.Analytics.Warn(0.25), r.Analytics.Warn(0.45), model, model.Iterations, model.ProbabilityAlive(new(2, 30, 60)),
                r.Analytics.KeyAccountClasses, KeyAccounts(r, log),
            };
        },
        ["loyalty"] = r =>
        {
            // Purchases across tiers and a birthday month, fixed awards, a refund, a redemption, expiry and reviews.
            LoyaltyActivity[] history =
            [
                LoyaltyActivity.Purchase("m1", AsOf.PlusMonths(-30), 700m), LoyaltyActivity.Purchase("m1", AsOf.PlusMonths(-11), 4_600.5m),
                LoyaltyActivity.Referral("m1", AsOf.PlusMonths(-10)), LoyaltyActivity.Review("m1", AsOf.PlusMonths(-9)),
                LoyaltyActivity.SuggestionAdopted("m1", AsOf.PlusMonths(-8)), LoyaltyActivity.Purchase("m1", AsOf.PlusMonths(-7), 16_000m),
                LoyaltyActivity.Refund("m1", AsOf.PlusMonths(-6), 99.99m), LoyaltyActivity.Redemption("m1", AsOf.PlusMonths(-5), 1_000),
                LoyaltyActivity.Purchase("m1", AsOf.PlusDays(-20), 333.33m), LoyaltyActivity.Purchase("m1", AsOf.PlusDays(3), 50m),
            ];
            LoyaltyActivity[] lapsed = [LoyaltyActivity.Purchase("m2", AsOf.PlusMonths(-20), 25_000m), LoyaltyActivity.Purchase("m2", AsOf.PlusMonths(-2), 10m)];
            return new object[]
            {
                r.Loyalty.Tiers, r.Loyalty.QualifyBy, r.Loyalty.QualificationWindow, r.Loyalty.PointsExpireAfter!, r.Loyalty.ReviewMonths, r.Loyalty.Downgrade,
                r.Loyalty.Evaluate(history, AsOf, "silver", new AnnualDate(AsOf.Month, 1)),
                r.Loyalty.Explain(history, AsOf, null, new AnnualDate(AsOf.PlusMonths(-7).Month, 1)),
                r.Loyalty.Explain(lapsed, AsOf, "black"),
                r.Loyalty.Evaluate([], AsOf),
            };
        },
        ["assessment"] = r =>
        {
            var asOf = r.Assessment.StartOf(AsOf);
            var profile = new Crm.Rules.Assessment.CustomerProfile("RT2024001")
            {
                Indicators = r.ValueGrading.Indicators.ToDictionary(i => i.Name, i => Crm.Rules.Scoring.IndicatorValue.FromNumber(4)),
                Grade = "B",
                Churn = new ChurnFacts(AsOf) { LastUse = AsOf.PlusDays(-40), NegativeFeedback = true, RenewalRefused = true, CompetitorInquiry = true, UnresolvedComplaints = 1 },
                Cadence = new CadenceCustomer("RT2024001") { LastContact = AsOf.PlusDays(-20) },
                Stage = "growth",
                StageFacts = RichFacts(),
                Transactions = new Crm.Rules.Analytics.RfmFigures("RT2024001", 12, 4, 1_800m),
                Fields = new Dictionary<string, string?> { ["name"] = "Acme", ["contactPerson"] = null },
            };
            var assessed = r.Assessment.Assess(profile, asOf, explain: true);
            var tally = new Crm.Rules.Assessment.PortfolioTally(r.Assessment, asOf);
            tally.Add(assessed);
            tally.Add(r.Assessment.Assess(new Crm.Rules.Assessment.CustomerProfile("x") { Grade = "C" }, asOf));
            return new object[] { assessed, assessed.Links, tally.Summary(), r.Assessment.StageStrategies, r.Assessment.PlanWeeks, r.Assessment.ResponseKind };
        },
    };

    private static object[] KeyAccounts(CrmRuleSet r, IEnumerable<Crm.Rules.Analytics.Transaction> log)
    {
        var tally = r.Analytics.StartRfm(AsOf);
        foreach (var t in log)
        {
            tally.Add(t);
        }

        var report = r.Analytics.KeyAccounts(r.Analytics.Rfm(tally), tally.Trends(), tally.Figures().ToDictionary(f => f.CustomerId, f => f.Monetary));
        return new object[] { report, report.Customers, report.ClassCounts, report.Customers.Select(report.Explain).ToArray() };
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void ChangingTheOptionsAfterCompileChangesNothing(string family)
    {
        var options = CrmRulesOptions.SeedStandard();
        var rules = CrmRuleSet.Compile(options);
        var before = Dump(Probes[family](rules));
        var fingerprint = rules.Fingerprint;

        var changed = Scramble(options);

        Assert.True(changed > 20, $"the scrambler changed only {changed} settings");
        Assert.Equal(fingerprint, rules.Fingerprint);
        Assert.Equal(before, Dump(Probes[family](rules)));

        // The probe must depend on the options, or the test above could not fail.
        Assert.NotEqual(before, Dump(Probes[family](CrmRuleSet.Compile(ScrambledButValid(family)))));
    }

    [Fact]
    public void EveryFamilyIsProbed()
        => Assert.Equal(
            typeof(CrmRulesOptions).GetProperties().Where(p => p.CanWrite && p.PropertyType.IsClass).Select(p => JsonName(p.Name)).Order(),
            Probes.Keys.Order());

    private static StageFacts RichFacts()
    {
        var facts = new StageFacts();
        foreach (var flag in new[] { "needClear", "budgetConfirmed", "authorityClear", "quoteSent", "firstDealDone", "activityRising", "yearlyAmountStable" })
        {
            facts = facts.With(flag, true);
        }

        return facts.With("leadScore", 6m).With("daysSinceFirstPurchase", 100m).With("repeatPurchasesWithin6Months", 3m).With("yearsOfBusiness", 3m);
    }

    // A valid change to one family, so that the probe can be shown to see it.
    internal static CrmRulesOptions ScrambledButValid(string family)
    {
        var o = CrmRulesOptions.SeedStandard();
        switch (family)
        {
            case "valueGrading": o.ValueGrading.Grades["A"].MinimumTotal = 3.5m; break;
            case "leadScoring": o.LeadScoring.Criteria.First().Value.Points += 1m; break;
            case "sla": o.Sla.Calendars["business"].Week.Monday = ["08:00-12:00"]; o.Sla.Policies.Reverse(); break;
            case "cadence": o.Cadence.EscalationRole = "ceo"; o.Cadence.BirthdayReminderDaysBefore = 3; break;
            case "demands": o.Demands.FeedbackWorkingDays = 5; break;
            case "satisfaction": o.Satisfaction.PromoterMinimum = 10; break;
            case "dataQuality": o.DataQuality.PhoneMask.KeepEnd = 2; break;
            case "churn": o.Churn.RiskTagAfterDays = 30; o.Churn.Signals["negativeFeedback"].Points = 1; break;
            case "lifecycle": o.Lifecycle.KeyAccounts.PromoteAtGrowth = 0.7m; o.Lifecycle.Machines["funnel"].Transitions[0].Guards[0].AtLeast = 7m; break;
            case "access": o.Access.Roles["engineer"].Fields = "all"; o.Access.UsageFields.Add("seats"); break;
            case "analytics": o.Analytics.VipTiers[0].Share = 0.3m; o.Analytics.ChurnWarning.DecimalPlaces = 1; o.Analytics.ModelFit.MaximumIterations = 20; break;
            case "assessment": o.Assessment.GradeInEffect = Crm.Rules.Assessment.GradeInEffect.Computed; o.Assessment.StageStrategies["growth"] = "up-sell"; o.Assessment.PlanWeeks = 4; break;
            case "loyalty": o.Loyalty.Tiers["gold"].MinimumQualifying = 4_000; o.Loyalty.Earning["referral"].Points = 600m; o.Loyalty.ReviewMonths = [1, 7]; break;
            default: throw new ArgumentOutOfRangeException(nameof(family));
        }

        return o;
    }

    private static string JsonName(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>Changes every setting reachable from <paramref name="root"/>, then empties every list and map.</summary>
    /// <returns>How many settings it changed.</returns>
    internal static int Scramble(object root)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        return Visit(root);

        int Visit(object? node)
        {
            if (node is null || node is string || node.GetType().IsValueType || !seen.Add(node))
            {
                return 0;
            }

            var count = 0;
            if (node is IDictionary map)
            {
                foreach (var value in map.Values.Cast<object?>().ToArray())
                {
                    count += Visit(value);
                }

                map.Clear();
                return count + 1;
            }

            if (node is IList list)
            {
                foreach (var item in list.Cast<object?>().ToArray())
                {
                    count += Visit(item);
                }

                list.Clear();
                return count + 1;
            }

            foreach (var property in node.GetType().GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
            {
                if (property.GetIndexParameters().Length > 0 || property.GetMethod is null)
                {
                    continue;
                }

                var value = property.GetValue(node);
                count += Visit(value);
                if (property.SetMethod is not null && Changed(property.PropertyType, value) is { } changed)
                {
                    property.SetValue(node, changed);
                    count++;
                }
            }

            return count;
        }
    }

    private static object? Changed(Type type, object? value)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying switch
        {
            _ when underlying == typeof(string) => (string?)value + "~",
            _ when underlying == typeof(int) => (int)(value ?? 0) + 1,
            _ when underlying == typeof(decimal) => (decimal)(value ?? 0m) + 0.5m,
            _ when underlying == typeof(bool) => !(bool)(value ?? false),
            _ when underlying == typeof(Period) => ((Period?)value ?? Period.Zero) + Period.FromDays(1),
            _ when underlying == typeof(Duration) => ((Duration?)value ?? Duration.Zero) + Duration.FromHours(1),
            _ when underlying.IsEnum => Enum.GetValues(underlying).Cast<object>().FirstOrDefault(v => !v.Equals(value)),
            _ => null,
        };
    }

    /// <summary>Every public value reachable from a result, as text: two results that answer alike dump alike.</summary>
    internal static string Dump(object? value)
    {
        var text = new StringBuilder();
        Write(value, 0);
        return text.ToString();

        void Write(object? v, int depth)
        {
            if (depth > 12)
            {
                text.Append('…');
                return;
            }

            switch (v)
            {
                case null:
                    text.Append("null");
                    return;
                case string or decimal or int or long or bool or byte or uint or Enum:
                    text.Append(v);
                    return;
                case IDictionary map:
                    text.Append('{');
                    foreach (DictionaryEntry e in map)
                    {
                        text.Append(e.Key).Append(':');
                        Write(e.Value, depth + 1);
                        text.Append(',');
                    }

                    text.Append('}');
                    return;
                case IEnumerable items:
                    text.Append('[');
                    foreach (var item in items)
                    {
                        Write(item, depth + 1);
                        text.Append(',');
                    }

                    text.Append(']');
                    return;
            }

            var type = v.GetType();
            if (type.Namespace?.StartsWith("NodaTime", StringComparison.Ordinal) == true || type.IsPrimitive)
            {
                text.Append(v);
                return;
            }

            text.Append(type.Name).Append('(');
            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                text.Append(p.Name).Append('=');
                Write(p.GetValue(v), depth + 1);
                text.Append(';');
            }

            text.Append(')');
        }
    }
}
