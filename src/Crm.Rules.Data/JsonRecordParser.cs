using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Crm.Rules.Data;

/// <summary>Reads one complete JSON value (the bytes of one record) into a <see cref="Record"/>.</summary>
internal static class JsonRecordParser
{
    internal static readonly JsonReaderOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Fills <paramref name="record"/> (already begun) from <paramref name="json"/>; problems go on the record.</summary>
    public static void Parse(ReadOnlySpan<byte> json, Record record)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock: true, new JsonReaderState(Options));
        try
        {
            if (!reader.Read())
            {
                record.AddRecordError(null, "the record is empty");
                return;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                record.AddRecordError(null, $"expected an object {{ \"id\": … }}, not {Describe(reader.TokenType)}");
                return;
            }

            List<string>? unknown = null;
            Span<char> nameBuffer = stackalloc char[128];
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var nameLength = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
                var chars = nameLength <= nameBuffer.Length ? nameBuffer : new char[nameLength];
                ReadOnlySpan<char> name = chars[..reader.CopyString(chars)];
                var slot = record.Schema.ColumnSlot(name);
                reader.Read();
                if (slot == RecordSchema.IgnoredColumn)
                {
                    reader.Skip();
                    continue;
                }

                if (slot < 0)
                {
                    (unknown ??= []).Add(name.ToString());
                    reader.Skip();
                    continue;
                }

                if (record.KindOf(slot) != FieldKind.Absent)
                {
                    record.AddRecordError(record.Schema.Fields[slot], "appears twice in the record; give each field once");
                    reader.Skip();
                    continue;
                }

                ReadValue(ref reader, json, record, slot);
            }

            record.ReadId();
            if (unknown is not null)
            {
                record.AddRecordError(null, $"unknown field{(unknown.Count == 1 ? "" : "s")} {string.Join(", ", unknown.Select(u => FieldText.Excerpt(u)))}; the fields are {record.Schema}");
            }
        }
        catch (JsonException e)
        {
            record.AddRecordError(null, $"is not valid JSON ({FirstSentence(e.Message)})");
        }
        catch (InvalidOperationException e)
        {
            // Utf8JsonReader reports invalid UTF-8 inside a string this way.
            record.AddRecordError(null, $"is not valid JSON ({FirstSentence(e.Message)})");
        }
    }

    internal static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    internal static string FirstSentence(string message)
    {
        // System.Text.Json appends "Path: $ | LineNumber: 0 | BytePositionInLine: 3." — positions of its own, counted
        // from 0 inside the piece it read; ours (from 1, in the whole input) are in the location instead.
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var line = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (line >= 0 && (cut < 0 || line < cut))
        {
            cut = line;
        }

        var text = (cut >= 0 ? message[..cut] : message).Split('\n')[0].Trim().TrimEnd('.');
        return SafeText.Printable(text);
    }

    private static void ReadValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, Record record, int slot)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                record.Set(slot, FieldKind.Null, []);
                break;
            case JsonTokenType.True:
                record.Set(slot, FieldKind.Boolean, "true");
                break;
            case JsonTokenType.False:
                record.Set(slot, FieldKind.Boolean, "false");
                break;
            case JsonTokenType.Number:
                SetAscii(record, slot, FieldKind.Number, reader.ValueSpan);
                break;
            case JsonTokenType.String:
                var length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
                var span = record.SetSpan(slot, FieldKind.Text, length);
                var written = reader.CopyString(span);
                record.Trim(slot, written);
                if (written > 0 && span[..written].Trim().IsEmpty)
                {
                    record.Set(slot, FieldKind.Blank, []);
                }

                break;
            default:
                var start = checked((int)reader.TokenStartIndex);
                reader.Skip();
                var end = checked((int)reader.BytesConsumed);
                var raw = json[start..end];
                var chars = record.SetSpan(slot, FieldKind.Structure, Encoding.UTF8.GetMaxCharCount(raw.Length));
                record.Trim(slot, Encoding.UTF8.GetChars(raw, chars));
                break;
        }
    }

    private static void SetAscii(Record record, int slot, FieldKind kind, ReadOnlySpan<byte> ascii)
    {
        var span = record.SetSpan(slot, kind, ascii.Length);
        for (var i = 0; i < ascii.Length; i++)
        {
            span[i] = (char)ascii[i];
        }
    }
}
