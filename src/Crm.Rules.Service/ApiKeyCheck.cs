using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Crm.Rules.Service;

/// <summary>Lets a request through when it carries a configured <c>X-Api-Key</c> (or keys are not required); 401 otherwise.</summary>
internal sealed class ApiKeyCheck(RequestDelegate next, IOptionsMonitor<ServiceOptions> options)
{
    /// <summary>The request header with the key.</summary>
    public const string Header = "X-Api-Key";

    public async Task InvokeAsync(HttpContext context)
    {
        var settings = options.CurrentValue;
        if (!settings.RequireAuthentication || IsProbe(context.Request.Path) || Accepts(settings, context.Request.Headers[Header].ToString()))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        context.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{Header}\"";
        await Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "An API key is required",
            detail: $"Send a configured key in the {Header} header.").ExecuteAsync(context).ConfigureAwait(false);
    }

    /// <summary>The health probes answer without a key: orchestrators do not carry one, and they reveal nothing.</summary>
    public static bool IsProbe(PathString path) => path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz");

    // Compares hashes in constant time, and every key, so that neither the time taken nor an early exit tells an
    // attacker how much of a key was right or which key it resembled.
    private static bool Accepts(ServiceOptions settings, string key)
    {
        if (key.Length == 0)
        {
            return false;
        }

        var given = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        var accepted = false;
        foreach (var configured in settings.ApiKeys)
        {
            accepted |= CryptographicOperations.FixedTimeEquals(given, SHA256.HashData(Encoding.UTF8.GetBytes(configured.Trim())));
        }

        return accepted;
    }
}
