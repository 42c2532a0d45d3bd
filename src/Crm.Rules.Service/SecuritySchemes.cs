using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Crm.Rules.Service;

/// <summary>
/// Names in the OpenAPI document how a caller authenticates — the <c>X-Api-Key</c> header and, when configured, a JWT
/// bearer token — and requires one of them on every operation, so that a client generated from the document sends
/// credentials. With authentication turned off for local use, the document names none.
/// </summary>
internal sealed class SecuritySchemes(IOptionsMonitor<ServiceOptions> settings) : IOpenApiDocumentTransformer
{
    /// <summary>The API key scheme's name in the document.</summary>
    public const string ApiKey = "apiKey";

    /// <summary>The JWT bearer scheme's name in the document.</summary>
    public const string Bearer = "bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var options = settings.CurrentValue;
        if (!options.RequireAuthentication)
        {
            return Task.CompletedTask;
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Security ??= [];
        if (options.ApiKeys.Count > 0 || options.Keys.Count > 0)
        {
            document.Components.SecuritySchemes[ApiKey] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyCheck.Header,
                Description = "A key from CrmRulesService:ApiKeys or CrmRulesService:Keys (at least 16 characters); a key of Keys sees what its DATA-4 viewer may.",
            };
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKey, document)] = [] });
        }

        if (options.Jwt.Enabled)
        {
            document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token from the configured issuer; the DATA-4 viewer comes from its crm_role, sub and crm_team claims.",
            };
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] });
        }

        return Task.CompletedTask;
    }
}
