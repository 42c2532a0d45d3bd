using Crm.Rules.Configuration;

namespace Crm.Rules.Lifecycle;

/// <summary>The validation rules of <see cref="LifecycleOptions"/>.</summary>
internal static class LifecycleValidation
{
    public static void Validate(LifecycleOptions options, string path, ErrorCollector errors)
    {
        foreach (var (name, machine) in options.Machines ?? [])
        {
            var at = JsonShape.PathOf($"{path}.machines", name);
            if (machine is null)
            {
                errors.Add(at, "must not be null");
                continue;
            }

            var stages = machine.Stages ?? [];
            if (stages.Count == 0 || stages.Distinct(StringComparer.Ordinal).Count() != stages.Count || stages.Any(string.IsNullOrWhiteSpace))
            {
                errors.Add($"{at}.stages", "must list at least one stage, each once, without empty names");
                continue;
            }

            foreach (var (fact, kind) in machine.Facts ?? [])
            {
                if (kind is not ("number" or "boolean"))
                {
                    errors.Add(JsonShape.PathOf($"{at}.facts", fact), $"must be \"number\" or \"boolean\"; got \"{kind}\"");
                }
            }

            var seen = new HashSet<(string, string)>();
            var edges = new List<(string From, string To)>();
            for (var i = 0; i < (machine.Transitions?.Count ?? 0); i++)
            {
                var t = machine.Transitions![i];
                var tat = $"{at}.transitions[{i}]";
                if (t.From != "*" && !stages.Contains(t.From))
                {
                    errors.Add($"{tat}.from", $"'{t.From}' is not a stage (stages: {string.Join(", ", stages)}; '*' for any)");
                }

                if (!stages.Contains(t.To))
                {
                    errors.Add($"{tat}.to", $"'{t.To}' is not a stage (stages: {string.Join(", ", stages)})");
                }

                if (!LifecycleWords.IsKind(t.Kind))
                {
                    errors.Add($"{tat}.kind", $"must be one of {string.Join(", ", LifecycleWords.Kinds)}; got \"{t.Kind}\"");
                }
                else if (stages.Contains(t.From) && stages.Contains(t.To))
                {
                    var step = stages.IndexOf(t.To) - stages.IndexOf(t.From);
                    if (t.Kind == "next" && step != 1)
                    {
                        errors.Add($"{tat}.kind", $"'{t.From}' → '{t.To}' is not a move to the next stage; say \"skip\" or \"back\" to allow it explicitly");
                    }
                }

                if (!seen.Add((t.From, t.To)))
                {
                    errors.Add(tat, $"duplicates the transition '{t.From}' → '{t.To}'; combine alternatives with anyOf");
                }

                for (var g = 0; g < (t.Guards?.Count ?? 0); g++)
                {
                    ValidateGuard(t.Guards![g], $"{tat}.guards[{g}]", machine.Facts ?? [], errors);
                }

                foreach (var from in t.From == "*" ? stages.Where(s => s != t.To) : [t.From])
                {
                    edges.Add((from, t.To));
                }
            }

            // Every stage must be reachable from the first.
            var reached = new HashSet<string> { stages[0] };
            for (var grew = true; grew;)
            {
                grew = false;
                foreach (var (from, to) in edges)
                {
                    if (reached.Contains(from) && reached.Add(to))
                    {
                        grew = true;
                    }
                }
            }

            foreach (var stage in stages.Where(s => !reached.Contains(s)))
            {
                errors.Add($"{at}.stages", $"'{stage}' cannot be reached from '{stages[0]}': no chain of transitions leads to it");
            }
        }

        var ka = options.KeyAccounts;
        if (ka is null || ka.PromoteAtGrowth <= 0m || ka.GrowthWindowMonths < 1 || ka.DemoteAfterMissedReviews < 1)
        {
            errors.Add($"{path}.keyAccounts", "promoteAtGrowth must be positive, growthWindowMonths and demoteAfterMissedReviews at least 1");
        }
    }

    private static void ValidateGuard(GuardOptions guard, string at, Dictionary<string, string> facts, ErrorCollector errors)
    {
        if (guard.AnyOf is { Count: > 0 } alternatives)
        {
            for (var i = 0; i < alternatives.Count; i++)
            {
                ValidateGuard(alternatives[i], $"{at}.anyOf[{i}]", facts, errors);
            }

            return;
        }

        if (guard.Fact is null || !facts.TryGetValue(guard.Fact, out var kind))
        {
            errors.Add($"{at}.fact", $"'{guard.Fact}' is not a fact of this machine (facts: {string.Join(", ", facts.Keys)})");
            return;
        }

        var numeric = guard.AtLeast is not null || guard.AtMost is not null;
        if (kind == "boolean" && (numeric || guard.Is is null))
        {
            errors.Add(at, $"'{guard.Fact}' is a boolean: test it with \"is\"");
        }
        else if (kind == "number" && (!numeric || guard.Is is not null))
        {
            errors.Add(at, $"'{guard.Fact}' is a number: test it with \"atLeast\" and/or \"atMost\"");
        }
    }
}
