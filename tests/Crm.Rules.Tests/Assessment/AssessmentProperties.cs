using Crm.Rules.Assessment;
using Crm.Rules.Cadence;
using Crm.Rules.Lifecycle;
using Crm.Rules.Scoring;
using Crm.Rules.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace Crm.Rules.Tests.Assessment;

/// <summary>
/// The assessment is the families composed, nothing more: each section equals what the family gives alone for the same
/// inputs, a portfolio's order does not matter, and the summary counts are the per-customer results counted.
/// </summary>
public class AssessmentProperties
{
    private static readonly CrmRuleSet Seed = CrmRuleSet.SeedStandard;

    // Portfolios of the package's customer profiles (CrmGen.CustomerProfiles): any subset of the parts the assessment
    // reads, in the seed's terms, shrunk to fewer customers with fewer parts.
    private static Arbitrary<Portfolio> Portfolios() => Arb.From(
        CrmGen.CustomerProfiles().Generator.ArrayOf().Select(cases => new Portfolio(cases)),
        p => Crm.Rules.Testing.Shrink.Array(p.Cases, c => c.Smaller()).Select(cases => new Portfolio(cases)));

    private static readonly LocalDate Today = ProfileCase.AsOfDate;

    private sealed record Portfolio(ProfileCase[] Cases)
    {
        public CustomerProfile[] Profiles => [.. Cases.Select((c, i) => c.Profile($"c{i:000}", Seed))];

        public override string ToString() => string.Join(Environment.NewLine, Cases.Select((c, i) => $"c{i:000}: {c}"));
    }

    [Property(MaxTest = 60)]
    public Property EverySection_EqualsItsFamilyAlone()
        => Prop.ForAll(Portfolios(), portfolio =>
        {
            var profiles = portfolio.Profiles;
            var asOf = Seed.Assessment.StartOf(Today);
            foreach (var p in profiles)
            {
                var a = Seed.Assessment.Assess(p, asOf);
                var computed = p.Indicators is null ? null : Seed.ValueGrading.Grade(Seed.ValueGrading.Indicators.Select(i => p.Indicators[i.Name]).ToArray()).Grade;
                var inEffect = p.Grade ?? computed?.Name;
                if (a.Grade?.InEffect?.Name != inEffect)
                {
                    return false.Label($"{p.Id}: grade in effect {a.Grade?.InEffect?.Name} but the given/computed grade is {inEffect}");
                }

                if (p.Churn is { } facts && a.Churn!.Outcome != Seed.Churn.Score(facts with { ValueGrade = inEffect }))
                {
                    return false.Label($"{p.Id}: churn {a.Churn.Outcome} differs from ChurnRules.Score");
                }

                // The whole plan — date, owner, channel, reason, other touches — as the planner makes it for the customer
                // with the grade in effect, a lead's label and the profile's stage.
                if (p.Cadence is { } c
                    && a.Cadence!.ToString() != Seed.Cadence.Plan(
                        c with { Grade = inEffect ?? c.Grade, LeadLabel = c.LeadLabel ?? (inEffect is null ? a.Lead?.Label.Name : null), LifecycleStage = p.Stage ?? c.LifecycleStage },
                        Today).ToString())
                {
                    return false.Label($"{p.Id}: contact plan differs from CadenceRules.Plan");
                }

                if (p.Stage is { } s && a.Lifecycle!.Verdict.Proposed.Name != Seed.Assessment.Machine.Propose(s, p.StageFacts!).Proposed)
                {
                    return false.Label($"{p.Id}: proposed stage differs from StateMachine.Propose");
                }

                // Told without explaining the proposal, explained when asked for: the same moves, the same words.
                if (p.Stage is { } stage
                    && (!a.Lifecycle!.BlockedMoves.SequenceEqual(Seed.Assessment.Machine.Propose(stage, p.StageFacts!).Blocked.Select(b => b.ToString()))
                        || a.Lifecycle.Proposal.ToString() != Seed.Assessment.Machine.Propose(stage, p.StageFacts!).ToString()))
                {
                    return false.Label($"{p.Id}: blocked moves or explained proposal differ from StateMachine.Propose");
                }

                // Appended, before and after the texts are asked for (a fresh section: this one's were read above).
                if (p.Stage is not null && !AppendsItsBlockedMoves(Seed.Assessment.Assess(p, asOf).Lifecycle!))
                {
                    return false.Label($"{p.Id}: appended blocked moves differ from BlockedMoves joined");
                }

                if (inEffect is not null && a.Sla?.Response?.Name != Seed.Sla.Select(inEffect, "response", null)?.Name)
                {
                    return false.Label($"{p.Id}: response policy differs from SlaRules.Select");
                }
            }

            return true.Label("every section equals its family");
        });

