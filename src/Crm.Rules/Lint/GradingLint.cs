using Crm.Rules.Configuration;
using Crm.Rules.Scoring;

namespace Crm.Rules.Lint;

/// <summary>Value grading and lead screening: grades and labels no total reaches, dead indicators, bands that turn back.</summary>
internal static class GradingLint
{
    // Beyond this many distinct totals an exact answer would cost more than lint may take: the total checks are skipped.
    private const int MostTotals = 1_000_000;

    // 2^16 combinations of met criteria at most; more criteria than that are not analysed.
    private const int MostLeadCriteria = 16;

    public static void Check(ValueGradingOptions options, List<LintFinding> findings)
    {
        CheckBands(options, findings);
        var indicators = options.Indicators;
        var scores = indicators.Select(i => ScoresOf(i, options.Scale)).ToArray();
        if (indicators.Count == 0 || options.Grades.Count == 0 || scores.Any(s => s.Length == 0))
        {
            return;
        }

        var weights = indicators.Select(i => FixedPoint.ToScaled(i.Weight)).ToArray();
        var grades = options.Grades
            .OrderByDescending(g => g.Value.MinimumTotal ?? decimal.MinValue)
            .Select(g => new Step(g.Key, g.Value.MinimumTotal is { } m ? FixedPoint.ToScaled(m) : null))
            .ToArray();
        if (Totals(weights, scores, skip: -1) is not { } set)
        {
            return;
        }

        var totals = set.Order().ToArray();
        var reached = totals.Select(t => RankOf(grades, t)).Distinct().ToHashSet();
        var lowest = Combination(indicators, scores, weights, highest: false);
        var highest = Combination(indicators, scores, weights, highest: true);
        var spread = $"totals run from {Text(totals[0])} ({lowest}) to {Text(totals[^1])} ({highest})";
        if (reached.Count == 1)
        {
            var only = grades[reached.Single()];
            findings.Add(new(LintCheck.GradeUniversal, LintSeverity.Problem, GradePath(only),
                $"every customer gets grade '{only.Name}': every combination of indicator scores gives a total in its range ({RangeText(grades, reached.Single())})",
                spread));
        }

        for (var rank = 0; rank < grades.Length; rank++)
        {
            if (!reached.Contains(rank))
            {
                findings.Add(new(LintCheck.GradeUnreachable, LintSeverity.Problem, GradePath(grades[rank]),
                    $"no customer can get grade '{grades[rank].Name}': it needs {RangeText(grades, rank)}, and no combination of indicator scores gives one",
                    spread + Nearest(grades, rank, totals)));
            }
        }

        if (reached.Count > 1)
        {
            CheckDeadIndicators(options, scores, weights, grades, findings);
        }
    }

    public static void CheckLeads(LeadScoringOptions options, List<LintFinding> findings)
    {
        var points = options.Criteria.Select(c => FixedPoint.ToScaled(c.Value.Points)).ToArray();
        if (points.Length > MostLeadCriteria)
        {
            return;
        }

        var sums = new SortedSet<long>();
        for (var mask = 0; mask < 1 << points.Length; mask++)
        {
            sums.Add(points.Where((_, i) => (mask & (1 << i)) != 0).Sum());
        }

        var spread = $"totals run from {Text(sums.Min)} (no criterion met or only those with negative points) to {Text(sums.Max)} (every criterion with positive points met); reachable: {string.Join(", ", sums.Select(Text))}";
        var labels = options.Labels
            .OrderByDescending(l => l.Value.MinimumPoints ?? decimal.MinValue)
            .Select(l => new Step(l.Key, l.Value.MinimumPoints is { } m ? FixedPoint.ToScaled(m) : null))
            .ToArray();
        for (var rank = 0; rank < labels.Length; rank++)
        {
            if (!sums.Any(s => RankOf(labels, s) == rank))
            {
                var path = JsonShape.PathOf("leadScoring.labels", labels[rank].Name);
                findings.Add(new(LintCheck.LeadThresholdUnreachable, LintSeverity.Problem, labels[rank].Minimum is null ? path : path + ".minimumPoints",
                    $"no lead can get label '{labels[rank].Name}': it needs {RangeText(labels, rank)}, and no combination of met criteria gives one", spread));
            }
        }

        var advance = FixedPoint.ToScaled(options.AdvanceAtPoints);
        if (advance > sums.Max)
        {
            findings.Add(new(LintCheck.LeadThresholdUnreachable, LintSeverity.Problem, "leadScoring.advanceAtPoints",
                $"no lead can advance: it needs {Text(advance)} points, more than every criterion together gives", spread));
        }
        else if (advance <= sums.Min)
        {
            findings.Add(new(LintCheck.LeadThresholdUnreachable, LintSeverity.Problem, "leadScoring.advanceAtPoints",
                $"every lead advances, even one that meets no criterion: the threshold {Text(advance)} is at or below the lowest total", spread));
        }
    }

