using System.Text.Json.Serialization;

namespace Crm.Rules.Lint;

/// <summary>What a lint finding is about: one member per check that <see cref="RuleSetLinter"/> runs (<c>docs/lint.md</c>).</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[JsonConverter(typeof(JsonStringEnumConverter<LintCheck>))]
public enum LintCheck
{
    /// <summary>A value grade that no combination of indicator scores reaches.</summary>
    [JsonStringEnumMemberName("gradeUnreachable")]
    GradeUnreachable,

    /// <summary>A value grade that every combination of indicator scores reaches: grading tells customers nothing.</summary>
    [JsonStringEnumMemberName("gradeUniversal")]
    GradeUniversal,

    /// <summary>An indicator whose score never changes a grade, whatever the other indicators score.</summary>
    [JsonStringEnumMemberName("deadIndicator")]
    DeadIndicator,

    /// <summary>A banded indicator whose score rises and then falls (or falls and then rises) as the raw value grows.</summary>
    [JsonStringEnumMemberName("nonMonotoneBands")]
    NonMonotoneBands,

    /// <summary>A lead label, or the advance threshold, that no combination of met criteria reaches.</summary>
    [JsonStringEnumMemberName("leadThresholdUnreachable")]
    LeadThresholdUnreachable,

    /// <summary>An enabled churn signal whose points never move a total across a band threshold.</summary>
    [JsonStringEnumMemberName("churnSignalDead")]
    ChurnSignalDead,

    /// <summary>A churn band that no reachable total falls in (a threshold above the highest total, or at or below the lowest).</summary>
    [JsonStringEnumMemberName("churnBandUnreachable")]
    ChurnBandUnreachable,

    /// <summary>A churn band's playbook names an SLA policy that <c>sla.policies</c> does not have.</summary>
    [JsonStringEnumMemberName("churnSlaPolicyMissing")]
    ChurnSlaPolicyMissing,

    /// <summary>An SLA policy that matching never selects: an earlier policy has the same selectors.</summary>
    [JsonStringEnumMemberName("slaPolicyShadowed")]
    SlaPolicyShadowed,

    /// <summary>A business calendar with no working time (in the year from the given date, or in its week at all).</summary>
    [JsonStringEnumMemberName("slaCalendarNeverOpen")]
    SlaCalendarNeverOpen,

    /// <summary>A holiday that falls only on days the calendar's week already closes (a note: it changes nothing).</summary>
    [JsonStringEnumMemberName("slaHolidayOnClosedDay")]
    SlaHolidayOnClosedDay,

    /// <summary>A lifecycle stage that no transition whose guards can pass leads to from the machine's first stage.</summary>
    [JsonStringEnumMemberName("stageUnreachable")]
    StageUnreachable,

    /// <summary>A lifecycle stage reached only through exit transitions (never proposed) that transitions nonetheless lead on from.</summary>
    [JsonStringEnumMemberName("stageExitOnly")]
    StageExitOnly,

    /// <summary>A lifecycle transition whose guards contradict each other, so that no record can pass them.</summary>
    [JsonStringEnumMemberName("guardContradiction")]
    GuardContradiction,

    /// <summary>A contact interval longer than the survey cycle that follows up on the contacts.</summary>
    [JsonStringEnumMemberName("contactLongerThanSurvey")]
    ContactLongerThanSurvey,
}

/// <summary>How much a lint finding matters.</summary>
/// <remarks><c>crm-rules lint</c> exits 1 when a finding is a <see cref="Problem"/>; notes alone leave it at 0.</remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[JsonConverter(typeof(JsonStringEnumConverter<LintSeverity>))]
public enum LintSeverity
{
    /// <summary>The configuration almost certainly does not mean what its author meant; fix it.</summary>
    [JsonStringEnumMemberName("problem")]
    Problem,

    /// <summary>Worth knowing, often deliberate (a public holiday on a Sunday); the rule set is still clean.</summary>
    [JsonStringEnumMemberName("note")]
    Note,
}
