using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Crm.Rules.CommandLine.Reporting;
using Crm.Rules.Sla;
using NodaTime;
using static Crm.Rules.Tests.Support.CliRun;

namespace Crm.Rules.Tests.Cli;

/// <summary>
/// <c>crm-rules report --histories FILE --tickets FILE</c>: the funnel and SLA compliance sections hold the numbers
/// <c>crm-rules funnel</c> and <c>crm-rules sla</c> give for the same files, read under the same per-record contract.
/// </summary>
public sealed class ReportFunnelAndSlaCliTests : IDisposable
{
    private static readonly string Profiles = RepositoryPaths.Combine("samples", "data", "profiles.csv");
    private static readonly string Histories = RepositoryPaths.Combine("samples", "data", "funnel-histories.csv");
    private static readonly string Tickets = RepositoryPaths.Combine("samples", "data", "tickets.json");
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private (int Exit, string Output, string Error, XDocument? Page) Report(params string[] more)
    {
        var target = Path.Combine(_folder.Path, "report.html");
        File.Delete(target);
        var (exit, output, error) = Run(["report", "--input", Profiles, "--as-of", "2026-11-24", "--out", target, .. more]);
        return (exit, output, error, File.Exists(target) ? XDocument.Parse(File.ReadAllText(target)) : null);
    }

    private static XElement Section(XDocument page, string heading) => page.Descendants("section").Single(s => s.Element("h2")!.Value == heading);

    private static string Sentence(XElement section) => section.Elements("p").First().Value;

    // The section's own table (the chart's numbers sit folded inside its figure).
    private static string[][] Rows(XElement section) =>
        [.. section.Elements("table").Single().Element("tbody")!.Elements("tr").Select(tr => tr.Elements("td").Select(td => td.Value).ToArray())];

    private static JsonArray Json(string output) => JsonNode.Parse(output)!.AsArray();

    // IsoDuration's text (PT62H30M, PT0S) back to a duration.
    private static Duration Iso(string text)
    {
        Assert.True(IsoDuration.TryParse(text, out var duration), text);
        return duration;
    }

    private static void AssertFunnelEqualsTheFunnelCommand(XDocument page, string histories, params string[] more)
    {
        var funnel = Json(Run(["funnel", "--input", histories, "--format", "json", .. more]).Output);
        var conversions = funnel.Where(r => (string)r!["measure"]! == "conversion").ToList();
        var medians = funnel.Where(r => (string)r!["measure"]! == "medianTimeInStage").ToDictionary(r => (string)r!["subject"]!, r => Iso((string)r!["detail"]!));
        var rows = Rows(Section(page, AttachmentSections.FunnelHeading));

        Assert.Equal(conversions.Select(c => (string)c!["subject"]!), rows.Select(r => r[0]));
        foreach (var (conversion, row) in conversions.Zip(rows))
        {
            // The funnel command's detail is "converted of entered".
            var parts = ((string)conversion!["detail"]!).Split(" of ");
            Assert.Equal((parts[1], parts[0]), (row[1], row[2]));
            var from = ((string)conversion["subject"]!).Split(" → ")[0];
            Assert.Equal(medians.TryGetValue(from, out var median) ? ReportText.Duration(median) : "–", row[4]);
        }
    }

    private static void AssertSlaEqualsTheSlaCommand(XDocument page, string tickets, params string[] more)
    {
        var statuses = Json(Run(["sla", "--input", tickets, "--format", "json", .. more]).Output)
            .GroupBy(t => (string)t!["policy"]!)
            .ToDictionary(g => g.Key, g => g.Select(t => (string)t!["status"]!).ToList());
        var rows = Rows(Section(page, AttachmentSections.SlaHeading));

        Assert.Equal(statuses.Keys.Order(StringComparer.Ordinal), rows.Select(r => r[0]).Order(StringComparer.Ordinal));
        foreach (var row in rows)
        {
            var of = statuses[row[0]];
            int Count(params string[] s) => of.Count(s.Contains);
            var decided = Count("met", "met-late", "breached");
            string[] expected =
            [
                row[0], of.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{Count("met")}", $"{Count("met-late")}", $"{Count("breached")}",
                $"{Count("warning")}", $"{Count("running", "paused")}", decided == 0 ? "–" : ReportText.Percent((double)Count("met") / decided),
            ];
            Assert.Equal(expected, row);
        }
    }

