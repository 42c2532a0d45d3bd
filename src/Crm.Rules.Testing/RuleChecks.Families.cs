using System.Globalization;
using Crm.Rules.Access;
using Crm.Rules.Analytics;
using Crm.Rules.DataQuality;
using Crm.Rules.Demands;
using Crm.Rules.Satisfaction;
using FsCheck.Fluent;

namespace Crm.Rules.Testing;

// The checks of the families that came after grading, churn, SLA, lifecycle and cadence: satisfaction, demands, data
// quality, analytics and loyalty. Each has a seam (an internal overload over a function) that the package's own tests
// break on purpose, as the first checks do.
public static partial class RuleChecks
{
    private const string NpsPartition = "NPS categories partition the answers 0..10 (each answer is exactly one of detractor, passive and promoter, as the thresholds say, never less of a promoter for a higher answer), the NPS lies in [-100, 100] and item averages lie on the answer scale";
    private const string DemandOrder = "the demand order is total and deterministic (every demand gets one rank, 1 to n; the order does not depend on the input's order; when the quadrant orders first, quadrants come in the configured order)";
    private const string CompletenessRate = "data-quality completeness is a rate in [0, 1] (a record is complete exactly when every key field has a value that is not blank; the missing counts per field are the records missing it)";
    private const string RfmCover = "RFM scores lie in 1..5 and the segment table covers the 125 score triples (each triple's segment is the first row that holds it)";
    private const string LoyaltyBalance = "loyalty points are never negative (the balance is at least 0 and equals earned − taken back − redeemed − expired, for histories whose redemptions stay within the balance)";

    private const string AccessRoles = "access follows the roles (DATA-4): a role that sees its own customers sees only records it owns, one that sees its team's also its team's records, one that sees all every record; a visible record shows the role's fields and reveal right, a hidden one nothing";

    private const string SlaPauses = "SLA pauses never bring a deadline forward (a clock with pauses is due no earlier than the same clock without them), for every policy";

    private static readonly string[] Categories = ["detractor", "passive", "promoter"];

