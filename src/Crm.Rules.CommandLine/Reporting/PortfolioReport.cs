using System.Globalization;
using Crm.Rules.Assessment;
using Crm.Rules.CommandLine.Output;

namespace Crm.Rules.CommandLine.Reporting;

/// <summary>
/// A portfolio summary as a report: the charts <c>crm-rules report</c> draws in HTML and <c>assess --summary</c> draws on
/// the terminal, from the same model.
/// </summary>
internal static class PortfolioReport
{
    /// <summary>The portfolio's sections (as <c>assess --summary</c> draws them).</summary>
    public static ReportModel From(PortfolioSummary summary, CrmRuleSet rules) => From(summary, rules, null);

    /// <summary>
    /// The portfolio's sections and, when <paramref name="attachments"/> is given (<c>crm-rules report</c>), the funnel
    /// after the lifecycle stages and SLA compliance after the response policies — drawn from the histories and tickets
    /// read, or a sentence naming the option that would draw them.
    /// </summary>
    public static ReportModel From(PortfolioSummary summary, CrmRuleSet rules, ReportAttachments? attachments)
    {
        List<ReportSection> sections =
        [
            new("Grades and the value they hold",
                $"{summary.Customers:N0} customers; {summary.PendingApproval:N0} grade changes wait for approval (GRADE-5). Value is the transaction summary's monetary figure.",
                new CategoryChart("Customers and value per grade in effect", "customers", [.. summary.Grades.Zip(summary.ValueByGrade, (g, v) => new ChartBar(g.Name, g.Count, v.Amount))])
                { SecondLabel = "value" }),
            new("Value per grade (Pareto)", null,
                new ParetoChart("Share of value per grade", "value", [.. summary.ValueByGrade.Where(v => v.Amount > 0).OrderByDescending(v => v.Amount).Select(v => new ChartBar(v.Name, v.Amount))])),
            new("Churn risk", "Bands by total (CHURN-3) and the signals that fire most in each band.",
                new CategoryChart("Customers per churn band", "customers", [.. summary.Bands.Select(b => new ChartBar(b.Name, b.Count))])),
            new("Signals that fire most", null,
                new RankingChart("Fired signals per band", "customers", [.. summary.SignalsByBand.Select(b => new RankingGroup(b.Key, [.. b.Value.Take(8).Select(s => new ChartBar(s.Name, s.Count))]))])),
            new($"Contacts due in the next {summary.ContactWeeks.Count} weeks", $"By owner role (CAD-1); week 1 holds the overdue contacts; {summary.ContactsLater:N0} fall later.",
                Weekly(summary)),
            new("Lifecycle stages", "Current stage and the stage the rules propose (LIFE-1).",
                new StackedChart("Customers per stage", "customers", [.. summary.Stages.Select(s => s.Name)],
                    [new ChartSeries("current", [.. summary.Stages.Select(s => (decimal)s.Count)]), new ChartSeries("proposed", [.. summary.ProposedStages.Select(s => (decimal)s.Count)])])
                { Layout = StackLayout.Grouped }),
            .. attachments is null ? [] : new[] { AttachmentSections.Funnel(attachments.Funnel) },
            new("Response-time policies", "The SLA-1 policy each customer's grade selects; compliance on tickets needs tickets (report --tickets, crm-rules sla).",
                new CategoryChart("Customers per response policy", "customers", [.. summary.ResponsePolicies.Select(p => new ChartBar(p.Name, p.Count))])),
            .. attachments is null ? [] : AttachmentSections.Sla(attachments.Sla),
            new("Loyalty tiers and RFM segments", null,
                new CategoryChart("Customers per loyalty tier", "customers", [.. summary.LoyaltyTiers.Select(t => new ChartBar(t.Name, t.Count))])),
            new("Highest risk by value at stake", $"The top {summary.TopAtRisk.Count} by band, then value at stake.", null,
                new ReportTable([new ReportColumn("customer"), new ReportColumn("band"), new ReportColumn("total", Numeric: true), new ReportColumn("value at stake", Numeric: true), new ReportColumn("owner")],
                    [.. summary.TopAtRisk.Select(r => (IReadOnlyList<string>)[r.Id, r.Band.Name, r.Total.ToString(CultureInfo.InvariantCulture), ResultWriter.Format(r.ValueAtStake), r.OwnerRole])])),
            new("Data quality", $"{summary.Complete:N0} of {summary.QualityChecked:N0} checked profiles have every key field (DATA-2); {summary.InvalidIds:N0} ids fail DATA-1.",
                new CategoryChart("Profiles without each section", "customers", [.. summary.Missing.Select(m => new ChartBar(m.Name, m.Count))])),
        ];

        return new ReportModel("Customer portfolio", summary.AsOf, summary.Fingerprint, RuleSetSummary(rules), sections);
    }

    private static StackedChart Weekly(PortfolioSummary summary)
    {
        var roles = summary.ContactWeeks.SelectMany(w => w.ByOwnerRole.Select(r => r.Name)).Distinct().Order(StringComparer.Ordinal).ToArray();
        return new StackedChart("Contacts due per week", "contacts",
            [.. summary.ContactWeeks.Select(w => NodaTime.Text.LocalDatePattern.Iso.Format(w.WeekStart))],
            [.. roles.Select(role => new ChartSeries(role, [.. summary.ContactWeeks.Select(w => (decimal)(w.ByOwnerRole.FirstOrDefault(r => r.Name == role)?.Count ?? 0))]))]);
    }

    private static string[] RuleSetSummary(CrmRuleSet rules)
    {
        var a = rules.Assessment;
        return
        [
            $"grades: {string.Join(", ", rules.ValueGrading.Grades.Select(g => g.MinimumTotal is { } m ? $"{g.Name} ≥ {ResultWriter.Format(m)}" : g.Name))} over {rules.ValueGrading.Indicators.Count} indicators",
            $"churn bands: {string.Join(", ", rules.Churn.Bands.Select(b => b.Band.Name))}; {rules.Churn.Signals.Count} signals",
            $"grade in effect: {a.GradeInEffect.ToString().ToLowerInvariant()}; grade feeds churn value: {(a.GradeFeedsChurnValue ? "yes" : "no")}; response kind: {a.ResponseKind}",
            $"lifecycle machine: {a.Machine.Name} ({string.Join(" → ", a.Machine.Stages)})",
        ];
    }
}
