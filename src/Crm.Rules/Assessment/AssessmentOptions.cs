using System.Text.Json.Serialization;

namespace Crm.Rules.Assessment;

/// <summary>
/// How the families are linked when one customer is assessed in one pass: which grade feeds cadence, churn's value
/// dimension and the response SLA (GRADE-5, CAD-1, CHURN-3, SLA-1), which lifecycle machine and stage strategies apply
/// (LIFE-4), and what the portfolio summary plans. The links are validated together with the sections they name.
/// </summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class AssessmentOptions
{
    /// <summary>Which grade the other families use when a profile gives its current grade as well as indicators.</summary>
    /// <value><see cref="GradeInEffect.Approved"/>: the given (approved) grade until a change is approved (GRADE-5).</value>
    public GradeInEffect GradeInEffect { get; set; } = GradeInEffect.Approved;

    /// <summary>Whether the grade in effect is churn's value grade (CHURN-3's value dimension) when a profile gives no <c>valueGrade</c> of its own.</summary>
    /// <value><see langword="true"/>.</value>
    public bool GradeFeedsChurnValue { get; set; } = true;

    /// <summary>The SLA kind whose policy, selected with the grade in effect, is the customer's response time (SLA-1).</summary>
    /// <value><c>response</c>: response-A (24 h, 7×24), response-B (48 h), response-C (72 h).</value>
    public string ResponseKind { get; set; } = "response";

    /// <summary>The lifecycle machine whose stage a profile gives and whose proposal the assessment makes.</summary>
    /// <value><c>lifecycle</c> (LIFE-1).</value>
    public string LifecycleMachine { get; set; } = "lifecycle";

    /// <summary>The goal and strategy of each stage of <see cref="LifecycleMachine"/> (LIFE-4); a stage without one has none.</summary>
    /// <value>acquisition: fast conversion; growth: repeat purchase; maturity: cross-sell; decline: win back or recover value; churned and wonBack as documented.</value>
    public Dictionary<string, string> StageStrategies { get; set; } = SeedStandardAssessment.StageStrategies();

    /// <summary>The IANA time zone in which an as-of date starts, for the SLA deadlines of a churn playbook.</summary>
    /// <value><c>Asia/Shanghai</c>, the seed calendars' zone.</value>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>How many weeks from the as-of date the portfolio's contact work plan covers (CAD-1).</summary>
    /// <value>13 (a quarter).</value>
    public int PlanWeeks { get; set; } = 13;

    /// <summary>How many customers the portfolio lists as the highest risk by value at stake.</summary>
    /// <value>10.</value>
    public int TopAtRisk { get; set; } = 10;
}

/// <summary>Which grade drives cadence, churn value and the response SLA when a profile gives a current grade and indicators.</summary>
/// <threadsafety>An enumeration; safe to share.</threadsafety>
public enum GradeInEffect
{
    /// <summary>
    /// The given grade is the approved grade in effect; a different computed grade is a change pending approval
    /// (GRADE-5) and drives nothing until approved. A profile without a given grade uses the computed one.
    /// </summary>
    [JsonStringEnumMemberName("approved")]
    Approved,

    /// <summary>The computed grade drives everything; a given grade that differs is reported as a conflict.</summary>
    [JsonStringEnumMemberName("computed")]
    Computed,
}

/// <summary>The seed standard's assessment links.</summary>
internal static class SeedStandardAssessment
{
    // LIFE-4 (seeds 000, 002). churned and wonBack are not in the seeds: decided in docs/assessment.md.
    public static Dictionary<string, string> StageStrategies() => new(StringComparer.Ordinal)
    {
        ["acquisition"] = "fast conversion: demand confirmed → quote → contract within 7 days",
        ["growth"] = "repeat purchase",
        ["maturity"] = "cross-sell",
        ["decline"] = "win back or recover value",
        ["churned"] = "record the outcome of the rescue (CHURN-4) and keep in touch for a win-back",
        ["wonBack"] = "repeat purchase, as in growth",
    };
}
