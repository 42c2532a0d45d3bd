using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using Crm.Rules.Access;

namespace Crm.Rules.Service;

/// <summary>
/// The DATA-4 viewer a request is answered for, from the authenticated principal: the claims <c>crm_role</c>,
/// <c>sub</c> and <c>crm_team</c>, which a JWT carries and an API key with a configured viewer is given.
/// </summary>
internal static class CallerViewer
{
    /// <summary>The claim with the viewer's role (<c>sales-rep</c>, <c>manager</c>, …).</summary>
    public const string RoleClaim = "crm_role";

    /// <summary>The claim with the viewer's id: the value records carry in their owner column.</summary>
    public const string IdClaim = "sub";

    /// <summary>The claim with the viewer's team, for roles that see their team's customers.</summary>
    public const string TeamClaim = "crm_team";

    /// <summary>The authentication type of API-key principals, the only ones that may be service accounts.</summary>
    public const string ApiKeyAuthentication = "ApiKey";

    /// <summary>The principal for an API key: a service account without a viewer, else the viewer's claims.</summary>
    public static ClaimsPrincipal ForKey(Viewer? viewer)
    {
        var claims = new List<Claim>();
        if (viewer is { } v)
        {
            claims.Add(new Claim(RoleClaim, v.Role));
            claims.Add(new Claim(IdClaim, v.Id));
            if (v.Team is { } team)
            {
                claims.Add(new Claim(TeamClaim, team));
            }
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, ApiKeyAuthentication));
    }

    /// <summary>
    /// The viewer of an authenticated principal, or <see langword="null"/> for full access: an API-key service account,
    /// or nobody authenticated (authentication off, local use only).
    /// </summary>
    /// <returns>Whether the principal may be answered; <paramref name="problem"/> says why not.</returns>
    /// <remarks>
    /// A bearer token without <c>crm_role</c> is refused rather than given everything: an identity provider that
    /// forgot the claim must not open every customer to its users. Full access is only for keys configured as such.
    /// </remarks>
    public static bool TryGet(ClaimsPrincipal user, out Viewer? viewer, [NotNullWhen(false)] out string? problem)
    {
        viewer = null;
        problem = null;
        if (user.Identity is not { IsAuthenticated: true } identity)
        {
            return true;
        }

        var role = user.FindFirst(RoleClaim)?.Value;
        if (role is null)
        {
            if (identity.AuthenticationType == ApiKeyAuthentication)
            {
                return true;
            }

            problem = $"the token has no '{RoleClaim}' claim; the viewer is {RoleClaim}, {IdClaim} and {TeamClaim} (DATA-4)";
            return false;
        }

        var id = user.FindFirst(IdClaim)?.Value;
        var team = user.FindFirst(TeamClaim)?.Value;
        var text = team is null ? $"{role}:{id}" : $"{role}:{id}:{team}";
        if (!Viewer.TryParse(text, out var parsed, out problem))
        {
            problem = $"the token's viewer claims are not a viewer: {problem}";
            return false;
        }

        viewer = parsed;
        return true;
    }
}
