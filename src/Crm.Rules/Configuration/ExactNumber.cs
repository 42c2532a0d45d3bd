using System.Globalization;

namespace Crm.Rules.Configuration;

/// <summary>
/// Tells whether a number written in a configuration is held exactly by a <see cref="decimal"/>. Parsing alone would
/// round <c>1e-400</c> to 0 and <c>1.0000000000000000000000000001</c> to 1, so a value could pass a rule
/// ("at most 6 decimal places") that the written number breaks.
/// </summary>
internal static class ExactNumber
{
    // A decimal holds 28 digits exactly (29 for some values; 28 is the simple, safe bound).
    private const int DecimalDigits = 28;

    /// <summary>The problem with <paramref name="text"/> as a decimal setting, or <see langword="null"/> when it is exact (or not a number at all).</summary>
    public static string? Problem(string text)
    {
        if (!TryScan(text, out var digits, out var scale))
        {
            return null;
        }

        if (digits.Length == 0)
        {
            return null;
        }

        var integerDigits = digits.Length - scale;
        if (integerDigits > FixedPointIntegerDigits)
        {
            return $"must lie between -{FixedPoint.Format(FixedPoint.MaximumMagnitude)} and {FixedPoint.Format(FixedPoint.MaximumMagnitude)} (got {text})";
        }

        return scale > DecimalDigits || Math.Max(digits.Length, integerDigits) > DecimalDigits
            ? $"must have at most {FixedPoint.DecimalPlaces} decimal places (got {text})"
            : null;
    }

    private static int FixedPointIntegerDigits => FixedPoint.Format(FixedPoint.MaximumMagnitude).Length;

    // Reads a JSON number into its significant digits (no leading or trailing zeros) and the power of ten that
    // divides them, without rounding; an exponent too large for a long counts as too many digits either way.
    private static bool TryScan(string text, out string digits, out long scale)
    {
        digits = "";
        scale = 0;
        var i = 0;
        if (i < text.Length && text[i] is '-' or '+')
        {
            i++;
        }

        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        var integer = text[start..i];
        var fraction = "";
        if (i < text.Length && text[i] == '.')
        {
            var fractionStart = ++i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            fraction = text[fractionStart..i];
        }

        if (integer.Length + fraction.Length == 0)
        {
            return false;
        }

        long exponent = 0;
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            if (!long.TryParse(text.AsSpan(i + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            {
                var exponentText = text[(i + 1)..];
                if (exponentText.Length < 2 || !exponentText.Skip(exponentText[0] is '-' or '+' ? 1 : 0).All(char.IsAsciiDigit))
                {
                    return false;
                }

                exponent = exponentText[0] == '-' ? -1_000_000_000L : 1_000_000_000L;
            }

            i = text.Length;
        }

        if (i != text.Length)
        {
            return false;
        }

        var all = (integer + fraction).TrimStart('0');
        var trimmed = all.TrimEnd('0');
        digits = trimmed;
        scale = fraction.Length - exponent - (all.Length - trimmed.Length);
        return true;
    }
}
