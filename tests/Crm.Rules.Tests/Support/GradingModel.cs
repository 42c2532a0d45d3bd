using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace Crm.Rules.Tests.Support;

/// <summary>
/// The raw draws behind a random valid weighted model with strictly ordered thresholds. The case keeps the draws, not
/// the options, so that a failure shrinks draw by draw and every shrunk case is still a valid model.
/// </summary>
/// <param name="Count">How many indicators the model has (1 to <see cref="MaxIndicators"/>).</param>
/// <param name="RawWeights">One raw weight per possible indicator (1 to 1,000), scaled to add up to exactly one.</param>
/// <param name="Kinds">Per possible indicator: 0 takes the score as given, 1 bands a number, 2 maps categories.</param>
/// <param name="Thresholds">Grade thresholds in millionths (above 1, up to 5), before de-duplication and ordering.</param>
/// <param name="MissingValues">The missing-indicator policy.</param>
/// <param name="BandEdges">Band edges (-1,000 to 1,000), before de-duplication and ordering.</param>
/// <param name="Points">Lead criterion points in millionths.</param>
/// <param name="Advance">The lead advance threshold in millionths.</param>
public sealed record GradingModel(
    int Count, int[] RawWeights, int[] Kinds, int[] Thresholds, MissingIndicatorPolicy MissingValues, int[] BandEdges, int[] Points, int Advance)
{
    /// <summary>The most indicators a model has; score vectors for a model are drawn this wide and read up to its count.</summary>
    public const int MaxIndicators = 8;

    private static readonly MissingIndicatorPolicy[] Policies = [MissingIndicatorPolicy.Reject, MissingIndicatorPolicy.Renormalize];

    /// <summary>Random models.</summary>
    public static Gen<GradingModel> Generator =>
        from count in Gen.Choose(1, MaxIndicators)
        from weights in Gen.Choose(1, 1000).ArrayOf(MaxIndicators)
        from kinds in Gen.Choose(0, 2).ArrayOf(MaxIndicators)
        from thresholdCount in Gen.Choose(0, 4)
        from thresholds in Gen.Choose(1_000_001, 5_000_000).ArrayOf(thresholdCount)
        from policy in Gen.Elements(Policies)
        from edges in Gen.Choose(-1000, 1000).ArrayOf(4)
        from points in Gen.Choose(-5_000_000, 5_000_000).ArrayOf(3)
        from advance in Gen.Choose(-2_000_000, 8_000_000)
        select new GradingModel(count, weights, kinds, thresholds, policy, edges, points, advance);

    /// <summary>Fewer indicators, smaller weights and thresholds, plain indicators, fewer grades, round numbers.</summary>
    public IEnumerable<GradingModel> Smaller() =>
        Shrink.Towards(Count, 1).Select(c => this with { Count = c })
            .Concat(Shrink.Each(RawWeights, w => Shrink.Towards(w, 1)).Select(w => this with { RawWeights = w }))
            .Concat(Shrink.Each(Kinds, k => Shrink.Towards(k, 0)).Select(k => this with { Kinds = k }))
            .Concat(Shrink.Array(Thresholds, t => Shrink.Towards(t, 1_000_001)).Select(t => this with { Thresholds = t }))
            .Concat(Shrink.Earlier(MissingValues, Policies).Select(p => this with { MissingValues = p }))
            .Concat(Shrink.Each(BandEdges, e => Shrink.Towards(e, 0)).Select(e => this with { BandEdges = e }))
            .Concat(Shrink.Each(Points, p => Shrink.Towards(p, 0)).Select(p => this with { Points = p }))
            .Concat(Shrink.Towards(Advance, 0).Select(a => this with { Advance = a }));

    /// <summary>The weights in millionths: positive and adding up to exactly one million.</summary>
    public long[] Weights
    {
        get
        {
            var raw = RawWeights[..Count];
            var total = raw.Sum();
            var weights = raw.Select(r => Math.Max(1L, r * 1_000_000L / total)).ToArray();
            weights[0] += 1_000_000L - weights.Sum();
            if (weights[0] <= 0)
            {
                // Rounding each weight up to at least one millionth can overshoot; take the excess from the largest.
                var largest = System.Array.IndexOf(weights, weights.Max());
                weights[largest] += weights[0] - 1;
                weights[0] = 1;
            }

            return weights;
        }
    }

    /// <summary>Builds fresh options (options are mutable, so every call gets its own).</summary>
    public CrmRulesOptions Options()
    {
        var options = new CrmRulesOptions();
        var edges = BandEdges.Distinct().Order().ToArray();
        options.ValueGrading.MissingValues = MissingValues;
        options.ValueGrading.Indicators = Weights.Select((w, i) => new IndicatorOptions
        {
            Name = $"i{i}",
            Weight = w / 1_000_000m,
            Bands = Kinds[i] == 1 ? BandsFrom(edges) : null,
            Categories = Kinds[i] == 2 ? new Dictionary<string, int> { ["low"] = 1, ["mid"] = 3, ["high"] = 5 } : null,
        }).ToList();
        var grades = new Dictionary<string, GradeOptions>();
        var thresholds = Thresholds.Distinct().OrderDescending().ToArray();
        for (var g = 0; g < thresholds.Length; g++)
        {
            grades[$"G{g}"] = Grade(thresholds[g] / 1_000_000m);
        }

        grades["Floor"] = Grade(null);
        options.ValueGrading.Grades = grades;
        options.LeadScoring.Criteria = Points.Select((p, i) => (p, i)).ToDictionary(x => $"c{x.i}", x => new LeadCriterionOptions { Points = x.p / 1_000_000m });
        options.LeadScoring.AdvanceAtPoints = Advance / 1_000_000m;
        return options.WithGradeReferencesFollowing();
    }

    /// <summary>What a failure report needs to rebuild the model by hand.</summary>
    /// <returns>One line.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"model(weights [{string.Join(", ", Weights.Select(w => w / 1_000_000m))}], kinds [{string.Join(", ", Kinds[..Count])}], " +
        $"thresholds [{string.Join(", ", Thresholds.Distinct().OrderDescending().Select(t => t / 1_000_000m))}], {MissingValues}, " +
        $"band edges [{string.Join(", ", BandEdges.Distinct().Order())}], points [{string.Join(", ", Points.Select(p => p / 1_000_000m))}], " +
        $"advance {Advance / 1_000_000m})");

    private static List<ScoreBandOptions> BandsFrom(int[] edges)
    {
        var bands = new List<ScoreBandOptions> { new() { Max = edges[0], Score = 1 } };
        for (var k = 1; k < edges.Length; k++)
        {
            bands.Add(new ScoreBandOptions { Min = edges[k - 1], Max = edges[k], Score = Math.Min(5, k + 1) });
        }

        bands.Add(new ScoreBandOptions { Min = edges[^1], Score = 5 });
        return bands;
    }

    private static GradeOptions Grade(decimal? minimum) => new()
    {
        MinimumTotal = minimum,
        Treatment = new GradeTreatmentOptions
        {
            ContactInterval = NodaTime.Period.FromMonths(1),
            OwnerRole = "owner",
            ResponseTime = NodaTime.Duration.FromHours(24),
        },
    };
}

