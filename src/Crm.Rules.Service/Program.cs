using System.Globalization;
using System.Threading.RateLimiting;
using Crm.Rules;
using Crm.Rules.Service;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

// ApiKeyCheck is the one place that authenticates, after the exception handler and never when JWT is off. Without
// this switch the only registered scheme (JWT bearer) would become the default, and the authentication middleware
// that WebApplication adds by itself would validate every bearer token first, configured or not.
AppContext.SetSwitch("Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme", true);

var builder = WebApplication.CreateBuilder(args);

// The rules: validated at start-up, hot-reloaded; each request reads ICrmRuleSetProvider.Current once (RuleSetInForce).
builder.Services.AddCrmRules(builder.Configuration.GetSection("CrmRules"));

builder.Services.AddOptions<ServiceOptions>().BindConfiguration(ServiceOptions.Section).ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<ServiceOptions>, ServiceOptionsValidation>();

// JWT bearer, used by ApiKeyCheck only when CrmRulesService:Jwt is configured. Claims keep their JWT names (sub, not
// the long WS-Federation URIs), so that the viewer is read from the claims the README names.
builder.Services.AddAuthentication().AddJwtBearer();
builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<ServiceOptions>>((bearer, service) =>
{
    var jwt = service.Value.Jwt;
    bearer.MapInboundClaims = false;
    bearer.Audience = jwt.Audience;
    bearer.TokenValidationParameters.ValidAudience = jwt.Audience;
    if (!string.IsNullOrWhiteSpace(jwt.Authority))
    {
        bearer.Authority = jwt.Authority;
    }
    else if (!string.IsNullOrWhiteSpace(jwt.SigningKey))
    {
        bearer.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(jwt.SigningKey));
        bearer.TokenValidationParameters.ValidIssuer = jwt.Issuer;
        bearer.TokenValidationParameters.ValidateIssuer = !string.IsNullOrWhiteSpace(jwt.Issuer);
    }
});

builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler(o =>
    // A request the server could not read (too large, cut off) is the client's problem, not a 500.
    o.StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError);

builder.Services.AddRateLimiter(_ => { });
builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<ServiceOptions>>((limiter, service) =>
{
    var window = service.Value.RateLimit;
    limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        ApiKeyCheck.IsProbe(context.Request.Path)
            ? RateLimitPartition.GetNoLimiter("probe")
            : RateLimitPartition.GetFixedWindowLimiter(PartitionOf(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = window.PermitLimit,
                Window = TimeSpan.FromSeconds(window.WindowSeconds),
                QueueLimit = 0,
            }));
    limiter.OnRejected = async (rejected, _) =>
    {
        rejected.HttpContext.Response.Headers.RetryAfter = window.WindowSeconds.ToString(CultureInfo.InvariantCulture);
        await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
            detail: $"At most {window.PermitLimit} requests per {window.WindowSeconds} s; try again later.").ExecuteAsync(rejected.HttpContext).ConfigureAwait(false);
    };
});

builder.Services.AddHealthChecks().AddCheck<RuleSetHealthCheck>("rules", tags: ["ready"]);
builder.Services.AddOpenApi(options => options.AddDocumentTransformer<SecuritySchemes>());

var app = builder.Build();

app.UseMiddleware<RuleSetInForce>();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<ApiKeyCheck>();
app.UseRateLimiter();

app.MapOpenApi();
app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });

var v1 = app.MapGroup("/v1");
v1.MapGet("/ruleset", RuleSetEndpoints.Current)
    .WithName("GetRuleSet")
    .WithSummary("The rule set in force: its fingerprint and canonical JSON.")
    .Produces<string>(StatusCodes.Status200OK, "application/json");
v1.MapPost("/ruleset/validate", RuleSetEndpoints.Validate)
    .WithName("ValidateRuleSet")
    .WithSummary("Checks a rules file laid over the seed standard: 200 with its fingerprint, or 422 with every error and its JSON path.")
    .Accepts<object>("application/json")
    .Produces<RuleSetEndpoints.ValidationAnswer>()
    .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
    .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
v1.MapPost("/{command}", DataCommandEndpoint.Run)
    .WithName("RunDataCommand")
    .WithSummary("Runs a data command (grade, churn, cadence, sla, prioritise, lifecycle, assess, nps, loyalty) over the body's records; options as query parameters (asOf, explain, maxErrors).")
    .Accepts<string>("text/csv", "application/json", "application/x-ndjson", "application/jsonl")
    .Produces<string>(StatusCodes.Status200OK, "application/json", "application/x-ndjson")
    .ProducesProblem(StatusCodes.Status400BadRequest)
    .ProducesProblem(StatusCodes.Status401Unauthorized)
    .ProducesProblem(StatusCodes.Status403Forbidden)
    .ProducesProblem(StatusCodes.Status404NotFound)
    .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
    .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

app.Run();

// Each caller gets its own window: by key when it sent one (checked already, or keys are off), by the token's subject,
// else by address.
static string PartitionOf(HttpContext context)
    => context.Request.Headers[ApiKeyCheck.Header].ToString() is { Length: > 0 } key
        ? "key:" + key
        : context.User.FindFirst(CallerViewer.IdClaim)?.Value is { } subject
            ? "sub:" + subject
            : "address:" + context.Connection.RemoteIpAddress;

/// <summary>The HTTP service's entry point; public so that tests can start it with <c>WebApplicationFactory</c>.</summary>
public partial class Program;
