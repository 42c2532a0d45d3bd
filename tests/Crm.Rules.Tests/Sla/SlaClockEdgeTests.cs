using Crm.Rules.Sla;
using NodaTime;
using static Crm.Rules.Tests.Sla.SlaFixtures;

namespace Crm.Rules.Tests.Sla;

/// <summary>The edges of an SLA clock's history and of its evaluation: events at the same instant, refusals with their texts.</summary>
public class SlaClockEdgeTests
{
    private static readonly SlaRules Seed = CrmRuleSet.SeedStandard.Sla;
    private static readonly SlaPolicy Crisis = Seed.FindPolicy("crisis-first-response")!; // 4 h on 24x7, warnings 0.5 and 0.75
    private static readonly SlaPolicy Diagnosis = Seed.FindPolicy("technical-diagnosis")!; // 2 h on 24x7
    private static readonly Instant Start = At("2026-11-23T09:00:00Z");

    private static Instant H(double hours) => Start + Duration.FromMinutes((long)(hours * 60));

    private static string Refusal(Func<object> step) => Assert.Throws<CrmInputException>(step).Message;

    [Fact]
    public void Create_RefusesImpossibleHistories_NamingTheFieldAndTheInstants()
    {
        Assert.Equal("stop: 2026-11-23T08:00:00Z is before the clock started at 2026-11-23T09:00:00Z", Refusal(() => SlaClock.Create(Crisis, Start, stop: H(-1))));
        Assert.Equal("pauses[0].from: 2026-11-23T08:00:00Z is before the clock started at 2026-11-23T09:00:00Z", Refusal(() => SlaClock.Create(Crisis, Start, [new SlaPause(H(-1), H(1))])));
        Assert.Equal("pauses[0].to: 2026-11-23T09:30:00Z is before the pause began at 2026-11-23T10:00:00Z", Refusal(() => SlaClock.Create(Crisis, Start, [new SlaPause(H(1), H(0.5))])));
        Assert.Equal("pauses[0].from: 2026-11-23T12:00:00Z is after the clock stopped at 2026-11-23T11:00:00Z", Refusal(() => SlaClock.Create(Crisis, Start, [new SlaPause(H(3), H(4))], H(2))));
        Assert.Equal(
            "pauses[0]: overlaps pauses[1]; pauses must not overlap and only the last may be open",
            Refusal(() => SlaClock.Create(Crisis, Start, [new SlaPause(H(3), H(4)), new SlaPause(H(1), null)])));
        Assert.Equal("policy", Assert.Throws<ArgumentNullException>(() => SlaClock.Create(null!, Start)).ParamName);
    }

    [Fact]
    public void Create_AcceptsEventsAtTheSameInstant_AndSortsThePauses()
    {
        // A pause of no length at the start, one that ends where the next begins, and one that begins at the stop.
        var clock = SlaClock.Create(Crisis, Start, [new SlaPause(H(2), H(3)), new SlaPause(H(3), H(3)), new SlaPause(Start, Start), new SlaPause(H(4), H(4))], H(4));
        Assert.Equal([Start, H(2), H(3), H(4)], clock.Pauses.Select(p => p.From));
        Assert.False(clock.IsPaused);
        Assert.Equal(H(4), clock.StoppedAt);
        Assert.True(SlaClock.Create(Crisis, Start, [new SlaPause(H(1), H(2)), new SlaPause(H(2), null)]).IsPaused);
    }

