using System.Text;
using System.Text.Json;
using Crm.Rules.Configuration;
using Microsoft.Extensions.Options;

namespace Crm.Rules.Service;

/// <summary><c>GET /v1/ruleset</c> and <c>POST /v1/ruleset/validate</c>.</summary>
internal static class RuleSetEndpoints
{
    /// <summary>The rule set in force: <c>{"fingerprint": "…", "rules": {canonical JSON}}</c>.</summary>
    public static IResult Current(HttpContext context)
    {
        var ruleSet = RuleSetInForce.Of(context);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonAnswer.Options))
        {
            json.WriteStartObject();
            json.WriteString("fingerprint", ruleSet.Fingerprint);
            json.WritePropertyName("rules");
            json.WriteRawValue(ruleSet.CanonicalJson);
            json.WriteEndObject();
        }

        return Results.Text(Encoding.UTF8.GetString(buffer.ToArray()), "application/json", Encoding.UTF8);
    }

    /// <summary>
    /// Checks a rules file (laid over the seed standard, as <c>crm-rules validate</c> does): 200
    /// <c>{"valid": true, "fingerprint": "…"}</c>, or 422 problem details with every error and its JSON path.
    /// </summary>
    public static async Task<IResult> Validate(HttpContext context, IOptionsMonitor<ServiceOptions> settings)
    {
        var limit = settings.CurrentValue.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            return DataCommandEndpoint.TooLarge(limit);
        }

        string text;
        using (var body = new MemoryStream())
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (body.Length + read > limit)
                {
                    return DataCommandEndpoint.TooLarge(limit);
                }

                body.Write(buffer, 0, read);
            }

            try
            {
                // Strict: a rules file that is not UTF-8 is refused, never read with replacement characters.
                text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body.GetBuffer(), 0, (int)body.Length);
            }
            catch (DecoderFallbackException)
            {
                return Invalid([new ConfigurationError("$", "the rules file is not valid UTF-8")]);
            }
        }

        try
        {
            var ruleSet = CrmRuleSet.Parse(text, "request");
            return Results.Json(new ValidationAnswer(true, ruleSet.Fingerprint));
        }
        catch (CrmRulesConfigurationException e)
        {
            return Invalid(e.Errors);
        }
    }

    private static IResult Invalid(IReadOnlyList<ConfigurationError> errors) => Results.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: "The rules are not valid",
        detail: errors.Count == 1 ? errors[0].ToString() : $"{errors.Count} problems; each is in errors with its JSON path.",
        type: "urn:crm-rules:problem:invalid-rules",
        extensions: new Dictionary<string, object?> { ["errors"] = errors.Select(e => new { path = e.Path, message = e.Message }).ToArray() });

    /// <summary>The answer for a valid rules file.</summary>
    /// <param name="Valid">Always <see langword="true"/>.</param>
    /// <param name="Fingerprint">The fingerprint the rules would have.</param>
    internal sealed record ValidationAnswer(bool Valid, string Fingerprint);
}
