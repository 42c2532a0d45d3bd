using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace Crm.Rules.Testing;

/// <summary>
/// The draws behind a random valid churn configuration: per signal of the seed (in its order) whether it is enabled, its
/// dimension and its points; the value scores of the grades best first and of the ungraded; and two band thresholds.
/// </summary>
/// <param name="Enabled">Per signal: whether it is enabled.</param>
/// <param name="Attitude">Per signal: <see langword="true"/> for the attitude dimension, otherwise behaviour.</param>
/// <param name="Points">Per signal: 0 to 4 points.</param>
/// <param name="ValueScores">The value score (1 to 5) of the grades A, B and C.</param>
/// <param name="Ungraded">The value score (1 to 5) of a customer without a grade.</param>
/// <param name="Medium">The medium band's minimum total (4 to 14).</param>
/// <param name="HighAbove">How far (1 to 11) above <paramref name="Medium"/> the high band starts (capped at 15).</param>
/// <threadsafety>This type is immutable and thread-safe as long as nobody changes its arrays; <see cref="Options"/> builds new options every call.</threadsafety>
public sealed record ChurnModel(bool[] Enabled, bool[] Attitude, int[] Points, int[] ValueScores, int Ungraded, int Medium, int HighAbove)
{
    private static readonly string[] Signals = [.. new CrmRulesOptions().Churn.Signals.Keys];

    /// <summary>Random models.</summary>
    /// <value>A generator without shrinking; <see cref="CrmGen.ChurnModels"/> adds <see cref="Smaller"/>.</value>
    public static Gen<ChurnModel> Generator =>
        from enabled in Gen.Elements(true, true, false).ArrayOf(Signals.Length)
        from attitude in Gen.Elements(true, false).ArrayOf(Signals.Length)
        from points in Gen.Choose(0, 4).ArrayOf(Signals.Length)
        from values in Gen.Choose(1, 5).ArrayOf(3)
        from ungraded in Gen.Choose(1, 5)
        from medium in Gen.Choose(4, 14)
        from above in Gen.Choose(1, 11)
        select new ChurnModel(enabled, attitude, points, values, ungraded, medium, above);

    /// <summary>The high band's minimum total.</summary>
    /// <value><see cref="Medium"/> plus <see cref="HighAbove"/>, at most 15.</value>
    public int High => Math.Min(15, Medium + HighAbove);

    /// <summary>Every signal enabled, behaviour, fewer points, lower value scores and thresholds.</summary>
    /// <returns>Valid models, simplest first.</returns>
    public IEnumerable<ChurnModel> Smaller() =>
        Shrink.Each(Enabled, e => e ? [] : [true]).Select(e => this with { Enabled = e })
            .Concat(Shrink.Each(Attitude, Shrink.Bool).Select(a => this with { Attitude = a }))
            .Concat(Shrink.Each(Points, p => Shrink.Towards(p, 0)).Select(p => this with { Points = p }))
            .Concat(Shrink.Each(ValueScores, v => Shrink.Towards(v, 1)).Select(v => this with { ValueScores = v }))
            .Concat(Shrink.Towards(Ungraded, 1).Select(u => this with { Ungraded = u }))
            .Concat(Shrink.Towards(Medium, 4).Select(m => this with { Medium = m }))
            .Concat(Shrink.Towards(HighAbove, 1).Select(h => this with { HighAbove = h }));

    /// <summary>Builds fresh options: the seed standard with this churn configuration.</summary>
    /// <returns>New options that <see cref="CrmRuleSet.Compile"/> accepts.</returns>
    public CrmRulesOptions Options()
    {
        var options = new CrmRulesOptions();
        var churn = options.Churn;
        for (var i = 0; i < Signals.Length; i++)
        {
            var signal = churn.Signals[Signals[i]];
            signal.Enabled = Enabled[i];
            signal.Dimension = Attitude[i] ? "attitude" : "behaviour";
            signal.Points = Points[i];
        }

        churn.ValueScores = new Dictionary<string, int> { ["A"] = ValueScores[0], ["B"] = ValueScores[1], ["C"] = ValueScores[2] };
        churn.UngradedValueScore = Ungraded;
        churn.Bands["medium"].MinimumTotal = Medium;
        churn.Bands["high"].MinimumTotal = High;
        return options;
    }

    /// <summary>What a failure report needs to rebuild the configuration by hand.</summary>
    /// <returns>One line.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"churn(signals [{string.Join(", ", Signals.Select((s, i) => Enabled[i] ? $"{s} {(Attitude[i] ? "attitude" : "behaviour")} +{Points[i]}" : $"{s} off"))}], " +
        $"value A/B/C {string.Join("/", ValueScores)}, ungraded {Ungraded}, medium from {Medium}, high from {High})");
}
