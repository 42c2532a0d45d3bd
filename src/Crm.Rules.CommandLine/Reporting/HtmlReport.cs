using System.Xml;
using NodaTime.Text;

namespace Crm.Rules.CommandLine.Reporting;

/// <summary>
/// Writes a <see cref="ReportModel"/> as one self-contained HTML5 document: inline CSS, inline SVG charts, no script
/// and no address outside the document, so it opens from a file or an e-mail attachment, offline, and prints.
/// </summary>
/// <remarks>
/// The markup is also well-formed XML (XHTML syntax, void elements closed, no named entities), written through an
/// <see cref="XmlWriter"/> so that data can only ever be text: a label such as <c>&lt;script&gt;</c> comes out
/// escaped, control characters are stripped, and a Content-Security-Policy forbids scripts and fetches in any case.
/// A label starting with <c>=</c> is shown as it is: HTML does not evaluate it (the CSV output neutralises it).
/// </remarks>
internal static class HtmlReport
{
    // No '<', '>' or '&' here: HTML reads a <style> as raw text while XML would want them escaped, so the style sheet
    // keeps to characters both read the same way (a test holds it to that).
    internal const string StyleSheet = """

        :root { color-scheme: light; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", "DejaVu Sans", Arial, sans-serif;
               color: #1f2328; background: #ffffff; margin: 0 auto; max-width: 62rem; padding: 1.5rem 2rem; line-height: 1.45; }
        header { border-bottom: 2px solid #d0d7de; margin-bottom: 1.5rem; padding-bottom: .5rem; }
        h1 { font-size: 1.7rem; margin: 0 0 .6rem; }
        h2 { font-size: 1.3rem; margin: 0 0 .4rem; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0 0 .8rem; }
        dt { font-weight: 600; color: #57606a; }
        dd { margin: 0; }
        code { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; font-size: .9em; overflow-wrap: anywhere; }
        ul.rule-set { margin: 0 0 .8rem; padding-left: 1.2rem; }
        nav ol { columns: 2; margin: 0; padding-left: 1.4rem; }
        a { color: #0550ae; }
        section { margin: 0 0 2.2rem; page-break-inside: avoid; break-inside: avoid; }
        figure { margin: .6rem 0; }
        figcaption { font-weight: 600; margin-bottom: .4rem; }
        svg.chart { display: block; width: 100%; max-width: 760px; height: auto; overflow: visible; }
        table { border-collapse: collapse; margin: .6rem 0; font-size: .9rem; }
        th, td { border-bottom: 1px solid #d0d7de; padding: .25rem .7rem; text-align: left; vertical-align: top; }
        th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .empty { color: #57606a; font-style: italic; }
        details { margin-top: .3rem; }
        summary { cursor: pointer; color: #57606a; }
        footer { color: #57606a; font-size: .85rem; border-top: 1px solid #d0d7de; padding-top: .5rem; margin-top: 2rem; }
        @media print {
          body { max-width: none; padding: 0; font-size: 10pt; }
          nav, details { display: none; }
          section, figure, table { page-break-inside: avoid; break-inside: avoid; }
          h2 { page-break-after: avoid; break-after: avoid; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        @page { margin: 14mm; }

        """;

    // Defence in depth: were a text ever to reach the page unescaped, the browser still runs no script and fetches nothing.
    private const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

    /// <summary>Writes the report as an HTML document to <paramref name="output"/> (to be saved as UTF-8, as its <c>&lt;meta charset&gt;</c> says).</summary>
    public static void Write(ReportModel report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        // XmlWriter would write "<!DOCTYPE html >"; HTML5's own spelling is written first, and the writer then checks
        // that one root element follows.
        output.Write("<!DOCTYPE html>\n");
        var settings = new XmlWriterSettings { OmitXmlDeclaration = true, Indent = true, IndentChars = " ", CloseOutput = false };
        using var writer = XmlWriter.Create(output, settings);
        writer.WriteStartElement("html");
        writer.WriteAttributeString("lang", "en");
        WriteHead(writer, report);
        writer.WriteStartElement("body");
        WriteHeader(writer, report);
        writer.WriteStartElement("main");
        if (report.Sections.Count == 0)
        {
            Paragraph(writer, "Nothing to report: the report has no sections.", "empty");
        }

        for (var i = 0; i < report.Sections.Count; i++)
        {
            WriteSection(writer, report.Sections[i], SectionId(i));
        }

        writer.WriteFullEndElement();
        writer.WriteStartElement("footer");
        Paragraph(writer, $"Made by crm-rules with rule set {Fingerprint(report)}. This page is self-contained: no scripts, no external files.");
        writer.WriteFullEndElement();
        writer.WriteFullEndElement();
        writer.WriteFullEndElement();
        writer.Flush();
    }

