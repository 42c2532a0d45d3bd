using Crm.Rules.Scoring;
using Microsoft.Extensions.Options;

namespace Crm.Rules.Configuration;

/// <summary>Validates a whole configuration and reports every problem at once.</summary>
/// <threadsafety>This type is stateless and thread-safe.</threadsafety>
public static class CrmRulesValidation
{
    /// <summary>Finds every problem in <paramref name="options"/>.</summary>
    /// <param name="options">The options to check.</param>
    /// <returns>Every problem, each with its JSON path; empty when the options are valid.</returns>
    public static IReadOnlyList<ConfigurationError> Validate(CrmRulesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new ErrorCollector();
        errors.AddRange(options.LoadErrors);
        foreach (var family in RuleFamilies.All)
        {
            family.Validate(options, errors);
        }

        ValidateAcrossFamilies(options, errors);
        return errors.Errors;
    }

    // A grade's response calendar must exist among the SLA calendars (24x7 is built in). Churn playbooks name SLA
    // policies too, but only as links: a file that replaces the policy list should not have to repeat them.
    private static void ValidateAcrossFamilies(CrmRulesOptions options, ErrorCollector errors)
    {
        if (options.ValueGrading?.Grades is not { } grades || options.Sla?.Calendars is not { } calendars)
        {
            return;
        }

        foreach (var (name, grade) in grades)
        {
            var calendar = grade?.Treatment?.ResponseCalendar;
            if (!string.IsNullOrWhiteSpace(calendar) && calendar != Sla.SlaOptions.AlwaysOpenCalendar && !calendars.ContainsKey(calendar))
            {
                var known = string.Join(", ", new[] { Sla.SlaOptions.AlwaysOpenCalendar }.Concat(calendars.Keys));
                errors.Add($"{JsonShape.PathOf("valueGrading.grades", name)}.treatment.responseCalendar", $"'{calendar}' is not a calendar of sla.calendars (known: {known})");
            }
        }
    }
}

/// <summary>
/// The options validator that dependency injection runs at start-up (<c>ValidateOnStart</c>) and on every reload.
/// </summary>
public sealed class CrmRulesOptionsValidator : IValidateOptions<CrmRulesOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, CrmRulesOptions options)
    {
        var errors = CrmRulesValidation.Validate(options);
        return errors.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(errors.Select(e => e.ToString()));
    }
}
