namespace Crm.Rules.Access;

/// <summary>One role of the access rules (DATA-4): whose customers it sees, which fields, and whether it may reveal contact details.</summary>
/// <param name="Name">The role's name.</param>
/// <param name="Scope">Whose customers it sees.</param>
/// <param name="Fields">Which fields of a visible record it sees: <see cref="FieldAccess.Usage"/> or <see cref="FieldAccess.All"/>.</param>
/// <param name="RevealContacts">Whether it may see contact details unmasked.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record AccessRole(string Name, AccessScope Scope, FieldAccess Fields, bool RevealContacts)
{
    /// <summary>The role as text: <c>sales-rep: own customers, all fields</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
        => $"{Name}: {Scope.ToText()} customers, {Fields.ToText()} fields{(RevealContacts ? ", may reveal contacts" : "")}";
}

/// <summary>
/// What a viewer may see of one record (DATA-4): whether the record is visible, which of its fields, whether contact
/// details may be revealed, and why.
/// </summary>
/// <param name="IsVisible">Whether the viewer may see the record at all.</param>
/// <param name="Fields">Which fields: <see cref="FieldAccess.None"/> for a hidden record, otherwise the role's field class.</param>
/// <param name="MayRevealContacts">Whether contact details may be shown unmasked; always <see langword="false"/> for a hidden record and for a role without <c>revealContacts</c>. A host still masks them unless it was asked to reveal them.</param>
/// <param name="Reason">Why the record is visible or hidden.</param>
/// <param name="Fingerprint">The rule set that decided.</param>
/// <threadsafety>This type is an immutable value type and is thread-safe.</threadsafety>
public readonly record struct AccessDecision(bool IsVisible, FieldAccess Fields, bool MayRevealContacts, AccessReason Reason, string Fingerprint)
{
    /// <summary>The decision as text, the reason by its name: <c>visible (OwnCustomer), all fields</c> or <c>hidden (OtherOwner)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
        => IsVisible
            ? $"visible ({Reason}), {Fields.ToText()} fields{(MayRevealContacts ? ", contacts may be revealed" : "")}"
            : $"hidden ({Reason})";
}
