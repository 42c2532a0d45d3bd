namespace Crm.Rules.Tests.Configuration;

/// <summary>
/// The shape check of a rules file: every value of the wrong kind and every unknown key is reported with its path, and
/// the rest of the file is still read; null clears or removes, never falls back silently to the default.
/// </summary>
public class ShapeCheckTests
{
    [Theory]
    [InlineData("""{ "valueGrading": { "scale": [] } }""", "valueGrading.scale: must be an object { … }, not a list")]
    [InlineData("""{ "valueGrading": { "grades": 1 } }""", "valueGrading.grades: must be an object of named entries { \"name\": … }, not the number 1")]
    [InlineData("""{ "cadence": { "channelOrder": "phone" } }""", "cadence.channelOrder: must be a list [ … ], not the text \"phone\"")]
    [InlineData("""{ "cadence": { "channelOrder": ["visit", 5] } }""", "cadence.channelOrder[1]: must be text in quotes, not the number 5")]
    [InlineData("""{ "cadence": { "channelOrder": ["visit", null] } }""", "cadence.channelOrder[1]: must not be null; a list holds values only")]
    [InlineData("""{ "cadence": { "newCustomerDays": 2147483648 } }""", "cadence.newCustomerDays: must be a whole number, not the number 2147483648")]
    [InlineData("""{ "cadence": { "newCustomerDays": "90" } }""", "cadence.newCustomerDays: must be a whole number, not the text \"90\"")]
    [InlineData("""{ "cadence": { "newCustomerDays": true } }""", "cadence.newCustomerDays: must be a whole number, not true")]
    [InlineData("""{ "cadence": { "leadOwnerRole": 5 } }""", "cadence.leadOwnerRole: must be text in quotes, not the number 5")]
    [InlineData("""{ "cadence": { "leadOwnerRole": {} } }""", "cadence.leadOwnerRole: must be text in quotes, not an object")]
    [InlineData("""{ "valueGrading": { "approval": { "required": 1 } } }""", "valueGrading.approval.required: must be true or false, not the number 1")]
    [InlineData("""{ "valueGrading": { "approval": { "required": false, "approverRole": false } } }""", "valueGrading.approval.approverRole: must be text in quotes, not false")]
    [InlineData("""{ "leadScoring": { "advanceAtPoints": "5" } }""", "leadScoring.advanceAtPoints: must be a number, not the text \"5\"")]
    [InlineData("""{ "cadence": { "newCustomerInterval": 7 } }""", "cadence.newCustomerInterval: must be an ISO-8601 period in quotes, e.g. \"P1M\"")]
    [InlineData("""{ "valueGrading": { "grades": { "A": { "treatment": { "responseTime": 48 } } } } }""", "valueGrading.grades.A.treatment.responseTime: must be an ISO-8601 duration in quotes, e.g. \"PT48H\"")]
    [InlineData("""{ "sla": { "policies": [ { "name": "x", "target": "PT48H", "warnings": [0.5, null] } ] } }""", "sla.policies[0].warnings[1]: must not be null; a list holds values only")]
    [InlineData("""{ "valueGrading": { "missingValues": "Reject" } }""", "valueGrading.missingValues: must be one of \"reject\", \"renormalize\", not the text \"Reject\"")]
    [InlineData("""{ "valueGrading": { "missingValues": null } }""", "valueGrading.missingValues: must not be null; expected one of \"reject\", \"renormalize\"")]
    [InlineData("""{ "sla": { "calendars": { "business": { "ambiguousTime": null } } } }""", "sla.calendars.business.ambiguousTime: must not be null; expected one of \"earlier\", \"later\"")]
    [InlineData("""{ "lifecycle": { "keyAccounts": { "promoteAtGrowth": null } } }""", "lifecycle.keyAccounts.promoteAtGrowth: must not be null; expected a number")]
    [InlineData("""{ "valueGrading": { "approval": { "required": null } } }""", "valueGrading.approval.required: must not be null; expected true or false")]
    [InlineData("""{ "cadence": { "newCustomerInterval": null } }""", "cadence.newCustomerInterval: must not be null; leave the setting out to keep its default")]
    [InlineData("""{ "valueGrading": { "grades": { "A": { "treatment": { "responseTime": null } } } } }""", "valueGrading.grades.A.treatment.responseTime: is required, e.g. \"PT48H\"")]
    public void AValueOfTheWrongKind_IsReportedWithItsPath(string json, string expected)
        => Assert.Equal([expected], TestRules.ProblemsOf(json));

