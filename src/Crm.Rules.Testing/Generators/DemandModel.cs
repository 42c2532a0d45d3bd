using System.Globalization;
using Crm.Rules.Demands;
using FsCheck;
using FsCheck.Fluent;

namespace Crm.Rules.Testing;

/// <summary>
/// The draws behind a random valid demand-prioritising configuration (DEM-1 … DEM-4): thresholds in tenths, the
/// quadrant order and the ordering keys as rotations, the mode with its weights in millionths, the feedback days and calendar.
/// </summary>
/// <param name="ImportanceTenths">The importance threshold in tenths (10 to 50).</param>
/// <param name="UrgencyTenths">The urgency threshold in tenths (10 to 50).</param>
/// <param name="QuadrantRotation">How far (0 to 3) the seed's quadrant order is rotated.</param>
/// <param name="Keys">How many (1 to 4) ordering keys, from the seed's list rotated by <paramref name="KeyRotation"/>.</param>
/// <param name="KeyRotation">How far (0 to 3) the seed's ordering keys are rotated.</param>
/// <param name="Weighted">Whether the weighted mode orders the backlog.</param>
/// <param name="RawWeights">Three draws (0 to 1,000) made into the weights of customerGrade, valueToCost and strategicFit, adding up to exactly 1.</param>
/// <param name="FeedbackDays">Working days (1 to 10) for feedback.</param>
/// <param name="AlwaysOpenFeedback">Whether feedback counts on the 24x7 calendar rather than the business one.</param>
/// <threadsafety>This type is immutable and thread-safe as long as nobody changes <see cref="RawWeights"/>; <see cref="Options"/> builds new options every call.</threadsafety>
public sealed record DemandModel(
    int ImportanceTenths, int UrgencyTenths, int QuadrantRotation, int Keys, int KeyRotation, bool Weighted, int[] RawWeights, int FeedbackDays, bool AlwaysOpenFeedback)
{
    private static readonly string[] Quadrants = ["do-first", "plan", "quick-response", "defer"];
    private static readonly string[] OrderKeys = ["quadrant", "customerGrade", "valueToCost", "strategicFit"];
    private static readonly string[] WeightedKeys = ["customerGrade", "valueToCost", "strategicFit"];

    /// <summary>Random models.</summary>
    /// <value>A generator without shrinking; <see cref="CrmGen.DemandModels"/> adds <see cref="Smaller"/>.</value>
    public static Gen<DemandModel> Generator =>
        from importance in Gen.Choose(10, 50)
        from urgency in Gen.Choose(10, 50)
        from quadrants in Gen.Choose(0, 3)
        from keys in Gen.Choose(1, 4)
        from rotation in Gen.Choose(0, 3)
        from weighted in Gen.Elements(false, true)
        from weights in Gen.Choose(0, 1000).ArrayOf(3)
        from days in Gen.Choose(1, 10)
        from alwaysOpen in Gen.Elements(false, true)
        select new DemandModel(importance, urgency, quadrants, keys, rotation, weighted, weights, days, alwaysOpen);

    /// <summary>Towards the seed standard: thresholds 4, the seed's orders, the lexicographic mode, 3 days on the business calendar.</summary>
    /// <returns>Valid models, simplest first.</returns>
    public IEnumerable<DemandModel> Smaller() =>
        Shrink.Towards(ImportanceTenths, 40).Select(t => this with { ImportanceTenths = t })
            .Concat(Shrink.Towards(UrgencyTenths, 40).Select(t => this with { UrgencyTenths = t }))
            .Concat(Shrink.Towards(QuadrantRotation, 0).Select(r => this with { QuadrantRotation = r }))
            .Concat(Shrink.Towards(Keys, 4).Select(k => this with { Keys = k }))
            .Concat(Shrink.Towards(KeyRotation, 0).Select(r => this with { KeyRotation = r }))
            .Concat(Shrink.Bool(Weighted).Select(w => this with { Weighted = w }))
            .Concat(Shrink.Each(RawWeights, w => Shrink.Towards(w, 0)).Select(w => this with { RawWeights = w }))
            .Concat(Shrink.Towards(FeedbackDays, 3).Select(d => this with { FeedbackDays = d }))
            .Concat(Shrink.Bool(AlwaysOpenFeedback).Select(a => this with { AlwaysOpenFeedback = a }));

    /// <summary>The weights in millionths, adding up to exactly one million (all on customerGrade when every draw is 0).</summary>
    /// <returns>Three weights: customerGrade, valueToCost, strategicFit.</returns>
    public long[] Weights()
    {
        var total = RawWeights.Sum();
        if (total == 0)
        {
            return [1_000_000, 0, 0];
        }

        var weights = RawWeights.Select(w => w * 1_000_000L / total).ToArray();
        weights[Array.IndexOf(RawWeights, RawWeights.Max())] += 1_000_000L - weights.Sum();
        return weights;
    }

    /// <summary>Builds fresh options: the seed standard with this demand prioritising.</summary>
    /// <returns>New options that <see cref="CrmRuleSet.Compile"/> accepts.</returns>
    public CrmRulesOptions Options()
    {
        var options = new CrmRulesOptions();
        var demands = options.Demands;
        demands.ImportanceThreshold = ImportanceTenths / 10m;
        demands.UrgencyThreshold = UrgencyTenths / 10m;
        demands.QuadrantOrder = Rotate(Quadrants, QuadrantRotation).ToList();
        demands.OrderBy = Rotate(OrderKeys, KeyRotation).Take(Keys).ToList();
        var weights = Weights();
        demands.Ordering = new DemandOrderingOptions
        {
            Mode = Weighted ? "weighted" : "lexicographic",
            Weights = WeightedKeys.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => weights[x.i] / 1_000_000m),
        };
        demands.FeedbackWorkingDays = FeedbackDays;
        demands.FeedbackCalendar = AlwaysOpenFeedback ? Sla.SlaOptions.AlwaysOpenCalendar : "business";
        return options;
    }

    /// <summary>What a failure report needs to rebuild the configuration by hand.</summary>
    /// <returns>One line.</returns>
    public override string ToString()
    {
        var options = Options().Demands;
        return string.Create(CultureInfo.InvariantCulture,
            $"demands(important from {options.ImportanceThreshold}, urgent from {options.UrgencyThreshold}, quadrants {string.Join(" > ", options.QuadrantOrder)}, " +
            $"{options.Ordering.Mode} by {(Weighted ? string.Join(", ", options.Ordering.Weights.Select(w => $"{w.Key} {w.Value}")) : string.Join(", ", options.OrderBy))}, " +
            $"feedback in {FeedbackDays} working days on {options.FeedbackCalendar})");
    }

    private static IEnumerable<string> Rotate(string[] items, int by) => items.Skip(by).Concat(items.Take(by));
}

