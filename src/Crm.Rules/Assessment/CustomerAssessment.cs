using System.Text;
using Crm.Rules.Analytics;
using Crm.Rules.Cadence;
using Crm.Rules.Churn;
using Crm.Rules.DataQuality;
using Crm.Rules.Lifecycle;
using Crm.Rules.Scoring;
using Crm.Rules.Sla;

namespace Crm.Rules.Assessment;

/// <summary>The sections of an assessment, one per family.</summary>
/// <threadsafety>An enumeration; safe to share.</threadsafety>
public enum AssessmentSection
{
    /// <summary>Value grade, treatment and approval (GRADE-1 … GRADE-5).</summary>
    Grade,

    /// <summary>Lead score and label (LEAD-1).</summary>
    Lead,

    /// <summary>Churn total, band, playbook (CHURN-1 … CHURN-5).</summary>
    Churn,

    /// <summary>The next contact (CAD-1 … CAD-9).</summary>
    Cadence,

    /// <summary>The stage proposal and strategy (LIFE-1 … LIFE-4).</summary>
    Lifecycle,

    /// <summary>The response-time policy and the playbook's deadlines (SLA-1, SLA-6).</summary>
    Sla,

    /// <summary>RFM figures, scores and segment; loyalty tier (RFM-1, LOY-1).</summary>
    Analytics,

    /// <summary>Completeness and the id check (DATA-1, DATA-2).</summary>
    DataQuality,
}

/// <summary>Where the grade in effect came from.</summary>
/// <threadsafety>An enumeration; safe to share.</threadsafety>
public enum GradeSource
{
    /// <summary>No grade: neither indicators nor a current grade were given, or the indicators could not be graded.</summary>
    None,

    /// <summary>Computed from the indicators.</summary>
    Computed,

    /// <summary>The current grade the profile gave.</summary>
    Given,
}

/// <summary>The grade section: the computed outcome, the approval state, and the grade the other sections used.</summary>
/// <param name="Outcome">The computed outcome (not graded when the indicators were missing or invalid).</param>
/// <param name="Approval">The approval state: the given grade approved, the computed one proposed when it differs (GRADE-5).</param>
/// <param name="InEffect">The grade cadence, churn value and the response SLA used, or <see langword="null"/>.</param>
/// <param name="Source">Where <paramref name="InEffect"/> came from.</param>
/// <param name="Explanation">The indicators' contributions, when an explanation was asked for.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record GradeSection(GradeOutcome Outcome, GradeAssignment Approval, Grade? InEffect, GradeSource Source, GradeExplanation? Explanation)
{
    /// <summary>The section as text: <c>grade B in effect (given); computed A: B in effect, A pending approval</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"grade {InEffect?.Name ?? "none"} in effect ({Source.ToString().ToLowerInvariant()}); computed {Outcome}: {Approval}";
}

/// <summary>The churn section.</summary>
/// <param name="Outcome">The scores, band and fired signals.</param>
/// <param name="Playbook">The band's playbook (CHURN-4).</param>
/// <param name="Trend">The trend against the previous total.</param>
/// <param name="ChurnRiskTag">The lifecycle churn-risk tag (CHURN-5).</param>
/// <param name="ValueGrade">The grade churn's value dimension scored, or <see langword="null"/>.</param>
/// <param name="Explanation">The evidence, when an explanation was asked for.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record ChurnSection(ChurnOutcome Outcome, ChurnPlaybook Playbook, ChurnTrend Trend, bool ChurnRiskTag, string? ValueGrade, ChurnAssessment? Explanation)
{
    /// <summary>The section as text: the outcome and the playbook.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Outcome}; {Playbook}";
}

/// <summary>The lifecycle section.</summary>
/// <threadsafety>
/// This type is immutable and thread-safe: <see cref="Proposal"/>, <see cref="BlockedMoves"/> and <see cref="Moves"/>
/// are explained when first asked for, from the same facts and rules, each published once.
/// </threadsafety>
public sealed class LifecycleSection : IEquatable<LifecycleSection>
{
    private readonly StateMachine _machine;
    private readonly StageFacts _facts;
    private StageProposal? _proposal;
    private IReadOnlyList<string>? _blocked;
    private TransitionDecision? _moves;

