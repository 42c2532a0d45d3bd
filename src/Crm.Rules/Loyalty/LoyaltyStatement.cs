using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Crm.Rules.Loyalty;

/// <summary>How a member's tier compares with the tier the host had on record (or what happened at a point of the tier history).</summary>
/// <threadsafety>An enumeration; safe to share.</threadsafety>
public enum TierChange
{
    /// <summary>No tier on record: the member's first statement (in the history: the member joined the lowest tier).</summary>
    Joined,

    /// <summary>The same tier (in the history: a review that kept the tier).</summary>
    Kept,

    /// <summary>A higher tier: upgrades take effect on the day the qualifying amount reaches the tier.</summary>
    Upgraded,

    /// <summary>A lower tier: downgrades happen only at a review.</summary>
    Downgraded,
}

/// <summary>A membership tier as compiled: its level (0 = the lowest), name, threshold, multipliers and privileges.</summary>
/// <param name="Level">0 for the lowest tier, 1 for the next, and so on: a higher level is a higher tier.</param>
/// <param name="Name">The tier's name, e.g. <c>gold</c>.</param>
/// <param name="MinimumQualifying">The qualifying spend (or points) in the window that reaches it (0 for the lowest).</param>
/// <param name="EarningMultiplier">What a purchase's points are multiplied by while it is held.</param>
/// <param name="BirthdayMonthMultiplier">The extra multiplier in the member's birthday month (1 for none).</param>
/// <param name="Privileges">The tier's privileges, e.g. <c>exclusiveCustomerService</c>.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record LoyaltyTier(int Level, string Name, long MinimumQualifying, decimal EarningMultiplier, decimal BirthdayMonthMultiplier, IReadOnlyList<string> Privileges)
{
    /// <summary>The tier as text: <c>gold (from 5000; ×1.25, birthday month ×2; exclusiveCustomerService, birthdayDoublePoints)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture,
            $"{Name} (from {MinimumQualifying}; ×{FixedPoint.Format(EarningMultiplier)}{(BirthdayMonthMultiplier == 1m ? "" : $", birthday month ×{FixedPoint.Format(BirthdayMonthMultiplier)}")}{(Privileges.Count == 0 ? "" : "; " + string.Join(", ", Privileges))})");
}

/// <summary>A point of a member's tier history: joining, an upgrade, or a review (which kept or lowered the tier).</summary>
/// <param name="Date">The day.</param>
/// <param name="Change">Joined, upgraded, kept (a review) or downgraded (a review).</param>
/// <param name="From">The tier held before, or <see langword="null"/> when the member joined.</param>
/// <param name="To">The tier held after.</param>
/// <param name="Qualifying">The qualifying spend (or points) it was judged on.</param>
/// <param name="Reason">Why, in a sentence.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record TierEvent(LocalDate Date, TierChange Change, LoyaltyTier? From, LoyaltyTier To, decimal Qualifying, string Reason)
{
    /// <summary>The event as text: <c>2026-03-14 upgraded silver → gold: …</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
        => $"{LocalDatePattern.Iso.Format(Date)} {LoyaltyWords.Of(Change)} {(From is null || Change == TierChange.Kept ? "" : From.Name + " → ")}{To.Name}: {Reason}";
}