/// <summary>
/// One demand's draws: its customer's grade (an index among a rule set's grades, the last index past them meaning an unknown
/// grade), importance and urgency given as flags or 1..5 scores in tenths, and optional value, cost and strategic fit.
/// </summary>
/// <param name="Grade">The grade's index (0 to 3, modulo the grades plus one: the last is a grade the rule set does not list); -1 for none.</param>
/// <param name="Importance">Importance in tenths (10 to 50), or 0 (not important) / 1 (important) as a flag.</param>
/// <param name="Urgency">Urgency in tenths (10 to 50), or 0 / 1 as a flag.</param>
/// <param name="Value">The value (0 to 100,000), or -1 for none.</param>
/// <param name="Cost">The cost (0 to 100,000), or -1 for none.</param>
/// <param name="Fit">Strategic fit in tenths (0 to 50), or -1 for none.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record DemandCase(int Grade, int Importance, int Urgency, int Value, int Cost, int Fit)
{
    /// <summary>Random demands.</summary>
    /// <value>A generator without shrinking.</value>
    public static Gen<DemandCase> Generator =>
        from grade in Gen.Choose(-1, 3)
        from importance in Gen.OneOf(Gen.Choose(0, 1), Gen.Choose(10, 50))
        from urgency in Gen.OneOf(Gen.Choose(0, 1), Gen.Choose(10, 50))
        from value in Gen.OneOf(Gen.Constant(-1), Gen.Choose(0, 100_000), Gen.Choose(0, 3))
        from cost in Gen.OneOf(Gen.Constant(-1), Gen.Choose(0, 100_000), Gen.Choose(0, 3))
        from fit in Gen.Choose(-1, 50)
        select new DemandCase(grade, importance, urgency, value, cost, fit);

    /// <summary>No grade, not important nor urgent, no value, cost or fit.</summary>
    /// <returns>Simpler demands, simplest first.</returns>
    public IEnumerable<DemandCase> Smaller() =>
        Shrink.Towards(Grade, -1).Select(g => this with { Grade = g })
            .Concat(Shrink.Towards(Importance, 0).Where(i => i is <= 1 or >= 10).Select(i => this with { Importance = i }))
            .Concat(Shrink.Towards(Urgency, 0).Where(u => u is <= 1 or >= 10).Select(u => this with { Urgency = u }))
            .Concat(Shrink.Towards(Value, -1).Select(v => this with { Value = v }))
            .Concat(Shrink.Towards(Cost, -1).Select(c => this with { Cost = c }))
            .Concat(Shrink.Towards(Fit, -1).Select(f => this with { Fit = f }));

    /// <summary>The demand, with the grades of a rule set.</summary>
    /// <param name="id">Its id.</param>
    /// <param name="grades">The rule set's grade names, best first.</param>
    /// <returns>A new demand.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public Demand Demand(string id, IReadOnlyList<string> grades)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(grades);
        return new Demand(id, Grade < 0 ? null : Grade % (grades.Count + 1) is var g && g < grades.Count ? grades[g] : "unlisted")
        {
            Important = Importance <= 1 ? Importance == 1 : null,
            Importance = Importance <= 1 ? null : Importance / 10m,
            Urgent = Urgency <= 1 ? Urgency == 1 : null,
            Urgency = Urgency <= 1 ? null : Urgency / 10m,
            Value = Value < 0 ? null : Value,
            Cost = Cost < 0 ? null : Cost,
            StrategicFit = Fit < 0 ? null : Fit / 10m,
        };
    }

    /// <summary>The demand's draws, readably.</summary>
    /// <returns>One line.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"(grade #{Grade}, importance {(Importance <= 1 ? Importance == 1 ? "yes" : "no" : $"{Importance / 10m}")}, urgency {(Urgency <= 1 ? Urgency == 1 ? "yes" : "no" : $"{Urgency / 10m}")}, " +
        $"value {(Value < 0 ? "none" : $"{Value}")}, cost {(Cost < 0 ? "none" : $"{Cost}")}, fit {(Fit < 0 ? "none" : $"{Fit / 10m}")})");
}

