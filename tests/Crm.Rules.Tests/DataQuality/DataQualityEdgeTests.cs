using Crm.Rules.DataQuality;

namespace Crm.Rules.Tests.DataQuality;

/// <summary>Edges the first mutation run (docs/testing.md) found unpinned: configured formats, limits, refused inputs, texts.</summary>
public class DataQualityEdgeTests
{
    private static readonly DataQualityRules Seed = CrmRuleSet.SeedStandard.DataQuality;

    [Theory]
    [InlineData("Rt2024001", "'Rt' is not 2 capital letters (e.g. RR2024001)")]
    [InlineData("rT2024001", "'rT' is not 2 capital letters (e.g. RR2024001)")]
    public void Data1_EveryIndustryLetterMustBeACapital(string id, string problem)
    {
        var check = Seed.CheckCustomerId(id);
        Assert.Equal((false, problem, id), (check.IsValid, check.Problem, check.Id));
        Assert.Equal($"{id}: invalid, {problem}", check.ToString());
    }

    [Fact]
    public void Data1_AMissingIdIsInvalid_WithAnEmptyId()
    {
        var check = Seed.CheckCustomerId(null);
        Assert.Equal(("", false, null, null, null), (check.Id, check.IsValid, check.Industry, check.Year, check.Sequence));
        Assert.Equal("must be 9 characters: 2 capital letters, a 4-digit year and a 3-digit sequence (e.g. RR2024001)", check.Problem);
    }

    [Fact]
    public void Data1_AConfiguredIndustryListAdmitsOnlyItsIndustries()
    {
        var rules = TestRules.FromJson("""{ "dataQuality": { "customerId": { "industries": ["RT", "MF"] } } }""").DataQuality;
        Assert.True(rules.CheckCustomerId("MF2024001").IsValid);
        Assert.Equal("'AB' is not a known industry (known: RT, MF)", rules.CheckCustomerId("AB2024001").Problem);
        Assert.Equal("RT2024001", rules.NextCustomerId("RT", 2024, []));
        Assert.Equal(
            "industry 'AB' and year 2024 do not make a customer id: 'AB' is not a known industry (known: RT, MF)",
            Assert.Throws<ArgumentException>(() => rules.NextCustomerId("AB", 2024, [])).Message);
    }

    [Fact]
    public void Data1_AConfiguredFormatChangesTheLengthAndTheExample()
    {
        var rules = TestRules.FromJson("""{ "dataQuality": { "customerId": { "industryLetters": 3, "sequenceDigits": 5 } } }""").DataQuality;
        var check = rules.CheckCustomerId("RTL202400042");
        Assert.Equal(("RTL", 2024, 42), (check.Industry, check.Year!.Value, check.Sequence!.Value));
        Assert.Equal("must be 12 characters: 3 capital letters, a 4-digit year and a 5-digit sequence (e.g. RRR202400001)", rules.CheckCustomerId("RT2024001").Problem);
        Assert.Equal("RTL202400043", rules.NextCustomerId("RTL", 2024, ["RTL202400042"]));
    }

    [Theory]
    [InlineData(1000, "RT1000001")]
    [InlineData(9999, "RT9999001")]
    public void Data1_TheFirstAndLastFourDigitYearsMakeIds(int year, string id)
        => Assert.Equal(id, Seed.NextCustomerId("RT", year, []));

    [Theory]
    [InlineData("RT", 999, "industry 'RT' and year 999 do not make a customer id: the year must have 4 digits")]
    [InlineData("RT", 10000, "industry 'RT' and year 10000 do not make a customer id: must be 9 characters: 2 capital letters, a 4-digit year and a 3-digit sequence (e.g. RR2024001)")]
    [InlineData("rt", 2024, "industry 'rt' and year 2024 do not make a customer id: 'rt' is not 2 capital letters (e.g. RR2024001)")]
    public void Data1_AnIndustryOrYearThatMakesNoIdIsRefused(string industry, int year, string message)
        => Assert.Equal(message, Assert.Throws<ArgumentException>(() => Seed.NextCustomerId(industry, year, [])).Message);