    /// <summary>The report as a string.</summary>
    public static string Render(ReportModel report)
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        Write(report, text);
        return text.ToString();
    }

    private static void WriteHead(XmlWriter writer, ReportModel report)
    {
        writer.WriteStartElement("head");
        Meta(writer, "charset", "utf-8");
        Meta(writer, "http-equiv", "Content-Security-Policy", ContentSecurityPolicy);
        Meta(writer, "name", "viewport", "width=device-width, initial-scale=1");
        Meta(writer, "name", "generator", "crm-rules");
        Element(writer, "title", report.Title);
        writer.WriteStartElement("style");
        writer.WriteRaw(StyleSheet);
        writer.WriteFullEndElement();
        writer.WriteFullEndElement();
    }

    private static void WriteHeader(XmlWriter writer, ReportModel report)
    {
        writer.WriteStartElement("header");
        Element(writer, "h1", report.Title);
        writer.WriteStartElement("dl");
        writer.WriteAttributeString("class", "facts");
        Element(writer, "dt", "As of");
        writer.WriteStartElement("dd");
        var asOf = LocalDatePattern.Iso.Format(report.AsOf);
        writer.WriteStartElement("time");
        writer.WriteAttributeString("datetime", asOf);
        writer.WriteString(asOf);
        writer.WriteFullEndElement();
        writer.WriteFullEndElement();
        Element(writer, "dt", "Rule set");
        writer.WriteStartElement("dd");
        Element(writer, "code", Fingerprint(report), "fingerprint");
        writer.WriteFullEndElement();
        writer.WriteFullEndElement();

        if (report.RuleSetSummary.Count > 0)
        {
            writer.WriteStartElement("ul");
            writer.WriteAttributeString("class", "rule-set");
            foreach (var line in report.RuleSetSummary)
            {
                Element(writer, "li", line);
            }

            writer.WriteFullEndElement();
        }

        if (report.Sections.Count > 1)
        {
            writer.WriteStartElement("nav");
            writer.WriteAttributeString("aria-label", "Sections");
            writer.WriteStartElement("ol");
            for (var i = 0; i < report.Sections.Count; i++)
            {
                writer.WriteStartElement("li");
                writer.WriteStartElement("a");
                writer.WriteAttributeString("href", "#" + SectionId(i));
                writer.WriteString(ReportText.Clean(report.Sections[i].Heading));
                writer.WriteFullEndElement();
                writer.WriteFullEndElement();
            }

            writer.WriteFullEndElement();
            writer.WriteFullEndElement();
        }

        writer.WriteFullEndElement();
    }

    private static void WriteSection(XmlWriter writer, ReportSection section, string id)
    {
        writer.WriteStartElement("section");
        writer.WriteAttributeString("id", id);
        writer.WriteAttributeString("aria-labelledby", id + "-heading");
        writer.WriteStartElement("h2");
        writer.WriteAttributeString("id", id + "-heading");
        writer.WriteString(ReportText.Clean(section.Heading));
        writer.WriteFullEndElement();

        if (section.Sentence is not null)
        {
            Paragraph(writer, section.Sentence);
        }

        if (section.Chart is { } chart)
        {
            if (SvgChart.HasData(chart))
            {
                writer.WriteStartElement("figure");
                Element(writer, "figcaption", chart.Title);
                SvgChart.Write(writer, chart, id + "-chart");
                writer.WriteStartElement("details");
                Element(writer, "summary", "The numbers");
                WriteTable(writer, ChartTable.For(chart));
                writer.WriteFullEndElement();
                writer.WriteFullEndElement();
            }
            else
            {
                Paragraph(writer, $"{ReportText.Clean(chart.Title)}: no data to chart.", "empty");
            }
        }

        if (section.Table is { } table)
        {
            if (table.Rows.Count > 0)
            {
                WriteTable(writer, table);
            }
            else
            {
                Paragraph(writer, "No rows.", "empty");
            }
        }

        if (section.Sentence is null && section.Chart is null && section.Table is null)
        {
            Paragraph(writer, "No data.", "empty");
        }

        writer.WriteFullEndElement();
    }

    private static void WriteTable(XmlWriter writer, ReportTable table)
    {
        writer.WriteStartElement("table");
        writer.WriteStartElement("thead");
        writer.WriteStartElement("tr");
        foreach (var column in table.Columns)
        {
            writer.WriteStartElement("th");
            writer.WriteAttributeString("scope", "col");
            if (column.Numeric)
            {
                writer.WriteAttributeString("class", "num");
            }

            writer.WriteString(ReportText.Clean(column.Heading));
            writer.WriteFullEndElement();
        }

        writer.WriteFullEndElement();
        writer.WriteFullEndElement();
        writer.WriteStartElement("tbody");
        foreach (var row in table.Rows)
        {
            writer.WriteStartElement("tr");
            for (var i = 0; i < row.Count; i++)
            {
                Element(writer, "td", row[i], table.Columns[i].Numeric ? "num" : null);
            }

            writer.WriteFullEndElement();
        }

        writer.WriteFullEndElement();
        writer.WriteFullEndElement();
    }

    private static string SectionId(int index) => $"section-{index + 1}";

    private static string Fingerprint(ReportModel report) =>
        string.IsNullOrWhiteSpace(report.Fingerprint) ? "(unknown)" : ReportText.Clean(report.Fingerprint);

    private static void Paragraph(XmlWriter writer, string text, string? cssClass = null) => Element(writer, "p", text, cssClass);

    /// <summary>An element with text from data: cleaned, escaped by the writer, closed with an end tag (HTML has no self-closing <c>&lt;p/&gt;</c>).</summary>
    private static void Element(XmlWriter writer, string name, string text, string? cssClass = null)
    {
        writer.WriteStartElement(name);
        if (cssClass is not null)
        {
            writer.WriteAttributeString("class", cssClass);
        }

        writer.WriteString(ReportText.Clean(text));
        writer.WriteFullEndElement();
    }

    private static void Meta(XmlWriter writer, string attribute, string value)
    {
        writer.WriteStartElement("meta");
        writer.WriteAttributeString(attribute, value);
        writer.WriteEndElement();
    }

    private static void Meta(XmlWriter writer, string attribute, string name, string content)
    {
        writer.WriteStartElement("meta");
        writer.WriteAttributeString(attribute, name);
        writer.WriteAttributeString("content", content);
        writer.WriteEndElement();
    }
}
