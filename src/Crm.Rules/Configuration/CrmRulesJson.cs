using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace Crm.Rules.Configuration;

/// <summary>
/// Reads and writes standalone Crm.Rules rules files (JSON, camelCase, comments allowed).
/// </summary>
/// <remarks>
/// A rules file holds only what it changes: every setting absent from the file keeps its seed-standard default.
/// Objects and name-keyed maps (grades, lead criteria, lead labels, categories) merge key by key; a list given in the
/// file (indicators, bands, channels) replaces the default list whole. Unknown keys, values of the wrong kind and
/// every validation problem are reported together, each with its JSON path.
/// </remarks>
/// <threadsafety>This type is stateless and thread-safe.</threadsafety>
public static class CrmRulesJson
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 64,
        AllowDuplicateProperties = false,
    };

    /// <summary>Reads, merges over the seed standard and validates a rules file.</summary>
    /// <param name="path">The file to read.</param>
    /// <returns>The validated options.</returns>
    /// <exception cref="CrmRulesConfigurationException">
    /// The file is missing, unreadable, not UTF-8 text, not JSON, or invalid; every problem is listed.
    /// </exception>
    public static CrmRulesOptions Load(string path) => Validated(Read(path), path);

    /// <summary>Parses, merges over the seed standard and validates rules-file text.</summary>
    /// <param name="json">The JSON text; it may contain only the settings it changes.</param>
    /// <param name="source">Where the text came from, used in error messages; <see langword="null"/> when unknown.</param>
    /// <returns>The validated options.</returns>
    /// <exception cref="CrmRulesConfigurationException">The text is not JSON or the configuration is invalid; every problem is listed.</exception>
    public static CrmRulesOptions Parse(string json, string? source = null) => Validated(ReadText(json, source), source);

    /// <summary>Reads a rules file over the seed standard without validating it (CrmRuleSet.Load validates while it compiles).</summary>
    /// <remarks>What the file cannot be read as (bytes, JSON, shape) is thrown; problems of its values are kept on the options.</remarks>
    internal static CrmRulesOptions Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CrmRulesConfigurationException([new ConfigurationError("$", $"cannot read the file: {e.Message}")], path);
        }

        return ReadText(Decode(bytes, path), path);
    }

    /// <summary>Reads rules-file text over the seed standard without validating it, as <see cref="Read"/> does.</summary>
    internal static CrmRulesOptions ReadText(string json, string? source)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (LoneSurrogate(json) is { } lone)
        {
            throw new CrmRulesConfigurationException([lone], source);
        }

        var errors = new ErrorCollector();
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: DocumentOptions);
        }
        catch (InvalidOperationException)
        {
            // The parser unescapes keys to look for duplicates; "\ud800" in a key stops it there.
            throw new CrmRulesConfigurationException([new ConfigurationError("$", "has a key that is not valid text: it holds a lone UTF-16 surrogate such as \\ud800 (a character cut in half)")], source);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : "";
            throw new CrmRulesConfigurationException([new ConfigurationError("$", $"is not valid JSON{where}: {Explain(e)}")], source);
        }

        if (node is not JsonObject overlay)
        {
            throw new CrmRulesConfigurationException([new ConfigurationError("$", "a rules file must be a JSON object { … }")], source);
        }

        // An escaped lone surrogate ("\ud800") parses, but cannot become a .NET string that means anything.
        CheckText(overlay, "", errors);
        if (errors.HasErrors)
        {
            throw new CrmRulesConfigurationException(errors.Errors, source);
        }

        return FromOverlay(overlay, errors);
    }

    /// <summary>Writes options as an indented rules file that <see cref="Parse"/> reads back unchanged.</summary>
    /// <param name="options">The options to write.</param>
    /// <returns>
    /// The JSON text. A seed-standard map entry that the options do not have (a removed grade, say) is written as
    /// <c>null</c>, because a rules file is laid over the seed standard and only null removes an entry.
    /// </returns>
    public static string Serialize(CrmRulesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var info = CrmRulesJsonContext.Default.CrmRulesOptions;
        var node = JsonSerializer.SerializeToNode(options, info)!;
        var defaults = JsonSerializer.SerializeToNode(new CrmRulesOptions(), info)!;
        MarkRemovedEntries(node, defaults, info);
        return node.ToJsonString(CrmRulesJsonContext.Default.Options);
    }

    private static CrmRulesOptions Validated(CrmRulesOptions options, string? source)
    {
        var problems = CrmRulesValidation.Validate(options);
        return problems.Count > 0 ? throw new CrmRulesConfigurationException(problems, source) : options;
    }

    /// <summary>Reads a configuration section (e.g. <c>CrmRules</c> of <c>appsettings.json</c>) over the seed standard.</summary>
    /// <remarks>Problems are not thrown: they are kept on the options and reported by validation with every other problem.</remarks>
    internal static CrmRulesOptions FromConfiguration(IConfiguration section)
    {
        var errors = new ErrorCollector();
        var overlay = JsonShape.FromConfiguration(section, CrmRulesJsonContext.Default.CrmRulesOptions, "", errors) as JsonObject ?? [];
        return FromOverlay(overlay, errors);
    }

    /// <summary>The canonical JSON of options, the input of the rule-set fingerprint.</summary>
    /// <remarks>The SLA calendars count in the form they compiled to, so equal calendars written differently share a fingerprint.</remarks>
    /// <param name="options">The options.</param>
    /// <param name="slaCalendars">The SLA calendars as they compiled.</param>
    /// <param name="written">The options as written, before the SLA part is normalised: what lint reads back (<see cref="ReadBack"/>).</param>
    internal static string Canonical(CrmRulesOptions options, IReadOnlyDictionary<string, Sla.BusinessCalendar> slaCalendars, out string written)
    {
        var node = JsonSerializer.SerializeToNode(options, CrmRulesJsonContext.Default.CrmRulesOptions);
        written = node?.ToJsonString() ?? "{}";
        Sla.SlaCanonicalForm.Normalize(node?["sla"], slaCalendars);
        return CanonicalJson.Of(node);
    }

    /// <summary>
    /// The options a rule set was compiled from, read back from the text <see cref="Canonical"/> wrote before normalising:
    /// lint reports paths into the configuration as written (a holiday's index, not its canonical run).
    /// </summary>
    internal static CrmRulesOptions ReadBack(string written)
    {
        var info = CrmRulesJsonContext.Default.CrmRulesOptions;
        var node = JsonNode.Parse(written) as JsonObject ?? [];
        MarkRemovedEntries(node, JsonSerializer.SerializeToNode(new CrmRulesOptions(), info), info);
        return FromOverlay(node, new ErrorCollector());
    }

    private static CrmRulesOptions FromOverlay(JsonObject overlay, ErrorCollector errors)
    {
        JsonShape.Check(overlay, CrmRulesJsonContext.Default.CrmRulesOptions, "", errors);
        var merged = (JsonObject)JsonSerializer.SerializeToNode(new CrmRulesOptions(), CrmRulesJsonContext.Default.CrmRulesOptions)!;
        JsonMerge.Overlay(merged, overlay, CrmRulesJsonContext.Default.CrmRulesOptions);
        CrmRulesOptions options;
        try
        {
            options = merged.Deserialize(CrmRulesJsonContext.Default.CrmRulesOptions) ?? new CrmRulesOptions();
        }
        catch (JsonException e)
        {
            // The shape check removes what the serializer would refuse; this is a last line of defence.
            errors.Add(e.Path?.TrimStart('$', '.') ?? "$", FirstSentence(e.Message));
            options = new CrmRulesOptions();
        }

        options.LoadErrors = errors.Errors.ToList();
        return options;
    }

    private static void MarkRemovedEntries(JsonNode? node, JsonNode? defaults, System.Text.Json.Serialization.Metadata.JsonTypeInfo info)
    {
        if (node is not JsonObject obj || defaults is not JsonObject defaultObj)
        {
            return;
        }

        if (info.Kind == System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Dictionary)
        {
            var valueInfo = info.Options.GetTypeInfo(info.ElementType!);
            foreach (var (key, defaultValue) in defaultObj)
            {
                if (!obj.ContainsKey(key))
                {
                    obj[key] = null;
                }
                else
                {
                    MarkRemovedEntries(obj[key], defaultValue, valueInfo);
                }
            }
        }
        else if (info.Kind == System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Object)
        {
            foreach (var property in info.Properties)
            {
                if (obj[property.Name] is { } child && defaultObj[property.Name] is { } defaultChild)
                {
                    MarkRemovedEntries(child, defaultChild, info.Options.GetTypeInfo(property.PropertyType));
                }
                else if (!obj.ContainsKey(property.Name) && defaultObj.ContainsKey(property.Name))
                {
                    // An optional setting left empty (a grade without minimumTotal, say) must not read back as the default.
                    obj[property.Name] = null;
                }
            }
        }
    }

    // Invalid bytes must not become U+FFFD silently: that would rename an indicator or a grade.
    private static string Decode(byte[] bytes, string path)
    {
        var span = bytes.AsSpan();
        var bom = span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        try
        {
            return StrictUtf8.GetString(bytes, bom, bytes.Length - bom);
        }
        catch (DecoderFallbackException e)
        {
            var at = bom + Math.Max(0, e.Index);
            var line = 1 + span[..at].Count((byte)'\n');
            var position = at - (span[..at].LastIndexOf((byte)'\n') + 1) + 1;
            var bad = e.BytesUnknown is { Length: > 0 } unknown ? string.Join(" ", unknown.Select(b => $"0x{b:X2}")) : "?";
            throw new CrmRulesConfigurationException(
                [new ConfigurationError("$", $"is not valid UTF-8 text (line {line}, byte {position}: {bad}); save the file as UTF-8")], path);
        }
    }

    private static ConfigurationError? LoneSurrogate(string text)
    {
        var (line, position) = (1, 0);
        for (var i = 0; i < text.Length; i++)
        {
            position++;
            var c = text[i];
            if (c == '\n')
            {
                (line, position) = (line + 1, 0);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return new ConfigurationError("$", $"is not valid text (line {line}, position {position}): a lone UTF-16 surrogate \\u{(int)c:x4}");
            }
        }

        return null;
    }

    private static void CheckText(JsonNode? node, string path, ErrorCollector errors)
    {
        const string Problem = "is not valid text: it holds a lone UTF-16 surrogate such as \\ud800 (a character cut in half)";
        switch (node)
        {
            case JsonObject obj:
                List<KeyValuePair<string, JsonNode?>> members;
                try
                {
                    members = obj.ToList();
                }
                catch (InvalidOperationException)
                {
                    errors.Add(path.Length == 0 ? "$" : path, $"has a key that {Problem}");
                    return;
                }

                foreach (var (key, child) in members)
                {
                    CheckText(child, JsonShape.PathOf(path, key), errors);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    CheckText(array[i], $"{path}[{i}]", errors);
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                try
                {
                    _ = value.GetValue<string>();
                }
                catch (InvalidOperationException)
                {
                    errors.Add(path, Problem);
                }

                break;
        }
    }

    private static string Explain(JsonException e) => e.Message.Contains("depth to be zero", StringComparison.Ordinal)
        ? "the text ends before every { and [ is closed"
        : FirstSentence(e.Message);

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}
