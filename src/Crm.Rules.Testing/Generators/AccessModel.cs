using Crm.Rules.Access;
using FsCheck;
using FsCheck.Fluent;

namespace Crm.Rules.Testing;

/// <summary>
/// The draws behind a random valid access configuration (DATA-4): roles named after the seed's and a few more, each with
/// its scope, field class and whether it may reveal contact details; the usage fields; the owner and team columns.
/// </summary>
/// <param name="Roles">Per role (one to five; the i-th named <see cref="RoleNames"/>[i]): scope (0 own, 1 team, 2 all) × 4 + fields (0 usage, 1 all) × 2 + reveal (0, 1).</param>
/// <param name="UsageFields">The usage fields as bits over <c>id, lastUse, loginBased, behaviour, usage</c>; none set means <c>id</c>.</param>
/// <param name="Columns">The owner and team columns: 0 <c>owner</c>/<c>team</c>, 1 <c>salesRep</c>/<c>region</c>.</param>
/// <threadsafety>This type is immutable and thread-safe as long as nobody changes <see cref="Roles"/>; <see cref="Options"/> builds new options every call.</threadsafety>
public sealed record AccessModel(int[] Roles, int UsageFields, int Columns)
{
    /// <summary>The role names, in the order roles are drawn.</summary>
    public static IReadOnlyList<string> RoleNames { get; } = ["sales-rep", "manager", "engineer", "admin", "auditor"];

    private static readonly string[] Usage = ["id", "lastUse", "loginBased", "behaviour", "usage"];

    /// <summary>Random models.</summary>
    /// <value>A generator without shrinking; <see cref="CrmGen.AccessModels"/> adds <see cref="Smaller"/>.</value>
    public static Gen<AccessModel> Generator =>
        from count in Gen.Choose(1, RoleNames.Count)
        from roles in Gen.Choose(0, 11).ArrayOf(count)
        from usage in Gen.Choose(0, (1 << Usage.Length) - 1)
        from columns in Gen.Choose(0, 1)
        select new AccessModel(roles, usage, columns);

    /// <summary>Fewer roles, narrower roles, fewer usage fields, the seed's columns.</summary>
    /// <returns>Valid models, simplest first.</returns>
    public IEnumerable<AccessModel> Smaller() =>
        Shrink.Array(Roles, r => Shrink.Towards(r, 0), minimumLength: 1).Select(r => this with { Roles = r })
            .Concat(Enumerable.Range(0, Usage.Length).Select(b => 1 << b).Where(b => (UsageFields & b) != 0).Select(b => this with { UsageFields = UsageFields & ~b }))
            .Concat(Shrink.Towards(Columns, 0).Select(c => this with { Columns = c }));

    /// <summary>Builds fresh options: the seed standard with these roles.</summary>
    /// <returns>New options that <see cref="CrmRuleSet.Compile"/> accepts.</returns>
    public CrmRulesOptions Options()
    {
        var options = new CrmRulesOptions();
        options.Access.Roles = Roles.Select((r, i) => (r, i)).ToDictionary(x => RoleNames[x.i], x => Role(x.r), StringComparer.Ordinal);
        options.Access.UsageFields = Usage.Where((_, i) => (UsageFields & (1 << i)) != 0).DefaultIfEmpty("id").ToList();
        options.Access.OwnerField = Columns == 0 ? "owner" : "salesRep";
        options.Access.TeamField = Columns == 0 ? "team" : "region";
        return options;
    }

    /// <summary>What a failure report needs to rebuild the configuration by hand.</summary>
    /// <returns>One line.</returns>
    public override string ToString()
    {
        var access = Options().Access;
        return $"access(roles [{string.Join(", ", access.Roles.Select(r => $"{r.Key} sees {r.Value.Sees}, {r.Value.Fields} fields{(r.Value.RevealContacts ? ", reveals" : "")}"))}], " +
            $"usage [{string.Join(", ", access.UsageFields)}], columns {access.OwnerField}/{access.TeamField})";
    }

