using System.Collections.Frozen;

namespace Crm.Rules.Scoring;

/// <summary>A compiled lead screening criterion.</summary>
/// <param name="Name">The criterion's name.</param>
/// <param name="Points">The points it adds when met (negative to subtract).</param>
/// <param name="Description">An optional description.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record LeadCriterion(string Name, decimal Points, string? Description);

/// <summary>A compiled lead label.</summary>
/// <param name="Name">The label, e.g. <c>high-potential</c>.</param>
/// <param name="MinimumPoints">The lowest total that earns it; <see langword="null"/> for the lowest label.</param>
/// <param name="Rank">0 for the best label.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record LeadLabel(string Name, decimal? MinimumPoints, int Rank);

/// <summary>The allocation-free result of screening one lead.</summary>
/// <threadsafety>This type is an immutable value type and is thread-safe.</threadsafety>
public readonly struct LeadOutcome
{
    private readonly LeadScoringRules? _rules;
    private readonly long _points;
    private readonly int _label;

    internal LeadOutcome(LeadScoringRules rules, long points, int label)
    {
        _rules = rules;
        _points = points;
        _label = label;
    }

    /// <summary>The total points.</summary>
    public decimal Points => FixedPoint.FromScaled(_points);

    /// <summary>The label the total earns.</summary>
    public LeadLabel? Label => _rules?.Labels[_label];

    /// <summary>Whether the total reaches the points that move the lead to the next funnel stage (LEAD-1: ≥ 5).</summary>
    public bool Advances => _rules is not null && _points >= _rules.ScaledAdvanceAt;

    /// <summary>The fingerprint of the rule set that produced this outcome.</summary>
    public string Fingerprint => _rules?.Fingerprint ?? "";

    /// <summary>The outcome as text: <c>high-potential (7 points, advances)</c>, <c>normal (3 points)</c>, or <c>not screened</c> for <c>default</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => _rules is null
        ? "not screened"
        : $"{Label!.Name} ({FixedPoint.Format(Points)} point{(_points == FixedPoint.One ? "" : "s")}{(Advances ? ", advances" : "")})";
}

/// <summary>A lead screening result that explains itself.</summary>
/// <param name="Outcome">The compact outcome.</param>
/// <param name="Met">The criteria met, with their points.</param>
/// <param name="NotMet">The criteria not met.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record LeadAssessment(LeadOutcome Outcome, IReadOnlyList<LeadCriterion> Met, IReadOnlyList<LeadCriterion> NotMet)
{
    /// <summary>The total points.</summary>
    public decimal Points => Outcome.Points;

    /// <summary>The label.</summary>
    public LeadLabel Label => Outcome.Label!;

    /// <summary>Whether the lead moves to the next funnel stage.</summary>
    public bool Advances => Outcome.Advances;

    /// <summary>The fingerprint of the rule set that produced the result.</summary>
    public string Fingerprint => Outcome.Fingerprint;

    /// <summary>The assessment as text: the outcome and the criteria met.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Outcome}; met: {(Met.Count == 0 ? "none" : string.Join(", ", Met.Select(c => c.Name)))}";
}

/// <summary>
/// The compiled additive lead screening model (LEAD-1): each criterion met adds its points (negative points allowed);
/// the total earns a label and, from the advance threshold on, moves the lead to the next funnel stage.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class LeadScoringRules
{
    private readonly LeadCriterion[] _criteria;
    private readonly long[] _points;
    private readonly LeadLabel[] _labels;
    private readonly ThresholdLadder _ladder;
    private readonly FrozenDictionary<string, int> _indexByName;

    internal LeadScoringRules(LeadScoringOptions options, string fingerprint)
    {
        Fingerprint = fingerprint;
        _criteria = options.Criteria.Select(c => new LeadCriterion(c.Key, FixedPoint.Normalize(c.Value.Points), c.Value.Description)).ToArray();
        _points = _criteria.Select(c => FixedPoint.ToScaled(c.Points)).ToArray();
        _indexByName = _criteria.Select((c, i) => (c.Name, i)).ToFrozenDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        _labels = options.Labels
            .OrderByDescending(l => l.Value.MinimumPoints ?? decimal.MinValue)
            .Select((l, rank) => new LeadLabel(l.Key, l.Value.MinimumPoints is { } m ? FixedPoint.Normalize(m) : null, rank))
            .ToArray();
        _ladder = new ThresholdLadder(_labels.Where(l => l.MinimumPoints is not null).Select(l => FixedPoint.ToScaled(l.MinimumPoints!.Value)).ToArray());
        AdvanceAtPoints = FixedPoint.Normalize(options.AdvanceAtPoints);
        ScaledAdvanceAt = FixedPoint.ToScaled(options.AdvanceAtPoints);
    }

    /// <summary>The fingerprint of the rule set these rules belong to.</summary>
    public string Fingerprint { get; }

    /// <summary>The criteria, in configuration order (the order of a "met" vector).</summary>
    public IReadOnlyList<LeadCriterion> Criteria => _criteria;

    /// <summary>The labels, best first.</summary>
    public IReadOnlyList<LeadLabel> Labels => _labels;

    /// <summary>The lowest total that moves a lead to the next funnel stage.</summary>
    public decimal AdvanceAtPoints { get; }

    internal long ScaledAdvanceAt { get; }

    /// <summary>The position of a criterion in a "met" vector, or -1.</summary>
    /// <param name="name">The criterion name.</param>
    /// <returns>The index, or -1.</returns>
    public int IndexOf(string name) => _indexByName.TryGetValue(name, out var i) ? i : -1;

    /// <summary>Screens one lead without allocating.</summary>
    /// <param name="met">One flag per criterion, in <see cref="Criteria"/> order.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentException">The number of flags is not the number of criteria.</exception>
    public LeadOutcome Score(ReadOnlySpan<bool> met)
    {
        if (met.Length != _points.Length)
        {
            throw new ArgumentException($"Expected {_points.Length} flags, one per criterion, but got {met.Length}.", nameof(met));
        }

        long total = 0;
        for (var i = 0; i < met.Length; i++)
        {
            total += met[i] ? _points[i] : 0;
        }

        return new LeadOutcome(this, total, _ladder.Find(total));
    }

    /// <summary>Screens one lead from the names of the criteria it meets, and explains the result.</summary>
    /// <param name="metCriteria">The names of the criteria met.</param>
    /// <returns>The assessment.</returns>
    /// <exception cref="ArgumentException">A name is not a criterion.</exception>
    public LeadAssessment Assess(IEnumerable<string> metCriteria)
    {
        ArgumentNullException.ThrowIfNull(metCriteria);
        var met = new bool[_criteria.Length];
        foreach (var name in metCriteria)
        {
            var index = IndexOf(name);
            if (index < 0)
            {
                throw new ArgumentException($"'{name}' is not a lead criterion (known: {string.Join(", ", _criteria.Select(c => c.Name))}).", nameof(metCriteria));
            }

            met[index] = true;
        }

        // Split by hand: two filtering iterators per lead were a tenth of what screening one allocated.
        var count = 0;
        foreach (var isMet in met)
        {
            count += isMet ? 1 : 0;
        }

        var matched = count == 0 ? [] : new LeadCriterion[count];
        var notMet = count == met.Length ? [] : new LeadCriterion[met.Length - count];
        var (m, u) = (0, 0);
        for (var i = 0; i < met.Length; i++)
        {
            if (met[i])
            {
                matched[m++] = _criteria[i];
            }
            else
            {
                notMet[u++] = _criteria[i];
            }
        }

        return new LeadAssessment(Score(met), matched, notMet);
    }
}
