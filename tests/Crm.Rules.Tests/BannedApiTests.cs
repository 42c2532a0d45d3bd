using System.Text.RegularExpressions;

namespace Crm.Rules.Tests;

/// <summary>Rules never read the clock; the analyzer bans it at build time, this test keeps the ban itself in place.</summary>
public partial class BannedApiTests
{
    [Fact]
    public void TheLibraryNeverReadsTheClock()
    {
        var offenders = Directory.EnumerateFiles(RepositoryPaths.Combine("src", "Crm.Rules"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => ClockRead().IsMatch(x.line))
            .Select(x => $"{x.f}:{x.i + 1}: {x.line.Trim()}")
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void TheBannedSymbolsFileIsWiredIntoTheLibrary()
    {
        var project = File.ReadAllText(RepositoryPaths.Combine("src", "Crm.Rules", "Crm.Rules.csproj"));
        var banned = File.ReadAllText(RepositoryPaths.Combine("src", "Crm.Rules", "BannedSymbols.txt"));

        Assert.Contains("<AdditionalFiles Include=\"BannedSymbols.txt\" />", project, StringComparison.Ordinal);
        Assert.Contains("Microsoft.CodeAnalysis.BannedApiAnalyzers", project, StringComparison.Ordinal);
        Assert.Contains("P:System.DateTime.UtcNow", banned, StringComparison.Ordinal);
        Assert.Contains("P:NodaTime.SystemClock.Instance", banned, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"DateTime(Offset)?\.(Utc)?Now|DateTime\.Today|SystemClock\.Instance")]
    private static partial Regex ClockRead();
}
