using Crm.Rules.Churn;
using NodaTime;

namespace Crm.Rules.Tests.Churn;

/// <summary>The evidence and texts a user reads, word for word: pluralisation, percentages, "login" vs "use".</summary>
public class ChurnTextTests
{
    private static readonly ChurnRules Seed = CrmRuleSet.SeedStandard.Churn;
    private static readonly LocalDate Today = new(2026, 11, 24);
    private static readonly ChurnFacts Quiet = new(Today) { ValueGrade = "C" };

    private static string Evidence(ChurnFacts facts) => Seed.Explain(in facts).FiredSignals.Single().Evidence;

    [Fact]
    public void Churn1_NoUseEvidence_SaysLoginForProductsWithLogins()
    {
        Assert.Equal("no login for 31 days since 2026-10-24 (threshold 30)", Evidence(Quiet with { LastUse = Today.PlusDays(-31), LoginBased = true }));
        Assert.Equal("no use for 90 days since 2026-08-26 (threshold 90)", Evidence(Quiet with { LastUse = Today.PlusDays(-90) }));
    }

    [Fact]
    public void Churn1_AmountDropEvidence_GivesThePercentageToOneDecimal()
    {
        Assert.Equal("amount down 50% month over month (100000 → 50000; threshold 50%)", Evidence(Quiet with { AmountLastMonth = 100_000m, AmountThisMonth = 50_000m }));
        Assert.Equal("amount down 66.7% month over month (3 → 1; threshold 50%)", Evidence(Quiet with { AmountLastMonth = 3m, AmountThisMonth = 1m }));
        Assert.Equal("amount down 100% month over month (250.5 → 0; threshold 50%)", Evidence(Quiet with { AmountLastMonth = 250.50m, AmountThisMonth = 0m }));
    }

    [Fact]
    public void Churn1_And2_TheFixedEvidenceSentences()
    {
        Assert.Equal("asked about competitors or their prices", Evidence(Quiet with { CompetitorInquiry = true }));
        Assert.Equal("the key contact left and nobody replaced them", Evidence(Quiet with { KeyContactLeft = true }));
        Assert.Equal("gave negative feedback", Evidence(Quiet with { NegativeFeedback = true }));
        Assert.Equal("refused renewal talks", Evidence(Quiet with { RenewalRefused = true }));
        Assert.Equal("contacts down from 4 to 1 a month (a drop by a factor of 4 or more)", Evidence(Quiet with { ContactsPerMonthBefore = 4m, ContactsPerMonthNow = 1m }));
    }

    [Fact]
    public void Churn2_ComplaintEvidence_IsSingularForOne()
    {
        Assert.Equal("1 unresolved complaint", Evidence(Quiet with { UnresolvedComplaints = 1 }));
        Assert.Equal("2 unresolved complaints", Evidence(Quiet with { UnresolvedComplaints = 2 }));
    }

    [Fact]
    public void Churn3_ValueEvidence_NamesTheGradeOrTheUngradedScore()
    {
        DimensionScore Value(string? grade) => Seed.Explain(Quiet with { ValueGrade = grade }).Dimensions[2];

        Assert.Equal(new FiredSignal(ChurnSignal.ValueGrade, ChurnDimension.Value, 5, "value grade A"), Value("A").Signals.Single());
        Assert.Equal(new FiredSignal(ChurnSignal.ValueGrade, ChurnDimension.Value, 3, "no value grade: scored 3 as ungraded"), Value(null).Signals.Single());
        Assert.Equal("'a' is not a grade of churn.valueScores (grades: A, B, C): scored 3 as ungraded", Value("a").Signals.Single().Evidence);
        Assert.Equal("value 1", Value("C").ToString());
    }

    [Fact]
    public void Churn3_OutcomesSignalsAndDimensionsReadAsText()
    {
        Assert.Equal("low (3: behaviour 1, attitude 1, value 1)", Seed.Score(in Quiet).ToString());
        Assert.Equal("renewalRefused +2: refused renewal talks", Seed.Explain(Quiet with { RenewalRefused = true }).FiredSignals.Single().ToString());
        Assert.Equal("attitude 3", Seed.Explain(Quiet with { RenewalRefused = true }).Dimensions[1].ToString());
        Assert.Equal("valueGrade", ChurnWords.Of(ChurnSignal.ValueGrade));
        Assert.Equal("unresolvedComplaints", ChurnWords.Of(ChurnSignal.UnresolvedComplaints));
        Assert.Equal("value", ChurnWords.Of(ChurnDimension.Value));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChurnWords.Of((ChurnSignal)10));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChurnWords.Of((ChurnDimension)3));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChurnWords.Of((ChurnDimension)(-1)));
    }

    [Fact]
    public void Churn4_PlaybooksReadAsText()
    {
        Assert.Equal(
            "high: salesDirector; form a rescue team led by the sales director; analyse the cause within 24 h; talk to the customer's executives within 3 days; record measures, feedback and result",
            Seed.Bands[0].ToString());
        Assert.Equal("low: customerService; routine care", Seed.Bands[2].ToString());
    }

    [Fact]
    public void Churn5_AssessmentText_EndsWithTheTagAndItsEvidence()
    {
        var facts = Quiet with { LastPurchase = Today.PlusDays(-100), UnresolvedComplaints = 2 };
        Assert.Equal(
            "low (4: behaviour 1, attitude 2, value 1); unresolvedComplaints +1: 2 unresolved complaints; trend improving; churn-risk tag: no interaction or purchase for 100 days since 2026-08-16 (threshold 90)",
            Seed.Explain(in facts, previousTotal: 6).ToString());
        Assert.Equal("low (3: behaviour 1, attitude 1, value 1); trend unknown", Seed.Explain(in Quiet).ToString());
    }
}

public sealed class ChurnWordsRefusalTests
{
    // The mutation run found these messages unasserted: a value outside the enums is named, not shown as "".
    [Fact]
    public void Of_AValueOutsideTheEnums_IsRefusedWithItsName()
    {
        var signal = Assert.Throws<ArgumentOutOfRangeException>(() => Crm.Rules.Churn.ChurnWords.Of((Crm.Rules.Churn.ChurnSignal)99));
        var dimension = Assert.Throws<ArgumentOutOfRangeException>(() => Crm.Rules.Churn.ChurnWords.Of((Crm.Rules.Churn.ChurnDimension)99));

        Assert.StartsWith("not a churn signal", signal.Message, StringComparison.Ordinal);
        Assert.StartsWith("not a churn dimension", dimension.Message, StringComparison.Ordinal);
    }
}
