using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Crm.Rules.Configuration;

/// <summary>
/// Lays a rules file over the seed standard: objects and maps merge key by key, lists and plain values replace.
/// <c>null</c> removes a map entry; on a setting it clears the setting (the shape check has already refused null
/// where a setting cannot be empty), so null never falls back silently to the default.
/// </summary>
internal static class JsonMerge
{
    public static void Overlay(JsonObject target, JsonObject overlay, JsonTypeInfo info)
    {
        var isMap = info.Kind == JsonTypeInfoKind.Dictionary;
        foreach (var (key, value) in overlay.ToList())
        {
            var childInfo = ChildInfo(info, key);
            if (value is null)
            {
                if (isMap)
                {
                    target.Remove(key);
                }
                else
                {
                    target[key] = null;
                }
            }
            else if (value is JsonObject overlayObject && target[key] is JsonObject targetObject && childInfo is not null)
            {
                Overlay(targetObject, overlayObject, childInfo);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }

    private static JsonTypeInfo? ChildInfo(JsonTypeInfo info, string key) => info.Kind switch
    {
        JsonTypeInfoKind.Dictionary => info.Options.GetTypeInfo(info.ElementType!),
        JsonTypeInfoKind.Object => info.Properties.FirstOrDefault(p => p.Name == key) is { } property
            ? info.Options.GetTypeInfo(property.PropertyType)
            : null,
        _ => null,
    };
}
