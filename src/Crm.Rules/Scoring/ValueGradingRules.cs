using System.Collections.Frozen;
using System.Numerics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Crm.Rules.Scoring;

/// <summary>
/// The compiled value scoring and grading rules (GRADE-1 … GRADE-4): exact fixed-point totals, inclusive lower bounds,
/// allocation-free single and batch grading, and explanations on demand.
/// </summary>
/// <remarks>
/// The total is Σ weight × score, computed in integer millionths, so it equals exact rational arithmetic on the
/// configured numbers: with the seed standard, all indicators at 4 give exactly 4 (grade A) and all at 3 exactly 3
/// (grade B).
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed partial class ValueGradingRules
{
    private readonly Indicator[] _indicators;
    private readonly long[] _weights;
    private readonly Grade[] _grades;
    private readonly ThresholdLadder _ladder;
    private readonly FrozenDictionary<string, int> _indexByName;
    private readonly int _minimumScore;
    private readonly int _maximumScore;
    private readonly uint _scoreSpan;

    // The compiled full-vector path. Every scaled weight is a multiple of _unit (their greatest common divisor), so a
    // full vector's Σ weight × score is _unit × Σ unitWeight × score exactly. Unit weights add up to 10^6 / _unit and
    // scores are bytes, so that sum is at most 255 × 10^6 < 2^31: it fits in an int. When the sums of on-scale vectors
    // are few (seed standard: weights 6, 3, 3, 2, 3, 3 units of 0.05, totals 0 … 100 units), _rankByUnits holds the
    // grade rank of each one, computed once by the threshold ladder, so grading is a dot product and one load.
    private readonly int[] _unitWeights;
    private readonly long _unit;
    private readonly byte[]? _rankByUnits;

    // With up to MostTabledIndicators indicators, each indicator's contribution is tabled by score byte:
    // _contributions[i × 256 + s] is unitWeight(i) × s for an on-scale s and OffScale for any other byte. On-scale
    // sums stay below 2^27 (at most 100 × 10^6 units), so a vector's table sum is below OffScale exactly when every
    // score is on the scale, and with at most 31 off-scale scores it cannot wrap past 2^32. One load and one add per
    // score: no multiplication and no range check in the hot loop.
    private readonly uint[]? _contributions;

    internal ValueGradingRules(ValueGradingOptions options, string fingerprint)
    {
        Fingerprint = fingerprint;
        _minimumScore = options.Scale.Minimum;
        _maximumScore = options.Scale.Maximum;
        _scoreSpan = (uint)(_maximumScore - _minimumScore);
        _indicators = options.Indicators.Select((o, i) => new Indicator(o, i, _minimumScore, _maximumScore)).ToArray();
        _weights = _indicators.Select(i => i.ScaledWeight).ToArray();
        _indexByName = _indicators.ToFrozenDictionary(i => i.Name, i => i.Index, StringComparer.Ordinal);

        // Grades rank by threshold, highest first; the one without a threshold takes every lower total.
        _grades = options.Grades
            .OrderByDescending(g => g.Value.MinimumTotal ?? decimal.MinValue)
            .Select((g, rank) => new Grade(g.Key, g.Value, rank))
            .ToArray();
        _ladder = new ThresholdLadder(_grades.Where(g => g.MinimumTotal is not null).Select(g => FixedPoint.ToScaled(g.MinimumTotal!.Value)).ToArray());
        _columnWeights = _weights.Select(w => (int)w).ToArray();
        _columnBounds = _grades.Where(g => g.MinimumTotal is not null).Select(g => (int)FixedPoint.ToScaled(g.MinimumTotal!.Value)).ToArray();
        (_unit, _unitWeights, _rankByUnits) = CompileUnits(_weights, _maximumScore, _ladder);
        _contributions = CompileContributions(_unitWeights, _minimumScore, _maximumScore);
        MissingValues = options.MissingValues;
        Approval = new GradeApprovalPolicy(options.Approval.Required, options.Approval.ApproverRole);
    }

    /// <summary>The fingerprint of the rule set these rules belong to.</summary>
    public string Fingerprint { get; }

    /// <summary>The indicators, in model order (the order of a score vector).</summary>
    public IReadOnlyList<Indicator> Indicators => _indicators;

    /// <summary>The grades, best first.</summary>
    public IReadOnlyList<Grade> Grades => _grades;

    /// <summary>The lowest indicator score.</summary>
    public int MinimumScore => _minimumScore;

    /// <summary>The highest indicator score.</summary>
    public int MaximumScore => _maximumScore;

    /// <summary>What happens when an indicator has no value.</summary>
    public MissingIndicatorPolicy MissingValues { get; }

    /// <summary>The grade approval policy (GRADE-5).</summary>
    public GradeApprovalPolicy Approval { get; }

    /// <summary>The position of an indicator in a score vector, or -1 when there is no such indicator.</summary>
    /// <param name="name">The indicator name (case-sensitive).</param>
    /// <returns>The index, or -1.</returns>
    public int IndexOf(string name) => _indexByName.TryGetValue(name, out var index) ? index : -1;

    /// <summary>The grade with the given name, or <see langword="null"/>.</summary>
    /// <param name="name">The grade name.</param>
    /// <returns>The grade, or <see langword="null"/>.</returns>
    public Grade? FindGrade(string? name)
    {
        // A loop, not Array.Find: its predicate would close over the name, an allocation per record in assess.
        foreach (var grade in _grades)
        {
            if (string.Equals(grade.Name, name, StringComparison.Ordinal))
            {
                return grade;
            }
        }

        return null;
    }

    /// <summary>Grades one customer from a score vector, without allocating.</summary>
    /// <param name="scores">One score per indicator, in model order; 0 means missing.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentException">The vector's length is not the number of indicators.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public GradeOutcome Grade(ReadOnlySpan<byte> scores)
    {
        if (scores.Length != _unitWeights.Length)
        {
            ThrowScoreCount(scores.Length, nameof(scores));
        }

        return GradeExact(scores);
    }

    /// <summary>
    /// Grades many customers without allocating: <paramref name="scores"/> holds one score vector after another
    /// (row-major, <see cref="Indicators"/>.Count scores per customer).
    /// </summary>
    /// <param name="scores">The score vectors; 0 means missing.</param>
    /// <param name="outcomes">Receives one outcome per customer.</param>
    /// <exception cref="ArgumentException">The lengths do not match.</exception>
    public void GradeBatch(ReadOnlySpan<byte> scores, Span<GradeOutcome> outcomes)
    {
        var width = _weights.Length;
        if (scores.Length != (long)outcomes.Length * width)
        {
            throw new ArgumentException($"Expected {outcomes.Length} × {width} scores for {outcomes.Length} customers, but got {scores.Length}.", nameof(scores));
        }

        // The length check above keeps every row inside scores.
        var (weights, contributions, minimum, maximum, table, ladder, unit) = (_unitWeights, _contributions, _minimumScore, _maximumScore, _rankByUnits, _ladder, _unit);
        ref var row = ref MemoryMarshal.GetReference(scores);
        for (var c = 0; c < outcomes.Length; c++, row = ref Unsafe.Add(ref row, width))
        {
            var units = UnitSum(ref row, weights, contributions, minimum, maximum, out var onScale);
            outcomes[c] = onScale
                ? new GradeOutcome(this, GradeStatus.Graded, RankOfUnits(units, table, ladder, unit), units * unit, FixedPoint.One, -1)
                : GradeIrregular(scores.Slice(c * width, width));
        }
    }

    /// <summary>
    /// Grades many customers as fast as memory allows: writes only each customer's grade rank (0 = best grade,
    /// <see cref="GradeBatchSummary.NotGraded"/> when the customer cannot be graded). The summary carries the
    /// fingerprint and the counts; look a rank up in <see cref="Grades"/>.
    /// </summary>
    /// <param name="scores">The score vectors one after another (row-major); 0 means missing.</param>
    /// <param name="gradeRanks">Receives one rank per customer.</param>
    /// <returns>The fingerprint and how many customers were graded.</returns>
    /// <exception cref="ArgumentException">The lengths do not match.</exception>
    public GradeBatchSummary GradeBatch(ReadOnlySpan<byte> scores, Span<byte> gradeRanks)
    {
        var width = _weights.Length;
        if (scores.Length != (long)gradeRanks.Length * width)
        {
            throw new ArgumentException($"Expected {gradeRanks.Length} × {width} scores for {gradeRanks.Length} customers, but got {scores.Length}.", nameof(scores));
        }

        var notGraded = 0;
        var (weights, contributions, minimum, maximum, table, ladder, unit) = (_unitWeights, _contributions, _minimumScore, _maximumScore, _rankByUnits, _ladder, _unit);
        ref var row = ref MemoryMarshal.GetReference(scores);
        for (var c = 0; c < gradeRanks.Length; c++, row = ref Unsafe.Add(ref row, width))
        {
            var units = UnitSum(ref row, weights, contributions, minimum, maximum, out var onScale);
            if (onScale)
            {
                gradeRanks[c] = (byte)RankOfUnits(units, table, ladder, unit);
                continue;
            }

            var outcome = GradeIrregular(scores.Slice(c * width, width));
            notGraded += outcome.IsGraded ? 0 : 1;
            gradeRanks[c] = outcome.IsGraded ? (byte)outcome.Grade!.Rank : GradeBatchSummary.NotGraded;
        }

        return new GradeBatchSummary(Fingerprint, gradeRanks.Length, gradeRanks.Length - notGraded);
    }

    /// <summary>Grades one customer from raw values (scores, numbers through bands, labels through categories).</summary>
    /// <param name="values">One value per indicator, in model order.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentException">The number of values is not the number of indicators.</exception>
    public GradeOutcome Grade(ReadOnlySpan<IndicatorValue> values)
    {
        if (values.Length != _weights.Length)
        {
            throw new ArgumentException($"Expected {_weights.Length} values, one per indicator, but got {values.Length}.", nameof(values));
        }

        Span<byte> scores = stackalloc byte[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (!TryScore(i, values[i], out scores[i], out _))
            {
                return Refused(i);
            }
        }

        return GradeExact(scores);
    }

    /// <summary>
    /// A dictionary for one customer's indicator values, scored as they are set (<see cref="ScoredIndicatorDictionary"/>):
    /// for a host that reads records, reports a refused value with its field, and grades the same values without scoring
    /// them again.
    /// </summary>
    /// <returns>A new dictionary, every indicator missing.</returns>
    public ScoredIndicatorDictionary CreateScoredIndicators() => new(this);

    // The score byte of the indicator at `index` for a value: 0 for a missing one; false, with the sentence, for a value
    // the indicator refuses. Every way of grading values scores them here.
    internal bool TryScore(int index, in IndicatorValue value, out byte score, out string? problem)
    {
        score = 0;
        problem = null;
        if (value.IsMissing)
        {
            return true;
        }

        if (!_indicators[index].TryScore(value, out var scored, out problem))
        {
            return false;
        }

        score = (byte)scored;
        return true;
    }

    // The outcome of values the indicator at `index` refuses first: as Grade(values) gives it.
    internal GradeOutcome Refused(int index) => new(this, GradeStatus.InvalidValue, -1, 0, FixedPoint.One, index);

    // Grade(values) for values by name (an assessment's profile): a scored dictionary of these rules is graded from the
    // scores it kept; any other dictionary has each indicator looked up and scored in one pass, on the stack.
    internal GradeOutcome Grade(IReadOnlyDictionary<string, IndicatorValue> values)
    {
        if (values is ScoredIndicatorDictionary scored && ReferenceEquals(scored.Rules, this))
        {
            return scored.Grade();
        }

        Span<byte> scores = _indicators.Length <= 64 ? stackalloc byte[_indicators.Length] : new byte[_indicators.Length];
        for (var i = 0; i < _indicators.Length; i++)
        {
            if (!TryScore(i, values.TryGetValue(_indicators[i].Name, out var value) ? value : IndicatorValue.Missing, out scores[i], out _))
            {
                return Refused(i);
            }
        }

        return GradeExact(scores);
    }

    /// <summary>Grades one customer and explains the result.</summary>
    /// <param name="scores">One score per indicator, in model order; 0 means missing.</param>
    /// <returns>The explanation.</returns>
    public GradeExplanation Explain(ReadOnlySpan<byte> scores)
    {
        var values = new IndicatorValue[scores.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            values[i] = scores[i] == 0 ? IndicatorValue.Missing : IndicatorValue.FromScore(scores[i]);
        }

        return Explain(values);
    }

    /// <summary>Grades one customer from values keyed by indicator name and explains the result.</summary>
    /// <param name="values">The values by indicator name; an indicator not in the map is missing.</param>
    /// <returns>The explanation.</returns>
    /// <exception cref="ArgumentException">A key names no indicator.</exception>
    public GradeExplanation Explain(IReadOnlyDictionary<string, IndicatorValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var vector = new IndicatorValue[_indicators.Length];
        foreach (var (name, value) in values)
        {
            var index = IndexOf(name);
            if (index < 0)
            {
                throw new ArgumentException($"'{name}' is not an indicator of this model (known: {string.Join(", ", _indicators.Select(i => i.Name))}).", nameof(values));
            }

            vector[index] = value;
        }

        return Explain(vector);
    }

    /// <summary>Grades one customer from raw values and explains the result.</summary>
    /// <param name="values">One value per indicator, in model order.</param>
    /// <returns>The explanation: contributions, grade, next grade and the raises that reach it, problems, fingerprint.</returns>
    /// <exception cref="ArgumentException">The number of values is not the number of indicators.</exception>
    public GradeExplanation Explain(ReadOnlySpan<IndicatorValue> values)
    {
        if (values.Length != _weights.Length)
        {
            throw new ArgumentException($"Expected {_weights.Length} values, one per indicator, but got {values.Length}.", nameof(values));
        }

        var scores = new int?[values.Length];
        var problems = new List<string>();
        var scoreProblems = new string?[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i].IsMissing)
            {
                continue;
            }

            if (_indicators[i].TryScore(values[i], out var score, out var problem))
            {
                scores[i] = score;
            }
            else
            {
                scoreProblems[i] = problem;
                problems.Add($"{_indicators[i].Name}: {problem}");
            }
        }

        var outcome = Grade(values);
        if (outcome.Status == GradeStatus.MissingIndicator)
        {
            var missing = new List<string>();
            for (var i = 0; i < values.Length; i++)
            {
                if (values[i].IsMissing)
                {
                    missing.Add(_indicators[i].Name);
                }
            }

            problems.Add(missing.Count == _indicators.Length
                ? "no indicator has a value"
                : $"missing {string.Join(", ", missing)}; the policy is to reject customers with missing indicators");
        }

        var weightTotal = outcome.IsGraded ? outcome.WeightTotal : FixedPoint.One;
        var contributions = new IndicatorContribution[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var indicator = _indicators[i];
            var effective = scores[i] is null ? 0m : FixedPoint.Normalize(indicator.ScaledWeight / (decimal)weightTotal);
            contributions[i] = new IndicatorContribution(
                indicator.Name,
                values[i],
                scores[i],
                indicator.Weight,
                effective,
                FixedPoint.Normalize(effective * (scores[i] ?? 0)),
                scoreProblems[i] ?? (values[i].IsMissing ? "missing" : null));
        }

        Grade? next = null;
        decimal? gap = null;
        var raises = new List<IndicatorRaise>();
        if (outcome.Grade is { Rank: > 0 } grade)
        {
            next = _grades[grade.Rank - 1];
            var missingSum = WeightedSumToReach(outcome, next);
            gap = TotalToReach(outcome, next);
            for (var i = 0; i < values.Length; i++)
            {
                // Only scored indicators can be raised. Every weight is positive (GRADE-1 validation), so no
                // indicator needs skipping for a zero weight. Read through a plain null test rather than a pattern
                // variable: a pattern variable assigned inside an `||` condition makes Stryker's mutants of the
                // condition fail to compile (CS0165) and so leaves the method unmutated.
                if (scores[i] is null)
                {
                    continue;
                }

                var score = scores[i].GetValueOrDefault();
                var points = FixedPoint.CeilingDivide(missingSum, _weights[i]);
                if (score + points <= MaximumScore)
                {
                    raises.Add(new IndicatorRaise(_indicators[i].Name, score, score + (int)points));
                }
            }

            raises.Sort((a, b) => a.Points.CompareTo(b.Points));
        }

        return new GradeExplanation(outcome, contributions, next, gap, raises, problems);
    }

    /// <summary>The grade of a rank, without going through <see cref="Grades"/>' interface.</summary>
    internal Grade GradeAt(int rank) => _grades[rank];

    // scores.Length == the number of indicators (callers check).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private GradeOutcome GradeExact(ReadOnlySpan<byte> scores)
    {
        var units = UnitSum(ref MemoryMarshal.GetReference(scores), out var onScale);
        return onScale
            ? new GradeOutcome(this, GradeStatus.Graded, RankOfUnits(units), units * _unit, FixedPoint.One, -1)
            : GradeIrregular(scores);
    }

    /// <summary>
    /// Σ unitWeight × score over one score vector that starts at <paramref name="scores"/> and holds one score per
    /// indicator (the caller guarantees the length), and whether every score lies on the scale (none missing).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int UnitSum(ref byte scores, out bool onScale) => UnitSum(ref scores, _unitWeights, _contributions, _minimumScore, _maximumScore, out onScale);

    // Static with the compiled numbers as arguments, so that batch loops load them once, not once per customer.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int UnitSum(ref byte scores, int[] weights, uint[]? contributions, int minimum, int maximum, out bool onScale)
    {
        if (contributions is not null)
        {
            ref var entry = ref MemoryMarshal.GetArrayDataReference(contributions);
            uint tabled = 0, next = 0;
            nint i = 0;

            // Models of up to eight indicators (the seed standard has six) get straight-line code: one jump on the
            // width, then one load and one add per score at fixed offsets.
            switch (weights.Length)
            {
                case 8: tabled += Unsafe.Add(ref entry, (7 << 8) + Unsafe.Add(ref scores, 7)); goto case 7;
                case 7: next += Unsafe.Add(ref entry, (6 << 8) + Unsafe.Add(ref scores, 6)); goto case 6;
                case 6: tabled += Unsafe.Add(ref entry, (5 << 8) + Unsafe.Add(ref scores, 5)); goto case 5;
                case 5: next += Unsafe.Add(ref entry, (4 << 8) + Unsafe.Add(ref scores, 4)); goto case 4;
                case 4: tabled += Unsafe.Add(ref entry, (3 << 8) + Unsafe.Add(ref scores, 3)); goto case 3;
                case 3: next += Unsafe.Add(ref entry, (2 << 8) + Unsafe.Add(ref scores, 2)); goto case 2;
                case 2: tabled += Unsafe.Add(ref entry, (1 << 8) + Unsafe.Add(ref scores, 1)); goto case 1;
                case 1:
                    tabled += next + Unsafe.Add(ref entry, Unsafe.Add(ref scores, 0));
                    onScale = tabled < OffScale;
                    return (int)tabled;
            }

            // Two scores a step (the table of the next indicator is 256 entries on), then the odd one.
            for (; i < weights.Length - 1; i += 2)
            {
                tabled += Unsafe.Add(ref entry, (i << 8) + Unsafe.Add(ref scores, i));
                next += Unsafe.Add(ref entry, (i << 8) + 256 + Unsafe.Add(ref scores, i + 1));
            }

            if (i < weights.Length)
            {
                tabled += Unsafe.Add(ref entry, (i << 8) + Unsafe.Add(ref scores, i));
            }

            tabled += next;
            onScale = tabled < OffScale;
            return (int)tabled;
        }

        ref var weight = ref MemoryMarshal.GetArrayDataReference(weights);
        int sum = 0, outside = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            int score = Unsafe.Add(ref scores, i);

            // Negative exactly when the score is below the minimum (0 = missing) or above the maximum.
            outside |= (score - minimum) | (maximum - score);
            sum += Unsafe.Add(ref weight, i) * score;
        }

        onScale = outside >= 0;
        return sum;
    }

    /// <summary>The grade rank of an on-scale vector's sum in units.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int RankOfUnits(int units) => RankOfUnits(units, _rankByUnits, _ladder, _unit);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RankOfUnits(int units, byte[]? rankByUnits, ThresholdLadder ladder, long unit)
        // An on-scale sum is at most maximum × Σ unit weights, the table's last index.
        => rankByUnits is not null
            ? Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(rankByUnits), units)
            : ladder.Find(units * unit);

    /// <summary>The largest table of ranks by sum worth building: 16 KB stays in the L1 cache next to the data.</summary>
    internal const int LargestRankTable = 16 * 1024;

    /// <summary>The table entry of an off-scale score: above every on-scale sum (≤ 100 × 10^6 &lt; 2^27).</summary>
    private const uint OffScale = 1u << 27;

    /// <summary>The most indicators whose contributions are tabled: 31 × 1 KB fits the L1 cache and cannot wrap.</summary>
    internal const int MostTabledIndicators = 31;

    /// <summary>Whether scores are summed through the table of contributions by score (for tests).</summary>
    internal bool HasContributionTable => _contributions is not null;

    private static uint[]? CompileContributions(int[] unitWeights, int minimumScore, int maximumScore)
    {
        if (unitWeights.Length > MostTabledIndicators)
        {
            return null;
        }

        var table = new uint[unitWeights.Length * 256];
        for (var i = 0; i < unitWeights.Length; i++)
        {
            for (var score = 0; score < 256; score++)
            {
                table[(i * 256) + score] = score >= minimumScore && score <= maximumScore ? (uint)(unitWeights[i] * score) : OffScale;
            }
        }

        return table;
    }

    /// <summary>Whether on-scale vectors are graded through the table of ranks by sum (for tests).</summary>
    internal bool HasRankTable => _rankByUnits is not null;

    private static (long Unit, int[] UnitWeights, byte[]? RankByUnits) CompileUnits(long[] weights, int maximumScore, ThresholdLadder ladder)
    {
        var unit = weights.Aggregate(0L, (g, w) => (long)BigInteger.GreatestCommonDivisor(g, w));
        var unitWeights = weights.Select(w => checked((int)(w / unit))).ToArray();
        var largestSum = (long)maximumScore * unitWeights.Sum(w => (long)w);
        if (largestSum >= LargestRankTable)
        {
            return (unit, unitWeights, null);
        }

        // The same ladder decides every entry, so the table cannot disagree with the renormalizing path.
        var table = new byte[largestSum + 1];
        for (var units = 0; units < table.Length; units++)
        {
            table[units] = (byte)ladder.Find(units * unit);
        }

        return (unit, unitWeights, table);
    }

    [DoesNotReturn]
    private void ThrowScoreCount(int count, string parameter)
        => throw new ArgumentException($"Expected {_unitWeights.Length} scores, one per indicator, but got {count}.", parameter);

    // Missing or out-of-range scores: the rare path, kept out of the hot loop.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private GradeOutcome GradeIrregular(ReadOnlySpan<byte> scores)
    {
        long sum = 0;
        long weight = 0;
        var firstMissing = -1;
        for (var i = 0; i < scores.Length; i++)
        {
            int score = scores[i];
            if (score == 0)
            {
                firstMissing = firstMissing < 0 ? i : firstMissing;
                continue;
            }

            if ((uint)(score - _minimumScore) > _scoreSpan)
            {
                return new GradeOutcome(this, GradeStatus.InvalidValue, -1, 0, FixedPoint.One, i);
            }

            sum += _weights[i] * score;
            weight += _weights[i];
        }

        if (MissingValues == MissingIndicatorPolicy.Reject || weight == 0)
        {
            return new GradeOutcome(this, GradeStatus.MissingIndicator, -1, 0, FixedPoint.One, firstMissing);
        }

        return new GradeOutcome(this, GradeStatus.GradedWithRenormalizedWeights, _ladder.Find(sum, weight), sum, weight, firstMissing);
    }

    private static Int128 Int128Ceiling(Int128 numerator, long denominator)
    {
        var quotient = Int128.DivRem(numerator, denominator);
        return quotient.Remainder > 0 ? quotient.Quotient + 1 : quotient.Quotient;
    }
}
