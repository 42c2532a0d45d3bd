using System.Xml.Linq;
using Crm.Rules.CommandLine.Reporting;

namespace Crm.Rules.Tests.Reporting;

public partial class HtmlReportTests
{
    [Fact]
    public void Write_HostileLabels_AreTextNeverMarkup()
    {
        var html = HtmlReport.Render(SampleReports.Hostile());
        var document = XDocument.Parse(html);

        Assert.DoesNotContain(document.Descendants(), e => e.Name.LocalName is "script" or "img" or "i" or "b" || (e.Name.LocalName == "h1" && e.Parent?.Name.LocalName == "section"));
        Assert.DoesNotContain(document.Descendants().Attributes(), a => a.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Fish &amp; \"Chips\" 'Ltd'", html, StringComparison.Ordinal);
        Assert.Contains("]]&gt;&lt;!--", html, StringComparison.Ordinal);
        Assert.Equal("<script>alert('title')</script> & co", document.Descendants("h1").Single().Value);
        Assert.Equal("<h1>heading</h1>", document.Descendants("section").First().Element("h2")!.Value);
    }

    [Fact]
    public void Write_HostileLabels_LoseControlAndBidiCharactersAndKeepTheRest()
    {
        var html = HtmlReport.Render(SampleReports.Hostile());
        var text = XDocument.Parse(html).Root!.Value;

        Assert.DoesNotContain(html, c => c < ' ' && c is not '\n' and not '\r');
        Assert.DoesNotContain('\u202E', html);
        Assert.DoesNotContain('\u001b', html);
        Assert.Contains("[31mred[0m", text, StringComparison.Ordinal);
        Assert.Contains("eviltxt.exe", text, StringComparison.Ordinal);
        Assert.Contains("broken \uFFFD pair", text, StringComparison.Ordinal);
        Assert.Contains("<b>fp</b>", text, StringComparison.Ordinal);

        // A formula-looking label is shown as the text it is: nothing in a browser evaluates it.
        Assert.Contains("=HYPERLINK(", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_HostileLabels_EveryChartStillDrawsEveryBar()
    {
        var report = SampleReports.Hostile();
        var document = XDocument.Parse(HtmlReport.Render(report));

        var labels = SampleReports.HostileLabels.Length;
        var bars = document.Descendants(Svg + "svg").Select(s => s.Descendants(Svg + "rect").Count(IsBar)).ToList();
        Assert.Equal([labels * 2, labels, labels * 2, labels, labels], bars);
    }

    [Fact]
    public void Write_NoSections_SaysSo()
    {
        var report = new ReportModel("Empty", new NodaTime.LocalDate(2026, 1, 1), "", [], []);
        var document = XDocument.Parse(HtmlReport.Render(report));

        Assert.Empty(document.Descendants("section"));
        Assert.Empty(document.Descendants("nav"));
        Assert.Equal("Nothing to report: the report has no sections.", document.Descendants("p").Single(p => (string?)p.Attribute("class") == "empty").Value);
        Assert.Equal("(unknown)", document.Descendants("code").Single().Value);
    }

    [Fact]
    public void Write_ChartsWithoutData_AreSentencesNotBrokenCharts()
    {
        var report = new ReportModel("Zero customers", new NodaTime.LocalDate(2026, 1, 1), "fp", [],
        [
            new("Grades", null, new CategoryChart("Customers per grade", "Customers", [])),
            new("At risk", null, new ParetoChart("Top customers at risk", "Value", [])),
            new("Contacts", null, new StackedChart("Contacts due", "Contacts", [], [])),
            new("Contacts, no roles", null, new StackedChart("Contacts due", "Contacts", ["W1", "W2"], [])),
            new("Funnel", null, new FunnelChart("Funnel", [])),
            new("Signals", null, new RankingChart("Signals", "Customers", [new("High", []), new(null, [])])),
            new("Nothing at all"),
            new("Empty table", null, null, new ReportTable([new("Policy")], [])),
        ]);
        var document = XDocument.Parse(HtmlReport.Render(report));

        Assert.Empty(document.Descendants(Svg + "svg"));
        var sentences = document.Descendants("section").Select(s => s.Elements("p").Single(p => (string?)p.Attribute("class") == "empty").Value).ToList();
        Assert.Equal(
            [
                "Customers per grade: no data to chart.", "Top customers at risk: no data to chart.", "Contacts due: no data to chart.", "Contacts due: no data to chart.",
                "Funnel: no data to chart.", "Signals: no data to chart.", "No data.", "No rows.",
            ],
            sentences);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(1e-28)]
    public void Write_ZeroNegativeAndTinyValues_DrawEmptyBarsWithoutNaN(double value)
    {
        var v = (decimal)value;
        var report = Everything(v);
        var document = XDocument.Parse(HtmlReport.Render(report));

        Assert.Equal(report.Sections.Count, document.Descendants(Svg + "svg").Count());
        Assert.All(document.Descendants(Svg + "svg"), svg => Assert.All(NumericAttributes(svg), n => Assert.True(double.IsFinite(n) && n >= 0, $"{n}")));
        Assert.DoesNotContain("NaN", document.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", document.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_HugeValues_StayFinite()
    {
        var report = Everything(decimal.MaxValue);
        var html = HtmlReport.Render(report);
        var document = XDocument.Parse(html);

        Assert.All(document.Descendants(Svg + "svg"), svg => Assert.All(NumericAttributes(svg), n => Assert.True(double.IsFinite(n) && n < 10_000, $"{n}")));
        Assert.DoesNotContain("NaN", html, StringComparison.Ordinal);
        Assert.DoesNotContain("∞", html, StringComparison.Ordinal);
        Assert.Contains("79,228,162,514,264,337,593,543,950,335", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_NegativeValue_IsWrittenWithItsSign()
    {
        var chart = new CategoryChart("Net value", "EUR", [new("Refunds", -1_250), new("Sales", 3_000)]);
        var svg = XDocument.Parse(SvgChart.Render(chart, "c"));

        var bars = svg.Descendants(Svg + "rect").Where(IsBar).ToList();
        Assert.Equal("0", (string?)bars[0].Attribute("height"));
        Assert.Contains("-1,250", svg.Descendants(Svg + "text").Select(t => t.Value));
        Assert.Equal("Refunds: -1,250", bars[0].Element(Svg + "title")!.Value);
    }

    [Fact]
    public void ReportTable_RowOfTheWrongWidth_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new ReportTable([new("A"), new("B")], [["1", "2"], ["3"]]));
        Assert.StartsWith("Row 2 has 1 cells; the table has 2 columns.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StackedChart_SeriesOfTheWrongLength_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new StackedChart("S", "V", ["W1", "W2"], [new("Sales", [1])]));
        Assert.StartsWith("Series 'Sales' has 1 values; the chart has 2 categories.", e.Message, StringComparison.Ordinal);
    }

    private static ReportModel Everything(decimal v) => new("Edges", new NodaTime.LocalDate(2026, 1, 1), "fp", [],
    [
        new("Single", null, new CategoryChart("C", "V", [new("a", v), new("b", v)])),
        new("Dual", null, new CategoryChart("C2", "V", [new("a", v, v), new("b", v, v)]) { SecondLabel = "W" }),
        new("Percent", null, new CategoryChart("C3", "V", [new("a", v)]) { ValueFormat = "0.0%", AxisMaximum = 1 }),
        new("Pareto", null, new ParetoChart("P", "V", [new("a", v), new("b", v), new("c", v)])),
        new("Stacked", null, new StackedChart("S", "V", ["W1", "W2"], [new("x", [v, v]), new("y", [v, v])])),
        new("Grouped", null, new StackedChart("G", "V", ["W1", "W2"], [new("x", [v, v]), new("y", [v, v])]) { Layout = StackLayout.Grouped }),
        new("Funnel", null, new FunnelChart("F", [new("a", v > long.MaxValue ? long.MaxValue : v < long.MinValue ? long.MinValue : (long)v), new("b", 0, MedianTimeInStage: NodaTime.Duration.Zero)])),
        new("Ranking", null, new RankingChart("R", "V", [new("g", [new("a", v), new("b", v)])])),
    ]);
}
