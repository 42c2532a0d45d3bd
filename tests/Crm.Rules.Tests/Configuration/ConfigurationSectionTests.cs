using Crm.Rules.Configuration;
using Microsoft.Extensions.Configuration;

namespace Crm.Rules.Tests.Configuration;

/// <summary>
/// A configuration section (appsettings.json, environment variables: every value is text) read over the seed standard
/// with the same checks as a rules file: keys ignore case, lists are numbered, text is converted by the setting's kind.
/// </summary>
public class ConfigurationSectionTests
{
    private static CrmRulesOptions Read(params (string Key, string? Value)[] settings)
        => CrmRulesJson.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create("CrmRules:" + s.Key, s.Value)))
            .Build().GetSection("CrmRules"));

    private static List<string> Problems(params (string Key, string? Value)[] settings)
        => CrmRulesValidation.Validate(Read(settings)).Select(e => e.ToString()).ToList();

    [Fact]
    public void Section_ValuesAreConvertedByTheirSettingsKind_KeysIgnoringCase()
    {
        var options = Read(
            ("LeadScoring:AdvanceAtPoints", " 4.5 "),
            ("valueGrading:approval:required", "False"),
            ("valueGrading:missingValues", "renormalize"),
            ("cadence:newCustomerDays", "30"),
            ("cadence:newCustomerInterval", "P2W"),
            ("cadence:leadOwnerRole", "owner"),
            ("cadence:escalationRole", null),
            ("leadScoring:criteria:referral:points", "1"));
        Assert.Empty(options.LoadErrors);
        Assert.Equal(4.5m, options.LeadScoring.AdvanceAtPoints);
        Assert.False(options.ValueGrading.Approval.Required);
        Assert.Equal(Crm.Rules.Scoring.MissingIndicatorPolicy.Renormalize, options.ValueGrading.MissingValues);
        Assert.Equal(30, options.Cadence.NewCustomerDays);
        Assert.Equal(NodaTime.Period.FromWeeks(2), options.Cadence.NewCustomerInterval);
        Assert.Equal("owner", options.Cadence.LeadOwnerRole);
        Assert.Equal(new Crm.Rules.Cadence.CadenceOptions().EscalationRole, options.Cadence.EscalationRole);
        Assert.Equal(1m, options.LeadScoring.Criteria["referral"].Points);
        Assert.Equal(4, options.LeadScoring.Criteria.Count);
    }

    [Fact]
    public void Section_AListIsReadInTheOrderOfItsNumbers()
    {
        var options = Read(("cadence:channelOrder:10", "email"), ("cadence:channelOrder:0", "visit"), ("cadence:channelOrder:2", "phone"));
        Assert.Equal(["visit", "phone", "email"], options.Cadence.ChannelOrder);
        Assert.Empty(options.LoadErrors);
    }

    [Fact]
    public void Section_EveryProblemIsReportedWithItsPath()
        => Assert.Equal(
            new[]
            {
                "valueGrading.approval.required: must be true or false, not 'yes'",
                "leadScoring.advanceAt: is not a known setting (known here: criteria, advanceAtPoints, labels); did you mean 'advanceAtPoints'?",
                "leadScoring.criteria.industryMatch.points: must have at most 6 decimal places (got 0.0000001)",
                "cadence.channelOrder.first: is not a list position; this setting is a list [ … ]",
                "cadence.newCustomerDays: must be a whole number, not 'many'",
                "cadence.birthdayReminderDaysBefore: must be a whole number, not the number 4.5",
                "cadence.escalateAfterUnresolvedContacts: must be a whole number, not an object",
                "valueGrading.missingValues: must be one of \"reject\", \"renormalize\", not the text \"Renormalize\"",
                "cadence.newCustomerInterval: 'weekly' is not an ISO-8601 period such as \"P1M\", \"P3D\" or \"PT48H\"",

                // The list with no usable position is read as an empty list, which the cadence rules refuse.
                "cadence.channelOrder: must list at least one channel, without empty names",
            }.Order(StringComparer.Ordinal),
            Problems(
                ("valueGrading:approval:required", "yes"),
                ("leadScoring:advanceAt", "4"),
                ("leadScoring:criteria:industryMatch:points", "0.0000001"),
                ("cadence:channelOrder:first", "x"),
                ("cadence:newCustomerDays", "many"),
                ("cadence:birthdayReminderDaysBefore", "4.5"),
                ("cadence:escalateAfterUnresolvedContacts:x", "1"),
                ("valueGrading:missingValues", "Renormalize"),
                ("cadence:newCustomerInterval", "weekly")).Order(StringComparer.Ordinal));

    [Theory]
    [InlineData("abc", "leadScoring.advanceAtPoints: must be a number, not 'abc'")]
    [InlineData("1e99999999999999999999x", "leadScoring.advanceAtPoints: must be a number, not '1e99999999999999999999x'")]
    [InlineData("1ex99999999999999999999", "leadScoring.advanceAtPoints: must be a number, not '1ex99999999999999999999'")]
    [InlineData("1e99999999999999999999", "leadScoring.advanceAtPoints: must lie between -1000000 and 1000000 (got 1e99999999999999999999)")]
    [InlineData("-1e99999999999999999999", "leadScoring.advanceAtPoints: must lie between -1000000 and 1000000 (got -1e99999999999999999999)")]
    [InlineData("1e-99999999999999999999", "leadScoring.advanceAtPoints: must have at most 6 decimal places (got 1e-99999999999999999999)")]
    [InlineData("+", "leadScoring.advanceAtPoints: must be a number, not '+'")]
    public void Section_ADecimalGivenAsTextIsReadExactly_WithAnExponentTooLongForANumber(string text, string expected)
        => Assert.Equal([expected], Read(("leadScoring:advanceAtPoints", text)).LoadErrors.Select(e => e.ToString()));

    // A number that the scan reads but the fixed-point settings cannot hold is reported once, whether the loader or
    // the bounds check sees it first.
    [Theory]
    [InlineData("1234567.1234567", "leadScoring.advanceAtPoints: must lie between -1000000 and 1000000 (got 1234567.1234567)")]
    [InlineData("123456.1234567", "leadScoring.advanceAtPoints: must have at most 6 decimal places (got 123456.1234567)")]
    public void Section_ADecimalTooLargeOrTooFineIsReportedOnce(string text, string expected)
        => Assert.Equal([expected], Problems(("leadScoring:advanceAtPoints", text)));

    // Text that is empty once trimmed is not a number either; it is reported, never read as 0 or left to crash the scan.
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Section_ADecimalGivenAsEmptyTextIsReported(string text)
        => Assert.Equal(
            ["leadScoring.advanceAtPoints: must be a number, not '" + text + "'"],
            Read(("leadScoring:advanceAtPoints", text)).LoadErrors.Select(e => e.ToString()));

    [Fact]
    public void Section_Empty_IsTheSeedStandard()
    {
        var options = Read();
        Assert.Empty(options.LoadErrors);
        Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, CrmRuleSet.Compile(options).Fingerprint);
    }
}
