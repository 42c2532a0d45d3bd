using System.Text;
using Crm.Rules.Configuration;

namespace Crm.Rules.Tests.Configuration;

/// <summary>
/// What the loader makes of the text and bytes it is given before any setting is read: the file, its encoding, the
/// JSON syntax, and text that is not valid Unicode — each reported where it is, never guessed.
/// </summary>
public class LoaderInputTests
{
    private static CrmRulesConfigurationException LoadFails(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"crm-rules-{Guid.NewGuid():N}.json");
        File.WriteAllBytes(path, bytes);
        try
        {
            var error = Assert.Throws<CrmRulesConfigurationException>(() => CrmRulesJson.Load(path));
            Assert.Equal(path, error.Source);
            return error;
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_ReadsUtf8WithOrWithoutAByteOrderMark()
    {
        var path = Path.Combine(Path.GetTempPath(), $"crm-rules-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("""{ "leadScoring": { "advanceAtPoints": 4 } }""")]);
            Assert.Equal(4m, CrmRulesJson.Load(path).LeadScoring.AdvanceAtPoints);
            File.WriteAllBytes(path, Encoding.UTF8.GetBytes("""{ "lifecycle": { "keyAccounts": { "growthWindowMonths": 9 } } }"""));
            Assert.Equal(9, CrmRulesJson.Load(path).Lifecycle.KeyAccounts.GrowthWindowMonths);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_InvalidUtf8_IsReportedAtItsLineAndByte()
    {
        // Line 3, after two bytes of "  " and the BOM, which does not count as a position on the line.
        var error = LoadFails([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("{\n\"a\": 1,\n  "), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("}")]);
        Assert.Equal("$: is not valid UTF-8 text (line 3, byte 3: 0xC3); save the file as UTF-8", Assert.Single(error.Errors).ToString());
        var first = LoadFails([0xFE, .. Encoding.UTF8.GetBytes("{}")]);
        Assert.Equal("$: is not valid UTF-8 text (line 1, byte 1: 0xFE); save the file as UTF-8", Assert.Single(first.Errors).ToString());
    }

    [Fact]
    public void Load_AFileThatCannotBeRead_SaysWhy()
    {
        var error = Assert.Throws<CrmRulesConfigurationException>(() => CrmRulesJson.Load(Path.GetTempPath()));
        Assert.StartsWith("$: cannot read the file: ", Assert.Single(error.Errors).ToString(), StringComparison.Ordinal);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => CrmRulesJson.Load(null!)).ParamName);
        Assert.Equal("json", Assert.Throws<ArgumentNullException>(() => CrmRulesJson.Parse(null!)).ParamName);
    }

    [Theory]
    [InlineData("{\n  \"a\": 1,\n  \"b\" 2\n}", "$: is not valid JSON (line 3, position 7): '2' is invalid after a property name")]
    [InlineData("", "$: is not valid JSON (line 1, position 1): The input does not contain any JSON tokens")]
    [InlineData("{ \"valueGrading\": { } ", "$: is not valid JSON (line 1, position 23): the text ends before every { and [ is closed")]
    [InlineData("\"text\"", "$: a rules file must be a JSON object { … }")]
    [InlineData("null", "$: a rules file must be a JSON object { … }")]
    [InlineData("{ \"a\": 1 } x", "$: is not valid JSON (line 1, position 12): 'x' is invalid after a single JSON value")]
    public void Parse_NotAJsonObject_IsOneProblemWithItsPosition(string json, string expected)
        => Assert.Equal([expected], TestRules.ProblemsOf(json));

    [Fact]
    public void Parse_NestingDeeperThanTheLimit_IsReported()
    {
        var deep = string.Concat(Enumerable.Repeat("[", 70)) + string.Concat(Enumerable.Repeat("]", 70));
        var problem = Assert.Single(TestRules.ProblemsOf($$"""{ "a": {{deep}} }"""));
        Assert.StartsWith("$: is not valid JSON (line 1, position ", problem, StringComparison.Ordinal);
        Assert.Contains("64", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(". ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LoneSurrogateInTheText_IsReportedAtItsLineAndPosition()
    {
        Assert.Equal(["$: is not valid text (line 2, position 3): a lone UTF-16 surrogate \\udc00"], TestRules.ProblemsOf("{\n\"a\udc00\": 1 }"));
        Assert.Equal(["$: is not valid text (line 1, position 8): a lone UTF-16 surrogate \\ud800"], TestRules.ProblemsOf("{ \"a\": \ud800 }"));
        Assert.Equal(["$: is not valid text (line 1, position 9): a lone UTF-16 surrogate \\ud800"], TestRules.ProblemsOf("{ \"a\": \"\ud800"));

        // A valid pair is text like any other: it reaches the shape check, which names the unknown key (quoted: not a plain word).
        Assert.Equal(["['😀']: is not a known setting (known here: valueGrading, leadScoring, sla, cadence, demands, satisfaction, dataQuality, churn, lifecycle, access, analytics, loyalty, assessment)"], TestRules.ProblemsOf("{ \"😀\": 1 }"));
    }

    [Fact]
    public void Parse_EscapedLoneSurrogates_AreReportedWhereverTheyAre()
    {
        Assert.Equal(
            [
                "lifecycle.machines.m.stages[1]: is not valid text: it holds a lone UTF-16 surrogate such as \\ud800 (a character cut in half)",
                "lifecycle.machines.m.facts.x: is not valid text: it holds a lone UTF-16 surrogate such as \\ud800 (a character cut in half)",
            ],
            TestRules.ProblemsOf("""{ "lifecycle": { "machines": { "m": { "stages": ["a", "b\udc00"], "facts": { "x": "\ud800" } } } } }"""));
        Assert.Equal(
            ["$: has a key that is not valid text: it holds a lone UTF-16 surrogate such as \\ud800 (a character cut in half)"],
            TestRules.ProblemsOf("""{ "lifecycle": { "machines": { "\ud800": {} } } }"""));
    }

    [Fact]
    public void Parse_TheSourceIsNamedInTheException()
    {
        var error = Assert.Throws<CrmRulesConfigurationException>(() => CrmRulesJson.Parse("[]", "tenant-7"));
        Assert.Equal("tenant-7", error.Source);
        Assert.StartsWith("The Crm.Rules configuration in 'tenant-7' has 1 problem:", error.Message, StringComparison.Ordinal);
        var invalid = Assert.Throws<CrmRulesConfigurationException>(() => CrmRulesJson.Parse("""{ "cadence": { "escalateAfterUnresolvedContacts": 0 } }""", "tenant-8"));
        Assert.Equal("tenant-8", invalid.Source);
    }
}
