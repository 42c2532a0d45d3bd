namespace Crm.Rules.Tests.Sla;

public class SlaFingerprintTests
{
    private const string Base = """
        "timeZone": "Europe/Paris", "week": { "monday": ["09:00-12:00", "13:30-18:00"], "friday": ["09:00-12:00"] },
        "holidays": ["2026-05-01", "2026-12-24/2026-12-26"], "overrides": { "2026-09-27": ["09:00-18:00"] }
        """;

    [Theory]
    [InlineData("interval order within a day", """
        "timeZone": "Europe/Paris", "week": { "monday": ["13:30-18:00", "09:00-12:00"], "friday": ["09:00-12:00"] },
        "holidays": ["2026-05-01", "2026-12-24/2026-12-26"], "overrides": { "2026-09-27": ["09:00-18:00"] }
        """)]
    [InlineData("holiday order", """
        "timeZone": "Europe/Paris", "week": { "monday": ["09:00-12:00", "13:30-18:00"], "friday": ["09:00-12:00"] },
        "holidays": ["2026-12-24/2026-12-26", "2026-05-01"], "overrides": { "2026-09-27": ["09:00-18:00"] }
        """)]
    [InlineData("a range written as single dates, one twice", """
        "timeZone": "Europe/Paris", "week": { "monday": ["09:00-12:00", "13:30-18:00"], "friday": ["09:00-12:00"] },
        "holidays": ["2026-12-25", "2026-05-01", "2026-12-24", "2026-12-26", "2026-12-25"], "overrides": { "2026-09-27": ["09:00-18:00"] }
        """)]
    [InlineData("touching intervals written as two", """
        "timeZone": "Europe/Paris", "week": { "monday": ["09:00-10:00", "10:00-12:00", "13:30-18:00"], "friday": ["09:00-12:00"] },
        "holidays": ["2026-05-01", "2026-12-24/2026-12-26"], "overrides": { "2026-09-27": ["09:00-13:00", "13:00-18:00"] }
        """)]
    [InlineData("closed days given as empty lists", """
        "timeZone": "Europe/Paris", "week": { "monday": ["09:00-12:00", "13:30-18:00"], "tuesday": [], "friday": ["09:00-12:00"], "sunday": [] },
        "holidays": ["2026-05-01", "2026-12-24/2026-12-26"], "overrides": { "2026-09-27": ["09:00-18:00"] }
        """)]
    [InlineData("a holiday written as an override that closes the date", """
        "timeZone": "Europe/Paris", "week": { "monday": ["09:00-12:00", "13:30-18:00"], "friday": ["09:00-12:00"] },
        "holidays": ["2026-12-24/2026-12-26"], "overrides": { "2026-09-27": ["09:00-18:00"], "2026-05-01": [] }
        """)]
    [InlineData("a holiday on an override's date (the override wins)", """
        "timeZone": "Europe/Paris", "week": { "monday": ["09:00-12:00", "13:30-18:00"], "friday": ["09:00-12:00"] },
        "holidays": ["2026-05-01", "2026-12-24/2026-12-26", "2026-09-27"], "overrides": { "2026-09-27": ["09:00-18:00"] }
        """)]
    [InlineData("white space around times", """
        "timeZone": "Europe/Paris", "week": { "monday": ["09:00 - 12:00", "13:30-18:00"], "friday": [" 09:00-12:00 "] },
        "holidays": ["2026-05-01", "2026-12-24 / 2026-12-26"], "overrides": { "2026-09-27": ["09:00-18:00"] }
        """)]
    public void CalendarsThatDifferOnlyInHowTheyAreWritten_HaveOneFingerprint(string difference, string calendar)
    {
        Assert.NotEmpty(difference);
        Assert.Equal(Fingerprint(Base), Fingerprint(calendar));
    }

