using Crm.Rules.Churn;
using Crm.Rules.Configuration;
using Crm.Rules.Sla;

namespace Crm.Rules.Lint;

/// <summary>Churn: bands no total falls in, signals that never move a total across a band threshold, missing SLA policies.</summary>
internal static class ChurnLint
{
    // A dimension starts at 1 and is capped at 5 (docs/churn.md, CHURN-3).
    private const int DimensionFloor = 1;
    private const int DimensionCap = 5;

    // 2^16 combinations of fired signals at most (the built-in detectors are nine).
    private const int MostSignals = 16;

    public static void Check(ChurnOptions options, SlaOptions sla, List<LintFinding> findings)
    {
        CheckSlaPolicies(options, sla, findings);
        var signals = options.Signals.Where(s => s.Value.Enabled).Select(s => new Signal(s.Key, s.Value.Dimension, s.Value.Points)).ToArray();
        var values = options.ValueScores.Values.Append(options.UngradedValueScore).Distinct().Order().ToArray();
        if (signals.Length > MostSignals || options.Bands.Count == 0)
        {
            return;
        }

        var bands = options.Bands
            .OrderByDescending(b => b.Value.MinimumTotal ?? int.MinValue)
            .Select(b => new GradingLint.Step(b.Key, b.Value.MinimumTotal is { } m ? m * FixedPoint.One : null))
            .ToArray();
        var all = (1 << signals.Length) - 1;
        var reached = new HashSet<int>();
        var (lowest, highest) = (int.MaxValue, int.MinValue);
        for (var mask = 0; mask <= all; mask++)
        {
            foreach (var value in values)
            {
                var total = Total(signals, mask, value);
                reached.Add(GradingLint.RankOf(bands, total * FixedPoint.One));
                (lowest, highest) = (Math.Min(lowest, total), Math.Max(highest, total));
            }
        }

        var spread = $"totals run from {lowest} (no signal fired, value score {values[0]}) to {highest} (every enabled signal fired, value score {values[^1]})";
        for (var rank = 0; rank < bands.Length; rank++)
        {
            if (!reached.Contains(rank))
            {
                var path = JsonShape.PathOf("churn.bands", bands[rank].Name);
                var why = bands[rank].Minimum is { } m && m > highest * FixedPoint.One
                    ? $"band '{bands[rank].Name}' starts at {GradingLint.Text(m)}, above the highest total {highest}: no customer reaches it"
                    : $"no customer falls in band '{bands[rank].Name}': it covers {GradingLint.RangeText(bands, rank)}, and no combination of fired signals and value score gives one";
                findings.Add(new(LintCheck.ChurnBandUnreachable, LintSeverity.Problem, bands[rank].Minimum is null ? path : path + ".minimumTotal", why, spread));
            }
        }

        if (reached.Count > 1)
        {
            CheckSignals(signals, values, bands, findings);
        }
    }

    private static void CheckSignals(Signal[] signals, int[] values, GradingLint.Step[] bands, List<LintFinding> findings)
    {
        var thresholds = string.Join(", ", bands.Where(b => b.Minimum is not null).Select(b => GradingLint.Text(b.Minimum!.Value)));
        for (var s = 0; s < signals.Length; s++)
        {
            var bit = 1 << s;
            var changes = false;
            var (largest, before, after, others, valueOf) = (-1, 0, 0, 0, 0);
            for (var mask = 0; mask < 1 << signals.Length && !changes; mask++)
            {
                if ((mask & bit) != 0)
                {
                    continue;
                }

                foreach (var value in values)
                {
                    var (without, with) = (Total(signals, mask, value), Total(signals, mask | bit, value));
                    if (GradingLint.RankOf(bands, without * FixedPoint.One) != GradingLint.RankOf(bands, with * FixedPoint.One))
                    {
                        changes = true;
                        break;
                    }

                    if (with - without > largest)
                    {
                        (largest, before, after, others, valueOf) = (with - without, without, with, mask, value);
                    }
                }
            }

            if (!changes)
            {
                var fired = Enumerable.Range(0, signals.Length).Where(i => (others & (1 << i)) != 0).Select(i => signals[i].Name).ToArray();
                findings.Add(new(LintCheck.ChurnSignalDead, LintSeverity.Problem, JsonShape.PathOf("churn.signals", signals[s].Name) + ".points",
                    $"signal '{signals[s].Name}' never changes a churn band: whatever other signals fire and whatever the value score, its {signals[s].Points} point{(signals[s].Points == 1 ? "" : "s")} never move the total across a band threshold ({thresholds})",
                    $"its largest move is {before} → {after} (with {(fired.Length == 0 ? "no other signal" : string.Join(", ", fired))} fired and value score {valueOf}), within band '{bands[GradingLint.RankOf(bands, before * FixedPoint.One)].Name}'"));
            }
        }
    }

    private static void CheckSlaPolicies(ChurnOptions options, SlaOptions sla, List<LintFinding> findings)
    {
        var names = sla.Policies.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (band, playbook) in options.Bands)
        {
            for (var i = 0; i < playbook.SlaPolicies.Count; i++)
            {
                if (!names.Contains(playbook.SlaPolicies[i]))
                {
                    findings.Add(new(LintCheck.ChurnSlaPolicyMissing, LintSeverity.Problem, $"{JsonShape.PathOf("churn.bands", band)}.slaPolicies[{i}]",
                        $"band '{band}' runs its response under SLA policy '{playbook.SlaPolicies[i]}', which sla.policies does not have: no clock can start for it",
                        null));
                }
            }
        }
    }

    private static int Total(Signal[] signals, int mask, int value)
    {
        var (behaviour, attitude) = (DimensionFloor, DimensionFloor);
        for (var i = 0; i < signals.Length; i++)
        {
            if ((mask & (1 << i)) == 0)
            {
                continue;
            }

            if (signals[i].IsAttitude)
            {
                attitude += signals[i].Points;
            }
            else
            {
                behaviour += signals[i].Points;
            }
        }

        return Math.Min(behaviour, DimensionCap) + Math.Min(attitude, DimensionCap) + value;
    }

    private sealed record Signal(string Name, string Dimension, int Points)
    {
        public bool IsAttitude => string.Equals(Dimension, "attitude", StringComparison.Ordinal);
    }
}
