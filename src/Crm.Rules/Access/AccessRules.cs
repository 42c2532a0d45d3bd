using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Crm.Rules.Access;

/// <summary>The compiled access rules (DATA-4): which records and which fields each role's viewers may see.</summary>
/// <remarks>
/// A record names its owner and team in <see cref="OwnerField"/> and <see cref="TeamField"/>; no value (or an empty
/// one) means none. Roles, ids and teams are compared exactly (ordinal). A role that sees its own customers sees the
/// records the viewer owns — a record without an owner is nobody's, so it is hidden; a role that sees its team's
/// customers sees the records of the viewer's team and the records the viewer owns; a role that sees all customers
/// sees every record, with or without an owner.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class AccessRules
{
    private readonly FrozenDictionary<string, AccessRole> _roles;
    private readonly FrozenSet<string> _usageFields;
    private readonly string _knownRoles;

    internal AccessRules(AccessOptions options, string fingerprint)
    {
        Fingerprint = fingerprint;
        Roles = options.Roles
            .Select(r => new AccessRole(r.Key, AccessWords.ScopeOf(r.Value.Sees), AccessWords.FieldsOf(r.Value.Fields), r.Value.RevealContacts))
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ToArray();
        _roles = Roles.ToFrozenDictionary(r => r.Name, StringComparer.Ordinal);
        _knownRoles = string.Join(", ", Roles.Select(r => r.Name));
        UsageFields = [.. options.UsageFields ?? []];
        _usageFields = UsageFields.ToFrozenSet(StringComparer.Ordinal);
        OwnerField = options.OwnerField;
        TeamField = options.TeamField;
    }

    /// <summary>The fingerprint of the rule set these rules belong to.</summary>
    public string Fingerprint { get; }

    /// <summary>The roles, by name in ordinal order.</summary>
    public IReadOnlyList<AccessRole> Roles { get; }

    /// <summary>The fields a role with <see cref="FieldAccess.Usage"/> sees.</summary>
    public IReadOnlyList<string> UsageFields { get; }

    /// <summary>The field of a record that holds its owner's id.</summary>
    public string OwnerField { get; }

    /// <summary>The field of a record that holds its owner's team.</summary>
    public string TeamField { get; }

    /// <summary>The role of a name.</summary>
    /// <param name="name">The role's name (exact).</param>
    /// <param name="role">The role, when there is one.</param>
    /// <returns>Whether the name is a configured role.</returns>
    public bool TryGetRole(string? name, [NotNullWhen(true)] out AccessRole? role)
    {
        role = null;
        return name is not null && _roles.TryGetValue(name, out role);
    }

    /// <summary>Whether these rules can decide for <paramref name="viewer"/>: its role is configured, and a team-scope role's viewer names a team.</summary>
    /// <param name="viewer">The viewer.</param>
    /// <param name="problem">Why not, e.g. <c>'boss' is not a known role (known: admin, engineer, manager, sales-rep)</c>; otherwise <see langword="null"/>.</param>
    /// <returns>Whether <see cref="Decide(Viewer, string?, string?)"/> accepts the viewer.</returns>
    public bool Accepts(Viewer viewer, [NotNullWhen(false)] out string? problem)
    {
        problem = Problem(viewer, out _);
        return problem is null;
    }

    /// <summary>What <paramref name="viewer"/> may see of a record owned by <paramref name="owner"/> in <paramref name="team"/>.</summary>
    /// <param name="viewer">The viewer.</param>
    /// <param name="owner">The record's owner, or <see langword="null"/> (or empty) for none.</param>
    /// <param name="team">The record's team, or <see langword="null"/> (or empty) for none.</param>
    /// <returns>The decision; allocation-free.</returns>
    /// <exception cref="CrmInputException">The viewer's role is not configured, or a team-scope viewer names no team (see <see cref="Accepts"/>).</exception>
    public AccessDecision Decide(Viewer viewer, string? owner, string? team) => Decide(viewer, owner.AsSpan(), team.AsSpan());

    /// <summary>As <see cref="Decide(Viewer, string?, string?)"/>, for an owner and team read as text from a record (empty for none).</summary>
    /// <param name="viewer">The viewer.</param>
    /// <param name="owner">The record's owner; empty for none.</param>
    /// <param name="team">The record's team; empty for none.</param>
    /// <returns>The decision; allocation-free.</returns>
    /// <exception cref="CrmInputException">The viewer's role is not configured, or a team-scope viewer names no team.</exception>
    public AccessDecision Decide(Viewer viewer, ReadOnlySpan<char> owner, ReadOnlySpan<char> team)
    {
        var role = Role(viewer);
        var reason = ReasonOf(role.Scope, viewer, owner, team);
        var visible = reason is AccessReason.AllCustomers or AccessReason.OwnCustomer or AccessReason.SameTeam;
        return visible
            ? new AccessDecision(true, role.Fields, role.RevealContacts, reason, Fingerprint)
            : new AccessDecision(false, FieldAccess.None, false, reason, Fingerprint);
    }

    /// <summary>Whether <paramref name="viewer"/> may see a record owned by <paramref name="owner"/> in <paramref name="team"/>.</summary>
    /// <param name="viewer">The viewer.</param>
    /// <param name="owner">The record's owner, or <see langword="null"/> for none.</param>
    /// <param name="team">The record's team, or <see langword="null"/> for none.</param>
    /// <returns><see cref="AccessDecision.IsVisible"/> of the decision.</returns>
    /// <exception cref="CrmInputException">The viewer's role is not configured, or a team-scope viewer names no team.</exception>
    public bool MaySee(Viewer viewer, string? owner, string? team) => Decide(viewer, owner, team).IsVisible;

    /// <summary>Whether <paramref name="viewer"/> may see a field of the records it may see: every field for a role with all fields, the usage fields otherwise.</summary>
    /// <param name="viewer">The viewer.</param>
    /// <param name="field">The field's name (exact).</param>
    /// <returns>Whether the field is visible.</returns>
    /// <exception cref="CrmInputException">The viewer's role is not configured, or a team-scope viewer names no team.</exception>
    public bool MaySeeField(Viewer viewer, string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return Role(viewer).Fields == FieldAccess.All || _usageFields.Contains(field);
    }

    /// <summary>Why <paramref name="viewer"/> may or may not see a record, as a sentence: <c>sales-rep u-7 sees own customers; owner is u-9: hidden</c>.</summary>
    /// <param name="viewer">The viewer.</param>
    /// <param name="owner">The record's owner, or <see langword="null"/> for none.</param>
    /// <param name="team">The record's team, or <see langword="null"/> for none.</param>
    /// <returns>The explanation.</returns>
    /// <exception cref="CrmInputException">The viewer's role is not configured, or a team-scope viewer names no team.</exception>
    public string Explain(Viewer viewer, string? owner, string? team)
    {
        var decision = Decide(viewer, owner, team);
        var role = Role(viewer);
        var who = $"{role.Name} {viewer.Id}";
        var rule = role.Scope switch
        {
            AccessScope.All => $"{who} sees all customers",
            AccessScope.Team => $"{who} sees team {viewer.Team}'s customers",
            _ => $"{who} sees own customers",
        };
        var fact = decision.Reason switch
        {
            AccessReason.AllCustomers => "",
            AccessReason.OwnCustomer => $"; owner is {owner}",
            AccessReason.OtherOwner => $"; owner is {owner}",
            AccessReason.NoOwner => "; the record has no owner",
            AccessReason.SameTeam => $"; team is {team}",
            AccessReason.OtherTeam => $"; team is {team}, owner is {(string.IsNullOrEmpty(owner) ? "nobody" : owner)}",
            _ => $"; the record has no team, owner is {(string.IsNullOrEmpty(owner) ? "nobody" : owner)}",
        };
        var fields = decision.Fields == FieldAccess.Usage ? $", usage fields only ({string.Join(", ", UsageFields)})" : decision.IsVisible ? ", all fields" : "";
        return $"{rule}{fact}: {(decision.IsVisible ? "visible" : "hidden")}{fields}";
    }

    private static AccessReason ReasonOf(AccessScope scope, Viewer viewer, ReadOnlySpan<char> owner, ReadOnlySpan<char> team)
    {
        if (scope == AccessScope.All)
        {
            return AccessReason.AllCustomers;
        }

        if (owner.Length > 0 && owner.SequenceEqual(viewer.Id))
        {
            return AccessReason.OwnCustomer;
        }

        if (scope == AccessScope.Own)
        {
            return owner.Length == 0 ? AccessReason.NoOwner : AccessReason.OtherOwner;
        }

        return team.Length == 0 ? AccessReason.NoTeam
            : team.SequenceEqual(viewer.Team) ? AccessReason.SameTeam
            : AccessReason.OtherTeam;
    }

    private AccessRole Role(Viewer viewer)
        => Problem(viewer, out var role) is { } problem ? throw new CrmInputException("viewer", problem) : role!;

    private string? Problem(Viewer viewer, out AccessRole? role)
    {
        if (!TryGetRole(viewer.Role, out role))
        {
            return viewer.Role is null
                ? $"a viewer needs a role (known: {_knownRoles})"
                : $"'{viewer.Role}' is not a known role (known: {_knownRoles})";
        }

        // Never resolved silently as "own customers only": the viewer would see less than the role says and not know why.
        return role.Scope == AccessScope.Team && viewer.Team is null
            ? $"role '{role.Name}' sees its team's customers: give the viewer's team ({role.Name}:{viewer.Id}:TEAM)"
            : null;
    }
}
