using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Crm.Rules.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace Crm.Rules.Service;

/// <summary>
/// Lets a request through when it carries a configured <c>X-Api-Key</c> or, with JWT on, a valid bearer token (or
/// authentication is off); 401 otherwise. Sets <see cref="HttpContext.User"/> to the caller, whose claims name the
/// DATA-4 viewer (<see cref="CallerViewer"/>).
/// </summary>
internal sealed class ApiKeyCheck(RequestDelegate next, IOptionsMonitor<ServiceOptions> options)
{
    /// <summary>The request header with the key.</summary>
    public const string Header = "X-Api-Key";

    public async Task InvokeAsync(HttpContext context)
    {
        var settings = options.CurrentValue;
        if (!settings.RequireAuthentication || IsProbe(context.Request.Path))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var key = context.Request.Headers[Header].ToString();
        // A key, when sent, decides alone: a wrong key is never rescued by a token in the same request.
        var caller = key.Length > 0 ? Accepts(settings, key)
            : settings.Jwt.Enabled ? await Bearer(context).ConfigureAwait(false) : null;
        if (caller is { } principal)
        {
            context.User = principal;
            await next(context).ConfigureAwait(false);
            return;
        }

        context.Response.Headers.WWWAuthenticate = settings.Jwt.Enabled
            ? $"ApiKey header=\"{Header}\", Bearer"
            : $"ApiKey header=\"{Header}\"";
        await Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Authentication is required",
            detail: settings.Jwt.Enabled
                ? $"Send a configured key in the {Header} header, or a valid bearer token."
                : $"Send a configured key in the {Header} header.").ExecuteAsync(context).ConfigureAwait(false);
    }

    /// <summary>The health probes answer without a key: orchestrators do not carry one, and they reveal nothing.</summary>
    public static bool IsProbe(PathString path) => path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz");

    private static async Task<ClaimsPrincipal?> Bearer(HttpContext context)
    {
        var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme).ConfigureAwait(false);
        return result.Succeeded ? result.Principal : null;
    }

    // Compares hashes in constant time, and every key, so that neither the time taken nor an early exit tells an
    // attacker how much of a key was right or which key it resembled.
    private static ClaimsPrincipal? Accepts(ServiceOptions settings, string key)
    {
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        var serviceAccount = false;
        foreach (var configured in settings.ApiKeys)
        {
            serviceAccount |= CryptographicOperations.FixedTimeEquals(given, SHA256.HashData(Encoding.UTF8.GetBytes(configured.Trim())));
        }

        KeyOptionsMatch match = default;
        foreach (var configured in settings.Keys)
        {
            if (CryptographicOperations.FixedTimeEquals(given, SHA256.HashData(Encoding.UTF8.GetBytes(configured.Key.Trim()))) && !match.Found)
            {
                match = new KeyOptionsMatch(true, configured.Viewer);
            }
        }

        // A key listed both ways gets the narrower access: the viewer.
        if (match.Found)
        {
            return CallerViewer.ForKey(match.Viewer is null ? null : Viewer.Parse(match.Viewer));
        }

        return serviceAccount ? CallerViewer.ForKey(null) : null;
    }

    private readonly record struct KeyOptionsMatch(bool Found, string? Viewer);
}
