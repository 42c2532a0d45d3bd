namespace Crm.Rules;

/// <summary>
/// The one exception every family throws for a bad input record or argument value: it names the record (when there is
/// one), the field and what is wrong, in a sentence that can be shown to whoever supplied the record.
/// </summary>
/// <remarks>
/// It is an <see cref="ArgumentException"/>, so code that guards against bad arguments catches it too. A batch caller
/// reports it per record and goes on with the others.
/// </remarks>
/// <threadsafety>Instances are immutable and thread-safe.</threadsafety>
public sealed class CrmInputException : ArgumentException
{
    /// <summary>Creates the exception for a field of an argument that is not a record (e.g. an SLA clock's <c>pauses[1].to</c>).</summary>
    /// <param name="field">The field.</param>
    /// <param name="problem">What is wrong with it.</param>
    public CrmInputException(string field, string problem)
        : this(null, field, problem)
    {
    }

    /// <summary>Creates the exception for a field of a record.</summary>
    /// <param name="recordId">The record's id (customer, demand …), or <see langword="null"/> when the input has none.</param>
    /// <param name="field">The field, e.g. <c>grade</c>.</param>
    /// <param name="problem">What is wrong with it.</param>
    public CrmInputException(string? recordId, string field, string problem)
        : base(recordId is null ? $"{field}: {problem}" : $"record '{recordId}', field '{field}': {problem}")
    {
        RecordId = recordId;
        Field = field;
        Problem = problem;
    }

    /// <summary>The record's id, or <see langword="null"/>.</summary>
    public string? RecordId { get; }

    /// <summary>The offending field.</summary>
    public string Field { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}
