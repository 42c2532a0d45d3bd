using System.Runtime.CompilerServices;
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
        return Validate(new RuleSetCompilation(options));
    }

    /// <summary>
    /// A test hook: when a test sets it to a box, every validation in that test's async flow adds one to it. It is
    /// async-local so that tests running in parallel count only their own validations.
    /// </summary>
    internal static AsyncLocal<StrongBox<int>?> ValidationCounter { get; } = new();

    /// <summary>Finds every problem, keeping on <paramref name="compilation"/> what the checks compiled (the SLA calendars).</summary>
    internal static IReadOnlyList<ConfigurationError> Validate(RuleSetCompilation compilation)
    {
        if (ValidationCounter.Value is { } counter)
        {
            Interlocked.Increment(ref counter.Value);
        }

        var options = compilation.Options;
        var errors = new ErrorCollector();
        errors.AddRange(options.LoadErrors);
        // A section with a period or duration out of bounds keeps only that report: its family rules would do NodaTime
        // arithmetic on the value and overflow. Its other problems show once the value is in bounds.
        var unsafeSections = ConfigurationRanges.Check(options, errors);
        foreach (var family in RuleFamilies.All.Where(f => !unsafeSections.Contains(f.Section)))
        {
            family.Validate(errors, compilation);
        }

        ValidateAcrossFamilies(options, errors);
        return errors.Errors;
    }

    // Links between families, checked once here: a grade's response calendar must be an SLA calendar (24x7 is built in),
    // and every grade a family names must be a grade of valueGrading.grades (GradeNames: exact, case-sensitive). Churn
    // playbooks name SLA policies too, but only as links: a file that replaces the policy list should not have to repeat them.
    private static void ValidateAcrossFamilies(CrmRulesOptions options, ErrorCollector errors)
    {
        if (options.ValueGrading?.Grades is not { } grades)
        {
            return;
        }

        if (options.Sla?.Calendars is { } calendars)
        {
            foreach (var (name, grade) in grades)
            {
                var calendar = grade?.Treatment?.ResponseCalendar;
                if (!string.IsNullOrWhiteSpace(calendar) && calendar != Sla.SlaOptions.AlwaysOpenCalendar && !calendars.ContainsKey(calendar))
                {
                    var calendarNames = string.Join(", ", new[] { Sla.SlaOptions.AlwaysOpenCalendar }.Concat(calendars.Keys));
                    errors.Add($"{JsonShape.PathOf("valueGrading.grades", name)}.treatment.responseCalendar", $"'{calendar}' is not a calendar of sla.calendars (known: {calendarNames})");
                }
            }
        }

        var known = string.Join(", ", grades.Keys);
        void RequireGrade(string path, string? name)
        {
            if (name is not null && !grades.Keys.Contains(name, GradeNames.Comparer))
            {
                var near = grades.Keys.FirstOrDefault(g => string.Equals(g, name, StringComparison.OrdinalIgnoreCase));
                errors.Add(path, $"'{name}' is not a grade of valueGrading.grades (grades: {known}){(near is null ? "" : $"; did you mean '{near}'?")}");
            }
        }

        foreach (var name in options.Cadence?.SurveyIntervals?.Keys ?? Enumerable.Empty<string>())
        {
            RequireGrade(JsonShape.PathOf("cadence.surveyIntervals", name), name);
        }

        for (var i = 0; i < (options.Demands?.GradeOrder?.Count ?? 0); i++)
        {
            RequireGrade($"demands.gradeOrder[{i}]", options.Demands!.GradeOrder![i]);
        }

        foreach (var name in options.Churn?.ValueScores?.Keys ?? Enumerable.Empty<string>())
        {
            RequireGrade(JsonShape.PathOf("churn.valueScores", name), name);
        }

        for (var i = 0; i < (options.Sla?.Policies?.Count ?? 0); i++)
        {
            RequireGrade($"sla.policies[{i}].grade", options.Sla!.Policies![i]?.Grade);
        }
    }
}

/// <summary>
/// An options validator for hosts that validate <see cref="CrmRulesOptions"/> in an options pipeline of their own: it
/// reports every problem of <see cref="CrmRulesValidation.Validate(CrmRulesOptions)"/>, one failure per problem.
/// </summary>
/// <remarks>
/// <c>AddCrmRules</c> does not register it: it registers a validator that compiles the rule set while validating, so that
/// each configuration is validated once. Registered next to <c>AddCrmRules</c>, this one would validate a second time.
/// </remarks>
/// <threadsafety>This type is stateless and thread-safe.</threadsafety>
public sealed class CrmRulesOptionsValidator : IValidateOptions<CrmRulesOptions>
{
    /// <summary>Validates <paramref name="options"/>.</summary>
    /// <param name="name">The name of the options instance; every name is validated the same way.</param>
    /// <param name="options">The options to validate.</param>
    /// <returns>Success, or a failure listing every problem as <c>path: sentence</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public ValidateOptionsResult Validate(string? name, CrmRulesOptions options)
    {
        var errors = CrmRulesValidation.Validate(options);
        return errors.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(errors.Select(e => e.ToString()));
    }
}
