using System.Globalization;
using Crm.Rules.Satisfaction;
using FsCheck;
using FsCheck.Fluent;

namespace Crm.Rules.Testing;

/// <summary>
/// The draws behind a random valid satisfaction configuration (SAT-1, SAT-2, KPI-1): survey items in two groups, the
/// answer scale, the NPS category thresholds and the KPI targets in thousandths.
/// </summary>
/// <param name="Items">How many survey items (1 to 8); item i is <c>item{i}</c>, in group <c>product</c> when i is even, otherwise <c>service</c>.</param>
/// <param name="ScaleMinimum">The lowest answer (0 to 2).</param>
/// <param name="ScaleWidth">How far (1 to 10) above the lowest the highest answer lies.</param>
/// <param name="PassiveMinimum">The lowest passive answer (1 to 9).</param>
/// <param name="PromoterAbove">How far (1 to 9) above <paramref name="PassiveMinimum"/> promoters start (capped at 10).</param>
/// <param name="TargetThousandths">The targets (0 to 1,000 thousandths) of the seed's eight KPIs, in their order.</param>
/// <threadsafety>This type is immutable and thread-safe as long as nobody changes its arrays; <see cref="Options"/> builds new options every call.</threadsafety>
public sealed record SatisfactionModel(int Items, int ScaleMinimum, int ScaleWidth, int PassiveMinimum, int PromoterAbove, int[] TargetThousandths)
{
    private static readonly string[] Kpis = [.. new SatisfactionOptions().KpiTargets.Keys];

    /// <summary>Random models.</summary>
    /// <value>A generator without shrinking; <see cref="CrmGen.SatisfactionModels"/> adds <see cref="Smaller"/>.</value>
    public static Gen<SatisfactionModel> Generator =>
        from items in Gen.Choose(1, 8)
        from min in Gen.Choose(0, 2)
        from width in Gen.Choose(1, 10)
        from passive in Gen.Choose(1, 9)
        from above in Gen.Choose(1, 9)
        from targets in Gen.Choose(0, 1000).ArrayOf(Kpis.Length)
        select new SatisfactionModel(items, min, width, passive, above, targets);

    /// <summary>The promoters' lowest answer.</summary>
    /// <value><see cref="PassiveMinimum"/> plus <see cref="PromoterAbove"/>, at most 10.</value>
    public int PromoterMinimum => Math.Min(10, PassiveMinimum + PromoterAbove);

    /// <summary>Towards the seed standard: six items on 1..5, passives from 7, promoters from 9.</summary>
    /// <returns>Valid models, simplest first.</returns>
    public IEnumerable<SatisfactionModel> Smaller() =>
        Shrink.Towards(Items, 1).Select(i => this with { Items = i })
            .Concat(Shrink.Towards(ScaleMinimum, 1).Select(m => this with { ScaleMinimum = m }))
            .Concat(Shrink.Towards(ScaleWidth, 4).Select(w => this with { ScaleWidth = w }))
            .Concat(Shrink.Towards(PassiveMinimum, 7).Select(p => this with { PassiveMinimum = p }))
            .Concat(Shrink.Towards(PromoterAbove, 2).Select(p => this with { PromoterAbove = p }))
            .Concat(Shrink.Each(TargetThousandths, t => Shrink.Towards(t, 0)).Select(t => this with { TargetThousandths = t }));

    /// <summary>Builds fresh options: the seed standard with this satisfaction configuration.</summary>
    /// <returns>New options that <see cref="CrmRuleSet.Compile"/> accepts.</returns>
    public CrmRulesOptions Options()
    {
        var options = new CrmRulesOptions();
        var satisfaction = options.Satisfaction;
        satisfaction.Items = Enumerable.Range(0, Items).ToDictionary(i => $"item{i}", i => i % 2 == 0 ? "product" : "service");
        satisfaction.ScaleMinimum = ScaleMinimum;
        satisfaction.ScaleMaximum = ScaleMinimum + ScaleWidth;
        satisfaction.PassiveMinimum = PassiveMinimum;
        satisfaction.PromoterMinimum = PromoterMinimum;
        satisfaction.KpiTargets = Kpis.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => TargetThousandths[x.i] / 1000m);
        return options;
    }

    /// <summary>What a failure report needs to rebuild the configuration by hand.</summary>
    /// <returns>One line.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"satisfaction({Items} items on {ScaleMinimum}..{ScaleMinimum + ScaleWidth}, passives from {PassiveMinimum}, promoters from {PromoterMinimum}, " +
        $"targets [{string.Join(", ", Kpis.Select((k, i) => $"{k} {TargetThousandths[i] / 1000m}"))}])");
}

/// <summary>
/// Survey answers and "would you recommend" answers of a group of respondents. Item answers are drawn as offsets (0 to 10)
/// from the scale's lowest answer, taken modulo the scale's width, and -1 leaves the item unanswered; the i-th offset of a
/// respondent answers the rule set's i-th item (items past the drawn ones are unanswered).
/// </summary>
/// <param name="Respondents">Per respondent: one offset (or -1) per item, up to 8.</param>
/// <param name="Recommend">The 0..10 "would you recommend" answers.</param>
/// <threadsafety>This type is immutable and thread-safe as long as nobody changes its arrays.</threadsafety>
public sealed record SurveyAnswers(int[][] Respondents, int[] Recommend)
{
    /// <summary>Random answers of up to 20 respondents.</summary>
    /// <value>A generator without shrinking; <see cref="CrmGen.SurveyAnswers"/> adds <see cref="Smaller"/>.</value>
    public static Gen<SurveyAnswers> Generator =>
        from count in Gen.Choose(0, 20)
        from respondents in Gen.Choose(-1, 10).ArrayOf(8).ArrayOf(count)
        from recommendCount in Gen.Choose(0, 30)
        from recommend in Gen.Choose(0, 10).ArrayOf(recommendCount)
        select new SurveyAnswers(respondents, recommend);

    /// <summary>Fewer respondents and answers, answers nearer the bottom of the scale.</summary>
    /// <returns>Simpler answers, simplest first.</returns>
    public IEnumerable<SurveyAnswers> Smaller() =>
        Shrink.Array(Respondents, r => Shrink.Each(r, a => Shrink.Towards(a, -1))).Select(r => this with { Respondents = r })
            .Concat(Shrink.Array(Recommend, a => Shrink.Towards(a, 0)).Select(r => this with { Recommend = r }));

    /// <summary>The answers as <see cref="SatisfactionRules.Survey"/> takes them, on the items and scale of <paramref name="rules"/>.</summary>
    /// <param name="rules">The satisfaction rules.</param>
    /// <returns>One map of item → answer per respondent.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<IReadOnlyDictionary<string, int>> Answers(SatisfactionRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var items = rules.Items;
        var width = rules.ScaleMaximum - rules.ScaleMinimum + 1;
        return Respondents.Select(r => (IReadOnlyDictionary<string, int>)r.Take(items.Count).Select((a, i) => (a, i)).Where(x => x.a >= 0)
            .ToDictionary(x => items[x.i], x => rules.ScaleMinimum + (x.a % width))).ToArray();
    }

    /// <summary>The answers, readably.</summary>
    /// <returns>One line.</returns>
    public override string ToString() =>
        $"answers [{string.Join("; ", Respondents.Select(r => string.Join(",", r.Select(a => a < 0 ? "-" : a.ToString(CultureInfo.InvariantCulture)))))}], recommend [{string.Join(",", Recommend)}]";
}
