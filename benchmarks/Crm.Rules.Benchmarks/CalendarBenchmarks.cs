using BenchmarkDotNet.Attributes;
using Crm.Rules.Configuration;
using Crm.Rules.Sla;
using Crm.Rules.Tests.Sla;
using NodaTime;

namespace Crm.Rules.Benchmarks;

/// <summary>
/// Adding business time on a Shanghai office calendar with a lunch break and a year of holidays and make-up days,
/// against the naive minute-stepping reference of the property tests.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class CalendarAddBenchmarks
{
    public const string OfficeWithHolidays = """
        { "sla": { "calendars": { "cn-office": {
            "timeZone": "Asia/Shanghai",
            "week": { "monday": ["09:00-12:00", "13:30-18:00"], "tuesday": ["09:00-12:00", "13:30-18:00"], "wednesday": ["09:00-12:00", "13:30-18:00"],
                      "thursday": ["09:00-12:00", "13:30-18:00"], "friday": ["09:00-12:00", "13:30-18:00"] },
            "holidays": ["2026-01-01/2026-01-03", "2026-02-15/2026-02-23", "2026-04-04/2026-04-06", "2026-05-01/2026-05-05",
                         "2026-06-19/2026-06-21", "2026-09-25/2026-09-27", "2026-10-01/2026-10-08"],
            "overrides": { "2026-01-04": ["09:00-12:00", "13:30-18:00"], "2026-02-14": ["09:00-12:00", "13:30-18:00"], "2026-02-28": ["09:00-12:00", "13:30-18:00"],
                           "2026-05-09": ["09:00-12:00", "13:30-18:00"], "2026-09-20": ["09:00-12:00", "13:30-18:00"], "2026-10-10": ["09:00-12:00", "13:30-18:00"] } } } } }
        """;

    private readonly BusinessCalendar _calendar = CrmRuleSet.Compile(CrmRulesJson.Parse(OfficeWithHolidays)).Sla.FindCalendar("cn-office")!;
    private readonly Instant _start = Instant.FromUtc(2026, 1, 5, 1, 0); // Monday 09:00 in Shanghai
    private NaiveCalendar _naive = null!;

    [Params(8, 40, 10_000)]
    public int Hours { get; set; }

    [GlobalSetup]
    public void Setup() => _naive = new NaiveCalendar(_calendar);

    [Benchmark(Baseline = true, Description = "naive: minute stepping")]
    public Instant Naive() => _naive.Add(_start, Duration.FromHours(Hours));

    [Benchmark(Description = "Crm.Rules: BusinessCalendar.Add")]
    public Instant CrmRules() => _calendar.Add(_start, Duration.FromHours(Hours));
}

/// <summary>Evaluating an SLA clock with two pauses (business calendar, 48 h target).</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class SlaEvaluationBenchmarks
{
    private readonly SlaRules _rules = CrmRuleSet.SeedStandard.Sla;
    private SlaClock _clock = null!;
    private Instant _asOf;

    [GlobalSetup]
    public void Setup()
    {
        var start = Instant.FromUtc(2026, 11, 23, 1, 0);
        _clock = SlaClock.Create(_rules.FindPolicy("response-B")!, start,
        [
            new SlaPause(start + Duration.FromHours(5), start + Duration.FromHours(7)),
            new SlaPause(start + Duration.FromHours(30), start + Duration.FromHours(50)),
        ]);
        _asOf = start + Duration.FromHours(80);
    }

    [Benchmark(Description = "Crm.Rules: SlaRules.Evaluate (2 pauses)")]
    public SlaStatus Evaluate() => _rules.Evaluate(_clock, _asOf).Status;
}
