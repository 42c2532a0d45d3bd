namespace Crm.Rules.Data;

/// <summary>Where a record is in its input: the source's name, the record's number, and its line (and, in JSON, byte).</summary>
/// <param name="Source">The input's name as the user gave it (a file name, or <c>stdin</c>).</param>
/// <param name="Number">The record's number in the input, from 1 (the header row is not a record).</param>
/// <param name="Line">The line the record starts on, from 1.</param>
/// <param name="Byte">For JSON, the byte offset of the record's first byte, from 0; -1 for CSV.</param>
/// <threadsafety>An immutable value; safe to share.</threadsafety>
public readonly record struct RecordLocation(string Source, long Number, long Line, long Byte)
{
    /// <summary>The location as users read it: <c>customers.csv line 7</c>, or <c>customers.json record 3 (line 9, byte 240)</c>.</summary>
    /// <returns>The location text.</returns>
    public override string ToString() => Byte < 0
        ? $"{Source} line {Line}"
        : $"{Source} record {Number} (line {Line}, byte {Byte})";
}
