using System.Globalization;
using System.Text.Json.Nodes;
using Crm.Rules.Cadence;
using Crm.Rules.Churn;
using Crm.Rules.Configuration;
using Crm.Rules.Demands;
using Crm.Rules.Lifecycle;
using Crm.Rules.Sla;
using NodaTime;

namespace Crm.Rules.Tests.Configuration;

/// <summary>
/// Mutates the seed-standard rules file at random and checks that the loader never crashes and never guesses: it
/// returns a rule set or a <see cref="CrmRulesConfigurationException"/> whose every error has a path and a short
/// sentence, and every rule set it returns can be evaluated at the ends of NodaTime's calendar.
/// </summary>
public class LoaderFuzzTests
{
    // A mutation run (tests/mutation/run.sh sets CRM_RULES_MUTATION_RUN) reruns this test for nearly every mutant of the
    // loader: there a tenth of the mutations keeps the run within minutes. dotnet test and CI always run all 2,000.
    private static readonly int Mutations = Environment.GetEnvironmentVariable("CRM_RULES_MUTATION_RUN") is null ? 2_000 : 200;
    private const int RandomSeed = 20_260_611;
    private const int MessageBound = 800;
    private const string Surrogate = "@@lone-surrogate@@";

    private static readonly JsonNode Seed = JsonNode.Parse(CrmRulesJson.Serialize(CrmRulesOptions.SeedStandard()))!;

    private static readonly Func<Random, JsonNode?>[] Replacements =
    [
        _ => null,
        _ => JsonValue.Create(9223372036854775807L),
        _ => JsonNode.Parse("9223372036854775808"),
        _ => JsonNode.Parse("-9223372036854775809"),
        _ => JsonNode.Parse("79228162514264337593543950336"),
        _ => JsonNode.Parse("1e400"),
        _ => JsonNode.Parse("1e-400"),
        _ => JsonNode.Parse("-1e-400"),
        _ => JsonNode.Parse("1.0000000000000000000000000001"),
        _ => JsonNode.Parse("0.0000001"),
        _ => JsonValue.Create(2147483648L),
        _ => JsonValue.Create(-1),
        _ => JsonValue.Create(0),
        _ => JsonValue.Create(1.5m),
        _ => JsonValue.Create(1_000_001),
        _ => JsonValue.Create(true),
        _ => JsonValue.Create("text"),
        _ => JsonValue.Create(""),
        _ => JsonValue.Create(" "),
        _ => JsonValue.Create("tab\tand\nnew line"),
        _ => JsonValue.Create(Surrogate),
        _ => JsonValue.Create("x" + Surrogate),
        r => JsonValue.Create(new string('w', 100 + r.Next(3_000))),
        _ => new JsonObject(),
        _ => new JsonArray(),
        _ => new JsonArray((JsonNode?)null),
        _ => new JsonArray(JsonValue.Create(1), JsonValue.Create("a")),
        _ => JsonValue.Create("P99999999Y"),
        _ => JsonValue.Create("P100Y"),
        _ => JsonValue.Create("P101Y"),
        _ => JsonValue.Create("P1200M"),
        _ => JsonValue.Create("P10000D"),
        _ => JsonValue.Create("P10001D"),
        _ => JsonValue.Create("P2147483647D"),
        _ => JsonValue.Create("-P1D"),
        _ => JsonValue.Create("P0D"),
        _ => JsonValue.Create("PT9999999999H"),
        _ => JsonValue.Create("PT240000H"),
        _ => JsonValue.Create("PT240001H"),
        _ => JsonValue.Create("-PT1H"),
        _ => JsonValue.Create("PT0S"),
        _ => JsonValue.Create("P1Y2M3W4DT5H6M7.5S"),
        _ => JsonValue.Create("0"),
        _ => JsonValue.Create("1"),
        _ => JsonValue.Create("reject "),
        _ => JsonValue.Create("Reject"),
        _ => JsonValue.Create("renormalize"),
        _ => JsonValue.Create("later"),
        _ => JsonValue.Create("behaviour"),
        _ => JsonValue.Create("attitude"),
        _ => JsonValue.Create("exit"),
        _ => JsonValue.Create(7),
        _ => JsonValue.Create("24x7"),
        _ => JsonValue.Create("00:00-24:00"),
        _ => JsonValue.Create("23:00-01:00"),
        _ => JsonValue.Create("2026-02-30"),
        _ => JsonValue.Create("9999-12-31"),
        _ => JsonValue.Create("0001-01-01/0001-12-31"),
        _ => JsonValue.Create("Etc/GMT+14"),
    ];

