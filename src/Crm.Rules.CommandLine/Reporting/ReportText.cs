using System.Globalization;
using System.Text;
using Crm.Rules.Data;
using NodaTime;

namespace Crm.Rules.CommandLine.Reporting;

/// <summary>Text and numbers as the report writes them: printable, valid in XML, invariant culture.</summary>
internal static class ReportText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// Text from data made safe to write: no control or bidirectional-override characters (<see cref="SafeText.Printable(string)"/>),
    /// and none that XML forbids (a lone surrogate, U+FFFE, U+FFFF become U+FFFD), so the XML writer never throws on a
    /// customer's name. Escaping itself is the XML writer's job.
    /// </summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var printable = SafeText.Printable(text);
        return IsXmlSafe(printable) ? printable : ReplaceXmlUnsafe(printable);
    }

    /// <summary>A value in the chart's format; a format .NET rejects falls back to the default rather than failing the report.</summary>
    public static string Number(decimal value, string format)
    {
        try
        {
            return value.ToString(format, Invariant);
        }
        catch (FormatException)
        {
            return value.ToString("#,##0.##", Invariant);
        }
    }

    /// <summary>The sum of the positive values, held at <see cref="decimal.MaxValue"/> rather than overflowing.</summary>
    public static decimal PositiveTotal(IEnumerable<decimal> values)
    {
        decimal total = 0;
        foreach (var value in values)
        {
            if (value > 0)
            {
                total = value > decimal.MaxValue - total ? decimal.MaxValue : total + value;
            }
        }

        return total;
    }

    /// <summary>A short number for axis ticks and crowded labels: <c>950</c>, <c>12.5K</c>, <c>3.4M</c>, <c>7.9E+28</c>.</summary>
    public static string Compact(double value)
    {
        if (!double.IsFinite(value))
        {
            return "0";
        }

        var magnitude = Math.Abs(value);
        return magnitude switch
        {
            < 1_000 => value.ToString("0.##", Invariant),
            < 1_000_000 => (value / 1e3).ToString("0.#", Invariant) + "K",
            < 1_000_000_000 => (value / 1e6).ToString("0.#", Invariant) + "M",
            < 1e12 => (value / 1e9).ToString("0.#", Invariant) + "B",
            < 1e15 => (value / 1e12).ToString("0.#", Invariant) + "T",
            _ => value.ToString("0.#E+0", Invariant),
        };
    }

    /// <summary>A share (0–1) as a whole percentage, one decimal below 10%: <c>42%</c>, <c>3.5%</c>.</summary>
    public static string Percent(double share)
    {
        if (!double.IsFinite(share))
        {
            return "–";
        }

        var percent = share * 100;
        return (Math.Abs(percent) < 10 ? percent.ToString("0.#", Invariant) : percent.ToString("0", Invariant)) + "%";
    }

    /// <summary>A duration as a person reads it: <c>3 d 4 h</c>, <c>5 h 12 min</c>, <c>45 min</c>, <c>under 1 min</c>.</summary>
    public static string Duration(Duration duration)
    {
        if (duration < NodaTime.Duration.Zero)
        {
            return "-" + Duration(NodaTime.Duration.Zero - duration);
        }

        var days = duration.Days;
        var hours = duration.Hours;
        var minutes = duration.Minutes;
        if (days > 0)
        {
            return hours > 0 ? $"{days.ToString(Invariant)} d {hours.ToString(Invariant)} h" : $"{days.ToString(Invariant)} d";
        }

        if (hours > 0)
        {
            return minutes > 0 ? $"{hours.ToString(Invariant)} h {minutes.ToString(Invariant)} min" : $"{hours.ToString(Invariant)} h";
        }

        return minutes > 0 ? $"{minutes.ToString(Invariant)} min" : duration > NodaTime.Duration.Zero ? "under 1 min" : "0 min";
    }

    /// <summary>
    /// The width of <paramref name="text"/> at <paramref name="fontSize"/>, estimated: SVG has no text measurement
    /// without a script, so layout assumes an average Latin glyph of 0.58 em and a full em for wide (CJK) characters.
    /// </summary>
    public static double Width(string text, double fontSize)
    {
        double ems = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            ems += Ems(elements.GetTextElement());
        }

        return ems * fontSize;
    }

    /// <summary>The text cut with an ellipsis to fit <paramref name="maxWidth"/>, never inside a surrogate pair or a combining sequence.</summary>
    public static string Fit(string text, double maxWidth, double fontSize)
    {
        if (Width(text, fontSize) <= maxWidth)
        {
            return text;
        }

        var budget = maxWidth - Ems("…") * fontSize;
        var kept = new StringBuilder();
        double used = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            var width = Ems(element) * fontSize;
            if (used + width > budget)
            {
                break;
            }

            kept.Append(element);
            used += width;
        }

        return kept.Append('…').ToString();
    }

    private static double Ems(string element)
    {
        Rune.DecodeFromUtf16(element, out var rune, out _);
        if (IsWide(rune.Value))
        {
            return 1.0;
        }

        return rune.Value switch
        {
            >= 'A' and <= 'Z' or >= '0' and <= '9' or 'm' or 'w' or 'M' or 'W' => 0.66,
            'i' or 'l' or 'j' or 't' or 'f' or 'r' or '.' or ',' or ':' or ';' or '\'' or '|' or ' ' => 0.32,
            _ => 0.56,
        };
    }

    private static bool IsWide(int c) =>
        c is >= 0x1100 and <= 0x115F
        or >= 0x2E80 and <= 0xA4CF
        or >= 0xAC00 and <= 0xD7A3
        or >= 0xF900 and <= 0xFAFF
        or >= 0xFE30 and <= 0xFE4F
        or >= 0xFF00 and <= 0xFF60
        or >= 0xFFE0 and <= 0xFFE6
        or >= 0x1F300 and <= 0x1FAFF
        or >= 0x20000 and <= 0x3FFFD;

    private static bool IsXmlSafe(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
            {
                return false;
            }
        }

        return true;
    }

    private static string ReplaceXmlUnsafe(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[i + 1]);
                i++;
            }
            else
            {
                builder.Append(char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF' ? '\uFFFD' : c);
            }
        }

        return builder.ToString();
    }
}
