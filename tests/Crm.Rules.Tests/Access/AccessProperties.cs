using Crm.Rules.Access;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Rules.Tests.Access;

/// <summary>Invariants of access by role (DATA-4) over random records and viewers, against the plain definitions of the scopes.</summary>
public class AccessProperties
{
    private static readonly AccessRules Rules = TestRules.FreshSeed().Access;

    // Few names, so that owners and teams often match the viewer's.
    private static readonly string?[] People = ["u-1", "u-2", "m-1", "", null, "U-1"];
    private static readonly string?[] Teams = ["east", "west", "", null, "East"];

    private static Gen<(string? Owner, string? Team)> Records =>
        from owner in Gen.Elements(People)
        from team in Gen.Elements(Teams)
        select (owner, team);

    private static Gen<(string Id, string Team)> Viewers =>
        from id in Gen.Elements("u-1", "u-2", "m-1")
        from team in Gen.Elements("east", "west")
        select (id, team);

    [Property(MaxTest = PropertyRuns.MaxTest)]
    public Property Data4_ARoleOfAllCustomersAndAllFields_SeesExactlyWhatNoViewerSees()
        => Prop.ForAll(Arb.From(Records), Arb.From(Viewers), (r, v) =>
        {
            var decision = Rules.Decide(new Viewer("admin", v.Id), r.Owner, r.Team);
            return decision.IsVisible && decision.Fields == FieldAccess.All && decision.Reason == AccessReason.AllCustomers;
        });

    [Property(MaxTest = PropertyRuns.MaxTest)]
    public Property Data4_TheScopesFollowTheirPlainDefinitions()
        => Prop.ForAll(Arb.From(Records), Arb.From(Viewers), (r, v) =>
        {
            var own = !string.IsNullOrEmpty(r.Owner) && r.Owner == v.Id;
            var team = !string.IsNullOrEmpty(r.Team) && r.Team == v.Team;
            return Rules.MaySee(new Viewer("sales-rep", v.Id, v.Team), r.Owner, r.Team) == own
                && Rules.MaySee(new Viewer("manager", v.Id, v.Team), r.Owner, r.Team) == (own || team)
                && Rules.MaySee(new Viewer("engineer", v.Id), r.Owner, r.Team);
        });

    [Property(MaxTest = PropertyRuns.MaxTest)]
    public Property Data4_ARepSeesNoMoreThanTheManagerOfTheTeam_OfTheTeamsRecords()
        => Prop.ForAll(Arb.From(Records), Arb.From(Viewers), (r, v) =>
        {
            var rep = Rules.MaySee(new Viewer("sales-rep", v.Id, v.Team), r.Owner, v.Team);
            var manager = Rules.MaySee(new Viewer("manager", "m-9", v.Team), r.Owner, v.Team);
            var sameIdAsManager = Rules.MaySee(new Viewer("manager", v.Id, v.Team), r.Owner, r.Team);
            var sameIdAsRep = Rules.MaySee(new Viewer("sales-rep", v.Id, v.Team), r.Owner, r.Team);
            return (!rep || manager) && (!sameIdAsRep || sameIdAsManager);
        });

    [Property(MaxTest = PropertyRuns.MaxTest)]
    public Property Data4_ADecisionNeverRevealsContacts_ForARoleWithoutRevealContacts_NorForAHiddenRecord()
    {
        var roles = Gen.Elements(Rules.Roles.ToArray());
        return Prop.ForAll(Arb.From(Records), Arb.From(Viewers), Arb.From(roles), (r, v, role) =>
        {
            var decision = Rules.Decide(new Viewer(role.Name, v.Id, v.Team), r.Owner, r.Team);
            return (!decision.MayRevealContacts || (role.RevealContacts && decision.IsVisible))
                && (decision.IsVisible ? decision.Fields == role.Fields : decision.Fields == FieldAccess.None)
                && decision.Fingerprint == Rules.Fingerprint;
        });
    }

    [Property(MaxTest = PropertyRuns.MaxTest)]
    public Property Data4_TheSpanAndTextFormsDecideAlike()
    {
        var roles = Gen.Elements(Rules.Roles.ToArray());
        return Prop.ForAll(Arb.From(Records), Arb.From(Viewers), Arb.From(roles), (r, v, role) =>
        {
            var viewer = new Viewer(role.Name, v.Id, v.Team);
            var visible = Rules.MaySee(viewer, r.Owner, r.Team);
            return Rules.Decide(viewer, r.Owner, r.Team) == Rules.Decide(viewer, r.Owner.AsSpan(), r.Team.AsSpan())
                && Rules.Explain(viewer, r.Owner, r.Team).Contains(visible ? ": visible" : ": hidden", StringComparison.Ordinal);
        });
    }
}
