using Crm.Rules.Cadence;
using Crm.Rules.Configuration;
using NodaTime;

namespace Crm.Rules.Tests.Cadence;

/// <summary>CAD-1 … CAD-9 validation: each error alone with its own path, and the settings at the edge that stay valid.</summary>
public class CadenceValidationTests
{
    private const string Positive = "must be a positive ISO-8601 period such as \"P1M\"";
    // A date plus hours is refused by NodaTime: such periods used to pass validation and then fail every plan.
    private const string DatesOnly = "must be whole days, weeks, months or years: contacts are planned for dates; got ";
    private const string NotNegative = "must be a period that is not negative, e.g. \"P1D\" or \"P0D\"";

    [Theory]
    [InlineData("""{ "cadence": { "leadIntervals": { "high-potential": null, "normal": null, "nurture": null } } }""", "cadence.leadIntervals: must name at least one lead label with its interval")]
    [InlineData("""{ "cadence": { "leadIntervals": { "normal": "P0D" } } }""", "cadence.leadIntervals.normal: " + Positive)]
    [InlineData("""{ "cadence": { "newCustomerInterval": "P-1W" } }""", "cadence.newCustomerInterval: " + Positive)]
    [InlineData("""{ "cadence": { "surveyIntervals": { "A": "P0M" } } }""", "cadence.surveyIntervals.A: " + Positive)]
    [InlineData("""{ "cadence": { "eventFollowUps": { "complaint": "P-1D" } } }""", "cadence.eventFollowUps.complaint: " + NotNegative)]
    [InlineData("""{ "cadence": { "surveyAfterEvents": { "delivery": "P-1W" } } }""", "cadence.surveyAfterEvents.delivery: " + NotNegative)]
    // Negative in one unit only (the mutation run found years and months unchecked alone).
    [InlineData("""{ "cadence": { "eventFollowUps": { "complaint": "P-1M" } } }""", "cadence.eventFollowUps.complaint: " + NotNegative)]
    [InlineData("""{ "cadence": { "eventFollowUps": { "complaint": "P-1Y" } } }""", "cadence.eventFollowUps.complaint: " + NotNegative)]
    [InlineData("""{ "cadence": { "leadIntervals": { "normal": "PT12H" } } }""", "cadence.leadIntervals.normal: " + DatesOnly + "PT12H")]
    [InlineData("""{ "cadence": { "newCustomerInterval": "P7DT1M" } }""", "cadence.newCustomerInterval: " + DatesOnly + "P7DT1M")]
    [InlineData("""{ "cadence": { "surveyIntervals": { "B": "P6MT1S" } } }""", "cadence.surveyIntervals.B: " + DatesOnly + "P6MT1S")]
    [InlineData("""{ "cadence": { "eventFollowUps": { "complaint": "PT2H" } } }""", "cadence.eventFollowUps.complaint: " + DatesOnly + "PT2H")]
    [InlineData("""{ "cadence": { "surveyAfterEvents": { "delivery": "PT1H" } } }""", "cadence.surveyAfterEvents.delivery: " + DatesOnly + "PT1H")]
    [InlineData("""{ "cadence": { "newCustomerDays": -1 } }""", "cadence.newCustomerDays: must be between 0 and 36,525 days (100 years); got -1")]
    [InlineData("""{ "cadence": { "newCustomerDays": 1000001 } }""", "cadence.newCustomerDays: must be between 0 and 36,525 days (100 years); got 1000001")]
    [InlineData("""{ "cadence": { "escalateAfterUnresolvedContacts": 0 } }""", "cadence.escalateAfterUnresolvedContacts: must be at least 1")]
    [InlineData("""{ "cadence": { "escalationRole": " " } }""", "cadence.escalationRole: must name the role that escalated customers go to")]
    [InlineData("""{ "cadence": { "leadOwnerRole": "" } }""", "cadence.leadOwnerRole: must name the role that follows up leads")]
    [InlineData("""{ "cadence": { "channelOrder": [] } }""", "cadence.channelOrder: must list at least one channel, without empty names")]
    [InlineData("""{ "cadence": { "channelOrder": ["visit", " "] } }""", "cadence.channelOrder: must list at least one channel, without empty names")]
    [InlineData("""{ "cadence": { "birthdayReminderDaysBefore": -1 } }""", "cadence.birthdayReminderDaysBefore: must be between 0 and 366")]
    [InlineData("""{ "cadence": { "birthdayReminderDaysBefore": 367 } }""", "cadence.birthdayReminderDaysBefore: must be between 0 and 366")]
    public void Cadence_InvalidSettingsAreReportedAloneWithTheirPath(string json, string expected)
        => Assert.Equal([expected], TestRules.ProblemsOf(json));

