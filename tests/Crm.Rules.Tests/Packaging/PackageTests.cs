using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using System.Xml.Linq;

namespace Crm.Rules.Tests.Packaging;

/// <summary>
/// What a .NET team checks before it accepts a package (issue 15): the README and the licence inside it, symbols as a
/// .snupkg beside it, deterministic builds whose PDBs name their sources under <c>/_/</c> (never this machine's
/// folders), and a tool that rolls forward to newer .NET. Runs over the packages <c>.ci/run</c> packs
/// (<see cref="PackagesTheoryAttribute"/>).
/// </summary>
[Trait("Category", "Package")]
public sealed class PackageTests
{
    public static TheoryData<string> Packages => new() { "Crm.Rules", "Crm.Rules.Data", "Crm.Rules.CommandLine", "Crm.Rules.Testing", "Crm.Rules.Cli" };

    [PackagesTheory]
    [MemberData(nameof(Packages))]
    public void The_package_carries_the_repository_readme_and_the_mit_licence(string id)
    {
        using var package = ZipFile.OpenRead(PackagePath(id));
        var metadata = Metadata(package);

        Assert.Equal("MIT", metadata.Element(metadata.Name.Namespace + "license")?.Value);
        Assert.Equal("expression", metadata.Element(metadata.Name.Namespace + "license")?.Attribute("type")?.Value);
        Assert.Equal("README.md", metadata.Element(metadata.Name.Namespace + "readme")?.Value);
        Assert.Equal(File.ReadAllBytes(RepositoryPaths.Combine("README.md")), Read(package, "README.md"));
        Assert.Equal(File.ReadAllBytes(RepositoryPaths.Combine("LICENSE")), Read(package, "LICENSE"));
    }

    [PackagesTheory]
    [MemberData(nameof(Packages))]
    public void The_symbols_sit_beside_the_package_and_every_source_path_is_deterministic(string id)
    {
        var packagePath = PackagePath(id);
        var symbolsPath = Path.ChangeExtension(packagePath, ".snupkg");
        Assert.True(File.Exists(symbolsPath), $"{Path.GetFileName(symbolsPath)} is not beside {Path.GetFileName(packagePath)}.");

        using var package = ZipFile.OpenRead(packagePath);
        using var symbols = ZipFile.OpenRead(symbolsPath);
        var pdbs = package.Entries.Concat(symbols.Entries)
            .Where(e => e.FullName.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase))
            .GroupBy(e => Path.GetFileNameWithoutExtension(e.Name), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var ours = package.Entries
            .Where(e => e.FullName.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && IsOurs(e.Name))
            .ToList();
        Assert.NotEmpty(ours);

        var problems = new List<string>();
        foreach (var assembly in ours)
        {
            var name = Path.GetFileNameWithoutExtension(assembly.Name);
            using (var pe = new PEReader(new MemoryStream(Read(assembly))))
            {
                var debug = pe.ReadDebugDirectory();
                if (!debug.Any(d => d.Type == DebugDirectoryEntryType.Reproducible))
                {
                    problems.Add($"{assembly.FullName}: not a deterministic build (no Reproducible debug entry)");
                }

                var codeView = debug.Where(d => d.Type == DebugDirectoryEntryType.CodeView).Select(pe.ReadCodeViewDebugDirectoryData).ToList();
                problems.AddRange(codeView.Where(c => !c.Path.StartsWith("/_/", StringComparison.Ordinal))
                    .Select(c => $"{assembly.FullName}: PDB path {c.Path}"));
            }

            if (!pdbs.TryGetValue(name, out var pdb))
            {
                problems.Add($"{assembly.FullName}: no {name}.pdb in the package or its symbols");
                continue;
            }

            using var provider = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(Read(pdb)));
            var reader = provider.GetMetadataReader();
            var documents = reader.Documents.Select(h => reader.GetString(reader.GetDocument(h).Name)).ToList();
            if (documents.Count == 0)
            {
                problems.Add($"{pdb.FullName}: no documents");
            }

            problems.AddRange(documents.Where(d => !d.StartsWith("/_/", StringComparison.Ordinal)).Take(3)
                .Select(d => $"{pdb.FullName}: source path {d}"));
        }

        Assert.Empty(problems);
    }

    [PackagesTheory]
    [InlineData("Crm.Rules.Cli")]
    public void The_tool_package_runs_on_newer_dotnet(string id)
    {
        using var package = ZipFile.OpenRead(PackagePath(id));
        var metadata = Metadata(package);
        var types = metadata.Descendants(metadata.Name.Namespace + "packageType").Select(t => t.Attribute("name")?.Value);
        Assert.Contains("DotnetTool", types);

        var runtimeConfig = package.Entries.Single(e => e.FullName.EndsWith("/crm-rules.runtimeconfig.json", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(Read(runtimeConfig));
        Assert.Equal("Major", json.RootElement.GetProperty("runtimeOptions").GetProperty("rollForward").GetString());
    }

    /// <summary>
    /// Package validation (the SDK's compatibility checks at pack time) is on for every library package; the SDK turns
    /// it off for tool packages, which offer no API. Read from the evaluated projects, as <c>dotnet pack</c> sees them.
    /// </summary>
    [PackagesTheory]
    [InlineData("Crm.Rules")]
    [InlineData("Crm.Rules.Data")]
    [InlineData("Crm.Rules.CommandLine")]
    [InlineData("Crm.Rules.Testing")]
    public void Package_validation_is_enabled_for_the_library(string id)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "msbuild", RepositoryPaths.Combine("src", id, id + ".csproj"), "-getProperty:EnablePackageValidation", "-getProperty:IsPackable" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        using var json = JsonDocument.Parse(process.StandardOutput.ReadToEnd());
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error.GetAwaiter().GetResult());
        var properties = json.RootElement.GetProperty("Properties");
        Assert.Equal("true", properties.GetProperty("IsPackable").GetString());
        Assert.Equal("true", properties.GetProperty("EnablePackageValidation").GetString());
    }

    private static bool IsOurs(string fileName) =>
        fileName.StartsWith("Crm.Rules", StringComparison.Ordinal) || fileName.StartsWith("crm-rules", StringComparison.Ordinal);

    private static string PackagePath(string id)
    {
        var folder = PackagesTheoryAttribute.Folder;
        var matches = Directory.GetFiles(folder, id + ".*.nupkg")
            .Where(p => char.IsAsciiDigit(Path.GetFileName(p)[id.Length + 1]))
            .ToList();
        Assert.True(matches.Count == 1, $"Expected one {id} package in {folder}, found {matches.Count}.");
        return matches[0];
    }

    private static XElement Metadata(ZipArchive package)
    {
        var nuspec = package.Entries.Single(e => !e.FullName.Contains('/', StringComparison.Ordinal) && e.Name.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = new MemoryStream(Read(nuspec));
        var document = XDocument.Load(stream);
        return document.Root!.Element(document.Root.Name.Namespace + "metadata")!;
    }

    private static byte[] Read(ZipArchive package, string entryName) =>
        Read(package.GetEntry(entryName) ?? throw new Xunit.Sdk.XunitException($"No {entryName} in the package."));

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
