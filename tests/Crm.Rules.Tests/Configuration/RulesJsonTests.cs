using Crm.Rules.Configuration;

namespace Crm.Rules.Tests.Configuration;

public class RulesJsonTests
{
    [Fact]
    public void EmptyFile_IsTheSeedStandard()
        => Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, TestRules.FromJson("{}").Fingerprint);

    [Fact]
    public void Defaults_RoundTripToTheSameFingerprint()
    {
        var json = CrmRulesJson.Serialize(CrmRulesOptions.SeedStandard());
        Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, TestRules.FromJson(json).Fingerprint);
        Assert.Equal(json, CrmRulesJson.Serialize(CrmRulesJson.Parse(json)));
    }

    [Fact]
    public void CommentsAndTrailingCommasAreAllowed()
    {
        var rules = TestRules.FromJson("""
            {
              // lead screening for the 2027 campaign
              "leadScoring": { "advanceAtPoints": 4, },
            }
            """);
        Assert.Equal(4m, rules.LeadScoring.AdvanceAtPoints);
    }

    [Fact]
    public void AbsentSettingsKeepTheirDefaults_MapsMergeKeyByKey()
    {
        var rules = TestRules.FromJson("""{ "valueGrading": { "grades": { "B": { "treatment": { "ownerRole": "keyAccountManager" } } } } }""");

        var b = rules.ValueGrading.FindGrade("B")!;
        Assert.Equal("keyAccountManager", b.Treatment.OwnerRole);
        Assert.Equal(NodaTime.Duration.FromHours(48), b.Treatment.ResponseTime);
        Assert.Equal(3m, b.MinimumTotal);
        Assert.Equal(["A", "B", "C"], rules.ValueGrading.Grades.Select(g => g.Name));
        Assert.Equal(6, rules.ValueGrading.Indicators.Count);
    }

    [Fact]
    public void MapsAcceptNewEntries()
    {
        var rules = TestRules.FromJson("""{ "leadScoring": { "criteria": { "referral": { "points": 1 } } } }""");
        Assert.Equal(["industryMatch", "budgetClear", "authorityClear", "referral"], rules.LeadScoring.Criteria.Select(c => c.Name));
    }

    [Fact]
    public void AListGivenInTheFileReplacesTheDefaultListWhole()
    {
        var rules = TestRules.FromJson("""{ "valueGrading": { "indicators": [ {"name":"amount","weight":0.6}, {"name":"margin","weight":0.4} ] } }""");
        Assert.Equal(["amount", "margin"], rules.ValueGrading.Indicators.Select(i => i.Name));
    }

    [Fact]
    public void NullRemovesAMapEntry()
    {
        var rules = TestRules.FromJson("""{ "leadScoring": { "criteria": { "authorityClear": null } } }""");
        Assert.Equal(["industryMatch", "budgetClear"], rules.LeadScoring.Criteria.Select(c => c.Name));
    }

    [Fact]
    public void Fingerprint_IgnoresKeyOrderAndTrailingZeros_ButNotValues()
    {
        var a = TestRules.FromJson("""{ "leadScoring": { "advanceAtPoints": 5.00, "criteria": { "x": { "points": 1.50 } } } }""");
        var b = TestRules.FromJson("""{ "leadScoring": { "criteria": { "x": { "points": 1.5 } }, "advanceAtPoints": 5 } }""");
        var c = TestRules.FromJson("""{ "leadScoring": { "criteria": { "x": { "points": 1.6 } }, "advanceAtPoints": 5 } }""");

        Assert.Equal(a.Fingerprint, b.Fingerprint);
        Assert.NotEqual(a.Fingerprint, c.Fingerprint);
        Assert.Matches("^[0-9a-f]{16}$", a.Fingerprint);
    }

    [Fact]
    public void EveryResultCarriesTheFingerprintOfItsRuleSet()
    {
        var custom = TestRules.FromJson("""{ "leadScoring": { "advanceAtPoints": 4 } }""");
        Assert.Equal(custom.Fingerprint, custom.ValueGrading.Grade(TestRules.Scores(3, 3, 3, 3, 3, 3)).Fingerprint);
        Assert.Equal(custom.Fingerprint, custom.LeadScoring.Score([true, true, true]).Fingerprint);
        Assert.NotEqual(CrmRuleSet.SeedStandard.Fingerprint, custom.Fingerprint);
    }

    [Fact]
    public void Load_MissingFileIsAConfigurationError()
    {
        var error = Assert.Throws<CrmRulesConfigurationException>(() => CrmRulesJson.Load("/no/such/rules.json"));
        Assert.Equal("/no/such/rules.json", error.Source);
        Assert.StartsWith("cannot read the file", error.Errors.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_InvalidOptionsInCode_ThrowsWithEveryProblem()
    {
        var options = new CrmRulesOptions();
        options.ValueGrading.Indicators[0].Weight = 2m;
        options.LeadScoring.AdvanceAtPoints = 0.0000001m;

        var error = Assert.Throws<CrmRulesConfigurationException>(() => CrmRuleSet.Compile(options));

        Assert.Equal(2, error.Errors.Count);
        Assert.Contains("has 2 problems", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IsoDuration_FormatsHoursMinutesSeconds()
    {
        Assert.Equal("PT12896H", IsoDuration.Format(NodaTime.Duration.FromHours(12896)));
        Assert.Equal("PT2M", IsoDuration.Format(NodaTime.Duration.FromMinutes(2)));
        Assert.Equal("-PT5H", IsoDuration.Format(NodaTime.Duration.FromHours(-5)));
        Assert.Equal("PT1H0.5S", IsoDuration.Format(NodaTime.Duration.FromHours(1) + NodaTime.Duration.FromMilliseconds(500)));
        Assert.Equal("PT0S", IsoDuration.Format(NodaTime.Duration.Zero));
        Assert.True(IsoDuration.TryParse("P2D", out var twoDays));
        Assert.Equal(NodaTime.Duration.FromHours(48), twoDays);
        Assert.False(IsoDuration.TryParse("P1M", out _));
    }
}
