using System.Collections.Frozen;
using Crm.Rules.Analytics;
using Crm.Rules.Cadence;
using Crm.Rules.Churn;
using Crm.Rules.DataQuality;
using Crm.Rules.Lifecycle;
using Crm.Rules.Scoring;
using Crm.Rules.Sla;
using NodaTime;

namespace Crm.Rules.Assessment;

/// <summary>
/// The compiled assessment: the family rules of one rule set and the links between them, resolved once (the response
/// policy of every grade, the SLA policies of every churn band's playbook, the lifecycle machine).
/// </summary>
/// <threadsafety>
/// This type is immutable and thread-safe: its mutable parts, the playbook deadlines kept per band and the as-of date
/// kept for the last as-of instant, are memos of pure functions, each read and replaced whole.
/// </threadsafety>
public sealed class AssessmentRules
{
    private readonly SlaPolicy?[] _responseByGrade;
    private readonly SlaPolicy[][] _playbookByBand;

    // A band's playbook deadlines are a function of its policies and the as-of instant alone — the same for every
    // customer of the band in a run: evaluated once per band and instant, and shared (read-only, immutable).
    private readonly BandDeadlines?[] _deadlinesByBand;
    private AsOfDate? _lastDate;
    private readonly FrozenDictionary<string, string> _strategies;

    // The strategies by the machine's stage index: a proposal's is read, not looked up by the stage's name.
    private readonly string?[] _strategyByStage;

    // The assignment before any proposal is the same for every customer given a grade: made once per grade.
    private readonly GradeAssignment[] _approvedAs;

    // A given grade that differs from the computed one is the same conflict, said the same way, for every customer
    // with that pair: one shared read-only list per pair (given × computed), made once.
    private readonly IReadOnlyList<string>[][] _gradeConflicts;

    internal AssessmentRules(AssessmentOptions options, ValueGradingRules grading, LeadScoringRules leads, SlaRules sla, CadenceRules cadence,
        DataQualityRules dataQuality, ChurnRules churn, LifecycleRules lifecycle, AnalyticsRules analytics, string fingerprint)
    {
        Grading = grading;
        Leads = leads;
        Sla = sla;
        Cadence = cadence;
        DataQuality = dataQuality;
        Churn = churn;
        Lifecycle = lifecycle;
        Analytics = analytics;
        Fingerprint = fingerprint;
        GradeInEffect = options.GradeInEffect;
        GradeFeedsChurnValue = options.GradeFeedsChurnValue;
        ResponseKind = options.ResponseKind;
        Machine = lifecycle.Machine(options.LifecycleMachine)!;
        TimeZone = DateTimeZoneProviders.Tzdb[options.TimeZone];
        PlanWeeks = options.PlanWeeks;
        TopAtRisk = options.TopAtRisk;
        _strategies = options.StageStrategies.ToFrozenDictionary(StringComparer.Ordinal);
        _strategyByStage = [.. Machine.Stages.Select(stage => _strategies.GetValueOrDefault(stage))];
        _responseByGrade = [.. grading.Grades.Select(g => sla.Select(g.Name, options.ResponseKind, null))];
        _approvedAs = [.. grading.Grades.Select(g => new GradeAssignment { ApprovedGrade = g.Name })];
        _gradeConflicts = [.. grading.Grades.Select(given => grading.Grades.Select(computed => (IReadOnlyList<string>)Array.AsReadOnly(
            [$"grade: given {given.Name}, computed {computed.Name} from the indicators; the computed grade is used (assessment.gradeInEffect = computed)"])).ToArray())];
        _playbookByBand = [.. churn.Bands.Select(b => b.SlaPolicies.Select(sla.FindPolicy).OfType<SlaPolicy>().ToArray())];
        _deadlinesByBand = new BandDeadlines?[_playbookByBand.Length];
    }

    /// <summary>The fingerprint of the rule set.</summary>
    public string Fingerprint { get; }

