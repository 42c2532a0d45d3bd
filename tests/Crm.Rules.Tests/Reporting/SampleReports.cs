using Crm.Rules.CommandLine.Reporting;
using NodaTime;

namespace Crm.Rules.Tests.Reporting;

/// <summary>
/// Report models for the tests and for <c>docs/images/report-sample.png</c>: a portfolio shaped like the real summary
/// (every chart type), one with hostile labels, and edge cases.
/// </summary>
internal static class SampleReports
{
    public const string Fingerprint = "sha256:9c1e4f0a7b2d";

    public static ReportModel Portfolio() => new(
        "Customer portfolio",
        new LocalDate(2026, 3, 31),
        Fingerprint,
        [
            "Value grading: A from 80 points, B from 60, C from 40, D below",
            "Churn risk: 7 signals in 4 bands (Low, Medium, High, Critical)",
            "Cadence: 4 owner roles, contact intervals from 2 weeks (A) to a quarter (D)",
            "SLA: 3 policies on the Europe/London working calendar",
        ],
        [
            new("Customers per grade", "Grade A holds over half the value with 6% of the customers.",
                new CategoryChart("Customers and value per grade", "Customers", [new("A", 120, 1_840_000m), new("B", 340, 1_120_500m), new("C", 610, 402_300m), new("D", 930, 88_200m)])
                { SecondLabel = "Value (EUR)" }),
            new("Churn risk", "Customers per churn band.",
                new CategoryChart("Customers per churn band", "Customers", [new("Low", 1_210), new("Medium", 480), new("High", 220), new("Critical", 90)])),
            new("Lifecycle", null,
                new CategoryChart("Customers per lifecycle stage", "Customers", [new("Prospect", 310), new("Onboarding", 145), new("Active", 1_690), new("At risk", 260), new("Lapsed", 410), new("Won back", 38)])),
            new("Loyalty tiers", null,
                new CategoryChart("Customers per loyalty tier", "Customers", [new("Bronze", 1_402), new("Silver", 388), new("Gold", 151), new("Platinum", 47), new("VIP", 12)])),
            new("Signals that fire most", "Per churn band, the signals behind the score.",
                new RankingChart("Signals fired per churn band", "Customers with the signal",
                [
                    new("Critical", [new("No order in 180 days", 84), new("Support tickets up", 61), new("Downgraded plan", 40), new("NPS detractor", 33)]),
                    new("High", [new("No order in 90 days", 170), new("NPS detractor", 96), new("Payment failed", 52)]),
                    new("Medium", [new("Fewer logins", 301), new("No order in 90 days", 122)]),
                ])),
            new("Contacts due", "Contacts due per week for the next quarter, by owner role.",
                new StackedChart("Contacts due per week by owner role", "Contacts",
                    [.. Enumerable.Range(14, 13).Select(w => $"W{w}")],
                    [
                        new("Account manager", [42, 38, 51, 40, 44, 39, 47, 52, 41, 38, 45, 50, 43]),
                        new("Customer success", [30, 35, 28, 33, 36, 31, 29, 34, 37, 30, 32, 28, 35]),
                        new("Sales development", [18, 22, 25, 19, 21, 24, 20, 23, 18, 26, 22, 19, 21]),
                        new("Support lead", [6, 4, 9, 5, 7, 8, 4, 6, 9, 5, 7, 6, 8]),
                    ])),
            new("Pipeline", "Conversion to the next stage and the median time spent in each stage.",
                new FunnelChart("Sales funnel",
                [
                    new("Lead", 2_400, MedianTimeInStage: Duration.FromHours(52)),
                    new("Qualified", 1_150, MedianTimeInStage: Duration.FromHours(102)),
                    new("Proposal", 520, MedianTimeInStage: Duration.FromDays(9) + Duration.FromHours(4)),
                    new("Negotiation", 260, MedianTimeInStage: Duration.FromDays(6)),
                    new("Won", 140),
                ])),
            new("SLA compliance", null,
                new CategoryChart("Compliance per SLA policy", "Compliance", [new("Priority", 0.962m), new("Standard", 0.914m), new("Low touch", 0.781m)])
                { ValueFormat = "0.0%", AxisMaximum = 1 },
                new ReportTable(
                    [new("Policy"), new("Met", Numeric: true), new("Breached", Numeric: true)],
                    [["Priority", "1,204", "47"], ["Standard", "3,310", "312"], ["Low touch", "802", "225"]])),
            new("Customers at risk", "The customers at risk with the most value at stake; the line is their cumulative share.",
                new ParetoChart("Top customers at risk by value at stake", "Value at stake (EUR)",
                [
                    new("Nordwind GmbH", 182_000), new("Acme Retail Ltd", 151_500), new("Blue Harbour", 96_200), new("张三贸易", 74_800), new("Keystone & Sons", 52_000),
                    new("Orchid Labs", 41_250), new("Pine Street Deli", 30_100), new("Voltera SpA", 22_400), new("Müller Transporte", 18_900), new("Gale Outfitters", 12_300),
                ])),
        ]);

    /// <summary>Labels a hostile input could carry: markup, an entity, quotes, a terminal escape, a spreadsheet formula, a lone surrogate, a bidi override.</summary>
    public static readonly string[] HostileLabels =
    [
        "<script>alert(1)</script>",
        "Fish & \"Chips\" 'Ltd'",
        "\u001b[31mred\u001b[0m",
        "=HYPERLINK(\"https://evil.example\",\"x\")",
        "broken \ud800 pair",
        "evil\u202Etxt.exe",
        "]]><!--",
        "[bold]markup[/]",
    ];

    public static ReportModel Hostile() => new(
        "<script>alert('title')</script> & co",
        new LocalDate(2026, 1, 2),
        "<b>fp</b>\u0007",
        ["<img src=x onerror=alert(1)>", "\u001b]8;;https://evil.example\u0007link"],
        [
            new("<h1>heading</h1>", "Sentence with <i>markup</i> & \u001b[2J", new CategoryChart("Chart <title>", "Value \"label\"", [.. HostileLabels.Select((l, i) => new ChartBar(l, i + 1, i))])),
            new("Pareto", null, new ParetoChart("P", "V", [.. HostileLabels.Select((l, i) => new ChartBar(l, i + 1))])),
            new("Stacked", null, new StackedChart("S", "V", HostileLabels, [new(HostileLabels[0], [.. HostileLabels.Select(_ => 1m)]), new(HostileLabels[1], [.. HostileLabels.Select(_ => 2m)])])),
            new("Funnel", null, new FunnelChart("F", [.. HostileLabels.Select((l, i) => new FunnelStage(l, 100 - i))])),
            new("Ranking", null, new RankingChart("R", "V", [new(HostileLabels[0], [.. HostileLabels.Select((l, i) => new ChartBar(l, i))])])),
            new("Table", null, null, new ReportTable([new(HostileLabels[0]), new(HostileLabels[3])], [[HostileLabels[1], HostileLabels[2]]])),
        ]);
}
