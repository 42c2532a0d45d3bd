using System.Text.Json;

namespace Crm.Rules.Tests.Cli;

/// <summary>
/// <c>crm-rules churn</c> scores without building explanations unless <c>--explain</c> is given; both paths must print
/// the same result for every customer (CHURN-1 … CHURN-5): scores, band, fired signals, owner, trend and tag.
/// </summary>
public sealed class ChurnFastPathTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Churn_WithoutExplain_PrintsWhatTheExplainedPathPrints()
    {
        var input = _temp.Write("churn.csv", string.Join('\n',
            "id,asOf,lastUse,lastInteraction,lastPurchase,amountThisMonth,amountLastMonth,competitorInquiry,keyContactLeft,contactsPerMonthBefore,contactsPerMonthNow,negativeFeedback,renewalRefused,unresolvedComplaints,grade,previousTotal,behaviour,attitude,value",
            "K1,2026-12-01,2026-06-01,2026-08-01,2026-07-01,100,1000,true,true,8,1,true,true,3,A,5,,,",
            "K2,2026-12-01,2026-11-30,2026-11-30,2026-11-29,1000,1000,false,false,2,2,false,false,0,C,12,,,",
            "K3,2026-12-01,,,,,,false,false,,,false,false,1,,,,,",
            "K4,2026-12-01,2026-01-01,,2026-09-02,10,20,false,false,,,false,false,0,B,9,,,",
            "K5,,,,,,,,,,,,,,,10,4,3,5",
            "K6,,,,,,,,,,,,,,,,1,1,1") + "\n");

        var (fastExit, fast, _) = CliRun.Run("churn", "--input", input, "--format", "json");
        var (explainedExit, explained, _) = CliRun.Run("churn", "--input", input, "--format", "json", "--explain");

        Assert.Equal((0, 0), (fastExit, explainedExit));
        using var fastJson = JsonDocument.Parse(fast);
        using var explainedJson = JsonDocument.Parse(explained);
        var fastRows = fastJson.RootElement.EnumerateArray().ToArray();
        var explainedRows = explainedJson.RootElement.EnumerateArray().ToArray();
        Assert.Equal(6, fastRows.Length);
        Assert.Equal(explainedRows.Length, fastRows.Length);
        for (var i = 0; i < fastRows.Length; i++)
        {
            var withoutEvidence = explainedRows[i].EnumerateObject().Where(p => p.Name != "evidence").Select(p => (p.Name, p.Value.GetRawText()));
            Assert.Equal(withoutEvidence, fastRows[i].EnumerateObject().Select(p => (p.Name, p.Value.GetRawText())));
        }

        // The rows differ from each other where it matters, so the comparison above compares something.
        Assert.Equal("high", fastRows[0].GetProperty("band").GetString());
        Assert.True(fastRows[0].GetProperty("churnRiskTag").GetBoolean());
        Assert.Equal("worsening", fastRows[0].GetProperty("trend").GetString());
        Assert.True(fastRows[0].GetProperty("signals").GetArrayLength() >= 5);
        Assert.False(fastRows[1].GetProperty("churnRiskTag").GetBoolean());
        Assert.Equal("improving", fastRows[1].GetProperty("trend").GetString());
        Assert.Equal(0, fastRows[4].GetProperty("signals").GetArrayLength());
        Assert.Equal(12, fastRows[4].GetProperty("total").GetInt32());
    }
}
