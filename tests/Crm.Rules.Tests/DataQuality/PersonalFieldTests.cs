using Crm.Rules.Configuration;
using Crm.Rules.DataQuality;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Rules.Tests.DataQuality;

/// <summary>DATA-3's personal fields: the <c>dataQuality.personalFields</c> setting, its validation and its mask.</summary>
[Properties(Arbitrary = [typeof(PersonalValueArbitraries)], MaxTest = PropertyRuns.MaxTest)]
public class PersonalFieldTests
{
    private static readonly DataQualityRules Seed = CrmRuleSet.SeedStandard.DataQuality;

    [Fact]
    public void Data3_TheSeedMarksNamesAndContactDetailsPersonal()
    {
        var seed = TestRules.FreshSeed().DataQuality;
        Assert.Equal(["name", "contactPerson", "contactDetails", "phone", "email", "address"], seed.PersonalFields);
        Assert.True(seed.IsPersonal("contactPerson"));
        Assert.False(seed.IsPersonal("id"));
        Assert.False(seed.IsPersonal("Name"));   // names are exact, like every column
    }

    [Fact]
    public void Data3_AConfiguredListReplacesTheSeed_AndMayBeEmpty()
    {
        var rules = TestRules.FromJson("""{ "dataQuality": { "personalFields": ["id", "income"] } }""").DataQuality;
        Assert.Equal(["id", "income"], rules.PersonalFields);
        Assert.True(rules.IsPersonal("id"));
        Assert.False(rules.IsPersonal("name"));
        Assert.Empty(TestRules.FromJson("""{ "dataQuality": { "personalFields": [] } }""").DataQuality.PersonalFields);
    }

    [Fact]
    public void Data3_PersonalFieldsMustBeNamedOnce_EveryProblemWithItsPath()
        => Assert.Equal(
            [
                "dataQuality.personalFields[1]: must name a field, without spaces around it",
                "dataQuality.personalFields[2]: must name a field, without spaces around it",
                "dataQuality.personalFields[3]: 'name' is listed twice",
                "dataQuality.personalFields[4]: must name a field, without spaces around it",
                "dataQuality.personalMask: keepStart must not be negative and mask must not be empty",
            ],
            TestRules.ProblemsOf("""{ "dataQuality": { "personalFields": ["name", "", " email", "name", "   "], "personalMask": { "mask": "" } } }"""));

    [Fact]
    public void Data3_PersonalMaskSettingsAreChecked_AndNullsFromCodeReported()
    {
        Assert.Equal(["dataQuality.personalMask: keepStart must not be negative and mask must not be empty"], TestRules.ProblemsOf("""{ "dataQuality": { "personalMask": { "keepStart": -1 } } }"""));
        Assert.Equal([], TestRules.ProblemsOf("""{ "dataQuality": { "personalMask": { "keepStart": 0, "mask": "#" } } }"""));
        var options = new CrmRulesOptions();
        options.DataQuality.PersonalFields = null!;
        options.DataQuality.PersonalMask = null!;
        Assert.Equal(
            ["dataQuality.personalFields: is required (an empty list marks no field personal)", "dataQuality.personalMask: keepStart must not be negative and mask must not be empty"],
            CrmRulesValidation.Validate(options).Select(e => e.ToString()).ToList());
    }

