using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Rules.Tests.Testing;

/// <summary>Every configuration the package's generators make, and every shrink of one, is one the library accepts.</summary>
[Properties(MaxTest = 200)]
public class GeneratorProperties
{
    [Property]
    public Property GradingModels_Compile()
        => Prop.ForAll(CrmGen.GradingModels(), m => CrmRuleSet.Compile(m.Options()) is not null
            && m.Smaller().Take(3).All(s => CrmRuleSet.Compile(s.Options()) is not null));

    [Property]
    public Property Calendars_Compile()
        => Prop.ForAll(CrmGen.Calendars(), c => c.Build() is not null && c.Smaller().Take(2).All(s => s.Build() is not null));

    [Property]
    public Property CadenceCases_PlanOnTheSeed()
        => Prop.ForAll(CrmGen.CadenceCases(CrmRuleSet.SeedStandard), c => CrmRuleSet.SeedStandard.Cadence.Plan(c.Customer(), c.AsOf) is not null);

    [Property]
    public Property ChurnCases_ScoreOnTheSeed()
        => Prop.ForAll(CrmGen.ChurnCases(), c => CrmRuleSet.SeedStandard.Churn.Score(c.Facts(new NodaTime.LocalDate(2026, 1, 1))).Total is >= 3 and <= 15);
}

/// <summary>The family configuration generators compile, and the checks meant to hold on any valid configuration hold on them.</summary>
[Properties(MaxTest = 100)]
public class FamilyGeneratorProperties
{
    [Property]
    public Property ChurnModels_Compile_AndTheirBandsNeverDisagreeWithTheirThresholds()
        => Prop.ForAll(CrmGen.ChurnModels(), m =>
        {
            var result = RuleChecks.ChurnBandsPartitionTotals(CrmRuleSet.Compile(m.Options()));

            // A random configuration may leave a band unreachable (that is what the check is for); it never misplaces a total.
            return (result.Holds || result.CounterExample!.Contains("is reached by no total", StringComparison.Ordinal))
                && m.Smaller().Take(3).All(s => CrmRuleSet.Compile(s.Options()) is not null);
        });

    [Property(MaxTest = 20)]
    public Property SlaConfigurations_Compile_AndTheirDeadlinesAreMonotone()
        => Prop.ForAll(CrmGen.SlaConfigurations(), c =>
        {
            // Policies with a business-time target only. A working-days policy ("the same local time on the Nth
            // working day") is NOT monotone on every calendar: on a calendar whose working windows are short and odd
            // (01:28-04:14), a start 189 minutes later moved the seed's demand-feedback deadline from 2025-10-18T00:51Z
            // back to 2025-10-16T08:14Z. Found by this package's check; reported in issue 12's closing note, not yet
            // decided (docs/testing-rules.md, "Known").
            var rules = CrmRuleSet.Compile(c.SeedWithBusinessCalendar());
            var result = RuleChecks.SlaDeadlinesAreMonotone(
                [.. rules.Sla.Policies.Where(p => p.WorkingDays is null)],
                (policy, start) => rules.Sla.Evaluate(Crm.Rules.Sla.SlaClock.Start(policy, start), start).Deadline,
                maxTest: 30);
            return result.Holds.Label(result.ToString());
        });

    [Property]
    public Property GradingModels_AreMonotoneAndPartitionTheirTotals()
        => Prop.ForAll(CrmGen.GradingModels(), m =>
        {
            var rules = CrmRuleSet.Compile(m.Options());
            var monotone = RuleChecks.GradingIsMonotone(rules, maxTest: 30);
            return monotone.Holds.Label(monotone.ToString());
        });
}
