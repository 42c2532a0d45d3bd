using System.Globalization;
using Crm.Rules.CommandLine.Output;
using NodaTime;
using NodaTime.Text;

namespace Crm.Rules.CommandLine.Checking;

/// <summary>
/// Whether an expected value is the value a command wrote, in the field's own terms: numbers as exact decimals (4.50
/// is 4.5), instants as instants (<c>2026-03-06T09:30:00Z</c> is <c>2026-03-06T17:30:00+08:00</c>), durations as
/// durations (<c>PT48H</c> is <c>P2D</c>), booleans without case, lists item by item, text exactly.
/// </summary>
internal static class ValueComparison
{
    private static readonly OffsetDateTimePattern Offset = OffsetDateTimePattern.ExtendedIso;

    public static bool Matches(string? expected, CapturedRecord record, int index)
    {
        if (expected is null || record.IsNullAt(index))
        {
            return expected is null && record.IsNullAt(index);
        }

        var actual = record.ValueAt(index);
        return record.KindAt(index) switch
        {
            CapturedRecord.FieldKind.Number => TryNumber(expected, out var e) && TryNumber(actual, out var a) && e == a,
            CapturedRecord.FieldKind.Boolean => actual.Equals(expected.AsSpan().Trim(), StringComparison.OrdinalIgnoreCase),
            CapturedRecord.FieldKind.List => Items(expected).SequenceEqual(Items(actual.ToString()), StringComparer.Ordinal),
            CapturedRecord.FieldKind.Formatted => SameFormatted(expected, actual.ToString()),
            _ => actual.SequenceEqual(expected),
        };
    }

    // Invariant, no thousands separators, no currency: the same strictness as the record boundary.
    private static bool TryNumber(ReadOnlySpan<char> text, out decimal value)
        => decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value);

    private static string[] Items(string text) => text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static bool SameFormatted(string expected, string actual)
    {
        if (string.Equals(expected, actual, StringComparison.Ordinal))
        {
            return true;
        }

        if (Offset.Parse(expected) is { Success: true } e && Offset.Parse(actual) is { Success: true } a)
        {
            return e.Value.ToInstant() == a.Value.ToInstant();
        }

        if (PeriodPattern.NormalizingIso.Parse(expected) is { Success: true } ep && PeriodPattern.NormalizingIso.Parse(actual) is { Success: true } ap)
        {
            return ToDuration(ep.Value) is { } ed && ToDuration(ap.Value) is { } ad ? ed == ad : ep.Value.Normalize().Equals(ap.Value.Normalize());
        }

        return false;
    }

    // PT48H and P2D are the same business time only when the period has no months or years.
    private static Duration? ToDuration(Period period) => period.Years != 0 || period.Months != 0 ? null : period.ToDuration();
}
