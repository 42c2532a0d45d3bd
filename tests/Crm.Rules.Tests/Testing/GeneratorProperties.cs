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
