using Crm.Rules.Access;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Rules.Tests.Access;

/// <summary>Access by role under the seed standard (DATA-4): every role, with records of its own, of others and of nobody.</summary>
public class AccessPolicyTests
{
    private static readonly AccessRules Rules = TestRules.FreshSeed().Access;

    private static readonly Viewer Rep = new("sales-rep", "u-7", "east");
    private static readonly Viewer Manager = new("manager", "m-1", "east");
    private static readonly Viewer Engineer = new("engineer", "e-3");
    private static readonly Viewer Admin = new("admin", "a-1");

    [Fact]
    public void Data4_TheSeedStandardHasFourRoles()
        => Assert.Equal(
            ["admin: all customers, all fields, may reveal contacts", "engineer: all customers, usage fields", "manager: team customers, all fields", "sales-rep: own customers, all fields"],
            Rules.Roles.Select(r => r.ToString()));

    [Fact]
    public void Data4_SalesRep_SeesOwnCustomers()
    {
        var decision = Rules.Decide(Rep, "u-7", "west");
        Assert.Equal(new AccessDecision(true, FieldAccess.All, false, AccessReason.OwnCustomer, Rules.Fingerprint), decision);
        Assert.Equal("sales-rep u-7 sees own customers; owner is u-7: visible, all fields", Rules.Explain(Rep, "u-7", "west"));
    }

