using Crm.Rules.CommandLine.Output;
using NodaTime.Text;
using Spectre.Console;

namespace Crm.Rules.CommandLine.Reporting;

/// <summary>One distribution to draw on a terminal: a heading and labelled values, in the order given.</summary>
/// <param name="Heading">What the values are (<c>Customers per grade</c>).</param>
/// <param name="Items">The labels and values.</param>
internal sealed record TerminalDistribution(string Heading, IReadOnlyList<(string Label, decimal Value)> Items)
{
    /// <value>Default <c>#,##0.##</c> (invariant culture).</value>
    public string ValueFormat { get; init; } = "#,##0.##";

    /// <summary>The value of a full bar, when several distributions share a scale; default: the largest value.</summary>
    public decimal? Scale { get; init; }
}

/// <summary>
/// Draws the report's distributions on a terminal (<c>--summary</c>) as Spectre.Console bar charts. Labels come from
/// data, so they are made printable and their markup escaped; the console from <see cref="Consoles.For"/> writes no
/// colour or other escape code when the output is redirected.
/// </summary>
internal static class TerminalSummary
{
    private const int MaxLabel = 32;

    private static readonly Color[] Palette = [Color.DodgerBlue1, Color.Orange1, Color.SpringGreen3, Color.Orchid, Color.SkyBlue1, Color.OrangeRed1];

    /// <summary>The report's header and every section's chart as bars, on a console bound to <paramref name="output"/>.</summary>
    public static void Write(TextWriter output, ReportModel report) => Write(Consoles.For(output), report);

    /// <summary>The distributions, on a console bound to <paramref name="output"/>.</summary>
    public static void Write(TextWriter output, IEnumerable<(string Heading, IReadOnlyList<(string Label, decimal Value)> Items)> distributions) =>
        Write(Consoles.For(output), distributions.Select(d => new TerminalDistribution(d.Heading, d.Items)));

    /// <summary>The report's header, then each section: its sentence, its chart as one or more bar charts, its table.</summary>
    public static void Write(IAnsiConsole console, ReportModel report)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        console.MarkupLine($"[bold]{Escape(report.Title)}[/]");
        console.WriteLine($"As of {LocalDatePattern.Iso.Format(report.AsOf)}, rule set {(string.IsNullOrWhiteSpace(report.Fingerprint) ? "(unknown)" : ReportText.Clean(report.Fingerprint))}");
        foreach (var line in report.RuleSetSummary)
        {
            console.WriteLine("  " + ReportText.Clean(line));
        }

