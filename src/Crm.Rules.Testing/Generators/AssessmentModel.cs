using System.Globalization;
using Crm.Rules.Analytics;
using Crm.Rules.Assessment;
using Crm.Rules.Scoring;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Crm.Rules.Testing;

/// <summary>
/// The draws behind random valid assessment options: which grade is in effect, whether it feeds churn's value, the
/// response kind, the time zone, the plan's weeks, the top at risk, and which of the seed's stage strategies are kept.
/// </summary>
/// <param name="Computed">Whether the computed grade is in effect rather than the approved one.</param>
/// <param name="NoChurnValue">Whether the grade in effect does not feed churn's value dimension.</param>
/// <param name="ResponseKind">0 <c>response</c>, 1 <c>complaint</c> (a kind no seed policy has, so no response policy).</param>
/// <param name="Zone">The time zone: 0 Asia/Shanghai, 1 UTC, 2 America/New_York, 3 Australia/Lord_Howe.</param>
/// <param name="PlanWeeks">Weeks (1 to 104) of the contact plan.</param>
/// <param name="TopAtRisk">Customers (0 to 50) listed at highest risk.</param>
/// <param name="Strategies">The seed's stage strategies kept, as bits in the lifecycle machine's stage order.</param>
/// <threadsafety>This type is immutable and thread-safe; <see cref="Options"/> builds new options every call.</threadsafety>
public sealed record AssessmentModel(bool Computed, bool NoChurnValue, int ResponseKind, int Zone, int PlanWeeks, int TopAtRisk, int Strategies)
{
    private static readonly string[] Zones = ["Asia/Shanghai", "UTC", "America/New_York", "Australia/Lord_Howe"];
    private static readonly string[] Kinds = ["response", "complaint"];

    /// <summary>Random models.</summary>
    /// <value>A generator without shrinking; <see cref="CrmGen.AssessmentModels"/> adds <see cref="Smaller"/>.</value>
    public static Gen<AssessmentModel> Generator =>
        from computed in Gen.Elements(false, true)
        from noChurn in Gen.Elements(false, false, true)
        from kind in Gen.Elements(0, 0, 0, 1)
        from zone in Gen.Choose(0, Zones.Length - 1)
        from weeks in Gen.Choose(1, 104)
        from top in Gen.Choose(0, 50)
        from strategies in Gen.Choose(0, 63)
        select new AssessmentModel(computed, noChurn, kind, zone, weeks, top, strategies);

    /// <summary>Towards the seed standard: the approved grade feeding churn, responses, Shanghai, 13 weeks, the top 10, every strategy.</summary>
    /// <returns>Valid models, simplest first.</returns>
    public IEnumerable<AssessmentModel> Smaller() =>
        Shrink.Bool(Computed).Select(c => this with { Computed = c })
            .Concat(Shrink.Bool(NoChurnValue).Select(n => this with { NoChurnValue = n }))
            .Concat(Shrink.Towards(ResponseKind, 0).Select(k => this with { ResponseKind = k }))
            .Concat(Shrink.Towards(Zone, 0).Select(z => this with { Zone = z }))
            .Concat(Shrink.Towards(PlanWeeks, 13).Select(w => this with { PlanWeeks = w }))
            .Concat(Shrink.Towards(TopAtRisk, 10).Select(t => this with { TopAtRisk = t }))
            .Concat(Strategies == 63 ? [] : [this with { Strategies = 63 }]);

    /// <summary>Builds fresh options: the seed standard with these assessment links.</summary>
    /// <returns>New options that <see cref="CrmRuleSet.Compile"/> accepts.</returns>
    public CrmRulesOptions Options()
    {
        var options = new CrmRulesOptions();
        var assessment = options.Assessment;
        assessment.GradeInEffect = Computed ? GradeInEffect.Computed : GradeInEffect.Approved;
        assessment.GradeFeedsChurnValue = !NoChurnValue;
        assessment.ResponseKind = Kinds[ResponseKind];
        assessment.TimeZone = Zones[Zone];
        assessment.PlanWeeks = PlanWeeks;
        assessment.TopAtRisk = TopAtRisk;
        var stages = options.Lifecycle.Machines[assessment.LifecycleMachine].Stages;
        assessment.StageStrategies = assessment.StageStrategies.Where(s => (Strategies & (1 << stages.IndexOf(s.Key))) != 0).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        return options;
    }

