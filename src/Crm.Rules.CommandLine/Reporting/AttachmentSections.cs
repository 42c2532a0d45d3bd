using System.Globalization;
using NodaTime;

namespace Crm.Rules.CommandLine.Reporting;

/// <summary>
/// The report's sections from the files given beside the profiles: the funnel from stage histories (LIFE-5) and SLA
/// compliance by policy from tickets (SLA-1 … SLA-8). The figures are the library's (<c>LifecycleRules.Funnel</c>, the
/// SLA evaluation); these sections only lay them out, and say which option would draw them when a file is missing.
/// </summary>
internal static class AttachmentSections
{
    internal const string FunnelHeading = "Sales funnel";
    internal const string SlaHeading = "SLA compliance by policy";
    internal const string StatusHeading = "Tickets per policy by status";

    /// <summary>The funnel: a chart of the stages in the machine's order, and a table of every step.</summary>
    public static ReportSection Funnel(FunnelFigures? funnel)
    {
        if (funnel is null)
        {
            return new(FunnelHeading, "Not drawn: no stage histories were given. --histories FILE (the id, stage, at, reason records crm-rules funnel reads; --machine picks the machine, default funnel) draws each stage's conversion to the next and the median time in it (LIFE-5).");
        }

        if (funnel.Report is not { } report)
        {
            return new(FunnelHeading, $"Not drawn: {funnel.NotDrawn}.");
        }

        var machine = funnel.Machine;
        var conversions = report.Conversions;
        Duration? Median(string stage) => report.MedianTimeInStage.TryGetValue(stage, out var median) ? median : null;

        // The chart follows the steps from the first stage while each one starts where the last one ended (a final stage
        // in the middle of a machine's order has no step out of it); the table lists every step in any case.
        var stages = new List<FunnelStage>(conversions.Count + 1);
        var chained = 0;
        while (chained < conversions.Count && (chained == 0 || conversions[chained].From == conversions[chained - 1].To))
        {
            var step = conversions[chained++];
            // Nothing entered: no rate (the library's 0 would read as "nobody went on"), as in the table.
            stages.Add(new FunnelStage(step.From, step.Entered, step.Entered == 0 ? null : step.Rate, Median(step.From)));
        }

        if (chained > 0)
        {
            var last = conversions[chained - 1];
            stages.Add(new FunnelStage(last.To, last.Converted, null, Median(last.To)));
        }

        var order = machine.Stages.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i, StringComparer.Ordinal);
        var standing = report.Outcomes.OrderBy(o => order.GetValueOrDefault(o.Key, int.MaxValue))
            .Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Key} {o.Value.Values.Sum():N0}")).ToList();
        var sentence = string.Create(CultureInfo.InvariantCulture,
            $"{funnel.Histories:N0} histories from {funnel.File} through the '{machine.Name}' machine, over the whole period: how many histories entered each stage, how many of those went on to the next, and the median time in each stage over the histories that left it (LIFE-5).")
            + (standing.Count > 0 ? $" Where they stand now: {string.Join(", ", standing)}." : "");
        var chart = new FunnelChart($"Funnel of the '{machine.Name}' machine", stages)
        {
            Note = chained < conversions.Count ? $"The chart stops at {conversions[chained - 1].To}, a step that does not lead on; the table lists every step." : null,
        };
        var table = new ReportTable(
            [new ReportColumn("step"), new ReportColumn("entered", Numeric: true), new ReportColumn("converted", Numeric: true), new ReportColumn("conversion", Numeric: true), new ReportColumn("median time in the stage", Numeric: true)],
            [.. conversions.Select(c => (IReadOnlyList<string>)
            [
                $"{c.From} → {c.To}",
                c.Entered.ToString("N0", CultureInfo.InvariantCulture),
                c.Converted.ToString("N0", CultureInfo.InvariantCulture),
                c.Entered == 0 ? "–" : ReportText.Percent((double)c.Rate),
                Median(c.From) is { } m ? ReportText.Duration(m) : "–",
            ])]);
        return new(FunnelHeading, sentence, chart, table);
    }

    /// <summary>SLA compliance per policy (a chart of the share met on time and a table of every status), then the tickets per policy stacked by status.</summary>
    public static IReadOnlyList<ReportSection> Sla(SlaFigures? sla)
    {
        if (sla is null)
        {
            return [new(SlaHeading, "Not drawn: no tickets were given. --tickets FILE (the tickets crm-rules sla reads: id, policy or grade, kind and priority, start, pauses, stop, asOf) draws each policy's tickets by status and the share met on time (SLA-1 … SLA-8).")];
        }

        if (sla.NotDrawn is not null)
        {
            return [new(SlaHeading, $"Not drawn: {sla.NotDrawn}.")];
        }

        var policies = sla.Policies;
        var undecided = policies.Where(p => p.Compliance is null).Select(p => p.Policy).ToList();
        var sentence = string.Create(CultureInfo.InvariantCulture,
            $"{policies.Sum(p => p.Tickets):N0} tickets from {sla.File}, each evaluated at its own asOf as crm-rules sla does. Compliance (share) is the share met on time of the tickets whose outcome is known (met, met late, or breached); at risk is the warning status, open is running or paused.");
        var chart = new CategoryChart("Share met on time per policy", "met on time", [.. policies.Where(p => p.Compliance is not null).Select(p => new ChartBar(p.Policy, p.Compliance!.Value))])
        {
            ValueFormat = "0.0%",
            AxisMaximum = 1,
            Note = undecided.Count > 0 ? $"No outcome known yet, so no share: {string.Join(", ", undecided)}." : null,
        };
        var table = new ReportTable(
            [new ReportColumn("policy"), Count("tickets"), Count("met"), Count("met late"), Count("breached"), Count("at risk"), Count("open"), Count("share")],
            [.. policies.Select(p => (IReadOnlyList<string>)
            [
                p.Policy, N(p.Tickets), N(p.Met), N(p.MetLate), N(p.Breached), N(p.Warning), N(p.Running + p.Paused),
                p.Compliance is { } share ? ReportText.Percent((double)share) : "–",
            ])]);

        (string Name, Func<PolicyCompliance, long> Count)[] statuses =
            [("met", p => p.Met), ("met late", p => p.MetLate), ("breached", p => p.Breached), ("warning", p => p.Warning), ("running", p => p.Running), ("paused", p => p.Paused)];
        var byStatus = new StackedChart("Tickets per policy by status", "tickets", [.. policies.Select(p => p.Policy)],
            [.. statuses.Where(s => policies.Any(p => s.Count(p) > 0)).Select(s => new ChartSeries(s.Name, [.. policies.Select(p => (decimal)s.Count(p))]))]);
        return
        [
            new(SlaHeading, sentence, chart, table),
            new(StatusHeading, "Each policy's tickets stacked by the status the SLA rules gave them.", byStatus),
        ];
    }

    private static ReportColumn Count(string heading) => new(heading, Numeric: true);

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
