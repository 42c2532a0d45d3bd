using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Crm.Rules.CommandLine.Reporting;
using NodaTime;

namespace Crm.Rules.Tests.Reporting;

/// <summary>The HTML report read back as XML (it is written in XHTML syntax so that it can be): structure, safety, edge cases.</summary>
public partial class HtmlReportTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Write_Portfolio_IsOneWellFormedHtml5Document()
    {
        var html = HtmlReport.Render(SampleReports.Portfolio());

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        var document = XDocument.Parse(html);
        Assert.Equal("html", document.Root!.Name.LocalName);
        Assert.Equal("en", (string?)document.Root.Attribute("lang"));
        Assert.Equal("utf-8", document.Descendants("meta").Select(m => (string?)m.Attribute("charset")).Single(c => c is not null));
        Assert.Single(document.Descendants("style"));
    }

    [Fact]
    public void Write_Portfolio_HasEverySectionInOrderWithOneSvgPerChart()
    {
        var report = SampleReports.Portfolio();
        var document = XDocument.Parse(HtmlReport.Render(report));

        var sections = document.Descendants("section").ToList();
        Assert.Equal(report.Sections.Select(s => s.Heading), sections.Select(s => s.Element("h2")!.Value));
        for (var i = 0; i < sections.Count; i++)
        {
            var svgs = sections[i].Descendants(Svg + "svg").ToList();
            Assert.Equal(report.Sections[i].Chart is null ? 0 : 1, svgs.Count);
        }

        Assert.Equal(report.Sections.Count(s => s.Chart is not null), document.Descendants(Svg + "svg").Count());
        Assert.Equal(report.Sections.Select((_, i) => $"#section-{i + 1}"), document.Descendants("nav").Descendants("a").Select(a => (string)a.Attribute("href")!));
    }

    [Fact]
    public void Write_Portfolio_HeaderShowsFingerprintAsOfAndRuleSetSummary()
    {
        var report = SampleReports.Portfolio();
        var header = XDocument.Parse(HtmlReport.Render(report)).Descendants("header").Single();

        Assert.Equal(report.Title, header.Element("h1")!.Value);
        Assert.Equal(SampleReports.Fingerprint, header.Descendants("code").Single(c => (string?)c.Attribute("class") == "fingerprint").Value);
        Assert.Equal("2026-03-31", (string?)header.Descendants("time").Single().Attribute("datetime"));
        Assert.Equal(report.RuleSetSummary, header.Descendants("ul").Single().Elements("li").Select(li => li.Value));
    }

    [Fact]
    public void Write_EveryChart_IsAccessible()
    {
        var document = XDocument.Parse(HtmlReport.Render(SampleReports.Portfolio()));

        foreach (var svg in document.Descendants(Svg + "svg"))
        {
            var id = (string)svg.Attribute("id")!;
            Assert.Equal("img", (string?)svg.Attribute("role"));
            Assert.Equal($"{id}-title {id}-desc", (string?)svg.Attribute("aria-labelledby"));
            Assert.False(string.IsNullOrWhiteSpace(svg.Element(Svg + "title")?.Value), id);
            Assert.True(svg.Element(Svg + "desc")?.Value.Length > 20, id);
            Assert.NotNull(svg.Attribute("viewBox"));
            Assert.All(svg.Descendants(Svg + "rect").Where(IsBar), bar => Assert.False(string.IsNullOrEmpty(bar.Element(Svg + "title")?.Value)));
            Assert.NotEmpty(svg.Descendants(Svg + "text"));

            // The numbers behind the drawing, as a table beside it.
            Assert.NotEmpty(svg.Parent!.Element("details")!.Descendants("td"));
        }
    }

    [Fact]
    public void Write_BarCounts_EqualDataCounts()
    {
        var report = SampleReports.Portfolio();
        var document = XDocument.Parse(HtmlReport.Render(report));

        foreach (var (section, index) in report.Sections.Select((s, i) => (s, i)))
        {
            if (section.Chart is not { } chart)
            {
                continue;
            }

            var expected = chart switch
            {
                CategoryChart c => c.Bars.Count * (c.Bars.Any(b => b.Second is not null) ? 2 : 1),
                ParetoChart p => p.Bars.Count,
                StackedChart s => s.Categories.Count * s.Series.Count,
                FunnelChart f => f.Stages.Count,
                RankingChart r => r.Groups.Sum(g => g.Bars.Count),
                _ => throw new InvalidOperationException(),
            };
            var svg = document.Descendants(Svg + "svg").Single(s => (string?)s.Attribute("id") == $"section-{index + 1}-chart");
            Assert.Equal(expected, svg.Descendants(Svg + "rect").Count(IsBar));
        }
    }

    [Fact]
    public void Write_Portfolio_HasNoScriptAndNoExternalAddress()
    {
        var html = HtmlReport.Render(SampleReports.Portfolio());
        var document = XDocument.Parse(html);

        Assert.DoesNotContain(document.Descendants(), e => e.Name.LocalName.Equals("script", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(document.Descendants().Attributes(), a => a.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        var addresses = Regex.Matches(html, "(https?:)?//[^\\s\"'<>)]*", RegexOptions.IgnoreCase).Select(m => m.Value).Distinct().ToList();
        Assert.Equal(["http://www.w3.org/2000/svg"], addresses);
        Assert.All(document.Descendants().Attributes().Where(a => a.Name.LocalName is "href" or "src"), a => Assert.StartsWith("#", a.Value, StringComparison.Ordinal));
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
    }

    [Fact]
    public void StyleSheet_ReadsTheSameAsHtmlAndXml_AndPrints()
    {
        // A <style> is raw text to HTML but parsed text to XML: the two agree only without '<', '>' and '&'.
        Assert.DoesNotContain('<', HtmlReport.StyleSheet);
        Assert.DoesNotContain('>', HtmlReport.StyleSheet);
        Assert.DoesNotContain('&', HtmlReport.StyleSheet);
        Assert.DoesNotContain("url(", HtmlReport.StyleSheet, StringComparison.Ordinal);
        Assert.DoesNotContain("@import", HtmlReport.StyleSheet, StringComparison.Ordinal);
        Assert.Contains("@media print", HtmlReport.StyleSheet, StringComparison.Ordinal);
        Assert.Contains("page-break-inside: avoid", HtmlReport.StyleSheet, StringComparison.Ordinal);
        Assert.Contains("system-ui", HtmlReport.StyleSheet, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Numbers_UseTheInvariantCulture()
    {
        var document = XDocument.Parse(HtmlReport.Render(SampleReports.Portfolio()));
        var texts = document.Descendants(Svg + "text").Select(t => t.Value).ToList();

        Assert.Contains("1,690", texts);
        Assert.Contains("96.2%", texts);
        Assert.Contains("182,000", texts);
        Assert.Contains("↓ 48% go on", texts);
        Assert.Contains("4 d 6 h", texts);
    }

    internal static bool IsBar(XElement rect) =>
        ((string?)rect.Attribute("class"))?.Split(' ').Contains("bar") == true;

    internal static IEnumerable<double> NumericAttributes(XElement svg) =>
        svg.DescendantsAndSelf().Attributes()
            .Where(a => a.Name.LocalName is "x" or "y" or "width" or "height" or "x1" or "x2" or "y1" or "y2" or "cx" or "cy" or "r")
            .Select(a => double.Parse(a.Value, NumberStyles.Float, CultureInfo.InvariantCulture));
}
