using System.Collections.Frozen;

namespace Crm.Rules.Satisfaction;

/// <summary>One item's average and whether it is a "low item" (below the overall average).</summary>
/// <param name="Item">The item.</param>
/// <param name="Group">Its group.</param>
/// <param name="Answers">How many answers it had.</param>
/// <param name="Average">The mean answer (exact to 28 digits); 0 without answers.</param>
/// <param name="IsLow">Whether the average is below the overall average (SAT-1: an item to improve).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record ItemAverage(string Item, string Group, int Answers, decimal Average, bool IsLow)
{
    /// <summary>The item as text: <c>ease (product): 3.5 over 12 answers, low</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Item} ({Group}): {FixedPoint.Format(decimal.Round(Average, 2))} over {Answers} answer{(Answers == 1 ? "" : "s")}{(IsLow ? ", low" : "")}";
}

/// <summary>A survey report (SAT-1).</summary>
/// <param name="Respondents">How many answer sets.</param>
/// <param name="Items">Every item, in configuration order.</param>
/// <param name="OverallAverage">The mean of the item averages (items without answers left out).</param>
/// <param name="Fingerprint">The rule set that produced it.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record SurveyReport(int Respondents, IReadOnlyList<ItemAverage> Items, decimal OverallAverage, string Fingerprint)
{
    /// <summary>The items below the overall average.</summary>
    public IEnumerable<ItemAverage> LowItems => Items.Where(i => i.IsLow);

    /// <summary>The report as text: the overall average and the low items.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Respondents} respondents, overall {FixedPoint.Format(decimal.Round(OverallAverage, 2))}{(LowItems.Any() ? $"; low: {string.Join(", ", LowItems.Select(i => i.Item))}" : "")}";
}

/// <summary>An NPS report (SAT-2).</summary>
/// <param name="Promoters">Answers ≥ the promoter minimum.</param>
/// <param name="Passives">Answers from the passive minimum up to below the promoter minimum.</param>
/// <param name="Detractors">Lower answers.</param>
/// <param name="Fingerprint">The rule set that produced it.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record NpsReport(int Promoters, int Passives, int Detractors, string Fingerprint)
{
    /// <summary>All answers.</summary>
    public int Total => Promoters + Passives + Detractors;

    /// <summary>NPS = % promoters − % detractors, in [-100, 100]; 0 without answers. Exact to 28 digits.</summary>
    public decimal Score => Total == 0 ? 0m : FixedPoint.Normalize((Promoters - Detractors) * 100m / Total);

    /// <summary>The report as text: <c>NPS 40 (3 promoters, 1 passive, 1 detractor)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"NPS {FixedPoint.Format(decimal.Round(Score, 1))} ({Promoters} promoter{(Promoters == 1 ? "" : "s")}, {Passives} passive{(Passives == 1 ? "" : "s")}, {Detractors} detractor{(Detractors == 1 ? "" : "s")})";
}