    [Fact]
    public void Steps_RefuseWhatTheClocksStateForbids()
    {
        var running = SlaClock.Start(Crisis, Start);
        var stopped = running.Stop(H(1));
        var paused = running.Pause(H(1));
        Assert.Equal("pause: the clock stopped already at 2026-11-23T10:00:00Z", Refusal(() => stopped.Pause(H(2))));
        Assert.Equal("pause: the clock is paused already since 2026-11-23T10:00:00Z", Refusal(() => paused.Pause(H(2))));
        Assert.Equal("pause: 2026-11-23T08:00:00Z is before the clock's last event at 2026-11-23T09:00:00Z", Refusal(() => running.Pause(H(-1))));
        Assert.Equal("pause: 2026-11-23T10:30:00Z is before the clock's last event at 2026-11-23T11:00:00Z", Refusal(() => paused.Resume(H(2)).Pause(H(1.5))));
        Assert.Equal("resume: the clock is not paused", Refusal(() => running.Resume(H(1))));
        Assert.Equal("resume: 2026-11-23T09:30:00Z is before the pause began at 2026-11-23T10:00:00Z", Refusal(() => paused.Resume(H(0.5))));
        Assert.Equal("stop: the clock stopped already at 2026-11-23T10:00:00Z", Refusal(() => stopped.Stop(H(2))));
        Assert.Equal("stop: 2026-11-23T09:30:00Z is before the clock's last event at 2026-11-23T10:00:00Z", Refusal(() => paused.Resume(H(1)).Stop(H(0.5))));
        Assert.Equal("retarget: the clock stopped already at 2026-11-23T10:00:00Z", Refusal(() => stopped.Retarget(Diagnosis, H(2))));
        Assert.Equal("retarget: 2026-11-23T08:00:00Z is before the clock started at 2026-11-23T09:00:00Z", Refusal(() => running.Retarget(Diagnosis, H(-1))));
        Assert.Equal("retarget: 2026-11-23T09:30:00Z is before the last re-target at 2026-11-23T10:00:00Z", Refusal(() => running.Retarget(Diagnosis, H(1)).Retarget(Crisis, H(0.5))));
        Assert.Equal("policy", Assert.Throws<ArgumentNullException>(() => running.Retarget(null!, H(1))).ParamName);
    }

    [Fact]
    public void Steps_AtTheInstantOfTheLastEventAreAccepted()
    {
        var clock = SlaClock.Start(Crisis, Start).Pause(Start).Resume(Start).Pause(Start).Stop(Start);
        Assert.Equal((Start, false), (clock.StoppedAt!.Value, clock.IsPaused));
        Assert.Equal([(Start, (Instant?)Start), (Start, Start)], clock.Pauses.Select(p => (p.From, p.To)));
        var retargeted = SlaClock.Start(Crisis, Start).Retarget(Diagnosis, Start).Retarget(Crisis, Start);
        Assert.Equal((Crisis, Crisis), (retargeted.Policy, retargeted.InitialPolicy));
        Assert.Equal(Diagnosis, SlaClock.Start(Crisis, Start).Retarget(Diagnosis, Start).Policy);
    }

    [Fact]
    public void Stop_EndsAnOpenPauseThere()
    {
        var clock = SlaClock.Start(Crisis, Start).Pause(H(1)).Stop(H(2));
        Assert.Equal((H(1), (Instant?)H(2)), (clock.Pauses[0].From, clock.Pauses[0].To));
        var assessment = Seed.Evaluate(clock, H(5));
        Assert.Equal((SlaStatus.Met, Duration.FromHours(1), Duration.FromHours(1)), (assessment.Status, assessment.Elapsed, assessment.Paused));
    }

    [Fact]
    public void Status_AtExactlyTheDeadline()
    {
        var clock = SlaClock.Start(Crisis, Start);
        var atDeadline = Seed.Evaluate(clock, H(4));
        Assert.Equal((SlaStatus.Breached, (Instant?)H(4), Duration.Zero), (atDeadline.Status, atDeadline.BreachedAt, atDeadline.Remaining));
        var justBefore = Seed.Evaluate(clock, H(4) - Duration.Epsilon);
        Assert.Equal((SlaStatus.Warning, (Instant?)null), (justBefore.Status, justBefore.BreachedAt));

        // Stopped exactly at the deadline is met; a stop after the instant evaluated is not yet a stop.
        Assert.Equal(SlaStatus.Met, Seed.Evaluate(clock.Stop(H(4)), H(4)).Status);
        var stopLater = Seed.Evaluate(clock.Stop(H(3)), H(1));
        Assert.Equal((SlaStatus.Running, Duration.FromHours(1)), (stopLater.Status, stopLater.Elapsed));
        Assert.Equal(SlaStatus.Met, Seed.Evaluate(clock.Stop(H(3)), H(3)).Status);
    }

