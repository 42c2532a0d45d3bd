using System.Globalization;
using Crm.Rules.Sla;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Crm.Rules.Testing;

/// <summary>
/// A ticket's SLA clock as minute offsets: the policy (its index among a rule set's policies, modulo their count), the
/// start, pauses one after the other (the last one open when <paramref name="LastPauseOpen"/> and the clock never stops),
/// an optional stop, and the instant it is evaluated at. Every ticket is a valid clock for every rule set with a policy.
/// </summary>
/// <param name="Policy">The policy's index, modulo the number of policies.</param>
/// <param name="StartMinute">The start, in minutes after <see cref="FirstStart"/>.</param>
/// <param name="Pauses">Per pause: minutes after the previous event (the start or the end of the pause before) it begins, and how long it lasts.</param>
/// <param name="LastPauseOpen">Whether the last pause is still open (only when the clock is not stopped).</param>
/// <param name="StopAfter">Minutes after the last event the clock stops; -1 for a clock still running.</param>
/// <param name="AsOfAfter">Minutes after the last event (the stop, the last pause or the start) the clock is evaluated at.</param>
/// <threadsafety>This type is immutable and thread-safe as long as nobody changes <see cref="Pauses"/>.</threadsafety>
public sealed record SlaTicket(int Policy, int StartMinute, (int Gap, int Length)[] Pauses, bool LastPauseOpen, int StopAfter, int AsOfAfter)
{
    /// <summary>The earliest start: 2020-01-01T00:00Z; starts fall in the ten years after it.</summary>
    public static readonly Instant FirstStart = Instant.FromUtc(2020, 1, 1, 0, 0);

    private const int TenYears = 10 * 365 * 24 * 60;

    /// <summary>Random tickets.</summary>
    /// <value>A generator without shrinking; <see cref="CrmGen.SlaTickets"/> adds <see cref="Smaller"/>.</value>
    public static Gen<SlaTicket> Generator =>
        from policy in Gen.Choose(0, 63)
        from start in Gen.Choose(0, TenYears)
        from count in Gen.Choose(0, 3)
        from gaps in Gen.Choose(0, 5 * 24 * 60).ArrayOf(count)
        from lengths in Gen.Choose(1, 3 * 24 * 60).ArrayOf(count)
        from open in Gen.Elements(false, false, true)
        from stop in Gen.Choose(-1, 10 * 24 * 60)
        from asOf in Gen.Choose(0, 20 * 24 * 60)
        select new SlaTicket(policy, start, gaps.Zip(lengths).ToArray(), open, stop, asOf);

    /// <summary>The first policy, the earliest start, fewer and shorter pauses, no stop, an earlier evaluation.</summary>
    /// <returns>Valid tickets, simplest first.</returns>
    public IEnumerable<SlaTicket> Smaller() =>
        Shrink.Towards(Policy, 0).Select(p => this with { Policy = p })
            .Concat(Shrink.Array(Pauses, p => Shrink.Towards(p.Gap, 0).Select(g => p with { Gap = g }).Concat(Shrink.Towards(p.Length, 1).Select(l => p with { Length = l })))
                .Select(p => this with { Pauses = p }))
            .Concat(Shrink.Bool(LastPauseOpen).Select(o => this with { LastPauseOpen = o }))
            .Concat(Shrink.Towards(StopAfter, -1).Select(s => this with { StopAfter = s }))
            .Concat(Shrink.Towards(StartMinute, 0).Select(s => this with { StartMinute = s }))
            .Concat(Shrink.Towards(AsOfAfter, 0).Select(a => this with { AsOfAfter = a }));

    /// <summary>When the clock started.</summary>
    /// <value><see cref="FirstStart"/> plus <see cref="StartMinute"/> minutes.</value>
    public Instant Start => FirstStart + Duration.FromMinutes(StartMinute);

    /// <summary>The pauses as instants.</summary>
    /// <returns>New pauses, in order; the last open when <see cref="LastPauseOpen"/> and the clock never stops.</returns>
    public IReadOnlyList<SlaPause> PauseInstants()
    {
        var result = new List<SlaPause>();
        var at = Start;
        for (var k = 0; k < Pauses.Length; k++)
        {
            var from = at + Duration.FromMinutes(Pauses[k].Gap);
            var to = from + Duration.FromMinutes(Pauses[k].Length);
            var open = k == Pauses.Length - 1 && LastPauseOpen && StopAfter < 0;
            result.Add(new SlaPause(from, open ? null : to));
            at = open ? from : to;
        }

        return result;
    }

    /// <summary>When the clock stopped.</summary>
    /// <value><see langword="null"/> for a clock still running.</value>
    public Instant? Stop => StopAfter < 0 ? null : LastEvent(withStop: false) + Duration.FromMinutes(StopAfter);

    /// <summary>When the clock is evaluated.</summary>
    /// <value>The last event plus <see cref="AsOfAfter"/> minutes.</value>
    public Instant AsOf => LastEvent(withStop: true) + Duration.FromMinutes(AsOfAfter);

    /// <summary>The policy of <paramref name="rules"/> this ticket runs under.</summary>
    /// <param name="rules">The SLA rules.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The rules have no policy.</exception>
    public SlaPolicy PolicyOf(SlaRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return rules.Policies.Count == 0 ? throw new InvalidOperationException("the SLA rules have no policy") : rules.Policies[Policy % rules.Policies.Count];
    }

    /// <summary>The ticket's clock under <paramref name="rules"/>.</summary>
    /// <param name="rules">The SLA rules.</param>
    /// <returns>A new clock, which <see cref="SlaRules.Evaluate"/> takes with <see cref="AsOf"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The rules have no policy.</exception>
    public SlaClock Clock(SlaRules rules) => SlaClock.Create(PolicyOf(rules), Start, PauseInstants(), Stop);

    /// <summary>The ticket, readably.</summary>
    /// <returns>One line.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"ticket(policy #{Policy}, start {Start}, pauses [{string.Join(", ", PauseInstants())}], stop {(Stop is { } s ? s.ToString() : "none")}, as of {AsOf})");

    private Instant LastEvent(bool withStop)
    {
        if (withStop && Stop is { } stop)
        {
            return stop;
        }

        var pauses = PauseInstants();
        return pauses.Count == 0 ? Start : pauses[^1].To ?? pauses[^1].From;
    }
}
