namespace Crm.Rules.Scoring;

public sealed partial class ValueGradingRules
{
    /// <summary>The smallest increase of an outcome's total that reaches <paramref name="next"/>, in exact units.</summary>
    internal decimal TotalToReach(in GradeOutcome outcome, Grade next)
    {
        var bound = _ladder.BoundOf(next.Rank);

        // The smallest weighted sum S' with S' / W >= bound / One, in the same millionth units as the sum.
        var target = (long)Int128Ceiling((Int128)bound * outcome.WeightTotal, FixedPoint.One);
        return outcome.WeightTotal == FixedPoint.One
            ? FixedPoint.FromScaled(target - outcome.WeightedSum)
            : FixedPoint.Normalize((target - outcome.WeightedSum) / (decimal)outcome.WeightTotal);
    }
}
