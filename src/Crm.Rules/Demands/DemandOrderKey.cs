using System.Text.Json.Serialization;

namespace Crm.Rules.Demands;

/// <summary>A key that orders the demand backlog (DEM-3). The JSON word of each key is given with it.</summary>
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

    public static string Of(Quadrant quadrant) => Quadrants[(int)quadrant];

    public static string Of(DemandOrderKey key) => OrderKeys[(int)key];

    public static string Of(DemandOrderingMode mode) => Modes[(int)mode];
}
