namespace Crm.Rules.Testing;

/// <summary>
/// Keeps the families that name grades (cadence survey intervals, demand grade order, churn value scores, SLA policies by
/// grade) consistent with the grades of value grading, as a host that renames its grades must; generators use it so that a
/// configuration with random grades still compiles.
/// </summary>
/// <threadsafety>This type is stateless and thread-safe; <see cref="Follow"/> changes the options it is given.</threadsafety>
public static class GradeReferences
{
    /// <summary>
    /// Points every family that names grades at the grades of <paramref name="options"/> (best first): the seed's A, B and
    /// C become the first, second and last grade; SLA policies of grades that no longer exist are dropped.
    /// </summary>
    /// <param name="options">The options to change in place.</param>
    /// <returns>The same <paramref name="options"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public static CrmRulesOptions Follow(CrmRulesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var names = options.ValueGrading.Grades.OrderByDescending(g => g.Value.MinimumTotal ?? decimal.MinValue).Select(g => g.Key).ToList();
        string Rename(string seed) => seed switch { "A" => names[0], "B" => names[Math.Min(1, names.Count - 1)], _ => names[^1] };
        options.Cadence.SurveyIntervals = options.Cadence.SurveyIntervals.Where(s => s.Key is "A" or "B" or "C")
            .GroupBy(s => Rename(s.Key)).ToDictionary(g => g.Key, g => g.First().Value);
        options.Demands.GradeOrder = names;
        options.Churn.ValueScores = names.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => Math.Max(1, 5 - 2 * x.i));
        options.Sla.Policies = options.Sla.Policies.Where(p => p.Grade is null || p.Grade == "A" || names.Count > 1 && p.Grade == "B" || names.Count > 2 && p.Grade == "C").ToList();
        foreach (var policy in options.Sla.Policies.Where(p => p.Grade is not null))
        {
            policy.Grade = Rename(policy.Grade!);
        }

        return options;
    }
}
