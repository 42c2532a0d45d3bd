using NodaTime;

namespace Crm.Rules.Sla;

/// <summary>The seed standard's SLA numbers (RULES.md SLA-1 … SLA-7) and the default business calendar, in one place.</summary>
internal static class SeedStandardSla
{
    public const string Business = "business";

    public static Dictionary<string, BusinessCalendarOptions> Calendars() => new(StringComparer.Ordinal)
    {
        // The seeds are Chinese standards: a Shanghai office week with a lunch break. Holidays and make-up days change
        // every year, so the host supplies them (see samples/config/cn-office.json).
        [Business] = new()
        {
            TimeZone = "Asia/Shanghai",
            Week = new()
            {
                Monday = ["09:00-12:00", "13:30-18:00"],
                Tuesday = ["09:00-12:00", "13:30-18:00"],
                Wednesday = ["09:00-12:00", "13:30-18:00"],
                Thursday = ["09:00-12:00", "13:30-18:00"],
                Friday = ["09:00-12:00", "13:30-18:00"],
            },
        },
    };

    public static List<SlaPolicyOptions> Policies() =>
    [
        // SLA-1 response by grade: A 7×24 (calendar time), B 48 h and C 72 h of business time.
        Policy("response-A", kind: "response", grade: "A", target: Duration.FromHours(24), calendar: SlaOptions.AlwaysOpenCalendar),
        Policy("response-B", kind: "response", grade: "B", target: Duration.FromHours(48), calendar: Business),
        Policy("response-C", kind: "response", grade: "C", target: Duration.FromHours(72), calendar: Business),

        // SLA-2 record a contact within 24 h; enter a new customer's data within 24 h.
        Policy("contact-record", kind: "contactRecord", target: Duration.FromHours(24), calendar: SlaOptions.AlwaysOpenCalendar),
        Policy("customer-data-entry", kind: "customerDataEntry", target: Duration.FromHours(24), calendar: SlaOptions.AlwaysOpenCalendar),

        // SLA-3 objection or request: respond within 24 h; complex issue: solution within 48 h.
        Policy("request-response", kind: "request", target: Duration.FromHours(24), calendar: SlaOptions.AlwaysOpenCalendar),
        Policy("complex-issue-solution", kind: "complexIssue", target: Duration.FromHours(48), calendar: SlaOptions.AlwaysOpenCalendar),

        // SLA-4 negative review after delivery: respond within 24 h.
        Policy("negative-review", kind: "negativeReview", target: Duration.FromHours(24), calendar: SlaOptions.AlwaysOpenCalendar),

        // SLA-5 demand fulfilment feedback within 3 working days.
        Policy("demand-feedback", kind: "demandFeedback", workingDays: 3, calendar: Business),

        // SLA-6 high churn risk: cause analysis within 24 h, executive talk within 3 days.
        Policy("churn-cause-analysis", kind: "churnAnalysis", target: Duration.FromHours(24), calendar: SlaOptions.AlwaysOpenCalendar),
        Policy("churn-executive-talk", kind: "executiveContact", target: Duration.FromDays(3), calendar: SlaOptions.AlwaysOpenCalendar),

        // SLA-7 escalation levels and special clocks.
        Policy("normal-issue", kind: "issue", target: Duration.FromHours(48), calendar: SlaOptions.AlwaysOpenCalendar),
        Policy("major-risk-level-1", kind: "riskResponse", priority: "level1", target: Duration.FromHours(24), calendar: SlaOptions.AlwaysOpenCalendar),
        Policy("crisis-first-response", kind: "crisis", target: Duration.FromHours(4), calendar: SlaOptions.AlwaysOpenCalendar),
        Policy("technical-diagnosis", kind: "technicalDiagnosis", target: Duration.FromHours(2), calendar: SlaOptions.AlwaysOpenCalendar),
        Policy("feasibility-feedback", kind: "feasibilityFeedback", target: Duration.FromHours(48), calendar: SlaOptions.AlwaysOpenCalendar),
        Policy("vip-inquiry", kind: "inquiry", priority: "vip", target: Duration.FromHours(2), calendar: SlaOptions.AlwaysOpenCalendar),
    ];

    private static SlaPolicyOptions Policy(string name, string kind, string calendar, string? grade = null, string? priority = null, Duration? target = null, int? workingDays = null)
        => new() { Name = name, Kind = kind, Grade = grade, Priority = priority, Target = target, WorkingDays = workingDays, Calendar = calendar };
}