    // What a CSV cell joins of a section's blocked moves, appended before and after the texts are made.
    private static bool AppendsItsBlockedMoves(LifecycleSection fresh)
    {
        var before = new System.Text.StringBuilder();
        var appended = fresh.AppendBlockedMoves(before, "; ");
        var texts = fresh.BlockedMoves;
        var after = new System.Text.StringBuilder();
        var again = fresh.AppendBlockedMoves(after, "; ");
        var joined = string.Join("; ", texts);
        return appended == texts.Count && again == texts.Count && before.ToString() == joined && after.ToString() == joined;
    }

    [Property(MaxTest = 60)]
    public Property TheBatchPath_DecidesAsAssessDoes()
        => Prop.ForAll(Portfolios(), portfolio =>
        {
            var profiles = portfolio.Profiles;
            var rules = Seed.Assessment;
            var asOf = rules.StartOf(Today);
            var width = Seed.ValueGrading.Indicators.Count;
            var scores = new byte[profiles.Length * width];
            var facts = new AssessmentFacts[profiles.Length];
            for (var i = 0; i < profiles.Length; i++)
            {
                var p = profiles[i] with { Cadence = profiles[i].Cadence is { } c ? c with { Events = [] } : null }; // the batch path reads no events (NextDueBatch)
                profiles[i] = p;
                for (var n = 0; n < width && p.Indicators is not null; n++)
                {
                    scores[(i * width) + n] = (byte)p.Indicators[Seed.ValueGrading.Indicators[n].Name].Number;
                }

                facts[i] = new AssessmentFacts(
                    p.Grade is { } g ? Seed.ValueGrading.FindGrade(g)!.Rank : -1, p.Churn, p.Cadence?.LastContact, p.Cadence?.FirstDeal,
                    p.Cadence?.LeadLabel is { } label ? Seed.Cadence.LeadLabels.ToList().IndexOf(label) : 0, p.Stage, p.StageFacts);
            }

            var outcomes = new AssessmentOutcome[profiles.Length];
            rules.AssessBatch(scores, facts, asOf, outcomes);
            for (var i = 0; i < profiles.Length; i++)
            {
                var a = rules.Assess(profiles[i], asOf);
                var o = outcomes[i];
                var problem =
                    (a.Grade?.InEffect?.Rank ?? -1) != o.GradeInEffect ? $"grade in effect {a.Grade?.InEffect?.Name} vs rank {o.GradeInEffect}"
                    : a.Churn is { } churn && churn.Outcome != o.Churn ? $"churn {churn.Outcome} vs {o.Churn}"
                    : (a.Churn is not null) != o.HasChurn ? "churn presence"
                    : a.Cadence is { } plan && plan.NextDue != o.NextDue ? $"next due {plan.NextDue} vs {o.NextDue}"
                    : a.Sla?.Response?.Name != o.Response?.Name ? $"response {a.Sla?.Response?.Name} vs {o.Response?.Name}"
                    : a.Lifecycle?.Proposal.Proposed != o.Proposed ? $"proposed {a.Lifecycle?.Proposal.Proposed} vs {o.Proposed}"
                    : null;
                if (problem is not null)
                {
                    return false.Label($"{profiles[i]}: {problem}");
                }
            }

            return true.Label("batch = per customer");
        });

    [Property(MaxTest = 40)]
    public Property AnyOrder_GivesTheSameResultsAndSummary()
        => Prop.ForAll(Portfolios(), Arb.From(Gen.Choose(0, int.MaxValue)), (portfolio, seed) =>
        {
            var profiles = portfolio.Profiles;
            var asOf = Seed.Assessment.StartOf(Today);
            var random = new Random(seed);
            CustomerProfile[] shuffled = [.. profiles.OrderBy(_ => random.Next())];
            var once = profiles.ToDictionary(p => p.Id, p => Seed.Assessment.Assess(p, asOf).ToString());
            var again = shuffled.ToDictionary(p => p.Id, p => Seed.Assessment.Assess(p, asOf).ToString());
            var summary = Summarise(profiles, asOf);
            var shuffledSummary = Summarise(shuffled, asOf);
            return (once.OrderBy(x => x.Key).SequenceEqual(again.OrderBy(x => x.Key)) && Dump(summary) == Dump(shuffledSummary)).Label($"{Dump(summary)}\nvs\n{Dump(shuffledSummary)}");
        });

