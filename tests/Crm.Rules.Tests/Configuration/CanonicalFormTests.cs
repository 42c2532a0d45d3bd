using System.Text.Json.Nodes;
using Crm.Rules.Configuration;

namespace Crm.Rules.Tests.Configuration;

/// <summary>
/// The canonical JSON that the rule-set fingerprint hashes, and the rules file that Serialize writes: what means the
/// same must read the same, and what the options removed from the seed must stay removed when read back.
/// </summary>
public class CanonicalFormTests
{
    [Fact]
    public void Canonical_SortsKeysAtEveryDepth_AndWritesNumbersWithoutTrailingZeros()
    {
        var node = JsonNode.Parse("""{ "b": [1.50, { "d": 1, "c": 2.0 }, "x", true, null], "a": null, "B": 1e2, "big": 1e400 }""");
        Assert.Equal("""{"B":100,"a":null,"b":[1.5,{"c":2,"d":1},"x",true,null],"big":1e400}""", CanonicalJson.Of(node));
        Assert.Equal("null", CanonicalJson.Of(null));
        Assert.Equal("3", CanonicalJson.Of(JsonValue.Create(3.000m)));
    }

    [Fact]
    public void Fingerprint_IsTheStartOfTheSha256OfTheCanonicalText()
    {
        Assert.Equal("e3b0c44298fc1c14", CanonicalJson.Fingerprint(""));
        Assert.Equal("44136fa355b3678a", CanonicalJson.Fingerprint("{}"));
    }

    [Fact]
    public void ToOptions_IsAFreshCopy_ThatCompilesToTheSameRuleSet_RemovedEntriesStillRemoved()
    {
        var rules = CrmRuleSet.Parse("""{ "cadence": { "eventFollowUps": { "complaint": null, "visit": "P2D" } } }""");
        var options = rules.ToOptions();

        Assert.Equal(rules.Fingerprint, CrmRuleSet.Compile(options).Fingerprint);
        Assert.DoesNotContain("complaint", options.Cadence.EventFollowUps.Keys);
        Assert.Equal(NodaTime.Period.FromDays(2), options.Cadence.EventFollowUps["visit"]);
        Assert.NotSame(options, rules.ToOptions());

        options.Cadence.EventFollowUps.Clear();
        Assert.Equal(rules.Fingerprint, CrmRuleSet.Compile(rules.ToOptions()).Fingerprint);
    }

    [Fact]
    public void Serialize_WritesRemovedSeedEntriesAsNull_SoTheyStayRemoved()
    {
        var options = CrmRulesOptions.SeedStandard();
        options.LeadScoring.Criteria.Remove("authorityClear");
        options.Lifecycle.Machines.Remove("ageStages");
        var json = CrmRulesJson.Serialize(options);

        var node = JsonNode.Parse(json)!;
        Assert.True(node["leadScoring"]!["criteria"]!.AsObject().ContainsKey("authorityClear"));
        Assert.Null(node["leadScoring"]!["criteria"]!["authorityClear"]);
        Assert.Null(node["lifecycle"]!["machines"]!["ageStages"]);

        var back = CrmRulesJson.Parse(json);
        Assert.Equal(["industryMatch", "budgetClear"], back.LeadScoring.Criteria.Keys);
        Assert.Equal(["funnel", "lifecycle"], back.Lifecycle.Machines.Keys);
        Assert.Equal(CrmRuleSet.Compile(options).Fingerprint, CrmRuleSet.Compile(back).Fingerprint);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => CrmRulesJson.Serialize(null!)).ParamName);
    }

    [Fact]
    public void Serialize_AnOptionalSettingClearedInANewEntry_ReadsBackCleared()
    {
        // An entry the seed does not have has no default to compare with: it is written, and read back, as it is.
        var options = CrmRulesOptions.SeedStandard();
        options.LeadScoring.Criteria["referral"] = new LeadCriterionOptions { Points = 1 };
        var back = CrmRulesJson.Parse(CrmRulesJson.Serialize(options));
        Assert.Equal(1m, back.LeadScoring.Criteria["referral"].Points);
        Assert.Equal(CrmRulesJson.Serialize(options), CrmRulesJson.Serialize(back));
    }
}
