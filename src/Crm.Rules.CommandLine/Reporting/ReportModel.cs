using NodaTime;

namespace Crm.Rules.CommandLine.Reporting;

/// <summary>
/// What a portfolio report shows, in the order it is shown: a header (title, as-of date, the rule set's fingerprint
/// and a few lines about the rule set) and sections. It knows nothing of how a summary was computed, so any summary can
/// be mapped onto it; <see cref="HtmlReport"/> and <see cref="TerminalSummary"/> draw it.
/// </summary>
/// <param name="Title">The document's title.</param>
/// <param name="AsOf">The date the figures are as of.</param>
/// <param name="Fingerprint">The rule set's fingerprint, shown so a reader can tell which rules made the figures.</param>
/// <param name="RuleSetSummary">Lines about the rule set (families, thresholds), one list item each.</param>
/// <param name="Sections">The sections, in order.</param>
/// <remarks>Every text may come from data: the renderers strip control characters and escape it.</remarks>
internal sealed record ReportModel(
    string Title,
    LocalDate AsOf,
    string Fingerprint,
    IReadOnlyList<string> RuleSetSummary,
    IReadOnlyList<ReportSection> Sections);

/// <summary>One section: a heading, an optional sentence, and a chart and/or a small table.</summary>
/// <param name="Heading">The section's heading.</param>
/// <param name="Sentence">A sentence under the heading (what to read in the chart); with neither chart nor table it is the whole section.</param>
/// <param name="Chart">The chart, if any.</param>
/// <param name="Table">The table, if any (after the chart).</param>
internal sealed record ReportSection(string Heading, string? Sentence = null, ReportChart? Chart = null, ReportTable? Table = null);

/// <summary>A small table of text cells; numbers are formatted by whoever builds it.</summary>
internal sealed record ReportTable
{
    /// <summary>A table whose every row has one cell per column.</summary>
    /// <exception cref="ArgumentException">A row has more or fewer cells than there are columns.</exception>
    public ReportTable(IReadOnlyList<ReportColumn> columns, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Count != columns.Count)
            {
                throw new ArgumentException($"Row {i + 1} has {rows[i].Count} cells; the table has {columns.Count} columns.", nameof(rows));
            }
        }

        Columns = columns;
        Rows = rows;
    }

    public IReadOnlyList<ReportColumn> Columns { get; }

    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }
}

/// <summary>A table column; a numeric one is right-aligned so digits line up.</summary>
internal sealed record ReportColumn(string Heading, bool Numeric = false);

/// <summary>
/// A chart: one of <see cref="CategoryChart"/>, <see cref="ParetoChart"/>, <see cref="StackedChart"/>,
/// <see cref="FunnelChart"/> or <see cref="RankingChart"/>.
/// </summary>
internal abstract class ReportChart
{
    private protected ReportChart(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        Title = title;
    }

    /// <summary>The chart's title: its caption and the SVG's <c>&lt;title&gt;</c>.</summary>
    public string Title { get; }

    /// <summary>A sentence added to the chart's description for screen readers (the data itself is described anyway).</summary>
    public string? Note { get; init; }

    /// <summary>The .NET format of values (invariant culture).</summary>
    /// <value>Default <c>#,##0.##</c>: <c>1,234</c>, <c>1,234.5</c>. A fraction shown as a percentage takes <c>0.0%</c>.</value>
    public string ValueFormat { get; init; } = "#,##0.##";
}

/// <summary>A category's bar: its label, value, and an optional second value drawn beside it.</summary>
/// <param name="Label">The category (a grade, a band, a customer).</param>
/// <param name="Value">The value; a negative one is drawn as an empty bar with its value written.</param>
/// <param name="Second">A second value (the category's value in money beside its count of customers).</param>
internal sealed record ChartBar(string Label, decimal Value, decimal? Second = null);

/// <summary>
/// Vertical bars, one per category, in the given order: counts per grade, churn band, lifecycle stage or tier; SLA
/// compliance per policy. When any bar has a <see cref="ChartBar.Second"/> value, both series are drawn as shares of
/// their own totals on one percentage axis (share of customers beside share of value), so different units compare.
/// </summary>
/// <param name="title">The chart's title.</param>
/// <param name="valueLabel">What the values are (the axis and legend: <c>Customers</c>).</param>
/// <param name="bars">The bars, in order.</param>
internal sealed class CategoryChart(string title, string valueLabel, IReadOnlyList<ChartBar> bars) : ReportChart(title)
{
    public string ValueLabel { get; } = valueLabel ?? throw new ArgumentNullException(nameof(valueLabel));

