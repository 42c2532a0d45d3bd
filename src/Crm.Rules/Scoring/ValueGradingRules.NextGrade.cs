namespace Crm.Rules.Scoring;

public sealed partial class ValueGradingRules
{
    /// <summary>The smallest increase of an outcome's total that reaches <paramref name="next"/>, in exact units.</summary>
    internal decimal TotalToReach(in GradeOutcome outcome, Grade next)
    {
        var missingSum = WeightedSumToReach(outcome, next);
        return outcome.WeightTotal == FixedPoint.One
            ? FixedPoint.FromScaled(missingSum)
            : FixedPoint.Normalize(missingSum / (decimal)outcome.WeightTotal);
    }

    /// <summary>
    /// The smallest increase of the weighted sum S (millionth units) with (S + increase) / W ≥ the bound of
    /// <paramref name="next"/>: what <see cref="TotalToReach"/> and the raises of <c>Explain</c> both start from.
    /// </summary>
    private long WeightedSumToReach(in GradeOutcome outcome, Grade next)
    {
        var target = (long)Int128Ceiling((Int128)_ladder.BoundOf(next.Rank) * outcome.WeightTotal, FixedPoint.One);
        return target - outcome.WeightedSum;
    }
}
