using Crm.Rules.CommandLine.Input;
using Crm.Rules.Data;

namespace Crm.Rules.CommandLine.Records;

/// <summary>Opens a command's <c>--input</c>: a file, or <c>-</c> for stdin, in the format <c>--input-format</c> or the extension says.</summary>
internal static class Inputs
{
    // The stream read for '--input -'; a test gives its own for the call it makes (async-local, so parallel tests
    // do not see each other's).
    private static readonly AsyncLocal<Func<Stream>?> GivenStandardInput = new();

    public static Func<Stream> StandardInput
    {
        get => GivenStandardInput.Value ?? Console.OpenStandardInput;
        set => GivenStandardInput.Value = value;
    }

    public static RecordSource Open(string input, string? format, RecordSchema schema)
    {
        var chosen = format switch
        {
            null => (RecordFormat?)null,
            "csv" => RecordFormat.Csv,
            "json" => RecordFormat.Json,
            _ => RecordFormat.JsonLines,
        };
        try
        {
            return input == "-"
                ? RecordSource.Open(StandardInput(), "stdin", schema, chosen)
                : RecordSource.OpenFile(input, schema, chosen);
        }
        catch (RecordInputException e)
        {
            throw new InputException(e.Message);
        }
    }
}
