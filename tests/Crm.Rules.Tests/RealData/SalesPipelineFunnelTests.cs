using Crm.Rules.Samples.Pipeline;
using Xunit.Abstractions;

namespace Crm.Rules.Tests.RealData;

[Trait("Category", "RealData")]
public sealed class SalesPipelineFunnelTests(ITestOutputHelper output) : IDisposable
{
    private const string DataSet = "sales_pipeline/maven_crm_sales_pipeline.csv";
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [RealDataFact(DataSet)]
    public void TheMavenPipelineThroughCrmRulesFunnel()
    {
        var histories = System.IO.Path.Combine(_temp.Path, "histories.csv");
        var (written, skipped) = PipelineHistories.Convert(SharedData.PathOf(DataSet), histories);

        var (exit, csv, error) = CliRun.Run("funnel", "--input", histories, "--machine", "pipeline", "--config", RepositoryPaths.Combine("samples", "config", "sales-pipeline.json"), "--format", "csv");

        output.WriteLine(csv);
        Assert.Equal(0, exit);
        Assert.StartsWith("15,011 records, 15,011 written, 0 failed", error, StringComparison.Ordinal);
        Assert.Equal((8300, 500), (written, skipped));
        Assert.Contains("conversion,engaging → won,0.5106,4238 of 8300", csv, StringComparison.Ordinal);
        var lines = csv.Split('\n').Select(l => l.Trim()).ToList();
        int Sum(string stage) => lines.Where(l => l.StartsWith($"outcome,{stage},", StringComparison.Ordinal)).Sum(l => int.Parse(l.Split(',')[2], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((4238, 2473, 1589), (Sum("won"), Sum("lost"), Sum("engaging")));
        Assert.Contains("medianTimeInStage,engaging,45,PT1080H", csv, StringComparison.Ordinal);
    }
}