/// <summary>The compiled satisfaction, NPS and KPI rules (SAT-1, SAT-2, KPI-1).</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class SatisfactionRules
{
    private readonly (string Item, string Group)[] _items;
    private readonly FrozenDictionary<string, decimal> _targets;

    internal SatisfactionRules(SatisfactionOptions options, string fingerprint)
    {
        Fingerprint = fingerprint;
        _items = options.Items.Select(i => (i.Key, i.Value)).ToArray();
        _targets = options.KpiTargets.ToFrozenDictionary(StringComparer.Ordinal);
        ScaleMinimum = options.ScaleMinimum;
        ScaleMaximum = options.ScaleMaximum;
        PromoterMinimum = options.PromoterMinimum;
        PassiveMinimum = options.PassiveMinimum;
    }

    /// <summary>The fingerprint of the rule set these rules belong to.</summary>
    public string Fingerprint { get; }

    /// <summary>The survey items, in configuration order.</summary>
    public IReadOnlyList<string> Items => _items.Select(i => i.Item).ToArray();

    /// <summary>The lowest item answer.</summary>
    public int ScaleMinimum { get; }

    /// <summary>The highest item answer.</summary>
    public int ScaleMaximum { get; }

    /// <summary>The lowest promoter answer.</summary>
    public int PromoterMinimum { get; }

    /// <summary>The lowest passive answer.</summary>
    public int PassiveMinimum { get; }

    /// <summary>The KPI targets by name.</summary>
    public IReadOnlyDictionary<string, decimal> KpiTargets => _targets;

    // Validation requires the targets other families read, so this never misses for them.
    internal decimal Target(string kpi) => _targets[kpi];

    /// <summary>Averages each item and marks the items below the overall average (SAT-1).</summary>
    /// <param name="answers">One map of item → answer per respondent; an item left out was not answered.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">An answer names an unknown item or lies outside the scale.</exception>
    public SurveyReport Survey(IEnumerable<IReadOnlyDictionary<string, int>> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var sums = new long[_items.Length];
        var counts = new int[_items.Length];
        var respondents = 0;
        foreach (var answer in answers)
        {
            respondents++;
            foreach (var (item, score) in answer)
            {
                var index = Array.FindIndex(_items, i => i.Item == item);
                if (index < 0)
                {
                    throw new ArgumentException($"respondent {respondents}: '{item}' is not a survey item (known: {string.Join(", ", _items.Select(i => i.Item))})", nameof(answers));
                }

                if (score < ScaleMinimum || score > ScaleMaximum)
                {
                    throw new ArgumentException($"respondent {respondents}, item '{item}': {score} is outside {ScaleMinimum}..{ScaleMaximum}", nameof(answers));
                }

                sums[index] += score;
                counts[index]++;
            }
        }

        var averages = _items.Select((_, i) => counts[i] == 0 ? 0m : FixedPoint.Normalize((decimal)sums[i] / counts[i])).ToArray();
        var answered = Enumerable.Range(0, _items.Length).Where(i => counts[i] > 0).ToArray();
        var overall = answered.Length == 0 ? 0m : FixedPoint.Normalize(answered.Sum(i => averages[i]) / answered.Length);
        var items = _items.Select((item, i) => new ItemAverage(item.Item, item.Group, counts[i], averages[i], counts[i] > 0 && averages[i] < overall)).ToArray();
        return new SurveyReport(respondents, items, overall, Fingerprint);
    }

    /// <summary>Classifies 0..10 "would you recommend" answers and computes the NPS (SAT-2).</summary>
    /// <param name="scores">The answers.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An answer lies outside 0..10.</exception>
    public NpsReport Nps(IEnumerable<int> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        int promoters = 0, passives = 0, detractors = 0;
        foreach (var score in scores)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(score, nameof(scores));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(score, 10, nameof(scores));
            if (score >= PromoterMinimum)
            {
                promoters++;
            }
            else if (score >= PassiveMinimum)
            {
                passives++;
            }
            else
            {
                detractors++;
            }
        }

        return new NpsReport(promoters, passives, detractors, Fingerprint);
    }

    /// <summary>Checks an observed rate against its configured target (KPI-1).</summary>
    /// <param name="kpi">The KPI's name, e.g. <c>repeatPurchaseRate</c>.</param>
    /// <param name="successes">The numerator.</param>
    /// <param name="total">The denominator.</param>
    /// <returns>The check.</returns>
    /// <exception cref="ArgumentException">No target is configured for the KPI.</exception>
    public KpiCheck CheckKpi(string kpi, long successes, long total)
        => _targets.TryGetValue(kpi, out var target)
            ? KpiCheck.FromCounts(kpi, successes, total, target, Fingerprint)
            : throw new ArgumentException($"'{kpi}' has no target (known: {string.Join(", ", _targets.Keys)})", nameof(kpi));
}
