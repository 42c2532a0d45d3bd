using System.Text;
using System.Xml;

namespace Crm.Rules.CommandLine.Reporting;

/// <summary>
/// Draws a <see cref="ReportChart"/> as inline SVG made by this code alone (no script, font or other file), sized by
/// its <c>viewBox</c> so it scales to the page. Each chart is accessible: a <c>&lt;title&gt;</c>, a
/// <c>&lt;desc&gt;</c> that states the data, values written beside bars, a tooltip on every bar, axis titles.
/// </summary>
/// <remarks>
/// Bars start at zero: a negative value is drawn as an empty bar with its value written, and a value that is not
/// finite once converted is drawn at zero, so no coordinate is ever NaN. A chart without data has no drawing; ask
/// <see cref="HasData"/> first and write a sentence instead.
/// </remarks>
internal static class SvgChart
{
    public const double Width = 760;

    private const double PlotHeight = 260;
    private const double LabelSize = 12;
    private const double ValueSize = 11;
    private const double LegendRow = 20;

    // Okabe–Ito: told apart by people with the common colour-vision deficiencies, and distinct in greyscale print
    // once segments are outlined in white.
    private static readonly string[] Palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999", "#000000"];

    // Text drawn on a bar of the colour at the same index: white where it contrasts, ink elsewhere.
    private static readonly string[] OnPalette = ["#ffffff", SvgCanvas.Ink, "#ffffff", SvgCanvas.Ink, SvgCanvas.Ink, "#ffffff", SvgCanvas.Ink, "#ffffff"];

    private const string Accent = "#D55E00";

    /// <summary>Whether the chart has anything to draw (a bar, a category with a series, a stage).</summary>
    public static bool HasData(ReportChart chart) => chart switch
    {
        CategoryChart c => c.Bars.Count > 0,
        ParetoChart p => p.Bars.Count > 0,
        StackedChart s => s.Categories.Count > 0 && s.Series.Count > 0,
        FunnelChart f => f.Stages.Count > 0,
        RankingChart r => r.Groups.Any(g => g.Bars.Count > 0),
        _ => false,
    };