    [Fact]
    public void Data4_SalesRep_DoesNotSeeAnotherRepsCustomer_EvenInTheSameTeam()
    {
        var decision = Rules.Decide(Rep, "u-9", "east");
        Assert.Equal(new AccessDecision(false, FieldAccess.None, false, AccessReason.OtherOwner, Rules.Fingerprint), decision);
        Assert.False(Rules.MaySee(Rep, "u-9", "east"));
        Assert.Equal("sales-rep u-7 sees own customers; owner is u-9: hidden", Rules.Explain(Rep, "u-9", "east"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Data4_SalesRep_DoesNotSeeACustomerWithoutOwner(string? owner)
    {
        Assert.Equal(AccessReason.NoOwner, Rules.Decide(Rep, owner, "east").Reason);
        Assert.False(Rules.MaySee(Rep, owner, "east"));
        Assert.Equal("sales-rep u-7 sees own customers; the record has no owner: hidden", Rules.Explain(Rep, owner, "east"));
    }

    [Fact]
    public void Data4_OwnersAreComparedExactly()
    {
        Assert.False(Rules.MaySee(Rep, "U-7", null));
        Assert.False(Rules.MaySee(Rep, "u-7 ", null));
    }

    [Fact]
    public void Data4_Manager_SeesTheTeamsCustomers()
    {
        Assert.Equal(new AccessDecision(true, FieldAccess.All, false, AccessReason.SameTeam, Rules.Fingerprint), Rules.Decide(Manager, "u-7", "east"));
        Assert.True(Rules.MaySee(Manager, null, "east"));
        Assert.Equal("manager m-1 sees team east's customers; team is east: visible, all fields", Rules.Explain(Manager, "u-7", "east"));
    }

    [Fact]
    public void Data4_Manager_DoesNotSeeAnotherTeamsCustomers_ButSeesOwnOnes()
    {
        Assert.Equal(AccessReason.OtherTeam, Rules.Decide(Manager, "u-9", "west").Reason);
        Assert.False(Rules.MaySee(Manager, "u-9", "West"));
        Assert.Equal("manager m-1 sees team east's customers; team is west, owner is u-9: hidden", Rules.Explain(Manager, "u-9", "west"));
        Assert.Equal(AccessReason.OwnCustomer, Rules.Decide(Manager, "m-1", "west").Reason);
    }

    [Fact]
    public void Data4_Manager_DoesNotSeeACustomerWithoutTeam_UnlessOwningIt()
    {
        Assert.Equal(new AccessDecision(false, FieldAccess.None, false, AccessReason.NoTeam, Rules.Fingerprint), Rules.Decide(Manager, "u-7", null));
        Assert.Equal("manager m-1 sees team east's customers; the record has no team, owner is nobody: hidden", Rules.Explain(Manager, null, ""));
        Assert.True(Rules.MaySee(Manager, "m-1", null));
    }

    [Fact]
    public void Data4_Manager_WithoutATeam_IsRefused_NeverNarrowedSilently()
    {
        var teamless = new Viewer("manager", "m-1");
        Assert.False(Rules.Accepts(teamless, out var problem));
        Assert.Equal("role 'manager' sees its team's customers: give the viewer's team (manager:m-1:TEAM)", problem);
        var e = Assert.Throws<CrmInputException>(() => Rules.Decide(teamless, "m-1", null));
        Assert.Equal("viewer: role 'manager' sees its team's customers: give the viewer's team (manager:m-1:TEAM)", e.Message);
    }

    [Fact]
    public void Data4_Engineer_SeesEveryCustomer_ButOnlyUsageFields()
    {
        foreach (var (owner, team) in new[] { ("u-7", "east"), (null, null), ("x", "west") })
        {
            Assert.Equal(new AccessDecision(true, FieldAccess.Usage, false, AccessReason.AllCustomers, Rules.Fingerprint), Rules.Decide(Engineer, owner, team));
        }

        Assert.Equal(["id", "lastUse", "loginBased", "behaviour"], Rules.UsageFields);
        Assert.True(Rules.MaySeeField(Engineer, "lastUse"));
        Assert.True(Rules.MaySeeField(Engineer, "id"));
        Assert.False(Rules.MaySeeField(Engineer, "historicalAmount"));
        Assert.False(Rules.MaySeeField(Engineer, "LastUse"));
        Assert.Equal("engineer e-3 sees all customers: visible, usage fields only (id, lastUse, loginBased, behaviour)", Rules.Explain(Engineer, null, null));
    }

    [Fact]
    public void Data4_Admin_SeesEverything_AndMayRevealContacts()
    {
        Assert.Equal(new AccessDecision(true, FieldAccess.All, true, AccessReason.AllCustomers, Rules.Fingerprint), Rules.Decide(Admin, null, null));
        Assert.True(Rules.MaySeeField(Admin, "phone"));
        Assert.Equal("visible (AllCustomers), all fields, contacts may be revealed", Rules.Decide(Admin, "u-1", "east").ToString());
    }

    [Fact]
    public void Data4_OnlyTheAdminMayRevealContacts()
        => Assert.Equal(["admin"], Rules.Roles.Where(r => Rules.Decide(new Viewer(r.Name, "x", "t"), "x", "t").MayRevealContacts).Select(r => r.Name));

    [Theory]
    [InlineData("boss")]
    [InlineData("Sales-rep")]
    public void Data4_AnUnknownRole_IsRefusedWithTheKnownRoles(string role)
    {
        var viewer = new Viewer(role, "u-7");
        var expected = $"'{role}' is not a known role (known: admin, engineer, manager, sales-rep)";
        Assert.False(Rules.Accepts(viewer, out var problem));
        Assert.Equal(expected, problem);
        Assert.Equal($"viewer: {expected}", Assert.Throws<CrmInputException>(() => Rules.Decide(viewer, "u-7", null)).Message);
        Assert.Throws<CrmInputException>(() => Rules.MaySeeField(viewer, "id"));
        Assert.Throws<CrmInputException>(() => Rules.Explain(viewer, null, null));
        Assert.False(Rules.TryGetRole(role, out _));
    }

    [Fact]
    public void Data4_TheDefaultViewer_HasNoRole()
    {
        Assert.False(Rules.Accepts(default, out var problem));
        Assert.Equal("a viewer needs a role (known: admin, engineer, manager, sales-rep)", problem);
    }

    [Theory]
    [InlineData("sales-rep:u-7", "sales-rep", "u-7", null)]
    [InlineData("manager:m-1:east", "manager", "m-1", "east")]
    [InlineData("engineer:張三@example.com", "engineer", "張三@example.com", null)]
    public void Data4_AViewerIsWrittenRoleIdAndOptionallyTeam(string text, string role, string id, string? team)
    {
        var viewer = Viewer.Parse(text);
        Assert.Equal(new Viewer(role, id, team), viewer);
        Assert.Equal(text, viewer.ToString());
    }

    [Theory]
    [InlineData(null, "a viewer is written role:id or role:id:team; got nothing")]
    [InlineData("", "a viewer is written role:id or role:id:team; got nothing")]
    [InlineData("sales-rep", "'sales-rep' is not role:id or role:id:team (1 part separated by ':')")]
    [InlineData("a:b:c:d", "'a:b:c:d' is not role:id or role:id:team (4 parts separated by ':')")]
    [InlineData(":u-7", "':u-7' has no role; a viewer is written role:id or role:id:team")]
    [InlineData("sales-rep:", "'sales-rep:' has no id; a viewer is written role:id or role:id:team")]
    [InlineData("manager:m-1:", "'manager:m-1:' has no team; a viewer is written role:id or role:id:team")]
    [InlineData("manager:m-1: ", "'manager:m-1: ' has no team; a viewer is written role:id or role:id:team")]
    [InlineData("sales-rep: u-7", "'sales-rep: u-7': the id ' u-7' has spaces around it")]
    public void Data4_BadViewerText_SaysWhatIsWrong(string? text, string problem)
    {
        Assert.False(Viewer.TryParse(text, out var viewer, out var reported));
        Assert.Equal(problem, reported);
        Assert.Equal(default, viewer);
        Assert.Equal(problem, Assert.Throws<FormatException>(() => Viewer.Parse(text)).Message);
    }

    [Theory]
    [InlineData(" ", "u-7", null, "role", "a viewer needs a role")]
    [InlineData("sales-rep", "", null, "id", "a viewer needs an id")]
    [InlineData("manager", "m-1", " ", "team", "a viewer's team must not be blank; give null for none")]
    public void Data4_AViewerBuiltInCode_NeedsARoleAnIdAndNoBlankTeam(string role, string id, string? team, string parameter, string problem)
    {
        var error = Assert.Throws<ArgumentException>(() => new Viewer(role, id, team));
        Assert.Equal(parameter, error.ParamName);
        Assert.StartsWith(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Data4_AFieldNameIsRequired_EvenForARoleThatSeesAllFields()
    {
        Assert.Throws<ArgumentNullException>(() => Rules.MaySeeField(Admin, null!));
        Assert.Throws<ArgumentNullException>(() => Rules.MaySeeField(Engineer, null!));
    }

    // A cast integer is not a scope or field class: the words say so instead of reading past their table.
    [Fact]
    public void Data4_AnUndefinedScopeOrFieldClassHasNoWord()
    {
        Assert.Equal(["own", "team", "all"], new[] { AccessScope.Own, AccessScope.Team, AccessScope.All }.Select(s => s.ToText()));
        Assert.Equal(["none", "usage", "all"], new[] { FieldAccess.None, FieldAccess.Usage, FieldAccess.All }.Select(f => f.ToText()));
        Assert.StartsWith("is not an access scope (own, team, all)", Assert.Throws<ArgumentOutOfRangeException>(() => ((AccessScope)3).ToText()).Message, StringComparison.Ordinal);
        Assert.StartsWith("is not a field class (none, usage, all)", Assert.Throws<ArgumentOutOfRangeException>(() => ((FieldAccess)3).ToText()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Data4_AViewerNeedsARoleAndAnId()
    {
        Assert.Throws<ArgumentException>(() => new Viewer(" ", "u-7"));
        Assert.Throws<ArgumentException>(() => new Viewer("sales-rep", ""));
        Assert.Throws<ArgumentException>(() => new Viewer("manager", "m-1", " "));
    }

    [Fact]
    public void Data4_RolesOwnerAndTeamFieldsAreConfiguration()
    {
        var rules = TestRules.FromJson("""
            { "access": { "ownerField": "accountOwner", "teamField": "region", "usageFields": ["id", "seats"],
              "roles": { "support": { "sees": "team", "fields": "usage" }, "sales-rep": null } } }
            """).Access;
        Assert.Equal(["admin", "engineer", "manager", "support"], rules.Roles.Select(r => r.Name));
        Assert.Equal(("accountOwner", "region"), (rules.OwnerField, rules.TeamField));
        var support = new Viewer("support", "s-1", "north");
        Assert.Equal(new AccessDecision(true, FieldAccess.Usage, false, AccessReason.SameTeam, rules.Fingerprint), rules.Decide(support, "u-7", "north"));
        Assert.True(rules.MaySeeField(support, "seats"));
        Assert.False(rules.MaySeeField(new Viewer("engineer", "e"), "lastUse"));
        Assert.False(rules.Accepts(new Viewer("sales-rep", "u-7"), out var problem));
        Assert.Equal("'sales-rep' is not a known role (known: admin, engineer, manager, support)", problem);
    }

    [Fact]
    public void Data4_ARoleEntryLeavingSettingsOut_GetsTheNarrowestOnes()
    {
        var rules = TestRules.FromJson("""{ "access": { "roles": { "intern": {} } } }""").Access;
        Assert.True(rules.TryGetRole("intern", out var intern));
        Assert.Equal(new AccessRole("intern", AccessScope.Own, FieldAccess.Usage, false), intern);
    }

    [Fact]
    public void Data4_ChangingARole_ChangesTheFingerprint()
    {
        var seed = TestRules.FreshSeed();
        var changed = TestRules.FromJson("""{ "access": { "roles": { "engineer": { "fields": "all" } } } }""");
        Assert.NotEqual(seed.Fingerprint, changed.Fingerprint);
        Assert.Equal(changed.Fingerprint, changed.Access.Decide(Engineer, null, null).Fingerprint);
        Assert.Equal(FieldAccess.All, changed.Access.Decide(Engineer, null, null).Fields);
        Assert.Equal(seed.Fingerprint, TestRules.FromJson("""{ "access": { "roles": { "engineer": { "fields": "usage" } } } }""").Fingerprint);
    }

    [Fact]
    public void Data4_TheWordsOfTheClosedSets()
    {
        Assert.Equal(["own", "team", "all"], Enum.GetValues<AccessScope>().Select(s => s.ToText()));
        Assert.Equal(["none", "usage", "all"], Enum.GetValues<FieldAccess>().Select(f => f.ToText()));
        Assert.Throws<ArgumentOutOfRangeException>(() => ((AccessScope)7).ToText());
        Assert.Throws<ArgumentOutOfRangeException>(() => ((FieldAccess)(-1)).ToText());
    }

    [Fact]
    public void Data4_TheDecisionIsAllocationFree()
    {
        var warm = Rules.Decide(Manager, "u-7", "east");
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            warm = Rules.Decide(i % 2 == 0 ? Manager : Rep, "u-7", i % 3 == 0 ? "east" : "west");
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(warm.IsVisible);
    }

    [Fact]
    public void Data4_DependencyInjectionProvidesThePolicy_OnTheRuleSetInForce()
    {
        using var provider = new ServiceCollection().AddCrmRules(o => o.Access.Roles["engineer"].Fields = "all").BuildServiceProvider();
        var policy = provider.GetRequiredService<IAccessPolicy>();
        Assert.Same(provider.GetRequiredService<ICrmRuleSetProvider>().Current.Access, policy.Rules);
        Assert.True(policy.MaySeeField(Engineer, "historicalAmount"));
        Assert.True(policy.Accepts(Engineer, out _));
        Assert.True(policy.MaySee(Engineer, null, null));
        Assert.Equal(FieldAccess.All, policy.Decide(Engineer, null, null).Fields);
        Assert.Equal("engineer e-3 sees all customers: visible, all fields", policy.Explain(Engineer, null, null));
    }

    [Fact]
    public void Data4_DecisionsAndExplanationsReadAsText()
    {
        Assert.Equal("visible (AllCustomers), all fields, contacts may be revealed", Rules.Decide(Admin, null, null).ToString());
        Assert.Equal("visible (OwnCustomer), all fields", Rules.Decide(Rep, "u-7", "east").ToString());
        Assert.Equal("hidden (OtherOwner)", Rules.Decide(Rep, "u-9", "east").ToString());
        Assert.Equal("manager m-1 sees team east's customers; team is west, owner is nobody: hidden", Rules.Explain(Manager, null, "west"));
        Assert.Equal("manager m-1 sees team east's customers; the record has no team, owner is u-9: hidden", Rules.Explain(Manager, "u-9", null));
    }
}
