using System.Text.Json.Serialization;

namespace Crm.Rules.Scoring;

/// <summary>Settings of customer value scoring and grading (RULES.md GRADE-1 … GRADE-5).</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class ValueGradingOptions
{
    /// <summary>The range every indicator score lies in (GRADE-2).</summary>
    /// <value>1 to 5, 5 best.</value>
    public ScoreScaleOptions Scale { get; set; } = new();

    /// <summary>The weighted indicators (GRADE-1). Weights must add up to exactly 1.</summary>
    /// <value>The seed standard's B2B model: historicalAmount 0.30, frequency 0.15, grossMargin 0.15,
    /// industryInfluence 0.10, needMatch 0.15, willingness 0.15, each scored 1..5 directly.</value>
    /// <remarks>An array: a rules file that gives <c>indicators</c> replaces the whole list.</remarks>
    public List<IndicatorOptions> Indicators { get; set; } = SeedStandardGrading.Indicators();

    /// <summary>The grades keyed by name, each with the lowest total that reaches it and its treatment (GRADE-3, GRADE-4).</summary>
    /// <value>A (core) from 4, B (potential) from 3, C (general) below 3.</value>
    /// <remarks>
    /// A name-keyed map: a rules file can change one grade's treatment and keep the others. Grades are ranked by
    /// <see cref="GradeOptions.MinimumTotal"/>, highest first; exactly one grade omits it and takes every lower total.
    /// </remarks>
    public Dictionary<string, GradeOptions> Grades { get; set; } = SeedStandardGrading.Grades();

    /// <summary>What happens when a customer has no value for an indicator.</summary>
    /// <value><see cref="MissingIndicatorPolicy.Reject"/>.</value>
    public MissingIndicatorPolicy MissingValues { get; set; } = MissingIndicatorPolicy.Reject;

    /// <summary>Whether and by whom a grade change must be approved before it takes effect (GRADE-5).</summary>
    /// <value>Required, by the sales director.</value>
    public GradeApprovalOptions Approval { get; set; } = new();
}

/// <summary>The closed range of indicator scores.</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class ScoreScaleOptions
{
    /// <summary>The lowest (worst) score.</summary>
    /// <value>1. Must be at least 1: a score of 0 means "missing" in the allocation-free batch API.</value>
    public int Minimum { get; set; } = 1;

    /// <summary>The highest (best) score.</summary>
    /// <value>5. At most 100.</value>
    public int Maximum { get; set; } = 5;
}

/// <summary>One weighted indicator of the value scoring model.</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class IndicatorOptions
{
    /// <summary>The indicator's name; also its column in CSV input and its key in JSON input.</summary>
    public string Name { get; set; } = "";

    /// <summary>The indicator's share of the total, greater than 0 and at most 1, with at most 6 decimal places.</summary>
    public decimal Weight { get; set; }

    /// <summary>An optional grouping shown in explanations (the seed standard uses <c>current</c> and <c>potential</c>).</summary>
    public string? Group { get; set; }

    /// <summary>
    /// Numeric bands that turn a raw value (an amount, a count, a margin) into a score. Lower bounds are inclusive,
    /// upper bounds exclusive; bands must be listed in ascending order and must not overlap or leave gaps.
    /// </summary>
    /// <value><see langword="null"/>: the indicator takes its score directly.</value>
    public List<ScoreBandOptions>? Bands { get; set; }

    /// <summary>A table from category labels to scores, e.g. <c>leader</c> 5, <c>regionalLeader</c> 3, <c>sme</c> 1.</summary>
    /// <value><see langword="null"/>: the indicator takes its score directly.</value>
    /// <remarks>Labels are matched ignoring case.</remarks>
    public Dictionary<string, int>? Categories { get; set; }
}

/// <summary>One numeric band of a banded indicator: raw values in [<see cref="Min"/>, <see cref="Max"/>) score <see cref="Score"/>.</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class ScoreBandOptions
{
    /// <summary>The inclusive lower bound, or <see langword="null"/> for no lower bound (first band only).</summary>
    public decimal? Min { get; set; }

    /// <summary>The exclusive upper bound, or <see langword="null"/> for no upper bound (last band only).</summary>
    public decimal? Max { get; set; }

    /// <summary>The score given to raw values in the band.</summary>
    public int Score { get; set; }
}

/// <summary>One grade: the lowest total that reaches it, a label, and how customers of the grade are treated.</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class GradeOptions
{
    /// <summary>A short description, e.g. <c>core</c>.</summary>
    public string? Label { get; set; }

    /// <summary>The lowest total (inclusive) that earns the grade; <see langword="null"/> for the lowest grade only.</summary>
    public decimal? MinimumTotal { get; set; }

    /// <summary>How customers of this grade are served (GRADE-4).</summary>
    public GradeTreatmentOptions Treatment { get; set; } = new();
}

/// <summary>How customers of a grade are served (GRADE-4).</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class GradeTreatmentOptions
{
    /// <summary>The longest time between two contacts, as an ISO-8601 period (calendar arithmetic, e.g. <c>P1M</c>).</summary>
    public NodaTime.Period? ContactInterval { get; set; }

    /// <summary>The contact channels, preferred first, e.g. <c>visit</c>, <c>deepTalk</c>.</summary>
    public List<string> Channels { get; set; } = [];

    /// <summary>The role that owns the relationship, e.g. <c>salesDirector</c>.</summary>
    public string OwnerRole { get; set; } = "";

    /// <summary>The service level, e.g. <c>dedicatedAdvisor</c>.</summary>
    public string ServiceLevel { get; set; } = "";

    /// <summary>The response-time target, as an ISO-8601 duration (e.g. <c>PT48H</c>).</summary>
    public NodaTime.Duration? ResponseTime { get; set; }

    /// <summary>
    /// The calendar the response time runs on: <c>24x7</c> for calendar time, or the name of a business calendar.
    /// </summary>
    public string ResponseCalendar { get; set; } = "24x7";
}

/// <summary>Whether a grade change must be approved before it takes effect (GRADE-5).</summary>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class GradeApprovalOptions
{
    /// <summary>Whether a proposed grade that differs from the approved grade waits for approval.</summary>
    /// <value><see langword="true"/>.</value>
    public bool Required { get; set; } = true;

    /// <summary>The role allowed to approve.</summary>
    /// <value><c>salesDirector</c>.</value>
    public string ApproverRole { get; set; } = "salesDirector";
}

/// <summary>What the grader does when an indicator has no value.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public enum MissingIndicatorPolicy
{
    /// <summary>The customer is not graded; the result names the missing indicators.</summary>
    [JsonStringEnumMemberName("reject")]
    Reject,

    /// <summary>
    /// The customer is graded on the indicators present, their weights scaled up to add up to 1; the result says so.
    /// </summary>
    [JsonStringEnumMemberName("renormalize")]
    Renormalize,
}
