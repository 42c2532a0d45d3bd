// Writes stage histories from the Maven sales pipeline in ../shared/data for `crm-rules funnel`, then prints the command.
//   dotnet run --project samples/Crm.Rules.Samples.Pipeline [-- PIPELINE.csv HISTORIES.csv]
using Crm.Rules.Samples.Pipeline;

var root = FindRoot();
var pipeline = args.Length > 0 ? args[0] : Path.Combine(root, "..", "shared", "data", "sales_pipeline", "maven_crm_sales_pipeline.csv");
var histories = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "pipeline-histories.csv");
if (!File.Exists(pipeline))
{
    Console.Error.WriteLine($"The data set is not here: {pipeline}. It ships beside the repository in ../shared/data (see its README).");
    return 2;
}

var (written, skipped) = PipelineHistories.Convert(pipeline, histories);
Console.WriteLine($"{written:N0} opportunity histories written to {histories}; {skipped:N0} still prospecting have no date and were left out.");
Console.WriteLine($"Report: dotnet run --project src/Crm.Rules.Cli -- funnel --input {histories} --machine pipeline --config samples/config/sales-pipeline.json");
return 0;

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Crm.Rules.sln")))
        {
            return dir.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}