    [Property(MaxTest = 60)]
    public Property SummaryCounts_EqualThePerCustomerResults()
        => Prop.ForAll(Portfolios(), portfolio =>
        {
            var profiles = portfolio.Profiles;
            var asOf = Seed.Assessment.StartOf(Today);
            var results = profiles.Select(p => Seed.Assessment.Assess(p, asOf)).ToArray();
            var summary = Summarise(profiles, asOf);
            var ok = summary.Customers == results.Length
                && summary.Grades.All(g => g.Count == results.Count(r => (r.Grade?.InEffect?.Name ?? "none") == g.Name))
                && summary.Bands.All(b => b.Count == results.Count(r => r.Churn?.Outcome.Band.Name == b.Name))
                && summary.ProposedStages.All(s => s.Count == results.Count(r => r.Lifecycle?.Proposal.Proposed == s.Name))
                && summary.ContactWeeks.Sum(w => w.Total) + summary.ContactsLater == results.Count(r => r.Cadence is not null)
                && summary.PendingApproval == results.Count(r => r.Grade?.Approval.Status == GradeAssignmentStatus.PendingApproval)
                && summary.TopAtRisk.Count == Math.Min(Seed.Assessment.TopAtRisk, results.Count(r => r.Churn is not null))
                && summary.Missing.All(m => m.Count == results.Count(r => r.Missing.Any(s => PortfolioTally.SectionName(s) == m.Name)));
            return ok.Label(Dump(summary));
        });

    [Property(MaxTest = 40)]
    public Property TalliesOfParts_Merged_AreTheTallyOfTheWhole()
        => Prop.ForAll(Portfolios(), Arb.From(Gen.Choose(1, 4)), (portfolio, parts) =>
        {
            var profiles = portfolio.Profiles;
            var asOf = Seed.Assessment.StartOf(Today);
            var merged = new PortfolioTally(Seed.Assessment, asOf);
            foreach (var part in profiles.Select((p, i) => (p, i)).GroupBy(x => x.i % parts))
            {
                var tally = new PortfolioTally(Seed.Assessment, asOf);
                foreach (var (p, _) in part)
                {
                    tally.Add(Seed.Assessment.Assess(p, asOf));
                }

                merged.Merge(tally);
            }

            var whole = Dump(Summarise(profiles, asOf));
            return (Dump(merged.Summary()) == whole).Label($"{Dump(merged.Summary())}\nvs\n{whole}");
        });

    [Fact]
    public void Merge_RefusesItself_AndAnotherDatesTally()
    {
        var asOf = Seed.Assessment.StartOf(Today);
        var tally = new PortfolioTally(Seed.Assessment, asOf);
        Assert.Throws<ArgumentException>(() => tally.Merge(tally));
        var error = Assert.Throws<ArgumentException>(() => tally.Merge(new PortfolioTally(Seed.Assessment, asOf.Plus(Duration.FromDays(1)))));
        Assert.Contains("2026", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => tally.Merge(null!));
    }

    private static PortfolioSummary Summarise(IEnumerable<CustomerProfile> profiles, Instant asOf)
    {
        var tally = new PortfolioTally(Seed.Assessment, asOf);
        foreach (var p in profiles)
        {
            tally.Add(Seed.Assessment.Assess(p, asOf));
        }

        return tally.Summary();
    }

    private static string Dump(PortfolioSummary s)
        => string.Join("|", [s.ToString(), .. s.Grades, .. s.ValueByGrade, .. s.Bands, .. s.SignalsByBand.SelectMany(b => b.Value.Select(v => $"{b.Key}:{v}")),
            .. s.Stages, .. s.ProposedStages, .. s.ContactWeeks, .. s.TopAtRisk, .. s.Missing, s.ContactsLater]);
}
