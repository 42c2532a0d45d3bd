using System.Collections.Frozen;
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
    public static IReadOnlyList<ConfigurationError> Validate(CrmRulesOptions options) => Validate(options, out _);

    /// <summary>Finds every problem, and hands on the SLA calendars, which compile as part of their check.</summary>
    internal static IReadOnlyList<ConfigurationError> Validate(CrmRulesOptions options, out FrozenDictionary<string, Sla.BusinessCalendar> slaCalendars)
    {
        ArgumentNullException.ThrowIfNull(options);
        slaCalendars = FrozenDictionary<string, Sla.BusinessCalendar>.Empty;
        var errors = new ErrorCollector();
        errors.AddRange(options.LoadErrors);
        if (options.ValueGrading is null)
        {
            errors.Add("valueGrading", "is required");
        }
        else
        {
            ValueGradingValidation.Validate(options.ValueGrading, "valueGrading", errors);
        }

        if (options.LeadScoring is null)
        {
            errors.Add("leadScoring", "is required");
        }
        else
        {
            LeadScoringValidation.Validate(options.LeadScoring, "leadScoring", errors);
        }

        if (options.Sla is null)
        {
            errors.Add("sla", "is required");
        }
        else
        {
            slaCalendars = Sla.SlaValidation.Validate(options.Sla, "sla", errors);
        }

        Section(options.Cadence, "cadence", errors, (o, p, e) => Cadence.CadenceValidation.Validate(o, p, e));
        var calendars = new List<string> { Sla.SlaOptions.AlwaysOpenCalendar };
        calendars.AddRange(options.Sla?.Calendars?.Keys ?? Enumerable.Empty<string>());
        Section(options.Demands, "demands", errors, (o, p, e) => Demands.DemandValidation.Validate(o, p, e, calendars));
        Section(options.Satisfaction, "satisfaction", errors, (o, p, e) => Satisfaction.SatisfactionValidation.Validate(o, p, e));
        Section(options.DataQuality, "dataQuality", errors, (o, p, e) => DataQuality.DataQualityValidation.Validate(o, p, e));
        Section(options.Churn, "churn", errors, (o, p, e) => Churn.ChurnValidation.Validate(o, p, e));
        Section(options.Lifecycle, "lifecycle", errors, (o, p, e) => Lifecycle.LifecycleValidation.Validate(o, p, e));
        ValidateAcrossFamilies(options, errors);
        return errors.Errors;
    }

    private static void Section<T>(T? section, string path, ErrorCollector errors, Action<T, string, ErrorCollector> validate)
        where T : class
    {
        if (section is null)
        {
            errors.Add(path, "is required");
        }
        else
        {
            validate(section, path, errors);
        }
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
