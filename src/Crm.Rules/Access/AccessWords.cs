namespace Crm.Rules.Access;

/// <summary>Whose customers a role sees (DATA-4). The JSON word of each scope is given with it.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public enum AccessScope
{
    /// <summary><c>own</c>: the records whose owner is the viewer.</summary>
    Own,

    /// <summary><c>team</c>: the records of the viewer's team, and the records the viewer owns.</summary>
    Team,

    /// <summary><c>all</c>: every record, with or without an owner.</summary>
    All,
}

/// <summary>Which fields of a record a viewer sees (DATA-4), narrowest first. The JSON word of each class is given with it.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public enum FieldAccess
{
    /// <summary>No field: the record is hidden from the viewer. Never a configuration word; only a decision says it.</summary>
    None,

    /// <summary><c>usage</c>: only the configured usage fields (<see cref="AccessRules.UsageFields"/>).</summary>
    Usage,

    /// <summary><c>all</c>: every field.</summary>
    All,
}

/// <summary>Why a record is visible to a viewer or hidden from it (DATA-4).</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public enum AccessReason
{
    /// <summary>The role sees all customers: visible.</summary>
    AllCustomers,

    /// <summary>The viewer owns the record: visible.</summary>
    OwnCustomer,

    /// <summary>Someone else owns the record and the role sees only its own customers: hidden.</summary>
    OtherOwner,

    /// <summary>The record has no owner and the role sees only its own customers: hidden.</summary>
    NoOwner,

    /// <summary>The record belongs to the viewer's team: visible.</summary>
    SameTeam,

    /// <summary>The record belongs to another team and the viewer does not own it: hidden.</summary>
    OtherTeam,

    /// <summary>The record has no team and the viewer does not own it: hidden.</summary>
    NoTeam,
}

/// <summary>The JSON words of the access family's closed sets, in enum order; options name them, rules hold the enums.</summary>
internal static class AccessWords
{
    public static readonly string[] Scopes = ["own", "team", "all"];

    // FieldAccess.None is no word: a role that sees no field would see nothing, which is not a role.
    public static readonly string[] FieldClasses = ["usage", "all"];

    public static AccessScope ScopeOf(string word) => (AccessScope)Array.IndexOf(Scopes, word);

    public static FieldAccess FieldsOf(string word) => (FieldAccess)(Array.IndexOf(FieldClasses, word) + 1);

    // Checked, so an undefined enum value (a cast integer) is an argument error rather than an
    // IndexOutOfRangeException escaping from the array.
    public static string Of(AccessScope scope)
        => (uint)scope < (uint)Scopes.Length ? Scopes[(int)scope]
            : throw new ArgumentOutOfRangeException(nameof(scope), scope, "is not an access scope (own, team, all)");

    public static string Of(FieldAccess fields) => fields switch
    {
        FieldAccess.None => "none",
        FieldAccess.Usage or FieldAccess.All => FieldClasses[(int)fields - 1],
        _ => throw new ArgumentOutOfRangeException(nameof(fields), fields, "is not a field class (none, usage, all)"),
    };
}

/// <summary>
/// Text forms of the access family's closed sets: the words the configuration file uses for them, the one place they
/// are written (options name them, rules hold the enums, output prints the words).
/// </summary>
/// <threadsafety>This type is stateless and thread-safe.</threadsafety>
public static class AccessText
{
    /// <summary>The scope as written in files and output: <c>own</c>, <c>team</c>, <c>all</c>.</summary>
    /// <param name="scope">The scope.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scope"/> is not an <see cref="AccessScope"/>.</exception>
    public static string ToText(this AccessScope scope) => AccessWords.Of(scope);

    /// <summary>The field class as written in files and output: <c>usage</c>, <c>all</c> (and <c>none</c> for a hidden record).</summary>
    /// <param name="fields">The field class.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fields"/> is not a <see cref="FieldAccess"/>.</exception>
    public static string ToText(this FieldAccess fields) => AccessWords.Of(fields);
}
