using System.Globalization;
using System.Text;
using Crm.Rules.Data;

namespace Crm.Rules.CommandLine.Checking;

/// <summary>What a decision table run found: the cases that passed, the ones that failed and why, the input errors.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed class DecisionTableResult
{
    internal DecisionTableResult(string command, string cases, string fingerprint, int checkedCases, int passed, IReadOnlyList<CaseFailure> failures, IReadOnlyList<string> inputErrors)
    {
        Command = command;
        Cases = cases;
        Fingerprint = fingerprint;
        CheckedCases = checkedCases;
        Passed = passed;
        Failures = failures;
        InputErrors = inputErrors;
    }

    /// <summary>The command the cases ran through.</summary>
    public string Command { get; }

    /// <summary>The decision table's path.</summary>
    public string Cases { get; }

    /// <summary>The fingerprint of the rule set that answered.</summary>
    public string Fingerprint { get; }

    /// <summary>The cases with at least one expectation.</summary>
    public int CheckedCases { get; }

    /// <summary>The cases whose every expectation held.</summary>
    public int Passed { get; }

    /// <summary>The cases with an expectation that did not hold, or without a result.</summary>
    public IReadOnlyList<CaseFailure> Failures { get; }

    /// <summary>Records the command could not read or evaluate, and expectations of fields the command does not write: file, line or record, field and a sentence.</summary>
    public IReadOnlyList<string> InputErrors { get; }

    /// <summary>The outcome: <see cref="DecisionTableOutcome.BadInput"/> when there are input errors, else failed or passed.</summary>
    public DecisionTableOutcome Outcome => InputErrors.Count > 0 ? DecisionTableOutcome.BadInput : Failures.Count > 0 ? DecisionTableOutcome.Failed : DecisionTableOutcome.Passed;

    /// <summary>A report for people: the counts, each failing case with every field expected and actual and the explanation, the input errors.</summary>
    /// <returns>The report, several lines.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Command} decision table {Cases}: {CheckedCases} cases, {Passed} passed, {Failures.Count} failed");
        if (InputErrors.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $", {InputErrors.Count} input error{(InputErrors.Count == 1 ? "" : "s")}");
        }

        text.Append(CultureInfo.InvariantCulture, $"; rule set {Fingerprint}");
        foreach (var failure in Failures)
        {
            text.AppendLine().Append(failure);
        }

        foreach (var error in InputErrors)
        {
            text.AppendLine().Append("error: ").Append(error);
        }

        return text.ToString();
    }
}

/// <summary>How a decision table run ended; the CLI's exit code follows it (0, 1, 2).</summary>
public enum DecisionTableOutcome
{
    /// <summary>Every expectation held.</summary>
    Passed,

    /// <summary>At least one expectation did not hold (exit code 1).</summary>
    Failed,

    /// <summary>A record could not be read or evaluated, or an expectation names a field the command does not write (exit code 2).</summary>
    BadInput,
}

/// <summary>A case that failed: its name, where it is, each field that differed and the explanation of the actual result.</summary>
/// <param name="Name">The case's <c>case</c> column, or <see langword="null"/>.</param>
/// <param name="Location">Where the case is in the table: <c>line 5</c> (CSV, JSON Lines) or <c>record 3</c> (JSON).</param>
/// <param name="Mismatches">Each expected field that differed, expected against actual (none when there was no result).</param>
/// <param name="Explanation">How the actual result was reached (the command's explanation), or why there is none.</param>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record CaseFailure(string? Name, string Location, IReadOnlyList<ExpectationMismatch> Mismatches, string? Explanation)
{
    /// <summary>The case, the fields expected against actual, and the explanation, on indented lines.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder("case ");
        text.Append(Name is null ? Location : $"'{SafeText.Printable(Name)}' ({Location})");
        foreach (var mismatch in Mismatches)
        {
            text.AppendLine().Append("  ").Append(mismatch);
        }

        if (Explanation is not null)
        {
            text.AppendLine().Append("  because: ").Append(SafeText.Printable(Explanation));
        }

        return text.ToString();
    }
}

/// <summary>A field whose value was not the expected one.</summary>
/// <param name="Field">The field, as the command's JSON names it.</param>
/// <param name="Expected">The expected value, or <see langword="null"/> for "no value".</param>
/// <param name="Actual">The value written, or <see langword="null"/> for none.</param>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record ExpectationMismatch(string Field, string? Expected, string? Actual)
{
    /// <summary><c>grade: expected A, actual B</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{SafeText.Printable(Field)}: expected {SafeText.Printable(Expected ?? "null")}, actual {SafeText.Printable(Actual ?? "null")}";
}

/// <summary>A decision table that cannot be read at all: no such file, not CSV or JSON, no expectation, a malformed case.</summary>
/// <threadsafety>Instances are not meant to be shared; the type has no shared state.</threadsafety>
public sealed class DecisionTableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DecisionTableException()
    {
    }

    /// <summary>Creates the exception with a message naming the file and the problem.</summary>
    /// <param name="message">The message.</param>
    public DecisionTableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DecisionTableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
