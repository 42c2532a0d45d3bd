using System.Reflection;
using System.Xml.Linq;

namespace Crm.Rules.Tests;

/// <summary>
/// The public API's hygiene: every public type says whether it is safe to share between threads
/// (read from the XML documentation the build generates next to the assembly), and the API itself
/// is declared in the PublicApiAnalyzers' files so that an undeclared change fails the build.
/// </summary>
public class PublicApiTests
{
    private const string OptionsThreadSafety =
        "Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.";

    private static readonly Assembly Library = typeof(CrmRuleSet).Assembly;

    private static readonly Lazy<Dictionary<string, XElement>> Members = new(() =>
    {
        var file = Path.ChangeExtension(Library.Location, ".xml");
        Assert.True(File.Exists(file), $"The library's XML documentation is not next to it: {file} (GenerateDocumentationFile should be on).");
        return XDocument.Load(file).Descendants("member")
            .ToDictionary(m => (string)m.Attribute("name")!, StringComparer.Ordinal);
    });

    [Fact]
    public void EveryPublicType_HasAThreadSafetyNote()
    {
        var types = Library.GetExportedTypes();
        Assert.NotEmpty(types);

        var missing = types
            .Where(t => string.IsNullOrWhiteSpace(ThreadSafetyOf(t)))
            .Select(t => t.FullName!)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void EveryOptionsClass_SaysItIsPlainMutableSettings()
    {
        var options = Library.GetExportedTypes().Where(t => t.IsClass && t.Name.EndsWith("Options", StringComparison.Ordinal)).ToList();
        Assert.Contains(typeof(CrmRulesOptions), options);

        var otherwise = options
            .Where(t => ThreadSafetyOf(t) != OptionsThreadSafety)
            .Select(t => $"{t.FullName}: {ThreadSafetyOf(t)}")
            .ToList();

        Assert.Empty(otherwise);
    }

    [Fact]
    public void ThePublicApiFiles_AreWiredIntoTheLibrary()
    {
        var project = File.ReadAllText(RepositoryPaths.Combine("src", "Crm.Rules", "Crm.Rules.csproj"));
        var packages = File.ReadAllText(RepositoryPaths.Combine("Directory.Packages.props"));
        var shipped = File.ReadAllLines(RepositoryPaths.Combine("src", "Crm.Rules", "PublicAPI.Shipped.txt"));
        var unshipped = File.ReadAllLines(RepositoryPaths.Combine("src", "Crm.Rules", "PublicAPI.Unshipped.txt"));

        Assert.Contains("<PackageReference Include=\"Microsoft.CodeAnalysis.PublicApiAnalyzers\" PrivateAssets=\"all\" />", project, StringComparison.Ordinal);
        Assert.Contains("<PackageVersion Include=\"Microsoft.CodeAnalysis.PublicApiAnalyzers\" Version=\"5.6.0\" />", packages, StringComparison.Ordinal);
        Assert.DoesNotContain("<InternalsVisibleTo Include=\"crm-rules\" />", project, StringComparison.Ordinal);

        // Nullable annotations are part of the declared API (string! vs string?).
        Assert.Equal(["#nullable enable"], shipped);
        Assert.Equal("#nullable enable", unshipped[0]);
        Assert.Contains("Crm.Rules.CrmRuleSet", unshipped);
    }

    [Fact]
    public void EveryPublicTypeOfTheTestingPackage_HasAThreadSafetyNote()
    {
        var testing = typeof(RuleChecks).Assembly;
        var file = Path.ChangeExtension(testing.Location, ".xml");
        Assert.True(File.Exists(file), $"The testing package's XML documentation is not next to it: {file}.");
        var members = XDocument.Load(file).Descendants("member").ToDictionary(m => (string)m.Attribute("name")!, StringComparer.Ordinal);
        var types = testing.GetExportedTypes();
        Assert.Contains(typeof(CrmGen), types);

        var missing = types
            .Where(t => !members.TryGetValue("T:" + t.FullName!.Replace('+', '.'), out var m) || string.IsNullOrWhiteSpace((string?)m.Element("threadsafety")))
            .Select(t => t.FullName!)
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void ThePublicApiFiles_AreWiredIntoTheTestingPackage()
    {
        var project = File.ReadAllText(RepositoryPaths.Combine("src", "Crm.Rules.Testing", "Crm.Rules.Testing.csproj"));
        var shipped = File.ReadAllLines(RepositoryPaths.Combine("src", "Crm.Rules.Testing", "PublicAPI.Shipped.txt"));
        var unshipped = File.ReadAllLines(RepositoryPaths.Combine("src", "Crm.Rules.Testing", "PublicAPI.Unshipped.txt"));
        var script = File.ReadAllText(RepositoryPaths.Combine("tests", "tools", "update-public-api.sh"));

        Assert.Contains("<PackageReference Include=\"Microsoft.CodeAnalysis.PublicApiAnalyzers\" PrivateAssets=\"all\" />", project, StringComparison.Ordinal);
        Assert.Contains("<IsPackable>true</IsPackable>", project, StringComparison.Ordinal);

        // Hosts' test suites use it with whatever test framework they have: it must not bring one.
        Assert.DoesNotContain("xunit", project, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("nunit", project, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("MSTest", project, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["#nullable enable"], shipped);
        Assert.Equal("#nullable enable", unshipped[0]);
        Assert.Contains("Crm.Rules.Testing.RuleChecks", unshipped);
        Assert.Matches(@"libraries=\([^)]*\bCrm\.Rules\.Testing\b[^)]*\)", script);
    }

    private static string? ThreadSafetyOf(Type type)
        => Members.Value.TryGetValue("T:" + type.FullName!.Replace('+', '.'), out var member)
            ? member.Element("threadsafety") is { } note ? string.Concat(note.Nodes()).Trim() : null
            : null;
}
