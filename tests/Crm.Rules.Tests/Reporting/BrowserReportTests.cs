using System.Buffers.Binary;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Crm.Rules.CommandLine.Reporting;
using Xunit.Abstractions;

namespace Crm.Rules.Tests.Reporting;

/// <summary>
/// The report in a real browser: headless Chromium loads the file, its DOM is read back and a screenshot taken.
/// Skipped where no browser is installed (see <see cref="BrowserFactAttribute"/>). Set <c>CRM_RULES_REPORT_SAMPLE</c>
/// to a path to keep the screenshot there (that is how <c>docs/images/report-sample.png</c> is made).
/// </summary>
[Trait("Category", "Browser")]
public sealed class BrowserReportTests(ITestOutputHelper output) : IDisposable
{
    private const int Width = 1280;
    private const int Height = 2000;
    private const int SampleHeight = 5100;

    private readonly TempFolder _folder = new();

    [BrowserFact]
    public void Browser_ParsesTheReport_EverySvgAndHeading()
    {
        var report = SampleReports.Portfolio();
        var (exit, dom, error) = HeadlessBrowser.Run(_folder.Path, "--dump-dom", Uri(WriteReport(report)));

        Assert.True(exit == 0, $"exit {exit}: {Tail(error)}");
        var headings = Regex.Matches(dom, "<h2[^>]*>(.*?)</h2>", RegexOptions.Singleline).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Equal(report.Sections.Select(s => s.Heading), headings);
        Assert.Equal(report.Sections.Count(s => s.Chart is not null), Regex.Count(dom, "<svg\\b"));
        Assert.Equal(Regex.Count(HtmlReport.Render(report), "class=\"bar( segment)?\""), Regex.Count(dom, "class=\"bar( segment)?\""));
    }

    [BrowserFact]
    public void Browser_HostileReport_RunsNoScriptAndKeepsLabelsAsText()
    {
        var (exit, dom, error) = HeadlessBrowser.Run(_folder.Path, "--dump-dom", Uri(WriteReport(SampleReports.Hostile())));

        Assert.True(exit == 0, $"exit {exit}: {Tail(error)}");
        Assert.DoesNotContain("<script", dom, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", dom, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", dom, StringComparison.Ordinal);
        Assert.Equal(5, Regex.Count(dom, "<svg\\b"));
    }

    [BrowserFact]
    public void Browser_Screenshot_HasTheWindowSizeAndIsNotBlank()
    {
        var page = WriteReport(SampleReports.Portfolio());
        var png = Path.Combine(_folder.Path, "report.png");

        var (exit, _, error) = HeadlessBrowser.Run(_folder.Path, $"--screenshot={png}", $"--window-size={Width},{Height}", Uri(page));

        Assert.True(exit == 0 && File.Exists(png), $"exit {exit}, no screenshot: {Tail(error)}");
        var bytes = File.ReadAllBytes(png);
        var (width, height) = PngSize(bytes);
        Assert.Equal((Width, Height), (width, height));

        // A blank white page of this size compresses to a few KB; text and coloured bars cannot.
        Assert.True(bytes.Length > 60_000, $"the screenshot is only {bytes.Length} bytes: is the page blank?");
        output.WriteLine($"screenshot: {width}×{height}, {bytes.Length:N0} bytes");

        if (Environment.GetEnvironmentVariable("CRM_RULES_REPORT_SAMPLE") is { Length: > 0 } keep)
        {
            // The whole page for the docs: headless Chromium shoots the window only, so the window is as tall as the page.
            var whole = Path.Combine(_folder.Path, "whole.png");
            var (kept, _, why) = HeadlessBrowser.Run(_folder.Path, $"--screenshot={whole}", $"--window-size={Width},{SampleHeight}", Uri(page));
            Assert.True(kept == 0 && File.Exists(whole), $"exit {kept}, no screenshot: {Tail(why)}");
            File.Copy(whole, keep, overwrite: true);
            output.WriteLine($"kept the whole page ({Width}×{SampleHeight}) as {keep}");
        }
    }

    [BrowserFact]
    public void Browser_PrintsToPdf()
    {
        var page = WriteReport(SampleReports.Portfolio());
        var pdf = Path.Combine(_folder.Path, "report.pdf");

        var (exit, _, error) = HeadlessBrowser.Run(_folder.Path, $"--print-to-pdf={pdf}", "--no-pdf-header-footer", Uri(page));

        Assert.True(exit == 0 && File.Exists(pdf), $"exit {exit}, no PDF: {Tail(error)}");
        var bytes = File.ReadAllBytes(pdf);
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(bytes, 0, 5));
        Assert.True(bytes.Length > 20_000, $"the PDF is only {bytes.Length} bytes");
    }

    [Fact]
    public void PngSize_ReadsTheIhdrHeader()
    {
        byte[] header = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 5, 0, 0, 0, 7, 0xD0];
        Assert.Equal((1280, 2000), PngSize(header));
        Assert.Throws<InvalidDataException>(() => PngSize(Encoding.ASCII.GetBytes("GIF89a not a png at all")));
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>
    /// Width and height from a PNG's first 24 bytes: the 8-byte signature, then the IHDR chunk (length, type, then
    /// width and height as big-endian 32-bit integers).
    /// </summary>
    private static (int Width, int Height) PngSize(byte[] png)
    {
        ReadOnlySpan<byte> signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        if (png.Length < 24 || !png.AsSpan(0, 8).SequenceEqual(signature) || Encoding.ASCII.GetString(png, 12, 4) != "IHDR")
        {
            throw new InvalidDataException("Not a PNG.");
        }

        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }

    private string WriteReport(ReportModel report)
    {
        var path = Path.Combine(_folder.Path, "report.html");
        using (var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        {
            HtmlReport.Write(report, writer);
        }

        return path;
    }

    private static string Uri(string path) => new Uri(path).AbsoluteUri;

    private static string Tail(string text) => text.Length <= 2_000 ? text : text[^2_000..];
}