    [Fact]
    public void Status_APauseCountsFromItsStartUntilItsEnd()
    {
        var clock = SlaClock.Start(Crisis, Start).Pause(H(1)).Resume(H(2));
        Assert.Equal(SlaStatus.Running, Seed.Evaluate(clock, H(1) - Duration.Epsilon).Status);
        Assert.Equal(SlaStatus.Paused, Seed.Evaluate(clock, H(1)).Status);
        var atResume = Seed.Evaluate(clock, H(2));
        Assert.Equal((SlaStatus.Running, Duration.FromHours(1), Duration.FromHours(1)), (atResume.Status, atResume.Paused, atResume.Elapsed));
        var openAtAsOf = Seed.Evaluate(SlaClock.Start(Crisis, Start).Pause(H(1)), H(1));
        Assert.Equal((SlaStatus.Paused, Duration.Zero, H(4)), (openAtAsOf.Status, openAtAsOf.Paused, openAtAsOf.Deadline));
    }

    [Fact]
    public void Retarget_TakesEffectAtItsInstant_NotBefore()
    {
        var clock = SlaClock.Start(Crisis, Start).Retarget(Diagnosis, H(1));
        var before = Seed.Evaluate(clock, H(1) - Duration.Epsilon);
        Assert.Equal(("crisis-first-response", H(4)), (before.Policy, before.Deadline));
        var at = Seed.Evaluate(clock, H(1));
        Assert.Equal(("technical-diagnosis", H(2), SlaStatus.Warning), (at.Policy, at.Deadline, at.Status));
    }

    [Fact]
    public void Explanation_MadeWhenFirstRead_IsTheSameLinesOnEveryThread()
    {
        // An assessment's playbook clocks make their sentences on first read (assess prints only the deadline): threads
        // racing to read them all see the same lines, and every later read the same list. A host's own Evaluate gets a
        // plain list, whatever serializer it sends the result through.
        var clock = SlaClock.Create(Crisis, Start, [new SlaPause(H(1), H(1.5))]);
        Assert.IsType<List<string>>(Seed.Evaluate(clock, H(4)).Explanation);
        var assessment = Seed.Evaluate(clock, H(4), deferExplanation: true);
        Assert.IsNotType<List<string>>(assessment.Explanation);
        var seen = new IReadOnlyList<string>[8];
        Parallel.For(0, seen.Length, i => seen[i] = [.. assessment.Explanation]);
        Assert.All(seen, lines => Assert.Equal(
            ["policy 'crisis-first-response': PT4H of calendar time (24x7)", "1 pause(s) held PT30M of business time; the deadline moved by as much"],
            lines));
        Assert.Equal(2, assessment.Explanation.Count);
        Assert.Equal(assessment.Explanation[1], assessment.Explanation.ToList()[1]);
    }

    [Fact]
    public void Explanation_NamesTheTargetThePausesAndTheRetargets()
    {
        var clock = SlaClock.Create(Crisis, Start, [new SlaPause(H(1), H(1.5)), new SlaPause(H(2), H(2.25))]).Retarget(Diagnosis, H(3)).Retarget(Crisis, H(3.5));
        Assert.Equal(
            [
                "policy 'crisis-first-response': PT4H of calendar time (24x7)",
                "2 pause(s) held PT45M of business time; the deadline moved by as much",
                "re-targeted 2 time(s), from 'crisis-first-response'; business time elapsed before each change carried over",
            ],
            Seed.Evaluate(clock, H(4)).Explanation);

        var responseB = Seed.FindPolicy("response-B")!;
        Assert.Equal(
            ["policy 'response-B': PT48H of business time on calendar 'business' (Asia/Shanghai)"],
            Seed.Evaluate(SlaClock.Start(responseB, Start), Start).Explanation);
        Assert.Equal(
            ["policy 'demand-feedback': 3 working days on calendar 'business' (Asia/Shanghai) = PT22H30M of business time from 2026-11-23T01:00:00Z"],
            Seed.Evaluate(SlaClock.Start(Seed.FindPolicy("demand-feedback")!, At("2026-11-23T09:00:00+08:00")), At("2026-11-23T09:00:00+08:00")).Explanation);
    }

    [Fact]
    public void Evaluate_RefusesAnInstantBeforeTheStart_AndANullClock()
    {
        Assert.Equal("asOf: 2026-11-23T08:00:00Z is before the clock started at 2026-11-23T09:00:00Z", Refusal(() => Seed.Evaluate(SlaClock.Start(Crisis, Start), H(-1))));
        Assert.Equal("clock", Assert.Throws<ArgumentNullException>(() => Seed.Evaluate(null!, Start)).ParamName);
    }
}
