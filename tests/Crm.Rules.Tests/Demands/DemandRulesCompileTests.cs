using System.Reflection;
using Crm.Rules.Demands;
using NodaTime;

namespace Crm.Rules.Tests.Demands;

public class DemandRulesCompileTests
{
    private static readonly Demand[] Backlog =
    [
        new("d1", "A") { Important = true, Urgent = true, Value = 100, Cost = 50, StrategicFit = 2 },
        new("d2", "B") { Importance = 4, Urgency = 3, Value = 900, Cost = 100, StrategicFit = 5 },
        new("d3", "C") { Importance = 5, Urgency = 5, Value = 10, Cost = 0, StrategicFit = 1 },
        new("d4", "x") { Important = false, Urgent = true },
        new("d5", "B") { Important = true, Urgent = true, Value = 300, Cost = 100, StrategicFit = 4 },
    ];

    // Each mutation changes one reachable DemandOptions object in place, the way a host editing its options would.
    private static readonly Dictionary<string, Action<DemandOptions>> Mutations = new()
    {
        [nameof(DemandOptions.ImportanceThreshold)] = o => o.ImportanceThreshold = 1m,
        [nameof(DemandOptions.UrgencyThreshold)] = o => o.UrgencyThreshold = 5m,
        [nameof(DemandOptions.QuadrantOrder)] = o => o.QuadrantOrder.Reverse(),
        [nameof(DemandOptions.Actions)] = o =>
        {
            o.Actions["do-first"] = "ignore";
            o.Actions.Remove("defer");
        },
        [nameof(DemandOptions.OrderBy)] = o =>
        {
            o.OrderBy.Clear();
            o.OrderBy.Add("strategicFit");
        },
        [nameof(DemandOptions.Ordering)] = o =>
        {
            o.Ordering.Mode = o.Ordering.Mode == "weighted" ? "lexicographic" : "weighted";
            o.Ordering.Weights["customerGrade"] = 1m;
            o.Ordering.Weights.Remove("valueToCost");
            o.Ordering.Weights["strategicFit"] = 0m;
        },
        [nameof(DemandOptions.GradeOrder)] = o =>
        {
            o.GradeOrder.Reverse();
        },
        [nameof(DemandOptions.FeedbackWorkingDays)] = o => o.FeedbackWorkingDays = 10,
        [nameof(DemandOptions.FeedbackCalendar)] = o => o.FeedbackCalendar = "24x7",
    };

    [Fact]
    public void TheMutationsReachEverySetting()
    {
        // A new setting fails here until the test below mutates it too.
        Assert.Equal(typeof(DemandOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).Order(), Mutations.Keys.Order());
        Assert.Equal(["Mode", "Weights"], typeof(DemandOrderingOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).Order());
    }

    [Theory]
    [InlineData("lexicographic")]
    [InlineData("weighted")]
    public void Compile_ThenMutatingTheOptions_ChangesNeitherTheOrderNorTheFingerprint(string mode)
    {
        var options = new CrmRulesOptions();
        options.Demands.Ordering.Mode = mode;
        var ruleSet = CrmRuleSet.Compile(options);
        var rules = ruleSet.Demands;
        var before = Snapshot(ruleSet);

        foreach (var mutate in Mutations.Values)
        {
            mutate(options.Demands);
        }

        // The mutated options compile to different rules, so the snapshot below would notice any shared reference.
        Assert.NotEqual(before, Snapshot(CrmRuleSet.Compile(options)));
        Assert.Equal(before, Snapshot(ruleSet));
        Assert.Same(rules, ruleSet.Demands);

        options.Demands = new DemandOptions { OrderBy = ["customerGrade"] };
        Assert.Equal(before, Snapshot(ruleSet));
    }

    private static string Snapshot(CrmRuleSet ruleSet)
    {
        var rules = ruleSet.Demands;
        var metAt = Instant.FromUtc(2026, 11, 27, 2, 0);
        return string.Join(
            Environment.NewLine,
            [
                ruleSet.Fingerprint,
                ruleSet.CanonicalJson,
                rules.Fingerprint,
                $"{rules.Mode} {rules.ImportanceThreshold} {rules.UrgencyThreshold} {rules.FeedbackWorkingDays} {rules.FeedbackCalendar} {rules.SatisfactionTarget}",
                string.Join(",", rules.QuadrantOrder),
                string.Join(",", rules.OrderBy),
                string.Join(",", rules.GradeOrder),
                string.Join(",", rules.Weights.OrderBy(w => w.Key).Select(w => $"{w.Key}={w.Value}")),
                rules.FeedbackDeadline(metAt).ToString(),
                rules.Satisfaction(15, 20).Met.ToString(),
                .. rules.Prioritise(Backlog).Select(d => $"{d} | {d.Action} | {d.Fingerprint}"),
            ]);
    }
}
