namespace Crm.Rules.Scoring;

/// <summary>Whether and how a customer was graded.</summary>
/// <remarks>
/// The zero value is <see cref="NotGraded"/>, so a <c>default</c> <see cref="GradeOutcome"/> (an unfilled array slot, an
/// uninitialised field) never claims a grade.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public enum GradeStatus : byte
{
    /// <summary>No grading took place: the value of a <c>default</c> <see cref="GradeOutcome"/>.</summary>
    NotGraded = 0,

    /// <summary>Graded on every indicator.</summary>
    Graded = 1,

    /// <summary>Graded on the indicators present, their weights scaled up to add up to 1 (policy <see cref="MissingIndicatorPolicy.Renormalize"/>).</summary>
    GradedWithRenormalizedWeights = 2,

    /// <summary>Not graded: an indicator has no value and the policy is <see cref="MissingIndicatorPolicy.Reject"/>, or no indicator has a value.</summary>
    MissingIndicator = 3,

    /// <summary>Not graded: a value cannot be scored (out of range, unknown category, in no band).</summary>
    InvalidValue = 4,
}

/// <summary>
/// The allocation-free result of grading one customer: status, exact total, grade and the fingerprint of the rule set
/// that produced it. Use <see cref="ValueGradingRules.Explain(ReadOnlySpan{IndicatorValue})"/> for the full explanation.
/// </summary>
/// <remarks>
/// 24 bytes. <c>default(GradeOutcome)</c> has the status <see cref="GradeStatus.NotGraded"/>: no grade, total 0, no
/// problem indicator and an empty fingerprint.
/// </remarks>
/// <threadsafety>This type is an immutable value type and is thread-safe.</threadsafety>
public readonly struct GradeOutcome
{
    private readonly ValueGradingRules? _rules;
    private readonly long _weightedSum;
    private readonly int _weightTotal;
    private readonly short _problemIndicator;
    private readonly byte _gradeIndex;
    private readonly GradeStatus _status;

    internal GradeOutcome(ValueGradingRules rules, GradeStatus status, int gradeIndex, long weightedSum, long weightTotal, int problemIndicator)
    {
        _rules = rules;
        _status = status;
        _gradeIndex = (byte)gradeIndex;
        _weightedSum = weightedSum;
        _weightTotal = (int)weightTotal;
        _problemIndicator = (short)problemIndicator;
    }

    /// <summary>Whether and how the customer was graded; <see cref="GradeStatus.NotGraded"/> for <c>default</c>.</summary>
    public GradeStatus Status => _status;

    // Only the constructor sets a graded status, and it always sets the rules too: no null check needed.

    /// <summary>Whether the customer has a grade.</summary>
    public bool IsGraded => _status is GradeStatus.Graded or GradeStatus.GradedWithRenormalizedWeights;

    /// <summary>The grade, or <see langword="null"/> when the customer was not graded.</summary>
    public Grade? Grade => IsGraded ? _rules!.GradeAt(_gradeIndex) : null;

    /// <summary>
    /// The weighted total Σ weight × score. Exact when every indicator is present; with renormalized weights it is the
    /// exact fraction rounded to 28 significant digits (the grade itself is decided on the exact fraction). 0 when not graded.
    /// </summary>
    public decimal Total => !IsGraded ? 0m
        : _weightTotal == FixedPoint.One ? FixedPoint.FromScaled(_weightedSum)
        : FixedPoint.Normalize(_weightedSum / (decimal)_weightTotal);

    /// <summary>
    /// The first indicator that prevented grading (or, with renormalized weights, the first one missing), or
    /// <see langword="null"/>.
    /// </summary>
    public Indicator? ProblemIndicator => _rules is not null && _problemIndicator >= 0 ? _rules.Indicators[_problemIndicator] : null;

    /// <summary>The fingerprint of the rule set that produced this outcome; empty for <c>default</c>.</summary>
    public string Fingerprint => _rules?.Fingerprint ?? "";

    /// <summary>The next better grade, or <see langword="null"/> for the best grade or when not graded.</summary>
    public Grade? NextGrade => IsGraded && _gradeIndex > 0 ? _rules!.GradeAt(_gradeIndex - 1) : null;

    /// <summary>
    /// The smallest increase of <see cref="Total"/> that reaches <see cref="NextGrade"/> (exact, computed without
    /// allocating), or <see langword="null"/> when there is no next grade. The same figure as
    /// <see cref="GradeExplanation.TotalToNextGrade"/>.
    /// </summary>
    public decimal? TotalToNextGrade => NextGrade is { } next ? _rules!.TotalToReach(this, next) : null;

    internal long WeightedSum => _weightedSum;

    internal long WeightTotal => _weightTotal;

    /// <summary>
    /// A one-line summary for every status: <c>A (total 4.15)</c>, <c>B (total 3.5, weights renormalized; frequency missing)</c>,
    /// <c>not graded: frequency missing</c>, <c>not graded: grossMargin has a value that cannot be scored</c>, or
    /// <c>not graded</c> for <c>default</c>.
    /// </summary>
    /// <returns>The summary.</returns>
    public override string ToString() => _status switch
    {
        GradeStatus.Graded => $"{Grade!.Name} (total {FixedPoint.Format(Total)})",
        GradeStatus.GradedWithRenormalizedWeights => $"{Grade!.Name} (total {FixedPoint.Format(Total)}, weights renormalized; {ProblemIndicator?.Name} missing)",
        GradeStatus.MissingIndicator => $"not graded: {ProblemIndicator?.Name} missing",
        GradeStatus.InvalidValue => $"not graded: {ProblemIndicator?.Name} has a value that cannot be scored",
        _ => "not graded",
    };
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

    /// <summary>The summary as text: <c>998 of 1000 customers graded (rule set 1a2b…)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Graded} of {Customers} customers graded (rule set {Fingerprint})";
}
