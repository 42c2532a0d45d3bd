using System.Globalization;

namespace Crm.Rules.Analytics;

/// <summary>A compiled condition of a key-account class: a measure's score and/or value within bounds (inclusive).</summary>
/// <param name="Measure">The measure.</param>
/// <param name="MinScore">The lowest score, or <see langword="null"/>.</param>
/// <param name="MaxScore">The highest score, or <see langword="null"/>.</param>
/// <param name="AtLeast">The lowest value, or <see langword="null"/>.</param>
/// <param name="AtMost">The highest value, or <see langword="null"/>.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record KeyAccountCondition(KeyAccountMeasure Measure, int? MinScore, int? MaxScore, decimal? AtLeast, decimal? AtMost)
{
    /// <summary>Whether a customer's score and value meet the condition; a missing measure never does.</summary>
    /// <param name="score">The measure's score, or <see langword="null"/> when the customer has no such measure.</param>
    /// <param name="value">The measure's value, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when every bound holds.</returns>
    public bool IsMetBy(int? score, decimal? value)
        => score is { } s && value is { } v
            && (MinScore is null || s >= MinScore) && (MaxScore is null || s <= MaxScore)
            && (AtLeast is null || v >= AtLeast) && (AtMost is null || v <= AtMost);

    /// <summary>The condition as <c>lifetime value score ≥ 4</c> or <c>tenure days ≥ 365</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{KeyAccounts.Word(Measure)} {Bounds()}";

    internal string Bounds()
    {
        var parts = new List<string>();
        if (MinScore is not null || MaxScore is not null)
        {
            parts.Add(MinScore == MaxScore ? $"score {MinScore}" : (MinScore, MaxScore) switch
            {
                (null, { } max) => $"score ≤ {max}",
                ({ } min, null) => $"score ≥ {min}",
                var (min, max) => $"score {min}–{max}",
            });
        }

        if (AtLeast is not null || AtMost is not null)
        {
            parts.Add((AtLeast, AtMost) switch
            {
                (null, { } most) => $"≤ {KeyAccounts.Format(most)}",
                ({ } least, null) => $"≥ {KeyAccounts.Format(least)}",
                var (least, most) => $"{KeyAccounts.Format(least!.Value)} to {KeyAccounts.Format(most!.Value)}",
            });
        }

        return string.Join(" and ", parts);
    }
}

/// <summary>A compiled key-account class (GRADE-7): its conditions, all of which must hold, and the service it gets.</summary>
/// <param name="Name">The class's name.</param>
/// <param name="Conditions">The conditions.</param>
/// <param name="Service">The service the class gets.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record KeyAccountClass(string Name, IReadOnlyList<KeyAccountCondition> Conditions, IReadOnlyList<string> Service)
{
    /// <summary>The class as <c>strategic: lifetime value score ≥ 4, tenure days ≥ 365</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Name}: {string.Join(", ", Conditions)}";
}

/// <summary>One customer's key-account class (GRADE-7), or none.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Class">The first class whose every condition the customer meets, or <see langword="null"/>.</param>
/// <param name="Fingerprint">The rule set that produced it.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record KeyAccountAssessment(string CustomerId, KeyAccountClass? Class, string Fingerprint)
{
    /// <summary>The assessment as <c>C-1: strategic</c> or <c>C-2: no key-account class</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{CustomerId}: {Class?.Name ?? "no key-account class"}";
}

