using NodaTime;

namespace Crm.Rules.Loyalty;

/// <summary>The loyalty programme with the rule set in force: points, tiers and privileges (LOY-1).</summary>
/// <threadsafety>Implementations are thread-safe; every call uses the rule set in force when it starts.</threadsafety>
public interface ILoyaltyProgram
{
    /// <summary>The loyalty rules in force. Capture them once to evaluate a batch of members with one rule set.</summary>
    LoyaltyRules Rules { get; }

    /// <inheritdoc cref="LoyaltyRules.Evaluate(IEnumerable{LoyaltyActivity}, LocalDate, string?, AnnualDate?)"/>
    LoyaltyStatement Evaluate(IEnumerable<LoyaltyActivity> activities, LocalDate asOf, string? currentTier = null, AnnualDate? birthday = null);

    /// <inheritdoc cref="LoyaltyRules.Explain(IEnumerable{LoyaltyActivity}, LocalDate, string?, AnnualDate?)"/>
    LoyaltyExplanation Explain(IEnumerable<LoyaltyActivity> activities, LocalDate asOf, string? currentTier = null, AnnualDate? birthday = null);
}

/// <summary>The <see cref="ILoyaltyProgram"/> that dependency injection provides: each call uses the rule set in force.</summary>
/// <param name="ruleSets">Gives the rule set in force.</param>
/// <threadsafety>This type is thread-safe.</threadsafety>
public sealed class LoyaltyProgram(ICrmRuleSetProvider ruleSets) : ILoyaltyProgram
{
    /// <inheritdoc/>
    public LoyaltyRules Rules => ruleSets.Current.Loyalty;

    /// <inheritdoc/>
    public LoyaltyStatement Evaluate(IEnumerable<LoyaltyActivity> activities, LocalDate asOf, string? currentTier = null, AnnualDate? birthday = null)
        => Rules.Evaluate(activities, asOf, currentTier, birthday);

    /// <inheritdoc/>
    public LoyaltyExplanation Explain(IEnumerable<LoyaltyActivity> activities, LocalDate asOf, string? currentTier = null, AnnualDate? birthday = null)
        => Rules.Explain(activities, asOf, currentTier, birthday);
}