    internal LifecycleSection(StateMachine machine, StageFacts facts, StageVerdict verdict, IReadOnlyList<string> permitted, string? strategy)
    {
        (_machine, _facts) = (machine, facts);
        (Verdict, Permitted, Strategy) = (verdict, permitted, strategy);
    }

    /// <summary>The proposal's decision — the current and the proposed stage — without its explanation.</summary>
    public StageVerdict Verdict { get; }

    // Read before asking LazyInitializer, whose factory delegate would otherwise be made on every read.
    /// <summary>The proposal with the guards that decided it: explained when first asked for (an assessment decides on <see cref="Verdict"/>).</summary>
    public StageProposal Proposal => Volatile.Read(ref _proposal) ?? LazyInitializer.EnsureInitialized(ref _proposal, () => _machine.Explain(Verdict, _facts));

    /// <summary>
    /// The moves out of the proposed stage that the facts do not open yet, as text — what <see cref="StageProposal.Blocked"/>
    /// says of <see cref="Proposal"/>, made without explaining the rest of the proposal.
    /// </summary>
    public IReadOnlyList<string> BlockedMoves => Volatile.Read(ref _blocked) ?? LazyInitializer.EnsureInitialized(ref _blocked, () => _machine.BlockedTexts(Verdict, _facts));

    /// <summary>
    /// Appends <see cref="BlockedMoves"/> to <paramref name="text"/>, joined by <paramref name="separator"/>, without making
    /// a string per move when they have not been asked for (<see cref="StateMachine.AppendBlockedMoves"/>).
    /// </summary>
    /// <param name="text">Where the texts go.</param>
    /// <param name="separator">Written between two moves' texts.</param>
    /// <returns>How many moves' texts were appended.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> or <paramref name="separator"/> is <see langword="null"/>.</exception>
    public int AppendBlockedMoves(StringBuilder text, string separator)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(separator);
        if (Volatile.Read(ref _blocked) is not { } blocked)
        {
            return _machine.AppendBlockedTexts(text, Verdict, _facts, separator);
        }

        for (var i = 0; i < blocked.Count; i++)
        {
            (i == 0 ? text : text.Append(separator)).Append(blocked[i]);
        }

        return blocked.Count;
    }

    /// <summary>The stages the facts open from the current stage now (exits included), as <see cref="TransitionDecision.Permitted"/> lists them.</summary>
    public IReadOnlyList<string> Permitted { get; }

    /// <summary>The proposed stage's goal and strategy (LIFE-4), or <see langword="null"/>.</summary>
    public string? Strategy { get; }

    /// <summary>
    /// Every move out of the current stage and whether each passes, with its guards: explained when first asked for
    /// (the assessment itself needs only <see cref="Permitted"/>), from the same facts and rules.
    /// </summary>
    public TransitionDecision Moves => Volatile.Read(ref _moves) ?? LazyInitializer.EnsureInitialized(ref _moves, () => _machine.Decide(Verdict.Stage.Name, Verdict.Stage.Name, _facts));

    /// <summary>Whether another section holds the same proposal, permitted stages and strategy.</summary>
    /// <param name="other">The other section.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(LifecycleSection? other)
        => other is not null && (ReferenceEquals(this, other)
            || (Proposal.Equals(other.Proposal) && Permitted.SequenceEqual(other.Permitted) && string.Equals(Strategy, other.Strategy, StringComparison.Ordinal)));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as LifecycleSection);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Proposal, Strategy);

    /// <summary>The section as text: the proposal and the strategy.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Proposal}{(Strategy is null ? "" : $"; strategy: {Strategy}")}";
}

