using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crm.Rules.Lint;

/// <summary>What <see cref="RuleSetLinter"/> found in one rule set.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class LintReport
{
    internal LintReport(string fingerprint, IReadOnlyList<LintFinding> findings)
    {
        Fingerprint = fingerprint;
        Findings = findings;
    }

    /// <summary>The fingerprint of the rule set that was linted.</summary>
    public string Fingerprint { get; }

    /// <summary>The findings, problems first, then by path.</summary>
    public IReadOnlyList<LintFinding> Findings { get; }

    /// <summary>Whether no finding is a <see cref="LintSeverity.Problem"/> (notes may remain).</summary>
    public bool IsClean => Findings.All(f => f.Severity != LintSeverity.Problem);

    /// <summary>The report as indented UTF-8-friendly JSON: <c>fingerprint</c>, <c>clean</c> and <c>findings</c> (check, severity, path, message, counterExample).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(new LintJson(Fingerprint, IsClean, Findings), LintJsonContext.Relaxed.LintJson);

    /// <summary>The report as text: a summary line, then each finding.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var problems = Findings.Count(f => f.Severity == LintSeverity.Problem);
        var notes = Findings.Count - problems;
        var head = $"rule set {Fingerprint}: {(IsClean ? "clean" : $"{problems} problem{(problems == 1 ? "" : "s")}")}" + (notes == 0 ? "" : $", {notes} note{(notes == 1 ? "" : "s")}");
        return string.Join(Environment.NewLine, Findings.Select(f => f.ToString()).Prepend(head));
    }
}

internal sealed record LintJson(string Fingerprint, bool Clean, IReadOnlyList<LintFinding> Findings);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(LintJson))]
internal sealed partial class LintJsonContext : JsonSerializerContext
{
    // Messages quote names such as 张三 and '≥': written as themselves, as the CLI's other JSON output is.
    public static LintJsonContext Relaxed { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}

internal static class LintWords
{
    public static string Of(LintSeverity severity) => severity == LintSeverity.Problem ? "problem" : "note";

    public static string Of(LintCheck check)
    {
        var name = check.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
