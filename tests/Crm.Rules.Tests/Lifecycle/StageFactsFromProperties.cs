using Crm.Rules.Lifecycle;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Rules.Tests.Lifecycle;

/// <summary><see cref="StageFacts.From"/> is a chain of <c>With</c> calls in one go.</summary>
public class StageFactsFromProperties
{
    // Few names, so that repeats (a later pair replacing an earlier one) are common; shrinks to fewer pairs.
    private static Arbitrary<(string Name, bool IsFlag, int Number)[]> Pairs() => Arb.From(
        Gen.ArrayOf(
            from name in Gen.Elements("leadScore", "needClear", "amountChange", "b", "a", "renewalRefused")
            from isFlag in Gen.Elements(true, false)
            from number in Gen.Choose(-500, 500)
            select (name, isFlag, number)),
        pairs => Enumerable.Range(0, pairs.Length).Select(i => pairs.Where((_, j) => j != i).ToArray()));

    [Property(MaxTest = 300)]
    public Property From_EqualsTheChainOfWith()
        => Prop.ForAll(Pairs(), pairs =>
        {
            var chained = StageFacts.Empty;
            foreach (var (name, isFlag, number) in pairs)
            {
                chained = isFlag ? chained.With(name, number % 2 == 0) : chained.With(name, number / 100m);
            }

            // Read four ways: from a list and an array (laid out on the stack up to 16 pairs, in an array of their own
            // beyond), from a sequence that knows its count, and one that does not (its pairs outgrow the first pooled
            // buffer when there are more than 16).
            var facts = pairs.Select(p => new KeyValuePair<string, FactValue>(p.Name, p.IsFlag ? FactValue.FromBoolean(p.Number % 2 == 0) : FactValue.FromNumber(p.Number / 100m)));
            StageFacts[] read = [StageFacts.From(facts.ToList()), StageFacts.From(facts.ToArray()), StageFacts.From(facts), StageFacts.From(Uncounted(facts))];
            return read.All(from => from.Names.SequenceEqual(chained.Names) && from.ToString() == chained.ToString()).Label($"{string.Join(" | ", read.Select(r => r.ToString()))} vs {chained}");
        });

    private static IEnumerable<T> Uncounted<T>(IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            yield return item;
        }
    }

    [Fact]
    public void From_RefusesAMissingValueAndANullName()
    {
        Assert.Throws<ArgumentException>(() => StageFacts.From([new("leadScore", FactValue.Missing)]));
        Assert.Throws<ArgumentException>(() => StageFacts.From(new List<KeyValuePair<string, FactValue>> { new("a", FactValue.FromNumber(1)), new("leadScore", FactValue.Missing) }));
        Assert.Throws<ArgumentNullException>(() => StageFacts.From(new List<KeyValuePair<string, FactValue>> { new(null!, FactValue.FromBoolean(true)) }));
        Assert.Throws<ArgumentNullException>(() => StageFacts.From([new(null!, FactValue.FromNumber(1))]));
        Assert.Same(StageFacts.Empty, StageFacts.From([]));
        Assert.Throws<ArgumentException>(() => StageFacts.From(Uncounted<KeyValuePair<string, FactValue>>([new("a", FactValue.FromNumber(1)), new("leadScore", FactValue.Missing)])));
    }
}
