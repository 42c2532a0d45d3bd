namespace Crm.Rules.Analytics;

/// <summary>A customer's three RFM scores, each 1..5 (5 best: most recent, most frequent, most spent).</summary>
/// <param name="Recency">The recency score.</param>
/// <param name="Frequency">The frequency score.</param>
/// <param name="Monetary">The monetary score.</param>
/// <threadsafety>This type is an immutable value type and is thread-safe.</threadsafety>
public readonly record struct RfmScores(int Recency, int Frequency, int Monetary)
{
    /// <summary>The scores as people write them: <c>R5 F4 M3</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"R{Recency} F{Frequency} M{Monetary}";
}

/// <summary>An inclusive range of RFM scores, e.g. 4–5.</summary>
/// <param name="Low">The lowest score held.</param>
/// <param name="High">The highest score held.</param>
/// <threadsafety>This type is an immutable value type and is thread-safe.</threadsafety>
public readonly record struct ScoreRange(int Low, int High)
{
    /// <summary>Whether the range holds a score.</summary>
    /// <param name="score">The score.</param>
    /// <returns><see langword="true"/> when Low ≤ score ≤ High.</returns>
    public bool Contains(int score) => score >= Low && score <= High;

    /// <summary>The range as <c>4–5</c>, or <c>3</c> for a single score.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Low == High ? $"{Low}" : $"{Low}–{High}";
}

/// <summary>One row of the segment table: the first row whose three ranges hold a customer's scores names its segment.</summary>
/// <param name="Name">The segment's name.</param>
/// <param name="Recency">The recency scores held.</param>
/// <param name="Frequency">The frequency scores held.</param>
/// <param name="Monetary">The monetary scores held.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record RfmSegment(string Name, ScoreRange Recency, ScoreRange Frequency, ScoreRange Monetary)
{
    /// <summary>Whether the row holds the scores.</summary>
    /// <param name="scores">The scores.</param>
    /// <returns><see langword="true"/> when all three ranges hold them.</returns>
    public bool Matches(RfmScores scores) => Matches(scores.Recency, scores.Frequency, scores.Monetary);

    internal bool Matches(int r, int f, int m) => Recency.Contains(r) && Frequency.Contains(f) && Monetary.Contains(m);

    /// <summary>The row as <c>champions: R 4–5, F 4–5, M 4–5</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Name}: R {Recency}, F {Frequency}, M {Monetary}";
}

/// <summary>
/// RFM-1 segments as an ordered rule table. With scores 1..5 there are only 125 score triples, so the table is
/// checked exhaustively: a row that no triple reaches (every triple it holds is taken by an earlier row) is an
/// overlap that hides it, and a triple no row holds is a gap; both are reported with the triple that shows them.
/// </summary>
internal static class RfmSegments
{
    public const int Bins = 5;

    /// <summary>The seed standard's table (see <see cref="SeedStandardAnalytics.Segments"/>).</summary>
    public static IReadOnlyList<RfmSegment> Default { get; } = Compile(SeedStandardAnalytics.Segments());

    public static RfmSegment[] Compile(IEnumerable<RfmSegmentOptions> rows)
        => [.. rows.Select(o => new RfmSegment(o.Name, new(o.Recency.Min, o.Recency.Max), new(o.Frequency.Min, o.Frequency.Max), new(o.Monetary.Min, o.Monetary.Max)))];

    /// <summary>The index of the row that names the segment of a score triple, or -1 when no row holds it.</summary>
    public static int Find(IReadOnlyList<RfmSegment> table, int r, int f, int m)
    {
        for (var i = 0; i < table.Count; i++)
        {
            if (table[i].Matches(r, f, m))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The segment of a score triple, or <see langword="null"/> when no row holds it.</summary>
    public static string? Classify(IReadOnlyList<RfmSegment> table, int r, int f, int m)
        => Find(table, r, f, m) is var i and >= 0 ? table[i].Name : null;

    /// <summary>
    /// Every problem of a table, in row order then triple order: bad ranges, hidden rows, gaps. Each has the path
    /// below the table (<c>[2].recency</c>, <c>[1]</c>, or empty for the table as a whole) and a sentence.
    /// </summary>
    public static IReadOnlyList<(string Path, string Message)> Problems(IReadOnlyList<RfmSegment> table)
    {
        var problems = new List<(string, string)>();
        var badRange = new bool[table.Count];
        for (var i = 0; i < table.Count; i++)
        {
            foreach (var (axis, range) in new[] { ("recency", table[i].Recency), ("frequency", table[i].Frequency), ("monetary", table[i].Monetary) })
            {
                if (range.Low < 1 || range.High > Bins || range.Low > range.High)
                {
                    problems.Add(($"[{i}].{axis}", $"'{table[i].Name}': {range.Low}..{range.High} is not a range within 1..{Bins} (min ≤ max)"));
                    badRange[i] = true;
                }
            }
        }

        // For each row, whether some triple reaches it first, and the earliest row that takes one of its triples.
        var reached = new bool[table.Count];
        var firstTaker = Enumerable.Repeat(int.MaxValue, table.Count).ToArray();
        var gaps = new List<string>();
        for (var r = 1; r <= Bins; r++)
        {
            for (var f = 1; f <= Bins; f++)
            {
                for (var m = 1; m <= Bins; m++)
                {
                    var first = -1;
                    for (var i = 0; i < table.Count; i++)
                    {
                        if (table[i].Matches(r, f, m))
                        {
                            first = first < 0 ? i : first;
                            firstTaker[i] = Math.Min(firstTaker[i], first);
                        }
                    }

                    if (first < 0)
                    {
                        gaps.Add($"R{r} F{f} M{m}");
                    }
                    else
                    {
                        reached[first] = true;
                    }
                }
            }
        }

        for (var i = 0; i < table.Count; i++)
        {
            if (!reached[i] && !badRange[i])
            {
                var hiddenBy = firstTaker[i] < i ? $"'{table[firstTaker[i]].Name}' (row {firstTaker[i]})" : "earlier rows";
                problems.Add(($"[{i}]", $"'{table[i].Name}': no customer can reach it; every score it holds is taken first by {hiddenBy} or rows before it"));
            }
        }

        if (gaps.Count > 0)
        {
            problems.Add(("", $"{gaps.Count} score triple{(gaps.Count == 1 ? "" : "s")} reach no segment (first {string.Join(", ", gaps.Take(3))}); end the table with a catch-all 1–{Bins} row"));
        }

        return problems;
    }
}
