using Crm.Rules.Configuration;

namespace Crm.Rules.Access;

/// <summary>The validation rules of <see cref="AccessOptions"/>.</summary>
internal static class AccessValidation
{
    public static void Validate(AccessOptions options, string path, ErrorCollector errors)
    {
        var usageRoles = new List<string>();
        if (options.Roles is null || options.Roles.Count == 0)
        {
            errors.Add($"{path}.roles", "must name at least one role");
        }
        else
        {
            foreach (var (name, role) in options.Roles.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                var at = JsonShape.PathOf($"{path}.roles", name);
                if (string.IsNullOrWhiteSpace(name) || name.Trim() != name)
                {
                    errors.Add(at, "a role needs a name without spaces around it");
                }
                else if (name.Contains(':', StringComparison.Ordinal))
                {
                    // A viewer is written role:id[:team]; such a role could never be named.
                    errors.Add(at, "a role name must not contain ':'");
                }

                if (role is null)
                {
                    errors.Add(at, "is required; leave the role out to remove it");
                    continue;
                }

                if (!AccessWords.Scopes.Contains(role.Sees ?? "", StringComparer.Ordinal))
                {
                    errors.Add($"{at}.sees", $"'{role.Sees}' is not a scope ({string.Join(", ", AccessWords.Scopes)})");
                }

                if (!AccessWords.FieldClasses.Contains(role.Fields ?? "", StringComparer.Ordinal))
                {
                    errors.Add($"{at}.fields", $"'{role.Fields}' is not a field class ({string.Join(", ", AccessWords.FieldClasses)})");
                }
                else if (role.Fields == "usage")
                {
                    usageRoles.Add(name);
                }
            }
        }

        ValidateUsageFields(options.UsageFields, $"{path}.usageFields", usageRoles, errors);
        ValidateColumn(options.OwnerField, $"{path}.ownerField", errors);
        ValidateColumn(options.TeamField, $"{path}.teamField", errors);
        if (options.OwnerField is { Length: > 0 } owner && string.Equals(owner, options.TeamField, StringComparison.Ordinal))
        {
            errors.Add($"{path}.teamField", $"must differ from ownerField ('{owner}')");
        }
    }

    private static void ValidateUsageFields(List<string>? fields, string path, List<string> usageRoles, ErrorCollector errors)
    {
        if (fields is null || fields.Count == 0)
        {
            if (usageRoles.Count > 0)
            {
                errors.Add(path, $"must list at least one field: role{(usageRoles.Count == 1 ? "" : "s")} {string.Join(", ", usageRoles)} see{(usageRoles.Count == 1 ? "s" : "")} usage fields only");
            }

            return;
        }

        for (var i = 0; i < fields.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(fields[i]))
            {
                errors.Add($"{path}[{i}]", "must name a field");
            }
            else if (fields.IndexOf(fields[i]) < i)
            {
                errors.Add($"{path}[{i}]", $"'{fields[i]}' is listed twice");
            }
        }
    }

    private static void ValidateColumn(string? name, string path, ErrorCollector errors)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim() != name)
        {
            errors.Add(path, "must name a field, without spaces around it");
        }
        else if (name == "id")
        {
            errors.Add(path, "must not be 'id': a record's id is not its owner or team");
        }
    }
}