    [Fact]
    public void MutatedSeedStandard_CompilesOrReportsEveryProblemWithAPathAndAShortSentence()
    {
        var crashes = new System.Collections.Concurrent.ConcurrentBag<string>();
        var (compiled, rejected) = (0, 0);

        // Each mutation has its own seed, so a failure names a case that reruns alone the same way.
        Parallel.For(0, Mutations, i =>
        {
            var (text, how) = Mutate(new Random(RandomSeed + i));
            CrmRuleSet ruleSet;
            try
            {
                ruleSet = CrmRuleSet.Compile(CrmRulesJson.Parse(text));
            }
            catch (CrmRulesConfigurationException e)
            {
                Interlocked.Increment(ref rejected);
                foreach (var error in e.Errors.DefaultIfEmpty(new ConfigurationError("", "")))
                {
                    if (string.IsNullOrWhiteSpace(error.Path) || string.IsNullOrWhiteSpace(error.Message)
                        || error.Path.Length + error.Message.Length > MessageBound || error.Message.Contains('\n', StringComparison.Ordinal))
                    {
                        crashes.Add($"#{i}: unusable error '{Shorten(error.ToString())}' after {how}");
                    }
                }

                return;
            }
#pragma warning disable CA1031 // The test collects every crash to report them together.
            catch (Exception e)
#pragma warning restore CA1031
            {
                crashes.Add($"#{i}: loader {e.GetType().Name}: {Shorten(e.Message)} after {how} {Shorten(e.StackTrace ?? "", 300)}");
                return;
            }

            Interlocked.Increment(ref compiled);
            if (EvaluateAtTheEndsOfTime(ruleSet) is { } crash)
            {
                crashes.Add($"#{i}: evaluation {crash} after {how}");
            }
        });

        Assert.True(crashes.IsEmpty, $"{crashes.Count} crashes:{Environment.NewLine}{string.Join(Environment.NewLine, crashes.OrderBy(c => c, StringComparer.Ordinal).Take(50))}");

        // The mutations must exercise both outcomes, or the test proves nothing.
        Assert.InRange(compiled, Mutations / 40, Mutations);
        Assert.InRange(rejected, Mutations / 2, Mutations);
    }

    [Fact]
    public void SeedStandard_EvaluatesAtTheEndsOfTime()
    {
        var crash = EvaluateAtTheEndsOfTime(CrmRuleSet.SeedStandard);
        Assert.True(crash is null, crash);
    }

