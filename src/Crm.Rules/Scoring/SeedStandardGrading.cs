using NodaTime;

namespace Crm.Rules.Scoring;

/// <summary>The seed standard's grading numbers (RULES.md GRADE-1, GRADE-3, GRADE-4, LEAD-1), in one place.</summary>
internal static class SeedStandardGrading
{
    public static List<IndicatorOptions> Indicators() =>
    [
        // GRADE-1: current value 60 %
        new() { Name = "historicalAmount", Weight = 0.30m, Group = "current" },
        new() { Name = "frequency", Weight = 0.15m, Group = "current" },
        new() { Name = "grossMargin", Weight = 0.15m, Group = "current" },
        // GRADE-1: potential value 40 %
        new() { Name = "industryInfluence", Weight = 0.10m, Group = "potential" },
        new() { Name = "needMatch", Weight = 0.15m, Group = "potential" },
        new() { Name = "willingness", Weight = 0.15m, Group = "potential" },
    ];

    public static Dictionary<string, GradeOptions> Grades() => new(StringComparer.Ordinal)
    {
        ["A"] = new()
        {
            Label = "core",
            MinimumTotal = 4m,
            Treatment = new()
            {
                ContactInterval = Period.FromMonths(1),
                Channels = ["visit", "deepTalk"],
                OwnerRole = "salesDirector",
                ServiceLevel = "dedicatedAdvisor",
                // SLA-1: 7×24 means the clock runs on calendar time; the 24 h target is SLA-3's.
                ResponseTime = Duration.FromHours(24),
                ResponseCalendar = "24x7",
            },
        },
        ["B"] = new()
        {
            Label = "potential",
            MinimumTotal = 3m,
            Treatment = new()
            {
                ContactInterval = Period.FromMonths(3),
                Channels = ["phone", "online"],
                OwnerRole = "salesManager",
                ServiceLevel = "standard",
                ResponseTime = Duration.FromHours(48),
                ResponseCalendar = "business",
            },
        },
        ["C"] = new()
        {
            Label = "general",
            MinimumTotal = null,
            Treatment = new()
            {
                ContactInterval = Period.FromMonths(6),
                Channels = ["email", "sms"],
                OwnerRole = "customerService",
                ServiceLevel = "selfService",
                ResponseTime = Duration.FromHours(72),
                ResponseCalendar = "business",
            },
        },
    };

    public static Dictionary<string, LeadCriterionOptions> LeadCriteria() => new(StringComparer.Ordinal)
    {
        ["industryMatch"] = new() { Points = 3m },
        ["budgetClear"] = new() { Points = 2m },
        ["authorityClear"] = new() { Points = 2m },
    };

    public static Dictionary<string, LeadLabelOptions> LeadLabels() => new(StringComparer.Ordinal)
    {
        ["high-potential"] = new() { MinimumPoints = 5m },
        // LEAD-1 leaves the normal / nurture boundary open: 3 points (an industry match alone) is a normal lead.
        ["normal"] = new() { MinimumPoints = 3m },
        ["nurture"] = new() { MinimumPoints = null },
    };
}
