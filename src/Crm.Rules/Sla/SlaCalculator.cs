using NodaTime;

namespace Crm.Rules.Sla;

/// <summary>SLA calculation with the rule set in force: calendars, policy selection and clock evaluation.</summary>
/// <threadsafety>Implementations are thread-safe; every call uses the rule set in force when it starts.</threadsafety>
public interface ISlaCalculator
{
    /// <summary>The SLA rules in force.</summary>
    SlaRules Rules { get; }

    /// <summary>The calendar with the given name.</summary>
    /// <param name="name">The calendar name (<c>24x7</c> always exists).</param>
    /// <returns>The calendar.</returns>
    /// <exception cref="CrmInputException">There is no such calendar.</exception>
    BusinessCalendar Calendar(string name);

    /// <summary>Evaluates a clock at an instant.</summary>
    /// <param name="clock">The clock.</param>
    /// <param name="asOf">"Now", given by the caller.</param>
    /// <returns>The assessment.</returns>
    SlaAssessment Evaluate(SlaClock clock, Instant asOf);
}

/// <summary>The <see cref="ISlaCalculator"/> that dependency injection provides: each call uses the rule set in force.</summary>
/// <param name="ruleSets">Gives the rule set in force.</param>
/// <threadsafety>This type is thread-safe.</threadsafety>
public sealed class SlaCalculator(ICrmRuleSetProvider ruleSets) : ISlaCalculator
{
    /// <inheritdoc/>
    public SlaRules Rules => ruleSets.Current.Sla;

    /// <inheritdoc/>
    public BusinessCalendar Calendar(string name)
    {
        var rules = Rules;
        return rules.FindCalendar(name)
            ?? throw new CrmInputException("calendar", $"'{name}' is not a calendar (known: {string.Join(", ", rules.Calendars.Keys.Order(StringComparer.Ordinal))})");
    }

    /// <inheritdoc/>
    public SlaAssessment Evaluate(SlaClock clock, Instant asOf) => Rules.Evaluate(clock, asOf);
}
