using Microsoft.Extensions.Options;

namespace Crm.Rules.Service;

/// <summary>The service's own settings (<c>CrmRulesService</c> in configuration); the rules live in <c>CrmRules</c>.</summary>
internal sealed class ServiceOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "CrmRulesService";

    /// <summary>The keys clients may send in <c>X-Api-Key</c>.</summary>
    /// <value>None: production must configure at least one while <see cref="RequireAuthentication"/> is on.</value>
    public IList<string> ApiKeys { get; } = [];

    /// <summary>Whether every endpoint but the health probes needs a valid <c>X-Api-Key</c>.</summary>
    /// <value><see langword="true"/>; turn it off only for local use.</value>
    public bool RequireAuthentication { get; set; } = true;

    /// <summary>The largest request body accepted; a larger one is answered 413.</summary>
    /// <value>64 MiB.</value>
    public long MaxRequestBodyBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>The fixed-window rate limit, per API key (per remote address without one).</summary>
    public RateLimitOptions RateLimit { get; } = new();

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
        if (options.RequireAuthentication && options.ApiKeys.Count == 0)
        {
            problems.Add($"{ServiceOptions.Section}:ApiKeys: give at least one key, or set {ServiceOptions.Section}:RequireAuthentication to false for local use");
        }

        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.ApiKeys[i]) || options.ApiKeys[i].Trim().Length < MinimumKeyLength)
            {
                problems.Add($"{ServiceOptions.Section}:ApiKeys:{i}: a key must have at least {MinimumKeyLength} characters");
            }
        }

        if (options.MaxRequestBodyBytes < 1)
        {
            problems.Add($"{ServiceOptions.Section}:MaxRequestBodyBytes: must be 1 or more");
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
