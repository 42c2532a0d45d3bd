using Crm.Rules.Configuration;
using Crm.Rules.Scoring;
using Crm.Rules.Sla;

namespace Crm.Rules;

/// <summary>
/// Every rule family compiled from one validated configuration: immutable, thread-safe, and identified by a stable
/// fingerprint that every result carries.
/// </summary>
/// <remarks>
/// The fingerprint is the first 16 hex digits of the SHA-256 of the configuration's canonical JSON (keys sorted,
/// numbers without trailing zeros), so the same rules give the same fingerprint whether they came from
/// <c>appsettings.json</c>, a rules file or code.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe. Hot reload replaces the whole rule set, never a part of it.</threadsafety>
public sealed class CrmRuleSet
{
    private static readonly Lazy<CrmRuleSet> Seed = new(() => Compile(new CrmRulesOptions()));

    // The options as written (see CrmRulesJson.ReadBack); kept as text so the rule set stays immutable.
    private readonly string _writtenJson;

    private CrmRuleSet(RuleSetCompilation compilation, string canonicalJson, string writtenJson)
    {
        _writtenJson = writtenJson;
        var options = compilation.Options;
        CanonicalJson = canonicalJson;
        Fingerprint = Configuration.CanonicalJson.Fingerprint(canonicalJson);
        compilation.Fingerprint = Fingerprint;
        foreach (var family in RuleFamilies.All)
        {
            compilation.Add(family.Compile(options, compilation));
        }

        ValueGrading = compilation.Rules<ValueGradingRules>();
        LeadScoring = compilation.Rules<LeadScoringRules>();
        Sla = compilation.Rules<SlaRules>();
        Cadence = compilation.Rules<Cadence.CadenceRules>();
        Demands = compilation.Rules<Demands.DemandRules>();
        Satisfaction = compilation.Rules<Satisfaction.SatisfactionRules>();
        DataQuality = compilation.Rules<DataQuality.DataQualityRules>();
        Churn = compilation.Rules<Churn.ChurnRules>();
        Lifecycle = compilation.Rules<Lifecycle.LifecycleRules>();
        Access = compilation.Rules<Access.AccessRules>();
        Analytics = compilation.Rules<Analytics.AnalyticsRules>();
        Loyalty = compilation.Rules<Loyalty.LoyaltyRules>();
        Assessment = compilation.Rules<Assessment.AssessmentRules>();
    }

    /// <summary>The rule set of the seed standard.</summary>
    public static CrmRuleSet SeedStandard => Seed.Value;

    /// <summary>The stable fingerprint of the configuration this rule set was compiled from.</summary>
    public string Fingerprint { get; }

    /// <summary>The canonical JSON of the configuration, the input of <see cref="Fingerprint"/>.</summary>
    public string CanonicalJson { get; }

    /// <summary>Value scoring and grading (GRADE-1 … GRADE-5).</summary>
    public ValueGradingRules ValueGrading { get; }

    /// <summary>Lead screening (LEAD-1).</summary>
    public LeadScoringRules LeadScoring { get; }

    /// <summary>SLA calculation on business calendars (SLA-1 … SLA-8).</summary>
    public SlaRules Sla { get; }

    /// <summary>The contact cadence planner (CAD-1 … CAD-9).</summary>
    public Cadence.CadenceRules Cadence { get; }

    /// <summary>The demand four-quadrant prioritiser (DEM-1 … DEM-4).</summary>
    public Demands.DemandRules Demands { get; }

    /// <summary>Satisfaction, NPS and KPIs (SAT-1, SAT-2, KPI-1).</summary>
    public Satisfaction.SatisfactionRules Satisfaction { get; }

    /// <summary>Data quality and privacy (DATA-1 … DATA-3).</summary>
    public DataQuality.DataQualityRules DataQuality { get; }

    /// <summary>Churn-risk scoring (CHURN-1 … CHURN-5).</summary>
    public Churn.ChurnRules Churn { get; }

