using Crm.Rules.Analytics;
using Crm.Rules.Cadence;
using Crm.Rules.Churn;
using Crm.Rules.Lifecycle;
using Crm.Rules.Scoring;

namespace Crm.Rules.Assessment;

/// <summary>
/// One customer as the whole process sees it: the union of the families' inputs. Every part is optional; an
/// assessment has a section for each part given and lists the others as missing.
/// </summary>
/// <param name="Id">The customer's id.</param>
/// <threadsafety>This type is immutable and thread-safe when its collections are not changed.</threadsafety>
public sealed record CustomerProfile(string Id)
{
    /// <summary>The value-grading indicators by name (GRADE-1 … GRADE-3); <see langword="null"/> for no grade section from indicators.</summary>
    public IReadOnlyDictionary<string, IndicatorValue>? Indicators { get; init; }

    /// <summary>The customer's current (approved) grade, as the host's records hold it (GRADE-5).</summary>
    public string? Grade { get; init; }

    /// <summary>For a lead, the lead-scoring criteria it meets (LEAD-1); <see langword="null"/> when the customer is not a lead.</summary>
    public IReadOnlyList<string>? LeadCriteria { get; init; }

    /// <summary>
    /// The churn facts (CHURN-1, CHURN-2); <see langword="null"/> for no churn section. Their date is the assessment's
    /// as-of date, and their value grade, when not set, the grade in effect (<see cref="AssessmentOptions.GradeFeedsChurnValue"/>).
    /// </summary>
    public ChurnFacts? Churn { get; init; }

    /// <summary>The previous churn total, for the trend.</summary>
    public int? PreviousChurnTotal { get; init; }

    /// <summary>The contact history and preferences (CAD-1 … CAD-9); <see langword="null"/> for no cadence section. Its grade and stage come from the assessment.</summary>
    public CadenceCustomer? Cadence { get; init; }

    /// <summary>The current stage on the assessment's lifecycle machine; <see langword="null"/> for no lifecycle section.</summary>
    public string? Stage { get; init; }

    /// <summary>The facts the lifecycle machine's guards read.</summary>
    public StageFacts? StageFacts { get; init; }

    /// <summary>The transaction summary (recency in days, frequency, monetary) for RFM (RFM-1); <see langword="null"/> for no analytics section.</summary>
    public RfmFigures? Transactions { get; init; }

    /// <summary>The customer's loyalty tier, as the loyalty programme last set it (LOY-1).</summary>
    public string? LoyaltyTier { get; init; }

    /// <summary>The key fields data quality checks (name, contact person, core need, contact details …, DATA-2); <see langword="null"/> for no data-quality section.</summary>
    public IReadOnlyDictionary<string, string?>? Fields { get; init; }

    /// <summary>The profile as text: its id and the parts it gives (values are left out: they may be personal).</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var parts = new (string Name, bool Given)[]
        {
            ("indicators", Indicators is not null), ("grade", Grade is not null), ("lead", LeadCriteria is not null), ("churn", Churn is not null),
            ("cadence", Cadence is not null), ("stage", Stage is not null), ("transactions", Transactions is not null), ("loyaltyTier", LoyaltyTier is not null), ("fields", Fields is not null),
        };
        return $"{Id}: {string.Join(", ", parts.Where(p => p.Given).Select(p => p.Name).DefaultIfEmpty("nothing"))}";
    }
}
