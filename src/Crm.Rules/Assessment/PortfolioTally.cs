using NodaTime;

namespace Crm.Rules.Assessment;

/// <summary>
/// Builds a <see cref="PortfolioSummary"/> one assessment at a time, so a portfolio of any size streams through in
/// bounded memory (a count per name, a week × role matrix, the current top customers at risk).
/// </summary>
/// <threadsafety>Not thread-safe: one tally per thread, or lock around <see cref="Add"/>.</threadsafety>
public sealed class PortfolioTally
{
    private const string None = "none";
    private readonly AssessmentRules _rules;
    private readonly LocalDate _asOf;
    private readonly long[] _grades;
    private readonly decimal[] _gradeValue;
    private readonly long[] _bands;
    private readonly Dictionary<string, long>[] _signals;
    private readonly string[] _signalNames;
    private readonly long[] _stages;
    private readonly long[] _proposed;
    private readonly Dictionary<string, long> _tiers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _segments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _responses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long>[] _weeks;
    private readonly long[] _missing = new long[Enum.GetValues<AssessmentSection>().Length];
    private readonly List<AtRiskCustomer> _atRisk = [];
    private long _customers;
    private long _pending;
    private long _later;
    private long _complete;
    private long _checked;
    private long _invalidIds;

    /// <summary>Starts an empty tally.</summary>
    /// <param name="rules">The assessment every added result came from.</param>
    /// <param name="asOf">The instant of the assessment.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    public PortfolioTally(AssessmentRules rules, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules;
        _asOf = asOf.InZone(rules.TimeZone).Date;
        _grades = new long[rules.Grading.Grades.Count + 1];
        _gradeValue = new decimal[rules.Grading.Grades.Count + 1];
        _bands = new long[rules.Churn.Bands.Count];
        _signals = [.. rules.Churn.Bands.Select(_ => new Dictionary<string, long>(StringComparer.Ordinal))];
        _signalNames = [.. rules.Churn.Signals.Select(Churn.ChurnWords.Of)];
        _stages = new long[rules.Machine.Stages.Count];
        _proposed = new long[rules.Machine.Stages.Count];
        _weeks = [.. Enumerable.Range(0, rules.PlanWeeks).Select(_ => new Dictionary<string, long>(StringComparer.Ordinal))];
    }

    /// <summary>Adds one customer's assessment.</summary>
    /// <param name="assessment">An assessment by the same rules.</param>
    /// <exception cref="ArgumentNullException"><paramref name="assessment"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The assessment was made by another rule set.</exception>
    public void Add(CustomerAssessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        if (!string.Equals(assessment.Fingerprint, _rules.Fingerprint, StringComparison.Ordinal))
        {
            throw new ArgumentException($"assessed by rule set {assessment.Fingerprint}, not {_rules.Fingerprint}: a summary holds one rule set's results", nameof(assessment));
        }

        _customers++;
        var value = assessment.Analytics?.Figures.Monetary ?? 0m;
        var gradeSlot = assessment.Grade?.InEffect is { } grade ? grade.Rank : _grades.Length - 1;
        _grades[gradeSlot]++;
        _gradeValue[gradeSlot] += value;
        _pending += assessment.Grade?.Approval.Status == Scoring.GradeAssignmentStatus.PendingApproval ? 1 : 0;
        if (assessment.Churn is { } churn)
        {
            AddChurn(assessment.Id, churn, value);
        }

        if (assessment.Lifecycle is { } lifecycle)
        {
            _stages[IndexOfStage(lifecycle.Verdict.Stage.Name)]++;
            _proposed[IndexOfStage(lifecycle.Verdict.Proposed.Name)]++;
        }

        Count(_tiers, assessment.Analytics?.LoyaltyTier);
        Count(_segments, assessment.Analytics?.Segment);
        Count(_responses, assessment.Sla?.Response?.Name);
        if (assessment.Cadence is { } plan)
        {
            // Overdue contacts are this week's work.
            var week = plan.NextDue < _asOf ? 0 : Period.DaysBetween(_asOf, plan.NextDue) / 7;
            if (week < _weeks.Length)
            {
                Count(_weeks[week], plan.OwnerRole);
            }
            else
            {
                _later++;
            }
        }

        if (assessment.DataQuality is { } quality)
        {
            _checked++;
            _complete += quality.Completeness.IsComplete ? 1 : 0;
            _invalidIds += quality.Id.IsValid ? 0 : 1;
        }

        for (var i = 0; i < assessment.Missing.Count; i++)
        {
            _missing[(int)assessment.Missing[i]]++;
        }
    }

    /// <summary>
    /// Adds everything another tally holds, as if its assessments had been added here: tallies kept by several threads
    /// over parts of one portfolio give, merged, the summary of the whole (every count is a sum and the top at risk is
    /// in a total order, so the parts and their order do not matter).
    /// </summary>
    /// <param name="other">A tally of the same rules and as-of date; it is left as it is.</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="other"/> is this tally, or counts another rule set's or another date's assessments.</exception>
    public void Merge(PortfolioTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(other, this))
        {
            throw new ArgumentException("a tally cannot be merged into itself", nameof(other));
        }

        if (!string.Equals(other._rules.Fingerprint, _rules.Fingerprint, StringComparison.Ordinal) || other._asOf != _asOf)
        {
            throw new ArgumentException($"the tally counts rule set {other._rules.Fingerprint} on {NodaTime.Text.LocalDatePattern.Iso.Format(other._asOf)}, not {_rules.Fingerprint} on {NodaTime.Text.LocalDatePattern.Iso.Format(_asOf)}", nameof(other));
        }

        _customers += other._customers;
        _pending += other._pending;
        _later += other._later;
        _complete += other._complete;
        _checked += other._checked;
        _invalidIds += other._invalidIds;
        Sum(_grades, other._grades);
        Sum(_bands, other._bands);
        Sum(_stages, other._stages);
        Sum(_proposed, other._proposed);
        Sum(_missing, other._missing);
        for (var i = 0; i < _gradeValue.Length; i++)
        {
            _gradeValue[i] += other._gradeValue[i];
        }

        for (var i = 0; i < _signals.Length; i++)
        {
            Sum(_signals[i], other._signals[i]);
        }

        for (var i = 0; i < _weeks.Length; i++)
        {
            Sum(_weeks[i], other._weeks[i]);
        }

        Sum(_tiers, other._tiers);
        Sum(_segments, other._segments);
        Sum(_responses, other._responses);
        foreach (var customer in other._atRisk)
        {
            AddAtRisk(customer);
        }
    }

    /// <summary>The summary of everything added so far.</summary>
    /// <returns>The summary.</returns>
    public PortfolioSummary Summary()
    {
        var grades = _rules.Grading.Grades;
        string GradeName(int i) => i < grades.Count ? grades[i].Name : None;
        return new PortfolioSummary
        {
            Fingerprint = _rules.Fingerprint,
            AsOf = _asOf,
            Customers = _customers,
            Grades = [.. _grades.Select((c, i) => new NamedCount(GradeName(i), c))],
            ValueByGrade = [.. _gradeValue.Select((v, i) => new NamedAmount(GradeName(i), v))],
            PendingApproval = _pending,
            Bands = [.. _bands.Select((c, i) => new NamedCount(_rules.Churn.Bands[i].Band.Name, c))],
            SignalsByBand = _rules.Churn.Bands.Select((b, i) => (b.Band.Name, Counts: MostFirst(_signals[i])))
                .ToDictionary(x => x.Name, x => (IReadOnlyList<NamedCount>)x.Counts, StringComparer.Ordinal),
            Stages = [.. _stages.Select((c, i) => new NamedCount(_rules.Machine.Stages[i], c))],
            ProposedStages = [.. _proposed.Select((c, i) => new NamedCount(_rules.Machine.Stages[i], c))],
            LoyaltyTiers = ByName(_tiers),
            Segments = ByName(_segments),
            ResponsePolicies = ByName(_responses),
            ContactWeeks = [.. _weeks.Select((w, i) => new WeeklyContacts(_asOf.PlusDays(7 * i), ByName(w)))],
            ContactsLater = _later,
            TopAtRisk = [.. _atRisk],
            Complete = _complete,
            QualityChecked = _checked,
            InvalidIds = _invalidIds,
            Missing = [.. Enum.GetValues<AssessmentSection>().Select(s => new NamedCount(SectionName(s), _missing[(int)s]))],
        };
    }

    /// <summary>The JSON name of a section (<c>grade</c>, <c>dataQuality</c> …).</summary>
    /// <param name="section">The section.</param>
    /// <returns>Its name.</returns>
    public static string SectionName(AssessmentSection section) => section switch
    {
        AssessmentSection.Grade => "grade",
        AssessmentSection.Lead => "lead",
        AssessmentSection.Churn => "churn",
        AssessmentSection.Cadence => "cadence",
        AssessmentSection.Lifecycle => "lifecycle",
        AssessmentSection.Sla => "sla",
        AssessmentSection.Analytics => "analytics",
        AssessmentSection.DataQuality => "dataQuality",
        _ => throw new ArgumentOutOfRangeException(nameof(section), section, "not a section"),
    };

    private void AddChurn(string id, ChurnSection churn, decimal value)
    {
        var band = churn.Outcome.Band;
        _bands[band.Rank]++;
        for (var i = 0; i < _signalNames.Length; i++)
        {
            if ((churn.Outcome.FiredSignals & (1u << i)) != 0)
            {
                Count(_signals[band.Rank], _signalNames[i]);
            }
        }

        if (_rules.TopAtRisk == 0)
        {
            return;
        }

        AddAtRisk(new AtRiskCustomer(id, band, churn.Outcome.Total, value, churn.Playbook.OwnerRole));
    }

    // A short sorted list: the order is total (band, value, churn total, id, owner, the value's scale), so any input
    // order gives the same top.
    private void AddAtRisk(AtRiskCustomer candidate)
    {
        if (_atRisk.Count == _rules.TopAtRisk && RiskOrder(candidate, _atRisk[^1]) >= 0)
        {
            return;
        }

        var at = _atRisk.BinarySearch(candidate, Comparer<AtRiskCustomer>.Create(RiskOrder));
        _atRisk.Insert(at < 0 ? ~at : at, candidate);
        if (_atRisk.Count > _rules.TopAtRisk)
        {
            _atRisk.RemoveAt(_atRisk.Count - 1);
        }
    }

    private static int RiskOrder(AtRiskCustomer a, AtRiskCustomer b)
    {
        var order = a.Band.Rank.CompareTo(b.Band.Rank);
        order = order != 0 ? order : b.ValueAtStake.CompareTo(a.ValueAtStake);
        order = order != 0 ? order : b.Total.CompareTo(a.Total);
        order = order != 0 ? order : string.CompareOrdinal(a.Id, b.Id);

        // An id given twice with the same band, value and total (a file with duplicates) still has one place: by the
        // owner, then by how the value was written (100 and 100.00 are equal and print differently). So tallies merged
        // in any order, or kept by any number of workers, list the same customers.
        order = order != 0 ? order : string.CompareOrdinal(a.OwnerRole, b.OwnerRole);
        return order != 0 ? order : a.ValueAtStake.Scale.CompareTo(b.ValueAtStake.Scale);
    }

    private int IndexOfStage(string stage)
    {
        for (var i = 0; i < _rules.Machine.Stages.Count; i++)
        {
            if (string.Equals(_rules.Machine.Stages[i], stage, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new ArgumentException($"'{stage}' is not a stage of '{_rules.Machine.Name}'", nameof(stage));
    }

    private static void Count(Dictionary<string, long> counts, string? name)
    {
        if (name is not null)
        {
            counts[name] = counts.GetValueOrDefault(name) + 1;
        }
    }

    private static void Sum(long[] into, long[] from)
    {
        for (var i = 0; i < into.Length; i++)
        {
            into[i] += from[i];
        }
    }

    private static void Sum(Dictionary<string, long> into, Dictionary<string, long> from)
    {
        foreach (var (name, count) in from)
        {
            System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(into, name, out _) += count;
        }
    }

    private static NamedCount[] ByName(Dictionary<string, long> counts)
        => [.. counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new NamedCount(c.Key, c.Value))];

    private static NamedCount[] MostFirst(Dictionary<string, long> counts)
        => [.. counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => new NamedCount(c.Key, c.Value))];
}
