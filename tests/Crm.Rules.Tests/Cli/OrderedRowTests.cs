using Crm.Rules.CommandLine.Commands;
using FsCheck.Xunit;

namespace Crm.Rules.Tests.Cli;

/// <summary>The assessment's row of indicator values answers as the dictionary it replaces, whatever is asked in whatever order.</summary>
public class OrderedRowTests
{
    private static readonly IReadOnlyList<Indicator> Indicators = CrmRuleSet.SeedStandard.ValueGrading.Indicators;

    [Property(MaxTest = PropertyRuns.MaxTest)]
    public void AnswersAsADictionaryOfTheSameValues(int[] values, (int Key, bool Copy)[] lookups)
    {
        var row = new OrderedRow<IndicatorValue>([.. Indicators.Select(i => i.Name)]);
        var dictionary = new Dictionary<string, IndicatorValue>(StringComparer.Ordinal);
        for (var i = 0; i < Indicators.Count; i++)
        {
            var value = values.Length > i ? IndicatorValue.FromNumber(values[i]) : IndicatorValue.Missing;
            row.Set(i, value);
            dictionary[Indicators[i].Name] = value;
        }

        foreach (var (key, copy) in lookups)
        {
            // The grading's own name strings, copies of them, and names that are no indicator's.
            var name = Math.Abs(key % (Indicators.Count + 2)) is var at && at < Indicators.Count ? Indicators[at].Name : $"other{at}";
            name = copy ? new string(name.AsSpan()) : name;
            Assert.Equal(dictionary.TryGetValue(name, out var expected), row.TryGetValue(name, out var actual));
            Assert.Equal(expected, actual);
            Assert.Equal(dictionary.ContainsKey(name), row.ContainsKey(name));
        }

        Assert.Equal(dictionary.ToList(), row.ToList());
        Assert.Equal(dictionary.Count, row.Count);
        Assert.Throws<KeyNotFoundException>(() => row["none"]);
    }
}
