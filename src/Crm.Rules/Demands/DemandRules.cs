using Crm.Rules.Satisfaction;
using Crm.Rules.Sla;
using Crm.Rules.Scoring;
using System.Collections.ObjectModel;
using System.Numerics;
using NodaTime;

namespace Crm.Rules.Demands;

/// <summary>
/// The compiled four-quadrant prioritiser (DEM-1 … DEM-4): quadrants from importance and urgency, a deterministic
/// backlog order (lexicographic: quadrant, customer grade, value / cost, strategic fit — order configurable; or
/// weighted: the quadrant, then a weighted score of the other keys — then the id), the fulfilment-feedback deadline
/// and the monthly satisfaction check.
/// </summary>
/// <remarks>Everything is copied out of the options when the rule set is compiled: changing the options afterwards changes nothing here.</remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class DemandRules
{
    private readonly int[] _quadrantRank;
    private readonly string[] _actions;
    private readonly DemandOrderKey[] _orderBy;
    private readonly DemandOrderKey[] _weightedKeys;
    private readonly long[] _weightMillionths;
    private readonly Dictionary<string, int> _gradeRank;
    private readonly SlaRules _sla;

    internal DemandRules(DemandOptions options, SlaRules sla, SatisfactionRules kpis, string fingerprint)
    {
        Fingerprint = fingerprint;
        _sla = sla;
        ImportanceThreshold = options.ImportanceThreshold;
        UrgencyThreshold = options.UrgencyThreshold;
        var quadrantOrder = options.QuadrantOrder.Select(q => (Quadrant)Array.IndexOf(DemandWords.Quadrants, q)).ToArray();
        QuadrantOrder = Array.AsReadOnly(quadrantOrder);
        _quadrantRank = Enum.GetValues<Quadrant>().Select(q => Array.IndexOf(quadrantOrder, q)).ToArray();
        _actions = DemandWords.Quadrants.Select(q => options.Actions.GetValueOrDefault(q, q)).ToArray();
        _orderBy = options.OrderBy.Select(k => (DemandOrderKey)Array.IndexOf(DemandWords.OrderKeys, k)).ToArray();
        OrderBy = Array.AsReadOnly(_orderBy);
        Mode = (DemandOrderingMode)Array.IndexOf(DemandWords.Modes, options.Ordering.Mode);

        // Every weighted key is listed, 0 when the options leave it out; only the keys that weigh something take part.
        var weights = DemandWords.WeightedKeys.ToDictionary(
            k => (DemandOrderKey)Array.IndexOf(DemandWords.OrderKeys, k),
            k => FixedPoint.Normalize(options.Ordering.Weights.GetValueOrDefault(k)));
        Weights = new ReadOnlyDictionary<DemandOrderKey, decimal>(weights);
        _weightedKeys = weights.Where(w => w.Value > 0m).Select(w => w.Key).Order().ToArray();
        _weightMillionths = _weightedKeys.Select(k => FixedPoint.ToScaled(weights[k])).ToArray();

        var grades = options.GradeOrder.ToArray();
        GradeOrder = Array.AsReadOnly(grades);
        _gradeRank = grades.Select((g, i) => (g, i)).ToDictionary(x => x.g, x => x.i, GradeNames.Comparer);
        FeedbackWorkingDays = options.FeedbackWorkingDays;
        FeedbackCalendar = options.FeedbackCalendar;
        SatisfactionTarget = kpis.Target(Kpis.DemandSatisfaction);
    }

    /// <summary>The fingerprint of the rule set these rules belong to.</summary>
    public string Fingerprint { get; }

    /// <summary>The lowest importance score that counts as important.</summary>
    public decimal ImportanceThreshold { get; }

    /// <summary>The lowest urgency score that counts as urgent.</summary>
    public decimal UrgencyThreshold { get; }

    /// <summary>The quadrants in handling order.</summary>
    public IReadOnlyList<Quadrant> QuadrantOrder { get; }

    /// <summary>How the keys combine.</summary>
    public DemandOrderingMode Mode { get; }

    /// <summary>The keys of the lexicographic mode, most significant first.</summary>
    public IReadOnlyList<DemandOrderKey> OrderBy { get; }

    /// <summary>The weight of each key of the weighted mode (<see cref="DemandOrderKey.CustomerGrade"/>, <see cref="DemandOrderKey.ValueToCost"/>, <see cref="DemandOrderKey.StrategicFit"/>); they add up to 1.</summary>
    public IReadOnlyDictionary<DemandOrderKey, decimal> Weights { get; }

    /// <summary>Customer grades, best first.</summary>
    public IReadOnlyList<string> GradeOrder { get; }

    /// <summary>Working days for fulfilment feedback (DEM-4).</summary>
    public int FeedbackWorkingDays { get; }

    /// <summary>The calendar the feedback days count on.</summary>
    public string FeedbackCalendar { get; }

    /// <summary>The monthly demand satisfaction target: <c>satisfaction.kpiTargets.demandSatisfaction</c>.</summary>
    public decimal SatisfactionTarget { get; }

    /// <summary>The quadrant of a demand (DEM-2): flags win over scores; a score at or above its threshold counts.</summary>
    /// <param name="demand">The demand.</param>
    /// <returns>The quadrant.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="demand"/> is <see langword="null"/>.</exception>
    /// <exception cref="CrmInputException">Neither a flag nor a score is given for importance or urgency.</exception>
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

    /// <summary>
    /// Orders a backlog deterministically; the result does not depend on the input order. Lexicographic mode: the keys
    /// of <see cref="OrderBy"/>, then the id. Weighted mode: the quadrant, then the weighted score (higher first), then
    /// the id.
    /// </summary>
    /// <param name="demands">The demands; ids should be unique (equal ids with equal keys keep no defined order between them).</param>
    /// <returns>The demands in handling order, each with its rank and the reasons for its place.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="demands"/> or one of them is <see langword="null"/>.</exception>
    /// <exception cref="CrmInputException">A demand cannot be classified, or has a negative cost.</exception>
    public IReadOnlyList<PrioritisedDemand> Prioritise(IEnumerable<Demand> demands)
    {
        ArgumentNullException.ThrowIfNull(demands);
        var keyed = demands.Select(Key).ToArray();
        var order = Positions(keyed.Length);
        WeightedScores? scores = null;
        if (Mode == DemandOrderingMode.Weighted)
        {
            scores = Score(keyed);
            Array.Sort(order, new WeightedComparer(keyed, scores.Scores));
        }
        else
        {
            Array.Sort(order, new KeyComparer(_orderBy, keyed));
        }

        var result = new PrioritisedDemand[keyed.Length];
        for (var i = 0; i < keyed.Length; i++)
        {
            var k = keyed[order[i]];
            result[i] = new PrioritisedDemand(this, k.Demand, k.Quadrant, i + 1, scores, order[i]);
        }

        return result;
    }

    /// <summary>When the customer must hear back after a demand is met (DEM-4: within 3 working days, SLA-5).</summary>
    /// <param name="metAt">When the demand was met.</param>
    /// <returns>
    /// The instant the SLA clock of a working-day target started at <paramref name="metAt"/> gives (docs/sla.md): the
    /// business time from <paramref name="metAt"/> to the same local time N working days after the first working instant
    /// at or after it, used up on the feedback calendar. A demand met on Saturday counts from Monday's opening.
    /// </returns>
    public Instant FeedbackDeadline(Instant metAt)
    {
        // DEM-4 is SLA-5's demand-feedback policy: the same counting as SlaPolicy.TargetFrom, never a second reading of
        // "3 working days" that would answer differently for a demand met outside working time.
        var calendar = _sla.FindCalendar(FeedbackCalendar) ?? BusinessCalendar.AlwaysOpen;
        return calendar.Add(metAt, calendar.WorkingDaysTarget(metAt, FeedbackWorkingDays));
    }

    /// <summary>The monthly demand satisfaction rate against its target (DEM-4: ≥ 90 %).</summary>
    /// <param name="satisfied">Demands the customer was satisfied with.</param>
    /// <param name="total">Demands met in the month.</param>
    /// <returns>The check.</returns>
    public KpiCheck Satisfaction(long satisfied, long total)
        => KpiCheck.FromCounts(Kpis.DemandSatisfaction, satisfied, total, SatisfactionTarget, Fingerprint);

    private static bool IsAtLeast(Demand demand, bool? flag, decimal? score, decimal threshold, string field)
        => flag ?? (score is { } s ? s >= threshold : throw new CrmInputException(demand.Id, field, $"give '{(field == "importance" ? "important" : "urgent")}' (true/false) or '{field}' (a 1..5 score)"));

    // Sort positions, not the keys themselves: moving an int is cheaper than moving a key.
    private static int[] Positions(int count)
    {
        var order = new int[count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        return order;
    }

    private DemandKey Key(Demand demand)
    {
        ArgumentNullException.ThrowIfNull(demand);
        if (demand.Cost is < 0m)
        {
            throw new CrmInputException(demand.Id, "cost", $"must not be negative; got {demand.Cost}");
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

    // Each weighted key is normalised by rank within the quadrant: the share of the quadrant's other demands that the
    // demand is strictly ahead of on that key. Every demand of a quadrant shares the denominator (peers), so comparing
    // Σ weight × ahead in integers compares the normalised scores exactly, and one key alone keeps that key's own order.
    private WeightedScores Score(DemandKey[] keyed)
    {
        var n = keyed.Length;
        var scores = new long[n];
        var peers = new int[n];
        var ahead = new int[_weightedKeys.Length][];
        for (var j = 0; j < _weightedKeys.Length; j++)
        {
            var key = _weightedKeys[j];
            var byKey = Positions(n);
            Array.Sort(byKey, new KeyComparer([DemandOrderKey.Quadrant, key], keyed));
            var counts = ahead[j] = new int[n];
            for (var groupStart = 0; groupStart < n;)
            {
                var groupEnd = groupStart;
                while (groupEnd < n && keyed[byKey[groupEnd]].QuadrantRank == keyed[byKey[groupStart]].QuadrantRank)
                {
                    groupEnd++;
                }

                for (var runStart = groupStart; runStart < groupEnd;)
                {
                    var runEnd = runStart + 1;
                    while (runEnd < groupEnd && CompareKey(key, in keyed[byKey[runStart]], in keyed[byKey[runEnd]]) == 0)
                    {
                        runEnd++;
                    }

                    for (var i = runStart; i < runEnd; i++)
                    {
                        counts[byKey[i]] = groupEnd - runEnd;
                        peers[byKey[i]] = groupEnd - groupStart - 1;
                    }

                    runStart = runEnd;
                }

                groupStart = groupEnd;
            }

            // ≤ 10^6 × 2^31 per key: three keys stay far inside a long.
            for (var i = 0; i < n; i++)
            {
                scores[i] += _weightMillionths[j] * counts[i];
            }
        }

        return new WeightedScores(_weightedKeys, _weightMillionths, ahead, peers, scores);
    }

    internal string ActionOf(Quadrant quadrant) => _actions[(int)quadrant];

    internal IReadOnlyList<DemandReason> ReasonsFor(Demand demand, Quadrant quadrant, WeightedScores? scores, int position)
    {
        if (scores is null)
        {
            return Array.AsReadOnly(_orderBy.Select(key => new DemandReason(key, Text(key, demand, quadrant))).ToArray());
        }

        var reasons = new DemandReason[scores.Keys.Length + 1];
        reasons[0] = new DemandReason(DemandOrderKey.Quadrant, Text(DemandOrderKey.Quadrant, demand, quadrant));
        for (var j = 0; j < scores.Keys.Length; j++)
        {
            var key = scores.Keys[j];
            reasons[j + 1] = new DemandReason(key, Text(key, demand, quadrant), FixedPoint.FromScaled(scores.Weights[j]), scores.Ahead[j][position], scores.Peers[position]);
        }

        return Array.AsReadOnly(reasons);
    }

    private static string Text(DemandOrderKey key, Demand d, Quadrant quadrant) => key switch
    {
        DemandOrderKey.Quadrant => $"{DemandWords.Of(quadrant)} ({(quadrant is Quadrant.DoFirst or Quadrant.Plan ? "important" : "not important")}, {(quadrant is Quadrant.DoFirst or Quadrant.QuickResponse ? "urgent" : "not urgent")})",
        DemandOrderKey.CustomerGrade => d.CustomerGrade is null ? "grade unknown" : $"grade {d.CustomerGrade}",
        DemandOrderKey.ValueToCost => d.Value is { } v && d.Cost is { } c ? (c == 0m ? $"value {FixedPoint.Format(v)} at no cost" : $"value/cost {FixedPoint.Format(decimal.Round(v / c, 4))}") : "value/cost unknown",
        _ => d.StrategicFit is { } f ? $"strategic fit {FixedPoint.Format(f)}" : "strategic fit unknown",
    };

    // Two demands whose rounded ratios tie (class 1: value and a cost above zero both known): higher value per unit of
    // cost first, compared exactly by cross-multiplying. Costs are positive, so the products keep the order.
    private static int CompareValueToCost(Demand a, Demand b)
    {
        var (av, ac, bv, bc) = (a.Value!.Value, a.Cost!.Value, b.Value!.Value, b.Cost!.Value);
        try
        {
            return (bv * ac).CompareTo(av * bc);
        }
        catch (OverflowException)
        {
            // Products past decimal's range (values or costs around 10^14 and more): the same comparison in integers.
            return Product(bv, ac).CompareTo(Product(av, bc));
        }
    }

    // x × y as an exact integer scaled by 10^56, the largest scale two decimals can carry together.
    private static BigInteger Product(decimal x, decimal y) => Scaled(x) * Scaled(y);

    private static BigInteger Scaled(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var magnitude = (new BigInteger((uint)bits[2]) << 64) | (new BigInteger((uint)bits[1]) << 32) | (uint)bits[0];
        var scale = (bits[3] >> 16) & 0xFF;
        var scaled = magnitude * BigInteger.Pow(10, 28 - scale);
        return bits[3] < 0 ? -scaled : scaled;
    }

    // One key, best first; 0 when the demands tie on it.
    private static int CompareKey(DemandOrderKey key, in DemandKey a, in DemandKey b) => key switch
    {
        DemandOrderKey.Quadrant => a.QuadrantRank.CompareTo(b.QuadrantRank),
        DemandOrderKey.CustomerGrade => a.GradeRank.CompareTo(b.GradeRank),
        DemandOrderKey.ValueToCost => CompareRatio(in a, in b),
        _ => a.FitClass != b.FitClass ? a.FitClass.CompareTo(b.FitClass) : b.Fit.CompareTo(a.Fit),
    };

    private static int CompareRatio(in DemandKey a, in DemandKey b)
    {
        if (a.RatioClass != b.RatioClass)
        {
            return a.RatioClass.CompareTo(b.RatioClass);
        }

        var order = b.Ratio.CompareTo(a.Ratio);
        return order != 0 || a.RatioClass != 1 ? order : CompareValueToCost(a.Demand, b.Demand);
    }

    // Everything a comparison needs sits in the key, so that sorting does not chase references.
    private readonly record struct DemandKey(Demand Demand, Quadrant Quadrant, int QuadrantRank, int GradeRank, int RatioClass, decimal Ratio, int FitClass, decimal Fit);

    private sealed class KeyComparer(DemandOrderKey[] keys, DemandKey[] keyed) : IComparer<int>
    {
        public int Compare(int x, int y)
        {
            ref readonly var a = ref keyed[x];
            ref readonly var b = ref keyed[y];
            foreach (var key in keys)
            {
                var order = CompareKey(key, in a, in b);
                if (order != 0)
                {
                    return order;
                }
            }

            return string.CompareOrdinal(a.Demand.Id, b.Demand.Id);
        }
    }

    // The quadrant first (DEM-2 is a handling rule, not a criterion to trade off), the higher score next, the id last.
    private sealed class WeightedComparer(DemandKey[] keyed, long[] scores) : IComparer<int>
    {
        public int Compare(int x, int y)
        {
            ref readonly var a = ref keyed[x];
            ref readonly var b = ref keyed[y];
            var order = a.QuadrantRank.CompareTo(b.QuadrantRank);
            if (order == 0)
            {
                order = scores[y].CompareTo(scores[x]);
            }

            return order != 0 ? order : string.CompareOrdinal(a.Demand.Id, b.Demand.Id);
        }
    }
}
