namespace Crm.Rules.Testing;

/// <summary>
/// Assertions on a rule set that throw <see cref="RuleAssertionException"/> when a property does not hold, for any test
/// framework (they all report an exception as a failure). Each one runs the check of <see cref="RuleChecks"/> of the same name.
/// </summary>
/// <threadsafety>This type is stateless and thread-safe.</threadsafety>
public static partial class RuleAssert
{
    /// <summary>Asserts that a check holds.</summary>
    /// <param name="result">The check.</param>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is <see langword="null"/>.</exception>
    /// <exception cref="RuleAssertionException">The check does not hold; the message has its counter-example.</exception>
    public static void Holds(RuleCheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.Holds)
        {
            throw new RuleAssertionException(result);
        }
    }

    /// <summary>Asserts that every check holds, reporting every one that does not.</summary>
    /// <param name="results">The checks.</param>
    /// <exception cref="ArgumentNullException"><paramref name="results"/> is <see langword="null"/>.</exception>
    /// <exception cref="RuleAssertionException">A check does not hold; the message lists every failed check.</exception>
    public static void AllHold(IEnumerable<RuleCheckResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var failed = results.Where(r => !r.Holds).ToList();
        if (failed.Count == 1)
        {
            throw new RuleAssertionException(failed[0]);
        }

        if (failed.Count > 1)
        {
            throw new RuleAssertionException($"{failed.Count} rule checks do not hold:{Environment.NewLine}{string.Join(Environment.NewLine, failed)}");
        }
    }

    /// <summary>Asserts <see cref="RuleChecks.GradingIsMonotone"/>.</summary>
    /// <param name="rules">The rule set.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    /// <exception cref="RuleAssertionException">The property does not hold.</exception>
    public static void GradingIsMonotone(CrmRuleSet rules) => Holds(RuleChecks.GradingIsMonotone(rules));

    /// <summary>Asserts <see cref="RuleChecks.GradeBandsPartitionTotals"/>.</summary>
    /// <param name="rules">The rule set.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    /// <exception cref="RuleAssertionException">The property does not hold.</exception>
    public static void GradeBandsPartitionTotals(CrmRuleSet rules) => Holds(RuleChecks.GradeBandsPartitionTotals(rules));

    /// <summary>Asserts <see cref="RuleChecks.ChurnBandsPartitionTotals"/>.</summary>
    /// <param name="rules">The rule set.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    /// <exception cref="RuleAssertionException">The property does not hold.</exception>
    public static void ChurnBandsPartitionTotals(CrmRuleSet rules) => Holds(RuleChecks.ChurnBandsPartitionTotals(rules));

    /// <summary>Asserts <see cref="RuleChecks.SlaDeadlinesAreMonotone(CrmRuleSet, int)"/>.</summary>
    /// <param name="rules">The rule set.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    /// <exception cref="RuleAssertionException">The property does not hold.</exception>
    public static void SlaDeadlinesAreMonotone(CrmRuleSet rules) => Holds(RuleChecks.SlaDeadlinesAreMonotone(rules));

    /// <summary>Asserts <see cref="RuleChecks.LifecycleStaysInDefinedStages(CrmRuleSet, int)"/>.</summary>
    /// <param name="rules">The rule set.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    /// <exception cref="RuleAssertionException">The property does not hold.</exception>
    public static void LifecycleStaysInDefinedStages(CrmRuleSet rules) => Holds(RuleChecks.LifecycleStaysInDefinedStages(rules));

    /// <summary>Asserts <see cref="RuleChecks.CadenceNeverDueBeforeLastContact(CrmRuleSet, int)"/>.</summary>
    /// <param name="rules">The rule set.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    /// <exception cref="RuleAssertionException">The property does not hold.</exception>
    public static void CadenceNeverDueBeforeLastContact(CrmRuleSet rules) => Holds(RuleChecks.CadenceNeverDueBeforeLastContact(rules));

    /// <summary>Asserts <see cref="RuleChecks.NpsCategoriesPartitionAnswers(CrmRuleSet, int)"/>.</summary>
    /// <param name="rules">The rule set.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    /// <exception cref="RuleAssertionException">The property does not hold.</exception>
    public static void NpsCategoriesPartitionAnswers(CrmRuleSet rules) => Holds(RuleChecks.NpsCategoriesPartitionAnswers(rules));

    /// <summary>Asserts <see cref="RuleChecks.DemandOrderIsDeterministic(CrmRuleSet, int)"/>.</summary>
    /// <param name="rules">The rule set.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    /// <exception cref="RuleAssertionException">The property does not hold.</exception>
    public static void DemandOrderIsDeterministic(CrmRuleSet rules) => Holds(RuleChecks.DemandOrderIsDeterministic(rules));

    /// <summary>Asserts <see cref="RuleChecks.DataCompletenessIsARate(CrmRuleSet, int)"/>.</summary>
    /// <param name="rules">The rule set.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    /// <exception cref="RuleAssertionException">The property does not hold.</exception>
    public static void DataCompletenessIsARate(CrmRuleSet rules) => Holds(RuleChecks.DataCompletenessIsARate(rules));

    /// <summary>Asserts <see cref="RuleChecks.RfmScoresCoverTheSegmentTable(CrmRuleSet, int)"/>.</summary>
    /// <param name="rules">The rule set.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    /// <exception cref="RuleAssertionException">The property does not hold.</exception>
    public static void RfmScoresCoverTheSegmentTable(CrmRuleSet rules) => Holds(RuleChecks.RfmScoresCoverTheSegmentTable(rules));

    /// <summary>Asserts <see cref="RuleChecks.LoyaltyPointsNeverNegative(CrmRuleSet, int)"/>.</summary>
    /// <param name="rules">The rule set.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    /// <exception cref="RuleAssertionException">The property does not hold.</exception>
    public static void LoyaltyPointsNeverNegative(CrmRuleSet rules) => Holds(RuleChecks.LoyaltyPointsNeverNegative(rules));

    /// <summary>Asserts <see cref="RuleChecks.AccessFollowsTheRoles(CrmRuleSet)"/>.</summary>
    /// <param name="rules">The rule set.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    /// <exception cref="RuleAssertionException">The property does not hold.</exception>
    public static void AccessFollowsTheRoles(CrmRuleSet rules) => Holds(RuleChecks.AccessFollowsTheRoles(rules));

    /// <summary>Asserts <see cref="RuleChecks.SlaPausesNeverAdvanceTheDeadline(CrmRuleSet, int)"/>.</summary>
    /// <param name="rules">The rule set.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    /// <exception cref="RuleAssertionException">The property does not hold.</exception>
    public static void SlaPausesNeverAdvanceTheDeadline(CrmRuleSet rules) => Holds(RuleChecks.SlaPausesNeverAdvanceTheDeadline(rules));
}
