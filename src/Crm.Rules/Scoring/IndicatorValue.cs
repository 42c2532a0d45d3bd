using System.Globalization;

namespace Crm.Rules.Scoring;

/// <summary>How an <see cref="IndicatorValue"/> was given.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public enum IndicatorValueKind
{
    /// <summary>No value.</summary>
    Missing,

    /// <summary>A score on the indicator scale, taken as it is.</summary>
    Score,

    /// <summary>A raw number (an amount, a count, a margin) scored through the indicator's bands.</summary>
    Number,

    /// <summary>A category label scored through the indicator's category table.</summary>
    Category,
}

/// <summary>A customer's raw value for one indicator: a score, a number, a category label, or nothing.</summary>
/// <threadsafety>This type is an immutable value type and is thread-safe.</threadsafety>
public readonly struct IndicatorValue : IEquatable<IndicatorValue>
{
    private IndicatorValue(IndicatorValueKind kind, decimal number, string? category)
    {
        Kind = kind;
        Number = number;
        Category = category;
    }

    /// <summary>No value: the grader applies the configured <see cref="MissingIndicatorPolicy"/>.</summary>
    public static IndicatorValue Missing => default;

    /// <summary>How the value was given.</summary>
    public IndicatorValueKind Kind { get; }

    /// <summary>The score or number; 0 for other kinds.</summary>
    public decimal Number { get; }

    /// <summary>The category label, or <see langword="null"/> for other kinds.</summary>
    public string? Category { get; }

    /// <summary>Whether there is no value.</summary>
    public bool IsMissing => Kind == IndicatorValueKind.Missing;

    /// <summary>A score on the indicator scale (e.g. 1..5), taken as it is.</summary>
    /// <param name="score">The score.</param>
    /// <returns>The value.</returns>
    public static IndicatorValue FromScore(int score) => new(IndicatorValueKind.Score, score, null);

    /// <summary>A raw number, scored through the indicator's bands (or taken as a score when the indicator has none).</summary>
    /// <param name="number">The raw number.</param>
    /// <returns>The value.</returns>
    public static IndicatorValue FromNumber(decimal number) => new(IndicatorValueKind.Number, number, null);

    /// <summary>A category label, scored through the indicator's category table.</summary>
    /// <param name="label">The label, e.g. <c>leader</c>.</param>
    /// <returns>The value.</returns>
    public static IndicatorValue FromCategory(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        return new(IndicatorValueKind.Category, 0m, label);
    }

    /// <inheritdoc/>
    public bool Equals(IndicatorValue other)
        => Kind == other.Kind && Number == other.Number && string.Equals(Category, other.Category, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is IndicatorValue other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Number, Category);

    /// <summary>The value as text: the number, the label, or <c>(missing)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Kind switch
    {
        IndicatorValueKind.Missing => "(missing)",
        IndicatorValueKind.Category => Category!,
        _ => FixedPoint.Normalize(Number).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Compares two values for equality.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(IndicatorValue left, IndicatorValue right) => left.Equals(right);

    /// <summary>Compares two values for inequality.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(IndicatorValue left, IndicatorValue right) => !left.Equals(right);
}