    [Theory]
    [InlineData("another interval", """
        "timeZone": "Europe/Paris", "week": { "monday": ["09:00-12:00", "13:00-18:00"], "friday": ["09:00-12:00"] },
        "holidays": ["2026-05-01", "2026-12-24/2026-12-26"], "overrides": { "2026-09-27": ["09:00-18:00"] }
        """)]
    [InlineData("the same intervals on another day", """
        "timeZone": "Europe/Paris", "week": { "monday": ["09:00-12:00", "13:30-18:00"], "thursday": ["09:00-12:00"] },
        "holidays": ["2026-05-01", "2026-12-24/2026-12-26"], "overrides": { "2026-09-27": ["09:00-18:00"] }
        """)]
    [InlineData("another holiday", """
        "timeZone": "Europe/Paris", "week": { "monday": ["09:00-12:00", "13:30-18:00"], "friday": ["09:00-12:00"] },
        "holidays": ["2026-05-08", "2026-12-24/2026-12-26"], "overrides": { "2026-09-27": ["09:00-18:00"] }
        """)]
    [InlineData("a longer range", """
        "timeZone": "Europe/Paris", "week": { "monday": ["09:00-12:00", "13:30-18:00"], "friday": ["09:00-12:00"] },
        "holidays": ["2026-05-01", "2026-12-24/2026-12-27"], "overrides": { "2026-09-27": ["09:00-18:00"] }
        """)]
    [InlineData("another override", """
        "timeZone": "Europe/Paris", "week": { "monday": ["09:00-12:00", "13:30-18:00"], "friday": ["09:00-12:00"] },
        "holidays": ["2026-05-01", "2026-12-24/2026-12-26"], "overrides": { "2026-09-27": ["09:00-17:00"] }
        """)]
    [InlineData("another zone", """
        "timeZone": "Europe/Berlin", "week": { "monday": ["09:00-12:00", "13:30-18:00"], "friday": ["09:00-12:00"] },
        "holidays": ["2026-05-01", "2026-12-24/2026-12-26"], "overrides": { "2026-09-27": ["09:00-18:00"] }
        """)]
    [InlineData("the later of two ambiguous instants", """
        "timeZone": "Europe/Paris", "week": { "monday": ["09:00-12:00", "13:30-18:00"], "friday": ["09:00-12:00"] },
        "holidays": ["2026-05-01", "2026-12-24/2026-12-26"], "overrides": { "2026-09-27": ["09:00-18:00"] }, "ambiguousTime": "later"
        """)]
    public void DifferentCalendars_HaveDifferentFingerprints(string difference, string calendar)
    {
        Assert.NotEmpty(difference);
        Assert.NotEqual(Fingerprint(Base), Fingerprint(calendar));
    }

    [Fact]
    public void WarningOrder_DoesNotChangeTheFingerprint_TheirValuesDo()
    {
        static string Policy(string warnings) => TestRules.FromJson($$"""
            { "sla": { "policies": [ { "name": "p", "kind": "response", "target": "PT4H", "warnings": [{{warnings}}] } ] } }
            """).Fingerprint;

        Assert.Equal(Policy("0.5, 0.75"), Policy("0.75, 0.50"));
        Assert.NotEqual(Policy("0.5, 0.75"), Policy("0.5, 0.8"));
    }

    [Fact]
    public void TheSeedStandardCalendar_WrittenOutInFull_KeepsTheSeedFingerprint()
    {
        var business = TestRules.FromJson("""
            { "sla": { "calendars": { "business": { "timeZone": "Asia/Shanghai", "holidays": [], "overrides": {}, "ambiguousTime": "earlier",
                "week": { "friday": ["13:30-18:00", "09:00-12:00"], "monday": ["09:00-12:00", "13:30-18:00"], "tuesday": ["09:00-12:00", "13:30-18:00"],
                          "wednesday": ["09:00-12:00", "13:30-18:00"], "thursday": ["09:00-12:00", "13:30-15:00", "15:00-18:00"], "saturday": [] } } } } }
            """);
        Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, business.Fingerprint);
    }

    private static string Fingerprint(string calendar)
        => TestRules.FromJson($$"""{ "sla": { "calendars": { "office": { {{calendar}} } } } }""").Fingerprint;
}
