using Crm.Rules.Lint;
using NodaTime;

namespace Crm.Rules.Tests.Lint;

/// <summary>Every lint check on a configuration that trips it and one that does not; the seed standard lints clean.</summary>
public class LintTests
{
    private static readonly LocalDate Today = new(2026, 1, 1);

    private static LintReport Lint(string json, LocalDate? today = null) => RuleSetLinter.Lint(TestRules.FromJson(json), today);

    private static LintFinding[] Of(LintReport report, LintCheck check) => report.Findings.Where(f => f.Check == check).ToArray();

    private static LintFinding Single(LintReport report, LintCheck check) => Assert.Single(Of(report, check));

    [Fact]
    public void SeedStandard_IsClean_WithAndWithoutADate()
    {
        var report = RuleSetLinter.Lint(CrmRuleSet.SeedStandard, Today);
        Assert.True(report.IsClean, report.ToString());
        Assert.Empty(report.Findings);
        Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, report.Fingerprint);
        Assert.Empty(RuleSetLinter.Lint(TestRules.FreshSeed()).Findings);
        Assert.StartsWith($"rule set {report.Fingerprint}: clean", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_NullRuleSet_Throws()
        => Assert.Throws<ArgumentNullException>(() => RuleSetLinter.Lint(null!));
}
