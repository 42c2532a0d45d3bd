namespace Crm.Rules.Data;

/// <summary>
/// Why one record could not be read or evaluated: where it is, its id when that could be read, the field concerned
/// (none when the record as a whole is wrong) and a sentence saying what is wrong and what is expected.
/// </summary>
/// <param name="Location">Where the record is.</param>
/// <param name="Id">The record's id, made safe to print (control characters removed); <see langword="null"/> when it could not be read.</param>
/// <param name="Field">The field concerned, or <see langword="null"/> for the whole record.</param>
/// <param name="Sentence">What is wrong, e.g. <c>'4,5' is not a number: use '.' for decimals and no thousands separators</c>.</param>
/// <threadsafety>An immutable value; safe to share.</threadsafety>
public sealed record RecordError(RecordLocation Location, string? Id, string? Field, string Sentence)
{
    /// <summary>The error as one line: <c>customers.csv line 7 (id C-17), field 'frequency': …</c>.</summary>
    /// <returns>The error text.</returns>
    public override string ToString()
    {
        var id = Id is null ? "" : $" (id {Id})";
        var field = Field is null ? "" : $", field '{Field}'";
        return $"{Location}{id}{field}: {Sentence}";
    }
}

/// <summary>
/// A problem with an input as a whole that stops it from being read further: a missing file, no header, unknown
/// columns, or malformed JSON after which no later record can be reached. Records read before it stay read.
/// </summary>
/// <threadsafety>An exception; not meant to be shared between threads while thrown.</threadsafety>
public sealed class RecordInputException : Exception
{
    /// <summary>Creates the exception with a message that names the input and says why it cannot be read.</summary>
    /// <param name="message">The message.</param>
    public RecordInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="inner">The cause.</param>
    public RecordInputException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public RecordInputException()
        : base("the input cannot be read")
    {
    }
}
