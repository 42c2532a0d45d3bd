using System.Text;

namespace Crm.Rules.Data;

/// <summary>
/// Makes text taken from input safe to put in output: without control characters (no terminal escapes) and, for CSV,
/// without a formula-leading first character (no spreadsheet formula injection).
/// </summary>
/// <threadsafety>Stateless; safe to call from any thread.</threadsafety>
public static class SafeText
{
    /// <summary>
    /// The text without control characters (C0, DEL, C1 — which covers ANSI escape sequences' ESC and CSI) and
    /// without bidirectional-override characters; other characters, Chinese included, are kept.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The printable text (the same string when nothing had to go).</returns>
    public static string Printable(ReadOnlySpan<char> text) => IsPrintable(text) ? text.ToString() : Strip(text);

    /// <summary>The string itself when it is already printable (no copy), else the printable copy.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The printable text.</returns>
    public static string Printable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return IsPrintable(text) ? text : Strip(text);
    }

    /// <summary>Whether the text has no control or bidirectional-override character.</summary>
    /// <param name="text">The text.</param>
    /// <returns><see langword="true"/> when nothing would be removed.</returns>
    public static bool IsPrintable(ReadOnlySpan<char> text)
    {
        // Every cell of every result line is checked: most are printable ASCII, which one range search settles. The
        // rest (Chinese, arrows) are searched from their first other character for each unprintable range in turn:
        // five vectorised range searches, not one search of the set as SearchValues holds it (a probabilistic map, for
        // ranges this far apart): faster for a line's typical cells, and no software shuffle where that map is not
        // accelerated, as under Native AOT's default instruction set (CellTextBenchmarks, docs/performance.md).
        var first = text.IndexOfAnyExceptInRange(' ', '~');
        if (first < 0)
        {
            return true;
        }

        var rest = text[first..];
        foreach (var (low, high) in UnprintableRanges)
        {
            if (rest.IndexOfAnyInRange(low, high) >= 0)
            {
                return false;
            }
        }

        return true;
    }

    // What is not printable: C0 controls, DEL and C1, the bidirectional marks, overrides and isolates — the one list
    // both the search above and the test of one character read.
    private static readonly (char Low, char High)[] UnprintableRanges =
        [('\0', '\u001F'), ('\u007F', '\u009F'), ('\u200E', '\u200F'), ('\u202A', '\u202E'), ('\u2066', '\u2069')];

    private static string Strip(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!IsUnprintable(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Whether a CSV cell starting with this text would be read by a spreadsheet as a formula: it starts with
    /// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return (OWASP, "CSV Injection").
    /// </summary>
    /// <param name="text">The cell's text.</param>
    /// <returns><see langword="true"/> when the cell must be neutralised.</returns>
    public static bool StartsLikeFormula(ReadOnlySpan<char> text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>
    /// A CSV cell for text taken from input: printable, and prefixed with a single quote when it would start like a
    /// formula (OWASP's advice), so <c>=HYPERLINK(…)</c> is shown as text. Numbers the rules compute are not passed
    /// through this (a negative number stays a number).
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The safe cell text.</returns>
    public static string CsvCell(string text)
    {
        var printable = Printable(text);
        return StartsLikeFormula(printable) ? "'" + printable : printable;
    }

    private static bool IsUnprintable(char c)
    {
        foreach (var (low, high) in UnprintableRanges)
        {
            if (c >= low && c <= high)
            {
                return true;
            }
        }

        return false;
    }
}