    /// <summary>Lifecycle and funnel state machines (LIFE-1 … LIFE-5, GRADE-6).</summary>
    public Lifecycle.LifecycleRules Lifecycle { get; }

    /// <summary>Access by role: which records and fields a viewer sees (DATA-4).</summary>
    public Access.AccessRules Access { get; }

    /// <summary>Customer analytics: RFM, VIP tiers, BG/NBD and Gamma-Gamma models, CLV, the P(alive) warning (RFM-1, GRADE-8).</summary>
    public Analytics.AnalyticsRules Analytics { get; }

    /// <summary>The loyalty programme: points, tiers and privileges (LOY-1).</summary>
    public Loyalty.LoyaltyRules Loyalty { get; }

    /// <summary>The compiled one-pass assessment across the families.</summary>
    public Assessment.AssessmentRules Assessment { get; }

    /// <summary>Validates and compiles a configuration.</summary>
    /// <param name="options">The configuration.</param>
    /// <returns>The compiled rule set.</returns>
    /// <exception cref="CrmRulesConfigurationException">The configuration is invalid; every problem is listed.</exception>
    public static CrmRuleSet Compile(CrmRulesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CompileValidated(options, source: null);
    }

    /// <summary>Reads a rules file, lays it over the seed standard, validates it once and compiles it.</summary>
    /// <param name="path">The rules file (the format of <see cref="CrmRulesJson"/>; only the settings it changes).</param>
    /// <returns>The compiled rule set.</returns>
    /// <remarks>
    /// The same rule set as <c>Compile(CrmRulesJson.Load(path))</c>, with the same problems reported, but validated once
    /// instead of twice.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="CrmRulesConfigurationException">
    /// The file is missing, unreadable, not UTF-8 text, not JSON, or invalid; every problem is listed, and
    /// <see cref="CrmRulesConfigurationException.Source"/> is <paramref name="path"/>.
    /// </exception>
    public static CrmRuleSet Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return CompileValidated(CrmRulesJson.Read(path), path);
    }

    /// <summary>Parses rules-file text, lays it over the seed standard, validates it once and compiles it.</summary>
    /// <param name="json">The JSON text; it may contain only the settings it changes.</param>
    /// <param name="source">Where the text came from, used in error messages; <see langword="null"/> when unknown.</param>
    /// <returns>The compiled rule set.</returns>
    /// <remarks>
    /// The same rule set as <c>Compile(CrmRulesJson.Parse(json, source))</c>, with the same problems reported, but
    /// validated once instead of twice.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="CrmRulesConfigurationException">
    /// The text is not JSON or the configuration is invalid; every problem is listed, and
    /// <see cref="CrmRulesConfigurationException.Source"/> is <paramref name="source"/>.
    /// </exception>
    public static CrmRuleSet Parse(string json, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return CompileValidated(CrmRulesJson.ReadText(json, source), source);
    }

    /// <summary>
    /// A fresh copy of the options this rule set was compiled from, as they were written (holidays and work hours as
    /// given, not in the canonical form behind <see cref="Fingerprint"/>): a host may change it and compile it into a
    /// derived rule set, and lint reports paths into it.
    /// </summary>
    /// <returns>New options, owned by the caller; changing them changes nothing in this rule set.</returns>
    public CrmRulesOptions ToOptions() => CrmRulesJson.ReadBack(_writtenJson);

    // The one place that validates: the checks compile the SLA calendars that the rule set then keeps.
    private static CrmRuleSet CompileValidated(CrmRulesOptions options, string? source)
    {
        var compilation = new RuleSetCompilation(options);
        var errors = CrmRulesValidation.Validate(compilation);
        if (errors.Count > 0)
        {
            throw new CrmRulesConfigurationException(errors, source);
        }

        var canonical = CrmRulesJson.Canonical(options, compilation.SlaCalendars, out var written);
        return new CrmRuleSet(compilation, canonical, written);
    }
}
