using Crm.Rules.Cli.Output;

namespace Crm.Rules.Cli.Records;

/// <summary>What every data command is given: where the records are, the rules, how to print, when to stop.</summary>
internal sealed record DataCommandOptions(string Input, string? InputFormat, FileInfo? Config, OutputFormat Format, long? MaxErrors);