        foreach (var section in report.Sections)
        {
            console.WriteLine();
            console.Write(new Rule($"[bold]{Escape(section.Heading)}[/]").LeftJustified());
            if (section.Sentence is not null)
            {
                console.WriteLine(ReportText.Clean(section.Sentence));
            }

            if (section.Chart is { } chart)
            {
                Write(console, Distributions(chart));
            }

            if (section.Table is { } table)
            {
                // The first column names the row (a customer, a policy, a step): kept whole while the headings of the
                // numbers wrap, so a wide table still fits 80 columns with its names readable.
                var grid = new Table().Border(TableBorder.Simple);
                foreach (var (column, i) in table.Columns.Select((c, i) => (c, i)))
                {
                    var added = new Spectre.Console.TableColumn(Escape(column.Heading)).PadRight(0);
                    grid.AddColumn(column.Numeric ? added.RightAligned() : i == 0 ? added.NoWrap() : added);
                }

                foreach (var row in table.Rows)
                {
                    grid.AddRow([.. row.Select(Escape)]);
                }

                console.Write(grid);
            }
        }
    }

    /// <summary>Each distribution as a bar chart under its heading; an empty one as a line that says so.</summary>
    public static void Write(IAnsiConsole console, IEnumerable<TerminalDistribution> distributions)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(distributions);
        foreach (var distribution in distributions)
        {
            if (distribution.Items.Count == 0)
            {
                console.MarkupLine($"[bold]{Escape(distribution.Heading)}[/]");
                console.WriteLine("  no data");
                continue;
            }

            // Bars start at zero: a negative value gets an empty bar and keeps its sign in the label; all-zero data
            // still needs a positive maximum, or the bars would be 0/0 wide.
            var max = Math.Max(distribution.Items.Max(i => Positive(i.Value)), Positive(distribution.Scale ?? 0));
            var chart = new BarChart()
                .Label($"[bold]{Escape(distribution.Heading)}[/]")
                .LeftAlignLabel()
                .Width(Math.Min(console.Profile.Width, 100))
                .WithMaxValue(max > 0 ? max : 1)
                .UseValueFormatter(value => Format(value, distribution.ValueFormat));
            for (var i = 0; i < distribution.Items.Count; i++)
            {
                var (label, value) = distribution.Items[i];
                var shown = value < 0 ? $"{label} ({ReportText.Number(value, distribution.ValueFormat)})" : label;
                chart.AddItem(Escape(Shorten(shown)), Positive(value), Palette[i % Palette.Length]);
            }

            console.Write(chart);
            console.WriteLine();
        }
    }

    /// <summary>What a chart becomes on a terminal: one distribution, or several where the chart has more than one series or group.</summary>
    internal static IEnumerable<TerminalDistribution> Distributions(ReportChart chart)
    {
        switch (chart)
        {
            case CategoryChart c:
                yield return new TerminalDistribution($"{c.Title} — {c.ValueLabel}", [.. c.Bars.Select(b => (b.Label, b.Value))]) { ValueFormat = c.ValueFormat };
                if (c.Bars.Any(b => b.Second is not null))
                {
                    yield return new TerminalDistribution($"{c.Title} — {c.SecondLabel ?? "second value"}", [.. c.Bars.Select(b => (b.Label, b.Second ?? 0))]) { ValueFormat = c.ValueFormat };
                }

                break;
            case ParetoChart p:
                yield return new TerminalDistribution($"{p.Title} — {p.ValueLabel}", [.. p.Bars.OrderByDescending(b => b.Value).Select(b => (b.Label, b.Value))]) { ValueFormat = p.ValueFormat };
                break;
            case StackedChart s:
                yield return new TerminalDistribution($"{s.Title} — {s.ValueLabel}, all", [.. s.Categories.Select((category, i) => (category, ReportText.PositiveTotal(s.Series.Select(x => x.Values[i]))))]) { ValueFormat = s.ValueFormat };
                yield return new TerminalDistribution($"{s.Title} — {s.ValueLabel} by series", [.. s.Series.Select(x => (x.Name, ReportText.PositiveTotal(x.Values)))]) { ValueFormat = s.ValueFormat };
                break;
            case FunnelChart f:
                yield return new TerminalDistribution(f.Title, [.. f.Stages.Select((stage, i) => (FunnelLabel(f, i), (decimal)stage.Count))]) { ValueFormat = "#,##0" };
                break;
            case RankingChart r when r.Groups.Count == 0:
                yield return new TerminalDistribution(r.Title, []);
                break;
            case RankingChart r:
                // One scale for every group, as in the HTML chart, so a long bar means the same in every band.
                var scale = r.Groups.SelectMany(g => g.Bars).Select(b => b.Value).DefaultIfEmpty(0).Max();
                foreach (var group in r.Groups)
                {
                    var heading = group.Heading is null ? r.Title : $"{r.Title} — {group.Heading}";
                    yield return new TerminalDistribution(heading, [.. group.Bars.OrderByDescending(b => b.Value).Select(b => (b.Label, b.Value))]) { ValueFormat = r.ValueFormat, Scale = scale };
                }

                break;
            default:
                throw new ArgumentException($"Unknown chart type {chart.GetType().Name}.", nameof(chart));
        }
    }

    private static string FunnelLabel(FunnelChart funnel, int index)
    {
        var stage = funnel.Stages[index];
        var parts = new List<string>(2);
        if (index + 1 < funnel.Stages.Count && ChartTable.Conversion(stage, funnel.Stages[index + 1]) is { } rate)
        {
            parts.Add($"{ReportText.Percent(rate)} on");
        }

        if (stage.MedianTimeInStage is { } median)
        {
            parts.Add(ReportText.Duration(median));
        }

        return parts.Count == 0 ? stage.Name : $"{stage.Name} ({string.Join(", ", parts)})";
    }

    private static string Format(double value, string format) =>
        Math.Abs(value) < 7.9e28 ? ReportText.Number((decimal)value, format) : ReportText.Compact(value);

    private static double Positive(decimal value) => value > 0 ? (double)value : 0;

    private static string Shorten(string text)
    {
        var clean = ReportText.Clean(text);
        var elements = System.Globalization.StringInfo.ParseCombiningCharacters(clean);
        return elements.Length <= MaxLabel ? clean : clean[..elements[MaxLabel - 1]] + "…";
    }

    private static string Escape(string text) => Markup.Escape(ReportText.Clean(text));
}
