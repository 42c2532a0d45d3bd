using NodaTime;

namespace Crm.Rules.Scoring;

/// <summary>The grade approval policy (GRADE-5).</summary>
/// <param name="Required">Whether a grade change waits for approval.</param>
/// <param name="ApproverRole">The role allowed to approve.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record GradeApprovalPolicy(bool Required, string ApproverRole);

/// <summary>Where a customer's grade stands in the approval process.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public enum GradeAssignmentStatus
{
    /// <summary>No grade has been proposed or approved yet.</summary>
    Unassigned,

    /// <summary>The approved grade is in effect and nothing is pending.</summary>
    Approved,

    /// <summary>A proposed grade differs from the approved grade and waits for approval; the approved grade stays in effect.</summary>
    PendingApproval,
}

/// <summary>
/// A customer's grade under approval (GRADE-5): a grading result takes effect only after approval, so a proposed grade
/// that differs from the approved one is pending until the approver role approves it.
/// </summary>
/// <remarks>"Changing" an assignment returns a new one; the rules never read the clock, so every step takes its instant.</remarks>
/// <threadsafety>This type is an immutable record and is thread-safe.</threadsafety>
public sealed record GradeAssignment
{
    /// <summary>An assignment with no grade.</summary>
    public static GradeAssignment Unassigned { get; } = new();

    /// <summary>The grade in effect, or <see langword="null"/> when none has been approved.</summary>
    public string? ApprovedGrade { get; init; }

    /// <summary>The grade waiting for approval, or <see langword="null"/>.</summary>
    public string? ProposedGrade { get; init; }

    /// <summary>When the pending grade was proposed.</summary>
    public Instant? ProposedAt { get; init; }

    /// <summary>When the grade in effect was approved.</summary>
    public Instant? ApprovedAt { get; init; }

    /// <summary>Who approved the grade in effect.</summary>
    public string? ApprovedBy { get; init; }

    /// <summary>Where the grade stands.</summary>
    public GradeAssignmentStatus Status => ProposedGrade is not null
        ? GradeAssignmentStatus.PendingApproval
        : ApprovedGrade is null ? GradeAssignmentStatus.Unassigned : GradeAssignmentStatus.Approved;

    /// <summary>The grade that takes effect: the approved one, never a pending proposal.</summary>
    public string? EffectiveGrade => ApprovedGrade;

    /// <summary>Proposes the grade of a new grading result.</summary>
    /// <param name="grade">The grade the rules gave.</param>
    /// <param name="at">When it was proposed.</param>
    /// <param name="policy">The approval policy of the rule set.</param>
    /// <returns>
    /// The same grade: approved, nothing pending. A different grade: pending approval when the policy requires it,
    /// otherwise approved at once (by <c>policy</c>).
    /// </returns>
    public GradeAssignment Propose(string grade, Instant at, GradeApprovalPolicy policy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(grade);
        ArgumentNullException.ThrowIfNull(policy);
        if (string.Equals(grade, ApprovedGrade, StringComparison.Ordinal))
        {
            // Nothing pending already: this is the answer, not a copy of it (an assessment confirms most grades so).
            return ProposedGrade is null && ProposedAt is null ? this : this with { ProposedGrade = null, ProposedAt = null };
        }

        return policy.Required
            ? this with { ProposedGrade = grade, ProposedAt = at }
            : this with { ApprovedGrade = grade, ApprovedAt = at, ApprovedBy = "policy", ProposedGrade = null, ProposedAt = null };
    }

    /// <summary>Approves the pending grade.</summary>
    /// <param name="approver">Who approves (a user name).</param>
    /// <param name="approverRole">The approver's role; it must be the policy's approver role.</param>
    /// <param name="at">When.</param>
    /// <param name="policy">The approval policy.</param>
    /// <param name="approved">The approved assignment, when approval is allowed.</param>
    /// <param name="refusal">Why approval is refused, otherwise <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the pending grade is now in effect.</returns>
    public bool TryApprove(string approver, string approverRole, Instant at, GradeApprovalPolicy policy, out GradeAssignment approved, out string? refusal)
    {
        ArgumentNullException.ThrowIfNull(policy);
        approved = this;
        if (ProposedGrade is null)
        {
            refusal = "no grade is pending approval";
            return false;
        }

        if (!string.Equals(approverRole, policy.ApproverRole, StringComparison.Ordinal))
        {
            refusal = $"only the role '{policy.ApproverRole}' may approve a grade change, not '{approverRole}'";
            return false;
        }

        refusal = null;
        approved = this with { ApprovedGrade = ProposedGrade, ApprovedAt = at, ApprovedBy = approver, ProposedGrade = null, ProposedAt = null };
        return true;
    }

    /// <summary>Rejects the pending grade; the approved grade stays in effect.</summary>
    /// <returns>The assignment with nothing pending.</returns>
    public GradeAssignment Reject() => this with { ProposedGrade = null, ProposedAt = null };

    /// <summary>The assignment as text: <c>A (approved by salesDirector), B pending approval</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Status switch
    {
        GradeAssignmentStatus.Unassigned => "unassigned",
        GradeAssignmentStatus.PendingApproval => $"{ApprovedGrade ?? "no grade"} in effect, {ProposedGrade} pending approval",
        _ => $"{ApprovedGrade} (approved{(ApprovedBy is null ? "" : $" by {ApprovedBy}")})",
    };
}