    [Fact]
    public void Report_FunnelSection_HoldsWhatTheFunnelCommandGives_ForTheSameHistories()
    {
        var (exit, output, error, page) = Report("--histories", Histories);

        Assert.Equal(0, exit);
        Assert.Contains("9 customers, 12 histories", output, StringComparison.Ordinal);
        Assert.Contains("40 records, 40 written, 0 failed; 12 histories in funnel-histories.csv", error, StringComparison.Ordinal);
        AssertFunnelEqualsTheFunnelCommand(page!, Histories);

        // The chart: the stages in the machine's order from the first, one bar each, and what the conversions say.
        var section = Section(page!, AttachmentSections.FunnelHeading);
        var svg = section.Descendants(Svg + "svg").Single();
        var bars = svg.Descendants(Svg + "rect").Where(r => (string?)r.Attribute("class") == "bar").Select(r => r.Element(Svg + "title")!.Value).ToList();
        Assert.Equal(["lead: 12", "prospect: 8", "intent: 6", "negotiation: 5", "won: 3", "repeat: 1"], bars);
        Assert.Contains("Where they stand now: lead 2, prospect 1, negotiation 1, won 2, repeat 1, lost 5.", Sentence(section), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_SlaSection_HoldsWhatTheSlaCommandGives_ForTheSameTickets()
    {
        var (exit, output, error, page) = Report("--tickets", Tickets);

        Assert.Equal(0, exit);
        Assert.Contains("9 customers, 6 tickets", output, StringComparison.Ordinal);
        Assert.Contains("6 records, 6 written, 0 failed; statuses: breached 1, met 1, met-late 1, paused 1, warning 2; tickets in tickets.json", error, StringComparison.Ordinal);
        AssertSlaEqualsTheSlaCommand(page!, Tickets);

        // A share only where an outcome is known; the statuses stacked per policy in the next section.
        var compliance = Section(page!, AttachmentSections.SlaHeading).Descendants(Svg + "rect").Where(r => (string?)r.Attribute("class") == "bar").Select(r => r.Element(Svg + "title")!.Value).ToList();
        Assert.Equal(["demand-feedback: 100.0%", "crisis-first-response: 0.0%", "technical-diagnosis: 0.0%"], compliance);
        var stacked = Section(page!, AttachmentSections.StatusHeading);
        Assert.Single(stacked.Descendants(Svg + "svg"));
        var segments = stacked.Descendants(Svg + "rect").Where(r => (string?)r.Attribute("class") == "bar segment").Select(r => r.Element(Svg + "title")!.Value).ToList();
        Assert.Equal(6 * 5, segments.Count); // six policies; five statuses occur (no ticket is running)
        Assert.Contains("demand-feedback · met: 1", segments);
        Assert.Contains("technical-diagnosis · met late: 1", segments);
        Assert.Contains("crisis-first-response · breached: 1", segments);
        Assert.Contains("response-C · paused: 1", segments);
    }

    [Fact]
    public void Report_CsvTickets_AndBothFiles_DrawBothSections_InOrder()
    {
        var tickets = RepositoryPaths.Combine("samples", "data", "tickets.csv");
        var (exit, _, _, page) = Report("--histories", Histories, "--tickets", tickets);

        Assert.Equal(0, exit);
        AssertFunnelEqualsTheFunnelCommand(page!, Histories);
        AssertSlaEqualsTheSlaCommand(page!, tickets);
        var headings = page!.Descendants("section").Select(s => s.Element("h2")!.Value).ToList();
        Assert.Equal(headings.IndexOf("Lifecycle stages") + 1, headings.IndexOf(AttachmentSections.FunnelHeading));
        Assert.Equal(headings.IndexOf("Response-time policies") + 1, headings.IndexOf(AttachmentSections.SlaHeading));
        Assert.Equal(headings.IndexOf(AttachmentSections.SlaHeading) + 1, headings.IndexOf(AttachmentSections.StatusHeading));

        // Still self-contained: no script, no address but the SVG namespace.
        var html = page.ToString();
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.All(Regex.Matches(html, "https?://[^\"\\s<]+").Select(m => m.Value), a => Assert.Equal("http://www.w3.org/2000/svg", a));
    }

    [Fact]
    public void Report_WithoutTheFiles_SaysWhichOptionDrawsEachSection()
    {
        var (exit, _, _, page) = Report();

        Assert.Equal(0, exit);
        var funnel = Section(page!, AttachmentSections.FunnelHeading);
        var sla = Section(page!, AttachmentSections.SlaHeading);
        Assert.StartsWith("Not drawn: no stage histories were given. --histories FILE", Sentence(funnel), StringComparison.Ordinal);
        Assert.StartsWith("Not drawn: no tickets were given. --tickets FILE", Sentence(sla), StringComparison.Ordinal);
        Assert.Empty(funnel.Descendants(Svg + "svg"));
        Assert.Empty(sla.Descendants(Svg + "svg"));
        Assert.DoesNotContain(page!.Descendants("h2"), h => h.Value == AttachmentSections.StatusHeading);
    }

    [Fact]
    public void Report_BadHistoriesAndTickets_AreReportedWithFileLineAndField_AndTheRestIsUsed()
    {
        var histories = _folder.Write("bad-histories.csv", """
            id,stage,at,reason
            D-1,lead,2026-01-05T09:00:00Z,
            D-1,prospect,2026-01-20T09:00:00Z,
            D-2,lead,2026-01-06T09:00:00Z,
            D-2,nope,2026-01-07T09:00:00Z,
            D-3,lead,2026-01-08T09:00:00Z,
            D-3,prospect,08/01/2026,

            """);
        var tickets = _folder.Write("bad-tickets.csv", """
            id,policy,grade,kind,priority,start,pauses,stop,asOf
            T-1,vip-inquiry,,,,2026-11-23T09:00:00Z,,2026-11-23T10:15:00Z,2026-11-23T12:00:00Z
            T-2,no-such-policy,,,,2026-11-23T09:00:00Z,,,2026-11-23T12:00:00Z
            T-3,vip-inquiry,,,,2026-11-23T09:00:00Z,,,2026-11-23T12:00:00Z

            """);

        var (exit, _, error, page) = Report("--histories", histories, "--tickets", tickets);

        Assert.Equal(2, exit);
        var lines = error.Split(Environment.NewLine);
        Assert.Contains(lines, l => l.StartsWith("error: bad-histories.csv line 5 (id D-2), field 'stage': 'nope' is not a stage of 'funnel'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("error: bad-histories.csv line 7 (id D-3), field 'at': ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("error: bad-tickets.csv line 3 (id T-2), field 'policy': 'no-such-policy' is not a policy", StringComparison.Ordinal));
        Assert.Contains("6 records, 4 written, 2 failed; 3 histories in bad-histories.csv", error, StringComparison.Ordinal);
        Assert.Contains("3 records, 2 written, 1 failed; statuses:", error, StringComparison.Ordinal);

        // The report is written from every other record, with the numbers the family commands give for the same files.
        AssertFunnelEqualsTheFunnelCommand(page!, histories);
        Assert.Equal(["lead → prospect", "3", "1"], Rows(Section(page!, AttachmentSections.FunnelHeading))[0][..3]);
        AssertSlaEqualsTheSlaCommand(page!, tickets);
        Assert.Equal(["vip-inquiry", "2"], Rows(Section(page!, AttachmentSections.SlaHeading)).Single()[..2]);
    }

    [Fact]
    public void Report_EmptyFiles_DrawNoRates_AndSayThereIsNothingToChart()
    {
        var histories = _folder.Write("empty-histories.csv", "id,stage,at,reason\n");
        var tickets = _folder.Write("empty-tickets.csv", "id,policy,grade,kind,priority,start,pauses,stop,asOf\n");

        var (exit, output, _, page) = Report("--histories", histories, "--tickets", tickets);

        Assert.Equal(0, exit);
        Assert.Contains("9 customers, 0 histories, 0 tickets,", output, StringComparison.Ordinal);
        AssertFunnelEqualsTheFunnelCommand(page!, histories);
        var funnel = Section(page!, AttachmentSections.FunnelHeading);
        Assert.All(Rows(funnel), r => Assert.Equal(["0", "0", "–", "–"], r[1..]));
        Assert.DoesNotContain("% go on", funnel.Descendants(Svg + "svg").Single().Value, StringComparison.Ordinal);
        var sla = Section(page!, AttachmentSections.SlaHeading);
        Assert.Equal(["Share met on time per policy: no data to chart.", "No rows."], sla.Elements("p").Skip(1).Select(p => p.Value));
        Assert.Empty(sla.Elements("table"));
    }

    [Fact]
    public void Report_MaxErrorsStopsTheHistories_TheFunnelIsNotDrawn_AndThePageSaysSo()
    {
        var histories = _folder.Write("stopped.csv", "id,stage,at,reason\nD-1,lead,2026-01-05T09:00:00Z,\nD-2,nope,2026-01-07T09:00:00Z,\nD-3,lead,2026-01-08T09:00:00Z,\n");

        var (exit, output, error, page) = Report("--histories", histories, "--tickets", Tickets, "--max-errors", "1");

        Assert.Equal(2, exit);
        Assert.Contains("error: stopped after 1 failed record (--max-errors 1)", error, StringComparison.Ordinal);
        Assert.Contains("error: no funnel in the report: stopped.csv was not read to the end", error, StringComparison.Ordinal);
        Assert.Contains("9 customers, 6 tickets,", output, StringComparison.Ordinal);
        var funnel = Section(page!, AttachmentSections.FunnelHeading);
        Assert.StartsWith("Not drawn: stopped.csv was not read to the end (--max-errors stopped it)", Sentence(funnel), StringComparison.Ordinal);
        Assert.Empty(funnel.Descendants(Svg + "svg"));
        Assert.Empty(funnel.Elements("table"));

        // The other file is read in full and drawn.
        AssertSlaEqualsTheSlaCommand(page!, Tickets);
    }

    [Fact]
    public void Report_MaxErrorsStopsTheTickets_TheSlaSectionIsNotDrawn()
    {
        var tickets = _folder.Write("stopped.json", """[{"id": "T-1", "policy": "nope", "start": "2026-11-23T09:00:00Z", "asOf": "2026-11-23T12:00:00Z"}]""");

        var (exit, _, error, page) = Report("--tickets", tickets, "--max-errors", "1");

        Assert.Equal(2, exit);
        Assert.Contains("error: no SLA compliance in the report: stopped.json was not read to the end", error, StringComparison.Ordinal);
        var sla = Section(page!, AttachmentSections.SlaHeading);
        Assert.StartsWith("Not drawn: stopped.json was not read to the end", Sentence(sla), StringComparison.Ordinal);
        Assert.Empty(sla.Descendants(Svg + "svg"));
        Assert.DoesNotContain(page!.Descendants("h2"), h => h.Value == AttachmentSections.StatusHeading);
    }

    [Theory]
    [InlineData("--histories")]
    [InlineData("--tickets")]
    public void Report_AFileThatDoesNotExist_StopsBeforeAnyWork(string option)
    {
        var (exit, output, error, page) = Report(option, Path.Combine(_folder.Path, "nope.csv"));

        Assert.Equal(2, exit);
        Assert.Null(page);
        Assert.Equal("", output);
        Assert.Contains($"error: {option}: ", error, StringComparison.Ordinal);
        Assert.Contains("the input file does not exist", error, StringComparison.Ordinal);
        Assert.DoesNotContain("records", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_UnknownMachine_IsRefused_AsTheFunnelCommandRefusesIt()
    {
        var (exit, _, error, page) = Report("--histories", Histories, "--machine", "nope");
        var funnel = Run("funnel", "--input", Histories, "--machine", "nope");

        Assert.Equal((2, 2), (exit, funnel.Exit));
        Assert.Null(page);
        Assert.Contains("error: --machine: 'nope' is not a machine (known: ", error, StringComparison.Ordinal);
        Assert.Equal(funnel.Error.Trim(), error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)[^1]);
    }

    [Fact]
    public void Report_OtherMachine_FollowsItsStageOrder()
    {
        var config = RepositoryPaths.Combine("samples", "config", "sales-pipeline.json");
        var histories = _folder.Write("pipeline.csv", "id,stage,at,reason\nO-1,prospecting,2026-01-05T09:00:00Z,\nO-1,engaging,2026-01-09T09:00:00Z,\nO-1,won,2026-02-09T09:00:00Z,GTX Basic\nO-2,engaging,2026-01-07T09:00:00Z,\nO-2,lost,2026-01-21T09:00:00Z,MG Special\n");

        var target = Path.Combine(_folder.Path, "pipeline.html");
        var (exit, _, error) = Run("report", "--input", Profiles, "--as-of", "2026-11-24", "--out", target, "--config", config, "--histories", histories, "--machine", "pipeline");

        Assert.True(exit == 0, error);
        var page = XDocument.Parse(File.ReadAllText(target));
        AssertFunnelEqualsTheFunnelCommand(page, histories, "--config", config, "--machine", "pipeline");
        Assert.Equal(["prospecting → engaging", "engaging → won"], Rows(Section(page, AttachmentSections.FunnelHeading)).Select(r => r[0]));
    }

    [Fact]
    public void Report_Viewer_SeesOnlyItsHistoriesAndTickets_AndMessagesStayMasked()
    {
        var histories = _folder.Write("owned.csv", """
            id,stage,at,reason,owner
            D-1,lead,2026-01-05T09:00:00Z,,u-7
            D-1,prospect,2026-01-20T09:00:00Z,,u-7
            D-2,lead,2026-01-06T09:00:00Z,,u-9
            D-2,prospect,2026-01-08T09:00:00Z,,u-9
            13812345678,nope,2026-01-07T09:00:00Z,,u-7

            """);
        var tickets = _folder.Write("owned-tickets.json", """
            [{"id": "T-1", "policy": "vip-inquiry", "start": "2026-11-23T09:00:00Z", "stop": "2026-11-23T10:15:00Z", "asOf": "2026-11-23T12:00:00Z", "owner": "u-7"},
             {"id": "T-2", "policy": "vip-inquiry", "start": "2026-11-23T09:00:00Z", "asOf": "2026-11-23T12:00:00Z", "owner": "u-9"}]
            """);

        var (exit, _, error, page) = Report("--histories", histories, "--tickets", tickets, "--viewer", "sales-rep:u-7");

        Assert.Equal(2, exit);
        Assert.Contains("5 records, 2 written, 1 failed, 2 hidden by access (DATA-4); 1 histories in owned.csv", error, StringComparison.Ordinal);
        Assert.Contains("2 records, 1 written, 0 failed, 1 hidden by access (DATA-4); statuses: met 1", error, StringComparison.Ordinal);
        Assert.Contains("error: owned.csv line 6 (id 138****5678), field 'stage'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", error, StringComparison.Ordinal);
        AssertFunnelEqualsTheFunnelCommand(page!, histories, "--viewer", "sales-rep:u-7");
        AssertSlaEqualsTheSlaCommand(page!, tickets, "--viewer", "sales-rep:u-7");
        Assert.Equal(["lead → prospect", "1", "1"], Rows(Section(page!, AttachmentSections.FunnelHeading))[0][..3]);
        Assert.DoesNotContain("13812345678", page!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_DrawsTheFunnelAndSlaRows_OnTheTerminal()
    {
        var (exit, output, _, _) = Report("--histories", Histories, "--tickets", Tickets, "--summary");

        Assert.Equal(0, exit);
        Assert.Contains("Sales funnel", output, StringComparison.Ordinal);
        Assert.Contains("lead (67% on, 2 d 14 h)", output, StringComparison.Ordinal);
        Assert.Contains("lead → prospect", output, StringComparison.Ordinal);
        Assert.Contains("SLA compliance by policy", output, StringComparison.Ordinal);
        Assert.Contains("Share met on time per policy", output, StringComparison.Ordinal);
        Assert.Matches(@"crisis-first-response\s+1\s+0\s+0\s+1\s+0\s+0\s+0%", output);
        Assert.All(output.Split('\n').Skip(1), line => Assert.True(line.TrimEnd().Length <= 80, line));
    }

    [Fact]
    public void PolicyCompliance_IsMetOverTheTicketsWhoseOutcomeIsKnown_OpenOnesLeftOut()
    {
        var policy = new PolicyCompliance("response-A");
        Assert.Null(policy.Compliance);
        foreach (var status in new[] { SlaStatus.Running, SlaStatus.Paused, SlaStatus.Warning })
        {
            policy.Add(status);
        }

        Assert.Null(policy.Compliance); // nothing decided yet: no share, not 0%
        policy.Add(SlaStatus.Met);
        Assert.Equal(1m, policy.Compliance);
        policy.Add(SlaStatus.MetLate);
        policy.Add(SlaStatus.Breached);
        policy.Add(SlaStatus.Met);
        Assert.Equal((7L, 2L, 1L, 1L, 1L, 1L, 1L), (policy.Tickets, policy.Met, policy.MetLate, policy.Breached, policy.Warning, policy.Running, policy.Paused));
        Assert.Equal(0.5m, policy.Compliance);
    }
}
