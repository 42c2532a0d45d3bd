using Crm.Rules.Configuration;

namespace Crm.Rules.Tests.Configuration;

/// <summary>
/// The texts of configuration errors as a user reads them: the exception's summary, and paths and messages made safe to
/// print (one line, valid text, bounded length) however long or odd the echoed value is.
/// </summary>
public class ErrorTextTests
{
    [Fact]
    public void Exception_SummarisesEveryProblem_WithItsSource()
    {
        var one = new CrmRulesConfigurationException([new ConfigurationError("a.b", "is wrong")]);
        Assert.Equal($"The Crm.Rules configuration has 1 problem:{Environment.NewLine}  a.b: is wrong", one.Message);
        Assert.Null(one.Source);

        var two = new CrmRulesConfigurationException([new ConfigurationError("a", "x"), new ConfigurationError("b", "y")], "rules.json");
        Assert.Equal($"The Crm.Rules configuration in 'rules.json' has 2 problems:{Environment.NewLine}  a: x{Environment.NewLine}  b: y", two.Message);
        Assert.Equal("rules.json", two.Source);
        Assert.Equal(["a: x", "b: y"], two.Errors.Select(e => e.ToString()));

        Assert.Equal("errors", Assert.Throws<ArgumentNullException>(() => new CrmRulesConfigurationException(null!)).ParamName);
    }

    [Fact]
    public void Error_EscapesControlCharactersAndLoneSurrogates_KeepsPairs()
    {
        var error = new ConfigurationError("p\tq", "a\tb\nc\rd\u0001e\u2028f\u2029g\ud800h\udc00i 😀");
        Assert.Equal("p\\tq", error.Path);
        Assert.Equal("a\\tb\\nc\\rd\\u0001e\\u2028f\\u2029g\\ud800h\\udc00i 😀", error.Message);
        Assert.Equal(("", ""), (new ConfigurationError(null!, null!).Path, new ConfigurationError("", null!).Message));
    }

    [Fact]
    public void Error_CutsAMessageAtItsMaximumLength()
    {
        var exactly = string.Concat(Enumerable.Repeat("word ", 100)); // 500 characters
        Assert.Equal(exactly, new ConfigurationError("p", exactly).Message);

        var longer = new ConfigurationError("p", exactly + "x").Message;
        Assert.Equal(ConfigurationError.MaximumMessageLength, longer.Length);
        Assert.Equal(exactly[..499] + "…", longer);

        // A cut never leaves half a surrogate pair behind.
        var pair = new ConfigurationError("p", string.Concat(Enumerable.Repeat(new string('a', 60) + " ", 8)) + new string('a', 10) + "😀bbbbbbbbbb").Message;
        Assert.EndsWith("a…", pair, StringComparison.Ordinal);
        Assert.Equal(ConfigurationError.MaximumMessageLength - 1, pair.Length);
    }

    [Fact]
    public void Error_CutsALongWordOfAMessage_SayingHowLongItWas()
    {
        // A word is cut after 80 characters only when at least 9 more follow: the note must be worth its length.
        var kept = new string('w', 88);
        Assert.Equal($"got {kept} here", new ConfigurationError("p", $"got {kept} here").Message);
        var cut = new ConfigurationError("p", $"got {new string('w', 89)} here").Message;
        Assert.Equal($"got {new string('w', 80)}… (89 characters) here", cut);
        Assert.Equal($"{new string('w', 80)}… (12,345 characters)", new ConfigurationError("p", new string('w', 12_345)).Message);
    }

    [Fact]
    public void Error_CutsALongPathAtItsMaximumLength()
    {
        var path = string.Join(".", Enumerable.Repeat("abcdefghi", 30)); // 299 characters
        var error = new ConfigurationError(path, "m");
        Assert.Equal(ConfigurationError.MaximumPathLength, error.Path.Length);
        Assert.Equal(path[..199] + "…", error.Path);
        Assert.Equal(path[..200], new ConfigurationError(path[..200], "m").Path);
    }
}
