using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Crm.Rules.Access;
using Crm.Rules.Analytics;
using Crm.Rules.Assessment;
using Crm.Rules.Cadence;
using Crm.Rules.Churn;
using Crm.Rules.Configuration;
using Crm.Rules.DataQuality;
using Crm.Rules.Demands;
using Crm.Rules.Lifecycle;
using Crm.Rules.Loyalty;
using Crm.Rules.Satisfaction;
using Crm.Rules.Scoring;
using Crm.Rules.Sla;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Rules;

/// <summary>
/// One rule family as the spine sees it: its options section, how it is validated, compiled and registered. The rule
/// set, validation, options binding and dependency injection all loop over <see cref="RuleFamilies.All"/>, so adding a
/// family is one entry there (plus its typed property on <see cref="CrmRulesOptions"/> and <see cref="CrmRuleSet"/>,
/// which a test checks).
/// </summary>
internal abstract class RuleFamily
{
    /// <summary>The JSON name of the family's options section, e.g. <c>valueGrading</c>.</summary>
    public abstract string Section { get; }

    public abstract Type OptionsType { get; }

    public abstract Type RulesType { get; }

    public abstract Type EvaluatorType { get; }

    /// <summary>Takes this family's section of <paramref name="from"/> into <paramref name="to"/>.</summary>
    public abstract void CopySection(CrmRulesOptions from, CrmRulesOptions to);

    public abstract void Validate(ErrorCollector errors, RuleSetCompilation compilation);

    public abstract object Compile(CrmRulesOptions options, RuleSetCompilation compilation);

    public abstract void Register(IServiceCollection services);
}

/// <inheritdoc/>
/// <typeparam name="TOptions">The options section.</typeparam>
/// <typeparam name="TRules">The compiled rules.</typeparam>
/// <typeparam name="TEvaluator">The evaluator interface hosts call.</typeparam>
/// <typeparam name="TImplementation">The evaluator dependency injection provides.</typeparam>
internal sealed class RuleFamily<TOptions, TRules, TEvaluator, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TImplementation>(
    string section,
    Func<CrmRulesOptions, TOptions?> get,
    Action<CrmRulesOptions, TOptions?> set,
    Action<TOptions, string, ErrorCollector, RuleSetCompilation> validate,
    Func<TOptions, RuleSetCompilation, TRules> compile) : RuleFamily
    where TOptions : class
    where TRules : class
    where TEvaluator : class
    where TImplementation : class, TEvaluator
{
    public override string Section => section;

    public override Type OptionsType => typeof(TOptions);

    public override Type RulesType => typeof(TRules);

    public override Type EvaluatorType => typeof(TEvaluator);

    public override void CopySection(CrmRulesOptions from, CrmRulesOptions to) => set(to, get(from));

    public override void Validate(ErrorCollector errors, RuleSetCompilation compilation)
    {
        if (get(compilation.Options) is { } section)
        {
            validate(section, Section, errors, compilation);
        }
        else
        {
            errors.Add(Section, "is required");
        }
    }

    public override object Compile(CrmRulesOptions options, RuleSetCompilation compilation) => compile(get(options)!, compilation);

    public override void Register(IServiceCollection services) => services.TryAddSingleton<TEvaluator, TImplementation>();
}

/// <summary>
/// One compile of one configuration: what validation built on the way (so nothing is compiled twice), the fingerprint,
/// and the families compiled so far, which later families may read.
/// </summary>
internal sealed class RuleSetCompilation(CrmRulesOptions options)
{
    private readonly Dictionary<Type, object> _compiled = [];

    public CrmRulesOptions Options { get; } = options;

    /// <summary>Set once the configuration is valid and its canonical form is known.</summary>
    public string Fingerprint { get; set; } = "";

    /// <summary>The SLA calendars, compiled while validation checked them.</summary>
    public FrozenDictionary<string, BusinessCalendar> SlaCalendars { get; set; } = FrozenDictionary<string, BusinessCalendar>.Empty;

    public T Rules<T>()
        where T : class
        => _compiled.TryGetValue(typeof(T), out var rules)
            ? (T)rules
            : throw new InvalidOperationException($"{typeof(T).Name} is compiled after the family that needs it; reorder RuleFamilies.All");

    public void Add(object rules) => _compiled.Add(rules.GetType(), rules);
}

