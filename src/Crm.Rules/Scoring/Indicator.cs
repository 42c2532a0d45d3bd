using System.Collections.Frozen;
using System.Globalization;

namespace Crm.Rules.Scoring;

/// <summary>How an indicator turns a raw value into a score.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public enum IndicatorScoring
{
    /// <summary>The value is the score.</summary>
    Direct,

    /// <summary>A number is scored through numeric bands.</summary>
    Bands,

    /// <summary>A label is scored through a category table.</summary>
    Categories,
}

/// <summary>One numeric band of a compiled indicator: values in [<see cref="Min"/>, <see cref="Max"/>) score <see cref="Score"/>.</summary>
/// <param name="Min">The inclusive lower bound, or <see langword="null"/> for none.</param>
/// <param name="Max">The exclusive upper bound, or <see langword="null"/> for none.</param>
/// <param name="Score">The score.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record ScoreBand(decimal? Min, decimal? Max, int Score)
{
    /// <summary>Whether <paramref name="value"/> lies in the band.</summary>
    /// <param name="value">The raw value.</param>
    /// <returns><see langword="true"/> when Min ≤ value &lt; Max.</returns>
    public bool Contains(decimal value) => (Min is not { } min || value >= min) && (Max is not { } max || value < max);
}

/// <summary>A compiled indicator of the value scoring model.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class Indicator
{
    private readonly FrozenDictionary<string, int> _categories;

    internal Indicator(IndicatorOptions options, int index, int minimumScore, int maximumScore)
    {
        Name = options.Name;
        Index = index;
        Weight = FixedPoint.Normalize(options.Weight);
        ScaledWeight = FixedPoint.ToScaled(options.Weight);
        Group = options.Group;
        MinimumScore = minimumScore;
        MaximumScore = maximumScore;
        Bands = (options.Bands ?? []).Select(b => new ScoreBand(b.Min, b.Max, b.Score)).ToArray();
        _categories = (options.Categories ?? []).ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        Scoring = options.Bands is not null ? IndicatorScoring.Bands
            : options.Categories is not null ? IndicatorScoring.Categories
            : IndicatorScoring.Direct;
    }

    /// <summary>The indicator's name.</summary>
    public string Name { get; }

    /// <summary>The indicator's position in the model, which is its position in a score vector.</summary>
    public int Index { get; }

    /// <summary>The configured weight.</summary>
    public decimal Weight { get; }

    /// <summary>The optional group, e.g. <c>current</c> or <c>potential</c>.</summary>
    public string? Group { get; }

    /// <summary>How raw values become scores.</summary>
    public IndicatorScoring Scoring { get; }

    /// <summary>The numeric bands (empty unless <see cref="Scoring"/> is <see cref="IndicatorScoring.Bands"/>).</summary>
    public IReadOnlyList<ScoreBand> Bands { get; }

    /// <summary>The category table, matched ignoring case (empty unless <see cref="Scoring"/> is <see cref="IndicatorScoring.Categories"/>).</summary>
    public IReadOnlyDictionary<string, int> Categories => _categories;

    /// <summary>The lowest score.</summary>
    public int MinimumScore { get; }

    /// <summary>The highest score.</summary>
    public int MaximumScore { get; }

    internal long ScaledWeight { get; }

    /// <summary>Turns a raw value into a score.</summary>
    /// <param name="value">The raw value; must not be missing.</param>
    /// <param name="score">The score, when the value can be scored.</param>
    /// <param name="problem">Why the value cannot be scored, in words an analyst understands; otherwise <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the value was scored.</returns>
    public bool TryScore(in IndicatorValue value, out int score, out string? problem)
    {
        score = 0;
        problem = null;
        switch (value.Kind)
        {
            case IndicatorValueKind.Score:
                return TryDirect(value.Number, out score, out problem);

            case IndicatorValueKind.Number when Scoring == IndicatorScoring.Bands:
                foreach (var band in Bands)
                {
                    if (band.Contains(value.Number))
                    {
                        score = band.Score;
                        return true;
                    }
                }

                problem = $"{value} lies in no band of '{Name}' ({DescribeBands()})";
                return false;

            case IndicatorValueKind.Number when Scoring == IndicatorScoring.Categories:
                return TryCategory(value.Number.ToString(CultureInfo.InvariantCulture), out score, out problem);

            case IndicatorValueKind.Number:
                return TryDirect(value.Number, out score, out problem);

            case IndicatorValueKind.Category when Scoring == IndicatorScoring.Categories:
                return TryCategory(value.Category!, out score, out problem);

            case IndicatorValueKind.Category:
                // Invariant digits with an optional sign and point only: "4,5" or "1,000" is not a number, never 45 or 1000.
                if (decimal.TryParse(value.Category, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                {
                    return TryScore(IndicatorValue.FromNumber(number), out score, out problem);
                }

                problem = Scoring == IndicatorScoring.Bands
                    ? $"'{value.Category}' is not a number; '{Name}' is scored through numeric bands"
                    : $"'{value.Category}' is not a score; '{Name}' takes a whole score from {MinimumScore} to {MaximumScore}";
                return false;

            default:
                problem = $"'{Name}' has no value";
                return false;
        }
    }

    private bool TryDirect(decimal number, out int score, out string? problem)
    {
        // Most scores are given as plain whole numbers ("4"): a positive decimal of scale 0 whose mantissa is the score,
        // taken from its parts. Any other form ("4.0", a sign, a fraction) goes the exact way below.
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(number, bits);
        if ((bits[1] | bits[2] | bits[3]) == 0 && bits[0] >= 0 && bits[0] >= MinimumScore && bits[0] <= MaximumScore)
        {
            score = bits[0];
            problem = null;
            return true;
        }

        // Read exactly off the decimal's parts (FixedPoint's millionths), not by three decimal comparisons: "4", "4.0" and
        // "4.0000000" are the score 4; a fraction, or a number too large for millionths, is no score.
        if (FixedPoint.TryToScaled(number, out var scaled) && scaled % FixedPoint.One == 0 && scaled / FixedPoint.One is var whole && whole >= MinimumScore && whole <= MaximumScore)
        {
            score = (int)whole;
            problem = null;
            return true;
        }

        score = 0;
        problem = $"score {FixedPoint.Format(number)} is outside {MinimumScore}..{MaximumScore}"
            + (number == decimal.Truncate(number) ? "" : " or not a whole number");
        return false;
    }

    private bool TryCategory(string label, out int score, out string? problem)
    {
        if (_categories.TryGetValue(label.Trim(), out score))
        {
            problem = null;
            return true;
        }

        problem = $"'{label}' is not a category of '{Name}' (known: {string.Join(", ", _categories.Keys.Order(StringComparer.Ordinal))})";
        return false;
    }

    private string DescribeBands() => string.Join(", ", Bands.Select(b =>
        $"[{(b.Min is { } min ? FixedPoint.Format(min) : "-∞")}, {(b.Max is { } max ? FixedPoint.Format(max) : "∞")}) → {b.Score}"));
}
