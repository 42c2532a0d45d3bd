using NodaTime;

namespace Crm.Rules.Analytics;

/// <summary>Customer analytics with the rule set in force: RFM (RFM-1), VIP tiers (GRADE-8), BG/NBD and Gamma-Gamma models, CLV and the P(alive) warning.</summary>
/// <threadsafety>Implementations are thread-safe; every call uses the rule set in force when it starts.</threadsafety>
public interface ICustomerAnalytics
{
    /// <summary>The analytics rules in force. Capture them once to analyse a batch with one rule set.</summary>
    AnalyticsRules Rules { get; }

    /// <inheritdoc cref="AnalyticsRules.Rfm(IEnumerable{Transaction}, LocalDate)"/>
    RfmReport Rfm(IEnumerable<Transaction> transactions, LocalDate analysisDate);

    /// <inheritdoc cref="AnalyticsRules.FitBgNbd(IReadOnlyList{PurchaseSummary})"/>
    BgNbdModel FitBgNbd(IReadOnlyList<PurchaseSummary> customers);

    /// <inheritdoc cref="AnalyticsRules.FitGammaGamma(IReadOnlyList{CustomerHistory})"/>
    GammaGammaModel FitGammaGamma(IReadOnlyList<CustomerHistory> customers);

    /// <inheritdoc cref="AnalyticsRules.LifetimeValue(BgNbdModel, GammaGammaModel, CustomerHistory)"/>
    double LifetimeValue(BgNbdModel purchases, GammaGammaModel spend, CustomerHistory customer);

    /// <inheritdoc cref="AnalyticsRules.Warn(double)"/>
    ChurnWarning Warn(double probabilityAlive);
}

/// <summary>The <see cref="ICustomerAnalytics"/> that dependency injection provides: each call uses the rule set in force.</summary>
/// <param name="ruleSets">Gives the rule set in force.</param>
/// <threadsafety>This type is thread-safe.</threadsafety>
public sealed class CustomerAnalytics(ICrmRuleSetProvider ruleSets) : ICustomerAnalytics
{
    /// <inheritdoc/>
    public AnalyticsRules Rules => ruleSets.Current.Analytics;

    /// <inheritdoc/>
    public RfmReport Rfm(IEnumerable<Transaction> transactions, LocalDate analysisDate) => Rules.Rfm(transactions, analysisDate);

    /// <inheritdoc/>
    public BgNbdModel FitBgNbd(IReadOnlyList<PurchaseSummary> customers) => Rules.FitBgNbd(customers);

    /// <inheritdoc/>
    public GammaGammaModel FitGammaGamma(IReadOnlyList<CustomerHistory> customers) => Rules.FitGammaGamma(customers);

    /// <inheritdoc/>
    public double LifetimeValue(BgNbdModel purchases, GammaGammaModel spend, CustomerHistory customer) => Rules.LifetimeValue(purchases, spend, customer);

    /// <inheritdoc/>
    public ChurnWarning Warn(double probabilityAlive) => Rules.Warn(probabilityAlive);
}
