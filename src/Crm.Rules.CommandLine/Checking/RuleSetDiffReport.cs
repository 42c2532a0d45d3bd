using System.Globalization;
using System.Text;
using Crm.Rules.Data;

namespace Crm.Rules.CommandLine.Checking;

/// <summary>What a <see cref="RuleSetDiff"/> runs besides the two rule sets.</summary>
/// <threadsafety>Immutable once built; safe to share between threads (the callback is called on the diffing thread).</threadsafety>
public sealed class RuleSetDiffOptions
{
    /// <summary>The command's other options, as on the command line, e.g. <c>"--as-of", "2026-11-24"</c>.</summary>
    /// <value>Default: none.</value>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Input columns no rule reads (as the command's <c>--ignore-columns</c>, for every command).</summary>
    /// <value>Default: none.</value>
    public IReadOnlyCollection<string> IgnoredColumns { get; init; } = [];

    /// <summary>Called with every change, in input order as far as the command answers in it (to stream them out).</summary>
    /// <value>Default: none.</value>
    public Action<RecordChange>? OnChange { get; init; }

    /// <summary>How many changes the report keeps in <see cref="RuleSetDiffReport.Changes"/> (every change is counted).</summary>
    /// <value>Default: 1,000.</value>
    public int KeepChanges { get; init; } = 1_000;
}

/// <summary>One field of one record that a change of rules changed.</summary>
/// <param name="Id">The record's id as the command writes it (contact details masked).</param>
/// <param name="Field">The field, as the command's JSON names it (<c>grade</c>, <c>band</c>, <c>due</c>, <c>deadline</c>), or <c>result</c> for a record answered under one rule set only.</param>
/// <param name="From">The value under the first rule set, or <see langword="null"/> for none.</param>
/// <param name="To">The value under the second rule set, or <see langword="null"/> for none.</param>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record RecordChange(string Id, string Field, string? From, string? To)
{
    /// <summary><c>c-17 grade: B → A</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{SafeText.Printable(Id)} {Field}: {SafeText.Printable(From ?? "null")} → {SafeText.Printable(To ?? "null")}";
}

/// <summary>What a change of rules did to an input: the counts, the transition matrix of every changed field, the first changes.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed class RuleSetDiffReport
{
    internal RuleSetDiffReport(string from, string to, long records, long changed, long changes, IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>>> transitions, IReadOnlyList<RecordChange> kept, IReadOnlyList<string> inputErrors, bool isComplete)
    {
        From = from;
        To = to;
        Records = records;
        Changed = changed;
        ChangeCount = changes;
        Transitions = transitions;
        Changes = kept;
        InputErrors = inputErrors;
        IsComplete = isComplete;
    }

    /// <summary>The fingerprint of the first rule set.</summary>
    public string From { get; }

    /// <summary>The fingerprint of the second rule set.</summary>
    public string To { get; }

    /// <summary>The results compared (records answered under either rule set).</summary>
    public long Records { get; }

    /// <summary>The results with at least one changed field.</summary>
    public long Changed { get; }

    /// <summary>The changed fields, over every record.</summary>
    public long ChangeCount { get; }

    /// <summary>The share of <see cref="Records"/> that changed, in percent (0 for no records).</summary>
    public decimal ChangedPercent => Records == 0 ? 0m : Changed * 100m / Records;

    /// <summary>For each field that changed, the counts of records from each value to each value: <c>grade → B → A → 412</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>>> Transitions { get; }

    /// <summary>The first changes, up to <see cref="RuleSetDiffOptions.KeepChanges"/>.</summary>
    public IReadOnlyList<RecordChange> Changes { get; }

    /// <summary>Records either run could not read or evaluate, prefixed <c>from:</c> or <c>to:</c>.</summary>
    public IReadOnlyList<string> InputErrors { get; }

    /// <summary>Whether both runs read and evaluated every record (no input errors).</summary>
    public bool IsComplete { get; }

    /// <summary>A report for people: the fingerprints, the counts, the transitions and the first changes.</summary>
    /// <returns>The report, several lines.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{From} → {To}: {Records:N0} records, {Changed:N0} changed ({ChangedPercent:0.##} %)");
        foreach (var (field, byFrom) in Transitions.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            text.AppendLine().Append(field).Append(':');
            foreach (var (from, byTo) in byFrom.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                foreach (var (to, count) in byTo.OrderBy(t => t.Key, StringComparer.Ordinal))
                {
                    text.Append(CultureInfo.InvariantCulture, $" {SafeText.Printable(from)}→{SafeText.Printable(to)} {count:N0};");
                }
            }
        }

        foreach (var change in Changes.Take(20))
        {
            text.AppendLine().Append("  ").Append(change);
        }

        foreach (var error in InputErrors)
        {
            text.AppendLine().Append("error: ").Append(error);
        }

        return text.ToString();
    }
}