/// <summary>The key-account classes of a customer base, with each customer's measures and scores kept so that a class explains itself.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class KeyAccountReport
{
    private readonly IReadOnlyList<KeyAccountClass> _classes;
    private readonly decimal?[][] _values;
    private readonly int?[][] _scores;
    private readonly Dictionary<string, int> _index;

    internal KeyAccountReport(IReadOnlyList<KeyAccountAssessment> customers, IReadOnlyList<KeyAccountClass> classes, decimal?[][] values, int?[][] scores, string fingerprint)
    {
        Customers = customers;
        _classes = classes;
        _values = values;
        _scores = scores;
        Fingerprint = fingerprint;
        _index = customers.Select((c, i) => (c.CustomerId, i)).ToDictionary(x => x.CustomerId, x => x.i, StringComparer.Ordinal);
        ClassCounts = [.. classes.Select(k => new KeyValuePair<string, int>(k.Name, customers.Count(c => ReferenceEquals(c.Class, k))))];
    }

    /// <summary>Every customer of the RFM report, in its order.</summary>
    public IReadOnlyList<KeyAccountAssessment> Customers { get; }

    /// <summary>Customers per class, in the classes' order; the rest are no key account.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> ClassCounts { get; }

    /// <summary>The rule set that produced it.</summary>
    public string Fingerprint { get; }

    /// <summary>A customer's value of a measure, or <see langword="null"/> when it has none.</summary>
    /// <param name="customer">A customer of <see cref="Customers"/>.</param>
    /// <param name="measure">The measure.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException">The customer is not in the report.</exception>
    public decimal? ValueOf(KeyAccountAssessment customer, KeyAccountMeasure measure) => _values[Index(customer)][(int)measure];

    /// <summary>A customer's 1..5 score of a measure, or <see langword="null"/> when it has none.</summary>
    /// <param name="customer">A customer of <see cref="Customers"/>.</param>
    /// <param name="measure">The measure.</param>
    /// <returns>The score.</returns>
    /// <exception cref="ArgumentException">The customer is not in the report.</exception>
    public int? ScoreOf(KeyAccountAssessment customer, KeyAccountMeasure measure) => _scores[Index(customer)][(int)measure];

    /// <summary>Why the customer has its class: each class in order with each condition met or not, then the verdict.</summary>
    /// <param name="customer">A customer of <see cref="Customers"/>.</param>
    /// <returns>The explanation's lines.</returns>
    /// <exception cref="ArgumentException">The customer is not in the report.</exception>
    public IReadOnlyList<string> Explain(KeyAccountAssessment customer)
    {
        var i = Index(customer);
        var lines = new List<string>();
        foreach (var k in _classes)
        {
            var checks = k.Conditions.Select(c =>
            {
                var score = _scores[i][(int)c.Measure];
                var value = _values[i][(int)c.Measure];
                if (value is null)
                {
                    return $"{KeyAccounts.Word(c.Measure)}: none{(c.Measure == KeyAccountMeasure.LifetimeValue ? " (no lifetime value for this customer)" : c.Measure == KeyAccountMeasure.Growth ? " (no spend in the window before)" : "")}, not met";
                }

                return $"{KeyAccounts.Word(c.Measure)} {KeyAccounts.Format(value.Value)} (score {score}) {(c.IsMetBy(score, value) ? "meets" : "does not meet")} {c.Bounds()}";
            });
            var met = k.Conditions.All(c => c.IsMetBy(_scores[i][(int)c.Measure], _values[i][(int)c.Measure]));
            lines.Add($"{k.Name}: {(met ? "met" : "not met")} — {string.Join("; ", checks)}");
            if (met)
            {
                break;
            }
        }

        lines.Add(customer.Class is { } taken ? $"class {taken.Name}, the first class met (GRADE-7)" : "no key-account class: no class met");
        return lines;
    }

    private int Index(KeyAccountAssessment customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return _index.TryGetValue(customer.CustomerId, out var i) && ReferenceEquals(Customers[i], customer)
            ? i
            : throw new ArgumentException($"customer {customer.CustomerId} is not in this report", nameof(customer));
    }
}

/// <summary>GRADE-7 classification: measures and their quintile scores, and the first class met.</summary>
internal static class KeyAccounts
{
    public const int Measures = 7;

    public static string Word(KeyAccountMeasure measure) => measure switch
    {
        KeyAccountMeasure.Monetary => "monetary",
        KeyAccountMeasure.Frequency => "frequency",
        KeyAccountMeasure.RecencyDays => "recency days",
        KeyAccountMeasure.AverageOrderValue => "average order value",
        KeyAccountMeasure.TenureDays => "tenure days",
        KeyAccountMeasure.Growth => "growth",
        _ => "lifetime value",
    };

    public static string Format(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    public static KeyAccountClass[] Compile(IEnumerable<KeyAccountClassOptions> classes)
        => [.. classes.Select(k => new KeyAccountClass(
            k.Name,
            [.. k.When.Select(c => new KeyAccountCondition(c.Measure, c.MinScore, c.MaxScore, c.AtLeast, c.AtMost))],
            [.. k.Service]))];

    public static KeyAccountReport Classify(
        RfmReport report, IReadOnlyList<CustomerTrend> trends, IReadOnlyDictionary<string, decimal>? lifetimeValues, KeyAccountClass[] classes, string fingerprint)
    {
        var customers = report.Customers;
        var byId = trends.ToDictionary(t => t.CustomerId, StringComparer.Ordinal);
        var values = new decimal?[customers.Count][];
        var scores = new int?[customers.Count][];
        for (var i = 0; i < customers.Count; i++)
        {
            var c = customers[i];
            var trend = byId.TryGetValue(c.CustomerId, out var t) ? t : throw new ArgumentException($"customer {c.CustomerId} of the report has no trend", nameof(trends));
            values[i] =
            [
                c.Figures.Monetary, c.Figures.Frequency, c.Figures.RecencyDays,
                decimal.Round(c.Figures.Monetary / c.Figures.Frequency, 6, MidpointRounding.AwayFromZero),
                trend.TenureDays, trend.Growth,
                lifetimeValues is not null && lifetimeValues.TryGetValue(c.CustomerId, out var clv) ? clv : null,
            ];
            scores[i] = new int?[Measures];
            (scores[i][0], scores[i][1], scores[i][2]) = (c.Scores.Monetary, c.Scores.Frequency, c.Scores.Recency);
        }

        // The other measures: quintiles among the customers that have them, higher value scoring higher.
        for (var m = 3; m < Measures; m++)
        {
            var having = Enumerable.Range(0, customers.Count).Where(i => values[i][m] is not null).ToArray();
            var quintiles = Rfm.QuantileScores(having, (x, y) => values[x][m]!.Value.CompareTo(values[y][m]!.Value));
            for (var j = 0; j < having.Length; j++)
            {
                scores[having[j]][m] = quintiles[j];
            }
        }

        var assessments = new KeyAccountAssessment[customers.Count];
        for (var i = 0; i < customers.Count; i++)
        {
            var taken = Array.Find(classes, k => k.Conditions.All(c => c.IsMetBy(scores[i][(int)c.Measure], values[i][(int)c.Measure])));
            assessments[i] = new KeyAccountAssessment(customers[i].CustomerId, taken, fingerprint);
        }

        return new KeyAccountReport(assessments, classes, values, scores, fingerprint);
    }
}