/// <summary>Scores as the seed standard's six indicators take them: 1 to 5 each.</summary>
/// <param name="Values">Six scores.</param>
public sealed record SeedScores(byte[] Values)
{
    /// <summary>Random score vectors.</summary>
    public static Gen<SeedScores> Generator => Gen.Choose(1, 5).Select(s => (byte)s).ArrayOf(6).Select(v => new SeedScores(v));

    /// <summary>Scores closer to 1.</summary>
    public IEnumerable<SeedScores> Smaller() => Shrink.Each(Values, s => Shrink.Towards(s, 1).Select(v => (byte)v)).Select(v => new SeedScores(v));

    /// <summary>The scores, comma-separated.</summary>
    /// <returns>For example <c>1,5,3,3,2,4</c>.</returns>
    public override string ToString() => string.Join(",", Values);
}

/// <summary>Text that is mostly JSON: random trees of known and unknown keys, and mutilated copies of valid files.</summary>
/// <param name="Text">The text.</param>
public sealed record JsonLikeText(string Text)
{
    /// <summary>Random JSON-like text.</summary>
    public static Gen<JsonLikeText> Generator
    {
        get
        {
            var keys = Gen.Elements("valueGrading", "leadScoring", "indicators", "grades", "weight", "name", "bands", "min", "max", "score",
                "categories", "minimumTotal", "treatment", "contactInterval", "responseTime", "criteria", "points", "labels", "scale",
                "A", "B", "approval", "required", "missingValues", "Weight", "x", "");
            var scalars = Gen.Elements("0", "1", "-1", "0.5", "1e400", "-0", "99999999999999999999999999999", "true", "false", "null",
                "\"P1M\"", "\"PT48H\"", "\"reject\"", "\"\"", "\"A\"", "3.0000001", "1E-7");
            Gen<string> Tree(int depth) => depth == 0
                ? scalars
                : Gen.OneOf(
                    scalars,
                    Tree(depth - 1).ArrayOf().Select(items => "[" + string.Join(",", items) + "]"),
                    Gen.Zip(keys, Tree(depth - 1)).ArrayOf().Select(pairs => "{" + string.Join(",", pairs.Select(p => $"\"{p.Item1}\":{p.Item2}")) + "}"));
            var valid = Crm.Rules.Configuration.CrmRulesJson.Serialize(new CrmRulesOptions());
            var mutilated =
                from cut in Gen.Choose(0, valid.Length - 1)
                from length in Gen.Choose(0, 40)
                from insert in scalars
                select valid[..cut] + insert + valid[Math.Min(valid.Length, cut + length)..];
            return Gen.OneOf(Tree(4), mutilated, Gen.Elements("", "{", "}", "[]", "\"text\"", "{\"valueGrading\":{\"indicators\":[{}]}}"))
                .Select(t => new JsonLikeText(t));
        }
    }

    /// <summary>Any text is a valid input, so FsCheck's own string shrinking (shorter, simpler characters) applies.</summary>
    public IEnumerable<JsonLikeText> Smaller() => ArbMap.Default.ArbFor<string>().Shrinker(Text).Select(t => new JsonLikeText(t));

    /// <summary>The text itself.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Text;
}

/// <summary>The arbitraries of the shared case types, for <c>[Properties(Arbitrary = ...)]</c>.</summary>
public static class SharedArbitraries
{
    /// <summary>Random valid grading models.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<GradingModel> GradingModel() => Arb.From(Support.GradingModel.Generator, m => m.Smaller());

    /// <summary>Random seed-standard score vectors.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<SeedScores> SeedScores() => Arb.From(Support.SeedScores.Generator, s => s.Smaller());

    /// <summary>Random JSON-like text.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<JsonLikeText> JsonLikeText() => Arb.From(Support.JsonLikeText.Generator, t => t.Smaller());
}
