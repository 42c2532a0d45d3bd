using Crm.Rules.Access;
using Microsoft.Extensions.Options;

namespace Crm.Rules.Service;

/// <summary>The service's own settings (<c>CrmRulesService</c> in configuration); the rules live in <c>CrmRules</c>.</summary>
internal sealed class ServiceOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "CrmRulesService";

    /// <summary>The keys of service accounts: callers that see every record (no DATA-4 viewer), contacts still masked.</summary>
    /// <value>None. With <see cref="RequireAuthentication"/> on, production configures at least one key here or in
    /// <see cref="Keys"/>, or <see cref="Jwt"/>.</value>
    public IList<string> ApiKeys { get; } = [];

    /// <summary>Keys that each stand for one DATA-4 viewer: the commands run with <c>--viewer</c> set to it.</summary>
    /// <value>None.</value>
    public IList<KeyOptions> Keys { get; } = [];

    /// <summary>JWT bearer authentication, off unless an authority or a signing key is given.</summary>
    public JwtOptions Jwt { get; } = new();

    /// <summary>Whether every endpoint but the health probes needs a valid <c>X-Api-Key</c>.</summary>
    /// <value><see langword="true"/>; turn it off only for local use.</value>
    public bool RequireAuthentication { get; set; } = true;

    /// <summary>The largest request body accepted; a larger one is answered 413.</summary>
    /// <value>64 MiB.</value>
    public long MaxRequestBodyBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// The most records one request may hold; a JSON answer to a longer input is 413, a JSON Lines answer (which streams
    /// each result as it comes) gives the first results and ends with an input error in its closing line.
    /// </summary>
    /// <value>1,000,000.</value>
    public long MaxRecords { get; set; } = 1_000_000;

    /// <summary>The fixed-window rate limit, per API key (per remote address without one).</summary>
    public RateLimitOptions RateLimit { get; } = new();

    /// <summary>A key sent in <c>X-Api-Key</c> and the viewer it stands for.</summary>
    internal sealed class KeyOptions
    {
        /// <summary>The key, at least 16 characters.</summary>
        /// <value>None; required.</value>
        public string Key { get; set; } = "";

        /// <summary>The viewer, <c>role:id[:team]</c> (docs/access.md); none makes the key a service account.</summary>
        /// <value>None.</value>
        public string? Viewer { get; set; }
    }

    /// <summary>JWT bearer tokens (<c>Authorization: Bearer</c>); the viewer comes from their claims.</summary>
    internal sealed class JwtOptions
    {
        /// <summary>The issuer's URL: its OpenID metadata gives the signing keys and the issuer to check.</summary>
        /// <value>None.</value>
        public string? Authority { get; set; }

        /// <summary>The audience a token must name.</summary>
        /// <value>None; required when JWT is on.</value>
        public string? Audience { get; set; }

        /// <summary>The issuer a token must name, when there is no <see cref="Authority"/> to tell it.</summary>
        /// <value>None: with only a signing key, any issuer is accepted.</value>
        public string? Issuer { get; set; }

        /// <summary>A symmetric HMAC-SHA256 signing key (UTF-8 text, at least 32 bytes), instead of an authority: for tests and closed set-ups.</summary>
        /// <value>None.</value>
        public string? SigningKey { get; set; }

        /// <summary>Whether JWT bearer tokens are accepted.</summary>
        public bool Enabled => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(SigningKey);
    }

    /// <summary>The fixed-window rate limit.</summary>
    internal sealed class RateLimitOptions
    {
        /// <summary>Requests allowed in one window.</summary>
        /// <value>600.</value>
        public int PermitLimit { get; set; } = 600;

        /// <summary>The window's length in seconds.</summary>
        /// <value>60.</value>
        public int WindowSeconds { get; set; } = 60;
    }
}

/// <summary>Checks <see cref="ServiceOptions"/> once at start-up, every problem in one message.</summary>
internal sealed class ServiceOptionsValidation : IValidateOptions<ServiceOptions>
{
    // Short keys are guessable; 16 characters is the least we accept, and a key of spaces is no key.
    internal const int MinimumKeyLength = 16;

    public ValidateOptionsResult Validate(string? name, ServiceOptions options)
    {
        var problems = new List<string>();
        if (options.RequireAuthentication && options.ApiKeys.Count == 0 && options.Keys.Count == 0 && !options.Jwt.Enabled)
        {
            problems.Add($"{ServiceOptions.Section}:ApiKeys: give at least one key (here or in Keys), or Jwt, or set {ServiceOptions.Section}:RequireAuthentication to false for local use");
        }

        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.ApiKeys[i]) || options.ApiKeys[i].Trim().Length < MinimumKeyLength)
            {
                problems.Add($"{ServiceOptions.Section}:ApiKeys:{i}: a key must have at least {MinimumKeyLength} characters");
            }
        }

        for (var i = 0; i < options.Keys.Count; i++)
        {
            var key = options.Keys[i];
            if (string.IsNullOrWhiteSpace(key.Key) || key.Key.Trim().Length < MinimumKeyLength)
            {
                problems.Add($"{ServiceOptions.Section}:Keys:{i}:Key: a key must have at least {MinimumKeyLength} characters");
            }

            // The role is checked per request against the rule set in force (roles are hot-reloaded rules); the
            // text's shape never changes, so a typo fails at start-up.
            if (key.Viewer is not null && !Viewer.TryParse(key.Viewer, out _, out var problem))
            {
                problems.Add($"{ServiceOptions.Section}:Keys:{i}:Viewer: {problem}");
            }
        }

        var jwt = options.Jwt;
        if (jwt.Enabled)
        {
            if (string.IsNullOrWhiteSpace(jwt.Audience))
            {
                problems.Add($"{ServiceOptions.Section}:Jwt:Audience: give the audience tokens must name");
            }

            if (!string.IsNullOrWhiteSpace(jwt.Authority) && !string.IsNullOrWhiteSpace(jwt.SigningKey))
            {
                problems.Add($"{ServiceOptions.Section}:Jwt: give Authority or SigningKey, not both");
            }

            // HMAC-SHA256 needs 256 bits; a shorter key is refused by the token library at the first request anyway.
            if (jwt.SigningKey is { } signingKey && System.Text.Encoding.UTF8.GetByteCount(signingKey) < 32)
            {
                problems.Add($"{ServiceOptions.Section}:Jwt:SigningKey: must have at least 32 bytes");
            }
        }

        if (options.MaxRequestBodyBytes < 1)
        {
            problems.Add($"{ServiceOptions.Section}:MaxRequestBodyBytes: must be 1 or more");
        }

        if (options.MaxRecords < 1)
        {
            problems.Add($"{ServiceOptions.Section}:MaxRecords: must be 1 or more");
        }

        if (options.RateLimit.PermitLimit < 1)
        {
            problems.Add($"{ServiceOptions.Section}:RateLimit:PermitLimit: must be 1 or more");
        }

        if (options.RateLimit.WindowSeconds < 1)
        {
            problems.Add($"{ServiceOptions.Section}:RateLimit:WindowSeconds: must be 1 or more");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
