using System.Globalization;
using System.Text;

namespace Crm.Rules.Configuration;

/// <summary>
/// Makes text from a configuration safe to repeat in a message: one line, valid Unicode, bounded length.
/// </summary>
internal static class EchoedText
{
    private const char Ellipsis = '…';

    /// <summary>Escapes control characters and lone surrogates, cuts words longer than <paramref name="longestWord"/> and the whole text at <paramref name="maximum"/>.</summary>
    public static string Bound(string? text, int maximum, int longestWord)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        var builder = new StringBuilder(Math.Min(text.Length, maximum + 16));
        var word = 0;
        var cut = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (builder.Length >= maximum)
            {
                cut = true;
                break;
            }

            var c = text[i];
            if (c == ' ')
            {
                word = 0;
                builder.Append(c);
                continue;
            }

            // A word is only cut after a few characters more than the limit, so that the cut is worth its "…(n characters)".
            if (word == longestWord && WordEnd(text, i) - i > 8)
            {
                var end = WordEnd(text, i);
                builder.Append(Ellipsis).Append(" (").Append((end - i + longestWord).ToString("N0", CultureInfo.InvariantCulture)).Append(" characters)");
                i = end - 1;
                continue;
            }

            word++;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c) || char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                builder.Append(Escape(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        if (cut)
        {
            builder.Length = Math.Min(builder.Length, maximum - 1);
            if (builder.Length > 0 && char.IsHighSurrogate(builder[^1]))
            {
                builder.Length--;
            }

            builder.Append(Ellipsis);
        }

        return builder.ToString();
    }

    private static int WordEnd(string text, int from)
    {
        var end = text.IndexOf(' ', from);
        return end < 0 ? text.Length : end;
    }

    private static string Escape(char c) => c switch
    {
        '\t' => "\\t",
        '\n' => "\\n",
        '\r' => "\\r",
        _ => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
    };
}
