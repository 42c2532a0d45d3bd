using Crm.Rules.Data;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Rules.Tests.DataQuality;

/// <summary>Every output cell is checked for characters that must not reach a terminal or a sheet: the one-search check answers as the definition.</summary>
public class SafeTextProperties
{
    // The definition: C0 controls, DEL and C1, the bidirectional marks and overrides and isolates.
    private static bool Unprintable(char c) =>
        c < ' ' || (c >= '\u007F' && c <= '\u009F') || c is '\u200E' or '\u200F' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');

    // Mostly printable text (ASCII, Chinese, arrows) with the edges of every unprintable range mixed in.
    private static Arbitrary<string> Texts() => Arb.From(
        Gen.ArrayOf(Gen.Frequency(
            (8, Gen.Elements("ab 1,;→≥王-=".ToCharArray())),
            (1, Gen.Elements('\0', '\u001B', '\u001F', ' ', '\u007E', '\u007F', '\u0080', '\u009F', '\u00A0', '\u200D', '\u200E', '\u200F', '\u2010', '\u2029', '\u202A', '\u202E', '\u202F', '\u2065', '\u2066', '\u2069', '\u206A')),
            (1, Gen.Choose(0, char.MaxValue).Select(c => (char)c))))
            .Select(c => new string(c)),
        s => Enumerable.Range(0, s.Length).Select(i => s.Remove(i, 1)));

    [Property(MaxTest = 3000)]
    public Property IsPrintable_AnswersAsTheCharacterDefinition()
        => Prop.ForAll(Texts(), text => (SafeText.IsPrintable(text) == !text.Any(Unprintable)).Label($"'{text}'"));

    [Property(MaxTest = 3000)]
    public Property Printable_RemovesExactlyTheUnprintable()
        => Prop.ForAll(Texts(), text => (SafeText.Printable(text) == new string([.. text.Where(c => !Unprintable(c))])).Label($"'{text}'"));

    [Fact]
    public void EveryCharacter_IsJudgedAsTheDefinitionJudgesIt()
    {
        for (var c = 0; c <= char.MaxValue; c++)
        {
            Assert.True(SafeText.IsPrintable(((char)c).ToString()) == !Unprintable((char)c), $"U+{c:X4}");
        }
    }
}
