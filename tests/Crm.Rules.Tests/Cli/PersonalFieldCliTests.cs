using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Rules.Tests.Cli;

/// <summary>
/// DATA-3 at the record boundary for the fields the configuration marks personal (<c>dataQuality.personalFields</c>):
/// accepted as columns by every command, masked wherever they are echoed, never quoted in a message, unless
/// <c>--reveal</c>.
/// </summary>
[Properties(Arbitrary = [typeof(PersonalInputArbitraries)], MaxTest = 50)]
public sealed class PersonalFieldCliTests : IDisposable
{
    private const string GradeHeader = "id,historicalAmount,frequency,grossMargin,industryInfluence,needMatch,willingness";
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Config(string json) => _temp.Write($"rules-{Guid.NewGuid():N}.json", json);

    [Fact]
    public void Data3_ASeedPersonalColumnNoRuleReads_IsAccepted_AndNeverPrinted()
    {
        var csv = _temp.Write("named.csv", $"{GradeHeader},name,contactPerson\nC1,4,4,4,4,4,4,张三丰,Siwei Li\n");
        var json = _temp.Write("named.json", """[{"id":"C1","historicalAmount":4,"frequency":4,"grossMargin":4,"industryInfluence":4,"needMatch":4,"willingness":4,"name":"张三丰","contactPerson":{"first":"Siwei"}}]""");

        foreach (var (input, format) in new[] { (csv, "csv"), (json, "json"), (csv, "table") })
        {
            var (exit, output, error) = CliRun.Run("grade", "--input", input, "--format", format);

            Assert.Equal(0, exit);
            Assert.Contains("1 record, 1 written, 0 failed", error, StringComparison.Ordinal);
            Assert.DoesNotContain("张三", output + error, StringComparison.Ordinal);
            Assert.DoesNotContain("Siwei", output + error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Data3_AColumnThatIsNeitherACommandFieldNorPersonal_IsStillAnUnknownColumn()
    {
        var input = _temp.Write("nickname.csv", $"{GradeHeader},nickname\nC1,4,4,4,4,4,4,Zhang\n");
        var config = Config("""{ "dataQuality": { "personalFields": ["phone"] } }""");

        var (exit, _, error) = CliRun.Run("grade", "--input", input, "--config", config, "--format", "csv");

        Assert.Equal(2, exit);
        Assert.Contains("nickname.csv line 1: unknown column 'nickname'; the columns are id, historicalAmount, frequency, grossMargin, industryInfluence, needMatch, willingness, owner, team, phone", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Data3_APersonalId_IsMaskedInCsvJsonAndTableOutput_AndInMessages_UnlessRevealed()
    {
        var config = Config("""{ "dataQuality": { "personalFields": ["id", "frequency"] } }""");
        var input = _temp.Write("people.csv", string.Join('\n', GradeHeader, "张三丰,4,4,4,4,4,4", "王小明,4,多,4,4,4,4", "13812345678,5,5,5,5,5,5"));

        var csv = CliRun.Run("grade", "--input", input, "--config", config, "--format", "csv");
        var json = CliRun.Run("grade", "--input", input, "--config", config, "--format", "json");
        var table = CliRun.Run("grade", "--input", input, "--config", config, "--format", "table");
        var revealed = CliRun.Run("grade", "--input", input, "--config", config, "--format", "csv", "--reveal");

        foreach (var (_, output, error) in new[] { csv, json, table })
        {
            Assert.DoesNotContain("三丰", output + error, StringComparison.Ordinal);
            Assert.DoesNotContain("小明", output + error, StringComparison.Ordinal);
            Assert.DoesNotContain("多", output + error, StringComparison.Ordinal);
            Assert.DoesNotContain("12345678", output + error, StringComparison.Ordinal);
            Assert.Contains("people.csv line 3 (id 王***), field 'frequency': the value (not shown: personal data) is not", error, StringComparison.Ordinal);
        }

        Assert.Equal(2, csv.Exit);
        Assert.Contains("\n张***,", csv.Output, StringComparison.Ordinal);
        Assert.Contains("\n138****5678,", csv.Output, StringComparison.Ordinal);   // an id that is a phone number keeps the phone mask
        Assert.Equal<string>(["张***", "138****5678"], JsonDocument.Parse(json.Output).RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList());
        Assert.Contains("张***", table.Output, StringComparison.Ordinal);

        Assert.Contains("\n张三丰,", revealed.Output, StringComparison.Ordinal);
        Assert.Contains("\n13812345678,", revealed.Output, StringComparison.Ordinal);
        Assert.Contains("people.csv line 3 (id 王小明), field 'frequency': '多' is not", revealed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Data3_ACommandsOwnSentenceAboutAPersonalField_DoesNotQuoteItsValue()
    {
        var config = Config("""{ "dataQuality": { "personalFields": ["machine"] } }""");
        var input = _temp.Write("moves.csv", "id,machine,stage\nL1,张三丰,lead\n");

        var masked = CliRun.Run("lifecycle", "--input", input, "--config", config, "--format", "csv");
        var revealed = CliRun.Run("lifecycle", "--input", input, "--config", config, "--format", "csv", "--reveal");

        Assert.Equal(2, masked.Exit);
        Assert.Contains("moves.csv line 2 (id L1), field 'machine': the value (not shown: personal data) is not a machine (known: ", masked.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("张三", masked.Error, StringComparison.Ordinal);
        Assert.Contains("field 'machine': '张三丰' is not a machine", revealed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Data3_APersonalIndicatorsRawValue_IsMaskedInTheExplanation()
    {
        var config = Config("""{ "dataQuality": { "personalFields": ["historicalAmount"] } }""");
        var input = _temp.Write("amounts.json", """[{"id":"C1","historicalAmount":5,"frequency":4,"grossMargin":4,"industryInfluence":4,"needMatch":4,"willingness":4}]""");

        var masked = CliRun.Run("grade", "--input", input, "--config", config, "--format", "json", "--explain");
        var revealed = CliRun.Run("grade", "--input", input, "--config", config, "--format", "json", "--explain", "--reveal");

        Assert.Equal(0, masked.Exit);
        // A one-character value is masked whole; the other indicators' raw values stay as they are.
        Assert.DoesNotContain("\"raw\": \"5\"", masked.Output, StringComparison.Ordinal);
        Assert.Contains("\"raw\": \"***\"", masked.Output, StringComparison.Ordinal);
        Assert.Contains("\"raw\": \"4\"", masked.Output, StringComparison.Ordinal);
        Assert.Contains("\"raw\": \"5\"", revealed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Data3_AConfiguredPersonalReason_IsMaskedInTheFunnelsOutcomes()
    {
        var config = Config("""{ "dataQuality": { "personalFields": ["reason"], "personalMask": { "keepStart": 2, "mask": "…" } } }""");
        var input = _temp.Write("histories.csv", string.Join('\n', "id,stage,at,reason", "D1,lead,2026-01-01T00:00:00Z,", "D1,lost,2026-01-02T00:00:00Z,moved to Dr Wang's clinic"));

        var masked = CliRun.Run("funnel", "--input", input, "--config", config, "--format", "csv");
        var revealed = CliRun.Run("funnel", "--input", input, "--config", config, "--format", "csv", "--reveal");

        Assert.Equal(0, masked.Exit);
        Assert.DoesNotContain("Wang", masked.Output + masked.Error, StringComparison.Ordinal);
        Assert.Contains(",mo…,", masked.Output, StringComparison.Ordinal);
        Assert.Contains("moved to Dr Wang's clinic", revealed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Data3_WithAViewer_OnlyARoleThatMayRevealContacts_SeesPersonalValues()
    {
        var config = Config("""{ "dataQuality": { "personalFields": ["id"] } }""");
        var input = _temp.Write("owned.csv", $"{GradeHeader},owner\n张三丰,4,4,4,4,4,4,u-7\n");

        var rep = CliRun.Run("grade", "--input", input, "--config", config, "--format", "csv", "--viewer", "sales-rep:u-7");
        var refused = CliRun.Run("grade", "--input", input, "--config", config, "--format", "csv", "--viewer", "sales-rep:u-7", "--reveal");
        var admin = CliRun.Run("grade", "--input", input, "--config", config, "--format", "csv", "--viewer", "admin:a-1", "--reveal");

        Assert.Contains("\n张***,", rep.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, refused.Exit);
        Assert.Contains("--reveal: role 'sales-rep' may not see contact details unmasked", refused.Error, StringComparison.Ordinal);
        Assert.Contains("\n张三丰,", admin.Output, StringComparison.Ordinal);
    }

    [Property]
    public bool Data3_NoOutputOrMessageHoldsAPersonalValueOfTheInput(PersonalInput input)
    {
        var path = _temp.Write($"random-{Guid.NewGuid():N}.csv", input.Csv());
        var config = Config("""{ "dataQuality": { "personalFields": ["id", "frequency", "name"] } }""");
        foreach (var format in new[] { "csv", "json", "jsonl", "table" })
        {
            var (_, output, error) = CliRun.Run("grade", "--input", path, "--config", config, "--format", format);
            var printed = output + error;
            if (input.Values().Any(v => printed.Contains(v, StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>Rows of grade input whose id, frequency and name are personal values of two or more CJK characters.</summary>
public sealed record PersonalInput(IReadOnlyList<(string Id, string Frequency, string Name)> Rows)
{
    public string Csv()
    {
        var text = new StringBuilder("id,historicalAmount,frequency,grossMargin,industryInfluence,needMatch,willingness,name\n");
        foreach (var (id, frequency, name) in Rows)
        {
            text.Append(id).Append(",4,").Append(frequency).Append(",4,4,4,4,").Append(name).Append('\n');
        }

        return text.ToString();
    }

    // Two characters or more: a masked value keeps only the first, so any whole value printed is a leak.
    public IEnumerable<string> Values() => Rows.SelectMany(r => new[] { r.Id, r.Frequency, r.Name }).Where(v => v.Length >= 2);

    public override string ToString() => string.Join(" | ", Rows.Select(r => $"{r.Id},{r.Frequency},{r.Name}"));
}

public static class PersonalInputArbitraries
{
    // Characters no output of the CLI holds of its own, so finding two of them together is finding input.
    private static readonly char[] Characters = ['张', '王', '李', '赵', '丰'];

    public static Arbitrary<PersonalInput> PersonalInput()
    {
        var value = Gen.Elements(Characters).ArrayOf().Where(a => a.Length is >= 2 and <= 6).Select(a => new string(a));
        var frequency = Gen.OneOf(value, Gen.Elements("4", "2", ""));
        var row = from id in value from f in frequency from name in value select (id, f, name);
        return Arb.From(
            from rows in row.ListOf().Where(l => l.Count is >= 1 and <= 4)
            select new PersonalInput(rows.ToList()));
    }
}
