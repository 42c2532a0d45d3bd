using FsCheck;
using FsCheck.Fluent;

namespace Crm.Rules.Tests.Support;

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
    public static Arbitrary<GradingModel> GradingModel() => CrmGen.GradingModels();

    /// <summary>Random seed-standard score vectors.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<SeedScores> SeedScores() => CrmGen.SeedScores();

    /// <summary>Random JSON-like text.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<JsonLikeText> JsonLikeText() => Arb.From(Support.JsonLikeText.Generator, t => t.Smaller());
}