    private static AccessRoleOptions Role(int draw) => new()
    {
        Sees = AccessScopes[Math.Min(2, draw / 4)],
        Fields = (draw / 2) % 2 == 0 ? "usage" : "all",
        RevealContacts = draw % 2 == 1,
    };

    private static readonly string[] AccessScopes = ["own", "team", "all"];
}

/// <summary>
/// A viewer and a record: the viewer's role (an index modulo a rule set's roles), id and team, and the record's owner and
/// team, each drawn from a few values so that they often match.
/// </summary>
/// <param name="Role">The role's index.</param>
/// <param name="Viewer">The viewer's id: <c>u-1</c> to <c>u-3</c>.</param>
/// <param name="ViewerTeam">The viewer's team: -1 none, 0 <c>east</c>, 1 <c>west</c>.</param>
/// <param name="Owner">The record's owner: -1 none, 0 blank, 1 to 3 <c>u-1</c> to <c>u-3</c>.</param>
/// <param name="Team">The record's team: -1 none, 0 <c>east</c>, 1 <c>west</c>.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record AccessCase(int Role, int Viewer, int ViewerTeam, int Owner, int Team)
{
    private static readonly string[] Teams = ["east", "west"];

    /// <summary>Random viewers and records.</summary>
    /// <value>A generator without shrinking; <see cref="CrmGen.AccessCases"/> adds <see cref="Smaller"/>.</value>
    public static Gen<AccessCase> Generator =>
        from role in Gen.Choose(0, 9)
        from viewer in Gen.Choose(1, 3)
        from viewerTeam in Gen.Choose(-1, 1)
        from owner in Gen.Choose(-1, 3)
        from team in Gen.Choose(-1, 1)
        select new AccessCase(role, viewer, viewerTeam, owner, team);

    /// <summary>The first role, the first viewer, no teams, no owner.</summary>
    /// <returns>Simpler cases, simplest first.</returns>
    public IEnumerable<AccessCase> Smaller() =>
        Shrink.Towards(Role, 0).Select(r => this with { Role = r })
            .Concat(Shrink.Towards(Viewer, 1).Select(v => this with { Viewer = v }))
            .Concat(Shrink.Towards(ViewerTeam, -1).Select(t => this with { ViewerTeam = t }))
            .Concat(Shrink.Towards(Owner, -1).Select(o => this with { Owner = o }))
            .Concat(Shrink.Towards(Team, -1).Select(t => this with { Team = t }));

    /// <summary>The viewer, with a role of <paramref name="rules"/> (and the team <c>east</c> when the role sees its team's customers and no team was drawn).</summary>
    /// <param name="rules">The access rules.</param>
    /// <returns>The viewer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    public Viewer ViewerOf(AccessRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var role = rules.Roles[Role % rules.Roles.Count];

        // A role that sees its team's customers needs the viewer's team (Accepts refuses a viewer without one): east.
        var team = ViewerTeam < 0 ? role.Scope == AccessScope.Team ? 0 : -1 : ViewerTeam;
        return new Viewer(role.Name, $"u-{Viewer}", team < 0 ? null : Teams[team]);
    }

    /// <summary>The record's owner.</summary>
    /// <value><see langword="null"/>, blank, or <c>u-1</c> to <c>u-3</c>.</value>
    public string? RecordOwner => Owner switch { < 0 => null, 0 => " ", var o => $"u-{o}" };

    /// <summary>The record's team.</summary>
    /// <value><see langword="null"/>, <c>east</c> or <c>west</c>.</value>
    public string? RecordTeam => Team < 0 ? null : Teams[Team];

    /// <summary>The case, readably.</summary>
    /// <returns>One line.</returns>
    public override string ToString() =>
        $"role #{Role}, viewer u-{Viewer}{(ViewerTeam < 0 ? "" : $":{Teams[ViewerTeam]}")}, record owner {RecordOwner ?? "none"}, team {RecordTeam ?? "none"}";
}
