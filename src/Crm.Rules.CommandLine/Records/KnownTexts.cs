using System.Collections.Frozen;
using Crm.Rules.Data;

namespace Crm.Rules.CommandLine.Records;

/// <summary>
/// The rule set's own names — grades, stages, loyalty tiers, lead labels, the grades' channels. A field whose text is one of them
/// is read as that name's string instead of a new string per record: most records of a portfolio repeat a handful of
/// them, and the writers recognise a string they have written before. Any other text is read as
/// <see cref="Record.Text"/> reads it; nothing about the value changes, only whether it is a new string.
/// </summary>
/// <threadsafety>Immutable: one instance is shared by every worker of a run.</threadsafety>
internal sealed class KnownTexts
{
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _names;

    private KnownTexts(IEnumerable<string> names)
    {
        // Only names that read back as themselves: Record.Text removes control characters from what it reads.
        _names = names.Where(n => SafeText.IsPrintable(n)).ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The names a rule set gives to the categories its input fields hold.</summary>
    public static KnownTexts Of(CrmRuleSet ruleSet) => new(
    [
        .. ruleSet.ValueGrading.Grades.Select(g => g.Name),
        .. ruleSet.ValueGrading.Grades.SelectMany(g => g.Treatment.Channels),
        .. ruleSet.Lifecycle.Machines.Values.SelectMany(m => m.Stages),
        .. ruleSet.Loyalty.Tiers.Select(t => t.Name),
        .. ruleSet.Cadence.LeadLabels,
    ]);

    /// <summary>What <see cref="Record.Text"/> reads, as the known name's string when it is one.</summary>
    /// <param name="record">The record.</param>
    /// <param name="slot">A slot of the record's schema.</param>
    /// <returns>The printable text, or <see langword="null"/> for no value or an error (then the record has it).</returns>
    public string? Text(Record record, int slot)
        => record.TryGetText(slot, out var raw) ? _names.TryGetValue(raw, out var name) ? name : SafeText.Printable(raw) : null;
}