    /// <summary>Which grade drives the other sections.</summary>
    public GradeInEffect GradeInEffect { get; }

    /// <summary>Whether the grade in effect is churn's value grade.</summary>
    public bool GradeFeedsChurnValue { get; }

    /// <summary>The SLA kind of the response-time policies.</summary>
    public string ResponseKind { get; }

    /// <summary>The lifecycle machine.</summary>
    public StateMachine Machine { get; }

    /// <summary>The zone an as-of date starts in.</summary>
    public DateTimeZone TimeZone { get; }

    /// <summary>The weeks the portfolio's contact plan covers.</summary>
    public int PlanWeeks { get; }

    /// <summary>How many customers the portfolio lists at highest risk.</summary>
    public int TopAtRisk { get; }

    /// <summary>The stage strategies (LIFE-4).</summary>
    public IReadOnlyDictionary<string, string> StageStrategies => _strategies;

    internal ValueGradingRules Grading { get; }

    internal LeadScoringRules Leads { get; }

    internal SlaRules Sla { get; }

    internal CadenceRules Cadence { get; }

    internal DataQualityRules DataQuality { get; }

    internal ChurnRules Churn { get; }

    internal LifecycleRules Lifecycle { get; }

    internal AnalyticsRules Analytics { get; }

    /// <summary>The response-time policy for a grade (SLA-1), resolved when the rule set was compiled.</summary>
    /// <param name="grade">A grade of this rule set.</param>
    /// <returns>The most specific policy of <see cref="ResponseKind"/> for the grade, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="grade"/> is <see langword="null"/>.</exception>
    public SlaPolicy? ResponsePolicy(Grade grade)
    {
        ArgumentNullException.ThrowIfNull(grade);
        return _responseByGrade[grade.Rank];
    }

    /// <summary>The SLA policies of a churn band's playbook (CHURN-4, SLA-6).</summary>
    /// <param name="band">A band of this rule set.</param>
    /// <returns>The policies, in the playbook's order.</returns>
    public IReadOnlyList<SlaPolicy> PlaybookPolicies(ChurnBand band) => _playbookByBand[band.Rank];

    /// <summary>The instant an as-of date starts in <see cref="TimeZone"/>.</summary>
    /// <param name="date">The date.</param>
    /// <returns>The instant.</returns>
    public Instant StartOf(LocalDate date) => date.AtStartOfDayInZone(TimeZone).ToInstant();

    /// <summary>Assesses one customer: every section its profile has inputs for, each feeding the next as configured.</summary>
    /// <param name="profile">The customer.</param>
    /// <param name="asOf">The instant of the assessment; its date in <see cref="TimeZone"/> is the as-of date of the dated rules.</param>
    /// <param name="explain">Whether to build the explanations (contributions, evidence, links); the decisions are the same either way.</param>
    /// <returns>The assessment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="profile"/> is <see langword="null"/>.</exception>
    /// <exception cref="CrmInputException">The profile's grade, stage or lead criteria are not ones this rule set knows.</exception>
    public CustomerAssessment Assess(CustomerProfile profile, Instant asOf, bool explain = false)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var date = DateOf(asOf);
        List<string>? links = explain ? [] : null;
        IReadOnlyList<string>? conflicts = null;

        var grade = GradeOf(profile, asOf, explain, links, ref conflicts);
        var inEffect = grade?.InEffect;
        var lead = profile.LeadCriteria is { } criteria ? LeadOf(profile.Id, criteria) : null;
        var churn = ChurnOf(profile, date, inEffect, explain, links);
        var lifecycle = LifecycleOf(profile, links);
        var cadence = profile.Cadence is { } contact ? CadenceOf(contact, inEffect, lead, profile.Stage, date) : null;
        var sla = SlaOf(inEffect, churn, asOf, links);
        var analytics = profile.Transactions is { } figures ? AnalyticsOf(figures, profile.LoyaltyTier) : null;
        var quality = profile.Fields is { } fields
            ? new DataQualitySection(DataQuality.CheckCustomerId(profile.Id), DataQuality.CheckRecord(profile.Id, fields))
            : null;
        if (links is not null && cadence is not null)
        {
            links.Add($"grade {inEffect?.Name ?? "none"} and stage {profile.Stage ?? "none"} → next contact {NodaTime.Text.LocalDatePattern.Iso.Format(cadence.NextDue)} by {cadence.OwnerRole} ({cadence.Reason})");
        }

