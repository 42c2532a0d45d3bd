using System.Text.Json.Nodes;

namespace Crm.Rules.Configuration;

/// <summary>
/// Lays a partial document over the defaults: objects and name-keyed maps merge key by key; a list, a plain value or
/// null given in the overlay replaces the default whole.
/// </summary>
internal static class JsonMerge
{
    public static void Overlay(JsonObject target, JsonObject overlay)
    {
        foreach (var (key, value) in overlay.ToList())
        {
            if (value is JsonObject overlayObject && target[key] is JsonObject targetObject)
            {
                Overlay(targetObject, overlayObject);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }
}
