using Crm.Rules.Configuration;

namespace Crm.Rules.Tests.Support;

internal static class TestRules
{
    /// <summary>Compiles a rules-file text (laid over the seed standard).</summary>
    public static CrmRuleSet FromJson(string json) => CrmRuleSet.Parse(json);

    /// <summary>
    /// The seed standard compiled afresh from default options. <see cref="CrmRuleSet.SeedStandard"/> is built once per
    /// process, so a test that reads it cannot see a change to an option default made after that (as a mutation run
    /// makes); a test that pins a seed default compiles it here.
    /// </summary>
    public static CrmRuleSet FreshSeed() => CrmRuleSet.Compile(new CrmRulesOptions());

    /// <summary>The problems a rules-file text has, as "path: message" lines.</summary>
    public static IReadOnlyList<string> ProblemsOf(string json)
    {
        try
        {
            CrmRulesJson.Parse(json);
            return [];
        }
        catch (CrmRulesConfigurationException e)
        {
            return e.Errors.Select(x => x.ToString()).ToList();
        }
    }

    public static byte[] Scores(params int[] scores) => scores.Select(s => (byte)s).ToArray();

    /// <summary>
    /// Points every family that names grades at the grades of <paramref name="options"/> (best first), as a host that
    /// renames its grades must: the seed's A, B and C become the first, second and last grade.
    /// </summary>
    public static CrmRulesOptions WithGradeReferencesFollowing(this CrmRulesOptions options)
    {
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
