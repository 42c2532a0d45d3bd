using NodaTime;

namespace Crm.Rules.Tests.Scoring;

public class GradeApprovalTests
{
    private static readonly GradeApprovalPolicy Policy = CrmRuleSet.SeedStandard.ValueGrading.Approval;
    private static readonly Instant Monday = Instant.FromUtc(2026, 11, 23, 9, 0);

    [Fact]
    public void Grade5_SeedStandard_RequiresTheSalesDirector()
        => Assert.Equal(new GradeApprovalPolicy(true, "salesDirector"), Policy);

    [Fact]
    public void Grade5_AProposedChangeIsPendingAndTheApprovedGradeStaysInEffect()
    {
        var approvedB = GradeAssignment.Unassigned with { ApprovedGrade = "B" };

        var proposed = approvedB.Propose("A", Monday, Policy);

        Assert.Equal(GradeAssignmentStatus.PendingApproval, proposed.Status);
        Assert.Equal("B", proposed.EffectiveGrade);
        Assert.Equal(("A", Monday), (proposed.ProposedGrade, proposed.ProposedAt!.Value));
    }

    [Fact]
    public void Grade5_ApprovalByTheDirectorPutsTheGradeInEffect()
    {
        var proposed = (GradeAssignment.Unassigned with { ApprovedGrade = "B" }).Propose("A", Monday, Policy);

        Assert.True(proposed.TryApprove("li.wei", "salesDirector", Monday.Plus(Duration.FromHours(2)), Policy, out var approved, out _));

        Assert.Equal((GradeAssignmentStatus.Approved, "A", "li.wei"), (approved.Status, approved.EffectiveGrade, approved.ApprovedBy));
        Assert.Null(approved.ProposedGrade);
    }

    [Fact]
    public void Grade5_AnotherRoleCannotApprove()
    {
        var proposed = GradeAssignment.Unassigned.Propose("A", Monday, Policy);

        Assert.False(proposed.TryApprove("zhang.san", "salesManager", Monday, Policy, out var unchanged, out var refusal));

        Assert.Equal("only the role 'salesDirector' may approve a grade change, not 'salesManager'", refusal);
        Assert.Same(proposed, unchanged);
        Assert.Null(unchanged.EffectiveGrade);
    }

    [Fact]
    public void Grade5_ProposingTheApprovedGradeLeavesNothingPending()
    {
        var pending = (GradeAssignment.Unassigned with { ApprovedGrade = "B" }).Propose("A", Monday, Policy);
        var back = pending.Propose("B", Monday, Policy);
        Assert.Equal(GradeAssignmentStatus.Approved, back.Status);
        Assert.False(back.TryApprove("x", "salesDirector", Monday, Policy, out _, out var refusal));
        Assert.Equal("no grade is pending approval", refusal);
    }

    [Fact]
    public void Grade5_ConfirmingTheApprovedGradeWithNothingPendingChangesNothing()
    {
        var approvedB = GradeAssignment.Unassigned with { ApprovedGrade = "B", ApprovedAt = Monday, ApprovedBy = "li.wei" };
        var confirmed = approvedB.Propose("B", Monday.Plus(Duration.FromDays(1)), Policy);
        Assert.Equal(approvedB, confirmed);
        Assert.Same(approvedB, confirmed);
    }

    [Fact]
    public void Grade5_WithoutRequiredApprovalAChangeTakesEffectAtOnce()
    {
        var policy = TestRules.FromJson("""{ "valueGrading": { "approval": { "required": false } } }""").ValueGrading.Approval;
        var assignment = GradeAssignment.Unassigned.Propose("C", Monday, policy);
        Assert.Equal(("C", GradeAssignmentStatus.Approved), (assignment.EffectiveGrade, assignment.Status));
    }

    [Fact]
    public void Grade5_RejectKeepsTheApprovedGrade()
    {
        var pending = (GradeAssignment.Unassigned with { ApprovedGrade = "B" }).Propose("C", Monday, Policy);
        var rejected = pending.Reject();
        Assert.Equal(("B", GradeAssignmentStatus.Approved), (rejected.EffectiveGrade, rejected.Status));
    }
}
