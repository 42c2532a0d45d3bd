using NodaTime;

namespace Crm.Rules.Sla;

/// <summary>The arithmetic of an SLA clock at an instant.</summary>
internal static class SlaEvaluation
{
    public static SlaAssessment Evaluate(SlaClock clock, Instant asOf, string fingerprint, bool deferExplanation = false)
    {
        if (asOf < clock.StartedAt)
        {
            throw new CrmInputException("asOf", $"{asOf} is before the clock started at {clock.StartedAt}");
        }

        var end = Earlier(clock.StoppedAt, asOf);

        var pauses = PausesBefore(clock.Pauses, end);
        var segments = new List<(Instant From, SlaPolicy Policy)>(1 + clock.Retargets.Count) { (clock.StartedAt, clock.InitialPolicy) };
        foreach (var retarget in clock.Retargets)
        {
            if (retarget.At <= asOf)
            {
                segments.Add((retarget.At, retarget.Policy));
            }
        }

        var policy = segments[^1].Policy;
        var target = policy.TargetFrom(clock.StartedAt);

        var elapsed = Duration.Zero;
        var paused = Duration.Zero;
        Instant? deadline = null;
        var carried = Duration.Zero;
        for (var k = 0; k < segments.Count; k++)
        {
            var (from, segmentPolicy) = segments[k];
            Instant? next = k + 1 < segments.Count ? segments[k + 1].From : null;
            var calendar = segmentPolicy.Calendar;
            var until = Earlier(next, end);
            var worked = calendar.Between(from, until);
            var waited = PausedWithin(calendar, pauses, from, until);
            elapsed += worked - waited;
            paused += waited;

            if (deadline is null)
            {
                var candidate = AddSkippingPauses(calendar, from, target - carried, pauses);
                if (next is null || candidate <= next)
                {
                    deadline = candidate;
                }
                else
                {
                    carried += calendar.Between(from, next.Value) - PausedWithin(calendar, pauses, from, next.Value);
                }
            }
        }

        var status = Status(clock, asOf, deadline!.Value, elapsed, target, policy, out var warning);
        var breachedAt = status is SlaStatus.Breached or SlaStatus.MetLate ? deadline : null;
        return new SlaAssessment
        {
            Policy = policy.Name,
            Calendar = policy.Calendar.Name,
            AsOf = asOf,
            Status = status,
            Target = target,
            Deadline = deadline.Value,
            Elapsed = elapsed,
            Paused = paused,
            BreachedAt = breachedAt,
            WarningLevel = warning,
            Explanation = deferExplanation
                ? Deferred(clock, policy, target, paused, pauses.Length, segments.Count)
                : Explain(clock, policy, target, paused, pauses.Length, segments.Count),
            Fingerprint = fingerprint,
        };
    }

    // The pauses begun before the end, an open one counting up to the end: the deadline keeps moving while the clock
    // waits on the customer. Loops, not a query: most clocks (every playbook deadline of an assessment) have no pause,
    // and then nothing is allocated.
    private static (Instant From, Instant To)[] PausesBefore(IReadOnlyList<SlaPause> all, Instant end)
    {
        var count = 0;
        foreach (var pause in all)
        {
            count += pause.From < end ? 1 : 0;
        }

        if (count == 0)
        {
            return [];
        }

        var pauses = new (Instant From, Instant To)[count];
        var at = 0;
        foreach (var pause in all)
        {
            if (pause.From < end)
            {
                pauses[at++] = (pause.From, Earlier(pause.To, end));
            }
        }

        return pauses;
    }

    // The earlier of an optional instant and a bound. A helper with lifted comparisons instead of `x is { } v && v < b`
    // patterns, whose mutants do not compile (CS0165) and so drop out of a mutation run (tests/mutation).
    private static Instant Earlier(Instant? candidate, Instant bound) => candidate < bound ? candidate.GetValueOrDefault() : bound;

    private static SlaStatus Status(SlaClock clock, Instant asOf, Instant deadline, Duration elapsed, Duration target, SlaPolicy policy, out decimal? warning)
    {
        warning = null;
        var stop = clock.StoppedAt;
        if (stop <= asOf)
        {
            return stop <= deadline ? SlaStatus.Met : SlaStatus.MetLate;
        }

        if (asOf >= deadline && elapsed >= target)
        {
            return SlaStatus.Breached;
        }

        foreach (var threshold in policy.Warnings)
        {
            if ((decimal)elapsed.BclCompatibleTicks >= threshold * target.BclCompatibleTicks)
            {
                warning = threshold;
            }
        }

        return IsPausedAt(clock.Pauses, asOf) ? SlaStatus.Paused : warning is null ? SlaStatus.Running : SlaStatus.Warning;
    }

    // A loop, not Any: its predicate would close over the instant, an allocation per clock even without pauses.
    private static bool IsPausedAt(IReadOnlyList<SlaPause> pauses, Instant asOf)
    {
        for (var i = 0; i < pauses.Count; i++)
        {
            if (pauses[i].From <= asOf && (pauses[i].To is null || asOf < pauses[i].To))
            {
                return true;
            }
        }

        return false;
    }

    // Adds business time from `from`, letting the clock stand still during the pauses.
    private static Instant AddSkippingPauses(BusinessCalendar calendar, Instant from, Duration remaining, (Instant From, Instant To)[] pauses)
    {
        var t = from;
        foreach (var (pauseFrom, pauseTo) in pauses)
        {
            if (pauseTo <= t)
            {
                continue;
            }

            var start = pauseFrom > t ? pauseFrom : t;
            var candidate = calendar.Add(t, remaining);
            if (candidate <= start)
            {
                return candidate;
            }

            remaining -= calendar.Between(t, start);
            t = pauseTo;
        }

        return calendar.Add(t, remaining);
    }

    private static Duration PausedWithin(BusinessCalendar calendar, (Instant From, Instant To)[] pauses, Instant from, Instant until)
    {
        var total = Duration.Zero;
        foreach (var (pauseFrom, pauseTo) in pauses)
        {
            var start = pauseFrom > from ? pauseFrom : from;
            var end = pauseTo < until ? pauseTo : until;
            if (end > start)
            {
                total += calendar.Between(start, end);
            }
        }

        return total;
    }

    // The sentences when first read (DeferredLines): the values they need are captured, nothing mutable.
    private static DeferredLines Deferred(SlaClock clock, SlaPolicy policy, Duration target, Duration paused, int pauses, int segments)
        => new(() => Explain(clock, policy, target, paused, pauses, segments));

    private static List<string> Explain(SlaClock clock, SlaPolicy policy, Duration target, Duration paused, int pauses, int segments)
    {
        var calendar = policy.Calendar;
        var lines = new List<string>
        {
            policy.WorkingDays is not null
                ? $"policy '{policy.Name}': {policy.WorkingDays} working days on calendar '{calendar.Name}' ({calendar.Zone.Id}) = {IsoDuration.Format(target)} of business time from {clock.StartedAt}"
                : $"policy '{policy.Name}': {IsoDuration.Format(target)} of {(calendar.IsAlwaysOpen ? "calendar time (24x7)" : $"business time on calendar '{calendar.Name}' ({calendar.Zone.Id})")}",
        };
        if (pauses > 0)
        {
            lines.Add($"{pauses} pause(s) held {IsoDuration.Format(paused)} of business time; the deadline moved by as much");
        }

        if (segments > 1)
        {
            lines.Add($"re-targeted {segments - 1} time(s), from '{clock.InitialPolicy.Name}'; business time elapsed before each change carried over");
        }

        return lines;
    }
}
