using System.Xml.Linq;
using Crm.Rules.CommandLine.Reporting;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Rules.Tests.Reporting;

/// <summary>Whatever the labels and values, every chart is well-formed SVG with one bar per datum and only finite coordinates.</summary>
public class SvgChartProperties
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static Gen<decimal> Values => Gen.OneOf(
        Gen.Elements(0m, -1m, 1m, decimal.MaxValue, decimal.MinValue, 0.0000000000000000000000000001m, 1e15m, 0.5m),
        ArbMap.Default.GeneratorFor<decimal>(),
        Gen.Choose(0, 10_000).Select(i => (decimal)i));

    // No label spells "NaN", not even once its control characters are taken out (a random heading held "…y\u001DNaNZ…"): the
    // property looks for that word in the drawing, where only a number gone wrong should put it.
    private static Gen<string> Labels => Gen.OneOf(
        ArbMap.Default.GeneratorFor<string>().Select(s => s ?? ""),
        Gen.Elements([.. SampleReports.HostileLabels, "", " ", "张三贸易有限公司张三贸易有限公司", new string('W', 300), "e\u0301\u0301\u0301"]))
        .Where(s => !string.Concat(s.Where(char.IsLetter)).Contains("NaN", StringComparison.Ordinal));

    private static Gen<decimal?> Seconds => Gen.OneOf(Values.Select(v => (decimal?)v), Gen.Constant((decimal?)null));

    private static Arbitrary<ReportChart> Charts =>
        Gen.OneOf(
            from bars in (from label in Labels from value in Values from second in Seconds select new ChartBar(label, value, second)).NonEmptyListOf()
            from format in Gen.Elements("#,##0.##", "0.0%", "N2", "not a format {0}")
            select (ReportChart)new CategoryChart("t", "v", [.. bars]) { SecondLabel = "w", ValueFormat = format },
            from bars in Gen.Zip(Labels, Values).Select(t => new ChartBar(t.Item1, t.Item2)).NonEmptyListOf()
            select (ReportChart)new ParetoChart("p", "v", [.. bars]),
            from categories in Labels.NonEmptyListOf()
            from series in Gen.Zip(Labels, Values.ListOf(categories.Count)).Select(t => new ChartSeries(t.Item1, [.. t.Item2])).NonEmptyListOf()
            from grouped in ArbMap.Default.GeneratorFor<bool>()
            select (ReportChart)new StackedChart("s", "v", [.. categories], [.. series]) { Layout = grouped ? StackLayout.Grouped : StackLayout.Stacked },
            from stages in (from name in Labels from count in ArbMap.Default.GeneratorFor<long>() from conversion in Seconds select new FunnelStage(name, count, conversion)).NonEmptyListOf()
            select (ReportChart)new FunnelChart("f", [.. stages]),
            from groups in Gen.Zip(Labels, Gen.Zip(Labels, Values).Select(t => new ChartBar(t.Item1, t.Item2)).NonEmptyListOf()).Select(t => new RankingGroup(t.Item1, [.. t.Item2])).NonEmptyListOf()
            select (ReportChart)new RankingChart("r", "v", [.. groups]))
        .ToArbitrary();

    [Property(MaxTest = 300)]
    public Property EveryChartIsWellFormedWithOneBarPerDatumAndFiniteCoordinates() => Prop.ForAll(Charts, chart =>
    {
        var svg = XElement.Parse(SvgChart.Render(chart, "c"));
        var expected = chart switch
        {
            CategoryChart c => c.Bars.Count * (c.Bars.Any(b => b.Second is not null) ? 2 : 1),
            ParetoChart p => p.Bars.Count,
            StackedChart s => s.Categories.Count * s.Series.Count,
            FunnelChart f => f.Stages.Count,
            RankingChart r => r.Groups.Sum(g => g.Bars.Count),
            _ => -1,
        };
        return svg.Name == Svg + "svg"
            && svg.Descendants(Svg + "rect").Count(HtmlReportTests.IsBar) == expected
            && HtmlReportTests.NumericAttributes(svg).All(double.IsFinite)
            && !svg.ToString().Contains("NaN", StringComparison.Ordinal)
            && !svg.ToString().Contains('\u001b');
    });
}
