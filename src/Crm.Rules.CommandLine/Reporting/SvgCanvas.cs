using System.Globalization;
using System.Text;
using System.Xml;

namespace Crm.Rules.CommandLine.Reporting;

/// <summary>
/// Writes SVG elements through an <see cref="XmlWriter"/>, so every text and attribute from data is escaped by the
/// writer and the markup is well-formed whatever the data; every text is <see cref="ReportText.Clean"/>ed here, once,
/// so no chart can forget it.
/// </summary>
internal sealed class SvgCanvas(XmlWriter writer)
{
    public const string Namespace = "http://www.w3.org/2000/svg";

    public const string Ink = "#1f2328";

    public const string Muted = "#57606a";

    public const string Grid = "#d0d7de";

    /// <summary>Coordinates with at most two decimals in the invariant culture; a value that is not finite is drawn at 0 rather than written as NaN.</summary>
    public static string Number(double value) =>
        double.IsFinite(value) ? Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture) : "0";

    /// <summary>Opens the <c>&lt;svg&gt;</c> with its accessible name (<c>&lt;title&gt;</c>) and description (<c>&lt;desc&gt;</c>).</summary>
    public void Begin(string id, double width, double height, string title, string description)
    {
        writer.WriteStartElement("svg", Namespace);
        writer.WriteAttributeString("id", id);
        writer.WriteAttributeString("class", "chart");
        writer.WriteAttributeString("role", "img");
        writer.WriteAttributeString("aria-labelledby", $"{id}-title {id}-desc");
        writer.WriteAttributeString("viewBox", $"0 0 {Number(width)} {Number(height)}");
        writer.WriteAttributeString("width", Number(width));
        writer.WriteAttributeString("height", Number(height));
        writer.WriteAttributeString("font-size", "12");
        writer.WriteAttributeString("fill", Ink);
        Element("title", id + "-title", title);
        Element("desc", id + "-desc", description);
    }

    public void End() => writer.WriteEndElement();

    public void BeginGroup(string cssClass)
    {
        writer.WriteStartElement("g", Namespace);
        writer.WriteAttributeString("class", cssClass);
    }

    public void EndGroup() => writer.WriteEndElement();

    /// <summary>A rectangle; a negative or non-finite size is drawn as zero, and the tooltip names the datum for a pointer or screen reader.</summary>
    public void Rect(double x, double y, double width, double height, string fill, string? cssClass = null, string? tooltip = null)
    {
        writer.WriteStartElement("rect", Namespace);
        if (cssClass is not null)
        {
            writer.WriteAttributeString("class", cssClass);
        }

        writer.WriteAttributeString("x", Number(x));
        writer.WriteAttributeString("y", Number(y));
        writer.WriteAttributeString("width", Number(Math.Max(0, width)));
        writer.WriteAttributeString("height", Number(Math.Max(0, height)));
        writer.WriteAttributeString("fill", fill);
        if (tooltip is not null)
        {
            writer.WriteElementString("title", Namespace, ReportText.Clean(tooltip));
        }

        writer.WriteEndElement();
    }

    public void Text(double x, double y, string text, double size = 12, string anchor = "start", string? fill = null, bool bold = false, string? cssClass = null, double rotate = 0)
    {
        writer.WriteStartElement("text", Namespace);
        if (cssClass is not null)
        {
            writer.WriteAttributeString("class", cssClass);
        }

        writer.WriteAttributeString("x", Number(x));
        writer.WriteAttributeString("y", Number(y));
        if (size != 12)
        {
            writer.WriteAttributeString("font-size", Number(size));
        }

        if (anchor != "start")
        {
            writer.WriteAttributeString("text-anchor", anchor);
        }

        if (fill is not null)
        {
            writer.WriteAttributeString("fill", fill);
        }

        if (bold)
        {
            writer.WriteAttributeString("font-weight", "600");
        }

        if (rotate != 0)
        {
            writer.WriteAttributeString("transform", $"rotate({Number(rotate)} {Number(x)} {Number(y)})");
        }

        writer.WriteString(ReportText.Clean(text));
        writer.WriteEndElement();
    }

    public void Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? dash = null, string? cssClass = null)
    {
        writer.WriteStartElement("line", Namespace);
        if (cssClass is not null)
        {
            writer.WriteAttributeString("class", cssClass);
        }

        writer.WriteAttributeString("x1", Number(x1));
        writer.WriteAttributeString("y1", Number(y1));
        writer.WriteAttributeString("x2", Number(x2));
        writer.WriteAttributeString("y2", Number(y2));
        writer.WriteAttributeString("stroke", stroke);
        writer.WriteAttributeString("stroke-width", Number(width));
        if (dash is not null)
        {
            writer.WriteAttributeString("stroke-dasharray", dash);
        }

        writer.WriteEndElement();
    }

    public void Polyline(IReadOnlyList<(double X, double Y)> points, string stroke, string cssClass)
    {
        var text = new StringBuilder();
        foreach (var (x, y) in points)
        {
            text.Append(text.Length == 0 ? "" : " ").Append(Number(x)).Append(',').Append(Number(y));
        }

        writer.WriteStartElement("polyline", Namespace);
        writer.WriteAttributeString("class", cssClass);
        writer.WriteAttributeString("points", text.ToString());
        writer.WriteAttributeString("fill", "none");
        writer.WriteAttributeString("stroke", stroke);
        writer.WriteAttributeString("stroke-width", "2");
        writer.WriteEndElement();
    }

    public void Circle(double cx, double cy, double r, string fill, string cssClass, string? tooltip = null)
    {
        writer.WriteStartElement("circle", Namespace);
        writer.WriteAttributeString("class", cssClass);
        writer.WriteAttributeString("cx", Number(cx));
        writer.WriteAttributeString("cy", Number(cy));
        writer.WriteAttributeString("r", Number(r));
        writer.WriteAttributeString("fill", fill);
        if (tooltip is not null)
        {
            writer.WriteElementString("title", Namespace, ReportText.Clean(tooltip));
        }

        writer.WriteEndElement();
    }

    private void Element(string name, string id, string text)
    {
        writer.WriteStartElement(name, Namespace);
        writer.WriteAttributeString("id", id);
        writer.WriteString(ReportText.Clean(text));
        writer.WriteEndElement();
    }
}
