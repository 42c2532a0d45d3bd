using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Crm.Rules.Configuration;

/// <summary>
/// The canonical form of a configuration, which the fingerprint hashes: object keys sorted, numbers without trailing
/// zeros, no white space. Two configurations that mean the same thing have the same canonical JSON.
/// </summary>
internal static class CanonicalJson
{
    public static string Of(JsonNode? node) => Canonicalize(node)?.ToJsonString() ?? "null";

    public static string Fingerprint(string canonicalJson)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonicalJson));
        return Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }

    private static JsonNode? Canonicalize(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => new JsonObject(obj
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Canonicalize(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Canonicalize).ToArray()),
        _ when node.GetValueKind() == JsonValueKind.Number
            && decimal.TryParse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            => JsonValue.Create(FixedPoint.Normalize(number)),
        _ => node.DeepClone(),
    };
}
