namespace Crm.Rules.Tests.Packaging;

/// <summary>
/// The README's "Use it from a host" example is <c>samples/Crm.Rules.Samples.ReadmeExample/Program.cs</c>, which the
/// solution build compiles; this keeps the two identical, so the README's code compiles as printed (issue 15).
/// </summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void The_readme_host_example_is_the_compiled_sample_character_for_character()
    {
        var readme = Normalize(File.ReadAllText(RepositoryPaths.Combine("README.md")));
        var program = Normalize(File.ReadAllText(RepositoryPaths.Combine("samples", "Crm.Rules.Samples.ReadmeExample", "Program.cs")));

        var section = readme.IndexOf("\n## Use it from a host\n", StringComparison.Ordinal);
        Assert.True(section >= 0, "README.md has no '## Use it from a host' section.");
        const string fence = "```csharp\n";
        var start = readme.IndexOf(fence, section, StringComparison.Ordinal);
        Assert.True(start >= 0, "The '## Use it from a host' section has no ```csharp block.");
        start += fence.Length;
        var end = readme.IndexOf("\n```\n", start, StringComparison.Ordinal);
        Assert.True(end >= 0, "The README's ```csharp block is not closed.");

        var block = readme[start..(end + 1)];
        Assert.Equal(program, block);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
