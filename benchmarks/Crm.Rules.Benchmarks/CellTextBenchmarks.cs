using BenchmarkDotNet.Attributes;
using Crm.Rules.Data;
using NodaTime;
using NodaTime.Text;

namespace Crm.Rules.Benchmarks;

/// <summary>
/// The text of one result line's cells, as <c>assess</c> makes them a million times: a date (NodaTime's ISO pattern,
/// the baseline, against <see cref="IsoDate"/>), and the check every text cell passes before it is written (a test of
/// each character, as <see cref="SafeText.IsPrintable"/> was written before 2026-12-06, against its searches), over the
/// cells of a typical line, and against the one SearchValues search of the unprintable set it made from 2026-12-06 to
/// the seventh session's end.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CellTextBenchmarks
{
    private const int Dates = 1_000;

    // A typical line's text cells: ids, roles, reasons, the lifecycle's failed guards (arrows, ≥), a Chinese name.
    private static readonly string[] Cells =
    [
        "AA2020001", "db0a01a33e8df310", "salesDirector", "worsening", "grade A (maturity): every month after the last contact on 2026-10-20",
        "survey 2026-11-01; birthday 2026-11-24", "decline → maturity [back]: blocked by amountChange ≥ 0: failed (is -0.4); not renewalRefused: failed (is true)",
        "win back or recover value", "response-A", "champions", "华润零售", "churn-cause-analysis 2026-11-24T16:00:00Z; churn-executive-talk 2026-11-26T16:00:00Z",
    ];

    private readonly LocalDate[] _dates = [.. Enumerable.Range(0, Dates).Select(i => new LocalDate(2026, 1, 1).PlusDays(i))];
    private readonly char[] _buffer = new char[16];

    [BenchmarkCategory("date")]
    [Benchmark(Baseline = true, OperationsPerInvoke = Dates, Description = "a date: LocalDatePattern.Iso.Format")]
    public int DatePattern()
    {
        var length = 0;
        foreach (var date in _dates)
        {
            length += LocalDatePattern.Iso.Format(date).Length;
        }

        return length;
    }

    [BenchmarkCategory("date")]
    [Benchmark(OperationsPerInvoke = Dates, Description = "a date: IsoDate.Format")]
    public int DateFormat()
    {
        var length = 0;
        foreach (var date in _dates)
        {
            length += IsoDate.Format(date).Length;
        }

        return length;
    }

    [BenchmarkCategory("date")]
    [Benchmark(OperationsPerInvoke = Dates, Description = "a date: IsoDate.TryFormat into the cell")]
    public int DateIntoCell()
    {
        var length = 0;
        foreach (var date in _dates)
        {
            IsoDate.TryFormat(date, _buffer, out var written);
            length += written;
        }

        return length;
    }

    [BenchmarkCategory("printable")]
    [Benchmark(Baseline = true, Description = "a line's text cells: printable, character by character")]
    public int PrintableByCharacter()
    {
        var printable = 0;
        foreach (var cell in Cells)
        {
            printable += IsPrintableByCharacter(cell) ? 1 : 0;
        }

        return printable;
    }

    [BenchmarkCategory("printable")]
    [Benchmark(Description = "a line's text cells: SafeText.IsPrintable")]
    public int Printable()
    {
        var printable = 0;
        foreach (var cell in Cells)
        {
            printable += SafeText.IsPrintable(cell) ? 1 : 0;
        }

        return printable;
    }

    [BenchmarkCategory("printable")]
    [Benchmark(Description = "a line's text cells: a range search, then one SearchValues search (before 2026-12-06 night)")]
    public int PrintableBySet()
    {
        var printable = 0;
        foreach (var cell in Cells)
        {
            printable += IsPrintableBySet(cell) ? 1 : 0;
        }

        return printable;
    }

    // The check of the sixth session: the unprintable set as one SearchValues, a probabilistic map for ranges this far apart.
    private static readonly System.Buffers.SearchValues<char> Unprintable = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(c => !IsPrintableByCharacter([c]))]);

    private static bool IsPrintableBySet(ReadOnlySpan<char> text)
        => text.IndexOfAnyExceptInRange(' ', '~') < 0 || text.IndexOfAny(Unprintable) < 0;

    // The check as it was first: every character against the ranges.
    private static bool IsPrintableByCharacter(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c < ' ' || (c >= '\u007F' && c <= '\u009F') || c is '\u200E' or '\u200F' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069'))
            {
                return false;
            }
        }

        return true;
    }
}
