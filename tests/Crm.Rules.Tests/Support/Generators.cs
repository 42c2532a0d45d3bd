using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Crm.Rules.Tests.Support;

/// <summary>Generators of scoring models, score vectors and configurations for the property tests.</summary>
internal static class Generators
{
    public static Gen<byte[]> SeedScores => Gen.Choose(1, 5).Select(s => (byte)s).ArrayOf(6);

    /// <summary>Positive integers (millionths) adding up to exactly one million, one per indicator.</summary>
    public static Gen<long[]> Weights(int count) =>
        Gen.Choose(1, 1000).ArrayOf(count).Select(raw =>
        {
            var total = raw.Sum();
            var weights = raw.Select(r => Math.Max(1L, r * 1_000_000L / total)).ToArray();
            weights[0] += 1_000_000L - weights.Sum();
            if (weights[0] <= 0)
            {
                // Rebalance: take the excess from the largest weight.
                var largest = Array.IndexOf(weights, weights.Max());
                weights[largest] += weights[0] - 1;
                weights[0] = 1;
            }

            return weights;
        });

    /// <summary>A random valid weighted model with strictly ordered thresholds, as options.</summary>
    public static Gen<CrmRulesOptions> Options =>
        from count in Gen.Choose(1, 8)
        from weights in Weights(count)
        from thresholdCount in Gen.Choose(0, 4)
        from thresholds in Gen.Choose(1_000_001, 5_000_000).ArrayOf(thresholdCount)
        from policy in Gen.Elements(MissingIndicatorPolicy.Reject, MissingIndicatorPolicy.Renormalize)
        from banded in Gen.Choose(0, 2).ArrayOf(count)
        from bandEdges in Gen.Choose(-1000, 1000).ArrayOf(4)
        from points in Gen.Choose(-5_000_000, 5_000_000).ArrayOf(3)
        from advance in Gen.Choose(-2_000_000, 8_000_000)
        select Build(weights, thresholds.Distinct().OrderDescending().ToArray(), policy, banded, bandEdges.Distinct().Order().ToArray(), points, advance);

    /// <summary>Text that is mostly JSON: random trees of known and unknown keys, and mutilated copies of valid files.</summary>
    public static Gen<string> JsonLikeText
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
            return Gen.OneOf(Tree(4), mutilated, Gen.Elements("", "{", "}", "[]", "\"text\"", "{\"valueGrading\":{\"indicators\":[{}]}}"));
        }
    }

    private static CrmRulesOptions Build(long[] weights, int[] thresholds, MissingIndicatorPolicy policy, int[] banded, int[] edges, int[] points, int advance)
    {
        var options = new CrmRulesOptions();
        options.ValueGrading.MissingValues = policy;
        options.ValueGrading.Indicators = weights.Select((w, i) => new IndicatorOptions
        {
            Name = $"i{i}",
            Weight = w / 1_000_000m,
            Bands = banded[i] == 1 && edges.Length > 0 ? BandsFrom(edges) : null,
            Categories = banded[i] == 2 ? new Dictionary<string, int> { ["low"] = 1, ["mid"] = 3, ["high"] = 5 } : null,
        }).ToList();
        var grades = new Dictionary<string, GradeOptions>();
        for (var g = 0; g < thresholds.Length; g++)
        {
            grades[$"G{g}"] = Grade(thresholds[g] / 1_000_000m);
        }

        grades["Floor"] = Grade(null);
        options.ValueGrading.Grades = grades;
        options.LeadScoring.Criteria = points.Select((p, i) => (p, i)).ToDictionary(x => $"c{x.i}", x => new LeadCriterionOptions { Points = x.p / 1_000_000m });
        options.LeadScoring.AdvanceAtPoints = advance / 1_000_000m;
        return options.WithGradeReferencesFollowing();
    }

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

    public static string Describe(byte[] scores) => string.Join(",", scores.Select(s => s.ToString(CultureInfo.InvariantCulture)));

    public static string Describe(CrmRulesOptions options)
    {
        var text = new StringBuilder();
        text.Append(Crm.Rules.Configuration.CrmRulesJson.Serialize(options));
        return text.ToString();
    }
}
