namespace Crm.Rules.Scoring;

/// <summary>Whether and how a customer was graded.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public enum GradeStatus
{
    /// <summary>Graded on every indicator.</summary>
    Graded,

    /// <summary>Graded on the indicators present, their weights scaled up to add up to 1 (policy <see cref="MissingIndicatorPolicy.Renormalize"/>).</summary>
    GradedWithRenormalizedWeights,

    /// <summary>Not graded: an indicator has no value and the policy is <see cref="MissingIndicatorPolicy.Reject"/>, or no indicator has a value.</summary>
    MissingIndicator,

    /// <summary>Not graded: a value cannot be scored (out of range, unknown category, in no band).</summary>
    InvalidValue,
}

/// <summary>
/// The allocation-free result of grading one customer: status, exact total, grade and the fingerprint of the rule set
/// that produced it. Use <see cref="ValueGradingRules.Explain(ReadOnlySpan{IndicatorValue})"/> for the full explanation.
/// </summary>
/// <threadsafety>This type is an immutable value type and is thread-safe.</threadsafety>
public readonly struct GradeOutcome
{
    private readonly ValueGradingRules? _rules;
    private readonly long _weightedSum;
    private readonly int _weightTotal;
    private readonly short _gradeIndex;
    private readonly sbyte _problemIndicator;

    internal GradeOutcome(ValueGradingRules rules, GradeStatus status, int gradeIndex, long weightedSum, long weightTotal, int problemIndicator)
    {
        _rules = rules;
        Status = status;
        _gradeIndex = (short)gradeIndex;
        _weightedSum = weightedSum;
        _weightTotal = (int)weightTotal;
        _problemIndicator = (sbyte)problemIndicator;
    }

    /// <summary>Whether and how the customer was graded.</summary>
    public GradeStatus Status { get; }

    /// <summary>Whether the customer has a grade.</summary>
    public bool IsGraded => _rules is not null && Status is GradeStatus.Graded or GradeStatus.GradedWithRenormalizedWeights;

    /// <summary>The grade, or <see langword="null"/> when the customer was not graded.</summary>
    public Grade? Grade => IsGraded ? _rules!.Grades[_gradeIndex] : null;

    /// <summary>
    /// The weighted total Σ weight × score. Exact when every indicator is present; with renormalized weights it is the
    /// exact fraction rounded to 28 significant digits (the grade itself is decided on the exact fraction).
    /// </summary>
    public decimal Total => IsGraded ? FixedPoint.Normalize(_weightedSum / (decimal)_weightTotal) : 0m;

    /// <summary>The first indicator that prevented grading, or <see langword="null"/>.</summary>
    public Indicator? ProblemIndicator => _rules is not null && _problemIndicator >= 0 ? _rules.Indicators[_problemIndicator] : null;

    /// <summary>The fingerprint of the rule set that produced this outcome.</summary>
    public string Fingerprint => _rules?.Fingerprint ?? "";

    internal long WeightedSum => _weightedSum;

    internal long WeightTotal => _weightTotal;

    /// <summary>A one-line summary such as <c>A (total 4.15)</c>.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => IsGraded
        ? $"{Grade!.Name} (total {FixedPoint.Format(Total)})"
        : $"{Status} ({ProblemIndicator?.Name})";
}

/// <summary>What a rank-only batch (<see cref="ValueGradingRules.GradeBatch(ReadOnlySpan{byte}, Span{byte})"/>) did.</summary>
/// <param name="Fingerprint">The fingerprint of the rule set that graded the batch.</param>
/// <param name="Customers">How many customers the batch held.</param>
/// <param name="Graded">How many of them were graded; the others have the rank <see cref="NotGraded"/>.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public readonly record struct GradeBatchSummary(string Fingerprint, int Customers, int Graded)
{
    /// <summary>The rank written for a customer that could not be graded (missing or invalid scores).</summary>
    public const byte NotGraded = byte.MaxValue;
}
