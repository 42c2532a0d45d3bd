using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Crm.Rules.Loyalty;

/// <summary>What a member did that the loyalty programme counts (LOY-1).</summary>
/// <threadsafety>An enumeration; safe to share.</threadsafety>
public enum LoyaltyActivityKind
{
    /// <summary>A purchase of <see cref="LoyaltyActivity.Amount"/>; a negative amount is a refund, which takes points back (word <c>purchase</c>).</summary>
    Purchase,

    /// <summary>A new customer referred by the member: a fixed award (word <c>referral</c>).</summary>
    Referral,

    /// <summary>A review written by the member: a fixed award (word <c>review</c>).</summary>
    Review,

    /// <summary>A suggestion of the member's that was adopted: a fixed award (seed 001; word <c>suggestionAdopted</c>).</summary>
    SuggestionAdopted,

    /// <summary>Points redeemed for goods, services or discounts: <see cref="LoyaltyActivity.Amount"/> is the points spent (word <c>redemption</c>).</summary>
    Redemption,
}

/// <summary>One activity of one member on one day (LOY-1): a purchase or refund with its amount, a fixed-award activity, or a redemption of points.</summary>
/// <threadsafety>This type is an immutable value type and is thread-safe.</threadsafety>
public readonly record struct LoyaltyActivity
{
    /// <summary>The largest amount of a purchase or refund, and the most points a redemption spends: 10¹².</summary>
    public const decimal MaximumAmount = 1_000_000_000_000m;

    /// <summary>Creates an activity, checking that its amount suits its kind.</summary>
    /// <param name="memberId">The member.</param>
    /// <param name="date">The day it happened.</param>
    /// <param name="kind">What it was.</param>
    /// <param name="amount">
    /// For a purchase, the money spent (negative for a refund), at most 6 decimal places; for a redemption, the whole
    /// points spent (1 or more); for the other kinds, 0 (their award is fixed).
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="memberId"/> is <see langword="null"/>.</exception>
    /// <exception cref="CrmInputException">The member id is blank, the kind is not defined, or the amount does not suit the kind.</exception>
    public LoyaltyActivity(string memberId, LocalDate date, LoyaltyActivityKind kind, decimal amount = 0m)
    {
        ArgumentNullException.ThrowIfNull(memberId);
        if (string.IsNullOrWhiteSpace(memberId))
        {
            throw new CrmInputException(null, "id", "is required (the member)");
        }

        if (Problem(kind, amount) is { } problem)
        {
            throw new CrmInputException(memberId, problem.Field, problem.Sentence);
        }

        MemberId = memberId;
        Date = date;
        Kind = kind;
        Amount = amount;
    }

    /// <summary>The member.</summary>
    public string MemberId { get; }

    /// <summary>The day it happened.</summary>
    public LocalDate Date { get; }

    /// <summary>What it was.</summary>
    public LoyaltyActivityKind Kind { get; }

    /// <summary>The money spent (a purchase, negative for a refund), the points spent (a redemption), or 0.</summary>
    public decimal Amount { get; }

    /// <summary>Whether it is a refund: a purchase with a negative amount.</summary>
    public bool IsRefund => Kind == LoyaltyActivityKind.Purchase && Amount < 0;

    /// <summary>A purchase.</summary>
    /// <param name="memberId">The member.</param>
    /// <param name="date">The day.</param>
    /// <param name="amount">The money spent, 0 or more.</param>
    /// <returns>The activity.</returns>
    /// <exception cref="CrmInputException">The amount is negative (use <see cref="Refund"/>) or out of range.</exception>
    public static LoyaltyActivity Purchase(string memberId, LocalDate date, decimal amount)
        => amount < 0
            ? throw new CrmInputException(memberId, "amount", $"{FixedPoint.Format(amount)} is negative: a refund is LoyaltyActivity.Refund")
            : new(memberId, date, LoyaltyActivityKind.Purchase, amount);

    /// <summary>A refund: a purchase of the negative amount, which takes back points.</summary>
    /// <param name="memberId">The member.</param>
    /// <param name="date">The day.</param>
    /// <param name="amount">The money refunded, above 0.</param>
    /// <returns>The activity.</returns>
    /// <exception cref="CrmInputException">The amount is not above 0 or out of range.</exception>
    public static LoyaltyActivity Refund(string memberId, LocalDate date, decimal amount)
        => amount <= 0
            ? throw new CrmInputException(memberId, "amount", $"{FixedPoint.Format(amount)} is not a refund: give the money refunded, above 0")
            : new(memberId, date, LoyaltyActivityKind.Purchase, -amount);

    /// <summary>A referral of a new customer.</summary>
    /// <param name="memberId">The member.</param>
    /// <param name="date">The day.</param>
    /// <returns>The activity.</returns>
    public static LoyaltyActivity Referral(string memberId, LocalDate date) => new(memberId, date, LoyaltyActivityKind.Referral);

    /// <summary>A review written by the member.</summary>
    /// <param name="memberId">The member.</param>
    /// <param name="date">The day.</param>
    /// <returns>The activity.</returns>
    public static LoyaltyActivity Review(string memberId, LocalDate date) => new(memberId, date, LoyaltyActivityKind.Review);

    /// <summary>A suggestion of the member's that was adopted.</summary>
    /// <param name="memberId">The member.</param>
    /// <param name="date">The day it was adopted.</param>
    /// <returns>The activity.</returns>
    public static LoyaltyActivity SuggestionAdopted(string memberId, LocalDate date) => new(memberId, date, LoyaltyActivityKind.SuggestionAdopted);

    /// <summary>A redemption of points for goods, services or a discount.</summary>
    /// <param name="memberId">The member.</param>
    /// <param name="date">The day.</param>
    /// <param name="points">The points spent, 1 or more.</param>
    /// <returns>The activity.</returns>
    /// <exception cref="CrmInputException"><paramref name="points"/> is below 1 or above <see cref="MaximumAmount"/>.</exception>
    public static LoyaltyActivity Redemption(string memberId, LocalDate date, long points) => new(memberId, date, LoyaltyActivityKind.Redemption, points);

    /// <summary>The activity as text: <c>M-1 2026-03-14 purchase 120.5</c>, <c>M-1 2026-04-01 referral</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
        => $"{MemberId} {LocalDatePattern.Iso.Format(Date)} {LoyaltyWords.Of(Kind)}{(Kind is LoyaltyActivityKind.Purchase or LoyaltyActivityKind.Redemption ? " " + FixedPoint.Format(Amount) : "")}";

    // Amounts are bounded so that every sum of a member's history is an exact decimal and every product an exact Int128.
    private static (string Field, string Sentence)? Problem(LoyaltyActivityKind kind, decimal amount)
    {
        switch (kind)
        {
            case LoyaltyActivityKind.Purchase:
                if (Math.Abs(amount) > MaximumAmount)
                {
                    return ("amount", $"{FixedPoint.Format(amount)} is out of range: a purchase or refund is at most {MaximumAmount.ToString("N0", CultureInfo.InvariantCulture)}");
                }

                return decimal.Round(amount, FixedPoint.DecimalPlaces) == amount
                    ? null
                    : ("amount", $"{FixedPoint.Format(amount)} has more than {FixedPoint.DecimalPlaces} decimal places");
            case LoyaltyActivityKind.Redemption:
                return amount >= 1 && amount <= MaximumAmount && decimal.Truncate(amount) == amount
                    ? null
                    : ("amount", $"{FixedPoint.Format(amount)} is not a number of points to redeem: give a whole number from 1 to {MaximumAmount.ToString("N0", CultureInfo.InvariantCulture)}");
            case LoyaltyActivityKind.Referral or LoyaltyActivityKind.Review or LoyaltyActivityKind.SuggestionAdopted:
                return amount == 0
                    ? null
                    : ("amount", $"a {LoyaltyWords.Of(kind)} earns a fixed award and has no amount; got {FixedPoint.Format(amount)}");
            default:
                return ("kind", $"{(int)kind} is not an activity kind (kinds: {string.Join(", ", LoyaltyWords.Kinds)})");
        }
    }
}

