// Writes stage histories from the Maven sales pipeline in ../shared/data for `crm-rules funnel`, then prints the command.
//   dotnet run --project samples/Crm.Rules.Samples.Pipeline [-- PIPELINE.csv HISTORIES.csv]
using Crm.Rules.Samples.Pipeline;
using Crm.Rules.Samples;

if (SampleData.Locate(args, 0, "sales_pipeline/maven_crm_sales_pipeline.csv") is not { } pipeline)
{
    return 2;
}

var histories = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "pipeline-histories.csv");

var (written, skipped) = PipelineHistories.Convert(pipeline, histories);
Console.WriteLine($"{written:N0} opportunity histories written to {histories}; {skipped:N0} still prospecting have no date and were left out.");
Console.WriteLine($"Report: dotnet run --project src/Crm.Rules.Cli -- funnel --input {histories} --machine pipeline --config samples/config/sales-pipeline.json");
return 0;
