using Crm.Rules.Configuration;
using NodaTime;

namespace Crm.Rules.Assessment;

/// <summary>
/// The validation rules of <see cref="AssessmentOptions"/>, and of the links between sections that no single family
/// can check alone: a churn playbook's SLA policies, the value grades churn scores, the response kind.
/// </summary>
internal static class AssessmentValidation
{
    public const int MaximumPlanWeeks = 104;
    public const int MaximumTopAtRisk = 1_000;

    public static void Validate(AssessmentOptions options, string path, ErrorCollector errors, CrmRulesOptions all)
    {
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(options.TimeZone ?? "") is null)
        {
            errors.Add($"{path}.timeZone", $"'{options.TimeZone}' is not an IANA time zone such as Asia/Shanghai");
        }

        if (options.PlanWeeks is < 1 or > MaximumPlanWeeks)
        {
            errors.Add($"{path}.planWeeks", $"must be 1 to {MaximumPlanWeeks}; got {options.PlanWeeks}");
        }

        if (options.TopAtRisk is < 0 or > MaximumTopAtRisk)
        {
            errors.Add($"{path}.topAtRisk", $"must be 0 to {MaximumTopAtRisk}; got {options.TopAtRisk}");
        }

        ValidateLifecycle(options, path, errors, all);
        ValidateSla(options, path, errors);
    }

    private static void ValidateLifecycle(AssessmentOptions options, string path, ErrorCollector errors, CrmRulesOptions all)
    {
        if (options.StageStrategies is null)
        {
            errors.Add($"{path}.stageStrategies", "is required (an empty object for none)");
        }

        // An unknown machine is this section's error; the machines themselves are the lifecycle section's.
        if (all.Lifecycle?.Machines is not { } machines)
        {
            return;
        }

        if (options.LifecycleMachine is null || !machines.TryGetValue(options.LifecycleMachine, out var machine) || machine is null)
        {
            errors.Add($"{path}.lifecycleMachine", $"'{options.LifecycleMachine}' is not a machine of lifecycle.machines (known: {string.Join(", ", machines.Keys.Order(StringComparer.Ordinal))})");
            return;
        }

        foreach (var (stage, strategy) in options.StageStrategies ?? [])
        {
            var at = JsonShape.PathOf($"{path}.stageStrategies", stage);
            if (machine.Stages?.Contains(stage, StringComparer.Ordinal) != true)
            {
                errors.Add(at, $"is not a stage of '{options.LifecycleMachine}' (stages: {string.Join(", ", machine.Stages ?? [])})");
            }
            else if (string.IsNullOrWhiteSpace(strategy))
            {
                errors.Add(at, "must be a sentence (leave the stage out for no strategy)");
            }
        }
    }

    // Deliberately not errors, so that a configuration which replaces the SLA policies or the grades keeps compiling:
    // no policy of the response kind (the section then has no response policy), a playbook naming an unknown policy
    // (lint's churnSlaPolicyMissing; the deadline is left out), a grade without churn.valueScores (churn scores it as
    // ungraded and says so).
    private static void ValidateSla(AssessmentOptions options, string path, ErrorCollector errors)
    {
        if (string.IsNullOrWhiteSpace(options.ResponseKind))
        {
            errors.Add($"{path}.responseKind", "is required (the SLA kind of the response-time policies, e.g. response)");
        }
    }
}
