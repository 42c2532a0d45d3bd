using System.Diagnostics.CodeAnalysis;

namespace Crm.Rules.Access;

/// <summary>
/// Who is looking at records (DATA-4): a role of the configuration, the viewer's id (matched against a record's
/// owner) and, for a role that sees its team's customers, the viewer's team. Written <c>role:id</c> or
/// <c>role:id:team</c>, e.g. <c>sales-rep:u-7</c>, <c>manager:m-1:east</c>.
/// </summary>
/// <threadsafety>This type is an immutable value type and is thread-safe.</threadsafety>
public readonly record struct Viewer
{
    /// <summary>Creates a viewer.</summary>
    /// <param name="role">The role's name, as configured (exact, case-sensitive).</param>
    /// <param name="id">The viewer's id, as records name their owner.</param>
    /// <param name="team">The viewer's team, or <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">The role or id is blank, or the team is given but blank.</exception>
    public Viewer(string role, string id, string? team = null)
    {
        Role = string.IsNullOrWhiteSpace(role) ? throw new ArgumentException("a viewer needs a role", nameof(role)) : role;
        Id = string.IsNullOrWhiteSpace(id) ? throw new ArgumentException("a viewer needs an id", nameof(id)) : id;
        Team = team is not null && string.IsNullOrWhiteSpace(team) ? throw new ArgumentException("a viewer's team must not be blank; give null for none", nameof(team)) : team;
    }

    /// <summary>The role's name.</summary>
    public string Role { get; }

    /// <summary>The viewer's id.</summary>
    public string Id { get; }

    /// <summary>The viewer's team, or <see langword="null"/>.</summary>
    public string? Team { get; }

    /// <summary>Reads <c>role:id</c> or <c>role:id:team</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The viewer.</returns>
    /// <exception cref="FormatException">The text is not <c>role:id[:team]</c>; the message says why.</exception>
    public static Viewer Parse(string? text)
        => TryParse(text, out var viewer, out var problem) ? viewer : throw new FormatException(problem);

    /// <summary>Reads <c>role:id</c> or <c>role:id:team</c>, saying what is wrong instead of throwing.</summary>
    /// <param name="text">The text.</param>
    /// <param name="viewer">The viewer, when the text is one.</param>
    /// <param name="problem">Why the text is not a viewer, otherwise <see langword="null"/>.</param>
    /// <returns>Whether the text is a viewer.</returns>
    /// <remarks>
    /// No part may be empty or have spaces around it (a record's owner <c>u-7</c> never matches <c> u-7</c>), and there
    /// are two or three parts, so neither a role, an id nor a team can contain <c>:</c>.
    /// </remarks>
    public static bool TryParse(string? text, out Viewer viewer, [NotNullWhen(false)] out string? problem)
    {
        viewer = default;
        if (string.IsNullOrEmpty(text))
        {
            problem = "a viewer is written role:id or role:id:team; got nothing";
            return false;
        }

        var parts = text.Split(':');
        if (parts.Length is < 2 or > 3)
        {
            problem = $"'{text}' is not role:id or role:id:team ({parts.Length} part{(parts.Length == 1 ? "" : "s")} separated by ':')";
            return false;
        }

        string[] names = ["role", "id", "team"];
        for (var i = 0; i < parts.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(parts[i]))
            {
                problem = $"'{text}' has no {names[i]}; a viewer is written role:id or role:id:team";
                return false;
            }

            if (parts[i].Trim() != parts[i])
            {
                problem = $"'{text}': the {names[i]} '{parts[i]}' has spaces around it";
                return false;
            }
        }

        viewer = new Viewer(parts[0], parts[1], parts.Length == 3 ? parts[2] : null);
        problem = null;
        return true;
    }

    /// <summary>The viewer as written: <c>role:id</c> or <c>role:id:team</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Team is null ? $"{Role}:{Id}" : $"{Role}:{Id}:{Team}";
}
