using System.Collections.Frozen;

namespace Crm.Rules.Sla;

/// <summary>The compiled SLA rules: business calendars and policies (SLA-1 … SLA-8).</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class SlaRules
{
    private readonly FrozenDictionary<string, BusinessCalendar> _calendars;
    private readonly SlaPolicy[] _policies;
    private readonly FrozenDictionary<string, SlaPolicy> _byName;

    // The calendars are those validation compiled (SlaValidation.Validate): valid options compile them all.
    internal SlaRules(SlaOptions options, FrozenDictionary<string, BusinessCalendar> calendars, string fingerprint)
    {
        Fingerprint = fingerprint;
        _calendars = calendars;
        _policies = options.Policies.Select((p, i) => new SlaPolicy(p, _calendars[p.Calendar], i)).ToArray();
        _byName = _policies.ToFrozenDictionary(p => p.Name, StringComparer.Ordinal);
    }

    /// <summary>The fingerprint of the rule set these rules belong to.</summary>
    public string Fingerprint { get; }

    /// <summary>The calendars by name, the built-in <c>24x7</c> included.</summary>
    public IReadOnlyDictionary<string, BusinessCalendar> Calendars => _calendars;

    /// <summary>The policies, in configuration order.</summary>
    public IReadOnlyList<SlaPolicy> Policies => _policies;

    /// <summary>The calendar with the given name, or <see langword="null"/>.</summary>
    /// <param name="name">The calendar name.</param>
    /// <returns>The calendar, or <see langword="null"/>.</returns>
    public BusinessCalendar? FindCalendar(string name) => _calendars.GetValueOrDefault(name);

    /// <summary>The policy with the given name, or <see langword="null"/>.</summary>
    /// <param name="name">The policy name.</param>
    /// <returns>The policy, or <see langword="null"/>.</returns>
    public SlaPolicy? FindPolicy(string name) => _byName.GetValueOrDefault(name);

    /// <summary>
    /// The policy for an event: among the policies whose selectors all match, the most specific (most selectors set);
    /// between equally specific ones, the first in configuration order.
    /// </summary>
    /// <param name="grade">The customer's grade, or <see langword="null"/>.</param>
    /// <param name="kind">The event kind, or <see langword="null"/>.</param>
    /// <param name="priority">The priority, or <see langword="null"/>.</param>
    /// <returns>The policy, or <see langword="null"/> when none matches.</returns>
    public SlaPolicy? Select(string? grade, string? kind, string? priority)
    {
        SlaPolicy? best = null;
        foreach (var policy in _policies)
        {
            if (policy.Matches(grade, kind, priority) && (best is null || policy.Specificity > best.Specificity))
            {
                best = policy;
            }
        }

        return best;
    }

    /// <summary>Evaluates an SLA clock at an instant.</summary>
    /// <param name="clock">The clock.</param>
    /// <param name="asOf">The instant to evaluate at ("now", given by the caller).</param>
    /// <returns>The status, deadline, elapsed and remaining business time.</returns>
    /// <exception cref="CrmInputException">
    /// <paramref name="asOf"/> is before the clock's start, or the deadline lies after 9999-12-31, the last date NodaTime
    /// supports (a long target on a sparse calendar late in the range).
    /// </exception>
    public SlaAssessment Evaluate(SlaClock clock, NodaTime.Instant asOf) => Evaluate(clock, asOf, deferExplanation: false);

    // The assessment's playbook clocks: their explanation is made when first read (an assess run prints only the
    // deadline). Only there: a result a host gets from Evaluate carries a plain list, whatever serializer it goes through.
    internal SlaAssessment Evaluate(SlaClock clock, NodaTime.Instant asOf, bool deferExplanation)
    {
        ArgumentNullException.ThrowIfNull(clock);
        try
        {
            return SlaEvaluation.Evaluate(clock, asOf, Fingerprint, deferExplanation);
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
        {
            // Valid options keep every target within 10,000 days, but business time on a calendar with few working hours
            // can still run past the end of NodaTime's range: that is this clock's problem, reported as such.
            throw new CrmInputException("asOf", $"the deadline under '{clock.Policy.Name}' lies after 9999-12-31, the last date the calendar arithmetic supports");
        }
    }
}
