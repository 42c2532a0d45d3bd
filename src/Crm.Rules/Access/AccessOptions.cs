namespace Crm.Rules.Access;

/// <summary>Settings of access by role (RULES.md DATA-4): which customers and which fields each role may see.</summary>
/// <remarks>
/// Roles are configuration: a host names its own roles and says of each whose customers it sees (<c>own</c>,
/// <c>team</c>, <c>all</c>), which fields (<c>all</c>, or <c>usage</c>: only <see cref="UsageFields"/>) and whether it
/// may reveal contact details. A record names its owner and team in the columns <see cref="OwnerField"/> and
/// <see cref="TeamField"/>. Names, ids and teams are compared exactly (ordinal, case-sensitive). See <c>docs/access.md</c>.
/// </remarks>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class AccessOptions
{
    /// <summary>The roles, by name (exact, case-sensitive).</summary>
    /// <value>
    /// <c>sales-rep</c> (own customers, all fields), <c>manager</c> (the team's customers, all fields), <c>engineer</c>
    /// (all customers, usage fields only) and <c>admin</c> (all customers, all fields, may reveal contact details).
    /// </value>
    public Dictionary<string, AccessRoleOptions> Roles { get; set; } = SeedStandardAccess.Roles();

    /// <summary>The fields a role with <c>fields: usage</c> may see (DATA-4: engineers see usage data only).</summary>
    /// <value>id, lastUse, loginBased, behaviour: the record's id and the usage columns of the churn input.</value>
    public List<string> UsageFields { get; set; } = SeedStandardAccess.UsageFields();

    /// <summary>The field of a record that holds its owner's id (the sales rep it belongs to).</summary>
    /// <value><c>owner</c>.</value>
    public string OwnerField { get; set; } = "owner";

    /// <summary>The field of a record that holds its owner's team.</summary>
    /// <value><c>team</c>.</value>
    public string TeamField { get; set; } = "team";
}

/// <summary>What one role may see.</summary>
/// <remarks>An entry that leaves a setting out gets the narrowest one: own customers, usage fields, contacts masked.</remarks>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class AccessRoleOptions
{
    /// <summary>Whose customers the role sees: <c>own</c> (records it owns), <c>team</c> (its team's records and its own) or <c>all</c>.</summary>
    /// <value><c>own</c>.</value>
    public string Sees { get; set; } = "own";

    /// <summary>Which fields of a visible record the role sees: <c>all</c>, or <c>usage</c> (only <see cref="AccessOptions.UsageFields"/>).</summary>
    /// <value><c>usage</c>.</value>
    public string Fields { get; set; } = "usage";

    /// <summary>Whether the role may see contact details (DATA-3) unmasked; a host still reveals them only when asked to (<c>--reveal</c>).</summary>
    /// <value><see langword="false"/>.</value>
    public bool RevealContacts { get; set; }
}

/// <summary>The seed standard's roles (RULES.md DATA-4, seeds 001 and 003), in one place.</summary>
internal static class SeedStandardAccess
{
    public static Dictionary<string, AccessRoleOptions> Roles() => new(StringComparer.Ordinal)
    {
        // 003: a sales rep sees only own customers, a manager the team's.
        ["sales-rep"] = new() { Sees = "own", Fields = "all" },
        ["manager"] = new() { Sees = "team", Fields = "all" },
        // 001: engineers see usage data only — of every customer, since usage is what they support.
        ["engineer"] = new() { Sees = "all", Fields = "usage" },
        // Not in the seeds: someone must administer the data, and is the one role that may reveal contact details.
        ["admin"] = new() { Sees = "all", Fields = "all", RevealContacts = true },
    };

    // The id, and the usage columns the data commands read (churn: lastUse, loginBased, and the behaviour score that
    // summarises them).
    public static List<string> UsageFields() => ["id", "lastUse", "loginBased", "behaviour"];
}
