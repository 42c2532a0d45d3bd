using System.Globalization;
using Crm.Rules.CommandLine.Output;
using Crm.Rules.Data;

namespace Crm.Rules.CommandLine.Records;

/// <summary>
/// The per-record error contract of every data command: a record that cannot be read or evaluated is reported on
/// stderr (file, line or record, field, sentence) and the run goes on; the run ends with
/// <c>N records, N written, N failed</c>, the counts per outcome, and exit code 2 when any record failed.
/// <c>--max-errors N</c> stops the run after N failed records. With <c>--viewer</c>, a record the viewer may not see
/// is neither evaluated nor reported, only counted: <c>N hidden by access (DATA-4)</c>.
/// </summary>
internal sealed partial class RecordRun(TextWriter error, string command, long? maxErrors, RecordAccess access)
{
    /// <summary>The start of the input error of a run that reached <see cref="RecordAccess.MaxRecords"/>.</summary>
    internal const string TooManyRecords = "the input holds more records than one run may read";

    private const long ProgressEvery = 100_000;
    private readonly Dictionary<string, long> _outcomes = new(StringComparer.Ordinal);

    public long Records { get; private set; }

    public long Written { get; private set; }

    public long Failed { get; private set; }

    /// <summary>The records the viewer may not see (DATA-4).</summary>
    public long Hidden { get; private set; }

    /// <summary>
    /// Whether a record whose only problem is a missing id is counted and left out instead of reported (transaction
    /// lines of anonymous sales, <c>analytics.rfm.missingCustomerIds: count</c>). A record with other problems is still reported.
    /// </summary>
    public bool CountsRecordsWithoutId { get; init; }

    /// <summary>The records counted and left out for a missing id (<see cref="CountsRecordsWithoutId"/>).</summary>
    public long WithoutId { get; private set; }

    /// <summary>Whether the run stopped early because <c>--max-errors</c> was reached.</summary>
    public bool Stopped { get; private set; }

    /// <summary>
    /// Streams every record of <paramref name="source"/> through <paramref name="evaluate"/>, which reads the record's
    /// fields, evaluates it and — only when everything succeeded — writes the result and calls <see cref="Wrote"/>;
    /// it returns <see langword="false"/> after adding the record's errors. A record read with errors is reported
    /// without being evaluated; an evaluation that throws (a date beyond the calendar's range, an overflow) is
    /// reported as that record's error. A problem that ends the input is reported after the records before it.
    /// Commands that aggregate before they write (funnel, prioritise, nps) pass no writer.
    /// </summary>
    public void Run(RecordSource source, ResultWriter? writer, Func<Record, bool> evaluate)
    {
        try
        {
            while (source.MoveNext())
            {
                if (access.MaxRecords is { } most && Records >= most)
                {
                    // Stopped, as after --max-errors: an aggregating command writes nothing from part of its input.
                    Stopped = true;
                    error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: {TooManyRecords} ({most:N0}); the records after that were not read"));
                    break;
                }

                Read();
                var record = source.Current;
                if (access.Hides(record))
                {
                    Hidden++;
                    continue;
                }

                // Only a record with no id at all: an id of the wrong kind (a JSON number) is an error, never "no customer".
                if (CountsRecordsWithoutId && !record.IsValid && record.KindOf(0) is FieldKind.Absent or FieldKind.Null or FieldKind.Empty or FieldKind.Blank
                    && record.HasErrorsOnlyIn(RecordSchema.IdField))
                {
                    WithoutId++;
                    continue;
                }

                bool ok;
                try
                {
                    access.Cursor?.Current = Records;
                    ok = record.IsValid && evaluate(record);
                }
                catch (Exception e) when (IsRecordProblem(e))
                {
                    AddProblem(record, e);
                    ok = false;
                }

                finally
                {
                    access.Cursor?.Current = 0;
                }

                if (!ok && !Fail(record))
                {
                    break;
                }
            }
        }
        catch (RecordInputException e)
        {
            Stopped = true;
            error.WriteLine($"error: {e.Message}");
        }
        finally
        {
            writer?.Complete();
        }
    }

    /// <summary>
    /// Whether an evaluation's exception is the record's problem, not the run's: a rule's refusal, which names the field
    /// and the problem (an unknown grade, an impossible date order), or an arithmetic or argument problem (a date
    /// beyond the calendar's range, an overflow).
    /// </summary>
    private static bool IsRecordProblem(Exception e)
        => e is CrmInputException or ArithmeticException or ArgumentException or InvalidOperationException or FormatException;

    private static void AddProblem(Record record, Exception e)
    {
        if (e is CrmInputException refusal)
        {
            record.AddError(refusal.Field, SafeText.Printable(refusal.Problem));
        }
        else
        {
            record.AddError(null, $"cannot be evaluated: {SafeText.Printable(e.Message)}");
        }
    }

    /// <summary>Counts a record read; prints progress on stderr every 100,000 records.</summary>
    public void Read()
    {
        Records++;
        if (Records % ProgressEvery == 0)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{command}: {Records:N0} records…"));
        }
    }

    /// <summary>Reports a failed record; <see langword="false"/> when the run must stop (<c>--max-errors</c>).</summary>
    public bool Fail(Record record) => Fail(record.Errors);

    /// <summary>
    /// Reports a failure found after reading, by a command that aggregates (a member whose activities together cannot
    /// be evaluated), at the location it names: the <paramref name="records"/> it was made of count failed (such a
    /// command counts records written only when it writes their result). <see langword="false"/> when the run must stop (<c>--max-errors</c>).
    /// </summary>
    public bool Fail(RecordError problem, long records)
    {
        Failed += records - 1;
        return Fail([problem]);
    }

    private bool Fail(IReadOnlyList<RecordError> problems)
    {
        Failed++;
        foreach (var problem in problems)
        {
            var text = access.Describe(problem);
            error.WriteLine($"error: {(access.Masker is { } masker ? masker.Mask(text) : text)}");
        }

        if (maxErrors is { } max && Failed >= max)
        {
            Stopped = true;
            error.WriteLine($"error: stopped after {Failed} failed record{(Failed == 1 ? "" : "s")} (--max-errors {max})");
            return false;
        }

        return true;
    }

    /// <summary>Counts a written result and its outcome (a grade, a band, a status).</summary>
    public void Wrote(string? outcome)
    {
        Written++;
        if (outcome is not null)
        {
            System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_outcomes, outcome, out _)++;
        }
    }

    /// <summary>Adds <paramref name="count"/> to an outcome's count, for commands that learn their outcomes only after reading (rfm segments).</summary>
    public void Count(string outcome, long count)
        => System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_outcomes, outcome, out _) += count;

    /// <summary>Prints the summary on stderr and returns the exit code.</summary>
    public int Finish(string outcomeName, string fingerprint, string? note = null)
    {
        // A usage-only viewer is not told the outcomes (grades, bands): they come from fields it may not see.
        var counts = access.UsageOnly ? "" : string.Join(", ", _outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => string.Create(CultureInfo.InvariantCulture, $"{SafeText.Printable(o.Key)} {o.Value:N0}")));
        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Records:N0} record{(Records == 1 ? "" : "s")}, {Written:N0} written, {Failed:N0} failed{(access.HasViewer ? $", {Hidden:N0} hidden by access (DATA-4)" : "")}{(counts.Length > 0 ? $"; {outcomeName}: {counts}" : "")}{(note is null ? "" : $"; {note}")}; rule set {fingerprint}"));
        return Failed > 0 || Stopped ? ExitCodes.BadInput : ExitCodes.Success;
    }
}
