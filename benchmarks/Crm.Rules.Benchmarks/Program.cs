using BenchmarkDotNet.Running;

// Run all: dotnet run -c Release --project benchmarks/Crm.Rules.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Crm.Rules.Benchmarks.RecordPipelineBenchmarks).Assembly).Run(args);
