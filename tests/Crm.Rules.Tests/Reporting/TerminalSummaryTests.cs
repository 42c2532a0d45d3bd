using Crm.Rules.CommandLine.Output;
using Crm.Rules.CommandLine.Reporting;
using Spectre.Console;

namespace Crm.Rules.Tests.Reporting;

/// <summary><c>--summary</c>: the same distributions as Spectre.Console bar charts, plain text when redirected.</summary>
public class TerminalSummaryTests
{
    [Fact]
    public void Write_Redirected_DrawsBarsWithoutEscapeCodes()
    {
        using var output = new StringWriter();
        TerminalSummary.Write(output, [("Customers per grade", [("A", 120m), ("B", 340m), ("C", 610m), ("D", 930m)])]);

        var text = output.ToString();
        Assert.DoesNotContain('\u001b', text);
        Assert.Contains("Customers per grade", text, StringComparison.Ordinal);
        var lines = text.Split('\n');
        Assert.Contains(lines, l => l.TrimStart().StartsWith("D ", StringComparison.Ordinal) && l.Contains('█') && l.TrimEnd().EndsWith("930", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.True(l.TrimEnd().Length <= 80, l));
    }

    [Fact]
    public void Write_LongestBar_IsTheLargestValue()
    {
        using var output = new StringWriter();
        TerminalSummary.Write(output, [("Bands", [("Low", 1_210m), ("Critical", 90m)])]);

        var lines = output.ToString().Split('\n');
        var low = lines.Single(l => l.Contains("Low", StringComparison.Ordinal)).Count(c => c == '█');
        var critical = lines.Single(l => l.Contains("Critical", StringComparison.Ordinal)).Count(c => c == '█');
        Assert.True(low > critical * 5, $"{low} vs {critical}");
    }

    [Fact]
    public void Write_HostileLabels_AreTextNotMarkupOrEscapes()
    {
        // An ANSI console, as on a real terminal: markup in a label must not turn into styles, nor escapes pass through.
        using var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.Yes, ColorSystem = ColorSystemSupport.TrueColor });
        console.Profile.Width = 120;

        TerminalSummary.Write(console, [new TerminalDistribution("[red]heading[/]", [("[bold]markup[/]", 1m), ("\u001b[31mred", 2m), ("<script>", 3m), ("[", 4m)])]);

        var text = output.ToString();
        Assert.Contains("[bold]markup[/]", text, StringComparison.Ordinal);
        Assert.Contains("[red]heading[/]", text, StringComparison.Ordinal);
        Assert.Contains("<script>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[31mred", text, StringComparison.Ordinal);
        Assert.Contains("[31mred", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_EmptyZeroNegativeAndHuge_DoNotThrow()
    {
        using var output = new StringWriter();
        TerminalSummary.Write(output,
        [
            ("Nothing", []),
            ("Zeros", [("a", 0m), ("b", 0m)]),
            ("Refunds", [("net", -1_250m), ("sales", 3_000m)]),
            ("Huge", [("max", decimal.MaxValue), ("one", 1m)]),
        ]);

        var text = output.ToString();
        Assert.Contains("Nothing\n  no data", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("net (-1,250)", text, StringComparison.Ordinal);
        Assert.Contains("3,000", text, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", text, StringComparison.Ordinal);
        Assert.Contains("7.9E+28", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Report_DrawsEverySectionsChart()
    {
        using var output = new StringWriter();
        TerminalSummary.Write(output, SampleReports.Portfolio());

        var text = output.ToString();
        Assert.DoesNotContain('\u001b', text);
        Assert.Contains(SampleReports.Fingerprint, text, StringComparison.Ordinal);
        Assert.Contains("As of 2026-03-31", text, StringComparison.Ordinal);
        foreach (var section in SampleReports.Portfolio().Sections)
        {
            Assert.Contains(section.Heading, text, StringComparison.Ordinal);
        }

        Assert.Contains("Qualified (45% on, 4 d 6 h)", text, StringComparison.Ordinal);
        Assert.Contains("Signals fired per churn band — Critical", text, StringComparison.Ordinal);
        Assert.Contains("Customers and value per grade — Value (EUR)", text, StringComparison.Ordinal);
        Assert.Contains("Low touch", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Distributions_OfEachChart()
    {
        var stacked = new StackedChart("Due", "Contacts", ["W1", "W2"], [new("AM", [1, 2]), new("CS", [3, -4])]);

        var parts = TerminalSummary.Distributions(stacked).ToList();

        Assert.Equal([("W1", 4m), ("W2", 2m)], parts[0].Items);
        Assert.Equal([("AM", 3m), ("CS", 3m)], parts[1].Items);
        Assert.Empty(TerminalSummary.Distributions(new RankingChart("R", "V", [])).Single().Items);
        var ranking = TerminalSummary.Distributions(new RankingChart("R", "V", [new("High", [new("a", 5), new("b", 50)]), new("Low", [new("c", 10)])])).ToList();
        Assert.Equal(["R — High", "R — Low"], ranking.Select(d => d.Heading));
        Assert.Equal([("b", 50m), ("a", 5m)], ranking[0].Items);
        Assert.All(ranking, d => Assert.Equal(50m, d.Scale));
    }

    [Fact]
    public void Consoles_ForARedirectedWriter_HasNoAnsi()
    {
        using var output = new StringWriter();
        Assert.False(Consoles.For(output).Profile.Capabilities.Ansi);
    }
}
