using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.RegularExpressions;
using Crm.Rules.DataQuality;

namespace Crm.Rules.Data;

/// <summary>
/// Masks contact details found in text taken from input — an id, a value echoed in an error message — with the rule
/// set's DATA-3 masks (<see cref="DataQualityRules.MaskPhone"/>, <see cref="DataQualityRules.MaskEmail"/>), so output
/// never leaks them unmasked. An e-mail address is <c>local@domain.tld</c>; a phone number is a run of digits (with
/// spaces, dashes, dots or brackets between them) holding at least 11 digits, or 8 after a leading <c>+</c> — long
/// enough that customer ids such as <c>RT2024001</c> (DATA-1) are left alone (<see cref="DataQualityRules.LooksLikePhoneNumber"/>).
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed partial class ContactMasker
{
    private readonly DataQualityRules _rules;

    /// <summary>Creates a masker with the masks of <paramref name="rules"/>.</summary>
    /// <param name="rules">The data-quality rules whose masks apply.</param>
    public ContactMasker(DataQualityRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules;
    }

    /// <summary>The text with every e-mail address and phone number in it masked.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The masked text (the same string when nothing looked like a contact detail).</returns>
    public string Mask(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!MightContainContact(text))
        {
            return text;
        }

        var masked = Email().Replace(text, m => _rules.MaskEmail(m.Value));
        return Phone().Replace(masked, MaskPhones);
    }

    // An ISO date is never (part of) a phone number, though two of them side by side read like one long number
    // ("2026-11-24 2026-12-01"): the dates in a phone-like run stay as written, and only the pieces between them are
    // looked at as phone numbers.
    private string MaskPhones(Match run)
    {
        if (!IsoDate().IsMatch(run.ValueSpan))
        {
            return DataQualityRules.LooksLikePhoneNumber(run.ValueSpan) ? _rules.MaskPhone(run.Value) : run.Value;
        }

        var pieces = IsoDate().Split(run.Value); // the capturing group keeps the dates between the pieces
        for (var i = 0; i < pieces.Length; i += 2)
        {
            pieces[i] = Phone().Replace(pieces[i], MaskPhones);
        }

        return string.Concat(pieces);
    }

    /// <summary>
    /// Whether the text could hold a contact detail at all: an <c>@</c>, or a run of phone characters (digits, spaces,
    /// <c>-</c>, <c>.</c>, <c>(</c>, <c>)</c>) with as many digits as a phone number needs (11, or 8 after a <c>+</c>).
    /// A cheap, exact necessary condition of the masks below, so ids, dates and sentences skip the regular expressions.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns><see langword="false"/> when the text surely holds none.</returns>
    public static bool MightContainContact(ReadOnlySpan<char> text)
    {
        if (text.Contains('@'))
        {
            return true;
        }

        // A phone number holds 11 digits, or 8 after a '+': a text with fewer digits in all holds none. Most texts
        // written (a reason with a date, a guard's value) end here, their digits counted in one vectorised pass,
        // rather than being looked at run by run (3 % of a million-row assess, docs/performance.md).
        if (text.Length < 8 || DigitsIn(text) is var digits && (digits < 8 || (digits < 11 && !text.Contains('+'))))
        {
            return false;
        }

        // Run by run of phone characters, each found with the vectorised searches (a text without a digit ends at the
        // first): a run that starts after a '+' needs 8 digits, any other 11. Digits are counted only in runs long
        // enough to hold them.
        var at = 0;
        while (text[at..].IndexOfAnyInRange('0', '9') is var digit and >= 0)
        {
            var first = at + digit;
            var before = text[..first].LastIndexOfAnyExcept(PhoneCharacters);
            var end = text[first..].IndexOfAnyExcept(PhoneCharacters) is var length and >= 0 ? first + length : text.Length;
            var needed = before >= 0 && text[before] == '+' ? 8 : 11;
            if (end - first >= needed && CountDigits(text[first..end]) >= needed)
            {
                return true;
            }

            if (end >= text.Length - 1)
            {
                return false;
            }

            at = end + 1;
        }

        return false;
    }

    private static readonly System.Buffers.SearchValues<char> PhoneCharacters = System.Buffers.SearchValues.Create("0123456789 -.()");

    private static int CountDigits(ReadOnlySpan<char> run)
    {
        var digits = 0;
        foreach (var c in run)
        {
            digits += char.IsAsciiDigit(c) ? 1 : 0;
        }

        return digits;
    }

    // The text's digits, sixteen characters at a time where the hardware allows (a digit is a character whose distance
    // from '0' is under 10), the rest one by one.
    private static int DigitsIn(ReadOnlySpan<char> text)
    {
        var at = 0;
        var digits = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var first = ref MemoryMarshal.GetReference(MemoryMarshal.Cast<char, ushort>(text));
            var (zero, ten) = (Vector256.Create((ushort)'0'), Vector256.Create((ushort)10));
            for (; at + Vector256<ushort>.Count <= text.Length; at += Vector256<ushort>.Count)
            {
                var distance = Vector256.LoadUnsafe(ref first, (nuint)at) - zero;
                digits += BitOperations.PopCount(Vector256.LessThan(distance, ten).ExtractMostSignificantBits());
            }
        }

        return digits + CountDigits(text[at..]);
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    [GeneratedRegex(@"\+?\d[\d \-.()]{6,}\d", RegexOptions.CultureInvariant)]
    private static partial Regex Phone();

    // yyyy-MM-dd of 1900–2099 standing alone (no digit on either side), as every date the commands read and write is
    // written. Narrow on purpose: a phone number grouped 4-2-2 with such a "year" is the one thing it would leave
    // unmasked, and none is written so.
    [GeneratedRegex(@"(?<!\d)((?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();
}
