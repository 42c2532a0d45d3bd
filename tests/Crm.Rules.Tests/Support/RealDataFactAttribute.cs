namespace Crm.Rules.Tests.Support;

/// <summary>
/// A fact that reads the real public data sets in <c>../shared/data/</c> (beside the repository). Such tests form the
/// <c>RealData</c> category (<c>dotnet test --filter Category=RealData</c>); on a fresh clone without that folder they
/// are skipped with a message that says so.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[Xunit.Sdk.XunitTestCaseDiscoverer("Crm.Rules.Tests.Support.ExplainedSkipFactDiscoverer", "Crm.Rules.Tests")]
public sealed class RealDataFactAttribute : FactAttribute
{
    public RealDataFactAttribute(string relativePath)
    {
        if (!File.Exists(SharedData.PathOf(relativePath)))
        {
            Skip = $"Real data absent: {SharedData.PathOf(relativePath)} is not here (../shared/data/ ships beside the repository in CI, not in a fresh clone).";
        }
    }
}

internal static class SharedData
{
    public static string Root => Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "data"));

    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath);
}
