namespace Crm.Rules.CommandLine.Output;

/// <summary>How a command prints its results.</summary>
internal enum OutputFormat
{
    /// <summary>A console table.</summary>
    Table,

    /// <summary>A JSON array of objects.</summary>
    Json,

    /// <summary>CSV with a header row.</summary>
    Csv,

    /// <summary>JSON Lines: one compact JSON object per line.</summary>
    JsonLines,
}