    /// <summary>
    /// Every "would you recommend" answer 0..10 falls in exactly one NPS category, the one the configured thresholds put it
    /// in, and a higher answer is never in a lower category (checked for all eleven answers); and for random groups of
    /// respondents (<see cref="CrmGen.SurveyAnswers"/>) the NPS lies in [-100, 100], the categories count every answer, and
    /// every answered item's average lies on the answer scale.
    /// </summary>
    /// <param name="rules">The rule set.</param>
    /// <param name="maxTest">Random groups of respondents.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    public static RuleCheckResult NpsCategoriesPartitionAnswers(CrmRuleSet rules, int maxTest = DefaultMaxTest)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return NpsCategoriesPartitionAnswers(rules.Satisfaction, answers => rules.Satisfaction.Nps(answers), maxTest);
    }

    /// <summary>The NPS check over any classifier: the seam the package's own tests break on purpose.</summary>
    internal static RuleCheckResult NpsCategoriesPartitionAnswers(SatisfactionRules satisfaction, Func<IReadOnlyList<int>, NpsReport> nps, int maxTest)
    {
        var previous = -1;
        for (var answer = 0; answer <= 10; answer++)
        {
            var report = nps([answer]);
            int[] counts = [report.Detractors, report.Passives, report.Promoters];
            var expected = answer >= satisfaction.PromoterMinimum ? 2 : answer >= satisfaction.PassiveMinimum ? 1 : 0;
            var problem = counts.Sum() != 1 || counts.Any(c => c < 0)
                ? $"answer {answer} falls in {counts.Sum()} categories ({report})"
                : counts[expected] != 1
                    ? $"answer {answer} is a {Categories[Array.IndexOf(counts, 1)]}, but the thresholds (passive from {satisfaction.PassiveMinimum}, promoter from {satisfaction.PromoterMinimum}) make it a {Categories[expected]}"
                    : expected < previous ? $"answer {answer} is a {Categories[expected]}, less than answer {answer - 1} ({Categories[previous]})" : null;
            if (problem is not null)
            {
                return RuleCheckResult.Failed(NpsPartition, answer + 1, exhaustive: true, problem);
            }

            previous = expected;
        }

        var result = PropertyRun.Check(NpsPartition, CrmGen.SurveyAnswers(), a =>
        {
            var report = nps(a.Recommend);
            if (report.Total != a.Recommend.Length || report.Promoters < 0 || report.Passives < 0 || report.Detractors < 0)
            {
                return $"{a.Recommend.Length} answers make {report}";
            }

            if (report.Score is < -100m or > 100m)
            {
                return $"the NPS is {report.Score.ToString(CultureInfo.InvariantCulture)}, outside [-100, 100] ({report})";
            }

            var survey = satisfaction.Survey(a.Answers(satisfaction));
            return survey.Items.FirstOrDefault(i => i.Answers > 0 && (i.Average < satisfaction.ScaleMinimum || i.Average > satisfaction.ScaleMaximum)) is { } off
                ? $"item '{off.Item}' averages {off.Average.ToString(CultureInfo.InvariantCulture)}, off the scale {satisfaction.ScaleMinimum}..{satisfaction.ScaleMaximum}"
                : null;
        }, maxTest);
        return result.Holds ? RuleCheckResult.Passed(NpsPartition, 11 + result.CasesTried, exhaustive: false) : result;
    }

    /// <summary>
    /// For random backlogs with unique ids (<see cref="CrmGen.DemandBacklogs"/>, grades of this rule set and one it does
    /// not list), the prioritised order ranks every demand once, 1 to n; it is the same whatever order the demands come in
    /// (reversed, rotated); and, when the quadrant orders first (the weighted mode, or the quadrant as the first lexicographic
    /// key), its quadrants come in the configured quadrant order.
    /// </summary>
    /// <param name="rules">The rule set.</param>
    /// <param name="maxTest">Random backlogs.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    public static RuleCheckResult DemandOrderIsDeterministic(CrmRuleSet rules, int maxTest = DefaultMaxTest)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return DemandOrderIsDeterministic(rules, demands => rules.Demands.Prioritise(demands).Select(p => (p.Demand.Id, p.Rank, p.Quadrant)).ToArray(), maxTest);
    }

    /// <summary>The demand check over any prioritiser: the seam the package's own tests break on purpose.</summary>
    internal static RuleCheckResult DemandOrderIsDeterministic(CrmRuleSet rules, Func<IReadOnlyList<Demand>, IReadOnlyList<(string Id, int Rank, Quadrant Quadrant)>> prioritise, int maxTest)
    {
        var quadrantRank = rules.Demands.QuadrantOrder.Select((q, i) => (q, i)).ToDictionary(x => x.q, x => x.i);

        // The weighted mode always orders by quadrant first; the lexicographic mode only when its first key is the quadrant.
        var quadrantFirst = rules.Demands.Mode == DemandOrderingMode.Weighted || rules.Demands.OrderBy[0] == DemandOrderKey.Quadrant;
        return PropertyRun.Check(DemandOrder, CrmGen.DemandBacklogs(), backlog =>
        {
            var demands = backlog.For(rules);
            var order = prioritise(demands);
            if (order.Count != demands.Count || order.Select(o => o.Id).Distinct(StringComparer.Ordinal).Count() != demands.Count)
            {
                return $"{demands.Count} demands come out as [{string.Join(", ", order.Select(o => o.Id))}]";
            }

            if (order.Select((o, i) => o.Rank == i + 1).Contains(false))
            {
                return $"the ranks are [{string.Join(", ", order.Select(o => o.Rank))}], not 1 to {order.Count}";
            }

            for (var k = 1; quadrantFirst && k < order.Count; k++)
            {
                if (quadrantRank[order[k].Quadrant] < quadrantRank[order[k - 1].Quadrant])
                {
                    return $"{order[k].Id} ({order[k].Quadrant.ToText()}) comes after {order[k - 1].Id} ({order[k - 1].Quadrant.ToText()}), against the quadrant order {string.Join(" > ", rules.Demands.QuadrantOrder.Select(q => q.ToText()))}";
                }
            }

            var ids = string.Join(", ", order.Select(o => o.Id));
            foreach (var (name, shuffled) in new[] { ("reversed", demands.Reverse().ToArray()), ("rotated", demands.Skip(1).Concat(demands.Take(1)).ToArray()) })
            {
                var other = string.Join(", ", prioritise(shuffled).Select(o => o.Id));
                if (other != ids)
                {
                    return $"in the given order it is [{ids}], {name} [{other}]";
                }
            }

            return null;
        }, maxTest);
    }

    /// <summary>
    /// For random sets of records (<see cref="CrmGen.DataRecords"/>: fields filled, blank, empty, null or absent), the
    /// completeness KPI counts every record and exactly the records whose key fields all have a value that is not blank,
    /// its observed rate lies in [0, 1], each record names exactly the key fields it misses, and the missing count of each
    /// key field is the number of records missing it.
    /// </summary>
    /// <param name="rules">The rule set.</param>
    /// <param name="maxTest">Random sets of records.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    public static RuleCheckResult DataCompletenessIsARate(CrmRuleSet rules, int maxTest = DefaultMaxTest)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return DataCompletenessIsARate(rules.DataQuality.KeyFields, records => rules.DataQuality.Completeness(records), maxTest);
    }

    /// <summary>The completeness check over any checker: the seam the package's own tests break on purpose.</summary>
    internal static RuleCheckResult DataCompletenessIsARate(
        IReadOnlyList<string> keyFields, Func<IReadOnlyList<(string Id, IReadOnlyDictionary<string, string?> Fields)>, CompletenessReport> completeness, int maxTest)
        => PropertyRun.Check(CompletenessRate, CrmGen.DataRecords(), set =>
        {
            var records = set.Build();
            var report = completeness(records);
            var missing = records.Select(r => keyFields.Where(f => string.IsNullOrWhiteSpace(r.Fields.GetValueOrDefault(f))).ToArray()).ToArray();
            if (report.Kpi.Observed is < 0m or > 1m)
            {
                return $"the completeness rate is {report.Kpi.Observed.ToString(CultureInfo.InvariantCulture)}";
            }

            if (report.Kpi.Total != records.Count || report.Kpi.Successes != missing.Count(m => m.Length == 0))
            {
                return $"{missing.Count(m => m.Length == 0)} of {records.Count} records are complete, but the KPI says {report.Kpi}";
            }

            for (var i = 0; i < records.Count; i++)
            {
                if (i >= report.Records.Count || !report.Records[i].MissingFields.Order(StringComparer.Ordinal).SequenceEqual(missing[i].Order(StringComparer.Ordinal)))
                {
                    return $"{records[i].Id} misses [{string.Join(", ", missing[i])}], but the report says [{(i < report.Records.Count ? string.Join(", ", report.Records[i].MissingFields) : "nothing")}]";
                }
            }

            foreach (var field in keyFields)
            {
                var expected = missing.Count(m => m.Contains(field, StringComparer.Ordinal));
                if (report.MissingByField.GetValueOrDefault(field) != expected)
                {
                    return $"{expected} records miss '{field}', but the report counts {report.MissingByField.GetValueOrDefault(field)}";
                }
            }

            return null;
        }, maxTest);

    /// <summary>
    /// Every one of the 125 RFM score triples gets a segment, the first row of the table that holds it (checked
    /// exhaustively); and for random transaction logs (<see cref="CrmGen.TransactionLogs"/>) every customer's scores lie in
    /// 1..5 and their segment is the one of their scores.
    /// </summary>
    /// <param name="rules">The rule set.</param>
    /// <param name="maxTest">Random transaction logs.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    public static RuleCheckResult RfmScoresCoverTheSegmentTable(CrmRuleSet rules, int maxTest = DefaultMaxTest)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return RfmScoresCoverTheSegmentTable(rules.Analytics, rules.Analytics.Segment, maxTest);
    }

    /// <summary>The RFM check over any segment function: the seam the package's own tests break on purpose.</summary>
    internal static RuleCheckResult RfmScoresCoverTheSegmentTable(AnalyticsRules analytics, Func<RfmScores, RfmSegment> segment, int maxTest)
    {
        var table = analytics.Segments;
        var triples = 0;
        for (var r = 1; r <= 5; r++)
        {
            for (var f = 1; f <= 5; f++)
            {
                for (var m = 1; m <= 5; m++)
                {
                    triples++;
                    var scores = new RfmScores(r, f, m);
                    var first = table.FirstOrDefault(row => row.Matches(scores));
                    var given = segment(scores);
                    if (first is null || given != first)
                    {
                        return RuleCheckResult.Failed(RfmCover, triples, exhaustive: true,
                            first is null ? $"{scores} is held by no row of the segment table" : $"{scores} gets segment '{given.Name}', but the first row that holds it is '{first.Name}'");
                    }
                }
            }
        }

        var result = PropertyRun.Check(RfmCover, CrmGen.TransactionLogs(), log =>
        {
            var report = analytics.Rfm(log.Transactions(), TransactionLog.AnalysisDate);
            foreach (var customer in report.Customers)
            {
                var s = customer.Scores;
                if (s.Recency is < 1 or > 5 || s.Frequency is < 1 or > 5 || s.Monetary is < 1 or > 5)
                {
                    return $"{customer.CustomerId} scores {s}, outside 1..5";
                }

                if (customer.Segment != segment(s))
                {
                    return $"{customer.CustomerId} ({s}) is in segment '{customer.Segment.Name}', but its scores' segment is '{segment(s).Name}'";
                }
            }

            return null;
        }, maxTest);
        return result.Holds ? RuleCheckResult.Passed(RfmCover, triples + result.CasesTried, exhaustive: false) : result;
    }

    /// <summary>
    /// For random activity histories (<see cref="CrmGen.LoyaltyHistories"/>: purchases, refunds, fixed awards, and
    /// redemptions of a share of the balance), the statement's balance is never negative and equals the points earned less
    /// those taken back, redeemed and expired.
    /// </summary>
    /// <param name="rules">The rule set.</param>
    /// <param name="maxTest">Random histories.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    public static RuleCheckResult LoyaltyPointsNeverNegative(CrmRuleSet rules, int maxTest = DefaultMaxTest)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var loyalty = rules.Loyalty;
        return LoyaltyPointsNeverNegative(h =>
        {
            var s = loyalty.Evaluate(h.Activities(loyalty), h.AsOf, h.TierOf(loyalty), h.Birthday);
            return (s.Balance, s.Earned, s.TakenBack, s.Redeemed, s.Expired);
        }, maxTest);
    }

    /// <summary>The loyalty check over any statement: the seam the package's own tests break on purpose.</summary>
    internal static RuleCheckResult LoyaltyPointsNeverNegative(Func<LoyaltyHistory, (long Balance, long Earned, long TakenBack, long Redeemed, long Expired)> statement, int maxTest)
        => PropertyRun.Check(LoyaltyBalance, CrmGen.LoyaltyHistories(), h =>
        {
            var s = statement(h);
            return s.Balance < 0 ? $"the balance is {s.Balance}"
                : s.Earned - s.TakenBack - s.Redeemed - s.Expired != s.Balance
                    ? $"earned {s.Earned} − taken back {s.TakenBack} − redeemed {s.Redeemed} − expired {s.Expired} = {s.Earned - s.TakenBack - s.Redeemed - s.Expired}, but the balance is {s.Balance}"
                    : null;
        }, maxTest);

    /// <summary>
    /// Every role decides as its scope says, for every viewer and record of a small exhaustive grid (viewers <c>u-1</c> and
    /// <c>u-2</c> in no team, <c>east</c> or <c>west</c>; records owned by nobody, a blank owner, <c>u-1</c> or <c>u-2</c>, in
    /// no team, <c>east</c> or <c>west</c>): <c>own</c> sees exactly the records the viewer owns, <c>team</c> those and its
    /// team's, <c>all</c> every record; a visible record shows the role's field class (the usage fields only, or all) and
    /// its reveal right, a hidden one no field and no reveal.
    /// </summary>
    /// <param name="rules">The rule set.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    public static RuleCheckResult AccessFollowsTheRoles(CrmRuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return AccessFollowsTheRoles(rules.Access, rules.Access.Decide);
    }

    /// <summary>The access check over any decision: the seam the package's own tests break on purpose.</summary>
    internal static RuleCheckResult AccessFollowsTheRoles(AccessRules access, Func<Viewer, string?, string?, AccessDecision> decide)
    {
        string?[] teams = [null, "east", "west"];
        string?[] owners = [null, " ", "u-1", "u-2"];
        string[] ids = ["u-1", "u-2"];
        var cases = 0;
        foreach (var role in access.Roles)
        {
            foreach (var viewer in from id in ids from team in teams select new Viewer(role.Name, id, team))
            {
                if (!access.Accepts(viewer, out _))
                {
                    continue;
                }

                foreach (var (owner, team) in from o in owners from t in teams select (o, t))
                {
                    cases++;
                    var own = owner == viewer.Id;
                    var expected = role.Scope switch
                    {
                        AccessScope.All => true,
                        AccessScope.Team => own || (team is not null && team == viewer.Team),
                        _ => own,
                    };
                    var decision = decide(viewer, owner, team);
                    var record = $"viewer {viewer} ({role}) and a record owned by {(owner is null ? "nobody" : $"'{owner}'")} in {(team is null ? "no team" : $"team {team}")}";
                    if (decision.IsVisible != expected)
                    {
                        return RuleCheckResult.Failed(AccessRoles, cases, exhaustive: true, $"{record}: the record is {(decision.IsVisible ? "visible" : "hidden")}, but the role's scope makes it {(expected ? "visible" : "hidden")}");
                    }

                    var (fields, reveal) = expected ? (role.Fields, role.RevealContacts) : (FieldAccess.None, false);
                    if (decision.Fields != fields || decision.MayRevealContacts != reveal)
                    {
                        return RuleCheckResult.Failed(AccessRoles, cases, exhaustive: true,
                            $"{record}: the decision shows {decision.Fields.ToText()} fields{(decision.MayRevealContacts ? " and may reveal contacts" : "")}, but the role gives {fields.ToText()}{(reveal ? " and may reveal contacts" : "")}");
                    }
                }
            }
        }

        return RuleCheckResult.Passed(AccessRoles, cases, exhaustive: true);
    }

    /// <summary>
    /// For random tickets (<see cref="CrmGen.SlaTickets"/>: every policy, pauses closed or open, stopped or running), the
    /// deadline with the pauses is never earlier than the deadline of the same clock without them, evaluated at the same instant.
    /// </summary>
    /// <param name="rules">The rule set.</param>
    /// <param name="maxTest">Random tickets.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    public static RuleCheckResult SlaPausesNeverAdvanceTheDeadline(CrmRuleSet rules, int maxTest = DefaultMaxTest)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return SlaPausesNeverAdvanceTheDeadline(rules.Sla, (clock, asOf) => rules.Sla.Evaluate(clock, asOf).Deadline, maxTest);
    }

    /// <summary>The pause check over any deadline function: the seam the package's own tests break on purpose.</summary>
    internal static RuleCheckResult SlaPausesNeverAdvanceTheDeadline(Sla.SlaRules sla, Func<Sla.SlaClock, NodaTime.Instant, NodaTime.Instant> deadline, int maxTest)
    {
        if (sla.Policies.Count == 0)
        {
            return RuleCheckResult.Passed(SlaPauses, 0, exhaustive: true);
        }

        return PropertyRun.Check(SlaPauses, CrmGen.SlaTickets(), t =>
        {
            var paused = deadline(t.Clock(sla), t.AsOf);
            var unpaused = deadline((t with { Pauses = [] }).Clock(sla), t.AsOf);
            return paused < unpaused ? $"policy '{t.PolicyOf(sla).Name}': due {paused} with the pauses, {unpaused} without them" : null;
        }, maxTest);
    }
}
