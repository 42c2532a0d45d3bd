using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Configuration;

namespace Crm.Rules.Configuration;

/// <summary>
/// Walks configuration input against the options' source-generated metadata, so that every unknown key and every
/// value of the wrong kind is reported at once with its path, instead of the serializer stopping at the first.
/// </summary>
internal static class JsonShape
{
    /// <summary>
    /// Checks <paramref name="node"/> against <paramref name="info"/>, reports what does not fit, and removes it so that
    /// the rest of the document can still be read and validated.
    /// </summary>
    /// <returns><see langword="false"/> when the node itself does not fit and must be removed by the caller.</returns>
    public static bool Check(JsonNode? node, JsonTypeInfo info, string path, ErrorCollector errors)
    {
        if (node is null)
        {
            if (info.Type.IsValueType && Nullable.GetUnderlyingType(info.Type) is null)
            {
                errors.Add(path, $"must not be null; expected {Describe(info)}");
                return false;
            }

            return true;
        }

        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                if (node is not JsonObject obj)
                {
                    errors.Add(path, $"must be an object {{ … }}, not {KindOf(node)}");
                    return false;
                }

                foreach (var (key, child) in obj.ToList())
                {
                    var property = FindProperty(info, key, StringComparison.Ordinal);
                    var childPath = PathOf(path, key);
                    if (property is null)
                    {
                        errors.Add(childPath, UnknownKeyMessage(info, key));
                        obj.Remove(key);
                    }
                    else if (child is null && !property.PropertyType.IsValueType && !property.IsSetNullable)
                    {
                        // Null would otherwise fall back silently to the default, or reach the rules as a hole.
                        errors.Add(childPath, "must not be null; leave the setting out to keep its default");
                        obj.Remove(key);
                    }
                    else if (!Check(child, info.Options.GetTypeInfo(property.PropertyType), childPath, errors))
                    {
                        obj.Remove(key);
                    }
                }

                return true;

            case JsonTypeInfoKind.Dictionary:
                if (node is not JsonObject map)
                {
                    errors.Add(path, $"must be an object of named entries {{ \"name\": … }}, not {KindOf(node)}");
                    return false;
                }

                var valueInfo = info.Options.GetTypeInfo(info.ElementType!);
                foreach (var (key, child) in map.ToList())
                {
                    // In a map, null is the overlay's way to remove an entry (docs/configuration.md), whatever the value type.
                    if (child is not null && !Check(child, valueInfo, PathOf(path, key), errors))
                    {
                        map.Remove(key);
                    }
                }

                return true;

            case JsonTypeInfoKind.Enumerable:
                if (node is not JsonArray array)
                {
                    errors.Add(path, $"must be a list [ … ], not {KindOf(node)}");
                    return false;
                }

                var elementInfo = info.Options.GetTypeInfo(info.ElementType!);
                var fits = true;
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is null && Nullable.GetUnderlyingType(elementInfo.Type) is null)
                    {
                        errors.Add($"{path}[{i}]", "must not be null; a list holds values only");
                        fits = false;
                    }
                    else
                    {
                        fits &= Check(array[i], elementInfo, $"{path}[{i}]", errors);
                    }
                }

                return fits;

            default:
                return CheckLeaf(node, info, path, errors);
        }
    }

    /// <summary>
    /// Converts a configuration section (where every value is text) into JSON typed by the options' metadata, reporting
    /// unknown keys and unreadable values.
    /// </summary>
    public static JsonNode? FromConfiguration(IConfiguration section, JsonTypeInfo info, string path, ErrorCollector errors)
    {
        var children = section.GetChildren().ToList();
        var value = section is IConfigurationSection s ? s.Value : null;
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
            {
                var obj = new JsonObject();
                foreach (var child in children)
                {
                    var property = FindProperty(info, child.Key, StringComparison.OrdinalIgnoreCase);
                    var childPath = PathOf(path, property?.Name ?? child.Key);
                    if (property is null)
                    {
                        errors.Add(childPath, UnknownKeyMessage(info, child.Key));
                        continue;
                    }

                    var converted = FromConfiguration(child, info.Options.GetTypeInfo(property.PropertyType), childPath, errors);
                    if (converted is not null)
                    {
                        obj[property.Name] = converted;
                    }
                }

                return obj;
            }

            case JsonTypeInfoKind.Dictionary:
            {
                var map = new JsonObject();
                var valueInfo = info.Options.GetTypeInfo(info.ElementType!);
                foreach (var child in children)
                {
                    var converted = FromConfiguration(child, valueInfo, PathOf(path, child.Key), errors);
                    if (converted is not null)
                    {
                        map[child.Key] = converted;
                    }
                }

                return map;
            }

            case JsonTypeInfoKind.Enumerable:
            {
                var array = new JsonArray();
                var elementInfo = info.Options.GetTypeInfo(info.ElementType!);
                var ordered = new SortedDictionary<int, IConfigurationSection>();
                foreach (var child in children)
                {
                    if (int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                    {
                        ordered[index] = child;
                    }
                    else
                    {
                        errors.Add(PathOf(path, child.Key), "is not a list position; this setting is a list [ … ]");
                    }
                }

                foreach (var (index, child) in ordered)
                {
                    array.Add(FromConfiguration(child, elementInfo, $"{path}[{index}]", errors));
                }

                return array;
            }

            default:
                if (children.Count > 0)
                {
                    errors.Add(path, $"must be {Describe(info)}, not an object");
                    return null;
                }

                return value is null ? null : LeafFromText(value, info, path, errors);
        }
    }

    /// <summary>Formats the path of a member: <c>a.b</c>, or <c>a['odd key']</c> when the key is not a plain word.</summary>
    public static string PathOf(string parent, string key)
    {
        var plain = key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
        if (!plain)
        {
            return $"{parent}['{key.Replace("'", "\\'", StringComparison.Ordinal)}']";
        }

        return parent.Length == 0 ? key : $"{parent}.{key}";
    }

    private static bool CheckLeaf(JsonNode node, JsonTypeInfo info, string path, ErrorCollector errors)
    {
        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        if (type.IsEnum && !IsEnumWord(node, type))
        {
            // The serializer would also take "0", 7 or "reject " and guess what they mean.
            errors.Add(path, $"must be {Describe(info)}, not {KindOf(node)}");
            return false;
        }

        if (type == typeof(decimal) && node.GetValueKind() == JsonValueKind.Number
            && ExactNumber.Problem(node.ToJsonString()) is { } problem)
        {
            errors.Add(path, problem);
            return false;
        }

        if (IsPlainFit(node, type))
        {
            return true;
        }

        try
        {
            node.Deserialize(info);
            return true;
        }
        catch (JsonException e) when (IsConverterMessage(e))
        {
            errors.Add(path, e.Message);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            errors.Add(path, $"must be {Describe(info)}, not {KindOf(node)}");
        }

        return false;
    }

    private static JsonNode? LeafFromText(string text, JsonTypeInfo info, string path, ErrorCollector errors)
    {
        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        JsonNode? node;
        if (type == typeof(bool))
        {
            node = bool.TryParse(text, out var b) ? JsonValue.Create(b) : null;
        }
        else if (type == typeof(decimal) && ExactNumber.Problem(text.Trim()) is { } problem)
        {
            errors.Add(path, problem);
            return null;
        }
        else if (type == typeof(decimal) || type == typeof(int) || type == typeof(long) || type == typeof(double))
        {
            node = decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? JsonValue.Create(d) : null;
        }
        else
        {
            node = JsonValue.Create(text);
        }

        if (node is null)
        {
            errors.Add(path, $"must be {Describe(info)}, not '{text}'");
            return null;
        }

        return CheckLeaf(node, info, path, errors) ? node : null;
    }

    // The kinds that need no trial deserialization, which is by far the slowest part of reading a file.
    private static bool IsPlainFit(JsonNode node, Type type) => node.GetValueKind() switch
    {
        JsonValueKind.String => type == typeof(string) || type.IsEnum,
        JsonValueKind.True or JsonValueKind.False => type == typeof(bool),
        JsonValueKind.Number when type == typeof(int) => int.TryParse(node.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        JsonValueKind.Number => type == typeof(decimal) && decimal.TryParse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out _),
        _ => false,
    };

    private static bool IsEnumWord(JsonNode node, Type type)
        => node.GetValueKind() == JsonValueKind.String
            && Enum.GetNames(type).Any(n => string.Equals(JsonNamingPolicy.CamelCase.ConvertName(n), node.GetValue<string>(), StringComparison.Ordinal));

    private static bool IsConverterMessage(JsonException e)
        => e.Message.StartsWith('\'') || e.Message.StartsWith("must ", StringComparison.Ordinal);

    private static JsonPropertyInfo? FindProperty(JsonTypeInfo info, string key, StringComparison comparison)
    {
        foreach (var property in info.Properties)
        {
            if (string.Equals(property.Name, key, comparison))
            {
                return property;
            }
        }

        return null;
    }

    private static string UnknownKeyMessage(JsonTypeInfo info, string key)
    {
        var known = info.Properties.Select(p => p.Name).ToList();
        var suggestion = known
            .Select(name => (name, distance: EditDistance(name.ToUpperInvariant(), key.ToUpperInvariant())))
            .Where(x => x.distance <= Math.Max(1, x.name.Length / 3)
                || (key.Length >= 4 && x.name.StartsWith(key, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(x => x.distance)
            .Select(x => x.name)
            .FirstOrDefault();
        var hint = suggestion is null ? "" : $"; did you mean '{suggestion}'?";
        return $"is not a known setting (known here: {string.Join(", ", known)}){hint}";
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static string KindOf(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => $"the text {node.ToJsonString()}",
        JsonValueKind.Number => $"the number {node.ToJsonString()}",
        JsonValueKind.True or JsonValueKind.False => $"{node.ToJsonString()}",
        _ => "null",
    };

    private static string Describe(JsonTypeInfo info)
    {
        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        if (type == typeof(bool))
        {
            return "true or false";
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return "a whole number";
        }

        if (type == typeof(decimal) || type == typeof(double))
        {
            return "a number";
        }

        if (type == typeof(NodaTime.Period))
        {
            return "an ISO-8601 period such as \"P1M\"";
        }

        if (type == typeof(NodaTime.Duration))
        {
            return "an ISO-8601 duration such as \"PT48H\"";
        }

        if (type.IsEnum)
        {
            var names = Enum.GetNames(type).Select(n => JsonNamingPolicy.CamelCase.ConvertName(n));
            return "one of " + string.Join(", ", names.Select(n => $"\"{n}\""));
        }

        return type == typeof(string) ? "text in quotes" : $"a value of type {type.Name}";
    }
}
