using Crm.Rules.Satisfaction;
using Crm.Rules.Sla;
using NodaTime;

namespace Crm.Rules.Demands;

/// <summary>A demand that cannot be classified or ordered: names the demand and the field.</summary>
/// <param name="demandId">The demand's id.</param>
/// <param name="field">The field, e.g. <c>urgency</c>.</param>
/// <param name="problem">What is wrong.</param>
public sealed class DemandInputException(string demandId, string field, string problem)
    : ArgumentException($"demand '{demandId}', field '{field}': {problem}")
{
    /// <summary>The demand's id.</summary>
    public string DemandId { get; } = demandId;

    /// <summary>The offending field.</summary>
    public string Field { get; } = field;

    /// <summary>What is wrong.</summary>
    public string Problem { get; } = problem;
}

/// <summary>
/// The compiled four-quadrant prioritiser (DEM-1 … DEM-4): quadrants from importance and urgency, a deterministic
/// backlog order (quadrant, customer grade, value / cost, strategic fit — order configurable — then the id), the
/// fulfilment-feedback deadline and the monthly satisfaction check.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class DemandRules
{
    internal static readonly string[] QuadrantNames = ["do-first", "plan", "quick-response", "defer"];
    internal static readonly string[] OrderKeys = ["quadrant", "customerGrade", "valueToCost", "strategicFit"];

    private readonly int[] _quadrantRank;
    private readonly string[] _actions;
    private readonly int[] _keys;
    private readonly Dictionary<string, int> _gradeRank;
    private readonly SlaRules _sla;

    internal DemandRules(DemandOptions options, SlaRules sla, string fingerprint)
    {
        Fingerprint = fingerprint;
        _sla = sla;
        ImportanceThreshold = options.ImportanceThreshold;
        UrgencyThreshold = options.UrgencyThreshold;
        _quadrantRank = QuadrantNames.Select(q => options.QuadrantOrder.IndexOf(q)).ToArray();
        _actions = QuadrantNames.Select(q => options.Actions.GetValueOrDefault(q, q)).ToArray();
        _keys = options.OrderBy.Select(k => Array.IndexOf(OrderKeys, k)).ToArray();
        _gradeRank = options.GradeOrder.Select((g, i) => (g, i)).ToDictionary(x => x.g, x => x.i, StringComparer.OrdinalIgnoreCase);
        FeedbackWorkingDays = options.FeedbackWorkingDays;
        FeedbackCalendar = options.FeedbackCalendar;
        SatisfactionTarget = options.SatisfactionTarget;
    }

    /// <summary>The fingerprint of the rule set these rules belong to.</summary>
    public string Fingerprint { get; }

    /// <summary>The lowest importance score that counts as important.</summary>
    public decimal ImportanceThreshold { get; }

    /// <summary>The lowest urgency score that counts as urgent.</summary>
    public decimal UrgencyThreshold { get; }

    /// <summary>Working days for fulfilment feedback (DEM-4).</summary>
    public int FeedbackWorkingDays { get; }

    /// <summary>The calendar the feedback days count on.</summary>
    public string FeedbackCalendar { get; }

    /// <summary>The monthly demand satisfaction target.</summary>
    public decimal SatisfactionTarget { get; }

    /// <summary>The quadrant of a demand (DEM-2): flags win over scores; a score at or above its threshold counts.</summary>
    /// <param name="demand">The demand.</param>
    /// <returns>The quadrant.</returns>
    /// <exception cref="DemandInputException">Neither a flag nor a score is given for importance or urgency.</exception>
    public Quadrant Classify(Demand demand)
    {
        ArgumentNullException.ThrowIfNull(demand);
        var important = IsAtLeast(demand, demand.Important, demand.Importance, ImportanceThreshold, "importance");
        var urgent = IsAtLeast(demand, demand.Urgent, demand.Urgency, UrgencyThreshold, "urgency");
        return (important, urgent) switch
        {
            (true, true) => Quadrant.DoFirst,
            (true, false) => Quadrant.Plan,
            (false, true) => Quadrant.QuickResponse,
            _ => Quadrant.Defer,
        };
    }

    /// <summary>Orders a backlog deterministically; the result does not depend on the input order.</summary>
    /// <param name="demands">The demands; ids should be unique (equal ids with equal keys keep no defined order between them).</param>
    /// <returns>The demands in handling order, each with its rank and the reason for its place.</returns>
    /// <exception cref="DemandInputException">A demand cannot be classified, or has a negative cost.</exception>
    public IReadOnlyList<PrioritisedDemand> Prioritise(IEnumerable<Demand> demands)
    {
        ArgumentNullException.ThrowIfNull(demands);
        var keyed = demands.Select(Key).ToArray();

        // Sort positions, not the keys themselves: moving an int is cheaper than moving a key.
        var order = new int[keyed.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, new KeyComparer(_keys, keyed));
        var result = new PrioritisedDemand[keyed.Length];
        for (var i = 0; i < keyed.Length; i++)
        {
            var k = keyed[order[i]];
            result[i] = new PrioritisedDemand(this, k.Demand, k.Quadrant, i + 1);
        }

        return result;
    }

    /// <summary>When the customer must hear back after a demand is met (DEM-4: within 3 working days, SLA-5).</summary>
    /// <param name="metAt">When the demand was met.</param>
    /// <returns>The same local time on the Nth working day of the feedback calendar.</returns>
    public Instant FeedbackDeadline(Instant metAt)
        => (_sla.FindCalendar(FeedbackCalendar) ?? BusinessCalendar.AlwaysOpen).AddWorkingDays(metAt, FeedbackWorkingDays);

    /// <summary>The monthly demand satisfaction rate against its target (DEM-4: ≥ 90 %).</summary>
    /// <param name="satisfied">Demands the customer was satisfied with.</param>
    /// <param name="total">Demands met in the month.</param>
    /// <returns>The check.</returns>
    public KpiCheck Satisfaction(long satisfied, long total)
        => KpiCheck.FromCounts("demandSatisfaction", satisfied, total, SatisfactionTarget, Fingerprint);

    private static bool IsAtLeast(Demand demand, bool? flag, decimal? score, decimal threshold, string field)
        => flag ?? (score is { } s ? s >= threshold : throw new DemandInputException(demand.Id, field, $"give '{(field == "importance" ? "important" : "urgent")}' (true/false) or '{field}' (a 1..5 score)"));

    private DemandKey Key(Demand demand)
    {
        if (demand.Cost is < 0m)
        {
            throw new DemandInputException(demand.Id, "cost", $"must not be negative; got {demand.Cost}");
        }

        var quadrant = Classify(demand);
        var grade = demand.CustomerGrade is { } g && _gradeRank.TryGetValue(g, out var rank) ? rank : _gradeRank.Count;

        // The ratio, computed once, orders almost every pair; equal ratios are settled exactly by cross-multiplying.
        var (ratioClass, ratio) = demand switch
        {
            { Value: null } or { Cost: null } => (2, 0m),
            { Cost: 0m } => (0, demand.Value!.Value),
            _ => (1, demand.Value!.Value / demand.Cost!.Value),
        };
        return new DemandKey(demand, quadrant, _quadrantRank[(int)quadrant], grade, ratioClass, ratio, demand.StrategicFit is null ? 1 : 0, demand.StrategicFit ?? 0m);
    }

    internal string ActionOf(Quadrant quadrant) => _actions[(int)quadrant];

    internal string ReasonFor(Demand demand, Quadrant quadrant)
        => Reason(new DemandKey(demand, quadrant, 0, 0, 0, 0m, 0, 0m));

    // Higher value per unit of cost first, compared by cross-multiplying (exact); free demands with value first;
    // demands without value or cost last.
    private static int CompareValueToCost(Demand a, Demand b)
    {
        var aKnown = a.Value is not null && a.Cost is not null;
        var bKnown = b.Value is not null && b.Cost is not null;
        if (!aKnown || !bKnown)
        {
            return aKnown == bKnown ? 0 : aKnown ? -1 : 1;
        }

        var (av, ac, bv, bc) = (a.Value!.Value, a.Cost!.Value, b.Value!.Value, b.Cost!.Value);
        if (ac == 0m || bc == 0m)
        {
            return ac == bc ? bv.CompareTo(av) : ac == 0m ? -1 : 1;
        }

        return (bv * ac).CompareTo(av * bc);
    }

    private string Reason(DemandKey k)
    {
        var d = k.Demand;
        var parts = new List<string>();
        foreach (var key in _keys)
        {
            parts.Add(key switch
            {
                0 => $"{QuadrantNames[(int)k.Quadrant]} ({(k.Quadrant is Quadrant.DoFirst or Quadrant.Plan ? "important" : "not important")}, {(k.Quadrant is Quadrant.DoFirst or Quadrant.QuickResponse ? "urgent" : "not urgent")})",
                1 => d.CustomerGrade is null ? "grade unknown" : $"grade {d.CustomerGrade}",
                2 => d.Value is { } v && d.Cost is { } c ? (c == 0m ? $"value {FixedPoint.Format(v)} at no cost" : $"value/cost {FixedPoint.Format(decimal.Round(v / c, 4))}") : "value/cost unknown",
                _ => d.StrategicFit is { } f ? $"strategic fit {FixedPoint.Format(f)}" : "strategic fit unknown",
            });
        }

        return string.Join("; ", parts);
    }

    // Everything a comparison needs sits in the key, so that sorting does not chase references.
    private readonly record struct DemandKey(Demand Demand, Quadrant Quadrant, int QuadrantRank, int GradeRank, int RatioClass, decimal Ratio, int FitClass, decimal Fit);

    private sealed class KeyComparer(int[] keys, DemandKey[] keyed) : IComparer<int>
    {
        public int Compare(int x, int y)
        {
            ref readonly var a = ref keyed[x];
            ref readonly var b = ref keyed[y];
            foreach (var key in keys)
            {
                var order = key switch
                {
                    0 => a.QuadrantRank.CompareTo(b.QuadrantRank),
                    1 => a.GradeRank.CompareTo(b.GradeRank),
                    2 => CompareRatio(in a, in b),
                    _ => a.FitClass != b.FitClass ? a.FitClass.CompareTo(b.FitClass) : b.Fit.CompareTo(a.Fit),
                };
                if (order != 0)
                {
                    return order;
                }
            }

            return string.CompareOrdinal(a.Demand.Id, b.Demand.Id);
        }

        private static int CompareRatio(in DemandKey a, in DemandKey b)
        {
            if (a.RatioClass != b.RatioClass)
            {
                return a.RatioClass.CompareTo(b.RatioClass);
            }

            var order = b.Ratio.CompareTo(a.Ratio);
            return order != 0 || a.RatioClass != 1 ? order : CompareValueToCost(a.Demand, b.Demand);
        }
    }
}
