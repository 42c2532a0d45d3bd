using System.Text.Encodings.Web;
using System.Text.Json;

namespace Crm.Rules.Service;

/// <summary>How the service writes JSON answers of its own.</summary>
internal static class JsonAnswer
{
    /// <summary>
    /// Relaxed escaping: answers are application/json, never embedded in HTML, so sentences keep their quotes
    /// (<c>'x' is not a number</c>, not <c>\u0027x\u0027</c>), as the command line writes them.
    /// </summary>
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
