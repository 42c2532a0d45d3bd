namespace Crm.Rules.Service;

/// <summary>
/// Reads the rule set in force once per request, keeps it for the handler and names it in the
/// <c>X-Crm-Rules-Fingerprint</c> header of every response, so that a hot reload mid-request never answers with
/// results of one rule set under the fingerprint of another.
/// </summary>
internal sealed class RuleSetInForce(RequestDelegate next, ICrmRuleSetProvider rules)
{
    /// <summary>The response header naming the rule set.</summary>
    public const string Header = "X-Crm-Rules-Fingerprint";

    private static readonly object Key = new();

    public Task InvokeAsync(HttpContext context)
    {
        var ruleSet = rules.Current;
        context.Items[Key] = ruleSet;

        // On starting, not now: the exception handler clears the headers before it writes its problem details.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = ruleSet.Fingerprint;
            return Task.CompletedTask;
        });
        return next(context);
    }

    /// <summary>The rule set this request is answered with.</summary>
    public static CrmRuleSet Of(HttpContext context) => (CrmRuleSet)context.Items[Key]!;
}
