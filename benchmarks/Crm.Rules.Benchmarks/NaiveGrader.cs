namespace Crm.Rules.Benchmarks;

/// <summary>
/// The baseline: how grading is commonly written by hand — weights in a dictionary, LINQ over the scores, decimal sums,
/// thresholds searched with LINQ. Exact (decimal), but allocates and hashes on every call.
/// </summary>
internal sealed class NaiveGrader
{
    private readonly Dictionary<string, decimal> _weights = new()
    {
        ["historicalAmount"] = 0.30m, ["frequency"] = 0.15m, ["grossMargin"] = 0.15m,
        ["industryInfluence"] = 0.10m, ["needMatch"] = 0.15m, ["willingness"] = 0.15m,
    };

    private readonly List<(string Grade, decimal Minimum)> _grades = [("A", 4m), ("B", 3m), ("C", decimal.MinValue)];

    public string[] Names => _weights.Keys.ToArray();

    public (decimal Total, string Grade) Grade(IReadOnlyDictionary<string, int> scores)
    {
        var total = _weights.Sum(w => w.Value * scores[w.Key]);
        var grade = _grades.Where(g => total >= g.Minimum).OrderByDescending(g => g.Minimum).First().Grade;
        return (total, grade);
    }
}
