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
    // The names by length, each length's few compared in turn (first character, then all): a rule set names a few
    // dozen categories, and hashing the text read, as a frozen set's lookup does, cost more than comparing it.
    private readonly string[][] _byLength;

    private KnownTexts(IEnumerable<string> names)
    {
        // Only names that read back as themselves: Record.Text removes control characters from what it reads.
        var known = names.Where(n => n.Length > 0 && SafeText.IsPrintable(n)).Distinct(StringComparer.Ordinal).ToArray();
        _byLength = new string[known.Length == 0 ? 0 : known.Max(n => n.Length) + 1][];
        for (var length = 0; length < _byLength.Length; length++)
        {
            _byLength[length] = [.. known.Where(n => n.Length == length)];
        }
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
        => record.TryGetText(slot, out var raw) ? Find(raw) ?? SafeText.Printable(raw) : null;

    private string? Find(ReadOnlySpan<char> raw)
    {
        if ((uint)raw.Length >= (uint)_byLength.Length)
        {
            return null;
        }

        foreach (var name in _byLength[raw.Length])
        {
            if (name[0] == raw[0] && raw.SequenceEqual(name))
            {
                return name;
            }
        }

        return null;
    }
}
