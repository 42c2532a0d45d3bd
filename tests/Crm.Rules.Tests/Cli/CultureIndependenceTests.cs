using System.Globalization;

namespace Crm.Rules.Tests.Cli;

/// <summary>
/// No number or date a command prints depends on the culture of the thread that runs it. The command line runs with
/// invariant globalization, but the library runs in hosts with any culture: every text it makes — explanations,
/// reasons, guard verdicts — must read the same in Stockholm and in Berlin. Each run here is made twice in-process, once
/// under the invariant culture and once under a culture whose every number symbol differs from it, and must print the
/// same bytes.
/// </summary>
public sealed class CultureIndependenceTests
{
    public static TheoryData<string> Runs => new(
        "grade --input samples/data/customers.csv --format jsonl --explain",
        "grade --input samples/data/customers-raw.csv --config samples/config/raw-bands.json --format jsonl --explain",
        "churn --input samples/data/churn-customers.csv --format jsonl --explain",
        "sla --input samples/data/tickets.json --format jsonl --explain",
        "sla --input samples/data/tickets.csv --format csv",
        "cadence --input samples/data/cadence-customers.csv --as-of 2026-11-24 --format jsonl",
        "assess --input samples/data/profiles.csv --as-of 2026-11-24 --format jsonl --explain --workers 1",
        "assess --input samples/data/profiles.csv --as-of 2026-11-24 --format csv --explain --workers 2",
        "assess --input samples/data/profiles.csv --as-of 2026-11-24 --format table --summary --workers 1",
        "loyalty --input samples/data/loyalty-activities.csv --as-of 2026-11-24 --format jsonl",
        "lifecycle --input samples/data/lifecycle-records.json --format jsonl --explain",
        "prioritise --input samples/data/demands.csv --format jsonl --explain",
        "nps --input samples/data/nps-answers.csv --format jsonl",
        "funnel --input samples/data/funnel-histories.csv --machine lifecycle",
        "lint");

    [Theory]
    [MemberData(nameof(Runs))]
    public void A_run_prints_the_same_under_any_culture(string run)
    {
        var args = run.Split(' ').Select(a => a.StartsWith("samples/", StringComparison.Ordinal) ? RepositoryPaths.Combine(a.Split('/')) : a).ToArray();

        var invariant = RunUnder(CultureInfo.InvariantCulture, args);
        var hostile = RunUnder(Hostile(), args);

        Assert.Equal(invariant.Exit, hostile.Exit);
        Assert.Equal(invariant.Output, hostile.Output);
        Assert.Equal(invariant.Error, hostile.Error);
    }

    [Fact]
    public void The_hostile_culture_really_formats_differently()
    {
        // The test above proves nothing unless this culture changes what culture-dependent formatting prints.
        var hostile = Hostile();
        Assert.NotEqual((-1234.5m).ToString(CultureInfo.InvariantCulture), (-1234.5m).ToString("N1", hostile));
        Assert.NotEqual((-3).ToString(CultureInfo.InvariantCulture), (-3).ToString(hostile));
        Assert.NotEqual(0.5m.ToString(CultureInfo.InvariantCulture), 0.5m.ToString(hostile));
    }

    // Every symbol a number is printed with differs from the invariant culture's: a minus sign as Swedish prints it
    // (U+2212), a decimal comma, a group dot, a different percent and infinity.
    private static CultureInfo Hostile()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        var numbers = culture.NumberFormat;
        numbers.NegativeSign = "\u2212";
        numbers.PositiveSign = "\u002B\u200B";
        numbers.NumberDecimalSeparator = ",";
        numbers.NumberGroupSeparator = ".";
        numbers.CurrencyDecimalSeparator = ",";
        numbers.CurrencyGroupSeparator = ".";
        numbers.PercentDecimalSeparator = ",";
        numbers.PercentGroupSeparator = ".";
        numbers.PercentSymbol = "٪";
        numbers.PositiveInfinitySymbol = "inf";
        culture.DateTimeFormat.DateSeparator = ".";
        culture.DateTimeFormat.TimeSeparator = "h";
        return culture;
    }

    private static (int Exit, string Output, string Error) RunUnder(CultureInfo culture, string[] args)
    {
        var (current, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            // The culture flows to the run's workers with the execution context.
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return CliRun.Run(args);
        }
        finally
        {
            CultureInfo.CurrentCulture = current;
            CultureInfo.CurrentUICulture = ui;
        }
    }
}