    [Fact]
    public void Data1_TheLastSequenceNumberIsHandedOut_ThenTheSequenceIsUsedUp()
    {
        Assert.Equal("RT2024999", Seed.NextCustomerId("RT", 2024, ["RT2024998"]));
        Assert.Equal(
            "the 3-digit sequence of RT2024 is used up (999 ids)",
            Assert.Throws<InvalidOperationException>(() => Seed.NextCustomerId("RT", 2024, ["RT2024999"])).Message);
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public bool Data2_MissingFieldsAreTheBlankKeyFieldsInOrder_WithFewOrManyKeyFields(bool many, byte[] draws)
    {
        // Up to eight key fields, the missing ones are a list shared per set; beyond, a list per record: either way the
        // blank key fields (absent, empty, spaces), in configured order.
        var keyFields = Enumerable.Range(0, many ? 11 : 6).Select(i => $"k{i}").ToArray();
        var options = new CrmRulesOptions();
        options.DataQuality.KeyFields = [.. keyFields];
        var rules = CrmRuleSet.Compile(options).DataQuality;
        var fields = new Dictionary<string, string?>();
        for (var i = 0; i < keyFields.Length; i++)
        {
            var draw = i < draws.Length ? draws[i] % 4 : 0;
            if (draw > 0)
            {
                fields[keyFields[i]] = draw switch { 1 => "", 2 => "  ", _ => "value" };
            }
        }

        var record = rules.CheckRecord("r1", fields);
        var again = rules.CheckRecord("r2", new Dictionary<string, string?>(fields));
        return record.MissingFields.SequenceEqual(keyFields.Where(k => string.IsNullOrWhiteSpace(fields.GetValueOrDefault(k))))
            && record.MissingFields.SequenceEqual(again.MissingFields)
            && (many || record.MissingFields is not string[] { Length: > 0 });
    }

    [Fact]
    public void Data2_ACompleteRecordReadsAsComplete()
    {
        var record = Seed.CheckRecord("r1", new Dictionary<string, string?> { ["name"] = "n", ["contactPerson"] = "p", ["coreNeed"] = "c", ["contactDetails"] = "d" });
        Assert.True(record.IsComplete);
        Assert.Equal("r1: complete", record.ToString());
    }

    [Fact]
    public void Data3_AnAddressWithAnEmptyLocalPartIsMaskedWhole()
    {
        Assert.Equal("***", Seed.MaskEmail("@example.com"));
        Assert.Equal("***", Seed.MaskEmail(""));
    }

    [Fact]
    public void Data3_TheSeedKeepsTheDomain_FromAFreshCompile()
        => Assert.Equal("z***@example.com", TestRules.FreshSeed().DataQuality.MaskEmail("zhang@example.com"));

    [Fact]
    public void Data3_AHiddenDomainIsReplacedByTheMask()
    {
        var rules = TestRules.FromJson("""{ "dataQuality": { "emailMask": { "keepDomain": false, "keepStart": 2, "mask": "##" } } }""").DataQuality;
        Assert.Equal("zh##@##", rules.MaskEmail("zhang@example.com"));
        Assert.Equal("##@##", rules.MaskEmail("zh@example.com"));
    }

    [Fact]
    public void Data3_AConfiguredMaskCharacterReplacesTheHiddenDigits()
        => Assert.Equal("13#-####-5678", TestRules.FromJson("""{ "dataQuality": { "phoneMask": { "maskCharacter": "#", "keepStart": 2 } } }""").DataQuality.MaskPhone("138-1234-5678"));

    [Fact]
    public void Data1_To3_MissingArgumentsAreRefused()
    {
        Assert.Equal("existing", Assert.Throws<ArgumentNullException>(() => Seed.NextCustomerId("RT", 2024, null!)).ParamName);
        Assert.Equal("fields", Assert.Throws<ArgumentNullException>(() => Seed.CheckRecord("r1", null!)).ParamName);
        Assert.Equal("records", Assert.Throws<ArgumentNullException>(() => Seed.Completeness(null!)).ParamName);
        Assert.Equal("phone", Assert.Throws<ArgumentNullException>(() => Seed.MaskPhone(null!)).ParamName);
        Assert.Equal("email", Assert.Throws<ArgumentNullException>(() => Seed.MaskEmail(null!)).ParamName);
    }
}
