using Crm.Rules.Scoring;

namespace Crm.Rules;

/// <summary>
/// The whole Crm.Rules configuration: one section per rule family.
/// </summary>
/// <remarks>
/// A new instance holds the <em>seed standard</em>, the defaults stated by the seed CRM standards
/// (see <c>docs/configuration.md</c>). Bind it from the <c>CrmRules</c> section of
/// <c>appsettings.json</c> with <see cref="CrmRulesServiceCollectionExtensions"/>, or load a standalone
/// rules file with <see cref="Configuration.CrmRulesJson"/>. Options are plain mutable settings; they are
/// validated once and compiled into an immutable <see cref="CrmRuleSet"/> that the evaluators use.
/// </remarks>
/// <threadsafety>Options are plain mutable settings; do not share an instance across threads while changing it. They are copied when compiled.</threadsafety>
public sealed class CrmRulesOptions
{
    /// <summary>The name of the configuration section that <c>appsettings.json</c> uses by convention.</summary>
    public const string SectionName = "CrmRules";

    /// <summary>Customer value scoring and grading (GRADE-1 … GRADE-5).</summary>
    /// <value>Defaults to the seed standard's six weighted indicators and grades A, B and C.</value>
    public ValueGradingOptions ValueGrading { get; set; } = new();

    /// <summary>Additive lead screening points (LEAD-1).</summary>
    /// <value>Defaults to industry match +3, clear budget +2, clear decision authority +2, advance at 5.</value>
    public LeadScoringOptions LeadScoring { get; set; } = new();

    /// <summary>SLA calculation on business calendars (SLA-1 … SLA-8).</summary>
    /// <value>A Shanghai office calendar named <c>business</c>, the built-in <c>24x7</c>, and the SLA-1 … SLA-7 policies.</value>
    public Sla.SlaOptions Sla { get; set; } = new();

    /// <summary>The contact cadence planner (CAD-1 … CAD-9).</summary>
    /// <value>Lead, new-customer, event, escalation, survey and birthday rules of the seeds; grade intervals come from <see cref="ValueGrading"/>.</value>
    public Cadence.CadenceOptions Cadence { get; set; } = new();

    /// <summary>The demand four-quadrant prioritiser (DEM-1 … DEM-4).</summary>
    /// <value>Thresholds 4 of 5, order quadrant → grade → value/cost → strategic fit, feedback in 3 working days, 90 % satisfaction.</value>
    public Demands.DemandOptions Demands { get; set; } = new();

    /// <summary>Satisfaction surveys, NPS and KPI targets (SAT-1, SAT-2, KPI-1).</summary>
    /// <value>Six items on a 1..5 scale, promoters 9–10, passives 7–8, the KPI-1 targets.</value>
    public Satisfaction.SatisfactionOptions Satisfaction { get; set; } = new();

    /// <summary>Data quality and privacy (DATA-1 … DATA-3).</summary>
    /// <value>Ids like RT2024001, four key fields at 95 %, phones shown as 138****5678 and e-mails as z***@example.com.</value>
    public DataQuality.DataQualityOptions DataQuality { get; set; } = new();

    /// <summary>Churn-risk scoring (CHURN-1 … CHURN-5).</summary>
    /// <value>The CHURN-1/2 signals, bands high ≥ 12 and medium ≥ 8 with the CHURN-4 playbooks.</value>
    public Churn.ChurnOptions Churn { get; set; } = new();

    /// <summary>Lifecycle and sales-funnel state machines (LIFE-1 … LIFE-5, GRADE-6).</summary>
    /// <value>The funnel, the customer lifecycle and the age-based stages of the seeds.</value>
    public Lifecycle.LifecycleOptions Lifecycle { get; set; } = new();

    /// <summary>Access by role: which records and fields each role's viewers see (DATA-4).</summary>
    /// <value>sales-rep (own customers), manager (the team's), engineer (all customers, usage fields only), admin (all, may reveal contacts).</value>
    public Access.AccessOptions Access { get; set; } = new();

    /// <summary>Customer analytics: RFM scores and segments, VIP tiers, customer-base models, CLV and the P(alive) warning (RFM-1, GRADE-8).</summary>
    /// <value>Quintile RFM scores with the documented segment table, diamond 8 % and gold 15 %, a one-year weekly CLV, P(alive) below 0.3.</value>
    public Analytics.AnalyticsOptions Analytics { get; set; } = new();

    /// <summary>The loyalty programme: points by activity, redemption and expiry, membership tiers with privileges (LOY-1).</summary>
    /// <value>1 point per currency unit, referral 500, review 50, adopted suggestion 200; silver from 0, gold from 5,000 spent in 12 months (×1.25), black from 20,000 (×1.5), double points in the birthday month for gold and black; quarterly reviews, one tier down at a time; points expire after 24 months.</value>
    public Loyalty.LoyaltyOptions Loyalty { get; set; } = new();

    /// <summary>How the families feed each other when a customer is assessed in one pass, and what the portfolio summary plans.</summary>
    /// <value>The approved grade in effect (GRADE-5) feeding cadence, churn value and the response policy; the lifecycle machine with the LIFE-4 strategies; a 13-week contact plan; the top 10 at risk.</value>
    public Assessment.AssessmentOptions Assessment { get; set; } = new();

    /// <summary>The JSON names of the families' sections (<c>valueGrading</c>, <c>leadScoring</c>, …), in the order they compile.</summary>
    /// <value>One name per rule family; every section is required.</value>
    public static IReadOnlyList<string> Sections { get; } = RuleFamilies.All.Select(f => f.Section).ToArray();

    /// <summary>Creates the seed-standard configuration.</summary>
    /// <returns>A new instance with every default of the seed standard.</returns>
    public static CrmRulesOptions SeedStandard() => new();

    /// <summary>Replaces every section of this instance with the sections of <paramref name="other"/>.</summary>
    internal void CopyFrom(CrmRulesOptions other)
    {
        foreach (var family in RuleFamilies.All)
        {
            family.CopySection(other, this);
        }

        LoadErrors = other.LoadErrors;
    }

    /// <summary>
    /// Problems found while reading the configuration source (unknown keys, wrong value kinds),
    /// kept so that validation can report them together with every other problem.
    /// </summary>
    internal IReadOnlyList<Configuration.ConfigurationError> LoadErrors { get; set; } = [];
}
