namespace Crm.Rules.Access;

/// <summary>Access by role with the rule set in force (DATA-4): which records and fields a viewer may see.</summary>
/// <threadsafety>Implementations are thread-safe; every call uses the rule set in force when it starts.</threadsafety>
public interface IAccessPolicy
{
    /// <summary>The access rules in force.</summary>
    AccessRules Rules { get; }

    /// <inheritdoc cref="AccessRules.Accepts(Viewer, out string?)"/>
    bool Accepts(Viewer viewer, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem);

    /// <inheritdoc cref="AccessRules.Decide(Viewer, string?, string?)"/>
    AccessDecision Decide(Viewer viewer, string? owner, string? team);

    /// <inheritdoc cref="AccessRules.MaySee(Viewer, string?, string?)"/>
    bool MaySee(Viewer viewer, string? owner, string? team);

    /// <inheritdoc cref="AccessRules.MaySeeField(Viewer, string)"/>
    bool MaySeeField(Viewer viewer, string field);

    /// <inheritdoc cref="AccessRules.Explain(Viewer, string?, string?)"/>
    string Explain(Viewer viewer, string? owner, string? team);
}

/// <summary>The <see cref="IAccessPolicy"/> that dependency injection provides: each call uses the rule set in force.</summary>
/// <param name="ruleSets">Gives the rule set in force.</param>
/// <threadsafety>This type is thread-safe.</threadsafety>
public sealed class AccessPolicy(ICrmRuleSetProvider ruleSets) : IAccessPolicy
{
    /// <inheritdoc/>
    public AccessRules Rules => ruleSets.Current.Access;

    /// <inheritdoc/>
    public bool Accepts(Viewer viewer, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem) => Rules.Accepts(viewer, out problem);

    /// <inheritdoc/>
    public AccessDecision Decide(Viewer viewer, string? owner, string? team) => Rules.Decide(viewer, owner, team);

    /// <inheritdoc/>
    public bool MaySee(Viewer viewer, string? owner, string? team) => Rules.MaySee(viewer, owner, team);

    /// <inheritdoc/>
    public bool MaySeeField(Viewer viewer, string field) => Rules.MaySeeField(viewer, field);

    /// <inheritdoc/>
    public string Explain(Viewer viewer, string? owner, string? team) => Rules.Explain(viewer, owner, team);
}
