using Crm.Rules.Cli.Input;

namespace Crm.Rules.Cli.Commands;

/// <summary>A field of a record that cannot be read.</summary>
internal sealed class FieldException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>What every record-reading command does the same way: check the columns, report the records that failed.</summary>
internal static class Records
{
    public static void RequireKnownColumns(string file, IReadOnlyList<string> columns, string[] known)
    {
        var unknown = columns.Where(c => !known.Contains(c, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new InputException($"{file}: unknown column{(unknown.Count == 1 ? "" : "s")} {string.Join(", ", unknown.Select(c => $"'{c}'"))}; the columns are id, {string.Join(", ", known)}");
        }
    }


    /// <summary>Prints every failed record and their count on stderr; exit code 2 when any failed.</summary>
    public static int ReportFailures(List<string> failures, int records, int done, string verb, TextWriter error)
    {
        if (failures.Count == 0)
        {
            return ExitCodes.Success;
        }

        foreach (var failure in failures)
        {
            error.WriteLine($"error: {failure}");
        }

        error.WriteLine($"error: {failures.Count} of {records} records failed and were not {verb}; {done} were {verb}.");
        return ExitCodes.BadInput;
    }
}