    /// <summary>What a failure report needs to rebuild the configuration by hand.</summary>
    /// <returns>One line.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"assessment({(Computed ? "computed" : "approved")} grade{(NoChurnValue ? ", not churn's value" : "")}, kind {Kinds[ResponseKind]}, {Zones[Zone]}, {PlanWeeks} weeks, top {TopAtRisk}, " +
        $"strategies of [{string.Join(", ", Options().Assessment.StageStrategies.Keys)}])");
}

/// <summary>
/// A customer profile's draws, in the terms of any rule set: which parts it gives (bits), indicator scores, the given grade
/// and the stage (indexes modulo the rule set's grades and its assessment machine's stages), the lead criteria met, churn
/// facts, cadence facts, RFM figures, the loyalty tier and the key fields.
/// </summary>
/// <param name="Parts">Bits: 1 indicators, 2 grade, 4 lead, 8 churn, 16 cadence, 32 stage, 64 transactions, 128 loyalty tier, 256 fields.</param>
/// <param name="Scores">Per indicator (up to <see cref="GradingModel.MaxIndicators"/>): an offset from its lowest score, modulo its score range.</param>
/// <param name="Grade">The given grade's index (modulo the grades); modulo the loyalty tiers, also the loyalty tier's.</param>
/// <param name="Lead">The lead criteria met.</param>
/// <param name="Churn">The churn facts (their grade is left to the assessment).</param>
/// <param name="Cadence">The cadence facts (grade and lead label left to the assessment).</param>
/// <param name="Stage">The stage's index.</param>
/// <param name="Facts">The stage facts: flags and hundredths for the machine's declared facts.</param>
/// <param name="Recency">Days since the last purchase (0 to 1,000).</param>
/// <param name="Frequency">Purchases (1 to 50).</param>
/// <param name="Monetary">Money spent (0 to 100,000).</param>
/// <param name="Fields">The key fields, as <see cref="DataRecords"/> draws (one record).</param>
/// <threadsafety>This type is immutable and thread-safe as long as nobody changes its arrays.</threadsafety>
public sealed record ProfileCase(
    int Parts, int[] Scores, int Grade, LeadCase Lead, ChurnCase Churn, CadenceCase Cadence, int Stage, StageCase Facts, int Recency, int Frequency, int Monetary, int[] Fields)
{
    /// <summary>The date profiles are assessed on: 2026-11-24.</summary>
    public static readonly LocalDate AsOfDate = new(2026, 11, 24);

    /// <summary>Random profiles.</summary>
    /// <value>A generator without shrinking; <see cref="CrmGen.CustomerProfiles"/> adds <see cref="Smaller"/>.</value>
    public static Gen<ProfileCase> Generator =>
        from parts in Gen.Choose(0, 511)
        from scores in Gen.Choose(0, 9).ArrayOf(GradingModel.MaxIndicators)
        from grade in Gen.Choose(0, 9)
        from lead in LeadCase.Generator
        from churn in ChurnCase.Generator
        from cadence in CadenceCase.Generator
        from stage in Gen.Choose(0, 15)
        from facts in StageCase.Generator
        from recency in Gen.Choose(0, 1000)
        from frequency in Gen.Choose(1, 50)
        from monetary in Gen.Choose(0, 100_000)
        from fields in Gen.Choose(0, 6).ArrayOf(DataRecords.FieldNames.Count)
        select new ProfileCase(parts, scores, grade, lead, churn, cadence, stage, facts, recency, frequency, monetary, fields);

    /// <summary>Fewer parts, then simpler parts.</summary>
    /// <returns>Simpler profiles, simplest first.</returns>
    public IEnumerable<ProfileCase> Smaller() =>
        Enumerable.Range(0, 9).Select(b => 1 << b).Where(b => (Parts & b) != 0).Select(b => this with { Parts = Parts & ~b })
            .Concat(Shrink.Each(Scores, s => Shrink.Towards(s, 0)).Select(s => this with { Scores = s }))
            .Concat(Shrink.Towards(Grade, 0).Select(g => this with { Grade = g }))
            .Concat(Lead.Smaller().Select(l => this with { Lead = l }))
            .Concat(Churn.Smaller().Select(c => this with { Churn = c }))
            .Concat(Cadence.Smaller().Select(c => this with { Cadence = c }))
            .Concat(Shrink.Towards(Stage, 0).Select(s => this with { Stage = s }))
            .Concat(Facts.Smaller().Select(f => this with { Facts = f }))
            .Concat(Shrink.Towards(Recency, 0).Select(r => this with { Recency = r }))
            .Concat(Shrink.Towards(Frequency, 1).Select(f => this with { Frequency = f }))
            .Concat(Shrink.Towards(Monetary, 0).Select(m => this with { Monetary = m }))
            .Concat(Shrink.Each(Fields, f => Shrink.Towards(f, 0)).Select(f => this with { Fields = f }));

    /// <summary>The profile in the terms of <paramref name="rules"/>, as of <see cref="AsOfDate"/>.</summary>
    /// <param name="id">The customer's id.</param>
    /// <param name="rules">The rule set.</param>
    /// <returns>A new profile that <see cref="AssessmentRules.Assess"/> accepts.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public CustomerProfile Profile(string id, CrmRuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(rules);
        var grading = rules.ValueGrading;
        var machine = rules.Assessment.Machine;
        var stage = machine.Stages[Stage % machine.Stages.Count];
        var cadence = Cadence.Customer();
        var leadLabels = rules.Cadence.LeadLabels;
        return new CustomerProfile(id)
        {
            Indicators = Has(1) ? grading.Indicators.ToDictionary(
                i => i.Name,
                i => IndicatorValue.FromScore(i.MinimumScore + (Scores[i.Index % Scores.Length] % (i.MaximumScore - i.MinimumScore + 1)))) : null,
            Grade = Has(2) ? grading.Grades[Grade % grading.Grades.Count].Name : null,
            LeadCriteria = Has(4) ? Lead.MetCriteria(rules.LeadScoring) : null,
            Churn = Has(8) ? Churn.Facts(AsOfDate) with { ValueGrade = null } : null,
            Cadence = Has(16) ? cadence with { Id = id, Grade = null, LeadLabel = leadLabels[Math.Max(0, Array.IndexOf(CadenceCase.Leads, cadence.LeadLabel)) % leadLabels.Count] } : null,
            Stage = Has(32) ? stage : null,
            StageFacts = Has(32) ? Facts.FactsOf(rules, machine) : null,
            Transactions = Has(64) ? new RfmFigures(id, Recency, Frequency, Monetary) : null,
            LoyaltyTier = Has(128) && rules.Loyalty.Tiers.Count > 0 ? rules.Loyalty.Tiers[Grade % rules.Loyalty.Tiers.Count].Name : null,
            Fields = Has(256) ? new DataRecords([Fields]).Build()[0].Fields : null,
        };
    }

    /// <summary>The profile's parts and draws, readably.</summary>
    /// <returns>One line.</returns>
    public override string ToString()
    {
        string[] names = ["indicators", "grade", "lead", "churn", "cadence", "stage", "transactions", "loyaltyTier", "fields"];
        var parts = names.Where((_, b) => Has(1 << b)).ToArray();
        return string.Create(CultureInfo.InvariantCulture,
            $"profile({(parts.Length == 0 ? "nothing" : string.Join(", ", parts))}; scores [{string.Join(",", Scores)}], grade #{Grade}, {Lead}, churn {Churn}, cadence {Cadence}, " +
            $"stage #{Stage} {Facts}, RFM {Recency}d/{Frequency}/{Monetary}, fields [{string.Join(",", Fields)}])");
    }

    private bool Has(int part) => (Parts & part) != 0;
}
