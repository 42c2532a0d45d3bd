using Crm.Rules.Churn;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Crm.Rules.Testing;

/// <summary>
/// The draws behind a customer's churn facts: days since last use and amounts, -1 for unknown; <paramref name="Flags"/> bits
/// are competitor inquiry, key contact left, negative feedback, renewal refused, key contact replaced.
/// </summary>
/// <param name="LastUseDaysAgo">Days since the last use; -1 for unknown.</param>
/// <param name="LoginBased">Whether use is counted by logins.</param>
/// <param name="AmountBefore">Last month's amount; -1 for unknown.</param>
/// <param name="AmountNow">This month's amount.</param>
/// <param name="Flags">The yes/no facts as bits (see above).</param>
/// <param name="ContactsBefore">Contacts per month before; -1 for unknown.</param>
/// <param name="ContactsNow">Contacts per month now.</param>
/// <param name="Complaints">Unresolved complaints.</param>
/// <param name="Grade">The value grade; <see langword="null"/> for none.</param>
/// <param name="PAliveTenThousandths">P(alive) in ten-thousandths; -1 for unknown.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record ChurnCase(
    int LastUseDaysAgo, bool LoginBased, int AmountBefore, int AmountNow, int Flags, int ContactsBefore, int ContactsNow, int Complaints, string? Grade, int PAliveTenThousandths = -1)
{
    /// <summary>The facts as of <paramref name="today"/>.</summary>
    /// <param name="today">The day the facts describe.</param>
    /// <returns>New facts.</returns>
    public ChurnFacts Facts(LocalDate today) => new(today)
    {
        LastUse = LastUseDaysAgo < 0 ? null : today.PlusDays(-LastUseDaysAgo),
        LoginBased = LoginBased,
        AmountLastMonth = AmountBefore < 0 ? null : AmountBefore,
        AmountThisMonth = AmountNow,
        CompetitorInquiry = (Flags & 1) != 0,
        KeyContactLeft = (Flags & 2) != 0,
        NegativeFeedback = (Flags & 4) != 0,
        RenewalRefused = (Flags & 8) != 0,
        KeyContactReplaced = (Flags & 16) != 0,
        ContactsPerMonthBefore = ContactsBefore < 0 ? null : ContactsBefore,
        ContactsPerMonthNow = ContactsNow,
        UnresolvedComplaints = Complaints,
        ValueGrade = Grade,
        ProbabilityAlive = PAliveTenThousandths < 0 ? null : PAliveTenThousandths / 10_000m,
    };

    /// <summary>The facts, readably.</summary>
    /// <returns>One line.</returns>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"last use {(LastUseDaysAgo < 0 ? "unknown" : $"{LastUseDaysAgo} days ago")}{(LoginBased ? " (logins)" : "")}, amounts {(AmountBefore < 0 ? "unknown" : $"{AmountBefore}")} → {AmountNow}, " +
        $"flags {Flags}, contacts/month {(ContactsBefore < 0 ? "unknown" : $"{ContactsBefore}")} → {ContactsNow}, {Complaints} complaints, grade {Grade ?? "none"}, " +
        $"P(alive) {(PAliveTenThousandths < 0 ? "unknown" : $"{PAliveTenThousandths / 10_000m}")}");

    internal static readonly string?[] Grades = [null, "A", "B", "C"];

    /// <summary>Random facts (grades among none, A, B and C).</summary>
    /// <value>A generator without shrinking; <see cref="CrmGen.ChurnCases"/> adds <see cref="Smaller"/>.</value>
    public static Gen<ChurnCase> Generator =>
        from lastUse in Gen.Choose(-1, 400)
        from login in Gen.Elements(true, false)
        from before in Gen.Choose(-1, 100_000)
        from now in Gen.Choose(0, 100_000)
        from flags in Gen.Choose(0, 31)
        from perMonthBefore in Gen.Choose(-1, 8)
        from perMonthNow in Gen.Choose(0, 8)
        from complaints in Gen.Choose(0, 3)
        from grade in Gen.Elements(Grades)
        from pAlive in Gen.Choose(-1, 10_000)
        select new ChurnCase(lastUse, login, before, now, flags, perMonthBefore, perMonthNow, complaints, grade, pAlive);

    /// <summary>Unknown, false, zero and no grade are simplest.</summary>
    /// <returns>Simpler cases, simplest first.</returns>
    public IEnumerable<ChurnCase> Smaller() =>
        Shrink.Towards(LastUseDaysAgo, -1).Select(v => this with { LastUseDaysAgo = v })
            .Concat(Shrink.Bool(LoginBased).Select(v => this with { LoginBased = v }))
            .Concat(Shrink.Towards(AmountBefore, -1).Select(v => this with { AmountBefore = v }))
            .Concat(Shrink.Towards(AmountNow, 0).Select(v => this with { AmountNow = v }))
            .Concat(Enumerable.Range(0, 5).Where(bit => (Flags & (1 << bit)) != 0).Select(bit => this with { Flags = Flags & ~(1 << bit) }))
            .Concat(Shrink.Towards(ContactsBefore, -1).Select(v => this with { ContactsBefore = v }))
            .Concat(Shrink.Towards(ContactsNow, 0).Select(v => this with { ContactsNow = v }))
            .Concat(Shrink.Towards(Complaints, 0).Select(v => this with { Complaints = v }))
            .Concat(Shrink.Earlier(Grade, Grades).Select(g => this with { Grade = g }))
            .Concat(Shrink.Towards(PAliveTenThousandths, -1).Select(v => this with { PAliveTenThousandths = v }));
}