    public IReadOnlyList<ChartBar> Bars { get; } = bars ?? throw new ArgumentNullException(nameof(bars));

    /// <summary>What the second values are (<c>Value</c>); the legend's second entry.</summary>
    public string? SecondLabel { get; init; }

    /// <summary>The axis's top when it should not follow the data (<c>1</c> for a compliance rate); ignored when a larger value is drawn.</summary>
    public decimal? AxisMaximum { get; init; }
}

/// <summary>
/// A Pareto chart: bars sorted by value, largest first, and a line of the cumulative share of the total (right axis,
/// with the 80% line), e.g. the customers at risk by value at stake. <see cref="ChartBar.Second"/> is not drawn.
/// </summary>
internal sealed class ParetoChart(string title, string valueLabel, IReadOnlyList<ChartBar> bars) : ReportChart(title)
{
    public string ValueLabel { get; } = valueLabel ?? throw new ArgumentNullException(nameof(valueLabel));

    public IReadOnlyList<ChartBar> Bars { get; } = bars ?? throw new ArgumentNullException(nameof(bars));
}

/// <summary>How a <see cref="StackedChart"/> places its series within a category.</summary>
internal enum StackLayout
{
    /// <summary>On top of one another; the total is written above.</summary>
    Stacked,

    /// <summary>Side by side.</summary>
    Grouped,
}

/// <summary>One series of a <see cref="StackedChart"/>: its name (an owner role) and one value per category (week).</summary>
internal sealed record ChartSeries(string Name, IReadOnlyList<decimal> Values);

/// <summary>Bars per category made of several series, e.g. contacts due per week, stacked by owner role.</summary>
internal sealed class StackedChart : ReportChart
{
    /// <summary>A chart of <paramref name="series"/> over <paramref name="categories"/>.</summary>
    /// <exception cref="ArgumentException">A series has more or fewer values than there are categories.</exception>
    public StackedChart(string title, string valueLabel, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series)
        : base(title)
    {
        ArgumentNullException.ThrowIfNull(valueLabel);
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(series);
        foreach (var s in series)
        {
            if (s.Values.Count != categories.Count)
            {
                throw new ArgumentException($"Series '{s.Name}' has {s.Values.Count} values; the chart has {categories.Count} categories.", nameof(series));
            }
        }

        ValueLabel = valueLabel;
        Categories = categories;
        Series = series;
    }

    public string ValueLabel { get; }

    public IReadOnlyList<string> Categories { get; }

    public IReadOnlyList<ChartSeries> Series { get; }

    /// <value>Default <see cref="StackLayout.Stacked"/>.</value>
    public StackLayout Layout { get; init; } = StackLayout.Stacked;
}

/// <summary>A funnel stage: how many reached it, how many of them went on, and how long they stayed.</summary>
/// <param name="Name">The stage.</param>
/// <param name="Count">How many reached it.</param>
/// <param name="ConversionToNext">The fraction (0–1) that went on to the next stage; when absent it is the next stage's count over this one's.</param>
/// <param name="MedianTimeInStage">The median time spent in the stage, if known.</param>
internal sealed record FunnelStage(string Name, long Count, decimal? ConversionToNext = null, Duration? MedianTimeInStage = null);

/// <summary>A funnel: stages top to bottom, bars as wide as their counts, the conversion rate between stages and the median time in each.</summary>
internal sealed class FunnelChart(string title, IReadOnlyList<FunnelStage> stages) : ReportChart(title)
{
    public IReadOnlyList<FunnelStage> Stages { get; } = stages ?? throw new ArgumentNullException(nameof(stages));
}

/// <summary>A group of a <see cref="RankingChart"/>: its heading (a churn band) and bars (the signals that fired).</summary>
internal sealed record RankingGroup(string? Heading, IReadOnlyList<ChartBar> Bars);

/// <summary>
/// Horizontal bars ranked largest first within each group, on one scale across groups, e.g. the signals that fire
/// most per churn band. Long labels fit because they sit to the left of their bars.
/// </summary>
internal sealed class RankingChart(string title, string valueLabel, IReadOnlyList<RankingGroup> groups) : ReportChart(title)
{
    public string ValueLabel { get; } = valueLabel ?? throw new ArgumentNullException(nameof(valueLabel));

    public IReadOnlyList<RankingGroup> Groups { get; } = groups ?? throw new ArgumentNullException(nameof(groups));
}
