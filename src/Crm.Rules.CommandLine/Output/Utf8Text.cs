using System.Text;

namespace Crm.Rules.CommandLine.Output;

/// <summary>
/// UTF-8 written into a text writer as characters, for a writer that is not a UTF-8 stream (a host's
/// <see cref="StringWriter"/>): one decoder for every write, so a character split between two writes comes out whole.
/// </summary>
/// <param name="text">Where the characters go.</param>
internal sealed class Utf8Text(TextWriter text)
{
    private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();
    private char[] _chars = [];

    /// <summary>The text writer the characters go to.</summary>
    public TextWriter Text => text;

    public void Write(ReadOnlySpan<byte> utf8)
    {
        var needed = _decoder.GetCharCount(utf8, flush: false);
        if (needed > _chars.Length)
        {
            _chars = new char[Math.Max(needed, _chars.Length * 2)];
        }

        var count = _decoder.GetChars(utf8, _chars, flush: false);
        text.Write(_chars, 0, count);
    }
}
