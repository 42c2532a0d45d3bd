using Crm.Rules.Data;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Rules.Tests.DataQuality;

/// <summary>
/// The masker's cheap test is a necessary condition (DATA-3): text it lets through unmasked is text the regular
/// expressions would not have changed — ids, dates and sentences skip them, contact details never do.
/// </summary>
public class ContactMaskerPrecheckProperties
{
    private static readonly ContactMasker Masker = new(CrmRuleSet.SeedStandard.DataQuality);

    // Texts built from the characters the masks care about, so that phone-like runs and near misses are common.
    private static Arbitrary<string> Texts() => Arb.From(
        Gen.ArrayOf(Gen.Elements("0123456789 -.()+@xa;:,_".ToCharArray())).Select(c => new string(c)),
        s => Enumerable.Range(0, s.Length).Select(i => s.Remove(i, 1)));

    [Property(MaxTest = 3000)]
    public Property TextThePrecheckLetsThrough_IsNeverChangedByTheMask()
        => Prop.ForAll(Texts(), text => (ContactMasker.MightContainContact(text) || Masker.Mask(text) == text).Label($"'{text}' → '{Masker.Mask(text)}'"));

    // The precheck as first written, character by character: the run-by-run search must answer as it does.
    private static bool PrecheckByCharacter(string text)
    {
        if (text.Length < 8)
        {
            return text.Contains('@', StringComparison.Ordinal);
        }

        var digits = 0;
        var international = false;
        foreach (var c in text)
        {
            if (c == '@')
            {
                return true;
            }

            if (char.IsAsciiDigit(c))
            {
                if (++digits >= 11 || (international && digits >= 8))
                {
                    return true;
                }
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')'))
            {
                digits = 0;
                international = c == '+';
            }
        }

        return false;
    }

    [Property(MaxTest = 3000)]
    public Property ThePrecheck_AnswersAsTheCharacterByCharacterScan()
        => Prop.ForAll(Texts(), text => (ContactMasker.MightContainContact(text) == PrecheckByCharacter(text)).Label($"'{text}'"));

    [Theory]
    [InlineData("RT2024001", false)]
    [InlineData("grade A: every month after the last contact on 2026-10-20", false)]
    [InlineData("survey 2026-11-01; birthday 2026-11-24", false)]
    [InlineData("13812345678", true)]
    [InlineData("+86 1381234", true)]
    [InlineData("a@b.example", true)]
    [InlineData("2026-11-24 2026-12-01", true)] // two dates in one run look like a long number: the mask decides
    [InlineData("x+ (86) 1381-234", true)] // a run after a '+' needs 8 digits
    [InlineData("x+a86 1381-234", false)]
    [InlineData("1234567890x1", false)]
    [InlineData("call 1234567890 1", true)]
    [InlineData("ends with +", false)]
    [InlineData("the customer's address is wang@x.example", true)] // the '@', the '+' and the digits past the first 16
    [InlineData("a sentence long enough, +86 1381234", true)]      // characters are found sixteen at a time
    [InlineData("a sentence long enough, 86 1381234 x", false)]
    [InlineData("a sentence long enough: 2026-11-24 2026-12-01", true)]
    public void Precheck_Examples(string text, bool might) => Assert.Equal(might, ContactMasker.MightContainContact(text));

    [Theory]
    [InlineData("2026-11-24 2026-12-01", "2026-11-24 2026-12-01")] // two dates are not a phone number
    [InlineData("survey 2026-11-01 2026-12-01; call 13812345678", "survey 2026-11-01 2026-12-01; call 138****5678")]
    [InlineData("2026-11-24 13812345678", "2026-11-24 138****5678")] // a date and a phone in one run: the phone only
    [InlineData("2026-11-24-13812345678 2026-12-01", "2026-11-24-138****5678 2026-12-01")]
    [InlineData("138-1234-5678", "138-****-5678")]
    [InlineData("+86 1381-02-15 678", "+86 1***-**-*5 678")] // 1381 is no year of a date: a phone, masked
    public void Mask_LeavesIsoDatesAsWritten_AndStillMasksThePhonesBesideThem(string text, string expected)
        => Assert.Equal(expected, Masker.Mask(text));
}
