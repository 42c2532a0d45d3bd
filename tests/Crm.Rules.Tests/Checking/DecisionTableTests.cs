using Crm.Rules.CommandLine.Checking;
using Crm.Rules.Tests.Support;

namespace Crm.Rules.Tests.Checking;

/// <summary>Decision tables (issue 12): pass, fail, bad input, in the library and through <c>crm-rules check</c>.</summary>
public sealed class DecisionTableTests : IDisposable
{
    private const string Header = "case,id,historicalAmount,frequency,grossMargin,industryInfluence,needMatch,willingness";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Check_AllExpectationsHold_Passes()
    {
        var cases = _folder.Write("grade.csv", $"""
            {Header},expect.grade,expect.total,expect.nextGrade
            top,c1,5,5,4,5,5,4,A,4.70,null
            threshold of A,c2,4,4,4,4,4,4,A,4.0,
            """);

        var result = DecisionTable.Check("grade", cases, CrmRuleSet.SeedStandard);

        Assert.Equal(DecisionTableOutcome.Passed, result.Outcome);
        Assert.Equal(2, result.Passed);
        Assert.Empty(result.Failures);
        Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, result.Fingerprint);
    }

    [Fact]
    public void Check_ExpectationFails_NamesCaseFieldsAndExplanation()
    {
        var cases = _folder.Write("grade.csv", $"""
            {Header},expect.grade,expect.total
            all threes,c3,3,3,3,3,3,3,A,3.5
            """);

        var result = DecisionTable.Check("grade", cases, CrmRuleSet.SeedStandard);

        Assert.Equal(DecisionTableOutcome.Failed, result.Outcome);
        var failure = Assert.Single(result.Failures);
        Assert.Equal("all threes", failure.Name);
        Assert.Equal("line 2", failure.Location);
        Assert.Equal([new ExpectationMismatch("grade", "A", "B"), new ExpectationMismatch("total", "3.5", "3")], failure.Mismatches);
        Assert.Contains("historicalAmount 3×0.3=0.9", failure.Explanation, StringComparison.Ordinal);
        Assert.Contains("case 'all threes' (line 2)\n  grade: expected A, actual B\n  total: expected 3.5, actual 3", result.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_NumbersAreExactDecimals_NotText()
    {
        // 4.7 written as 4.700 is the same number; 4.69999 is not, however close.
        var cases = _folder.Write("grade.csv", $"""
            {Header},expect.total
            a,c1,5,5,4,5,5,4,4.700
            b,c1,5,5,4,5,5,4,4.69999
            """);

        var result = DecisionTable.Check("grade", cases, CrmRuleSet.SeedStandard);

        Assert.Equal(1, result.Passed);
        Assert.Equal("b", Assert.Single(result.Failures).Name);
    }

    [Fact]
    public void Check_BadRecord_IsAnInputErrorAndOtherCasesAreChecked()
    {
        var cases = _folder.Write("grade.csv", $"""
            {Header},expect.grade
            good,c1,5,5,4,5,5,4,A
            decimal comma,c2,"4,5",4,4,4,4,4,A
            """);

        var result = DecisionTable.Check("grade", cases, CrmRuleSet.SeedStandard);

        Assert.Equal(DecisionTableOutcome.BadInput, result.Outcome);
        Assert.Equal(1, result.Passed);
        var error = Assert.Single(result.InputErrors);
        Assert.Contains("grade.csv line 3", error, StringComparison.Ordinal);
        Assert.Contains("historicalAmount", error, StringComparison.Ordinal);
        Assert.Empty(result.Failures);
    }

    [Fact]
    public void Check_ExpectationOfAFieldTheCommandDoesNotWrite_IsBadInput()
    {
        var cases = _folder.Write("grade.csv", $"""
            {Header},expect.grde
            typo,c1,5,5,4,5,5,4,A
            """);

        var result = DecisionTable.Check("grade", cases, CrmRuleSet.SeedStandard);

        Assert.Equal(DecisionTableOutcome.BadInput, result.Outcome);
        Assert.Contains("writes no field 'grde' (its fields: id, total, grade", Assert.Single(result.InputErrors), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_TableWithoutExpectations_Throws()
    {
        var cases = _folder.Write("grade.csv", $"{Header}\na,c1,5,5,4,5,5,4\n");

        var e = Assert.Throws<DecisionTableException>(() => DecisionTable.Check("grade", cases, CrmRuleSet.SeedStandard));

        Assert.Contains("no expect.<field> column", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_InstantsCompareAsInstants()
    {
        // The deadline the command writes as 2026-12-01T12:00:00+08:00, expected in UTC.
        var tickets = _folder.Write("sla.csv", """
            case,id,policy,grade,kind,priority,start,pauses,stop,asOf,expect.deadline,expect.status
            utc,T-1,,B,response,,2026-11-23T09:00:00+08:00,,,2026-11-23T10:00:00+08:00,2026-12-01T04:00:00Z,running
            """);

        var result = DecisionTable.Check("sla", tickets, CrmRuleSet.SeedStandard);

        Assert.True(result.Outcome == DecisionTableOutcome.Passed, result.ToString());
    }

    [Fact]
    public void Check_AsOfPerCase_RunsEachCaseAtItsDate()
    {
        // An A customer last contacted on 2026-10-20 is due a month later: not overdue on 11-01, 10 days overdue on 11-30.
        var cases = _folder.Write("cadence.json", """
            [
              { "case": "early", "asOf": "2026-11-01", "id": "c1", "grade": "A", "lastContact": "2026-10-20", "expect": { "nextDue": "2026-11-20", "overdueDays": 0 } },
              { "case": "late", "asOf": "2026-11-30", "id": "c1", "grade": "A", "lastContact": "2026-10-20", "expect.overdueDays": 10 }
            ]
            """);

        var result = DecisionTable.Check("cadence", cases, CrmRuleSet.SeedStandard);

        Assert.True(result.Outcome == DecisionTableOutcome.Passed, result.ToString());
        Assert.Equal(2, result.Passed);
    }

    [Fact]
    public void CheckCommand_ExitCodes_FollowTheOutcome()
    {
        var passing = _folder.Write("pass.csv", $"{Header},expect.grade\na,c1,5,5,4,5,5,4,A\n");
        var failing = _folder.Write("fail.csv", $"{Header},expect.grade\na,c1,5,5,4,5,5,4,C\n");
        var bad = _folder.Write("bad.csv", $"{Header},expect.grade\na,c1,x,5,4,5,5,4,A\n");

        var pass = CliRun.Run("check", "grade", "--cases", passing);
        var fail = CliRun.Run("check", "grade", "--cases", failing);
        var badRun = CliRun.Run("check", "grade", "--cases", bad);

        Assert.Equal((0, "check grade: 1 cases, 1 passed, 0 failed; rule set " + CrmRuleSet.SeedStandard.Fingerprint), (pass.Exit, pass.Output.Trim()));
        Assert.Equal(1, fail.Exit);
        Assert.Contains("grade: expected C, actual A", fail.Output, StringComparison.Ordinal);
        Assert.Equal(2, badRun.Exit);
        Assert.Contains("error: ", badRun.Error, StringComparison.Ordinal);
        Assert.Contains("bad.csv line 2", badRun.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckCommand_PassesTheDataCommandsOwnOptions()
    {
        var cases = _folder.Write("cadence.csv", "id,grade,lastContact,expect.overdueDays\nc1,A,2026-10-20,10\n");

        var run = CliRun.Run("check", "cadence", "--cases", cases, "--as-of", "2026-11-30", "--format", "json");

        Assert.True(run.Exit == 0, run.Output + run.Error);
        Assert.Contains("\"outcome\": \"passed\"", run.Output, StringComparison.Ordinal);
    }
}
