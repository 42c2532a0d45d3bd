namespace Crm.Rules.Analytics;

/// <summary>An inclusive range of RFM scores, e.g. 4–5.</summary>
internal readonly record struct ScoreRange(int Low, int High)
{
    public bool Contains(int score) => score >= Low && score <= High;

    public override string ToString() => Low == High ? $"{Low}" : $"{Low}–{High}";
}

/// <summary>One row of the segment table: the first row whose three ranges hold a customer's scores names its segment.</summary>
internal sealed record SegmentRule(string Name, ScoreRange Recency, ScoreRange Frequency, ScoreRange Monetary)
{
    public bool Matches(int r, int f, int m) => Recency.Contains(r) && Frequency.Contains(f) && Monetary.Contains(m);
}

/// <summary>
/// RFM-1 segments as an ordered rule table. With scores 1..5 there are only 125 score triples, so the table is
/// checked exhaustively: a row that no triple reaches (every triple it holds is taken by an earlier row) is an
/// overlap that hides it, and a triple no row holds is a gap; both are reported with the triple that shows them.
/// </summary>
internal static class RfmSegments
{
    /// <summary>
    /// A default table (seeds leave the table open): the narrow segments first so that every row is reached, the
    /// broad ones after, and a catch-all last. The rows follow the segment names in common use (e.g. the R package
    /// <c>rfm</c>'s documentation), reordered — in that package's order "new customers" is hidden by "potential loyalist".
    /// </summary>
    public static IReadOnlyList<SegmentRule> Default { get; } =
    [
        new("champions", new(4, 5), new(4, 5), new(4, 5)),
        new("can't lose them", new(1, 1), new(4, 5), new(4, 5)),
        new("new customers", new(4, 5), new(1, 1), new(1, 1)),
        new("promising", new(3, 4), new(1, 1), new(1, 1)),
        new("lost", new(1, 1), new(1, 1), new(1, 1)),
        new("loyal customers", new(2, 5), new(3, 5), new(3, 5)),
        new("need attention", new(2, 3), new(2, 3), new(2, 3)),
        new("about to sleep", new(2, 3), new(1, 2), new(1, 2)),
        new("potential loyalists", new(3, 5), new(1, 3), new(1, 3)),
        new("at risk", new(1, 2), new(2, 5), new(2, 5)),
        new("hibernating", new(1, 2), new(1, 2), new(1, 2)),
        new("others", new(1, 5), new(1, 5), new(1, 5)),
    ];

    /// <summary>The segment of a score triple, or <see langword="null"/> when no row holds it.</summary>
    public static string? Classify(IReadOnlyList<SegmentRule> table, int r, int f, int m)
    {
        foreach (var rule in table)
        {
            if (rule.Matches(r, f, m))
            {
                return rule.Name;
            }
        }

        return null;
    }

    /// <summary>Every problem of a table, in row order then triple order: bad ranges, hidden rows, gaps.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<SegmentRule> table, int bins = 5)
    {
        var problems = new List<string>();
        var badRange = new bool[table.Count];
        for (var i = 0; i < table.Count; i++)
        {
            foreach (var (axis, range) in new[] { ("recency", table[i].Recency), ("frequency", table[i].Frequency), ("monetary", table[i].Monetary) })
            {
                if (range.Low < 1 || range.High > bins || range.Low > range.High)
                {
                    problems.Add($"segments[{i}] '{table[i].Name}': {axis} {range.Low}..{range.High} is not a range within 1..{bins}");
                    badRange[i] = true;
                }
            }
        }

        // For each row, whether some triple reaches it first, and the earliest row that takes one of its triples.
        var reached = new bool[table.Count];
        var firstTaker = Enumerable.Repeat(int.MaxValue, table.Count).ToArray();
        var gaps = new List<string>();
        for (var r = 1; r <= bins; r++)
        {
            for (var f = 1; f <= bins; f++)
            {
                for (var m = 1; m <= bins; m++)
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
                var hiddenBy = firstTaker[i] < i ? table[firstTaker[i]].Name : "earlier rows";
                problems.Add($"segments[{i}] '{table[i].Name}': no customer can reach it; every score it holds is taken first by '{hiddenBy}' or rows before it");
            }
        }

        if (gaps.Count > 0)
        {
            problems.Add($"segments: {gaps.Count} score triple{(gaps.Count == 1 ? "" : "s")} reach no segment (first {string.Join(", ", gaps.Take(3))}); end the table with a catch-all 1–{bins} row");
        }

        return problems;
    }
}