    [Fact]
    public void Data3_PersonalFieldsAndTheirMaskArePartOfTheFingerprint()
    {
        var seed = TestRules.FreshSeed().Fingerprint;
        var fields = TestRules.FromJson("""{ "dataQuality": { "personalFields": ["name"] } }""");
        var mask = TestRules.FromJson("""{ "dataQuality": { "personalMask": { "keepStart": 2 } } }""");
        Assert.Equal(3, new[] { seed, fields.Fingerprint, mask.Fingerprint }.Distinct().Count());
        Assert.Equal(seed, TestRules.FromJson("""{ "dataQuality": { "personalFields": ["name", "contactPerson", "contactDetails", "phone", "email", "address"] } }""").Fingerprint);
        Assert.Contains("\"personalFields\":[\"name\"]", fields.CanonicalJson, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("张三", "张***")]
    [InlineData("张三丰", "张***")]                            // the mask hides the length
    [InlineData("Zhang San", "Z***")]
    [InlineData("Z", "***")]                                   // no longer than the kept start: masked whole
    [InlineData("", "")]
    [InlineData("e\u0301lise", "e\u0301***")]                  // an accent stays with its letter
    [InlineData("\U0001F600abc", "\U0001F600***")]             // a surrogate pair is never cut
    [InlineData("13812345678", "138****5678")]                 // a phone number keeps the phone mask
    [InlineData("+86 138 1234 5678", "+86 1** **** 5678")]
    [InlineData("zhang.san@example.com", "z***@example.com")]  // an e-mail address keeps the e-mail mask
    [InlineData("12345", "1***")]                              // too short for a phone number
    [InlineData("Zhang, 13812345678", "Z***")]                 // a number inside other text is hidden with it
    [InlineData("RT2024001", "R***")]
    public void Data3_PersonalValueMasking(string value, string masked)
        => Assert.Equal(masked, Seed.MaskPersonal(value));

    [Fact]
    public void Data3_TheConfiguredPersonalMaskApplies()
    {
        var rules = TestRules.FromJson("""{ "dataQuality": { "personalMask": { "keepStart": 2, "mask": "…" } } }""").DataQuality;
        Assert.Equal("Zh…", rules.MaskPersonal("Zhang San"));
        Assert.Equal("…", rules.MaskPersonal("Zh"));
        Assert.Equal("***", TestRules.FromJson("""{ "dataQuality": { "personalMask": { "keepStart": 0 } } }""").DataQuality.MaskPersonal("Zhang"));
        Assert.Throws<ArgumentNullException>(() => rules.MaskPersonal(null!));
    }

    [Theory]
    [InlineData("13812345678", true)]
    [InlineData("138-1234-5678", true)]
    [InlineData("(010) 1234 5678", false)]   // starts with a bracket, as the masker's pattern never does
    [InlineData("+8612345678", true)]
    [InlineData("+8612345", false)]
    [InlineData("1381234567", false)]
    [InlineData("13812345678-", false)]
    [InlineData("138a12345678", false)]
    [InlineData("", false)]
    [InlineData("+", false)]
    public void Data3_WhatIsAPhoneNumber(string text, bool phone)
        => Assert.Equal(phone, DataQualityRules.LooksLikePhoneNumber(text));

    [Theory]
    [InlineData("zhang.san@example.com", true)]
    [InlineData("a+b@mail.example-x.cn", true)]
    [InlineData("@example.com", false)]
    [InlineData("zhang@example", false)]
    [InlineData("zhang@example.", false)]
    [InlineData("zhang@.com", false)]
    [InlineData("zhang san@example.com", false)]
    [InlineData("zhang@exa_mple.com", false)]
    [InlineData("a@b@example.com", false)]
    public void Data3_WhatIsAnEmailAddress(string text, bool email)
        => Assert.Equal(email, DataQualityRules.LooksLikeEmailAddress(text));

    [Property]
    public bool Data3_AMaskedPersonalValueNeverShowsTheWholeValue_NorMoreThanTheKeptStart(PersonalValue v)
    {
        var masked = Seed.MaskPersonal(v.Text);
        if (v.Text.Length == 0)
        {
            return masked.Length == 0;
        }

        var kept = masked.EndsWith("***", StringComparison.Ordinal) && !DataQualityRules.LooksLikePhoneNumber(v.Text) ? masked[..^3] : null;
        return masked != v.Text
            && (kept is null || (v.Text.StartsWith(kept, StringComparison.Ordinal) && new System.Globalization.StringInfo(kept).LengthInTextElements <= 1));
    }
}

/// <summary>A personal field's value: names, numbers, e-mail-like and phone-like text.</summary>
public sealed record PersonalValue(string Text)
{
    public override string ToString() => $"\"{Text}\"";
}

public static class PersonalValueArbitraries
{
    private static readonly char[] Characters = ['张', '三', 'a', 'Z', '1', '8', '+', '-', ' ', '@', '.', 'e', '\u0301'];

    public static Arbitrary<PersonalValue> PersonalValue() => Arb.From(
        from text in Gen.Elements(Characters).ArrayOf()
        select new PersonalValue(new string(text)),
        v => Shrink.Text(v.Text, Characters).Select(t => new PersonalValue(t)));
}
