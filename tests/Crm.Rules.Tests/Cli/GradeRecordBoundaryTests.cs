using System.Text;
using System.Text.Json;

namespace Crm.Rules.Tests.Cli;

/// <summary>
/// Issue 10's cases for <c>grade</c>, each of which rejected the whole file, guessed a value or leaked unsafe text
/// before the streaming record pipeline: every bad record is reported on its own and every other record is written.
/// </summary>
public sealed class GradeRecordBoundaryTests : IDisposable
{
    private const string Header = "id,historicalAmount,frequency,grossMargin,industryInfluence,needMatch,willingness";
    private const string NullElement = "null";
    private const string NumberElement = "5,\n";
    private const string ObjectId = "{\"id\":{";
    private const string TrueId = "{\"id\":true";
    private const string BadLine = "{\"id\":\"BAD";
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Csv_BadRecordsOfEveryKind_AreReportedAlone_AndTheValidOnesWritten()
    {
        var input = _temp.Write("mixed.csv", string.Join('\n',
            Header,
            "OK1,4,4,4,4,4,4",
            "COMMA,\"4,5\",4,4,4,4,4",      // a decimal comma is never read as 45
            "SHORT,4,4",                    // a missing column
            "LONG,4,4,4,4,4,4,4",           // an extra column
            ",4,4,4,4,4,4",                 // no id
            "   ",                          // a whitespace-only line
            "BLANK,4, ,4,4,4,4",            // a blank value
            "OK2,5,5,5,5,5,5"));

        var (exit, output, error) = CliRun.Run("grade", "--input", input, "--format", "csv");

        Assert.Equal(2, exit);
        Assert.Equal(["OK1", "OK2"], CsvIds(output));
        Assert.Contains("mixed.csv line 3 (id COMMA), field 'historicalAmount': '4,5' is not a number: use '.' for decimals and no thousands separators", error, StringComparison.Ordinal);
        Assert.Contains("mixed.csv line 4 (id SHORT): the row has 3 fields; the header has 7", error, StringComparison.Ordinal);
        Assert.Contains("mixed.csv line 5 (id LONG): the row has 8 fields; the header has 7", error, StringComparison.Ordinal);
        Assert.Contains("mixed.csv line 6, field 'id': every record needs an id", error, StringComparison.Ordinal);
        Assert.Contains("mixed.csv line 7: the line is blank", error, StringComparison.Ordinal);
        Assert.Contains("mixed.csv line 8 (id BLANK), field 'frequency': holds only spaces; leave it empty for no value", error, StringComparison.Ordinal);
        Assert.Contains("8 records, 2 written, 6 failed; grades: A 2;", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_BadRecordsOfEveryKind_AreReportedAlone_AndTheValidOnesWritten()
    {
        var content = """
            [
              {"id":"OK1","historicalAmount":4,"frequency":4,"grossMargin":4,"industryInfluence":4,"needMatch":4,"willingness":4},
              null,
              5,
              {"id":{"a":1},"historicalAmount":4},
              {"id":true,"historicalAmount":4},
              {"id":"DUP","historicalAmount":4,"historicalAmount":1,"frequency":4,"grossMargin":4,"industryInfluence":4,"needMatch":4,"willingness":4},
              {"id":"UNKNOWN","historicalAmount":4,"frequency":4,"grossMargin":4,"industryInfluence":4,"needMatch":4,"willingness":4,"colour":"red"},
              {"id":"TEXT","historicalAmount":"4","frequency":4,"grossMargin":4,"industryInfluence":4,"needMatch":4,"willingness":4},
              {"id":"BOOL","historicalAmount":true,"frequency":4,"grossMargin":4,"industryInfluence":4,"needMatch":4,"willingness":4},
              {"id":"OK2","historicalAmount":5,"frequency":5,"grossMargin":5,"industryInfluence":5,"needMatch":5,"willingness":5}
            ]
            """;
        var input = _temp.Write("mixed.json", content);
        long ByteOf(string text) => Encoding.UTF8.GetByteCount(content[..content.IndexOf(text, StringComparison.Ordinal)]);

        var (exit, output, error) = CliRun.Run("grade", "--input", input, "--format", "json");

        Assert.Equal(2, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(["OK1", "OK2"], json.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()));
        Assert.Contains($"mixed.json record 2 (line 3, byte {ByteOf(NullElement)}): expected an object {{ \"id\": … }}, not null", error, StringComparison.Ordinal);
        Assert.Contains($"mixed.json record 3 (line 4, byte {ByteOf(NumberElement)}): expected an object {{ \"id\": … }}, not a number", error, StringComparison.Ordinal);
        Assert.Contains($"mixed.json record 4 (line 5, byte {ByteOf(ObjectId)}), field 'id': the id is a JSON object or array; give it as a string", error, StringComparison.Ordinal);
        Assert.Contains($"mixed.json record 5 (line 6, byte {ByteOf(TrueId)}), field 'id': the id is a JSON boolean; give it as a string", error, StringComparison.Ordinal);
        Assert.Contains("(id DUP), field 'historicalAmount': appears twice in the record; give each field once", error, StringComparison.Ordinal);
        Assert.Contains("(id UNKNOWN): unknown field 'colour'; the fields are id, historicalAmount, frequency", error, StringComparison.Ordinal);
        Assert.Contains("(id TEXT), field 'historicalAmount': is a JSON string; give a whole number", error, StringComparison.Ordinal);
        Assert.Contains("(id BOOL), field 'historicalAmount': is a JSON boolean; give a whole number", error, StringComparison.Ordinal);
        Assert.Contains("10 records, 2 written, 8 failed", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_MalformedAfterValidRecords_WritesThoseAndSaysTheRestCannotBeReached()
    {
        var input = _temp.Write("broken.json", """
            [ {"id":"OK1","historicalAmount":4,"frequency":4,"grossMargin":4,"industryInfluence":4,"needMatch":4,"willingness":4},
              {"id":"X", "historicalAmount": 4 4} ]
            """);

        var (exit, output, error) = CliRun.Run("grade", "--input", input, "--format", "jsonl");

        Assert.Equal(2, exit);
        Assert.Equal("OK1", JsonDocument.Parse(output.Split('\n')[0]).RootElement.GetProperty("id").GetString());
        Assert.Contains("broken.json line 2: malformed JSON", error, StringComparison.Ordinal);
        Assert.Contains("1 record before it were read, the rest cannot be reached", error, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonLines_AMalformedLine_IsOneFailedRecord_AndLaterLinesAreRead()
    {
        var content = """
            {"id":"OK1","historicalAmount":4,"frequency":4,"grossMargin":4,"industryInfluence":4,"needMatch":4,"willingness":4}
            {"id":"BAD", "historicalAmount": 4 4}

            {"id":"OK2","historicalAmount":5,"frequency":5,"grossMargin":5,"industryInfluence":5,"needMatch":5,"willingness":5}
            """;
        var input = _temp.Write("customers.jsonl", content);

        var (exit, output, error) = CliRun.Run("grade", "--input", input, "--format", "csv");

        Assert.Equal(2, exit);
        Assert.Equal(["OK1", "OK2"], CsvIds(output));
        Assert.Contains($"customers.jsonl record 2 (line 2, byte {content.IndexOf(BadLine, StringComparison.Ordinal)}): is not valid JSON", error, StringComparison.Ordinal);
        Assert.Contains("3 records, 2 written, 1 failed", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Stdin_WithAnInputFormat_OrToldFromItsFirstByte()
    {
        var csv = Encoding.UTF8.GetBytes($"{Header}\nS1,4,4,4,4,4,4\n");
        var jsonl = Encoding.UTF8.GetBytes("""{"id":"S2","historicalAmount":3,"frequency":3,"grossMargin":3,"industryInfluence":3,"needMatch":3,"willingness":3}""");

        var fromCsv = CliRun.RunWithInput(csv, "grade", "--input", "-", "--input-format", "csv", "--format", "csv");
        var sniffed = CliRun.RunWithInput(jsonl, "grade", "--input", "-", "--format", "csv");

        Assert.Equal(0, fromCsv.Exit);
        Assert.Equal(["S1"], CsvIds(fromCsv.Output));
        Assert.Equal(0, sniffed.Exit);
        Assert.Equal(["S2"], CsvIds(sniffed.Output));
    }

    [Fact]
    public void AFileWithoutAnExtension_IsToldFromItsContent()
    {
        var input = _temp.Write("customers", $"{Header}\nN1,4,4,4,4,4,4\n");

        var (exit, output, _) = CliRun.Run("grade", "--input", input, "--format", "csv");

        Assert.Equal(0, exit);
        Assert.Equal(["N1"], CsvIds(output));
    }

    [Fact]
    public void InvalidUtf8_IsAnErrorNamingTheFile_NeverAReplacementCharacter()
    {
        var path = Path.Combine(_temp.Path, "latin1.csv");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes($"{Header}\nOK1,4,4,4,4,4,4\n"), (byte)'Z', 0xE9, (byte)',', .. Encoding.UTF8.GetBytes("4,4,4,4,4,4\n")]);

        var (exit, output, error) = CliRun.Run("grade", "--input", path, "--format", "csv");

        Assert.Equal(2, exit);
        Assert.DoesNotContain("\uFFFD", output, StringComparison.Ordinal);
        Assert.Contains("latin1.csv", error, StringComparison.Ordinal);
        Assert.Contains("not valid UTF-8", error, StringComparison.Ordinal);
    }

    [Fact]
    public void MaxErrors_StopsAfterThatManyFailedRecords()
    {
        var input = _temp.Write("bad.csv", string.Join('\n', [Header, .. Enumerable.Range(0, 10).Select(i => $"B{i},9,9,9,9,9,9")]));

        var (exit, _, error) = CliRun.Run("grade", "--input", input, "--format", "csv", "--max-errors", "3");

        Assert.Equal(2, exit);
        Assert.Contains("stopped after 3 failed records (--max-errors 3)", error, StringComparison.Ordinal);
        Assert.Contains("3 records, 0 written, 3 failed", error, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonOutput_KeepsChineseOffsetsAndSymbolsReadable()
    {
        var input = _temp.Write("names.json", """
            [ {"id":"张三+<&>'","historicalAmount":4,"frequency":4,"grossMargin":4,"industryInfluence":4,"needMatch":4,"willingness":4} ]
            """);

        var (exit, output, _) = CliRun.Run("grade", "--input", input, "--format", "json");

        Assert.Equal(0, exit);
        Assert.Contains("\"id\": \"张三+<&>'\"", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"\"http://x\"\")")]
    [InlineData("+1-555", "'+1-555")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    public void CsvOutput_NeutralisesFormulaLeadingIds(string id, string expectedCell)
    {
        var input = _temp.Write("formula.json", $$"""
            [ {"id":{{JsonSerializer.Serialize(id)}},"historicalAmount":4,"frequency":4,"grossMargin":4,"industryInfluence":4,"needMatch":4,"willingness":4} ]
            """);

        var (exit, output, _) = CliRun.Run("grade", "--input", input, "--format", "csv");

        Assert.Equal(0, exit);
        var row = output.Split('\n')[1];
        Assert.StartsWith(expectedCell.Contains('"', StringComparison.Ordinal) ? $"\"{expectedCell}\"" : expectedCell, row, StringComparison.Ordinal);
    }

    [Fact]
    public void TableOutput_HasNoTerminalEscapesFromInput_AndFitsEightyColumns()
    {
        var input = _temp.Write("ansi.json", """
            [ {"id":"\u001b[31mRED\u001b[0m\u0007","historicalAmount":4,"frequency":4,"grossMargin":4,"industryInfluence":4,"needMatch":4,"willingness":4} ]
            """);

        var (exit, output, error) = CliRun.Run("grade", "--input", input, "--explain");

        Assert.Equal(0, exit);
        Assert.DoesNotContain('\u001b', output + error);
        Assert.DoesNotContain('\u0007', output + error);
        Assert.Contains("[31mRED[0m", output, StringComparison.Ordinal);
        Assert.All(output.Split('\n'), line => Assert.True(line.TrimEnd('\r').Length <= 80, $"{line.Length} columns: {line}"));
    }

    private static List<string> CsvIds(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0]).ToList();
}

/// <summary>Issue 10's crashes of <c>cadence</c>: each lost the whole batch; now each is one failed record.</summary>
public sealed class CadenceRecordBoundaryTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void ExtremeDatesAndImpossibleStreaks_AreFailedRecords_TheOthersArePlanned()
    {
        var input = _temp.Write("cadence.csv", string.Join('\n',
            "id,grade,lastContact,unresolvedContacts",
            "OK,A,2026-11-01,",
            "FAR,A,9999-12-31,",
            "NOLAST,B,,2",
            "HUGE,B,2026-11-01,2000000000",
            "OK2,B,2026-11-01,1"));

        var (exit, output, error) = CliRun.Run("cadence", "--input", input, "--as-of", "2026-11-25", "--format", "csv");

        Assert.Equal(2, exit);
        Assert.Equal(["OK", "OK2"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0]));
        Assert.Contains("cadence.csv line 3 (id FAR): cannot be evaluated: Date computation would overflow calendar bounds", error, StringComparison.Ordinal);
        Assert.Contains("cadence.csv line 4 (id NOLAST), field 'unresolvedContacts': needs lastContact", error, StringComparison.Ordinal);
        Assert.Contains("cadence.csv line 5 (id HUGE), field 'unresolvedContacts': '2000000000' is out of range: give a whole number from 0 to 1000", error, StringComparison.Ordinal);
        Assert.Contains("5 records, 2 written, 3 failed", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_HasTheFingerprintAndOtherTouchesAsAnArray()
    {
        var input = _temp.Write("cadence.json", """[ {"id":"J1","grade":"A","lastContact":"2026-11-01"} ]""");

        var (exit, output, _) = CliRun.Run("cadence", "--input", input, "--as-of", "2026-11-25", "--format", "json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var plan = json.RootElement[0];
        Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, plan.GetProperty("fingerprint").GetString());
        Assert.Equal(JsonValueKind.Array, plan.GetProperty("otherTouches").ValueKind);
    }
}

/// <summary>Issue 10's cases for <c>sla</c>.</summary>
public sealed class SlaRecordBoundaryTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void AStartAtTheEndOfTime_AndANumberAsAPauseEnd_AreFailedRecords_TheOthersEvaluated()
    {
        var input = _temp.Write("tickets.json", """
            [
              {"id":"OK","kind":"response","grade":"A","start":"2026-03-06T17:30:00+08:00","asOf":"2026-03-09T10:00:00+08:00"},
              {"id":"FAR","kind":"response","grade":"A","start":"9999-12-31T23:00:00Z","asOf":"9999-12-31T23:30:00Z"},
              {"id":"P5","kind":"response","grade":"A","start":"2026-03-06T17:30:00+08:00","asOf":"2026-03-09T10:00:00+08:00","pauses":[{"from":"2026-03-06T18:00:00+08:00","to":5}]}
            ]
            """);

        var (exit, output, error) = CliRun.Run("sla", "--input", input, "--format", "json");

        Assert.Equal(2, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(["OK"], json.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()));
        Assert.Contains("(id FAR), field 'asOf': the deadline under 'response-A' lies after 9999-12-31", error, StringComparison.Ordinal);
        Assert.Contains("(id P5), field 'pauses[0].to': is a JSON number; give an instant string", error, StringComparison.Ordinal);
        Assert.Contains("3 records, 1 written, 2 failed", error, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryInstantOfATicket_PrintsInItsStartsOffset_AndDurationsAreNotNeutralised()
    {
        var input = _temp.Write("tickets.csv", "id,policy,start,asOf\nU,vip-inquiry,2026-11-23T09:00:00+08:00,2026-11-23T12:00:00+08:00\n");

        var (exit, output, _) = CliRun.Run("sla", "--input", input, "--format", "csv");

        Assert.Equal(0, exit);
        Assert.StartsWith("U,vip-inquiry,2026-11-23T11:00:00+08:00,breached,-PT1H,PT3H,2026-11-23T11:00:00+08:00,", output.Split('\n')[1], StringComparison.Ordinal);
    }
}

/// <summary>Issue 10's cases for <c>lifecycle</c> and <c>funnel</c>.</summary>
public sealed class LifecycleRecordBoundaryTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Lifecycle_Json_ListsAreArrays_FactsOfTheWrongKindAreErrors_AndEveryResultHasItsFingerprint()
    {
        var input = _temp.Write("records.json", """
            [
              {"id":"L-1","machine":"funnel","stage":"lead","facts":{"leadScore":6,"needClear":true,"authorityClear":false}},
              {"id":"L-2","machine":"funnel","stage":"lead","facts":{"leadScore":"6"}},
              {"id":"L-3","machine":"nosuch","stage":"lead"}
            ]
            """);

        var (exit, output, error) = CliRun.Run("lifecycle", "--input", input, "--format", "json");

        Assert.Equal(2, exit);
        using var json = JsonDocument.Parse(output);
        var l1 = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(JsonValueKind.Array, l1.GetProperty("failedGuards").ValueKind);
        Assert.Equal(JsonValueKind.Array, l1.GetProperty("permitted").ValueKind);
        Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, l1.GetProperty("fingerprint").GetString());
        Assert.Contains("(id L-2), field 'facts.leadScore': is a JSON string; give a number or true/false", error, StringComparison.Ordinal);
        Assert.Contains("(id L-3), field 'machine': 'nosuch' is not a machine", error, StringComparison.Ordinal);
        Assert.Contains("3 records, 1 written, 2 failed", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Lifecycle_ALeadScoreGivenAsTrueIsAFactOfTheWrongKind_NotAMissingOne()
    {
        var input = _temp.Write("records.json", """[{"id":"L-1","machine":"funnel","stage":"lead","facts":{"leadScore":true,"needClear":true}}]""");

        var (exit, output, _) = CliRun.Run("lifecycle", "--input", input, "--format", "json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var failed = json.RootElement[0].GetProperty("failedGuards").EnumerateArray().Select(g => g.GetString()).ToArray();
        Assert.Contains(failed, g => g!.Contains("leadScore ≥ 5: fact of the wrong kind (is true, a number is needed)", StringComparison.Ordinal));
        Assert.DoesNotContain(failed, g => g!.Contains("leadScore ≥ 5: fact missing", StringComparison.Ordinal));
    }

    [Fact]
    public void Funnel_CountsTheValidEntries_AndReportsTheOthersAlone()
    {
        var input = _temp.Write("histories.csv", string.Join('\n',
            "id,stage,at,reason",
            "D1,lead,2026-01-01T00:00:00Z,",
            "D1,prospect,2026-01-05T00:00:00Z,",
            "D2,lead,2026-01-02T00:00:00Z,",
            "D2,nosuch,2026-01-03T00:00:00Z,"));

        var (exit, output, error) = CliRun.Run("funnel", "--input", input, "--format", "csv");

        Assert.Equal(2, exit);
        Assert.Contains("conversion,lead → prospect,0.5,1 of 2,", output, StringComparison.Ordinal);
        Assert.Contains("histories.csv line 5 (id D2), field 'stage': 'nosuch' is not a stage of 'funnel'", error, StringComparison.Ordinal);
        Assert.Contains("4 records, 3 written, 1 failed", error, StringComparison.Ordinal);
    }
}

/// <summary>DATA-3 at the record boundary: contact details in input never reach output or messages unmasked.</summary>
public sealed class ContactMaskingTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void PhoneNumbersAndEmailAddresses_AreMaskedInOutputAndErrors_UnlessRevealed()
    {
        var input = _temp.Write("contacts.csv", string.Join('\n',
            "id,historicalAmount,frequency,grossMargin,industryInfluence,needMatch,willingness",
            "13812345678,4,4,4,4,4,4",
            "zhang.san@example.com,4,4,4,4,4,4",
            "+86 138 1234 5678,9,4,4,4,4,4",
            "RT2024001,4,4,4,4,4,4"));

        var masked = CliRun.Run("grade", "--input", input, "--format", "csv");
        var json = CliRun.Run("grade", "--input", input, "--format", "json");
        var revealed = CliRun.Run("grade", "--input", input, "--format", "csv", "--reveal");

        foreach (var text in new[] { masked.Output, masked.Error, json.Output, json.Error })
        {
            Assert.DoesNotContain("12345678", text, StringComparison.Ordinal);
            Assert.DoesNotContain("1234 5678", text, StringComparison.Ordinal);
            Assert.DoesNotContain("zhang.san", text, StringComparison.Ordinal);
        }

        Assert.Contains("138****5678,", masked.Output, StringComparison.Ordinal);
        Assert.Contains("z***@example.com,", masked.Output, StringComparison.Ordinal);
        Assert.Contains("(id +86 1** **** 5678)", masked.Error, StringComparison.Ordinal);
        Assert.Contains("RT2024001,", masked.Output, StringComparison.Ordinal);   // a customer id (DATA-1) is not a phone number
        Assert.Contains("13812345678,", revealed.Output, StringComparison.Ordinal);
        Assert.Contains("zhang.san@example.com,", revealed.Output, StringComparison.Ordinal);
    }
}

/// <summary>Issue 10: as of 2026-11-25 a birthday on 12-01 (reminder 11-24) is an overdue reminder, not next year's.</summary>
public sealed class CadenceBirthdayTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void APassedReminderForABirthdayStillAhead_IsListedOverdue()
    {
        var input = _temp.Write("birthday.csv", "id,grade,lastContact,birthday\nBD,A,2026-11-20,12-01\n");

        var (exit, output, _) = CliRun.Run("cadence", "--input", input, "--as-of", "2026-11-25", "--format", "csv");

        Assert.Equal(0, exit);
        Assert.Contains("birthday 2026-11-24", output, StringComparison.Ordinal);
        Assert.DoesNotContain("2027", output, StringComparison.Ordinal);
    }
}
