using FsCheck;
using FsCheck.Fluent;

namespace Crm.Rules.Testing;

/// <summary>
/// FsCheck arbitraries (generators with shrinking) of valid configurations and of inputs, the ones the library's own
/// property tests use. Every configuration they generate compiles (<see cref="CrmRuleSet.Compile"/> does not throw), and
/// every shrunk configuration too, so a counter-example is always a configuration a host could have written.
/// </summary>
/// <remarks>
/// Use them with <c>Prop.ForAll(CrmGen.GradingModels(), m => …)</c>, or list <c>typeof(CrmGen)</c> among the arbitraries of
/// a property runner that registers arbitraries by their static methods.
/// </remarks>
/// <threadsafety>This type is stateless and thread-safe.</threadsafety>
public static class CrmGen
{
    /// <summary>Random valid value-grading and lead-scoring models.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<GradingModel> GradingModels() => Arb.From(GradingModel.Generator, m => m.Smaller());

    /// <summary>Score vectors for the seed standard's six indicators, 1 to 5 each.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<SeedScores> SeedScores() => Arb.From(Testing.SeedScores.Generator, s => s.Smaller());

    /// <summary>Random valid business calendars, in zones with and without daylight-saving time.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<CalendarSpec> Calendars() => Arb.From(CalendarSpec.Generator, c => c.Smaller());

    /// <summary>A customer's churn facts.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<ChurnCase> ChurnCases() => Arb.From(ChurnCase.Generator, c => c.Smaller());

    /// <summary>A customer's cadence facts.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<CadenceCase> CadenceCases() => Arb.From(CadenceCase.Generator, c => c.Smaller());