    /// <summary>
    /// Evaluates every family once on a small fixed input at the first and last dates of the supported range
    /// (0001-01-01 … 9899-12-31) and at 9999-12-31; returns a crash or null.
    /// </summary>
    /// <remarks>
    /// Within the supported range nothing may throw. Past it (docs/configuration.md, "Bounds"), a result beyond
    /// NodaTime's last instant is reported by NodaTime's <see cref="OverflowException"/> or
    /// <see cref="ArgumentOutOfRangeException"/>, and nothing else.
    /// </remarks>
    internal static string? EvaluateAtTheEndsOfTime(CrmRuleSet rules)
    {
        foreach (var (date, supported) in new[] { (new LocalDate(1, 1, 1), true), (new LocalDate(9899, 12, 31), true), (new LocalDate(9999, 12, 31), false) })
        {
            try
            {
                Evaluate(rules, date);
            }
#pragma warning disable CA1031 // Each crash is reported with the date that gave it.
            catch (Exception e) when (supported || e is not (OverflowException or ArgumentOutOfRangeException))
#pragma warning restore CA1031
            {
                return $"at {date:uuuu-MM-dd}: {e.GetType().Name}: {Shorten(e.Message)} {Shorten(e.StackTrace ?? "", 300)}";
            }
#pragma warning disable CA1031 // Past the supported range: the documented report.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }

        return null;
    }

    private static void Evaluate(CrmRuleSet rules, LocalDate date)
    {
        var scores = Enumerable.Repeat((byte)rules.ValueGrading.MaximumScore, rules.ValueGrading.Indicators.Count).ToArray();
        var grade = rules.ValueGrading.Grade(scores);
        _ = rules.ValueGrading.Explain(scores);
        _ = rules.LeadScoring.Score(Enumerable.Repeat(true, rules.LeadScoring.Criteria.Count).ToArray());

        var instant = date.AtMidnight().InUtc().ToInstant();
        foreach (var policy in rules.Sla.Policies)
        {
            var clock = SlaClock.Start(policy, instant);
            try
            {
                _ = rules.Sla.Evaluate(clock, instant);
            }
            catch (CrmInputException e) when (e.Field == "asOf" && e.Problem.Contains("after 9999-12-31", StringComparison.Ordinal))
            {
                // The documented report of a deadline past the end of the range (a long target on a sparse calendar).
            }
        }

        foreach (var calendar in rules.Sla.Calendars.Values)
        {
            _ = calendar.NextWorkingInstant(instant);
            _ = calendar.Add(instant, Duration.FromHours(1));
            _ = calendar.Between(instant, instant);
        }

        var customer = new CadenceCustomer("c1")
        {
            Grade = grade.Grade?.Name,
            LastContact = date,
            FirstDeal = date,
            LastSurvey = date,
            Events = [new CustomerEvent("complaint", date)],
            Contacts = [new ContactRecord(date, "no answer", true)],
        };
        _ = rules.Cadence.Plan(customer, date);
        _ = rules.Cadence.Plan(new CadenceCustomer("lead") { LeadLabel = rules.Cadence.LeadLabels.Count > 0 ? rules.Cadence.LeadLabels[0] : null, LastContact = date }, date);

        _ = rules.Demands.Prioritise(
        [
            new Demand("d1", grade.Grade?.Name) { Important = true, Urgent = true, Value = 10, Cost = 2, StrategicFit = 3 },
            new Demand("d2", null) { Importance = 5, Urgency = 1, Value = 1, Cost = 0 },
        ]);

        _ = rules.Satisfaction.Nps([0, 7, 9, 10]);
        _ = rules.DataQuality.CheckCustomerId("RT2024001");
        _ = rules.DataQuality.Completeness([("r1", new Dictionary<string, string?> { ["name"] = "x" })]);
        _ = rules.DataQuality.MaskPhone("13812345678");
        _ = rules.DataQuality.MaskEmail("zhang@example.com");

        _ = rules.Churn.Explain(new ChurnFacts(date)
        {
            LastUse = date,
            LastInteraction = date,
            LastPurchase = date,
            AmountThisMonth = 1,
            AmountLastMonth = 1_000_000,
            ContactsPerMonthBefore = 10,
            ContactsPerMonthNow = 0,
            UnresolvedComplaints = int.MaxValue,
            ValueGrade = grade.Grade?.Name,
        });

        foreach (var machine in rules.Lifecycle.Machines.Values)
        {
            var stage = machine.Stages[0];
            _ = machine.Propose(stage, new StageFacts());
            _ = machine.Decide(stage, machine.Stages[^1], new StageFacts());
            _ = rules.Lifecycle.Funnel(machine, [[new StageEntry(stage, instant)]], instant, instant);
        }
    }

    private static (string Text, string Mutations) Mutate(Random random)
    {
        var document = Seed.DeepClone();
        var mutations = 1 + random.Next(3);
        var described = new List<string>();
        for (var m = 0; m < mutations; m++)
        {
            var nodes = new List<(JsonNode Parent, string? Key, int Index)>();
            Collect(document, nodes);
            var (parent, key, index) = nodes[random.Next(nodes.Count)];
            var at = key is null ? $"{parent.GetPath()}[{index}]" : $"{parent.GetPath()}.{key}";
            switch (random.Next(10))
            {
                case 0 when key is not null:
                    ((JsonObject)parent).Remove(key);
                    described.Add($"delete {at}");
                    break;
                case 1 when parent is JsonArray list:
                    list.Add(list[index]?.DeepClone());
                    described.Add($"repeat {at}");
                    break;
                case 2 when key is not null:
                    var map = (JsonObject)parent;
                    var copy = map[key]?.DeepClone();
                    map.Remove(key);
                    map[key + (random.Next(2) == 0 ? "X" : Surrogate)] = copy;
                    described.Add($"rename {at}");
                    break;
                default:
                    var replacement = Replacements[random.Next(Replacements.Length)](random);
                    described.Add($"{at} = {Shorten(replacement?.ToJsonString() ?? "null", 40)}");
                    if (key is not null)
                    {
                        parent[key] = replacement;
                    }
                    else
                    {
                        parent[index] = replacement;
                    }

                    break;
            }
        }

        var text = document.ToJsonString().Replace(Surrogate, "\\ud800", StringComparison.Ordinal);
        var how = string.Join("; ", described);
        return random.Next(40) switch
        {
            0 => (text[..random.Next(text.Length)], how + "; truncated"),
            1 => (text.Replace("\"grades\":{", "\"grades\":{\"A\":{},", StringComparison.Ordinal), how + "; duplicate grade A"),
            2 => (text.Insert(1, "\"leadScoring\":{},"), how + "; duplicate leadScoring"),
            _ => (text, how),
        };
    }

    private static void Collect(JsonNode node, List<(JsonNode Parent, string? Key, int Index)> nodes)
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, child) in obj)
            {
                nodes.Add((obj, key, -1));
                if (child is not null)
                {
                    Collect(child, nodes);
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                nodes.Add((array, null, i));
                if (array[i] is { } child)
                {
                    Collect(child, nodes);
                }
            }
        }
    }

    private static string Shorten(string text, int length = 160)
        => text.Length <= length ? text : text[..length] + "…";
}