    [Theory]
    [InlineData("""{ "cadence": { "leadIntervals": { "normal": "P1D" }, "newCustomerInterval": "P1M1D", "surveyIntervals": { "C": "P2Y" } } }""")]
    [InlineData("""{ "cadence": { "eventFollowUps": { "complaint": "P0D" }, "surveyAfterEvents": { "delivery": "P0D" } } }""")]
    [InlineData("""{ "cadence": { "newCustomerDays": 0, "escalateAfterUnresolvedContacts": 1 } }""")]
    [InlineData("""{ "cadence": { "birthdayReminderDaysBefore": 0 } }""")]
    [InlineData("""{ "cadence": { "birthdayReminderDaysBefore": 366 } }""")]
    [InlineData("""{ "cadence": { "channelOrder": ["letter"] } }""")]
    public void Cadence_SettingsAtTheEdgeAreValid(string json)
    {
        Assert.Empty(TestRules.ProblemsOf(json));
        Assert.NotNull(TestRules.FromJson(json).Cadence);
    }

    public static TheoryData<string[], Action<CrmRulesOptions>> CodeCases => new()
    {
        { ["cadence.leadIntervals: must name at least one lead label with its interval"], o => o.Cadence.LeadIntervals = null! },
        { ["cadence.leadIntervals.normal: " + Positive], o => o.Cadence.LeadIntervals["normal"] = null! },
        { ["cadence.newCustomerInterval: " + Positive], o => o.Cadence.NewCustomerInterval = null! },
        { ["cadence.eventFollowUps.complaint: " + NotNegative], o => o.Cadence.EventFollowUps["complaint"] = null! },
        { ["cadence.surveyAfterEvents.delivery: " + NotNegative], o => o.Cadence.SurveyAfterEvents["delivery"] = null! },
        { ["cadence.channelOrder: must list at least one channel, without empty names"], o => o.Cadence.ChannelOrder = null! },
        { ["cadence.leadIntervals.normal: " + Positive], o => o.Cadence.LeadIntervals["normal"] = Period.FromMonths(1) - Period.FromDays(1) },
        { ["cadence.eventFollowUps.delivery: " + NotNegative], o => o.Cadence.EventFollowUps["delivery"] = Period.FromWeeks(1) - Period.FromDays(8) },
        { [], o => (o.Cadence.SurveyIntervals, o.Cadence.EventFollowUps, o.Cadence.SurveyAfterEvents) = (null!, null!, null!) },
        {
            ["cadence.escalationRole: must name the role that escalated customers go to", "cadence.leadOwnerRole: must name the role that follows up leads"],
            o => (o.Cadence.EscalationRole, o.Cadence.LeadOwnerRole) = (null!, null!)
        },
    };

    [Theory]
    [MemberData(nameof(CodeCases))]
    public void Cadence_OptionsBuiltInCode_AreReportedNotThrown(string[] expected, Action<CrmRulesOptions> change)
    {
        var options = new CrmRulesOptions();
        change(options);
        Assert.Equal(expected, CrmRulesValidation.Validate(options).Select(e => e.ToString()).Where(e => e.StartsWith("cadence", StringComparison.Ordinal)));
    }
}