/// <summary>A backlog of demands; the i-th has id <c>d{i}</c>, so ids are unique.</summary>
/// <param name="Demands">The demands' draws.</param>
/// <threadsafety>This type is immutable and thread-safe as long as nobody changes <see cref="Demands"/>.</threadsafety>
public sealed record DemandBacklog(DemandCase[] Demands)
{
    /// <summary>Random backlogs of up to 12 demands.</summary>
    /// <value>A generator without shrinking; <see cref="CrmGen.DemandBacklogs"/> adds <see cref="Smaller"/>.</value>
    public static Gen<DemandBacklog> Generator =>
        from count in Gen.Choose(0, 12)
        from demands in DemandCase.Generator.ArrayOf(count)
        select new DemandBacklog(demands);

    /// <summary>Fewer, simpler demands.</summary>
    /// <returns>Simpler backlogs, simplest first.</returns>
    public IEnumerable<DemandBacklog> Smaller() => Shrink.Array(Demands, d => d.Smaller()).Select(d => new DemandBacklog(d));

    /// <summary>The demands with the grades of <paramref name="rules"/>.</summary>
    /// <param name="rules">The rule set.</param>
    /// <returns>New demands, ids <c>d0</c>, <c>d1</c>, …</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<Demand> For(CrmRuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var grades = rules.ValueGrading.Grades.Select(g => g.Name).ToArray();
        return Demands.Select((d, i) => d.Demand(string.Create(CultureInfo.InvariantCulture, $"d{i}"), grades)).ToArray();
    }

    /// <summary>The backlog, readably.</summary>
    /// <returns>One line.</returns>
    public override string ToString() => $"backlog [{string.Join(", ", Demands.Select((d, i) => $"d{i} {d}"))}]";
}