/// <summary>The SLA section.</summary>
/// <param name="Response">The response-time policy for the grade in effect (SLA-1), or <see langword="null"/> when no policy matches.</param>
/// <param name="Deadlines">The churn playbook's SLA clocks started at the as-of instant (CHURN-4, SLA-6).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record SlaSection(SlaPolicy? Response, IReadOnlyList<SlaAssessment> Deadlines)
{
    /// <summary>The section as text: the response policy and the deadlines.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"response {Response?.Name ?? "none"}{(Deadlines.Count == 0 ? "" : $"; deadlines {string.Join("; ", Deadlines.Select(d => $"{d.Policy} {d.Deadline}"))}")}";
}

/// <summary>The analytics section.</summary>
/// <param name="Figures">The RFM figures given.</param>
/// <param name="Scores">The 1..5 scores by the fixed bands (one customer alone has no quintiles).</param>
/// <param name="Segment">The segment of the scores.</param>
/// <param name="LoyaltyTier">The loyalty tier given, or <see langword="null"/>.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record AnalyticsSection(RfmFigures Figures, RfmScores Scores, string Segment, string? LoyaltyTier)
{
    /// <summary>The section as text: the figures, scores and segment.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Figures}; scores {Scores}; {Segment}{(LoyaltyTier is null ? "" : $"; tier {LoyaltyTier}")}";
}

/// <summary>The data-quality section.</summary>
/// <param name="Id">The id check (DATA-1).</param>
/// <param name="Completeness">The key fields missing (DATA-2).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record DataQualitySection(CustomerIdCheck Id, RecordCompleteness Completeness)
{
    /// <summary>The section as text: the id check and completeness.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Id}; {Completeness}";
}

/// <summary>One customer assessed across the families in one pass, with the links between the sections.</summary>
/// <param name="Id">The customer's id.</param>
/// <param name="Fingerprint">The fingerprint of the rule set that assessed it.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record CustomerAssessment(string Id, string Fingerprint)
{
    /// <summary>The grade section, or <see langword="null"/> when neither indicators nor a grade were given.</summary>
    public GradeSection? Grade { get; init; }

    /// <summary>The lead section, for leads.</summary>
    public LeadAssessment? Lead { get; init; }

    /// <summary>The churn section, when churn facts were given.</summary>
    public ChurnSection? Churn { get; init; }

    /// <summary>The next contact, when a contact history was given.</summary>
    public ContactPlan? Cadence { get; init; }

    /// <summary>The lifecycle section, when a stage was given.</summary>
    public LifecycleSection? Lifecycle { get; init; }

    /// <summary>The SLA section, when there is a grade in effect or a churn playbook with deadlines.</summary>
    public SlaSection? Sla { get; init; }

    /// <summary>The analytics section, when a transaction summary was given.</summary>
    public AnalyticsSection? Analytics { get; init; }

    /// <summary>The data-quality section, when key fields were given.</summary>
    public DataQualitySection? DataQuality { get; init; }

    /// <summary>The sections without inputs, in <see cref="AssessmentSection"/> order.</summary>
    public IReadOnlyList<AssessmentSection> Missing { get; init; } = [];

    /// <summary>How the sections fed each other, as sentences ("grade B (given, approved) → cadence, churn value, response policy response-B").</summary>
    public IReadOnlyList<string> Links { get; init; } = [];

    /// <summary>Inputs that disagree, as sentences (a given grade that differs from the computed one under <see cref="GradeInEffect.Computed"/>).</summary>
    public IReadOnlyList<string> Conflicts { get; init; } = [];

    /// <summary>The assessment as text: one line per section, then the missing sections.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var lines = new List<string> { $"{Id} (rule set {Fingerprint})" };
        Add("grade", Grade);
        Add("lead", Lead);
        Add("churn", Churn);
        Add("cadence", Cadence);
        Add("lifecycle", Lifecycle);
        Add("sla", Sla);
        Add("analytics", Analytics);
        Add("dataQuality", DataQuality);
        lines.AddRange(Conflicts.Select(c => $"  conflict: {c}"));
        if (Missing.Count > 0)
        {
            lines.Add($"  missing: {string.Join(", ", Missing.Select(PortfolioTally.SectionName))}");
        }

        return string.Join(Environment.NewLine, lines);

        void Add(string name, object? section)
        {
            if (section is not null)
            {
                lines.Add($"  {name}: {section}");
            }
        }
    }
}