/// <summary>The words of the loyalty family's closed sets: one source for configuration keys, input, explanations and output.</summary>
/// <threadsafety>This type is stateless and thread-safe.</threadsafety>
public static class LoyaltyWords
{
    private static readonly string[] KindWords = ["purchase", "referral", "review", "suggestionAdopted", "redemption"];

    private static readonly string[] ChangeWords = ["joined", "kept", "upgraded", "downgraded"];

    /// <summary>The words of the activity kinds, in enum order.</summary>
    public static IReadOnlyList<string> Kinds => KindWords;

    /// <summary>The kinds that have an earning rule (the keys of <c>loyalty.earning</c>): every kind but <c>redemption</c>.</summary>
    internal static ReadOnlySpan<string> EarningKinds => KindWords.AsSpan(0, 4);

    /// <summary>The word of an activity kind, e.g. <c>suggestionAdopted</c>.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The word.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined kind.</exception>
    public static string Of(LoyaltyActivityKind kind)
        => (uint)kind < (uint)KindWords.Length ? KindWords[(int)kind] : throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an activity kind");

    /// <summary>The word of a tier change, e.g. <c>upgraded</c>.</summary>
    /// <param name="change">The change.</param>
    /// <returns>The word.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined change.</exception>
    public static string Of(TierChange change)
        => (uint)change < (uint)ChangeWords.Length ? ChangeWords[(int)change] : throw new ArgumentOutOfRangeException(nameof(change), change, "not a tier change");

    /// <summary>Reads an activity kind's word (exact, case-sensitive, as in configuration files).</summary>
    /// <param name="word">The word, e.g. <c>purchase</c>.</param>
    /// <param name="kind">The kind, when the word is one.</param>
    /// <returns>Whether the word is a kind's.</returns>
    public static bool TryParseKind(ReadOnlySpan<char> word, out LoyaltyActivityKind kind)
    {
        for (var i = 0; i < KindWords.Length; i++)
        {
            if (word.SequenceEqual(KindWords[i]))
            {
                kind = (LoyaltyActivityKind)i;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