    [Theory]
    [InlineData("scal", "; did you mean 'scale'?")]
    [InlineData("Scale", "; did you mean 'scale'?")]
    [InlineData("approvals", "; did you mean 'approval'?")]
    [InlineData("grade", "; did you mean 'grades'?")]
    [InlineData("indi", "; did you mean 'indicators'?")]
    [InlineData("missing", "; did you mean 'missingValues'?")]
    // At exactly the cut-off (one edit per three letters of the known name, at least one) a name is still suggested.
    [InlineData("sxale", "; did you mean 'scale'?")]
    [InlineData("apprxvxl", "; did you mean 'approval'?")]
    [InlineData("apxrxvxl", "")]
    [InlineData("ind", "")]
    [InlineData("sxxle", "")]
    [InlineData("xyz", "")]
    public void AnUnknownKey_SuggestsTheNearestKnownOne(string key, string hint)
        => Assert.Equal(
            [$"valueGrading.{key}: is not a known setting (known here: scale, indicators, grades, missingValues, approval){hint}"],
            TestRules.ProblemsOf($$"""{ "valueGrading": { "{{key}}": 1 } }"""));

    [Fact]
    public void AnUnknownKeyThatIsNotAPlainWord_IsQuotedInThePath()
        => Assert.Equal(
            ["valueGrading['a b']: is not a known setting (known here: scale, indicators, grades, missingValues, approval)", "valueGrading['it\\'s']: is not a known setting (known here: scale, indicators, grades, missingValues, approval)"],
            TestRules.ProblemsOf("""{ "valueGrading": { "a b": 1, "it's": 2 } }"""));

    [Fact]
    public void AnUnknownKeyAtTheTop_IsItsOwnPath()
        => Assert.Equal(
            ["['a.b']: is not a known setting (known here: valueGrading, leadScoring, sla, cadence, demands, satisfaction, dataQuality, churn, lifecycle, access, analytics, loyalty, assessment)", "valueGrading['']: is not a known setting (known here: scale, indicators, grades, missingValues, approval)", "x_y-1: is not a known setting (known here: valueGrading, leadScoring, sla, cadence, demands, satisfaction, dataQuality, churn, lifecycle, access, analytics, loyalty, assessment)"],
            TestRules.ProblemsOf("""{ "a.b": 1, "valueGrading": { "": 1 }, "x_y-1": 2 }"""));

    [Fact]
    public void WhatDoesNotFit_IsLeftOut_AndTheRestIsStillRead()
    {
        var options = new CrmRulesOptions();
        var read = Crm.Rules.Configuration.CrmRulesJson.ReadText("""{ "cadence": { "channelOrder": ["visit", 5], "newCustomerDays": 30, "leadOwnerRole": 7 } }""", null);
        Assert.Equal(options.Cadence.ChannelOrder, read.Cadence.ChannelOrder);
        Assert.Equal(options.Cadence.LeadOwnerRole, read.Cadence.LeadOwnerRole);
        Assert.Equal(30, read.Cadence.NewCustomerDays);
    }

    [Fact]
    public void Null_ClearsAnOptionalSetting_AndRemovesAMapEntry()
    {
        Assert.NotNull(CrmRulesOptions.SeedStandard().Churn.Signals["noUse"].LoginThreshold);
        var options = Crm.Rules.Configuration.CrmRulesJson.Parse("""{ "churn": { "signals": { "noUse": { "loginThreshold": null } } }, "lifecycle": { "machines": { "ageStages": null } } }""");
        Assert.Null(options.Churn.Signals["noUse"].LoginThreshold);
        Assert.Equal(["funnel", "lifecycle"], options.Lifecycle.Machines.Keys);
        Assert.Empty(TestRules.ProblemsOf("""{ "valueGrading": { "indicators": [ { "name": "a", "weight": 1, "group": null } ] } }"""));
    }

    [Fact]
    public void AnObjectReplacesAPlainValue_AndAMapEntryMergesIntoTheSeedEntry()
    {
        var options = Crm.Rules.Configuration.CrmRulesJson.Parse("""{ "lifecycle": { "machines": { "funnel": { "stages": ["lead", "prospect", "intent", "negotiation", "won", "repeat", "lost"] }, "m": { "stages": ["only"] } } } }""");
        Assert.Equal(9, options.Lifecycle.Machines["funnel"].Transitions.Count);
        Assert.Equal(["only"], options.Lifecycle.Machines["m"].Stages);
        Assert.Equal(["funnel", "lifecycle", "ageStages", "m"], options.Lifecycle.Machines.Keys);
    }
}
