using Crm.Rules.Tests.Lifecycle;
using Crm.Rules.Tests.Scoring;
using Crm.Rules.Tests.Sla;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Rules.Tests.Support;

public class ShrinkTests
{
    [Fact]
    public void Towards_StartsAtTheTargetAndHalvesTheGap()
    {
        Assert.Equal([1, 51, 76, 88, 94, 97, 99], Shrink.Towards(100, 1));
        Assert.Equal([0, -2, -3], Shrink.Towards(-4, 0));
        Assert.Equal([-1], Shrink.Towards(0, -1));
        Assert.Empty(Shrink.Towards(5, 5));
    }

    [Fact]
    public void Earlier_ListsTheChoicesBeforeTheValue()
    {
        Assert.Equal(["a", "b"], Shrink.Earlier("c", ["a", "b", "c", "d"]));
        Assert.Empty(Shrink.Earlier("a", ["a", "b"]));
        Assert.Equal([null], Shrink.Earlier<string?>("A", [null, "A"]));
    }

    [Fact]
    public void Array_TriesShorterArraysFirst_ThenSmallerItems()
    {
        var shrunk = Shrink.Array([3, 4, 5], x => Shrink.Towards(x, 3)).Select(a => string.Join(",", a)).ToList();
        Assert.Equal(["", "4,5", "3,5", "3,4", "3,3,5", "3,4,3", "3,4,4"], shrunk);
        Assert.Equal(["", "1,2", "3,4", "2,3,4", "1,3,4", "1,2,4", "1,2,3"], Shrink.Array([1, 2, 3, 4], _ => []).Select(a => string.Join(",", a)));
        Assert.Empty(Shrink.Array([7], _ => [], minimumLength: 1));
    }
}

/// <summary>
/// A shrinker that leaves the generator's range reports a counterexample the generator could never have produced (an
/// invalid model, a step past the last stage); these check every shrink stays a case the property is meant for.
/// </summary>
[Properties(Arbitrary = [typeof(SharedArbitraries), typeof(ValueGradingArbitraries), typeof(LifecycleArbitraries)], MaxTest = PropertyRuns.MaxTest)]
public class ShrinkerProperties
{
    private static bool InRange(int value, int lowest, int highest) => value >= lowest && value <= highest;

    [Property]
    public bool EveryShrinkOfAGradingModelIsAValidModel(GradingModel model)
    {
        var shrinks = model.Smaller().ToList();
        var valid = shrinks.All(m => InRange(m.Count, 1, GradingModel.MaxIndicators)
            && m.RawWeights.Length == GradingModel.MaxIndicators && m.RawWeights.All(w => InRange(w, 1, 1000))
            && m.Kinds.Length == GradingModel.MaxIndicators && m.Kinds.All(k => InRange(k, 0, 2))
            && m.Thresholds.Length <= 4 && m.Thresholds.All(t => InRange(t, 1_000_001, 5_000_000))
            && m.BandEdges.Length == 4 && m.BandEdges.All(e => InRange(e, -1000, 1000)) && m.Points.Length == 3 && m.Weights.Sum() == 1_000_000);

        // Compiling is the slow part: one shrink per case is enough to find a shrinker that breaks validity.
        return valid && (shrinks.Count == 0 || CrmRuleSet.Compile(shrinks[model.Count % shrinks.Count].Options()) is not null);
    }

    [Property]
    public bool EveryShrinkOfAModelBatchKeepsItsRowsWhole(ModelBatch batch)
        => batch.Model.Count > 0 && ValueGradingArbitraries.ModelBatch().Shrinker(batch).Take(200).All(b =>
            b.Scores.Length == b.Rows * GradingModel.MaxIndicators && InRange(b.Rows, 0, 100)
            && b.Scores.All(s => b.Noisy ? s <= 6 : s is >= 1 and <= 5));

    [Property]
    public bool EveryShrinkOfAWalkStepsOnlyOntoStagesOfItsMachine(TransitionWalk walk)
        => LifecycleArbitraries.TransitionWalk().Shrinker(walk).All(w =>
            InRange(w.Machine, 0, TransitionWalk.Machines.Length - 1) && w.FlagValues.Length == TransitionWalk.Flags.Length
            && w.Steps.All(s => InRange(s, 0, TransitionWalk.Machines[w.Machine].Stages.Count - 1)));

    [Property]
    public Property EveryShrinkOfACalendarBuildsACalendar()
        => Prop.ForAll(Arb.From(CalendarSpec.Generator), spec =>
        {
            var shrinks = spec.Smaller().ToList();
            return shrinks.All(s => s.Week.Length == 7 && s.Holidays.Length <= 6 && s.Overrides.Length <= 3)
                && (shrinks.Count == 0 || shrinks[spec.Holidays.Sum() % shrinks.Count].Build() is not null);
        });
}
