namespace Crm.Rules.Testing;

/// <summary>
/// Shrinkers for the raw inputs our case generators draw. The generators pick numbers from ranges that do not always
/// contain zero (a score is 1 to 5), so FsCheck's own shrinkers, which head for zero, would leave the range; these head for
/// a bound the caller names, in FsCheck's order: the bound first, then ever closer to the failing value. A host that writes
/// its own case records shrinks them with these, as the generators of <see cref="CrmGen"/> do.
/// </summary>
/// <threadsafety>This type is stateless and thread-safe; the sequences it returns are lazy and read their inputs when enumerated.</threadsafety>
public static class Shrink
{
    /// <summary>Values from <paramref name="target"/> towards <paramref name="value"/> (excluded), halving the gap.</summary>
    /// <param name="value">The failing value.</param>
    /// <param name="target">The simplest value of the range.</param>
    /// <returns>Candidates, simplest first.</returns>
    public static IEnumerable<int> Towards(int value, int target)
    {
        for (var gap = (long)value - target; gap != 0; gap /= 2)
        {
            yield return (int)(value - gap);
        }
    }

    /// <summary>The choices listed before <paramref name="value"/>: the first choice is the simplest.</summary>
    /// <typeparam name="T">The kind of choice.</typeparam>
    /// <param name="value">The failing choice.</param>
    /// <param name="choices">Every choice, simplest first.</param>
    /// <returns>Candidates, simplest first.</returns>
    public static IEnumerable<T> Earlier<T>(T value, IReadOnlyList<T> choices)
    {
        var comparer = EqualityComparer<T>.Default;
        foreach (var choice in choices)
        {
            if (comparer.Equals(choice, value))
            {
                yield break;
            }

            yield return choice;
        }
    }

    /// <summary><see langword="false"/> is simpler than <see langword="true"/>.</summary>
    /// <param name="value">The failing value.</param>
    /// <returns><see langword="false"/> for <see langword="true"/>, nothing for <see langword="false"/>.</returns>
    public static IEnumerable<bool> Bool(bool value) => value ? [false] : [];

    /// <summary>The same items with one of them shrunk, for fixed-length arrays.</summary>
    /// <typeparam name="T">The kind of item.</typeparam>
    /// <param name="items">The failing items (not changed).</param>
    /// <param name="item">The shrinker of one item.</param>
    /// <returns>Copies, each with one item shrunk.</returns>
    public static IEnumerable<T[]> Each<T>(T[] items, Func<T, IEnumerable<T>> item)
    {
        for (var i = 0; i < items.Length; i++)
        {
            foreach (var smaller in item(items[i]))
            {
                var copy = (T[])items.Clone();
                copy[i] = smaller;
                yield return copy;
            }
        }
    }

    /// <summary>
    /// Shorter arrays first (down to <paramref name="minimumLength"/>: the first half, the second half, then one item
    /// less), then the same items with one of them shrunk.
    /// </summary>
    /// <typeparam name="T">The kind of item.</typeparam>
    /// <param name="items">The failing items (not changed).</param>
    /// <param name="item">The shrinker of one item.</param>
    /// <param name="minimumLength">The fewest items a valid case has.</param>
    /// <returns>Shorter copies, then copies with one item shrunk.</returns>
    public static IEnumerable<T[]> Array<T>(T[] items, Func<T, IEnumerable<T>> item, int minimumLength = 0)
    {
        if (items.Length > minimumLength && minimumLength == 0)
        {
            yield return [];
        }

        // Below four items the halves are among the one-item-less arrays below.
        var half = items.Length / 2;
        if (items.Length >= 4 && half >= minimumLength)
        {
            yield return items[..half];
            yield return items[half..];
        }

        if (items.Length > minimumLength)
        {
            for (var i = 0; i < items.Length; i++)
            {
                yield return [.. items[..i], .. items[(i + 1)..]];
            }
        }

        foreach (var shrunk in Each(items, item))
        {
            yield return shrunk;
        }
    }

    /// <summary>Shorter strings or strings with one character replaced by an earlier choice.</summary>
    /// <param name="text">The failing text.</param>
    /// <param name="choices">Every character, simplest first.</param>
    /// <returns>Candidates.</returns>
    public static IEnumerable<string> Text(string text, IReadOnlyList<char> choices)
        => Array(text.ToCharArray(), c => Earlier(c, choices)).Select(chars => new string(chars));
}
