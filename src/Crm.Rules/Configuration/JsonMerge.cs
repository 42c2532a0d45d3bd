using System.Text.Json.Nodes;

namespace Crm.Rules.Configuration;

/// <summary>
/// Lays a partial document over the defaults: objects and name-keyed maps merge key by key; a list or a plain value
/// given in the overlay replaces the default whole; null removes the key (a map entry disappears, a setting falls
/// back to the empty value of its type).
/// </summary>
internal static class JsonMerge
{
    public static void Overlay(JsonObject target, JsonObject overlay)
    {
        foreach (var (key, value) in overlay.ToList())
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject overlayObject && target[key] is JsonObject targetObject)
            {
                Overlay(targetObject, overlayObject);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }
}
