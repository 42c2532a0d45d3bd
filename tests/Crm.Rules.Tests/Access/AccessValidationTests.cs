using Crm.Rules.Access;
using Crm.Rules.Configuration;
using Microsoft.Extensions.Configuration;

namespace Crm.Rules.Tests.Access;

/// <summary>The validation of the access options (DATA-4): every problem at once, each with its JSON path and exact sentence.</summary>
public class AccessValidationTests
{
    [Fact]
    public void Data4_TheSeedStandardIsValid()
        => Assert.Empty(TestRules.ProblemsOf("""{ "access": {} }"""));

    [Fact]
    public void Data4_NoRoles_IsRefused()
    {
        var options = new CrmRulesOptions();
        options.Access.Roles.Clear();
        Assert.Equal(["access.roles: must name at least one role"], CrmRulesValidation.Validate(options).Select(e => e.ToString()));
        options.Access.Roles = null!;
        Assert.Equal(["access.roles: must name at least one role"], CrmRulesValidation.Validate(options).Select(e => e.ToString()));
    }

    [Fact]
    public void Data4_UnknownWords_AndBadNames_AreAllReportedAtOnce()
        => Assert.Equal(
            [
                "access.roles[' lead ']: a role needs a name without spaces around it",
                "access.roles['a:b']: a role name must not contain ':'",
                "access.roles.clerk.sees: 'everyone' is not a scope (own, team, all)",
                "access.roles.clerk.fields: 'some' is not a field class (usage, all)",
                "access.roles.sales-rep.sees: 'Own' is not a scope (own, team, all)",
                "access.roles.sales-rep.fields: 'none' is not a field class (usage, all)",
                "access.ownerField: must name a field, without spaces around it",
                "access.teamField: must not be 'id': a record's id is not its owner or team",
            ],
            TestRules.ProblemsOf("""
                { "access": { "ownerField": " ", "teamField": "id", "roles": {
                    "clerk": { "sees": "everyone", "fields": "some" },
                    "sales-rep": { "sees": "Own", "fields": "none" },
                    " lead ": { "sees": "all", "fields": "all" },
                    "a:b": { "sees": "all", "fields": "all" } } } }
                """));

    [Fact]
    public void Data4_UsageFields_MustBeListed_WhenARoleSeesUsageOnly()
    {
        Assert.Equal(
            ["access.usageFields: must list at least one field: role engineer sees usage fields only"],
            TestRules.ProblemsOf("""{ "access": { "usageFields": [] } }"""));
        Assert.Equal(
            ["access.usageFields: must list at least one field: roles engineer, intern see usage fields only"],
            TestRules.ProblemsOf("""{ "access": { "usageFields": [], "roles": { "intern": {} } } }"""));
        Assert.Empty(TestRules.ProblemsOf("""{ "access": { "usageFields": [], "roles": { "engineer": { "fields": "all" } } } }"""));
    }

    [Fact]
    public void Data4_UsageFields_HaveNoBlankOrRepeatedNames()
        => Assert.Equal(
            ["access.usageFields[1]: must name a field", "access.usageFields[2]: 'id' is listed twice"],
            TestRules.ProblemsOf("""{ "access": { "usageFields": ["id", " ", "id"] } }"""));

    [Theory]
    [InlineData(" owner")]
    [InlineData("owner ")]
    public void Data4_OwnerAndTeamFields_HaveNoSpacesAroundThem(string name)
        => Assert.Equal(
            ["access.ownerField: must name a field, without spaces around it", "access.teamField: must name a field, without spaces around it"],
            TestRules.ProblemsOf($$"""{ "access": { "ownerField": "{{name}}", "teamField": " {{name}}" } }"""));

    [Fact]
    public void Data4_OwnerAndTeamFields_Differ()
        => Assert.Equal(
            ["access.teamField: must differ from ownerField ('owner')"],
            TestRules.ProblemsOf("""{ "access": { "teamField": "owner" } }"""));

    // From code a list may be null; with no role limited to usage fields that is valid and means "no usage fields".
    [Fact]
    public void Data4_UsageFieldsGivenAsNullFromCode_AreNone_WhenNoRoleNeedsThem()
    {
        var options = new CrmRulesOptions();
        options.Access.Roles["engineer"].Fields = "all";
        options.Access.UsageFields = null!;
        Assert.Empty(CrmRulesValidation.Validate(options));
        Assert.Empty(CrmRuleSet.Compile(options).Access.UsageFields);
    }

    [Fact]
    public void Data4_ARoleGivenAsNullFromCode_IsRequired()
    {
        var options = new CrmRulesOptions();
        options.Access.Roles["ghost"] = null!;
        Assert.Equal(["access.roles.ghost: is required; leave the role out to remove it"], CrmRulesValidation.Validate(options).Select(e => e.ToString()));
    }

    [Fact]
    public void Data4_TheShapeIsChecked_LikeEverySection()
        => Assert.Equal(
            [
                "access.roles.engineer.revealContacts: must be true or false, not the text \"yes\"",
                "access.roles.engineer.see: is not a known setting (known here: sees, fields, revealContacts); did you mean 'sees'?",
                "access.usageField: is not a known setting (known here: roles, usageFields, ownerField, teamField); did you mean 'usageFields'?",
            ],
            TestRules.ProblemsOf("""{ "access": { "usageField": [], "roles": { "engineer": { "see": "all", "revealContacts": "yes" } } } }""").Order(StringComparer.Ordinal));

    [Fact]
    public void Data4_AccessIsReadFromAConfigurationSection()
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CrmRules:access:roles:support:sees"] = "team",
            ["CrmRules:access:roles:support:revealContacts"] = "true",
        }).Build().GetSection("CrmRules");
        var options = CrmRulesJson.FromConfiguration(section);
        Assert.Empty(CrmRulesValidation.Validate(options));
        var rules = CrmRuleSet.Compile(options).Access;
        Assert.True(rules.TryGetRole("support", out var support));
        Assert.Equal(new AccessRole("support", AccessScope.Team, FieldAccess.Usage, true), support);
    }
}
