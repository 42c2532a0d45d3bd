using System.Globalization;
using Crm.Rules.Scoring;
using FsCheck;
using FsCheck.Fluent;

namespace Crm.Rules.Testing;

/// <summary>
/// The raw draws behind a random valid weighted model with strictly ordered thresholds. The case keeps the draws, not
/// the options, so that a failure shrinks draw by draw and every shrunk case is still a valid model. The options it builds
/// are the seed standard with this value grading and lead scoring, and every family that names grades following them.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe (its arrays are not changed after construction); <see cref="Options"/> builds new options every call.</threadsafety>
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
    /// <value>A generator without shrinking; <see cref="CrmGen.GradingModels"/> adds <see cref="Smaller"/>.</value>
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
    /// <returns>Valid models, simplest first.</returns>
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
    /// <value>One weight per indicator.</value>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1819:Properties should not return arrays", Justification = "A fresh array every read.")]
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
    /// <returns>The seed standard with this model's value grading and lead scoring; <see cref="CrmRuleSet.Compile"/> accepts it.</returns>
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
        return GradeReferences.Follow(options);
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
/// <threadsafety>This type is immutable and thread-safe as long as nobody changes <see cref="Values"/>.</threadsafety>
public sealed record SeedScores(byte[] Values)
{
    /// <summary>Random score vectors.</summary>
    /// <value>A generator without shrinking; <see cref="CrmGen.SeedScores"/> adds <see cref="Smaller"/>.</value>
    public static Gen<SeedScores> Generator => Gen.Choose(1, 5).Select(s => (byte)s).ArrayOf(6).Select(v => new SeedScores(v));

    /// <summary>Scores closer to 1.</summary>
    /// <returns>Smaller vectors, simplest first.</returns>
    public IEnumerable<SeedScores> Smaller() => Shrink.Each(Values, s => Shrink.Towards(s, 1).Select(v => (byte)v)).Select(v => new SeedScores(v));

    /// <summary>The scores, comma-separated.</summary>
    /// <returns>For example <c>1,5,3,3,2,4</c>.</returns>
    public override string ToString() => string.Join(",", Values);
}

