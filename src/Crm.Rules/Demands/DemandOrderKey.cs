using System.Text.Json.Serialization;

namespace Crm.Rules.Demands;

/// <summary>A key that orders the demand backlog (DEM-3). The JSON word of each key is given with it.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public enum DemandOrderKey
{
    /// <summary><c>quadrant</c>: in the configured quadrant order (DEM-2).</summary>
    [JsonStringEnumMemberName("quadrant")]
    Quadrant,

    /// <summary><c>customerGrade</c>: in the configured grade order, unknown grades last.</summary>
    [JsonStringEnumMemberName("customerGrade")]
    CustomerGrade,

    /// <summary><c>valueToCost</c>: higher value per unit of cost first; value at no cost first of all; missing last.</summary>
    [JsonStringEnumMemberName("valueToCost")]
    ValueToCost,

    /// <summary><c>strategicFit</c>: higher fit first; missing last.</summary>
    [JsonStringEnumMemberName("strategicFit")]
    StrategicFit,
}

/// <summary>How the backlog keys combine (DEM-3 leaves it open). The JSON word of each mode is given with it.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public enum DemandOrderingMode
{
    /// <summary><c>lexicographic</c>: the keys of <c>orderBy</c>, most significant first (the seed standard).</summary>
    [JsonStringEnumMemberName("lexicographic")]
    Lexicographic,

    /// <summary><c>weighted</c>: the quadrant first, then a weighted score of the other keys, each normalised by rank.</summary>
    [JsonStringEnumMemberName("weighted")]
    Weighted,
}

/// <summary>The JSON words of the demand family's closed sets, in enum order; options name them, rules hold the enums.</summary>
internal static class DemandWords
{
    public static readonly string[] Quadrants = ["do-first", "plan", "quick-response", "defer"];

    public static readonly string[] OrderKeys = ["quadrant", "customerGrade", "valueToCost", "strategicFit"];

    public static readonly string[] Modes = ["lexicographic", "weighted"];

    // The quadrant is never weighted: see DemandOrderingOptions.Weights.
    public static readonly string[] WeightedKeys = ["customerGrade", "valueToCost", "strategicFit"];

    // Checked, so an undefined enum value (a cast integer) is an argument error rather than an
    // IndexOutOfRangeException escaping from the array.
    public static string Of(Quadrant quadrant)
        => (uint)quadrant < (uint)Quadrants.Length ? Quadrants[(int)quadrant]
            : throw new ArgumentOutOfRangeException(nameof(quadrant), quadrant, "is not a quadrant (do-first, plan, quick-response, defer)");

    public static string Of(DemandOrderKey key)
        => (uint)key < (uint)OrderKeys.Length ? OrderKeys[(int)key]
            : throw new ArgumentOutOfRangeException(nameof(key), key, "is not a demand order key (quadrant, customerGrade, valueToCost, strategicFit)");

    public static string Of(DemandOrderingMode mode)
        => (uint)mode < (uint)Modes.Length ? Modes[(int)mode]
            : throw new ArgumentOutOfRangeException(nameof(mode), mode, "is not a demand ordering mode (lexicographic, weighted)");
}

/// <summary>
/// Text forms of the demand family's closed sets: the words the configuration file uses for them,
/// the one place they are written (options name them, rules hold the enums, output prints the words).
/// </summary>
/// <threadsafety>This type is stateless and thread-safe.</threadsafety>
public static class DemandText
{
    /// <summary>The quadrant as written in files and output: <c>do-first</c>, <c>plan</c>, <c>quick-response</c>, <c>defer</c>.</summary>
    /// <param name="quadrant">The quadrant.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="quadrant"/> is not a <see cref="Quadrant"/>.</exception>
    public static string ToText(this Quadrant quadrant) => DemandWords.Of(quadrant);

    /// <summary>The order key as written in files and output: <c>quadrant</c>, <c>customerGrade</c>, <c>valueToCost</c>, <c>strategicFit</c>.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="key"/> is not a <see cref="DemandOrderKey"/>.</exception>
    public static string ToText(this DemandOrderKey key) => DemandWords.Of(key);

    /// <summary>The ordering mode as written in files and output: <c>lexicographic</c>, <c>weighted</c>.</summary>
    /// <param name="mode">The mode.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> is not a <see cref="DemandOrderingMode"/>.</exception>
    public static string ToText(this DemandOrderingMode mode) => DemandWords.Of(mode);
}
