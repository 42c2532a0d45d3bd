namespace Crm.Rules.Tests.Configuration;

public class FamilyValidationTests
{
    [Theory]
    [InlineData("""{ "cadence": { "leadIntervals": { "normal": "P0D" } } }""", "cadence.leadIntervals.normal: must be a positive ISO-8601 period such as \"P1M\"")]
    [InlineData("""{ "cadence": { "escalateAfterUnresolvedContacts": 0 } }""", "cadence.escalateAfterUnresolvedContacts: must be at least 1")]
    [InlineData("""{ "satisfaction": { "kpiTargets": { "requestResolution": 1.2 } } }""", "satisfaction.kpiTargets.requestResolution: must be a rate between 0 and 1; got 1.2")]
    [InlineData("""{ "satisfaction": { "kpiTargets": { "todoCompletion": null } } }""", "satisfaction.kpiTargets.todoCompletion: is required: the cadence planner's monthly review (CAD-5) checks it")]
    [InlineData("""{ "cadence": { "requestResolutionFloor": 0.8 } }""", "cadence.requestResolutionFloor: is not a known setting (known here: leadIntervals, leadOwnerRole, newCustomerDays, newCustomerInterval, channelOrder, eventFollowUps, escalateAfterUnresolvedContacts, escalationRole, surveyIntervals, surveyAfterEvents, birthdayReminderDaysBefore)")]
    [InlineData("""{ "cadence": { "channelOrder": [] } }""", "cadence.channelOrder: must list at least one channel, without empty names")]
    [InlineData("""{ "cadence": { "eventFollowUps": { "complaint": "P-1D" } } }""", "cadence.eventFollowUps.complaint: must be a period that is not negative, e.g. \"P1D\" or \"P0D\"")]
    [InlineData("""{ "demands": { "importanceThreshold": 7 } }""", "demands.importanceThreshold: must be between 1 and 5 (a score on the 1..5 scale); got 7")]
    [InlineData("""{ "demands": { "quadrantOrder": ["do-first", "plan"] } }""", "demands.quadrantOrder: must list each of the four quadrants once: do-first, plan, quick-response, defer")]
    [InlineData("""{ "demands": { "orderBy": ["quadrant", "price"] } }""", "demands.orderBy[1]: 'price' is not an ordering key (quadrant, customerGrade, valueToCost, strategicFit)")]
    [InlineData("""{ "demands": { "orderBy": ["quadrant", "quadrant"] } }""", "demands.orderBy[1]: 'quadrant' is listed twice")]
    [InlineData("""{ "demands": { "feedbackCalendar": "office" } }""", "demands.feedbackCalendar: 'office' is not a calendar of sla.calendars (known: 24x7, business)")]
    [InlineData("""{ "demands": { "actions": { "urgent": "x" } } }""", "demands.actions.urgent: is not a quadrant (do-first, plan, quick-response, defer)")]
    [InlineData("""{ "satisfaction": { "passiveMinimum": 9 } }""", "satisfaction.passiveMinimum: must satisfy 1 ≤ passiveMinimum < promoterMinimum ≤ 10; got 9 and 9")]
    [InlineData("""{ "satisfaction": { "kpiTargets": { "referralRate": -0.1 } } }""", "satisfaction.kpiTargets.referralRate: must be a rate between 0 and 1; got -0.1")]
    [InlineData("""{ "dataQuality": { "customerId": { "sequenceDigits": 0 } } }""", "dataQuality.customerId.sequenceDigits: must be between 1 and 9; got 0")]
    [InlineData("""{ "dataQuality": { "customerId": { "industries": ["RTX"] } } }""", "dataQuality.customerId.industries[0]: 'RTX' is not 2 capital letters")]
    [InlineData("""{ "satisfaction": { "kpiTargets": { "dataCompleteness": 95 } } }""", "satisfaction.kpiTargets.dataCompleteness: must be a rate between 0 and 1; got 95")]
    [InlineData("""{ "dataQuality": { "phoneMask": { "maskCharacter": "9" } } }""", "dataQuality.phoneMask: keepStart and keepEnd must not be negative, and maskCharacter must be one character that is not a digit")]
    public void Validation_ReportsThePathAndASentence(string json, string expected)
        => Assert.Contains(expected, TestRules.ProblemsOf(json));
}
