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
}
