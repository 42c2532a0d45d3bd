using System.Globalization;
using Crm.Rules.Scoring;
using FsCheck;
using FsCheck.Fluent;

namespace Crm.Rules.Testing;

/// <summary>
/// The draws behind a random valid lead-screening configuration (LEAD-1): criteria with points (negative allowed), the
/// advance threshold, and labels above a floor label, all in millionths.
/// </summary>
/// <param name="Points">Per criterion (one to <see cref="MaxCriteria"/>): its points in millionths.</param>
/// <param name="Advance">The advance threshold in millionths.</param>
/// <param name="LabelMinimums">The minimum points in millionths of the labels above the floor, before de-duplication and ordering.</param>
/// <threadsafety>This type is immutable and thread-safe as long as nobody changes its arrays; <see cref="Options"/> builds new options every call.</threadsafety>
public sealed record LeadModel(int[] Points, int Advance, int[] LabelMinimums)
{
    /// <summary>The most criteria a model has; <see cref="LeadCase.Met"/> flags are drawn this wide.</summary>
    public const int MaxCriteria = 8;

    // The floor label first, then the labels in the order their thresholds rise.
    private static readonly string[] LabelNames = ["nurture", "normal", "high-potential", "hot"];

    /// <summary>Random models.</summary>
    /// <value>A generator without shrinking; <see cref="CrmGen.LeadModels"/> adds <see cref="Smaller"/>.</value>
    public static Gen<LeadModel> Generator =>
        from count in Gen.Choose(1, MaxCriteria)
        from points in Gen.Choose(-5_000_000, 5_000_000).ArrayOf(count)
        from advance in Gen.Choose(-2_000_000, 10_000_000)
        from labels in Gen.Choose(0, LabelNames.Length - 1)
        from minimums in Gen.Choose(-2_000_000, 10_000_000).ArrayOf(labels)
        select new LeadModel(points, advance, minimums);

    /// <summary>Fewer criteria and labels, points and thresholds nearer 0.</summary>
    /// <returns>Valid models, simplest first.</returns>
    public IEnumerable<LeadModel> Smaller() =>
        Shrink.Array(Points, p => Shrink.Towards(p, 0), minimumLength: 1).Select(p => this with { Points = p })
            .Concat(Shrink.Array(LabelMinimums, m => Shrink.Towards(m, 0)).Select(m => this with { LabelMinimums = m }))
            .Concat(Shrink.Towards(Advance, 0).Select(a => this with { Advance = a }));

    /// <summary>The label thresholds in millionths, distinct and rising, one per label above the floor.</summary>
    private int[] Thresholds => LabelMinimums.Distinct().Order().ToArray();

    /// <summary>Builds fresh options: the seed standard with this lead screening.</summary>
    /// <returns>New options that <see cref="CrmRuleSet.Compile"/> accepts.</returns>
    public CrmRulesOptions Options()
    {
        var options = new CrmRulesOptions();
        options.LeadScoring.Criteria = Points.Select((p, i) => (p, i))
            .ToDictionary(x => $"c{x.i}", x => new LeadCriterionOptions { Points = x.p / 1_000_000m, Description = $"criterion {x.i}" });
        options.LeadScoring.AdvanceAtPoints = Advance / 1_000_000m;
        var labels = new Dictionary<string, LeadLabelOptions> { [LabelNames[0]] = new() };
        var thresholds = Thresholds;
        for (var k = 0; k < thresholds.Length; k++)
        {
            labels[LabelNames[k + 1]] = new LeadLabelOptions { MinimumPoints = thresholds[k] / 1_000_000m };
        }

        options.LeadScoring.Labels = labels;
        return options;
    }

    /// <summary>What a failure report needs to rebuild the configuration by hand.</summary>
    /// <returns>One line.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"leads(points [{string.Join(", ", Points.Select(p => p / 1_000_000m))}], advance {Advance / 1_000_000m}, " +
        $"labels [{string.Join(", ", Thresholds.Select((t, k) => $"{LabelNames[k + 1]} from {t / 1_000_000m}").Prepend(LabelNames[0]))}])");
}

/// <summary>A lead: which criteria it meets, as bits (bit i for the i-th criterion of the rule set; bits past its criteria are ignored).</summary>
/// <param name="Met">The criteria met, as bits.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record LeadCase(int Met)
{
    /// <summary>Random leads.</summary>
    /// <value>A generator without shrinking; <see cref="CrmGen.Leads"/> adds <see cref="Smaller"/>.</value>
    public static Gen<LeadCase> Generator => Gen.Choose(0, (1 << LeadModel.MaxCriteria) - 1).Select(m => new LeadCase(m));

    /// <summary>Fewer criteria met.</summary>
    /// <returns>Simpler leads, simplest first.</returns>
    public IEnumerable<LeadCase> Smaller()
    {
        if (Met != 0)
        {
            yield return new LeadCase(0);
        }

        for (var bit = 0; bit < LeadModel.MaxCriteria; bit++)
        {
            if ((Met & (1 << bit)) != 0 && Met != 1 << bit)
            {
                yield return new LeadCase(Met & ~(1 << bit));
            }
        }
    }

    /// <summary>One flag per criterion of <paramref name="rules"/>, in their order, as <see cref="LeadScoringRules.Score"/> takes them.</summary>
    /// <param name="rules">The lead screening rules.</param>
    /// <returns>New flags.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    public bool[] Flags(LeadScoringRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return Enumerable.Range(0, rules.Criteria.Count).Select(i => i < 31 && (Met & (1 << i)) != 0).ToArray();
    }

    /// <summary>The names of the criteria of <paramref name="rules"/> the lead meets, as <see cref="LeadScoringRules.Assess"/> takes them.</summary>
    /// <param name="rules">The lead screening rules.</param>
    /// <returns>The names, in the rules' order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<string> MetCriteria(LeadScoringRules rules)
    {
        var flags = Flags(rules);
        return rules.Criteria.Where((_, i) => flags[i]).Select(c => c.Name).ToArray();
    }

    /// <summary>The criteria met, as bit numbers.</summary>
    /// <returns>For example <c>lead meeting criteria 0, 2</c>.</returns>
    public override string ToString()
    {
        var bits = Enumerable.Range(0, LeadModel.MaxCriteria).Where(b => (Met & (1 << b)) != 0).ToArray();
        return bits.Length == 0 ? "lead meeting no criterion" : $"lead meeting criteria {string.Join(", ", bits)}";
    }
}
