namespace Crm.Rules;

/// <summary>
/// Every subset of a short list as a read-only list, made once and found by a bit set (bit <c>i</c>: item <c>i</c>), in
/// the list's order: results that name which of a few things are missing share one list per set instead of making one
/// each. Read-only, not arrays, since every result with that set holds the same list.
/// </summary>
internal static class ReadOnlySubsets
{
    /// <summary>The 2^n subsets of <paramref name="items"/>; the empty one is the empty array.</summary>
    public static IReadOnlyList<T>[] Of<T>(IReadOnlyList<T> items)
        => [.. Enumerable.Range(0, 1 << items.Count).Select(set => set == 0
            ? Array.Empty<T>()
            : (IReadOnlyList<T>)Array.AsReadOnly(items.Where((_, i) => (set & (1 << i)) != 0).ToArray()))];
}