        return new CustomerAssessment(profile.Id, Fingerprint)
        {
            Grade = grade,
            Lead = lead,
            Churn = churn,
            Cadence = cadence,
            Lifecycle = lifecycle,
            Sla = sla,
            Analytics = analytics,
            DataQuality = quality,
            Missing = MissingOf(grade, lead, churn, cadence, lifecycle, sla, analytics, quality),
            Links = links ?? [],
            Conflicts = conflicts ?? [],
        };
    }

    /// <summary>
    /// Assesses many customers on the batch path: grade, churn, next contact, stage proposal and response policy, each
    /// from the family's own batch kernel, nothing explained and nothing allocated per customer (buffers are pooled
    /// per call). The decisions equal <see cref="Assess"/>'s for the same inputs.
    /// </summary>
    /// <param name="scores">The grade scores, <c>outcomes.Length × indicators</c> bytes, row-major; 0 is missing.</param>
    /// <param name="facts">One entry per customer.</param>
    /// <param name="asOf">The instant of the assessment.</param>
    /// <param name="outcomes">Receives one outcome per customer.</param>
    /// <exception cref="ArgumentException">The lengths do not match, a grade rank or lead label is out of range, or a stage is not one of the machine's.</exception>
    public void AssessBatch(ReadOnlySpan<byte> scores, ReadOnlySpan<AssessmentFacts> facts, Instant asOf, Span<AssessmentOutcome> outcomes)
    {
        if (facts.Length != outcomes.Length)
        {
            throw new ArgumentException($"Expected {facts.Length} outcomes, one per customer, but got {outcomes.Length}.", nameof(outcomes));
        }

        var width = Grading.Indicators.Count;
        if (scores.Length != (long)facts.Length * width)
        {
            throw new ArgumentException($"Expected {facts.Length} × {width} scores for {facts.Length} customers, but got {scores.Length}.", nameof(scores));
        }

        const int Chunk = 256;
        var date = asOf.InZone(TimeZone).Date;
        var pool = System.Buffers.ArrayPool<GradeOutcome>.Shared;
        var grades = pool.Rent(Chunk);
        var cadence = System.Buffers.ArrayPool<CadenceFacts>.Shared.Rent(Chunk);
        var due = System.Buffers.ArrayPool<LocalDate>.Shared.Rent(Chunk);
        var slots = System.Buffers.ArrayPool<FactValue>.Shared.Rent(Machine.Facts.Count);
        try
        {
            for (var start = 0; start < facts.Length; start += Chunk)
            {
                var count = Math.Min(Chunk, facts.Length - start);
                Grading.GradeBatch(scores.Slice(start * width, count * width), grades.AsSpan(0, count));
                for (var i = 0; i < count; i++)
                {
                    var f = facts[start + i];
                    if ((uint)(f.GivenGrade + 1) > (uint)Grading.Grades.Count)
                    {
                        throw new ArgumentException($"Customer {start + i} has given grade rank {f.GivenGrade}, but the grades' ranks are 0 to {Grading.Grades.Count - 1} (or -1 for none).", nameof(facts));
                    }

                    var inEffect = InEffectRank(grades[i], f.GivenGrade);
                    cadence[i] = new CadenceFacts(inEffect, f.LeadLabel, f.LastContact ?? date, f.FirstDeal);
                }

                Cadence.NextDueBatch(cadence.AsSpan(0, count), date, due.AsSpan(0, count));
                for (var i = 0; i < count; i++)
                {
                    var f = facts[start + i];
                    var inEffect = cadence[i].GradeRank;
                    var churn = default(ChurnOutcome);
                    if (f.Churn is { } given)
                    {
                        var valueGrade = given.ValueGrade ?? (GradeFeedsChurnValue && inEffect >= 0 ? Grading.Grades[inEffect].Name : null);
                        churn = Churn.Score(given with { AsOf = date, ValueGrade = valueGrade });
                    }

                    outcomes[start + i] = new AssessmentOutcome(
                        grades[i], inEffect, churn, f.Churn is not null, f.LastContact is null ? default : due[i],
                        inEffect >= 0 ? _responseByGrade[inEffect] : null,
                        f.Stage is { } stage ? ProposeFast(stage, f.StageFacts ?? StageFacts.Empty, slots) : null);
                }
            }
        }
        finally
        {
            pool.Return(grades, clearArray: true);
            System.Buffers.ArrayPool<CadenceFacts>.Shared.Return(cadence);
            System.Buffers.ArrayPool<LocalDate>.Shared.Return(due);
            System.Buffers.ArrayPool<FactValue>.Shared.Return(slots);
        }
    }

    // The lifecycle's allocation-free proposal: the facts laid out in the machine's slots, no explanation.
    private string ProposeFast(string stage, StageFacts facts, FactValue[] slots)
    {
        var span = slots.AsSpan(0, Machine.Facts.Count);
        Machine.LayOut(facts, span);
        return Machine.Propose(Machine.Stage(stage), span).Proposed.Name;
    }

    // GRADE-5 on the batch path, as GradeOf decides it: see there.
    private int InEffectRank(in GradeOutcome computed, int given)
    {
        var computedRank = computed.IsGraded ? computed.Grade!.Rank : -1;
        if (GradeInEffect == GradeInEffect.Computed)
        {
            return computedRank >= 0 ? computedRank : given;
        }

        // Approved: the given grade stays until a change is approved, unless the approval policy needs no approver.
        return given < 0 || (computedRank >= 0 && !Grading.Approval.Required) ? computedRank : given;
    }

    private GradeSection? GradeOf(CustomerProfile profile, Instant asOf, bool explain, List<string>? links, ref IReadOnlyList<string>? conflicts)
    {
        Grade? given = null;
        if (profile.Grade is { } name && (given = Grading.FindGrade(name)) is null)
        {
            throw new CrmInputException(profile.Id, "grade", $"'{name}' is not a grade (grades: {string.Join(", ", Grading.Grades.Select(g => g.Name))})");
        }

        if (profile.Indicators is null && given is null)
        {
            return null;
        }

        var outcome = default(GradeOutcome);
        GradeExplanation? explanation = null;
        if (profile.Indicators is { } indicators)
        {
            outcome = Grading.Grade(indicators);

            explanation = explain ? Grading.Explain(indicators) : null;
        }

        var computed = outcome.IsGraded ? outcome.Grade : null;
        var approval = given is null ? GradeAssignment.Unassigned : _approvedAs[given.Rank];
        if (computed is not null)
        {
            approval = approval.Propose(computed.Name, asOf, Grading.Approval);
        }

        Grade? inEffect;
        GradeSource source;
        if (GradeInEffect == GradeInEffect.Approved)
        {
            // GRADE-5: a change takes effect once approved; a customer never graded before has only the computed grade.
            inEffect = approval.EffectiveGrade is { } effective ? Grading.FindGrade(effective) : computed;
            // The given grade stays approved (ApprovedAt unset) unless the approval policy let the computed one through.
            source = inEffect is null ? GradeSource.None
                : given is not null && ReferenceEquals(inEffect, given) && approval.ApprovedAt is null ? GradeSource.Given
                : GradeSource.Computed;
        }
        else
        {
            inEffect = computed ?? given;
            source = computed is not null ? GradeSource.Computed : given is not null ? GradeSource.Given : GradeSource.None;
            if (computed is not null && given is not null && !ReferenceEquals(computed, given))
            {
                conflicts = _gradeConflicts[given.Rank][computed.Rank];
            }
        }

        if (links is not null)
        {
            links.Add(inEffect is null
                ? "no grade in effect: cadence, churn value and the response policy have no grade"
                : $"grade {inEffect.Name} ({(source == GradeSource.Given ? "given, approved" : "computed")}{(approval.Status == GradeAssignmentStatus.PendingApproval ? $"; {approval.ProposedGrade} pending approval by {Grading.Approval.ApproverRole}" : "")}) → cadence, churn value, response policy");
        }

        return new GradeSection(outcome, approval, inEffect, source, explanation);
    }

    private AnalyticsSection AnalyticsOf(RfmFigures figures, string? loyaltyTier)
    {
        var scores = Analytics.BandScores(figures);
        return new AnalyticsSection(figures, scores, Analytics.Segment(scores).Name, loyaltyTier);
    }

    private LeadAssessment LeadOf(string id, IReadOnlyList<string> criteria)
    {
        // Loops by index, not a query: a closure per criterion and an enumerator per lead showed in assess's allocations.
        for (var i = 0; i < criteria.Count; i++)
        {
            if (!IsCriterion(criteria[i]))
            {
                throw new CrmInputException(id, "leadCriteria", $"'{criteria[i]}' is not a lead criterion (known: {string.Join(", ", Leads.Criteria.Select(c => c.Name))})");
            }
        }

        return Leads.Assess(criteria);

        bool IsCriterion(string name)
        {
            for (var i = 0; i < Leads.Criteria.Count; i++)
            {
                if (string.Equals(Leads.Criteria[i].Name, name, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private ChurnSection? ChurnOf(CustomerProfile profile, LocalDate date, Grade? inEffect, bool explain, List<string>? links)
    {
        if (profile.Churn is not { } given)
        {
            return null;
        }

        var facts = given with { AsOf = date, ValueGrade = given.ValueGrade ?? (GradeFeedsChurnValue ? inEffect?.Name : null) };
        var outcome = Churn.Score(facts);
        var playbook = Churn.Bands[outcome.Band.Rank];
        var explanation = explain ? Churn.Explain(facts, profile.PreviousChurnTotal) : null;
        links?.Add($"churn {outcome.Total} ({outcome.Band.Name}, value grade {facts.ValueGrade ?? "none"}) → playbook: {playbook.OwnerRole}{(playbook.SlaPolicies.Count == 0 ? "" : $", deadlines {string.Join(", ", playbook.SlaPolicies)}")}");
        return new ChurnSection(outcome, playbook, ChurnRules.Trend(outcome.Total, profile.PreviousChurnTotal), Churn.HasChurnRiskTag(facts), facts.ValueGrade, explanation);
    }

    // The plan with the grade in effect (else the profile's own grade), a lead's label for a lead without one, and the
    // profile's stage: what CadenceRules.Plan makes of the customer with those, without copying a graded customer.
    private ContactPlan CadenceOf(CadenceCustomer contact, Grade? inEffect, LeadAssessment? lead, string? stage, LocalDate date)
        => inEffect is not null
            ? Cadence.Plan(contact, inEffect, contact.LeadLabel, stage ?? contact.LifecycleStage, date)
            : Cadence.Plan(contact with { LeadLabel = contact.LeadLabel ?? lead?.Label.Name, LifecycleStage = stage ?? contact.LifecycleStage }, date);

    private LifecycleSection? LifecycleOf(CustomerProfile profile, List<string>? links)
    {
        if (profile.Stage is not { } stage)
        {
            return null;
        }

        if (!Machine.TryFindStage(stage, out var start))
        {
            throw new CrmInputException(profile.Id, "stage", $"'{stage}' is not a stage of '{Machine.Name}' (stages: {string.Join(", ", Machine.Stages)})");
        }

        var facts = profile.StageFacts ?? StageFacts.Empty;
        var (verdict, permitted) = Machine.ProposeWithPermitted(start, facts);
        var proposed = verdict.Proposed.Name;
        var strategy = _strategyByStage[verdict.Proposed.Index];
        links?.Add($"stage {stage} → proposed {proposed}{(strategy is null ? "" : $": {strategy}")}");
        return new LifecycleSection(Machine, facts, verdict, permitted, strategy);
    }

    private SlaSection? SlaOf(Grade? inEffect, ChurnSection? churn, Instant asOf, List<string>? links)
    {
        var response = inEffect is null ? null : _responseByGrade[inEffect.Rank];
        var deadlines = churn is null ? [] : DeadlinesOf(churn.Outcome.Band.Rank, asOf);
        if (response is null && deadlines.Count == 0)
        {
            return null;
        }

        if (links is not null && response is not null)
        {
            links.Add($"grade {inEffect!.Name} → response policy {response.Name}");
        }

        return new SlaSection(response, deadlines);
    }

    // The band's playbook clocks started and evaluated at the as-of instant (CHURN-4, SLA-6), or the ones kept for it.
    private IReadOnlyList<SlaAssessment> DeadlinesOf(int band, Instant asOf)
    {
        var policies = _playbookByBand[band];
        if (policies.Length == 0)
        {
            return [];
        }

        if (Volatile.Read(ref _deadlinesByBand[band]) is { } kept && kept.AsOf == asOf)
        {
            return kept.Deadlines;
        }

        var deadlines = new SlaAssessment[policies.Length];
        for (var i = 0; i < policies.Length; i++)
        {
            deadlines[i] = Sla.Evaluate(SlaClock.Start(policies[i], asOf), asOf, deferExplanation: true);
        }

        var made = new BandDeadlines(asOf, Array.AsReadOnly(deadlines));
        Volatile.Write(ref _deadlinesByBand[band], made);
        return made.Deadlines;
    }

    private sealed record BandDeadlines(Instant AsOf, IReadOnlyList<SlaAssessment> Deadlines);

    // The as-of date in the time zone: the same for every customer of a run, so the zone's rules are asked once per
    // instant, not per customer (the last one kept, read and replaced whole as the deadlines are).
    private LocalDate DateOf(Instant asOf)
    {
        if (Volatile.Read(ref _lastDate) is { } kept && kept.AsOf == asOf)
        {
            return kept.Date;
        }

        var made = new AsOfDate(asOf, asOf.InZone(TimeZone).Date);
        Volatile.Write(ref _lastDate, made);
        return made.Date;
    }

    private sealed record AsOfDate(Instant AsOf, LocalDate Date);

    // The sections, in the order Missing lists them.
    private static readonly AssessmentSection[] Sections =
    [
        AssessmentSection.Grade, AssessmentSection.Lead, AssessmentSection.Churn, AssessmentSection.Cadence,
        AssessmentSection.Lifecycle, AssessmentSection.Sla, AssessmentSection.Analytics, AssessmentSection.DataQuality,
    ];

    // One read-only list per set of missing sections (there are 2^8), made once for all (so the same whichever thread
    // asks first): most customers of a portfolio miss the same ones (docs/assessment.md).
    private static readonly IReadOnlyList<AssessmentSection>[] MissingSets = ReadOnlySubsets.Of(Sections);

    private static IReadOnlyList<AssessmentSection> MissingOf(object? grade, object? lead, object? churn, object? cadence, object? lifecycle, object? sla, object? analytics, object? quality)
        => MissingSets[(grade is null ? 1 : 0) | (lead is null ? 2 : 0) | (churn is null ? 4 : 0) | (cadence is null ? 8 : 0)
            | (lifecycle is null ? 16 : 0) | (sla is null ? 32 : 0) | (analytics is null ? 64 : 0) | (quality is null ? 128 : 0)];
}
