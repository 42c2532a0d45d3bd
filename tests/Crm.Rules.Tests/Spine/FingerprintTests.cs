using System.Runtime.CompilerServices;
using System.Collections;
using System.Reflection;

namespace Crm.Rules.Tests.Spine;

/// <summary>Every result of every family names the rule set that produced it.</summary>
public class FingerprintTests
{
    public static TheoryData<string> Families => new(CompiledRuleSetTests.Probes.Keys);

    [Theory]
    [MemberData(nameof(Families))]
    public void EveryResultCarriesTheFingerprintOfItsRuleSet(string family)
    {
        // A rule set other than the seed standard, so that a fingerprint taken from anywhere else would show.
        var rules = CrmRuleSet.Compile(CompiledRuleSetTests.ScrambledButValid(family));
        Assert.NotEqual(CrmRuleSet.SeedStandard.Fingerprint, rules.Fingerprint);
        var results = Results(CompiledRuleSetTests.Probes[family](rules)).ToList();

        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.True(
            r.GetType().GetProperty("Fingerprint")?.GetValue(r) is string fingerprint && fingerprint == rules.Fingerprint,
            $"{r.GetType().Name} does not carry the fingerprint {rules.Fingerprint}"));
    }

    // The results a probe returned: the values of the family's own result types, not its compiled rules or plain values.
    private static IEnumerable<object> Results(object? value)
    {
        switch (value)
        {
            case null or string:
                yield break;
            case ITuple tuple:
                for (var i = 0; i < tuple.Length; i++)
                {
                    foreach (var r in Results(tuple[i]))
                    {
                        yield return r;
                    }
                }

                yield break;
            case IEnumerable items when value.GetType().IsArray || value.GetType().Namespace?.StartsWith("Crm.Rules", StringComparison.Ordinal) != true:
                foreach (var item in items)
                {
                    foreach (var r in Results(item))
                    {
                        yield return r;
                    }
                }

                yield break;
        }

        var type = value.GetType();
        if (type.Namespace?.StartsWith("Crm.Rules", StringComparison.Ordinal) == true && !IsCompiledRules(type) && !type.IsEnum)
        {
            yield return value;
        }
    }

    // Compiled rules and their parts (grades, policies, playbooks, calendars, segment rows, tiers, loyalty tiers) are configuration,
    // not results; RFM scores are plain score values that are also the segment table's input, like a grade's scores.
    private static bool IsCompiledRules(Type type)
        => type.Name is "Grade" or "SlaPolicy" or "ChurnPlaybook" or "BusinessCalendar" or "WorkingInterval" or "GradeApprovalPolicy" or "ChurnBand" or "AccessRole" or "RfmSegment" or "VipTier" or "RfmScores" or "KeyAccountClass" or "KeyAccountCondition" or "LoyaltyTier"
           || type.Name.EndsWith("Rules", StringComparison.Ordinal);
}