    private static void CheckDeadIndicators(ValueGradingOptions options, int[][] scores, long[] weights, Step[] grades, List<LintFinding> findings)
    {
        var thresholds = string.Join(", ", grades.Where(g => g.Minimum is not null).Select(g => Text(g.Minimum!.Value)));
        for (var i = 0; i < scores.Length; i++)
        {
            var name = options.Indicators[i].Name;
            var path = $"valueGrading.indicators[{i}]";
            var (low, high) = (scores[i][0], scores[i][^1]);
            if (low == high)
            {
                findings.Add(new(LintCheck.DeadIndicator, LintSeverity.Problem, path,
                    $"indicator '{name}' never changes a grade: every value it accepts scores {low}", null));
                continue;
            }

            if (Totals(weights, scores, skip: i) is not { } rest)
            {
                continue;
            }

            // Grades rise with the total, so the indicator matters exactly when its lowest and highest score can differ.
            if (rest.All(r => RankOf(grades, r + weights[i] * low) == RankOf(grades, r + weights[i] * high)))
            {
                findings.Add(new(LintCheck.DeadIndicator, LintSeverity.Problem, path,
                    $"indicator '{name}' never changes a grade: for every combination of the other indicators' scores, scoring it {low} or {high} gives the same grade",
                    $"its weight {FixedPoint.Format(options.Indicators[i].Weight)} adds {Text(weights[i] * low)} to {Text(weights[i] * high)}; the other indicators total one of {rest.Count} values from {Text(rest.Min())} to {Text(rest.Max())}, and for none of them does that cross a grade threshold ({thresholds})"));
            }
        }
    }

    private static void CheckBands(ValueGradingOptions options, List<LintFinding> findings)
    {
        for (var i = 0; i < options.Indicators.Count; i++)
        {
            var bands = options.Indicators[i].Bands;
            if (bands is null)
            {
                continue;
            }

            var (direction, turn) = (0, -1);
            for (var j = 1; j < bands.Count; j++)
            {
                var step = Math.Sign(bands[j].Score - bands[j - 1].Score);
                if (step == 0)
                {
                    continue;
                }

                if (direction == 0)
                {
                    (direction, turn) = (step, j);
                    continue;
                }

                if (step != direction)
                {
                    var name = options.Indicators[i].Name;
                    findings.Add(new(LintCheck.NonMonotoneBands, LintSeverity.Problem, $"valueGrading.indicators[{i}].bands[{j}]",
                        $"the bands of '{name}' are not monotone: the score {(direction > 0 ? "rises" : "falls")} and then {(direction > 0 ? "falls" : "rises")}, so a higher raw value can score {(direction > 0 ? "lower" : "higher")} than a smaller one",
                        $"raw {Raw(bands[turn - 1])} scores {bands[turn - 1].Score} and raw {Raw(bands[j - 1])} scores {bands[j - 1].Score}, but the higher raw {Raw(bands[j])} scores {bands[j].Score}"));
                    break;
                }
            }
        }
    }

    // A raw value inside the band: its lower bound, or just under the upper bound of an open first band.
    private static string Raw(ScoreBandOptions band)
        => FixedPoint.Format(band.Min ?? (band.Max is { } max ? max - 1 : 0m));

    private static int[] ScoresOf(IndicatorOptions indicator, ScoreScaleOptions scale)
        => indicator.Bands is { } bands ? bands.Select(b => b.Score).Distinct().Order().ToArray()
            : indicator.Categories is { } categories ? categories.Values.Distinct().Order().ToArray()
            : Enumerable.Range(scale.Minimum, Math.Max(0, scale.Maximum - scale.Minimum + 1)).ToArray();

    // Every distinct weighted total (in millionths) of full score vectors, one indicator at a time: the set stays as small
    // as the distinct sums, however many vectors there are.
    private static HashSet<long>? Totals(long[] weights, int[][] scores, int skip)
    {
        var set = new HashSet<long> { 0 };
        for (var i = 0; i < weights.Length; i++)
        {
            if (i == skip)
            {
                continue;
            }

            var next = new HashSet<long>();
            foreach (var total in set)
            {
                foreach (var score in scores[i])
                {
                    next.Add(total + (weights[i] * score));
                }
            }

            if (next.Count > MostTotals)
            {
                return null;
            }

            set = next;
        }

        return set;
    }

    private static string Combination(List<IndicatorOptions> indicators, int[][] scores, long[] weights, bool highest)
        => string.Join(", ", indicators.Select((indicator, i) => $"{indicator.Name} {((weights[i] >= 0) == highest ? scores[i][^1] : scores[i][0])}"));

    private static string Nearest(Step[] steps, int rank, long[] totals)
    {
        var (from, below) = (steps[rank].Minimum, rank == 0 ? null : steps[rank - 1].Minimum);
        var under = from is { } f ? totals.Where(t => t < f).Select(t => (long?)t).LastOrDefault() : null;
        var over = below is { } b ? totals.Where(t => t >= b).Select(t => (long?)t).FirstOrDefault() : null;
        return under is { } u && over is { } o ? $"; the nearest totals are {Text(u)} and {Text(o)}" : "";
    }

    internal static int RankOf(Step[] steps, long total)
    {
        for (var rank = 0; rank < steps.Length; rank++)
        {
            if (steps[rank].Minimum is not { } minimum || total >= minimum)
            {
                return rank;
            }
        }

        return steps.Length - 1;
    }

    internal static string RangeText(Step[] steps, int rank)
    {
        var from = steps[rank].Minimum;
        var below = rank == 0 ? null : steps[rank - 1].Minimum;
        return (from, below) switch
        {
            ({ } f, { } b) => $"a total from {Text(f)} up to {Text(b)} (exclusive)",
            ({ } f, null) => $"a total of at least {Text(f)}",
            (null, { } b) => $"a total below {Text(b)}",
            _ => "any total",
        };
    }

    private static string GradePath(Step grade)
    {
        var path = JsonShape.PathOf("valueGrading.grades", grade.Name);
        return grade.Minimum is null ? path : path + ".minimumTotal";
    }

    internal static string Text(long scaled) => FixedPoint.Format(FixedPoint.FromScaled(scaled));

    /// <summary>A rung of a threshold ladder: a name and its lowest total in millionths (none for the bottom rung).</summary>
    internal sealed record Step(string Name, long? Minimum);
}
