using NodaTime;

namespace Crm.Rules.Sla;

/// <summary>A time during which the SLA clock stood still (waiting on the customer). An open pause has no end yet.</summary>
/// <param name="From">When the pause began.</param>
/// <param name="To">When it ended, or <see langword="null"/> while it lasts.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record SlaPause(Instant From, Instant? To)
{
    /// <summary>The pause as text: <c>2026-11-23T10:00:00Z/2026-11-23T11:00:00Z</c>, or <c>2026-11-23T10:00:00Z (open)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => To is { } to
        ? $"{SlaAssessment.Show(From)}/{SlaAssessment.Show(to)}"
        : $"{SlaAssessment.Show(From)} (open)";
}

/// <summary>A change of policy part-way (grade or priority changed): the new policy applies from <paramref name="At"/>.</summary>
/// <param name="At">When the new policy took over.</param>
/// <param name="Policy">The new policy.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record SlaRetarget(Instant At, SlaPolicy Policy)
{
    /// <summary>The change as text: <c>to 'response-A' at 2026-11-23T10:00:00Z</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"to '{Policy.Name}' at {SlaAssessment.Show(At)}";
}

/// <summary>
/// An SLA clock: a start, pauses, an optional stop and the policy in force (re-targets included). Immutable: every
/// step returns a new clock, and every step takes its instant — the clock never reads the time.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class SlaClock
{
    private SlaClock(SlaPolicy policy, Instant start, IReadOnlyList<SlaPause> pauses, Instant? stop, IReadOnlyList<SlaRetarget> retargets)
    {
        InitialPolicy = policy;
        StartedAt = start;
        Pauses = pauses;
        StoppedAt = stop;
        Retargets = retargets;
    }

    /// <summary>The policy the clock started with.</summary>
    public SlaPolicy InitialPolicy { get; }

    /// <summary>The policy in force after every re-target.</summary>
    public SlaPolicy Policy => Retargets.Count == 0 ? InitialPolicy : Retargets[^1].Policy;

    /// <summary>When the clock started.</summary>
    public Instant StartedAt { get; }

    /// <summary>The pauses, in order; only the last may be open.</summary>
    public IReadOnlyList<SlaPause> Pauses { get; }

    /// <summary>When the clock was stopped (the event was met), or <see langword="null"/>.</summary>
    public Instant? StoppedAt { get; }

    /// <summary>The policy changes, in order.</summary>
    public IReadOnlyList<SlaRetarget> Retargets { get; }

    /// <summary>Whether the clock is paused now (its last pause is open).</summary>
    public bool IsPaused => Pauses.Count > 0 && Pauses[^1].To is null;

    /// <summary>Creates a clock, checking its history.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="start">When the clock started.</param>
    /// <param name="pauses">The pauses, in any order; at most one open, and it must be the last.</param>
    /// <param name="stop">When the clock stopped, or <see langword="null"/>.</param>
    /// <returns>The clock.</returns>
    /// <exception cref="CrmInputException">A pause ends before it starts, starts before the clock, overlaps another or follows the stop; or the stop is before the start.</exception>
    public static SlaClock Create(SlaPolicy policy, Instant start, IEnumerable<SlaPause>? pauses = null, Instant? stop = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var ordered = (pauses ?? []).Select((p, i) => (Pause: p, Index: i)).OrderBy(p => p.Pause.From).ToList();
        // Lifted comparisons (false when there is no stop or no end) rather than pattern variables, so that every
        // mutant of these checks compiles in a mutation run (tests/mutation).
        if (stop < start)
        {
            throw new CrmInputException("stop", $"{stop} is before the clock started at {start}");
        }

        for (var k = 0; k < ordered.Count; k++)
        {
            var (pause, index) = ordered[k];
            var field = $"pauses[{index}]";
            if (pause.From < start)
            {
                throw new CrmInputException($"{field}.from", $"{pause.From} is before the clock started at {start}");
            }

            if (pause.To < pause.From)
            {
                throw new CrmInputException($"{field}.to", $"{pause.To} is before the pause began at {pause.From}");
            }

            if (pause.From > stop)
            {
                throw new CrmInputException($"{field}.from", $"{pause.From} is after the clock stopped at {stop}");
            }

            if (k > 0)
            {
                var (previous, previousIndex) = ordered[k - 1];
                if (previous.To is null || previous.To > pause.From)
                {
                    throw new CrmInputException(field, $"overlaps pauses[{previousIndex}]; pauses must not overlap and only the last may be open");
                }
            }
        }

        return new SlaClock(policy, start, ordered.Select(p => p.Pause).ToArray(), stop, []);
    }

    /// <summary>Starts a clock.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="start">When.</param>
    /// <returns>A running clock.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is <see langword="null"/>.</exception>
    public static SlaClock Start(SlaPolicy policy, Instant start)
    {
        // Create's clock with no history, without sorting an empty one: an assessment starts one per playbook deadline.
        ArgumentNullException.ThrowIfNull(policy);
        return new SlaClock(policy, start, [], null, []);
    }

    /// <summary>Pauses the clock (waiting on the customer).</summary>
    /// <param name="at">When.</param>
    /// <returns>The paused clock.</returns>
    /// <exception cref="CrmInputException">The clock is already paused or stopped, or <paramref name="at"/> is before its last event.</exception>
    public SlaClock Pause(Instant at)
    {
        RequireRunning(at, "pause");
        return new SlaClock(InitialPolicy, StartedAt, [.. Pauses, new SlaPause(at, null)], StoppedAt, Retargets);
    }

    /// <summary>Resumes a paused clock.</summary>
    /// <param name="at">When.</param>
    /// <returns>The running clock.</returns>
    /// <exception cref="CrmInputException">The clock is not paused, or <paramref name="at"/> is before the pause began.</exception>
    public SlaClock Resume(Instant at)
    {
        if (!IsPaused)
        {
            throw new CrmInputException("resume", "the clock is not paused");
        }

        if (at < Pauses[^1].From)
        {
            throw new CrmInputException("resume", $"{at} is before the pause began at {Pauses[^1].From}");
        }

        return new SlaClock(InitialPolicy, StartedAt, [.. Pauses.Take(Pauses.Count - 1), Pauses[^1] with { To = at }], StoppedAt, Retargets);
    }

    /// <summary>Stops the clock: the event was met. A pause still open ends here.</summary>
    /// <param name="at">When.</param>
    /// <returns>The stopped clock.</returns>
    /// <exception cref="CrmInputException">The clock is stopped already, or <paramref name="at"/> is before its last event.</exception>
    public SlaClock Stop(Instant at)
    {
        if (StoppedAt is not null)
        {
            throw new CrmInputException("stop", $"the clock stopped already at {StoppedAt}");
        }

        var clock = IsPaused ? Resume(at) : this;
        clock.RequireAfterLastEvent(at, "stop");
        return new SlaClock(InitialPolicy, StartedAt, clock.Pauses, at, Retargets);
    }

    /// <summary>
    /// Moves the clock to another policy (the grade or priority changed). The business time elapsed so far carries
    /// over: the new target counts from the original start, on the new policy's calendar from <paramref name="at"/> on.
    /// </summary>
    /// <param name="policy">The new policy.</param>
    /// <param name="at">When it takes over.</param>
    /// <returns>The re-targeted clock.</returns>
    /// <exception cref="CrmInputException"><paramref name="at"/> is before the start or an earlier re-target, or the clock is stopped.</exception>
    public SlaClock Retarget(SlaPolicy policy, Instant at)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (StoppedAt is not null)
        {
            throw new CrmInputException("retarget", $"the clock stopped already at {StoppedAt}");
        }

        var last = Retargets.Count > 0 ? Retargets[^1].At : StartedAt;
        if (at < last)
        {
            throw new CrmInputException("retarget", $"{at} is before {(Retargets.Count > 0 ? "the last re-target" : "the clock started")} at {last}");
        }

        return new SlaClock(InitialPolicy, StartedAt, Pauses, StoppedAt, [.. Retargets, new SlaRetarget(at, policy)]);
    }

    /// <summary>The clock as text, e.g. <c>'response-B' clock from 2026-11-23T01:00:00Z, pauses [2026-11-23T02:00:00Z (open)]</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var text = $"'{InitialPolicy.Name}' clock from {SlaAssessment.Show(StartedAt)}";
        text += Pauses.Count > 0 ? $", pauses [{string.Join(", ", Pauses)}]" : "";
        text += Retargets.Count > 0 ? $", re-targeted {string.Join(", ", Retargets)}" : "";
        return StoppedAt is { } stop ? $"{text}, stopped at {SlaAssessment.Show(stop)}" : text;
    }

    private void RequireRunning(Instant at, string field)
    {
        if (StoppedAt is not null)
        {
            throw new CrmInputException(field, $"the clock stopped already at {StoppedAt}");
        }

        if (IsPaused)
        {
            throw new CrmInputException(field, $"the clock is paused already since {Pauses[^1].From}");
        }

        RequireAfterLastEvent(at, field);
    }

    private void RequireAfterLastEvent(Instant at, string field)
    {
        var last = Pauses.Count > 0 ? Pauses[^1].To ?? Pauses[^1].From : StartedAt;
        if (at < last)
        {
            throw new CrmInputException(field, $"{at} is before the clock's last event at {last}");
        }
    }
}
