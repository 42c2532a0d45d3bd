using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Crm.Rules.Data;

/// <summary>
/// The one strict reading of field text, shared by every command and open to hosts. Numbers are invariant-culture
/// digits with at most one <c>.</c> and an optional leading <c>-</c> — no thousands separators, no exponent, no
/// <c>+</c>, no spaces — so <c>4,5</c> is an error, never 45. Booleans are <c>true</c> or <c>false</c>; dates are
/// ISO <c>2026-11-24</c>; instants are ISO with an offset (<c>2026-03-06T17:30:00+08:00</c> or <c>…Z</c>); periods
/// and durations are ISO-8601 (<c>P30D</c>, <c>PT48H</c>). Each method returns <see langword="false"/> with a
/// sentence saying what is wrong and what is expected; none of them echoes more than a short, printable excerpt of
/// the text.
/// </summary>
/// <threadsafety>Stateless; safe to call from any thread.</threadsafety>
public static class FieldText
{
    private static readonly LocalDatePattern Date = LocalDatePattern.Iso;
    private static readonly OffsetDateTimePattern Instant = OffsetDateTimePattern.ExtendedIso;

    /// <summary>Reads a decimal number: <c>-?digits[.digits]</c>.</summary>
    /// <param name="text">The field's text (already trimmed by the record reader).</param>
    /// <param name="value">The number.</param>
    /// <param name="problem">Why the text is not a number, when it is not.</param>
    /// <returns><see langword="true"/> when the text is a number.</returns>
    public static bool TryParseDecimal(ReadOnlySpan<char> text, out decimal value, out string problem)
    {
        if (TryParseShortDecimal(text, out value))
        {
            problem = "";
            return true;
        }

        if (!IsDecimalSyntax(text, out problem))
        {
            value = 0;
            return false;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            problem = $"{Excerpt(text)} is too large a number";
            return false;
        }

        problem = "";
        return true;
    }

    /// <summary>Reads a whole number: <c>-?digits</c>, within <paramref name="minimum"/>..<paramref name="maximum"/>.</summary>
    /// <param name="text">The field's text.</param>
    /// <param name="minimum">The smallest value accepted.</param>
    /// <param name="maximum">The largest value accepted.</param>
    /// <param name="value">The number.</param>
    /// <param name="problem">Why the text is not such a number, when it is not.</param>
    /// <returns><see langword="true"/> when the text is a whole number in range.</returns>
    public static bool TryParseInt32(ReadOnlySpan<char> text, int minimum, int maximum, out int value, out string problem)
    {
        // The common case first: up to nine plain digits, in range.
        if (text.Length is > 0 and <= 9)
        {
            var n = 0;
            var i = 0;
            for (; i < text.Length && (uint)(text[i] - '0') <= 9; i++)
            {
                n = (n * 10) + (text[i] - '0');
            }

            if (i == text.Length && n >= minimum && n <= maximum)
            {
                value = n;
                problem = "";
                return true;
            }
        }

        value = 0;
        if (!IsDecimalSyntax(text, out problem))
        {
            return false;
        }

        if (text.Contains('.'))
        {
            problem = $"{Excerpt(text)} is not a whole number";
            return false;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) || value < minimum || value > maximum)
        {
            problem = $"{Excerpt(text)} is out of range: give a whole number from {minimum} to {maximum}";
            value = 0;
            return false;
        }