    /// <summary>The chart as one <c>&lt;svg&gt;</c> element's markup, e.g. for a test or another page.</summary>
    public static string Render(ReportChart chart, string id)
    {
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { ConformanceLevel = ConformanceLevel.Fragment, OmitXmlDeclaration = true }))
        {
            Write(writer, chart, id);
        }

        return text.ToString();
    }

    /// <summary>Writes the chart as an <c>&lt;svg&gt;</c> element whose id is <paramref name="id"/>.</summary>
    /// <exception cref="ArgumentException">The chart has no data, or the id is not a plain identifier.</exception>
    public static void Write(XmlWriter writer, ReportChart chart, string id)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(chart);
        if (!IsPlainId(id))
        {
            throw new ArgumentException($"'{id}' is not a plain identifier (a letter, then letters, digits, '-' or '_').", nameof(id));
        }

        if (!HasData(chart))
        {
            throw new ArgumentException($"The chart '{chart.Title}' has no data to draw; write a sentence instead.", nameof(chart));
        }

        var canvas = new SvgCanvas(writer);
        switch (chart)
        {
            case CategoryChart c:
                DrawCategories(canvas, c, id);
                break;
            case ParetoChart p:
                DrawPareto(canvas, p, id);
                break;
            case StackedChart s:
                DrawStacked(canvas, s, id);
                break;
            case FunnelChart f:
                DrawFunnel(canvas, f, id);
                break;
            case RankingChart r:
                DrawRanking(canvas, r, id);
                break;
            default:
                throw new ArgumentException($"Unknown chart type {chart.GetType().Name}.", nameof(chart));
        }
    }

    /// <summary>The colour of the series or bar at <paramref name="index"/>.</summary>
    public static string Colour(int index) => Palette[index % Palette.Length];

    private static void DrawCategories(SvgCanvas canvas, CategoryChart chart, string id)
    {
        var bars = chart.Bars;
        var dual = bars.Any(b => b.Second is not null);
        var firstTotal = bars.Sum(b => Positive(b.Value));
        var secondTotal = bars.Sum(b => Positive(b.Second ?? 0));
        var firstTotalText = ReportText.Number(ReportText.PositiveTotal(bars.Select(b => b.Value)), chart.ValueFormat);
        var secondTotalText = ReportText.Number(ReportText.PositiveTotal(bars.Select(b => b.Second ?? 0)), chart.ValueFormat);
        double First(ChartBar b) => dual ? Share(Positive(b.Value), firstTotal) : Positive(b.Value);
        double Second(ChartBar b) => Share(Positive(b.Second ?? 0), secondTotal);

        var max = bars.Max(b => dual ? Math.Max(First(b), Second(b)) : First(b));
        var axis = dual ? Axis.For(max, ReportText.Percent) : Axis.For(Math.Max(max, Positive(chart.AxisMaximum ?? 0)), TickLabel(chart.ValueFormat));
        var legend = dual
            ? new[] { $"{chart.ValueLabel} (share of {firstTotalText})", $"{chart.SecondLabel ?? "Second value"} (share of {secondTotalText})" }
            : [];
        var layout = VerticalLayout.For(axis, bars.Select(b => b.Label).ToList(), legend, rightAxis: false);

        canvas.Begin(id, Width, layout.Height, chart.Title, Describe(chart));
        DrawLegend(canvas, legend, layout.LegendTop);
        DrawValueAxis(canvas, layout, axis, dual ? "Share of total" : chart.ValueLabel);
        DrawCategoryLabels(canvas, layout, bars.Select(b => b.Label).ToList());

        canvas.BeginGroup("bars");
        var perBand = dual ? 2 : 1;
        var barWidth = Math.Min(56, layout.Band * 0.7 / perBand);
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var left = layout.BandCentre(i) - (barWidth * perBand / 2);
            var tooltip = dual
                ? $"{bar.Label}: {ReportText.Number(bar.Value, chart.ValueFormat)} {chart.ValueLabel}, {ReportText.Number(bar.Second ?? 0, chart.ValueFormat)} {chart.SecondLabel ?? "second value"}"
                : $"{bar.Label}: {ReportText.Number(bar.Value, chart.ValueFormat)}";
            if (dual)
            {
                VerticalBar(canvas, layout, axis, left, barWidth, First(bar), Colour(0), tooltip, ReportText.Percent(First(bar)), null);
                VerticalBar(canvas, layout, axis, left + barWidth, barWidth, Second(bar), Colour(1), tooltip, ReportText.Percent(Second(bar)), null);
            }
            else
            {
                VerticalBar(canvas, layout, axis, left, barWidth, First(bar), Colour(0), tooltip, ReportText.Number(bar.Value, chart.ValueFormat), (double)bar.Value);
            }
        }

        canvas.EndGroup();
        canvas.End();
    }

    private static void DrawPareto(SvgCanvas canvas, ParetoChart chart, string id)
    {
        var bars = Sorted(chart.Bars);
        var total = bars.Sum(b => Positive(b.Value));
        var axis = Axis.For(bars.Max(b => Positive(b.Value)), TickLabel(chart.ValueFormat));
        string[] legend = total > 0 ? [chart.ValueLabel, "Cumulative share of total (right axis)"] : [chart.ValueLabel];
        var layout = VerticalLayout.For(axis, bars.Select(b => b.Label).ToList(), legend, rightAxis: true);

        canvas.Begin(id, Width, layout.Height, chart.Title, Describe(chart));
        DrawLegend(canvas, legend, layout.LegendTop, lineForSecond: true);
        DrawValueAxis(canvas, layout, axis, chart.ValueLabel);
        DrawCategoryLabels(canvas, layout, bars.Select(b => b.Label).ToList());

        canvas.BeginGroup("bars");
        var barWidth = Math.Min(56, layout.Band * 0.75);
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var value = ReportText.Number(bar.Value, chart.ValueFormat);
            VerticalBar(canvas, layout, axis, layout.BandCentre(i) - (barWidth / 2), barWidth, Positive(bar.Value), Colour(0), $"{bar.Label}: {value}", value, (double)bar.Value);
        }

        canvas.EndGroup();
        if (total <= 0)
        {
            canvas.End();
            return;
        }

        // The right axis: the share of the total, 0–100%, with the 80% line Pareto readers look for.
        canvas.BeginGroup("cumulative-axis");
        for (var tick = 0; tick <= 4; tick++)
        {
            var y = layout.Y(tick * 0.25, 1);
            canvas.Text(layout.Right + 6, y + 4, ReportText.Percent(tick * 0.25), ValueSize, fill: SvgCanvas.Muted);
        }

        canvas.Line(layout.Left, layout.Y(0.8, 1), layout.Right, layout.Y(0.8, 1), Accent, 1, "4 4", "reference");
        canvas.EndGroup();

        var points = new List<(double X, double Y)>(bars.Count);
        double running = 0;
        var reached = -1;
        for (var i = 0; i < bars.Count; i++)
        {
            running += Positive(bars[i].Value);
            var share = Share(running, total);
            points.Add((layout.BandCentre(i), layout.Y(share, 1)));
            if (reached < 0 && share >= 0.8 - 1e-9)
            {
                reached = i;
            }
        }

        canvas.Polyline(points, Accent, "cumulative");
        running = 0;
        for (var i = 0; i < bars.Count; i++)
        {
            running += Positive(bars[i].Value);
            canvas.Circle(points[i].X, points[i].Y, 3, Accent, "point", $"{bars[i].Label}: {ReportText.Percent(Share(running, total))} of the total so far");
        }

        if (reached >= 0)
        {
            var (x, y) = points[reached];
            // Above and to the left of the point, where the line never is: it rises, so it comes from below-left.
            canvas.Text(x - 6, y - 8, $"{ReportText.Percent(Share(bars.Take(reached + 1).Sum(b => Positive(b.Value)), total))} in the first {reached + 1}", ValueSize, reached == 0 ? "start" : "end", Accent, bold: true, cssClass: "reached");
        }

        canvas.End();
    }

    private static void DrawStacked(SvgCanvas canvas, StackedChart chart, string id)
    {
        var categories = chart.Categories;
        var series = chart.Series;
        var stacked = chart.Layout == StackLayout.Stacked;
        var totals = Enumerable.Range(0, categories.Count).Select(c => series.Sum(s => Positive(s.Values[c]))).ToArray();
        var max = stacked ? totals.Max() : series.Max(s => s.Values.Max(Positive));
        var axis = Axis.For(max, TickLabel(chart.ValueFormat));
        var legend = series.Select(s => s.Name).ToArray();
        var layout = VerticalLayout.For(axis, categories, legend, rightAxis: false);

        canvas.Begin(id, Width, layout.Height, chart.Title, Describe(chart));
        DrawLegend(canvas, legend, layout.LegendTop);
        DrawValueAxis(canvas, layout, axis, chart.ValueLabel);
        DrawCategoryLabels(canvas, layout, categories);

        canvas.BeginGroup("bars");
        for (var c = 0; c < categories.Count; c++)
        {
            if (stacked)
            {
                var barWidth = Math.Min(56, layout.Band * 0.7);
                var left = layout.BandCentre(c) - (barWidth / 2);
                double below = 0;
                for (var s = 0; s < series.Count; s++)
                {
                    var value = Positive(series[s].Values[c]);
                    var top = layout.Y(below + value, axis.Max);
                    var bottom = layout.Y(below, axis.Max);
                    var text = ReportText.Number(series[s].Values[c], chart.ValueFormat);
                    canvas.Rect(left, top, barWidth, bottom - top, Colour(s), "bar segment", $"{categories[c]} · {series[s].Name}: {text}");
                    if (bottom - top >= ValueSize + 3 && ReportText.Width(text, ValueSize) <= barWidth - 4)
                    {
                        canvas.Text(left + (barWidth / 2), top + ((bottom - top) / 2) + 4, text, ValueSize, "middle", OnPalette[s % OnPalette.Length]);
                    }

                    below += value;
                }

                var total = ReportText.PositiveTotal(series.Select(s => s.Values[c]));
                ValueLabel(canvas, layout.BandCentre(c), layout.Y(totals[c], axis.Max) - 4, ReportText.Number(total, chart.ValueFormat), totals[c], layout.Band);
            }
            else
            {
                var barWidth = Math.Min(32, layout.Band * 0.8 / series.Count);
                var left = layout.BandCentre(c) - (barWidth * series.Count / 2);
                for (var s = 0; s < series.Count; s++)
                {
                    var text = ReportText.Number(series[s].Values[c], chart.ValueFormat);
                    VerticalBar(canvas, layout, axis, left + (s * barWidth), barWidth, Positive(series[s].Values[c]), Colour(s), $"{categories[c]} · {series[s].Name}: {text}", text, (double)series[s].Values[c], "bar segment");
                }
            }
        }

        canvas.EndGroup();
        canvas.End();
    }

    private static void DrawFunnel(SvgCanvas canvas, FunnelChart chart, string id)
    {
        const double Top = 34, Row = 34, Gap = 24, NameColumn = 176, TimeColumn = 150;
        var stages = chart.Stages;
        var barArea = Width - NameColumn - TimeColumn - 24;
        var centre = NameColumn + 12 + (barArea / 2);
        var max = stages.Max(s => Math.Max(0, s.Count));
        var height = Top + (stages.Count * Row) + ((stages.Count - 1) * Gap) + 12;

        canvas.Begin(id, Width, height, chart.Title, Describe(chart));
        canvas.Text(0, 16, "Stage", LabelSize, fill: SvgCanvas.Muted, bold: true);
        canvas.Text(centre, 16, "Reached the stage", LabelSize, "middle", SvgCanvas.Muted, bold: true);
        canvas.Text(Width, 16, "Median time in stage", LabelSize, "end", SvgCanvas.Muted, bold: true);

        canvas.BeginGroup("bars");
        for (var i = 0; i < stages.Count; i++)
        {
            var stage = stages[i];
            var y = Top + (i * (Row + Gap));
            var count = Math.Max(0, stage.Count);
            var width = max > 0 ? barArea * count / max : 0;
            if (count > 0)
            {
                width = Math.Max(width, 2);
            }

            var countText = ReportText.Number(stage.Count, "#,##0");
            canvas.Text(0, y + (Row / 2) + 4, ReportText.Fit(ReportText.Clean(stage.Name), NameColumn - 8, LabelSize), LabelSize);
            canvas.Rect(centre - (width / 2), y, width, Row, Colour(0), "bar", $"{stage.Name}: {countText}");
            if (ReportText.Width(countText, LabelSize) + 8 <= width)
            {
                canvas.Text(centre, y + (Row / 2) + 4, countText, LabelSize, "middle", OnPalette[0], bold: true);
            }
            else
            {
                canvas.Text(centre + (width / 2) + 4, y + (Row / 2) + 4, countText, LabelSize, bold: true);
            }

            canvas.Text(Width, y + (Row / 2) + 4, stage.MedianTimeInStage is { } median ? ReportText.Duration(median) : "–", LabelSize, "end");
            if (i + 1 < stages.Count)
            {
                var conversion = ChartTable.Conversion(stage, stages[i + 1]);
                canvas.Text(centre, y + Row + (Gap / 2) + 4, conversion is { } rate ? $"↓ {ReportText.Percent(rate)} go on" : "↓ –", ValueSize, "middle", SvgCanvas.Muted, cssClass: "conversion");
            }
        }

        canvas.EndGroup();
        canvas.End();
    }

    private static void DrawRanking(SvgCanvas canvas, RankingChart chart, string id)
    {
        const double Top = 24, Row = 22, Heading = 26, ValueColumn = 84;
        var groups = chart.Groups.Select(g => g with { Bars = Sorted(g.Bars) }).ToList();
        var labelColumn = Math.Clamp(groups.SelectMany(g => g.Bars).Max(b => ReportText.Width(ReportText.Clean(b.Label), LabelSize)) + 12, 80, 280);
        var left = labelColumn + 8;
        var barArea = Width - left - ValueColumn;
        var max = groups.SelectMany(g => g.Bars).Max(b => Positive(b.Value));
        var height = Top + groups.Sum(g => (g.Heading is null ? 0 : Heading) + (Math.Max(1, g.Bars.Count) * Row)) + 8;

        canvas.Begin(id, Width, height, chart.Title, Describe(chart));
        canvas.Text(left, 14, chart.ValueLabel, LabelSize, fill: SvgCanvas.Muted, bold: true, cssClass: "axis-title");

        var y = Top;
        canvas.BeginGroup("bars");
        foreach (var group in groups)
        {
            if (group.Heading is not null)
            {
                canvas.Text(0, y + 18, group.Heading, 13, bold: true, cssClass: "group-heading");
                y += Heading;
            }

            if (group.Bars.Count == 0)
            {
                canvas.Text(left, y + 15, "None.", LabelSize, fill: SvgCanvas.Muted);
                y += Row;
                continue;
            }

            foreach (var bar in group.Bars)
            {
                var value = ReportText.Number(bar.Value, chart.ValueFormat);
                var width = max > 0 ? barArea * Positive(bar.Value) / max : 0;
                canvas.Text(labelColumn, y + 15, ReportText.Fit(ReportText.Clean(bar.Label), labelColumn - 4, LabelSize), LabelSize, "end");
                canvas.Rect(left, y + 3, width, Row - 6, Colour(0), "bar", $"{(group.Heading is null ? "" : group.Heading + " · ")}{bar.Label}: {value}");
                canvas.Text(left + width + 4, y + 15, Shorten(value, bar.Value, ValueColumn - 4), ValueSize);
                y += Row;
            }
        }

        canvas.EndGroup();
        canvas.End();
    }

    private static void VerticalBar(SvgCanvas canvas, VerticalLayout layout, Axis axis, double left, double width, double value, string fill, string tooltip, string label, double? compact, string cssClass = "bar")
    {
        var top = layout.Y(value, axis.Max);
        canvas.Rect(left, top, width, layout.Base - top, fill, cssClass, tooltip);
        ValueLabel(canvas, left + (width / 2), top - 4, label, compact, width + 6);
    }

    /// <summary>
    /// A value above a bar, shortened (<c>12.5K</c>, from <paramref name="compact"/>) when the full number is wider
    /// than the room, and left out when even that is: the tooltip and the data table still have it.
    /// </summary>
    private static void ValueLabel(SvgCanvas canvas, double centre, double y, string text, double? compact, double room)
    {
        if (ReportText.Width(text, ValueSize) > room && compact is { } value)
        {
            text = ReportText.Compact(value);
        }

        if (ReportText.Width(text, ValueSize) <= room + 8)
        {
            canvas.Text(centre, y, text, ValueSize, "middle", cssClass: "value");
        }
    }

    private static string Shorten(string text, decimal value, double room) =>
        ReportText.Width(text, ValueSize) <= room ? text : ReportText.Compact((double)value);

    private static void DrawLegend(SvgCanvas canvas, string[] items, double top, bool lineForSecond = false)
    {
        if (items.Length == 0)
        {
            return;
        }

        canvas.BeginGroup("legend");
        foreach (var (item, index, x, y) in LegendPlaces(items, top))
        {
            if (lineForSecond && index == 1)
            {
                canvas.Line(x, y + 6, x + 12, y + 6, Accent, 2);
            }
            else
            {
                canvas.Rect(x, y, 12, 12, Colour(index));
            }

            canvas.Text(x + 16, y + 10, LegendText(item), LabelSize);
        }

        canvas.EndGroup();
    }

    private static string LegendText(string item) => ReportText.Fit(ReportText.Clean(item), 320, LabelSize);

    private static IEnumerable<(string Item, int Index, double X, double Y)> LegendPlaces(string[] items, double top)
    {
        double x = 0, y = top;
        for (var i = 0; i < items.Length; i++)
        {
            var width = 16 + ReportText.Width(LegendText(items[i]), LabelSize) + 18;
            if (x > 0 && x + width > Width)
            {
                x = 0;
                y += LegendRow;
            }

            yield return (items[i], i, x, y);
            x += width;
        }
    }

    private static double LegendHeight(string[] items) =>
        items.Length == 0 ? 0 : LegendPlaces(items, 0).Last().Y + LegendRow + 6;

    private static void DrawValueAxis(SvgCanvas canvas, VerticalLayout layout, Axis axis, string title)
    {
        canvas.BeginGroup("axis");
        canvas.Text(layout.Left, layout.PlotTop - 12, title, LabelSize, fill: SvgCanvas.Muted, bold: true, cssClass: "axis-title");
        for (var tick = 0.0; tick <= axis.Max + (axis.Step / 2); tick += axis.Step)
        {
            var y = layout.Y(tick, axis.Max);
            canvas.Line(layout.Left, y, layout.Right, y, tick == 0 ? SvgCanvas.Muted : SvgCanvas.Grid, 1);
            canvas.Text(layout.Left - 6, y + 4, axis.Label(tick), ValueSize, "end", SvgCanvas.Muted);
        }

        canvas.EndGroup();
    }

    private static void DrawCategoryLabels(SvgCanvas canvas, VerticalLayout layout, IReadOnlyList<string> labels)
    {
        canvas.BeginGroup("categories");
        for (var i = 0; i < labels.Count; i++)
        {
            var label = layout.CategoryLabel(labels[i]);
            if (layout.RotatedLabels)
            {
                canvas.Text(layout.BandCentre(i), layout.Base + 14, label, LabelSize, "end", rotate: -40);
            }
            else
            {
                canvas.Text(layout.BandCentre(i), layout.Base + 16, label, LabelSize, "middle");
            }
        }

        canvas.EndGroup();
    }

    private static List<ChartBar> Sorted(IReadOnlyList<ChartBar> bars) => [.. bars.OrderByDescending(b => b.Value)];

    private static double Positive(decimal value) => value > 0 ? (double)value : 0;

    private static double Share(double part, double total) => total > 0 && double.IsFinite(part / total) ? part / total : 0;

    private static Func<double, string> TickLabel(string format) =>
        format.Contains('%', StringComparison.Ordinal) ? ReportText.Percent : ReportText.Compact;

    private static bool IsPlainId(string id) =>
        !string.IsNullOrEmpty(id) && char.IsAsciiLetter(id[0]) && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The description for screen readers: what the chart is and its data, in words (capped, so a long chart stays a paragraph).</summary>
    internal static string Describe(ReportChart chart)
    {
        const int Listed = 24;
        static string List(IEnumerable<string> items)
        {
            var all = items.ToList();
            var text = string.Join("; ", all.Take(Listed));
            return all.Count > Listed ? $"{text}; and {all.Count - Listed} more" : text;
        }

        var description = chart switch
        {
            CategoryChart c when c.Bars.Any(b => b.Second is not null) =>
                $"Bar chart of {c.ValueLabel} and {c.SecondLabel ?? "a second value"} per category, each as a share of its total: {List(c.Bars.Select(b => $"{b.Label} {ReportText.Number(b.Value, c.ValueFormat)} and {ReportText.Number(b.Second ?? 0, c.ValueFormat)}"))}.",
            CategoryChart c => $"Bar chart of {c.ValueLabel} per category: {List(c.Bars.Select(b => $"{b.Label} {ReportText.Number(b.Value, c.ValueFormat)}"))}.",
            ParetoChart p => $"Pareto chart of {p.ValueLabel}, largest first, with the cumulative share of the total: {List(Sorted(p.Bars).Select(b => $"{b.Label} {ReportText.Number(b.Value, p.ValueFormat)}"))}.",
            StackedChart s => $"{(s.Layout == StackLayout.Stacked ? "Stacked" : "Grouped")} bar chart of {s.ValueLabel} per category by {string.Join(", ", s.Series.Select(x => x.Name))}: {List(s.Categories.Select((c, i) => $"{c} " + string.Join(", ", s.Series.Select(x => $"{x.Name} {ReportText.Number(x.Values[i], s.ValueFormat)}"))))}.",
            FunnelChart f => $"Funnel of {f.Stages.Count} stages: {List(f.Stages.Select((st, i) => $"{st.Name} {ReportText.Number(st.Count, "#,##0")}" + (i + 1 < f.Stages.Count && ChartTable.Conversion(st, f.Stages[i + 1]) is { } rate ? $", {ReportText.Percent(rate)} go on" : "") + (st.MedianTimeInStage is { } m ? $", median {ReportText.Duration(m)} in stage" : "")))}.",
            RankingChart r => $"Ranked bars of {r.ValueLabel}, largest first: {List(r.Groups.SelectMany(g => Sorted(g.Bars).Select(b => $"{(g.Heading is null ? "" : g.Heading + ", ")}{b.Label} {ReportText.Number(b.Value, r.ValueFormat)}")))}.",
            _ => "",
        };
        return chart.Note is null ? description : $"{chart.Note} {description}";
    }

    /// <summary>A value axis from zero to a round number, with four to six ticks.</summary>
    private sealed record Axis(double Max, double Step, Func<double, string> Label)
    {
        public static Axis For(double max, Func<double, string> label)
        {
            if (!double.IsFinite(max) || max <= 0)
            {
                return new Axis(1, 0.25, label);
            }

            var raw = max / 5;
            var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
            var normal = raw / magnitude;
            var step = (normal <= 1 ? 1 : normal <= 2 ? 2 : normal <= 2.5 ? 2.5 : normal <= 5 ? 5 : 10) * magnitude;
            var top = Math.Ceiling((max / step) - 1e-9) * step;
            return double.IsFinite(top) && top > 0 ? new Axis(top, step, label) : new Axis(max, max, label);
        }
    }

    /// <summary>Where the parts of a vertical bar chart go: legend, plot area, category labels (rotated when they do not fit their band).</summary>
    private sealed record VerticalLayout(double LegendTop, double PlotTop, double Left, double Right, double Base, double Band, bool RotatedLabels, double Height)
    {
        private const double MaxRotatedLabel = 150;

        public static VerticalLayout For(Axis axis, IReadOnlyList<string> labels, string[] legend, bool rightAxis)
        {
            var ticks = Enumerable.Range(0, (int)Math.Round(axis.Max / axis.Step) + 1).Select(i => axis.Label(i * axis.Step));
            var left = Math.Max(44, ticks.Max(t => ReportText.Width(t, ValueSize)) + 12);
            var right = Width - (rightAxis ? 44 : 12);
            var band = (right - left) / labels.Count;
            var fits = labels.All(l => ReportText.Width(ReportText.Clean(l), LabelSize) <= band - 6);
            var labelHeight = fits ? 26 : (Math.Min(MaxRotatedLabel, labels.Max(l => ReportText.Width(ReportText.Clean(l), LabelSize))) * 0.65) + 26;
            var legendHeight = LegendHeight(legend);
            var plotTop = legendHeight + 30;
            var bottom = plotTop + PlotHeight;
            return new VerticalLayout(0, plotTop, left, right, bottom, band, !fits, bottom + labelHeight);
        }

        public double BandCentre(int index) => Left + (Band * (index + 0.5));

        public double Y(double value, double max) => Base - (PlotHeight * Math.Clamp(max > 0 && double.IsFinite(value / max) ? value / max : 0, 0, 1));

        public string CategoryLabel(string label) =>
            ReportText.Fit(ReportText.Clean(label), RotatedLabels ? MaxRotatedLabel : Band - 6, LabelSize);
    }
}
