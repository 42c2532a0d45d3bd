using System.Text;
using System.Text.Json;

namespace Crm.Rules.Tests.Cli;

/// <summary>
/// <c>crm-rules loyalty</c> (LOY-1) at the record boundary: members gathered from records anywhere in the input, one row
/// per member, bad records reported with their line while the others are still evaluated, a member whose activities
/// cannot be evaluated together reported at its first record.
/// </summary>
public sealed class LoyaltyCliTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Fingerprint => CrmRuleSet.SeedStandard.Fingerprint;

    private static string Sample => RepositoryPaths.Combine("samples", "data", "loyalty-activities.csv");

    [Fact]
    public void Loy1_TheSample_GivesEachMembersPointsQualifyingSpendTierAndChange()
    {
        var (exit, output, error) = CliRun.Run("loyalty", "--input", Sample, "--as-of", "2026-01-31", "--format", "csv");

        Assert.Equal(0, exit);
        Assert.Equal(
            [
                "id,points,qualifying,tier,previousTier,change,nextTier,toNextTier,fingerprint",
                // 1,200 + 2,600 (2,600.5 rounded down) + a referral 500 + 1,500 at silver, gold from 2025-09-09; 2,000 redeemed; 300 at gold earns 375.
                $"M-001,4175,5600.5,gold,,joined,black,14399.5,{Fingerprint}",
                // 800 + a review 50 + an adopted suggestion 200.
                $"M-002,1050,800,silver,silver,kept,gold,4200,{Fingerprint}",
                // Gold on the day of 15,000, black with 6,200 (at ×1.25); in the birthday month 900 × 1.5 × 2, and a refund of 300 takes back 900.
                $"M-003,24550,21800,black,gold,upgraded,,,{Fingerprint}",
                // Black in March 2024, then nothing in the window: one tier down at the reviews of April and July 2025.
                $"M-004,23000,2000,silver,black,downgraded,gold,3000,{Fingerprint}",
            ],
            output.TrimEnd().Split(Environment.NewLine));
        Assert.Equal(
            $"15 records, 15 written, 0 failed; tiers: black 1, gold 1, silver 2; 4 of 4 members evaluated as of 2026-01-31 (qualifying spend over P12M); rule set {Fingerprint}",
            error.Trim());
    }

    [Fact]
    public void Loy1_Explain_SaysWhatEachActivityEarnedAndWhyTheTier()
    {
        var (exit, output, _) = CliRun.Run("loyalty", "--input", Sample, "--as-of", "2026-01-31", "--format", "json", "--explain");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var lines = json.RootElement[2].GetProperty("explanation").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("2025-11-05 purchase 900 earns 2700 points: 900 × 1 point per 1 × 1.5 (black) × 2 (birthday month); balance 25450", lines);
        Assert.Contains("2025-09-30 upgraded gold → black: qualifying spend 21200 from 2024-10-01 to 2025-09-30 reaches black (from 20000)", lines);
        Assert.Equal("tier on record gold: upgraded", lines[^2]);
    }

    [Fact]
    public void Loy1_BadRecords_AreReportedWithTheirLine_AndTheOthersStillCount()
    {
        var input = _temp.Write("bad.csv", """
            id,date,kind,amount,tier,birthday
            M-1,2026-01-05,purchase,100,silver,05-17
            M-1,2026-01-06,buy,10,,
            M-2,2026-01-05,purchase,,,
            M-2,2026-01-06,referral,5,,
            M-3,2026-01-05,purchase,10,platinum,
            M-1,2026-01-07,purchase,10,gold,
            M-1,2026-01-08,purchase,"4,5",,
            M-1,2026-01-09,purchase,10,,06-01
            M-4,,review,,,
            M-4,2026-01-10,review,,,
            M-6,2026-02-01,purchase,10,,
            """);
        var (exit, output, error) = CliRun.Run("loyalty", "--input", input, "--as-of", "2026-01-31", "--format", "csv");

        Assert.Equal(2, exit);
        Assert.Equal(
            [
                "id,points,qualifying,tier,previousTier,change,nextTier,toNextTier,fingerprint",
                $"M-1,100,100,silver,silver,kept,gold,4900,{Fingerprint}",
                $"M-4,50,0,silver,,joined,gold,5000,{Fingerprint}",
                $"M-6,0,0,silver,,joined,gold,5000,{Fingerprint}",
            ],
            output.TrimEnd().Split(Environment.NewLine));
        Assert.Equal(
            [
                "error: bad.csv line 3 (id M-1), field 'kind': 'buy' is not an activity kind (kinds: purchase, referral, review, suggestionAdopted, redemption)",
                "error: bad.csv line 4 (id M-2), field 'amount': is required for a purchase (the money spent; negative for a refund)",
                "error: bad.csv line 5 (id M-2), field 'amount': a referral earns a fixed award and has no amount; got 5",
                "error: bad.csv line 6 (id M-3), field 'tier': 'platinum' is not a tier (tiers: silver, gold, black)",
                "error: bad.csv line 7 (id M-1), field 'tier': 'gold' differs from the tier an earlier record gave the member ('silver'): a member has one tier on record",
                "error: bad.csv line 8 (id M-1), field 'amount': '4,5' is not a number: use '.' for decimals and no thousands separators",
                "error: bad.csv line 9 (id M-1), field 'birthday': '06-01' differs from the birthday an earlier record gave the member (05-17)",
                "error: bad.csv line 10 (id M-4), field 'date': is required (the day of the activity, e.g. 2026-11-24)",
                $"11 records, 3 written, 8 failed; tiers: silver 3; 3 of 3 members evaluated as of 2026-01-31 (qualifying spend over P12M); 1 activity after the as-of date left out; rule set {Fingerprint}",
            ],
            error.TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public void Loy1_AMemberWhoseActivitiesCannotBeEvaluated_IsReportedAtItsFirstRecord_AndTheOthersAreWritten()
    {
        var input = _temp.Write("redeem.csv", """
            id,date,kind,amount
            M-1,2026-01-02,purchase,100
            M-9,2026-01-02,purchase,100
            M-1,2026-01-03,redemption,100
            M-9,2026-01-03,redemption,500
            """);
        var (exit, output, error) = CliRun.Run("loyalty", "--input", input, "--as-of", "2026-01-31", "--format", "csv");

        Assert.Equal(2, exit);
        Assert.Equal($"M-1,0,100,silver,,joined,gold,4900,{Fingerprint}", output.TrimEnd().Split(Environment.NewLine)[1]);
        Assert.Equal(2, output.TrimEnd().Split(Environment.NewLine).Length);
        Assert.Equal(
            [
                "error: redeem.csv line 3 (id M-9), field 'amount': the member's activities cannot be evaluated: the redemption of 500 points on 2026-01-03 exceeds the balance of 100 that day",
                $"4 records, 2 written, 2 failed; tiers: silver 1; 1 of 2 members evaluated as of 2026-01-31 (qualifying spend over P12M); rule set {Fingerprint}",
            ],
            error.TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public void Loy1_JsonLinesFromStdin_WithTheMembersRecordsApart_AndARulesFile()
    {
        var config = _temp.Write("rules.json", """{ "loyalty": { "qualifyBy": "points", "tiers": { "gold": { "minimumQualifying": 1000 } } } }""");
        var lines = """
            {"id":"a","date":"2026-01-05","kind":"referral"}
            {"id":"b","date":"2026-01-05","kind":"purchase","amount":10.5}
            {"id":"a","date":"2026-01-06","kind":"referral","tier":"gold"}
            {"id":"a","date":"2026-01-07","kind":"purchase","amount":100,"birthday":"1990-01-20"}
            """;
        var (exit, output, error) = CliRun.RunWithInput(Encoding.UTF8.GetBytes(lines), "loyalty", "--input", "-", "--input-format", "jsonl", "--as-of", "2026-01-31", "--config", config, "--format", "jsonl");

        Assert.Equal(0, exit);
        var rows = output.TrimEnd().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        // a: two referrals reach gold on 2026-01-06; the purchase of the next day earns 100 × 1.25 × 2 in the birthday month.
        Assert.Equal(("a", 1250L, 1250m, "gold", "kept"), (rows[0].GetProperty("id").GetString(), rows[0].GetProperty("points").GetInt64(), rows[0].GetProperty("qualifying").GetDecimal(), rows[0].GetProperty("tier").GetString(), rows[0].GetProperty("change").GetString()));
        Assert.Equal(("b", 10L, "silver"), (rows[1].GetProperty("id").GetString(), rows[1].GetProperty("points").GetInt64(), rows[1].GetProperty("tier").GetString()));
        Assert.Contains("(qualifying points over P12M)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Loy1_AnAsOfThatIsNotADate_IsRefusedBeforeReading()
    {
        var (exit, _, error) = CliRun.Run("loyalty", "--input", Sample, "--as-of", "31/01/2026");
        Assert.Equal(2, exit);
        Assert.StartsWith("error: --as-of: '31/01/2026' is not a date", error.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Loy1_StoppedByMaxErrors_WritesNoMember_ForPointsFromPartOfTheHistoryWouldBeWrong()
    {
        var input = _temp.Write("stop.csv", "id,date,kind,amount\nA,2026-01-01,purchase,100\nB,2026-01-01,purchase,bad\nA,2026-01-02,purchase,6000\n");
        var (exit, output, error) = CliRun.Run("loyalty", "--input", input, "--as-of", "2026-11-30", "--format", "csv", "--max-errors", "1");

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("error: no member written: the input was not read to the end", error, StringComparison.Ordinal);
        Assert.Contains("0 written", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hello-02-29")]
    [InlineData("1981-02-29")]
    [InlineData("2-29")]
    public void Loy1_ABirthdayThatIsNotADay_IsAnError(string birthday)
    {
        var input = _temp.Write("b.csv", $"id,date,kind,amount,birthday\nA,2026-02-01,purchase,100,{birthday}\n");
        var (exit, _, error) = CliRun.Run("loyalty", "--input", input, "--as-of", "2026-11-30", "--format", "csv");

        Assert.Equal(2, exit);
        Assert.Contains("field 'birthday'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Loy1_DatesOutsideTheSupportedRange_AreSaidToBe_NotReportedAsPointOverflow()
    {
        var input = _temp.Write("d.csv", "id,date,kind,amount\nA,9999-01-05,purchase,100\nB,2026-01-05,purchase,100\n");
        var (exit, output, error) = CliRun.Run("loyalty", "--input", input, "--as-of", "2026-11-30", "--format", "csv");
        Assert.Equal(2, exit);
        Assert.Contains("field 'date': 9999-01-05 is outside the supported dates 0001-01-01 … 9899-12-31", error, StringComparison.Ordinal);
        Assert.Contains("B,", output, StringComparison.Ordinal);

        var (refused, _, said) = CliRun.Run("loyalty", "--input", input, "--as-of", "9999-12-15");
        Assert.Equal(2, refused);
        Assert.Contains("--as-of: 9999-12-15 is outside the supported dates", said, StringComparison.Ordinal);
    }
}
