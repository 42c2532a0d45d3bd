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
}
