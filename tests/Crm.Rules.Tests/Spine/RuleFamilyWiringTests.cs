using System.Reflection;
using System.Text.Json.Nodes;
using Crm.Rules.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Rules.Tests.Spine;

/// <summary>
/// Adding a family must not mean edits in many shared files that fail silently when one is forgotten: the spine loops
/// over one list of families, and these tests fail when an options section is not wired everywhere.
/// </summary>
public class RuleFamilyWiringTests
{
    private static readonly PropertyInfo[] Sections = typeof(CrmRulesOptions).GetProperties()
        .Where(p => p.CanWrite && p.PropertyType.IsClass && p.PropertyType != typeof(string))
        .ToArray();

    public static TheoryData<string> SectionNames => new(Sections.Select(p => JsonName(p.Name)));

    [Fact]
    public void EveryOptionsSectionIsAFamily_AndEveryFamilyASection()
        => Assert.Equal(
            Sections.Select(p => (JsonName(p.Name), p.PropertyType)).Order(),
            RuleFamilies.All.Select(f => (f.Section, f.OptionsType)).Order());

    [Fact]
    public void ThePublicListOfSectionsIsTheFamilyList()
        => Assert.Equal(RuleFamilies.All.Select(f => f.Section), CrmRulesOptions.Sections);

    [Theory]
    [MemberData(nameof(SectionNames))]
    public void TheRuleSetCompilesTheFamily(string section)
    {
        var family = Family(section);
        var property = Assert.Single(typeof(CrmRuleSet).GetProperties(), p => p.PropertyType == family.RulesType);
        var rules = property.GetValue(CrmRuleSet.SeedStandard);
        Assert.NotNull(rules);
        Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, family.RulesType.GetProperty("Fingerprint")!.GetValue(rules));
    }

    [Theory]
    [MemberData(nameof(SectionNames))]
    public void BindingFromASectionTakesTheFamily(string section)
    {
        var property = Sections.Single(p => JsonName(p.Name) == section);
        var source = new CrmRulesOptions();
        var target = new CrmRulesOptions();
        var replacement = Activator.CreateInstance(property.PropertyType);
        property.SetValue(source, replacement);

        target.CopyFrom(source);

        Assert.Same(replacement, property.GetValue(target));
    }

    [Theory]
    [MemberData(nameof(SectionNames))]
    public void ValidationRequiresTheSection(string section)
    {
        var options = new CrmRulesOptions();
        Sections.Single(p => JsonName(p.Name) == section).SetValue(options, null);
        Assert.Contains($"{section}: is required", CrmRulesValidation.Validate(options).Select(e => e.ToString()));
    }

    [Theory]
    [MemberData(nameof(SectionNames))]
    public void TheRulesFileFormatKnowsTheSection(string section)
    {
        var json = JsonNode.Parse(CrmRulesJson.Serialize(CrmRulesOptions.SeedStandard()))!.AsObject();
        Assert.True(json.ContainsKey(section), $"{section} is not written to rules files");
        Assert.Empty(TestRules.ProblemsOf($$"""{ "{{section}}": {} }"""));
    }

    [Theory]
    [MemberData(nameof(SectionNames))]
    public void DependencyInjectionProvidesTheFamilysEvaluator_OnTheRuleSetInForce(string section)
    {
        var family = Family(section);
        using var provider = new ServiceCollection().AddCrmRules().BuildServiceProvider();
        var evaluator = provider.GetRequiredService(family.EvaluatorType);
        var ruleSet = provider.GetRequiredService<ICrmRuleSetProvider>().Current;
        var rules = family.EvaluatorType.GetProperty("Rules")!.GetValue(evaluator);
        Assert.Same(typeof(CrmRuleSet).GetProperties().Single(p => p.PropertyType == family.RulesType).GetValue(ruleSet), rules);
        Assert.Equal(family.RulesType.Namespace, family.EvaluatorType.Namespace);
    }

    private static RuleFamily Family(string section) => RuleFamilies.All.Single(f => f.Section == section);

    private static string JsonName(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
