using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace Crm.Rules;

/// <summary>ISO-8601 text for exact <see cref="Duration"/>s: hours, minutes and (fractional) seconds only.</summary>
/// <threadsafety>This type is stateless and thread-safe.</threadsafety>
public static class IsoDuration
{
    /// <summary>Formats a duration as <c>PT…H…M…S</c>, e.g. <c>PT12896H</c>, <c>PT2M</c>, <c>-PT5H</c>, <c>PT0S</c>.</summary>
    /// <param name="duration">The duration to format.</param>
    /// <returns>The ISO-8601 text; days are written as hours because business days have no fixed length.</returns>
    public static string Format(Duration duration)
    {
        if (duration == Duration.Zero)
        {
            return "PT0S";
        }

        var builder = new StringBuilder();
        if (duration < Duration.Zero)
        {
            builder.Append('-');
            duration = -duration;
        }

        builder.Append("PT");
        var totalTicks = duration.BclCompatibleTicks;
        var hours = totalTicks / NodaConstants.TicksPerHour;
        var minutes = totalTicks % NodaConstants.TicksPerHour / NodaConstants.TicksPerMinute;
        var secondTicks = totalTicks % NodaConstants.TicksPerMinute;
        if (hours != 0)
        {
            builder.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('H');
        }

        if (minutes != 0)
        {
            builder.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
        }

        if (secondTicks != 0)
        {
            var seconds = secondTicks / (decimal)NodaConstants.TicksPerSecond;
            builder.Append(FixedPoint.Normalize(seconds).ToString(CultureInfo.InvariantCulture)).Append('S');
        }

        return builder.ToString();
    }

    /// <summary>Parses an ISO-8601 duration such as <c>PT48H</c> or <c>P2D</c> (a day is 24 hours); months and years are refused.</summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="duration">The duration, when the text is valid.</param>
    /// <returns><see langword="true"/> when the text is a valid duration.</returns>
    public static bool TryParse(string? text, out Duration duration)
    {
        duration = Duration.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var negative = text.StartsWith('-');
        var result = PeriodPattern.NormalizingIso.Parse(negative ? text[1..] : text);
        if (!result.Success || result.Value.Years != 0 || result.Value.Months != 0)
        {
            return false;
        }

        try
        {
            duration = result.Value.ToDuration();
        }
        catch (OverflowException)
        {
            return false;
        }

        if (negative)
        {
            duration = -duration;
        }

        return true;
    }
}
