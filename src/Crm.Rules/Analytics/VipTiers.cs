namespace Crm.Rules.Analytics;

/// <summary>A VIP tier by share of customers (GRADE-8): the next <c>Share</c> (e.g. 0.08) after the tiers above it.</summary>
/// <param name="Name">The tier's name, e.g. <c>diamond</c>.</param>
/// <param name="Share">The share of all customers it takes.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record VipTier(string Name, decimal Share)
{
    /// <summary>The tier as <c>diamond: 8 %</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Name}: {Share * 100:0.####} %");
}

/// <summary>
/// GRADE-8: tiers by percentile of a customer value (monetary, CLV …), highest value first. The seed's defaults are
/// diamond for about the top 5–8 % and gold for about the next 12–15 %; the shares are configuration. Ties never split
/// across tiers: customers of equal value take the tier of the first of them in value order, so a tie at a boundary
/// all go up, and the tiers do not depend on the input's order.
/// </summary>
internal static class VipTiers
{
    /// <summary>The seed's defaults at the top of their ranges: diamond 8 %, gold the next 15 %.</summary>
    public static IReadOnlyList<VipTier> Default { get; } = [.. SeedStandardAnalytics.VipTiers().Select(t => new VipTier(t.Name, t.Share))];

    /// <summary>The index of each value's tier, or -1 for a customer in none.</summary>
    public static int[] Assign(IReadOnlyList<decimal> values, IReadOnlyList<VipTier> tiers)
    {
        // The cut of each tier is a count of customers: ⌊cumulative share · n⌋, exact in decimal.
        var cuts = new int[tiers.Count];
        var cumulative = 0m;
        for (var t = 0; t < tiers.Count; t++)
        {
            cumulative += tiers[t].Share;
            cuts[t] = (int)decimal.Floor(Math.Min(cumulative, 1m) * values.Count);
        }

        // Highest value first; equal values take the rank of the first of them.
        var ranks = Rfm.TieRanks(values, (x, y) => y.CompareTo(x));
        var result = new int[values.Count];
        for (var i = 0; i < ranks.Length; i++)
        {
            result[i] = Array.FindIndex(cuts, cut => ranks[i] < cut);
        }

        return result;
    }
}
