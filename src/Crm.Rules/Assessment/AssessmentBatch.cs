using Crm.Rules.Cadence;
using Crm.Rules.Churn;
using Crm.Rules.Lifecycle;
using Crm.Rules.Scoring;
using Crm.Rules.Sla;
using NodaTime;

namespace Crm.Rules.Assessment;

/// <summary>
/// One customer's inputs to <see cref="AssessmentRules.AssessBatch"/>, pre-digested for the batch path: the grade
/// scores travel separately (row-major, as <see cref="ValueGradingRules.GradeBatch(ReadOnlySpan{byte}, Span{GradeOutcome})"/> takes them).
/// </summary>
/// <param name="GivenGrade">The rank of the customer's current (approved) grade, or -1 for none.</param>
/// <param name="Churn">The churn facts, or <see langword="null"/> for no churn section; their date and (unless set) value grade come from the assessment.</param>
/// <param name="LastContact">The last contact, or <see langword="null"/> for no cadence section.</param>
/// <param name="FirstDeal">The first deal, for the new-customer escort (CAD-3).</param>
/// <param name="LeadLabel">For a lead without a grade, the index of its lead label in <see cref="CadenceRules.LeadLabels"/>.</param>
/// <param name="Stage">The current stage of <see cref="AssessmentRules.Machine"/>, or <see langword="null"/> for no lifecycle section.</param>
/// <param name="StageFacts">The facts its guards read.</param>
/// <threadsafety>This type is an immutable value type and is thread-safe.</threadsafety>
public readonly record struct AssessmentFacts(int GivenGrade, ChurnFacts? Churn, LocalDate? LastContact, LocalDate? FirstDeal, int LeadLabel, string? Stage, StageFacts? StageFacts)
{
    /// <summary>The facts as text: which inputs are given.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
        => $"given grade rank {GivenGrade}; churn {(Churn is null ? "none" : "given")}; last contact {(LastContact is { } last ? NodaTime.Text.LocalDatePattern.Iso.Format(last) : "none")}; stage {Stage ?? "none"}";
}

/// <summary>One customer's decisions from <see cref="AssessmentRules.AssessBatch"/>: no explanation, nothing allocated.</summary>
/// <param name="Grade">The computed grade outcome.</param>
/// <param name="GradeInEffect">The rank of the grade the other sections used, or -1.</param>
/// <param name="Churn">The churn outcome (default when no churn facts were given).</param>
/// <param name="HasChurn">Whether <paramref name="Churn"/> was scored.</param>
/// <param name="NextDue">The next contact (default when no last contact was given).</param>
/// <param name="Response">The response-time policy of the grade in effect (SLA-1), or <see langword="null"/>.</param>
/// <param name="Proposed">The proposed stage, or <see langword="null"/> when no stage was given.</param>
/// <threadsafety>This type is an immutable value type and is thread-safe.</threadsafety>
public readonly record struct AssessmentOutcome(GradeOutcome Grade, int GradeInEffect, ChurnOutcome Churn, bool HasChurn, LocalDate NextDue, SlaPolicy? Response, string? Proposed)
{
    /// <summary>The outcome as text: the decisions.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
        => $"grade {Grade} (in effect rank {GradeInEffect}); churn {(HasChurn ? Churn.ToString() : "none")}; next due {NodaTime.Text.LocalDatePattern.Iso.Format(NextDue)}; response {Response?.Name ?? "none"}; proposed {Proposed ?? "none"}";
}
