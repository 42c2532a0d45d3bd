namespace Crm.Rules.Cli.Input;

/// <summary>One input record: where it came from, its id, and its fields as text (null for an empty cell or JSON null).</summary>
internal sealed record InputRecord(string File, long Line, int Number, string Id, IReadOnlyDictionary<string, string?> Fields)
{
    /// <summary>Where the record is, for error messages: <c>customers.csv line 7 (id C-17)</c>.</summary>
    public string Where => Line > 0
        ? $"{Path.GetFileName(File)} line {Line} (id {Id})"
        : $"{Path.GetFileName(File)} record {Number} (id {Id})";
}

/// <summary>A problem with an input file or record that stops it from being read: names file, line or record, and field.</summary>
internal sealed class InputException(string message) : Exception(message);
