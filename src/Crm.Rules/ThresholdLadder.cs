namespace Crm.Rules;

/// <summary>
/// Ordered inclusive lower bounds, highest first, shared by every "total → band" rule (grades, lead labels): a value
/// falls in the first band whose bound it reaches, and the last band takes everything below.
/// </summary>
/// <remarks>Values are fixed-point millionths; a total may be a fraction <c>sum / weight</c>, compared exactly by cross-multiplying.</remarks>
internal sealed class ThresholdLadder
{
    private readonly long[] _bounds;

    /// <param name="bounds">The scaled lower bounds of every band but the last, strictly decreasing.</param>
    public ThresholdLadder(long[] bounds) => _bounds = bounds;

    public int BandCount => _bounds.Length + 1;

    /// <summary>The scaled lower bound of a band; <see cref="long.MinValue"/> for the last band.</summary>
    public long BoundOf(int band) => band < _bounds.Length ? _bounds[band] : long.MinValue;

    /// <summary>The band of the value <paramref name="scaled"/> (millionths).</summary>
    /// <remarks>
    /// The band is the number of bounds the value stays below (bounds are strictly decreasing). Counting sign bits
    /// instead of branching keeps batch grading of mixed customers free of branch mispredictions.
    /// </remarks>
    public int Find(long scaled)
    {
        var band = 0;
        foreach (var bound in _bounds)
        {
            band += (int)((ulong)(scaled - bound) >> 63);
        }

        return band;
    }

    /// <summary>The band of the fraction <paramref name="sum"/> / <paramref name="weight"/>, both in millionths.</summary>
    public int Find(long sum, long weight)
    {
        if (weight == FixedPoint.One)
        {
            return Find(sum);
        }

        var bounds = _bounds;
        for (var i = 0; i < bounds.Length; i++)
        {
            // sum / weight ≥ bound / One  ⇔  sum × One ≥ bound × weight (weight > 0)
            if ((Int128)sum * FixedPoint.One >= (Int128)bounds[i] * weight)
            {
                return i;
            }
        }

        return bounds.Length;
    }
}
