using System.Collections;

namespace Crm.Rules.Sla;

/// <summary>
/// An explanation's lines made when first read: an assessment starts a clock for every deadline of a churn playbook and
/// prints only the deadline, so the sentences are not made for every customer. Made once; any thread may be first.
/// (Only in assessments, whose sections already make parts on first use; <see cref="SlaRules.Evaluate(SlaClock, NodaTime.Instant)"/>
/// gives a plain list.)
/// </summary>
/// <param name="make">Makes the lines; called once (or, when threads race, more than once with one result kept).</param>
internal sealed class DeferredLines(Func<IReadOnlyList<string>> make) : IReadOnlyList<string>
{
    private IReadOnlyList<string>? _lines;

    public int Count => Lines.Count;

    public string this[int index] => Lines[index];

    private IReadOnlyList<string> Lines => LazyInitializer.EnsureInitialized(ref _lines, make);

    public IEnumerator<string> GetEnumerator() => Lines.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The lines, joined.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Join("; ", Lines);
}
