using System.Text;
using Crm.Rules.Configuration;

namespace Crm.Rules.Tests.Configuration;

/// <summary>The crashes and silent changes a fuzz of <c>crm-rules validate</c> found, each now a problem with a path.</summary>
public class LoaderRobustnessTests
{
    [Theory]
    [InlineData("""{"lifecycle":{"machines":{"funnel":{"transitions":[null]}}}}""", "lifecycle.machines.funnel.transitions[0]: must not be null; a list holds values only")]
    [InlineData("""{"lifecycle":{"machines":{"funnel":{"transitions":[{"from":"lead","to":"prospect","guards":null}]}}}}""", "lifecycle.machines.funnel.transitions[0].guards: must not be null; leave the setting out to keep its default")]
    [InlineData("""{"demands":{"gradeOrder":[null]}}""", "demands.gradeOrder[0]: must not be null; a list holds values only")]
    [InlineData("""{"churn":{"signals":{"unresolvedComplaints":{"threshold":9223372036854775808}}}}""", "churn.signals.unresolvedComplaints.threshold: must lie between -1000000 and 1000000 (got 9223372036854775808)")]
    [InlineData("""{"cadence":{"surveyIntervals":{"B":"PT9999999999H"}}}""", "cadence.surveyIntervals.B: must reach at most 100 years (P100Y, P1200M or P36525D); got PT9999999999H")]
    [InlineData("""{"valueGrading":{"grades":{"B":{"treatment":{"contactInterval":"P99999999Y"}}}}}""", "valueGrading.grades.B.treatment.contactInterval: must reach at most 100 years (P100Y, P1200M or P36525D); got P99999999Y")]
    [InlineData("""{"sla":{"policies":[{"name":"x","target":"PT240001H"}]}}""", "sla.policies[0].target: must be at most 10,000 days (PT240000H); got PT240001H")]
    [InlineData("""{"leadScoring":{"advanceAtPoints":1e-400}}""", "leadScoring.advanceAtPoints: must have at most 6 decimal places (got 1e-400)")]
    [InlineData("""{"lifecycle":{"keyAccounts":{"promoteAtGrowth":0.5000000000000000000000000001}}}""", "lifecycle.keyAccounts.promoteAtGrowth: must have at most 6 decimal places (got 0.5000000000000000000000000001)")]
    [InlineData("""{"valueGrading":{"missingValues":"0"}}""", "valueGrading.missingValues: must be one of \"reject\", \"renormalize\", not the text \"0\"")]
    [InlineData("""{"valueGrading":{"missingValues":"reject "}}""", "valueGrading.missingValues: must be one of \"reject\", \"renormalize\", not the text \"reject \"")]
    [InlineData("""{"valueGrading":{"missingValues":7}}""", "valueGrading.missingValues: must be one of \"reject\", \"renormalize\", not the number 7")]
    [InlineData("""{"valueGrading":{"approval":{"approverRole":null}}}""", "valueGrading.approval.approverRole: must not be null; leave the setting out to keep its default")]
    [InlineData("""{"churn":{"signals":{"negativeFeedback":{"dimension":null}}}}""", "churn.signals.negativeFeedback.dimension: must not be null; leave the setting out to keep its default")]
    [InlineData("""{"valueGrading":{"indicators":[{"name":"\ud800","weight":1}]}}""", "valueGrading.indicators[0].name: is not valid text: it holds a lone UTF-16 surrogate such as \\ud800 (a character cut in half)")]
    [InlineData("""{"valueGrading":{"grades":{"A\ud800":{}}}}""", "$: has a key that is not valid text: it holds a lone UTF-16 surrogate such as \\ud800 (a character cut in half)")]
    public void Loading_ReportsWhatOnceCrashedOrChangedSilently(string json, string expected)
        => Assert.Contains(expected, TestRules.ProblemsOf(json));

    [Fact]
    public void Load_InvalidUtf8_IsReportedWithItsPosition_NotReplaced()
    {
        var path = Path.Combine(Path.GetTempPath(), $"crm-rules-{Guid.NewGuid():N}.json");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes("""{"valueGrading":{"indicators":[{"name":"a"""), 0xFF, .. Encoding.UTF8.GetBytes("\",\"weight\":1}]}}")]);
        try
        {
            var error = Assert.Throws<CrmRulesConfigurationException>(() => CrmRulesJson.Load(path));
            Assert.Equal("$: is not valid UTF-8 text (line 1, byte 42: 0xFF); save the file as UTF-8", Assert.Single(error.Errors).ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void EchoedValues_AreEscapedAndCut()
    {
        var huge = new string('w', 10_000_000);
        var problems = TestRules.ProblemsOf("{\"valueGrading\":{\"missingValues\":\"" + huge + "\"},\"sla\":{\"policies\":[{\"name\":\"x\",\"target\":\"PT1H\",\"calendar\":\"tab\\tand\\nline\"}]}}");

        Assert.All(problems, p => Assert.InRange(p.Length, 1, ConfigurationError.MaximumPathLength + ConfigurationError.MaximumMessageLength + 2));
        Assert.All(problems, p => Assert.DoesNotContain('\n', p));
        Assert.Contains(problems, p => p.StartsWith("valueGrading.missingValues: must be one of \"reject\", \"renormalize\", not the text \"wwww", StringComparison.Ordinal) && System.Text.RegularExpressions.Regex.IsMatch(p, "… \\(10,000,00[0-2] characters\\)"));
        Assert.Contains(problems, p => p.Contains("tab\\tand\\nline", StringComparison.Ordinal));
    }

    [Fact]
    public void Serialize_AnOptionalSettingLeftEmpty_ReadsBackEmpty_NotAsTheDefault()
    {
        var options = CrmRulesOptions.SeedStandard();
        options.Churn.Signals["noUse"].LoginThreshold = null;

        var back = CrmRulesJson.Parse(CrmRulesJson.Serialize(options));

        Assert.Null(back.Churn.Signals["noUse"].LoginThreshold);
    }
}
