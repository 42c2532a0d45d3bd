using Crm.Rules.Configuration;

namespace Crm.Rules.Tests.DataQuality;

/// <summary>
/// The validation of the data-quality options at its edges (DATA-1 … DATA-3). These live with the family, not in
/// <c>Configuration/</c>, so that the family's mutation run sees them.
/// </summary>
public class DataQualityValidationTests
{
    private const string Phone = "dataQuality.phoneMask: keepStart and keepEnd must not be negative, and maskCharacter must be one character that is not a digit";
    private const string Email = "dataQuality.emailMask: keepStart must not be negative and mask must not be empty";
    private const string KeyFields = "dataQuality.keyFields: must list at least one field name, without empty names";

    [Fact]
    public void Data1_IndustryLettersFromOneToSix_SequenceDigitsFromOneToNine()
    {
        for (var letters = -1; letters <= 7; letters++)
        {
            var problems = TestRules.ProblemsOf($$"""{ "dataQuality": { "customerId": { "industryLetters": {{letters}} } } }""");
            Assert.Equal(letters is >= 1 and <= 6 ? [] : [$"dataQuality.customerId.industryLetters: must be between 1 and 6; got {letters}"], problems);
        }

        for (var digits = -1; digits <= 10; digits++)
        {
            var problems = TestRules.ProblemsOf($$"""{ "dataQuality": { "customerId": { "sequenceDigits": {{digits}} } } }""");
            Assert.Equal(digits is >= 1 and <= 9 ? [] : [$"dataQuality.customerId.sequenceDigits: must be between 1 and 9; got {digits}"], problems);
        }
    }

    [Fact]
    public void Data1_EveryConfiguredIndustryMustHaveTheConfiguredNumberOfCapitals()
        => Assert.Equal(
            [
                "dataQuality.customerId.industries[1]: 'Rt' is not 2 capital letters",
                "dataQuality.customerId.industries[3]: 'M' is not 2 capital letters",
                "dataQuality.customerId.industries[4]: '' is not 2 capital letters",
            ],
            TestRules.ProblemsOf("""{ "dataQuality": { "customerId": { "industries": ["RT", "Rt", "MF", "M", ""] } } }"""));

    [Fact]
    public void Data1_ANullIndustryOrFormatFromCodeIsReported()
    {
        var options = new CrmRulesOptions();
        options.DataQuality.CustomerId.Industries = ["RT", null!];
        Assert.Equal(["dataQuality.customerId.industries[1]: '' is not 2 capital letters"], ProblemsOf(options));

        options.DataQuality.CustomerId = null!;
        Assert.Equal(["dataQuality.customerId: is required"], ProblemsOf(options));
    }

    [Fact]
    public void Data2_KeyFieldsMustBeNamed()
    {
        Assert.Equal([KeyFields], TestRules.ProblemsOf("""{ "dataQuality": { "keyFields": [] } }"""));
        Assert.Equal([KeyFields], TestRules.ProblemsOf("""{ "dataQuality": { "keyFields": ["name", " "] } }"""));
        Assert.Equal([], TestRules.ProblemsOf("""{ "dataQuality": { "keyFields": ["name"] } }"""));
        var options = new CrmRulesOptions();
        options.DataQuality.KeyFields = null!;
        Assert.Equal([KeyFields], ProblemsOf(options));
    }

    [Theory]
    [InlineData("""{ "keepStart": 0, "keepEnd": 0 }""", null)]
    [InlineData("""{ "maskCharacter": "x" }""", null)]
    [InlineData("""{ "keepStart": -1 }""", Phone)]
    [InlineData("""{ "keepEnd": -1 }""", Phone)]
    [InlineData("""{ "maskCharacter": "" }""", Phone)]
    [InlineData("""{ "maskCharacter": "**" }""", Phone)]
    [InlineData("""{ "maskCharacter": "0" }""", Phone)]
    public void Data3_PhoneMaskSettings(string phoneMask, string? problem)
        => Assert.Equal(problem is null ? [] : [problem], TestRules.ProblemsOf($$"""{ "dataQuality": { "phoneMask": {{phoneMask}} } }"""));

    [Theory]
    [InlineData("""{ "keepStart": 0 }""", null)]
    [InlineData("""{ "mask": "*" }""", null)]
    [InlineData("""{ "keepStart": -1 }""", Email)]
    [InlineData("""{ "mask": "" }""", Email)]
    public void Data3_EmailMaskSettings(string emailMask, string? problem)
        => Assert.Equal(problem is null ? [] : [problem], TestRules.ProblemsOf($$"""{ "dataQuality": { "emailMask": {{emailMask}} } }"""));

    [Fact]
    public void Data3_NullMasksFromCodeAreReported()
    {
        var options = new CrmRulesOptions();
        options.DataQuality.PhoneMask = null!;
        options.DataQuality.EmailMask = null!;
        Assert.Equal([Phone, Email], ProblemsOf(options));
    }

    [Fact]
    public void Data1_ANullIndustryListFromCodeAllowsAnyIndustry_LikeAnEmptyOne()
    {
        var options = new CrmRulesOptions();
        options.DataQuality.CustomerId.Industries = null!;
        Assert.Equal([], ProblemsOf(options));
        Assert.True(CrmRuleSet.Compile(options).DataQuality.CheckCustomerId("ZZ2024001").IsValid);
    }

    private static List<string> ProblemsOf(CrmRulesOptions options)
        => CrmRulesValidation.Validate(options).Select(e => e.ToString()).ToList();

    [Fact]
    public void Data2_AKeyFieldListedTwice_IsRefused_NotACrashOfCompleteness()
        => Assert.Equal(
            ["dataQuality.keyFields[2]: 'name' is listed twice"],
            TestRules.ProblemsOf("""{ "dataQuality": { "keyFields": ["name", "coreNeed", "name"] } }"""));
}