/// <summary>Every rule family, in compile order: a family comes after the families its rules read.</summary>
internal static class RuleFamilies
{
    public static IReadOnlyList<RuleFamily> All { get; } =
    [
        new RuleFamily<ValueGradingOptions, ValueGradingRules, IValueGrader, ValueGrader>(
            "valueGrading", o => o.ValueGrading, (o, s) => o.ValueGrading = s!,
            (s, path, errors, _) => ValueGradingValidation.Validate(s, path, errors),
            (s, c) => new ValueGradingRules(s, c.Fingerprint)),
        new RuleFamily<LeadScoringOptions, LeadScoringRules, ILeadScorer, LeadScorer>(
            "leadScoring", o => o.LeadScoring, (o, s) => o.LeadScoring = s!,
            (s, path, errors, _) => LeadScoringValidation.Validate(s, path, errors),
            (s, c) => new LeadScoringRules(s, c.Fingerprint)),
        new RuleFamily<SlaOptions, SlaRules, ISlaCalculator, SlaCalculator>(
            "sla", o => o.Sla, (o, s) => o.Sla = s!,
            (s, path, errors, c) => c.SlaCalendars = SlaValidation.Validate(s, path, errors),
            (s, c) => new SlaRules(s, c.SlaCalendars, c.Fingerprint)),
        new RuleFamily<SatisfactionOptions, SatisfactionRules, ISatisfactionAnalyser, SatisfactionAnalyser>(
            "satisfaction", o => o.Satisfaction, (o, s) => o.Satisfaction = s!,
            (s, path, errors, _) => SatisfactionValidation.Validate(s, path, errors),
            (s, c) => new SatisfactionRules(s, c.Fingerprint)),
        new RuleFamily<CadenceOptions, CadenceRules, ICadencePlanner, CadencePlanner>(
            "cadence", o => o.Cadence, (o, s) => o.Cadence = s!,
            (s, path, errors, _) => CadenceValidation.Validate(s, path, errors),
            (s, c) => new CadenceRules(s, c.Rules<ValueGradingRules>(), c.Rules<SatisfactionRules>(), c.Fingerprint)),
        new RuleFamily<DemandOptions, DemandRules, IDemandPrioritiser, DemandPrioritiser>(
            "demands", o => o.Demands, (o, s) => o.Demands = s!,
            (s, path, errors, c) => DemandValidation.Validate(s, path, errors, [SlaOptions.AlwaysOpenCalendar, .. c.Options.Sla?.Calendars?.Keys ?? Enumerable.Empty<string>()]),
            (s, c) => new DemandRules(s, c.Rules<SlaRules>(), c.Rules<SatisfactionRules>(), c.Fingerprint)),
        new RuleFamily<DataQualityOptions, DataQualityRules, IDataQualityChecker, DataQualityChecker>(
            "dataQuality", o => o.DataQuality, (o, s) => o.DataQuality = s!,
            (s, path, errors, _) => DataQualityValidation.Validate(s, path, errors),
            (s, c) => new DataQualityRules(s, c.Rules<SatisfactionRules>(), c.Fingerprint)),
        new RuleFamily<ChurnOptions, ChurnRules, IChurnScorer, ChurnScorer>(
            "churn", o => o.Churn, (o, s) => o.Churn = s!,
            (s, path, errors, _) => ChurnValidation.Validate(s, path, errors),
            (s, c) => new ChurnRules(s, c.Fingerprint)),
        new RuleFamily<LifecycleOptions, LifecycleRules, ILifecycleEngine, LifecycleEngine>(
            "lifecycle", o => o.Lifecycle, (o, s) => o.Lifecycle = s!,
            (s, path, errors, _) => LifecycleValidation.Validate(s, path, errors),
            (s, c) => new LifecycleRules(s, c.Fingerprint)),
        new RuleFamily<AccessOptions, AccessRules, IAccessPolicy, AccessPolicy>(
            "access", o => o.Access, (o, s) => o.Access = s!,
            (s, path, errors, _) => AccessValidation.Validate(s, path, errors),
            (s, c) => new AccessRules(s, c.Fingerprint)),
        new RuleFamily<AnalyticsOptions, AnalyticsRules, ICustomerAnalytics, CustomerAnalytics>(
            "analytics", o => o.Analytics, (o, s) => o.Analytics = s!,
            (s, path, errors, c) => AnalyticsValidation.Validate(s, path, errors, c.Options.ValueGrading),
            (s, c) => new AnalyticsRules(s, c.Rules<ValueGradingRules>(), c.Rules<ChurnRules>(), c.Fingerprint)),
        new RuleFamily<LoyaltyOptions, LoyaltyRules, ILoyaltyProgram, LoyaltyProgram>(
            "loyalty", o => o.Loyalty, (o, s) => o.Loyalty = s!,
            (s, path, errors, _) => LoyaltyValidation.Validate(s, path, errors),
            (s, c) => new LoyaltyRules(s, c.Fingerprint)),
        new RuleFamily<AssessmentOptions, AssessmentRules, ICustomerAssessor, CustomerAssessor>(
            "assessment", o => o.Assessment, (o, s) => o.Assessment = s!,
            (s, path, errors, c) => AssessmentValidation.Validate(s, path, errors, c.Options),
            (s, c) => new AssessmentRules(s, c.Rules<ValueGradingRules>(), c.Rules<LeadScoringRules>(), c.Rules<SlaRules>(), c.Rules<CadenceRules>(),
                c.Rules<DataQualityRules>(), c.Rules<ChurnRules>(), c.Rules<LifecycleRules>(), c.Rules<AnalyticsRules>(), c.Fingerprint)),
    ];

    /// <summary>Registers every family's evaluator.</summary>
    public static void RegisterEvaluators(IServiceCollection services)
    {
        foreach (var family in All)
        {
            family.Register(services);
        }
    }
}
