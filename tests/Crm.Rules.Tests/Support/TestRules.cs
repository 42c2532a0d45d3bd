using Crm.Rules.Configuration;

namespace Crm.Rules.Tests.Support;

internal static class TestRules
{
    /// <summary>Compiles a rules-file text (laid over the seed standard).</summary>
    public static CrmRuleSet FromJson(string json) => CrmRuleSet.Compile(CrmRulesJson.Parse(json));

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
