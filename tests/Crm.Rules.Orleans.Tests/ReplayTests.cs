using Crm.Rules.Orleans.Tests.Support;
using Crm.Rules.Samples.Orleans;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Orleans.Serialization;

namespace Crm.Rules.Orleans.Tests;

/// <summary>Replaying the same events in the same order gives the same state.</summary>
public sealed class ReplayTests
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(CustomerState).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    [Property(MaxTest = 200, Arbitrary = [typeof(EventArbitraries)])]
    public bool Apply_SameEventsSameOrder_SameStoredBytes(EventScript script)
    {
        var first = Replay(script.Events);
        var second = Replay(script.Events);
        return first.AsSpan().SequenceEqual(second);
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(EventArbitraries)])]
    public bool Apply_StoredAndReloadedHalfway_SameStateAsUninterrupted(EventScript script)
    {
        // A grain that moves to another silo halfway resumes from the stored bytes.
        var half = script.Events.Count / 2;
        var state = new CustomerState();
        foreach (var change in script.Events.Take(half))
        {
            CustomerHistory.Apply(state, change, CrmRuleSet.SeedStandard, Shanghai);
        }

        state = Serializer.Deserialize<CustomerState>(Serializer.SerializeToArray(state))!;
        foreach (var change in script.Events.Skip(half))
        {
            CustomerHistory.Apply(state, change, CrmRuleSet.SeedStandard, Shanghai);
        }

        return StateText.Describe(state) == StateText.Describe(Serializer.Deserialize<CustomerState>(Replay(script.Events))!);
    }

    private static byte[] Replay(IReadOnlyList<CustomerEvent> events)
    {
        var state = new CustomerState();
        foreach (var change in events)
        {
            CustomerHistory.Apply(state, change, CrmRuleSet.SeedStandard, Shanghai);
        }

        return Serializer.SerializeToArray(state);
    }

    public sealed record EventScript(IReadOnlyList<CustomerEvent> Events)
    {
        public override string ToString() => string.Join(Environment.NewLine, Events);
    }

    public static class EventArbitraries
    {
        private static readonly Instant Start = Instant.FromUtc(2026, 1, 5, 1, 0);

        public static Arbitrary<EventScript> Scripts() => Gen.ListOf(Step()).Select(steps =>
        {
            var at = Start;
            var events = new List<CustomerEvent>();
            foreach (var (minutes, make) in steps)
            {
                at += Duration.FromMinutes(minutes);
                events.Add(make(at));
            }

            return new EventScript(events);
        }).ToArbitrary();

        private static Gen<(int Minutes, Func<Instant, CustomerEvent> Make)> Step()
        {
            var score = Gen.Choose(1, 5);
            var ticket = Gen.Elements("T-1", "T-2");
            var events = Gen.OneOf(
                Gen.Zip(Gen.Choose(0, 5000), Gen.ArrayOf(score, 6)).Select(p => (Func<Instant, CustomerEvent>)(at =>
                    new Purchased(at, p.Item1, p.Item2.Length == 6 ? RulesRolloutTests.Scores(p.Item2[0], p.Item2[1], p.Item2[2], p.Item2[3], p.Item2[4], p.Item2[5]) : null))),
                Gen.Elements("salesDirector", "salesManager").Select(role => (Func<Instant, CustomerEvent>)(at => new GradeApproved(at, "u-1", role))),
                Gen.Elements(true, false).Select(open => (Func<Instant, CustomerEvent>)(at => new ContactLogged(at, "call", open))),
                Gen.Zip(ticket, Gen.Elements("response", "inquiry", "issue", "crisis")).Select(p => (Func<Instant, CustomerEvent>)(at => new TicketOpened(at, p.Item1, p.Item2, p.Item2 == "inquiry" ? "vip" : null))),
                ticket.Select(t => (Func<Instant, CustomerEvent>)(at => new TicketPaused(at, t))),
                ticket.Select(t => (Func<Instant, CustomerEvent>)(at => new TicketResumed(at, t))),
                ticket.Select(t => (Func<Instant, CustomerEvent>)(at => new TicketResolved(at, t))),
                Gen.Choose(-1, 11).Select(s => (Func<Instant, CustomerEvent>)(at => new SurveyAnswered(at, s))),
                Gen.Elements(true, false).Select(b => (Func<Instant, CustomerEvent>)(at => new StageFactsStated(at, new() { ["repeatPurchasesWithin6Months"] = 3 }, new() { ["firstDealDone"] = b }))),
                Gen.Elements("growth", "maturity", "churned").Select(s => (Func<Instant, CustomerEvent>)(at => new StageMoveRequested(at, s))),
                Gen.Constant((Func<Instant, CustomerEvent>)(at => new SlaAlarmsDue(at))));
            return Gen.Zip(Gen.Choose(0, 60 * 30), events);
        }
    }
}
