namespace Crm.Rules.Tests.Packaging;

/// <summary>
/// A theory over the packages in the folder <c>CRM_RULES_PACKAGES</c> names (what <c>dotnet pack src/PROJECT -o DIR</c>
/// wrote for the five package projects). Packing takes a minute and a Release build, too slow for every test run, so
/// <c>.ci/run</c> packs after the tests and runs this category (<c>Package</c>) with the variable set; elsewhere these
/// tests are skipped and say so.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[Xunit.Sdk.XunitTestCaseDiscoverer("Crm.Rules.Tests.Support.ExplainedSkipTheoryDiscoverer", "Crm.Rules.Tests")]
public sealed class PackagesTheoryAttribute : TheoryAttribute
{
    public const string Variable = "CRM_RULES_PACKAGES";

    public PackagesTheoryAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"No packages to check: {Variable} is not set (.ci/run packs the five package projects into a folder and sets it; docs/packaging.md).";
        }
    }

    public static string Folder => Environment.GetEnvironmentVariable(Variable) ?? throw new InvalidOperationException(Variable + " is not set.");
}
