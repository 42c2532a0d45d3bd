using Crm.Rules.Lifecycle;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Rules.Tests.Lifecycle;

/// <summary>
/// The texts of a guard and of a transition check, written in one builder for speed, read exactly as the sentences
/// they have always been (the formulas below are the earlier implementation, kept as the reference).
/// </summary>
public class TransitionTextProperties
{
    private static string ReferenceGuard(GuardResult g) => g.State switch
    {
        GuardState.Passed => $"{g.Guard}: passed (is {g.Actual})",
        GuardState.Failed => $"{g.Guard}: failed (is {g.Actual})",
        GuardState.WrongKind => $"{g.Guard}: fact of the wrong kind (is {g.Actual}, {(g.Actual is "true" or "false" ? "a number is needed" : "true or false is needed")})",
        _ => $"{g.Guard}: fact missing",
    };

    private static string ReferenceCheck(TransitionCheck c)
    {
        var move = c.Kind == TransitionKind.Next ? $"{c.From} → {c.To}" : $"{c.From} → {c.To} [{LifecycleWords.Of(c.Kind)}]";
        return c.Passes ? $"{move}: open" : $"{move}: blocked by {string.Join("; ", c.Guards.Where(g => !g.Passed).Select(ReferenceGuard))}";
    }

    private static readonly Gen<GuardResult> Guards =
        from guard in Gen.Elements("leadScore ≥ 5", "renewalRefused", "not churned", "(amountChange ≤ -0.3 or renewalRefused)")
        from state in Gen.Elements(Enum.GetValues<GuardState>())
        from actual in Gen.Elements("true", "false", "-0.4", "6", "missing")
        select new GuardResult(guard, state, actual);

    private static readonly Gen<TransitionCheck> Checks =
        from stage in Gen.Elements("lead", "prospect", "maturity")
        from target in Gen.Elements("intent", "decline", "churned")
        from kind in Gen.Elements(Enum.GetValues<TransitionKind>())
        from guards in Guards.ArrayOf()
        select new TransitionCheck(stage, target, kind, guards);

    [Property(MaxTest = 300)]
    public Property GuardAndCheckTexts_AreTheSentencesTheyWere()
        => Prop.ForAll(Arb.From(Checks), check =>
            (check.ToString() == ReferenceCheck(check) && check.Guards.All(g => g.ToString() == ReferenceGuard(g)))
                .Label($"{check} vs {ReferenceCheck(check)}"));
}