        return true;
    }

    /// <summary>Reads <c>true</c> or <c>false</c> (lower case, as JSON writes them).</summary>
    /// <param name="text">The field's text.</param>
    /// <param name="value">The value.</param>
    /// <param name="problem">Why the text is not a boolean, when it is not.</param>
    /// <returns><see langword="true"/> when the text is <c>true</c> or <c>false</c>.</returns>
    public static bool TryParseBoolean(ReadOnlySpan<char> text, out bool value, out string problem)
    {
        value = text.SequenceEqual("true");
        if (value || text.SequenceEqual("false"))
        {
            problem = "";
            return true;
        }

        problem = $"{Excerpt(text)} is not a boolean: give true or false";
        return false;
    }

    /// <summary>Reads an ISO date, <c>2026-11-24</c>.</summary>
    /// <param name="text">The field's text.</param>
    /// <param name="value">The date.</param>
    /// <param name="problem">Why the text is not a date, when it is not.</param>
    /// <returns><see langword="true"/> when the text is a date.</returns>
    public static bool TryParseDate(ReadOnlySpan<char> text, out LocalDate value, out string problem)
    {
        // The common case without a string: exactly uuuu-MM-dd, a real day of years 1..9999 (the ISO calendar's days in a
        // month are the proleptic Gregorian calendar's, as DateTime counts them). Everything else (and every error
        // message) goes through NodaTime's ISO pattern, which accepts exactly what it always did.
        if (text.Length == 10 && text[4] == '-' && text[7] == '-'
            && TryDigits(text[..4], out var year) && TryDigits(text.Slice(5, 2), out var month) && TryDigits(text.Slice(8, 2), out var day)
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            value = new LocalDate(year, month, day);
            problem = "";
            return true;
        }

        var result = Date.Parse(text.ToString());
        value = result.Success ? result.Value : default;
        problem = result.Success ? "" : $"{Excerpt(text)} is not a date such as 2026-11-24";
        return result.Success;
    }

    // Inlined by request: three per date, and a Native AOT build called each.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool TryDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    /// <summary>Reads an ISO instant with an offset, <c>2026-03-06T17:30:00+08:00</c> or <c>2026-03-06T09:30:00Z</c>.</summary>
    /// <param name="text">The field's text.</param>
    /// <param name="value">The instant with the offset it was given in.</param>
    /// <param name="problem">Why the text is not such an instant, when it is not.</param>
    /// <returns><see langword="true"/> when the text is an instant with an offset.</returns>
    public static bool TryParseInstant(ReadOnlySpan<char> text, out OffsetDateTime value, out string problem)
    {
        var result = Instant.Parse(text.ToString());
        value = result.Success ? result.Value : default;
        problem = result.Success ? "" : $"{Excerpt(text)} is not an instant with an offset such as 2026-03-06T17:30:00+08:00";
        return result.Success;
    }

    /// <summary>Reads an ISO-8601 duration such as <c>PT48H</c> or <c>P2DT4H</c> (days are 24 hours).</summary>
    /// <param name="text">The field's text.</param>
    /// <param name="value">The duration.</param>
    /// <param name="problem">Why the text is not a duration, when it is not.</param>
    /// <returns><see langword="true"/> when the text is a duration.</returns>
    public static bool TryParseDuration(ReadOnlySpan<char> text, out Duration value, out string problem)
    {
        var ok = IsoDuration.TryParse(text.ToString(), out value);
        problem = ok ? "" : $"{Excerpt(text)} is not an ISO-8601 duration such as PT48H";
        return ok;
    }

    /// <summary>
    /// A short, printable excerpt of field text for a message: quoted, control characters removed, cut after 40
    /// characters — so a message never carries terminal escapes or a whole pasted document.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The excerpt, e.g. <c>'4,5'</c>.</returns>
    public static string Excerpt(ReadOnlySpan<char> text)
    {
        const int Limit = 40;
        var cut = text.Length > Limit;
        var safe = SafeText.Printable(cut ? text[..Limit] : text);
        return cut ? $"'{safe}…'" : $"'{safe}'";
    }

    // The common case read without decimal.TryParse (which dominates a large file's reading): at most 18 digits, one
    // optional '.', an optional leading '-'. Anything else goes the general way, with its checks and messages.
    private static bool TryParseShortDecimal(ReadOnlySpan<char> text, out decimal value)
    {
        value = 0;
        var negative = text.Length > 1 && text[0] == '-';
        var i = negative ? 1 : 0;
        if (text.Length - i is 0 or > 19)
        {
            return false;
        }

        long mantissa = 0;
        var digits = 0;
        var scale = -1;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if ((uint)(c - '0') <= 9)
            {
                mantissa = (mantissa * 10) + (c - '0');
                digits++;
                if (scale >= 0)
                {
                    scale++;
                }
            }
            else if (c == '.' && scale < 0 && digits > 0 && i + 1 < text.Length)
            {
                scale = 0;
            }
            else
            {
                return false;
            }
        }

        if (digits > 18)
        {
            return false;
        }

        value = new decimal((int)mantissa, (int)(mantissa >> 32), 0, negative, (byte)Math.Max(scale, 0));
        return true;
    }

    private static bool IsDecimalSyntax(ReadOnlySpan<char> text, out string problem)
    {
        var digits = 0;
        var points = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c == '.' && points == 0 && digits > 0 && i + 1 < text.Length)
            {
                points++;
            }
            else if (c == '-' && i == 0 && text.Length > 1)
            {
                continue;
            }
            else
            {
                problem = c == ',' || c == '\u00A0' || c == ' ' || c == '\''
                    ? $"{Excerpt(text)} is not a number: use '.' for decimals and no thousands separators"
                    : $"{Excerpt(text)} is not a number";
                return false;
            }
        }

        if (digits == 0)
        {
            problem = $"{Excerpt(text)} is not a number";
            return false;
        }

        problem = "";
        return true;
    }
}
