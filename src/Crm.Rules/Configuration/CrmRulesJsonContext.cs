using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crm.Rules.Configuration;

/// <summary>
/// The source-generated System.Text.Json metadata for the rules file format: camelCase, comments and trailing
/// commas allowed, unknown members rejected.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    UseStringEnumConverter = true,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(IsoPeriodJsonConverter), typeof(IsoDurationJsonConverter)])]
[JsonSerializable(typeof(CrmRulesOptions))]
[JsonSerializable(typeof(Demands.DemandOrderingOptions))]
internal sealed partial class CrmRulesJsonContext : JsonSerializerContext;
