namespace Crm.Rules.CommandLine.Reporting;

/// <summary>
/// A chart's data as a table: the exact numbers behind the drawing, for a screen reader, a copy into a spreadsheet
/// (the report writes it under each chart, folded) or a terminal.
/// </summary>
internal static class ChartTable
{
    public static ReportTable For(ReportChart chart) => chart switch
    {
        CategoryChart c when c.Bars.Any(b => b.Second is not null) => new ReportTable(
            [new("Category"), new(c.ValueLabel, Numeric: true), new(c.SecondLabel ?? "Second value", Numeric: true)],
            [.. c.Bars.Select(b => Row(b.Label, ReportText.Number(b.Value, c.ValueFormat), ReportText.Number(b.Second ?? 0, c.ValueFormat)))]),
        CategoryChart c => new ReportTable(
            [new("Category"), new(c.ValueLabel, Numeric: true)],
            [.. c.Bars.Select(b => Row(b.Label, ReportText.Number(b.Value, c.ValueFormat)))]),
        ParetoChart p => Pareto(p),
        StackedChart s => new ReportTable(
            [new("Category"), .. s.Series.Select(x => new ReportColumn(x.Name, Numeric: true)), new("Total", Numeric: true)],
            [.. s.Categories.Select((category, i) => Row([category, .. s.Series.Select(x => ReportText.Number(x.Values[i], s.ValueFormat)), ReportText.Number(ReportText.PositiveTotal(s.Series.Select(x => x.Values[i])), s.ValueFormat)]))]),
        FunnelChart f => new ReportTable(
            [new("Stage"), new("Reached", Numeric: true), new("Go on to the next", Numeric: true), new("Median time in stage", Numeric: true)],
            [.. f.Stages.Select((stage, i) => Row(
                stage.Name,
                ReportText.Number(stage.Count, "#,##0"),
                i + 1 < f.Stages.Count && Conversion(stage, f.Stages[i + 1]) is { } rate ? ReportText.Percent(rate) : "–",
                stage.MedianTimeInStage is { } median ? ReportText.Duration(median) : "–"))]),
        RankingChart r => new ReportTable(
            [new("Group"), new("Item"), new(r.ValueLabel, Numeric: true)],
            [.. r.Groups.SelectMany(g => g.Bars.OrderByDescending(b => b.Value).Select(b => Row(g.Heading ?? "", b.Label, ReportText.Number(b.Value, r.ValueFormat))))]),
        _ => throw new ArgumentException($"Unknown chart type {chart.GetType().Name}.", nameof(chart)),
    };

    /// <summary>The fraction of a stage that goes on: as given, else the next stage's count over this one's (none when this one is empty).</summary>
    public static double? Conversion(FunnelStage stage, FunnelStage next) =>
        stage.ConversionToNext is { } given ? (double)given
        : stage.Count > 0 ? (double)Math.Max(0, next.Count) / stage.Count
        : null;

    private static ReportTable Pareto(ParetoChart chart)
    {
        var bars = chart.Bars.OrderByDescending(b => b.Value).ToList();
        var total = ReportText.PositiveTotal(bars.Select(b => b.Value));
        decimal running = 0;
        var rows = new List<IReadOnlyList<string>>(bars.Count);
        foreach (var bar in bars)
        {
            running = ReportText.PositiveTotal([running, bar.Value]);
            rows.Add(Row(bar.Label, ReportText.Number(bar.Value, chart.ValueFormat), total > 0 ? ReportText.Percent((double)(running / total)) : "–"));
        }

        return new ReportTable([new("Item"), new(chart.ValueLabel, Numeric: true), new("Cumulative share", Numeric: true)], rows);
    }

    private static string[] Row(params string[] cells) => cells;
}
