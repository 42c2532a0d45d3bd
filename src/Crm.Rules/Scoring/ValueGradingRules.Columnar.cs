using System.Runtime.Intrinsics;

namespace Crm.Rules.Scoring;

/// <summary>The column-major batch: the layout analytics data usually has, and the one SIMD grades fastest.</summary>
public sealed partial class ValueGradingRules
{
    // Weights and thresholds in millionths fit in an int: Σ weights = 10^6 and scores ≤ 100, so every weighted sum
    // is at most 10^8 < 2^31. That lets eight customers share one 256-bit register.
    private readonly int[] _columnWeights;
    private readonly int[] _columnBounds;

    /// <summary>
    /// Grades many customers from column-major scores — all customers' scores for the first indicator, then all for
    /// the second, and so on (<c>columns[i × n + c]</c> is customer c's score for indicator i) — writing each
    /// customer's grade rank (0 = best, <see cref="GradeBatchSummary.NotGraded"/> when not graded). Exact, allocation-free,
    /// and vectorized where the hardware allows.
    /// </summary>
    /// <param name="columns">The scores, column-major; 0 means missing.</param>
    /// <param name="gradeRanks">Receives one rank per customer (n = its length).</param>
    /// <returns>The fingerprint and how many customers were graded.</returns>
    /// <exception cref="ArgumentException">The lengths do not match.</exception>
    public GradeBatchSummary GradeColumns(ReadOnlySpan<byte> columns, Span<byte> gradeRanks)
    {
        var n = gradeRanks.Length;
        var width = _columnWeights.Length;
        if (columns.Length != n * width)
        {
            throw new ArgumentException($"Expected {width} columns of {n} scores ({n * width} in all), but got {columns.Length}.", nameof(columns));
        }

        var notGraded = 0;
        var c = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; c <= n - Vector256<byte>.Count; c += Vector256<byte>.Count)
            {
                if (!TryGradeBlock(columns, n, c, gradeRanks))
                {
                    for (var k = c; k < c + Vector256<byte>.Count; k++)
                    {
                        notGraded += GradeOneColumnar(columns, n, k, gradeRanks) ? 0 : 1;
                    }
                }
            }
        }

        for (; c < n; c++)
        {
            notGraded += GradeOneColumnar(columns, n, c, gradeRanks) ? 0 : 1;
        }

        return new GradeBatchSummary(Fingerprint, n, n - notGraded);
    }

    // 32 customers at once; false (nothing written) when any score is missing or out of range.
    private bool TryGradeBlock(ReadOnlySpan<byte> columns, int n, int first, Span<byte> gradeRanks)
    {
        var minimum = Vector256.Create((byte)_minimumScore);
        var span = Vector256.Create((byte)_scoreSpan);
        var irregular = Vector256<byte>.Zero;
        Vector256<int> s0 = default, s1 = default, s2 = default, s3 = default;
        for (var i = 0; i < _columnWeights.Length; i++)
        {
            var scores = Vector256.Create(columns.Slice(i * n + first, Vector256<byte>.Count));
            irregular |= Vector256.GreaterThan(scores - minimum, span);
            var (low, high) = Vector256.Widen(scores);
            var (a, b) = Vector256.Widen(low);
            var (d, e) = Vector256.Widen(high);
            var weight = Vector256.Create(_columnWeights[i]);
            s0 += a.AsInt32() * weight;
            s1 += b.AsInt32() * weight;
            s2 += d.AsInt32() * weight;
            s3 += e.AsInt32() * weight;
        }

        if (irregular != Vector256<byte>.Zero)
        {
            return false;
        }

        // A customer's rank is the number of thresholds its total stays below; a true comparison is all ones (-1).
        Vector256<int> r0 = default, r1 = default, r2 = default, r3 = default;
        foreach (var bound in _columnBounds)
        {
            var b = Vector256.Create(bound);
            r0 -= Vector256.LessThan(s0, b);
            r1 -= Vector256.LessThan(s1, b);
            r2 -= Vector256.LessThan(s2, b);
            r3 -= Vector256.LessThan(s3, b);
        }

        var ranks = Vector256.Narrow(
            Vector256.Narrow(r0.AsUInt32(), r1.AsUInt32()),
            Vector256.Narrow(r2.AsUInt32(), r3.AsUInt32()));
        ranks.CopyTo(gradeRanks.Slice(first, Vector256<byte>.Count));
        return true;
    }

    private bool GradeOneColumnar(ReadOnlySpan<byte> columns, int n, int customer, Span<byte> gradeRanks)
    {
        Span<byte> row = stackalloc byte[_columnWeights.Length];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = columns[i * n + customer];
        }

        var outcome = GradeExact(row);
        gradeRanks[customer] = outcome.IsGraded ? (byte)outcome.Grade!.Rank : GradeBatchSummary.NotGraded;
        return outcome.IsGraded;
    }
}
