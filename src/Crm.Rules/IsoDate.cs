using NodaTime;
using NodaTime.Text;

namespace Crm.Rules;

/// <summary>
/// ISO-8601 text for dates, <c>2026-11-24</c>: what <see cref="LocalDatePattern.Iso"/> writes, for the dates of every
/// result line, written straight into a buffer or an interpolated string rather than through the pattern engine.
/// </summary>
/// <threadsafety>This type is stateless and thread-safe.</threadsafety>
public static class IsoDate
{
    // uuuu-MM-dd, for the years 1–9999.
    private const int Length = 10;

    /// <summary>Formats a date as <see cref="LocalDatePattern.Iso"/> does, e.g. <c>2026-11-24</c>.</summary>
    /// <param name="date">The date.</param>
    /// <returns>The text.</returns>
    public static string Format(LocalDate date)
        => IsPlain(date)
            ? string.Create(Length, date, static (span, d) => Write(d, span))
            : LocalDatePattern.Iso.Format(date);

    /// <summary>Writes a date as <see cref="Format"/> does into <paramref name="destination"/>.</summary>
    /// <param name="date">The date.</param>
    /// <param name="destination">Where the text goes.</param>
    /// <param name="written">The characters written, or 0 when the destination is too short.</param>
    /// <returns><see langword="true"/> when the text fitted.</returns>
    public static bool TryFormat(LocalDate date, Span<char> destination, out int written)
    {
        if (!IsPlain(date))
        {
            // Years before 1 or in another calendar: the pattern's own text, rare enough to allocate.
            var text = LocalDatePattern.Iso.Format(date);
            written = text.TryCopyTo(destination) ? text.Length : 0;
            return written > 0;
        }

        if (destination.Length < Length)
        {
            written = 0;
            return false;
        }

        Write(date, destination);
        written = Length;
        return true;
    }

    // The pattern writes the ISO calendar's year as four digits (a sign before year 1) whatever the date's calendar is:
    // only those dates are written here digit by digit.
    private static bool IsPlain(LocalDate date) => date.Year >= 1 && date.Calendar == CalendarSystem.Iso;

    private static void Write(LocalDate date, Span<char> span)
    {
        var (year, month, day) = (date.Year, date.Month, date.Day);
        span[0] = (char)('0' + (year / 1000));
        span[1] = (char)('0' + (year / 100 % 10));
        span[2] = (char)('0' + (year / 10 % 10));
        span[3] = (char)('0' + (year % 10));
        span[4] = '-';
        span[5] = (char)('0' + (month / 10));
        span[6] = (char)('0' + (month % 10));
        span[7] = '-';
        span[8] = (char)('0' + (day / 10));
        span[9] = (char)('0' + (day % 10));
    }

    /// <summary>A date in an interpolated string, written as <see cref="Format"/> writes it without a string of its own.</summary>
    /// <param name="date">The date.</param>
    internal readonly struct Text(LocalDate date) : ISpanFormattable
    {
        public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
            => IsoDate.TryFormat(date, destination, out charsWritten);

        public string ToString(string? format, IFormatProvider? formatProvider) => Format(date);

        public override string ToString() => Format(date);
    }
}