/// <summary>
/// One member's loyalty statement as of a date (LOY-1): the points balance and where it came from, the qualifying spend
/// (or points) in the window, the tier held with its privileges, how it compares with the tier on record, and what comes next.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record LoyaltyStatement
{
    internal LoyaltyStatement(string fingerprint) => Fingerprint = fingerprint;

    /// <summary>The member, or <see langword="null"/> when no activity was given.</summary>
    public string? MemberId { get; init; }

    /// <summary>The date of the statement ("today", given by the caller).</summary>
    public LocalDate AsOf { get; init; }

    /// <summary>The points that can be redeemed: <see cref="Earned"/> − <see cref="TakenBack"/> − <see cref="Redeemed"/> − <see cref="Expired"/>, never below 0.</summary>
    public long Balance { get; init; }

    /// <summary>Every point credited up to the date: purchases with their multipliers, and fixed awards.</summary>
    public long Earned { get; init; }

    /// <summary>The points refunds took back.</summary>
    public long TakenBack { get; init; }

    /// <summary>The points refunds should have taken back but could not: the balance was already spent (it never goes below 0).</summary>
    public long NotRecovered { get; init; }

    /// <summary>The points redeemed.</summary>
    public long Redeemed { get; init; }

    /// <summary>The points that expired unused.</summary>
    public long Expired { get; init; }

    /// <summary>What the member qualifies with: spend or points.</summary>
    public LoyaltyQualification QualifyBy { get; init; }

    /// <summary>The qualifying spend (or points) in the window ending on <see cref="AsOf"/> (never below 0).</summary>
    public decimal Qualifying { get; init; }

    /// <summary>The first day of that window.</summary>
    public LocalDate WindowStart { get; init; }

    /// <summary>The tier <see cref="Qualifying"/> reaches; below <see cref="Tier"/> when the tier is kept until the next review.</summary>
    public required LoyaltyTier QualifiedTier { get; init; }

    /// <summary>The tier held on <see cref="AsOf"/>.</summary>
    public required LoyaltyTier Tier { get; init; }

    /// <summary>The tier the host had on record (the <c>currentTier</c> it gave), or <see langword="null"/>.</summary>
    public LoyaltyTier? PreviousTier { get; init; }

    /// <summary><see cref="Tier"/> against <see cref="PreviousTier"/>: joined (none on record), kept, upgraded or downgraded.</summary>
    public TierChange Change { get; init; }

    /// <summary>The tier above <see cref="Tier"/>, or <see langword="null"/> at the top.</summary>
    public LoyaltyTier? NextTier { get; init; }

    /// <summary>The qualifying spend (or points) still needed in the window to reach <see cref="NextTier"/>, or <see langword="null"/> at the top.</summary>
    public decimal? ToNextTier { get; init; }

    /// <summary>The next review day after <see cref="AsOf"/>, or <see langword="null"/> without reviews.</summary>
    public LocalDate? NextReview { get; init; }

    /// <summary>The day the oldest points of the balance expire, or <see langword="null"/> (no balance, or points never expire).</summary>
    public LocalDate? NextExpiry { get; init; }

    /// <summary>The points that expire on <see cref="NextExpiry"/> unless spent first (0 without).</summary>
    public long ExpiringPoints { get; init; }

    /// <summary>Activities dated after <see cref="AsOf"/>: left out of every figure.</summary>
    public int ActivitiesAfterAsOf { get; init; }

    /// <summary>The privileges of <see cref="Tier"/>.</summary>
    public IReadOnlyList<string> Privileges => Tier.Privileges;

    /// <summary>The rule set that produced it.</summary>
    public string Fingerprint { get; }

    /// <summary>The statement as text: <c>M-1: gold, 1234 points; qualifying spend 6200 (from 2025-11-24); upgraded from silver; black at 20000 (13800 to go)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var change = Change switch
        {
            TierChange.Joined => "joined",
            TierChange.Kept => "kept",
            _ => $"{LoyaltyWords.Of(Change)} from {PreviousTier!.Name}",
        };
        var next = NextTier is null ? "top tier" : string.Create(CultureInfo.InvariantCulture, $"{NextTier.Name} at {NextTier.MinimumQualifying} ({FixedPoint.Format(ToNextTier!.Value)} to go)");
        return string.Create(CultureInfo.InvariantCulture,
            $"{MemberId ?? "(no activity)"}: {Tier.Name}, {Balance} points; qualifying {(QualifyBy == LoyaltyQualification.Spend ? "spend" : "points")} {FixedPoint.Format(Qualifying)} (from {LocalDatePattern.Iso.Format(WindowStart)}); {change}; {next}");
    }
}

/// <summary>A loyalty statement with its reasons: every activity's points with the multipliers, every expiry, and the tier history.</summary>
/// <param name="Statement">The statement, the same as <see cref="LoyaltyRules.Evaluate"/> gives.</param>
/// <param name="TierHistory">Joining, upgrades and the reviews of the tiers above the lowest, in date order.</param>
/// <param name="Lines">The explanation in sentences, in date order, ending with the statement's summary.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record LoyaltyExplanation(LoyaltyStatement Statement, IReadOnlyList<TierEvent> TierHistory, IReadOnlyList<string> Lines)
{
    /// <summary>The rule set that produced it.</summary>
    public string Fingerprint => Statement.Fingerprint;

    /// <summary>The explanation as text: its lines, one a line.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Join("\n", Lines);
}