    /// <summary>A customer's cadence facts in the terms of one rule set: its grades (or none), its lead labels, and event kinds it follows up (or not).</summary>
    /// <param name="rules">The rule set.</param>
    /// <returns>The arbitrary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    public static Arbitrary<CadenceCase> CadenceCases(CrmRuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var options = RuleChecks.OptionsOf(rules).Cadence;
        string?[] grades = [null, .. rules.ValueGrading.Grades.Select(g => g.Name)];
        string[] leads = [.. rules.Cadence.LeadLabels];
        string[] events = ["other", .. options.EventFollowUps.Keys.Concat(options.SurveyAfterEvents.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        return CadenceCase.Among(grades, leads, events.Distinct(StringComparer.Ordinal).ToArray());
    }

    /// <summary>Random valid churn configurations (signals, dimensions, points, value scores, band thresholds).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<ChurnModel> ChurnModels() => Arb.From(ChurnModel.Generator, m => m.Smaller());

    /// <summary>Random valid SLA configurations: the seed standard with its <c>business</c> calendar replaced by a random one.</summary>
    /// <returns>The arbitrary (of the calendar; <see cref="CalendarSpec.SeedWithBusinessCalendar"/> builds the options).</returns>
    public static Arbitrary<CalendarSpec> SlaConfigurations() => Calendars();

    /// <summary>Random valid lead-screening configurations (LEAD-1): criteria with points, the advance threshold and labels.</summary>
    /// <returns>The arbitrary; <see cref="LeadModel.Options"/> builds the options.</returns>
    public static Arbitrary<LeadModel> LeadModels() => Arb.From(LeadModel.Generator, m => m.Smaller());

    /// <summary>Leads: which of a rule set's criteria each meets.</summary>
    /// <returns>The arbitrary; <see cref="LeadCase.Flags"/> and <see cref="LeadCase.MetCriteria"/> read it against a rule set.</returns>
    public static Arbitrary<LeadCase> Leads() => Arb.From(LeadCase.Generator, l => l.Smaller());

    /// <summary>SLA tickets: a policy of the rule set, a start, pauses, an optional stop and the instant evaluated at.</summary>
    /// <returns>The arbitrary; <see cref="SlaTicket.Clock"/> builds the clock for a rule set, <see cref="SlaTicket.AsOf"/> is when to evaluate it.</returns>
    public static Arbitrary<SlaTicket> SlaTickets() => Arb.From(SlaTicket.Generator, t => t.Smaller());

    /// <summary>Random valid cadence configurations (CAD-1 … CAD-9).</summary>
    /// <returns>The arbitrary; <see cref="CadenceModel.Options"/> builds the options.</returns>
    public static Arbitrary<CadenceModel> CadenceModels() => Arb.From(CadenceModel.Generator, m => m.Smaller());

    /// <summary>Random valid demand-prioritising configurations (DEM-1 … DEM-4), lexicographic and weighted.</summary>
    /// <returns>The arbitrary; <see cref="DemandModel.Options"/> builds the options.</returns>
    public static Arbitrary<DemandModel> DemandModels() => Arb.From(DemandModel.Generator, m => m.Smaller());

    /// <summary>Backlogs of demands with unique ids, importance and urgency as flags or scores, optional value, cost and fit.</summary>
    /// <returns>The arbitrary; <see cref="DemandBacklog.For"/> builds the demands with a rule set's grades.</returns>
    public static Arbitrary<DemandBacklog> DemandBacklogs() => Arb.From(DemandBacklog.Generator, b => b.Smaller());

    /// <summary>Random valid satisfaction configurations (SAT-1, SAT-2, KPI-1): items, scale, NPS thresholds and KPI targets.</summary>
    /// <returns>The arbitrary; <see cref="SatisfactionModel.Options"/> builds the options.</returns>
    public static Arbitrary<SatisfactionModel> SatisfactionModels() => Arb.From(SatisfactionModel.Generator, m => m.Smaller());

    /// <summary>Survey answers and 0..10 recommendation answers of a group of respondents.</summary>
    /// <returns>The arbitrary; <see cref="Testing.SurveyAnswers.Answers"/> fits the answers to a rule set's items and scale.</returns>
    public static Arbitrary<SurveyAnswers> SurveyAnswers() => Arb.From(Testing.SurveyAnswers.Generator, a => a.Smaller());

    /// <summary>Random valid data-quality configurations (DATA-1 … DATA-3): id format, key and personal fields, masks.</summary>
    /// <returns>The arbitrary; <see cref="DataQualityModel.Options"/> builds the options.</returns>
    public static Arbitrary<DataQualityModel> DataQualityModels() => Arb.From(DataQualityModel.Generator, m => m.Smaller());

    /// <summary>Sets of records whose fields are filled, blank, empty, null or absent.</summary>
    /// <returns>The arbitrary; <see cref="Testing.DataRecords.Build"/> builds the records.</returns>
    public static Arbitrary<DataRecords> DataRecords() => Arb.From(Testing.DataRecords.Generator, r => r.Smaller());

    /// <summary>Random valid lifecycle configurations: the seed's machines plus random machines with guards, skips, moves back and exits.</summary>
    /// <returns>The arbitrary; <see cref="LifecycleModel.Options"/> builds the options.</returns>
    public static Arbitrary<LifecycleModel> LifecycleModels() => Arb.From(LifecycleModel.Generator, m => m.Smaller());

    /// <summary>Records on a rule set's lifecycle machines: a machine, a stage and facts of the kinds the machine declares.</summary>
    /// <returns>The arbitrary; <see cref="StageCase.For"/> reads it against a rule set.</returns>
    public static Arbitrary<StageCase> StageCases() => Arb.From(StageCase.Generator, c => c.Smaller());

    /// <summary>Random valid access configurations (DATA-4): roles with their scope, fields and reveal right; usage fields; columns.</summary>
    /// <returns>The arbitrary; <see cref="AccessModel.Options"/> builds the options.</returns>
    public static Arbitrary<AccessModel> AccessModels() => Arb.From(AccessModel.Generator, m => m.Smaller());

    /// <summary>Viewers of a rule set's roles and the records they look at (owner and team).</summary>
    /// <returns>The arbitrary; <see cref="AccessCase.ViewerOf"/> makes the viewer for a rule set.</returns>
    public static Arbitrary<AccessCase> AccessCases() => Arb.From(AccessCase.Generator, c => c.Smaller());

    /// <summary>Random valid analytics configurations (RFM-1, GRADE-8): scoring, bands, cancellations, segment tables, VIP tiers.</summary>
    /// <returns>The arbitrary; <see cref="AnalyticsModel.Options"/> builds the options.</returns>
    public static Arbitrary<AnalyticsModel> AnalyticsModels() => Arb.From(AnalyticsModel.Generator, m => m.Smaller());

    /// <summary>Transaction logs of up to ten customers over two years, cancellations included.</summary>
    /// <returns>The arbitrary; <see cref="TransactionLog.Transactions"/> builds the transactions.</returns>
    public static Arbitrary<TransactionLog> TransactionLogs() => Arb.From(TransactionLog.Generator, l => l.Smaller());

    /// <summary>Random valid loyalty programmes (LOY-1): earning, rounding, qualification, tiers, reviews, expiry.</summary>
    /// <returns>The arbitrary; <see cref="LoyaltyModel.Options"/> builds the options.</returns>
    public static Arbitrary<LoyaltyModel> LoyaltyModels() => Arb.From(LoyaltyModel.Generator, m => m.Smaller());

    /// <summary>Members' activity histories: purchases, refunds, fixed awards and redemptions that never exceed the balance.</summary>
    /// <returns>The arbitrary; <see cref="LoyaltyHistory.Activities"/> builds the activities for a rule set.</returns>
    public static Arbitrary<LoyaltyHistory> LoyaltyHistories() => Arb.From(LoyaltyHistory.Generator, h => h.Smaller());

    /// <summary>Random valid assessment options: grade in effect, churn value link, response kind, time zone, plan, strategies.</summary>
    /// <returns>The arbitrary; <see cref="AssessmentModel.Options"/> builds the options.</returns>
    public static Arbitrary<AssessmentModel> AssessmentModels() => Arb.From(AssessmentModel.Generator, m => m.Smaller());

    /// <summary>Customer profiles with any subset of the parts the assessment reads, in the terms of any rule set.</summary>
    /// <returns>The arbitrary; <see cref="ProfileCase.Profile"/> builds the profile for a rule set.</returns>
    public static Arbitrary<ProfileCase> CustomerProfiles() => Arb.From(ProfileCase.Generator, p => p.Smaller());
}
