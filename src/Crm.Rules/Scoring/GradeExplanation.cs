namespace Crm.Rules.Scoring;

/// <summary>One indicator's part in a grading result.</summary>
/// <param name="Indicator">The indicator's name.</param>
/// <param name="RawValue">The value as given.</param>
/// <param name="Score">The score, or <see langword="null"/> when the value is missing or could not be scored.</param>
/// <param name="Weight">The configured weight.</param>
/// <param name="EffectiveWeight">The weight used: the configured weight, or its renormalized share when indicators are missing.</param>
/// <param name="Contribution">Effective weight × score (0 when there is no score).</param>
/// <param name="Problem">Why the value could not be scored, or <see langword="null"/>.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record IndicatorContribution(
    string Indicator,
    IndicatorValue RawValue,
    int? Score,
    decimal Weight,
    decimal EffectiveWeight,
    decimal Contribution,
    string? Problem)
{
    /// <summary>The contribution as text: <c>historicalAmount 4 × 0.3 = 1.2</c>, or its problem.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Score is { } score ? $"{Indicator} {score} × {FixedPoint.Format(EffectiveWeight)} = {FixedPoint.Format(Contribution)}" : $"{Indicator}: {Problem ?? "missing"}";
}

/// <summary>The smallest raise of one indicator's score that lifts the customer to the next grade.</summary>
/// <param name="Indicator">The indicator.</param>
/// <param name="FromScore">Its current score.</param>
/// <param name="ToScore">The score that reaches the next grade.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record IndicatorRaise(string Indicator, int FromScore, int ToScore)
{
    /// <summary>How many score points the raise takes.</summary>
    public int Points => ToScore - FromScore;

    /// <summary>The raise as text: <c>profitContribution 3 → 5</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Indicator} {FromScore} → {ToScore}";
}

/// <summary>A grading result that explains itself: every indicator's part, the grade, the way up, and the rule set.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class GradeExplanation
{
    internal GradeExplanation(
        GradeOutcome outcome,
        IReadOnlyList<IndicatorContribution> contributions,
        Grade? nextGrade,
        decimal? totalToNextGrade,
        IReadOnlyList<IndicatorRaise> raises,
        IReadOnlyList<string> problems)
    {
        Outcome = outcome;
        Contributions = contributions;
        NextGrade = nextGrade;
        TotalToNextGrade = totalToNextGrade;
        RaisesToNextGrade = raises;
        Problems = problems;
    }

    /// <summary>The compact outcome (status, total, grade, fingerprint).</summary>
    public GradeOutcome Outcome { get; }

    /// <summary>Whether and how the customer was graded.</summary>
    public GradeStatus Status => Outcome.Status;

    /// <summary>The weighted total.</summary>
    public decimal Total => Outcome.Total;

    /// <summary>The grade, or <see langword="null"/> when not graded.</summary>
    public Grade? Grade => Outcome.Grade;

    /// <summary>Whether the weights were renormalized over the indicators present.</summary>
    public bool WeightsRenormalized => Outcome.Status == GradeStatus.GradedWithRenormalizedWeights;

    /// <summary>Every indicator's raw value, score, weight and weighted contribution, in model order.</summary>
    public IReadOnlyList<IndicatorContribution> Contributions { get; }

    /// <summary>The next grade up, or <see langword="null"/> for the best grade or when not graded.</summary>
    public Grade? NextGrade { get; }

    /// <summary>The smallest increase of the total that reaches <see cref="NextGrade"/>.</summary>
    public decimal? TotalToNextGrade { get; }

    /// <summary>
    /// For each indicator that can do it alone, the smallest raise of its score that reaches <see cref="NextGrade"/>,
    /// fewest points first; empty when no single indicator can.
    /// </summary>
    public IReadOnlyList<IndicatorRaise> RaisesToNextGrade { get; }

    /// <summary>Why the customer was not graded; empty when graded.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>The fingerprint of the rule set that produced the result.</summary>
    public string Fingerprint => Outcome.Fingerprint;

    /// <summary>A readable multi-line explanation.</summary>
    /// <returns>The explanation.</returns>
    public override string ToString()
    {
        var lines = new List<string>();
        if (Grade is { } grade)
        {
            var threshold = grade.MinimumTotal is { } min ? $"≥ {FixedPoint.Format(min)}" : "below every other grade";
            lines.Add($"grade {grade.Name}{(grade.Label is null ? "" : $" ({grade.Label})")}: total {Show(Total)} {threshold}"
                + (WeightsRenormalized ? " (weights renormalized over the indicators present)" : ""));
        }
        else
        {
            lines.Add($"not graded ({Status}): {string.Join("; ", Problems)}");
        }

        foreach (var c in Contributions)
        {
            lines.Add(c.Score is { } score
                ? $"  {c.Indicator}: {c.RawValue} → score {score} × {Show(c.EffectiveWeight)} = {Show(c.Contribution)}"
                : $"  {c.Indicator}: {c.RawValue} → {c.Problem ?? "missing"}");
        }

        if (NextGrade is { } next)
        {
            var raise = RaisesToNextGrade.Count > 0
                ? $"; e.g. {RaisesToNextGrade[0].Indicator} {RaisesToNextGrade[0].FromScore} → {RaisesToNextGrade[0].ToScore}"
                : "; no single indicator can do it alone";
            lines.Add($"  next grade {next.Name} needs +{Show(TotalToNextGrade ?? 0m)}{raise}");
        }

        lines.Add($"  rule set {Fingerprint}");
        return string.Join(Environment.NewLine, lines);
    }

    // Renormalized weights give long fractions; text shows 6 decimals and marks the rounding.
    private static string Show(decimal value)
    {
        var rounded = decimal.Round(value, FixedPoint.DecimalPlaces);
        return rounded == value ? FixedPoint.Format(value) : "≈" + FixedPoint.Format(rounded);
    }
}
