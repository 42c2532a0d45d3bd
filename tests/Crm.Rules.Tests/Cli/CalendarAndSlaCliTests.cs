using System.Text.Json;

namespace Crm.Rules.Tests.Cli;

public sealed class CalendarAndSlaCliTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(new[] { "calendar", "add", "--calendar", "24x7", "--start", "2019-12-26T16:00:00Z", "--duration", "PT24H" }, "2019-12-27T16:00:00+00:00")]
    [InlineData(new[] { "calendar", "add", "--calendar", "business", "--start", "2026-11-27T17:00:00+08:00", "--duration", "PT2H" }, "2026-11-30T10:00:00+08:00")]
    [InlineData(new[] { "calendar", "add", "--calendar", "business", "--start", "2026-11-30T10:00:00+08:00", "--duration", "-PT2H" }, "2026-11-27T17:00:00+08:00")]
    [InlineData(new[] { "calendar", "add", "--calendar", "business", "--start", "2026-11-27T10:00:00+08:00", "--working-days", "3" }, "2026-12-02T10:00:00+08:00")]
    [InlineData(new[] { "calendar", "add", "--calendar", "business", "--start", "2026-11-27T10:00:00+08:00", "--working-days", "3", "--end-of-day" }, "2026-12-02T18:00:00+08:00")]
    [InlineData(new[] { "calendar", "between", "--calendar", "business", "--from", "2026-11-23T09:00:00+08:00", "--to", "2026-11-30T09:00:00+08:00" }, "PT37H30M")]
    [InlineData(new[] { "calendar", "between", "--calendar", "business", "--from", "2026-11-30T09:00:00+08:00", "--to", "2026-11-23T09:00:00+08:00" }, "-PT37H30M")]
    [InlineData(new[] { "calendar", "between", "--calendar", "business", "--from", "2026-11-23T09:00:00+08:00", "--to", "2026-11-23T09:02:00+08:00" }, "PT2M")]
    [InlineData(new[] { "calendar", "next", "--calendar", "business", "--at", "2026-11-28T10:00:00+08:00" }, "2026-11-30T09:00:00+08:00")]
    public void Calendar_Commands(string[] args, string expected)
    {
        var (exit, output, error) = Run(args);
        Assert.Equal("", error);
        Assert.Equal(0, exit);
        Assert.Equal(expected, output.Trim());
    }

    [Fact]
    public void Calendar_WithAConfigFile()
    {
        var config = Write("rules.json", """
            { "sla": { "calendars": { "cn-office": { "timeZone": "Asia/Shanghai",
                "week": { "monday": ["09:00-18:00"], "tuesday": ["09:00-18:00"], "wednesday": ["09:00-18:00"], "thursday": ["09:00-18:00"], "friday": ["09:00-18:00"] },
                "holidays": ["2026-10-01", "2026-10-02/2026-10-08"], "overrides": { "2026-09-27": ["09:00-18:00"] } } } } }
            """);
        var (exit, output, _) = Run("calendar", "add", "--calendar", "cn-office", "--start", "2026-09-30T17:00:00+08:00", "--duration", "PT2H", "--config", config);
        Assert.Equal(0, exit);
        Assert.Equal("2026-10-09T10:00:00+08:00", output.Trim());
    }

    [Theory]
    [InlineData(new[] { "calendar", "add", "--calendar", "nope", "--start", "2026-11-27T17:00:00+08:00", "--duration", "PT2H" }, "--calendar: 'nope' is not a calendar (known: 24x7, business)")]
    [InlineData(new[] { "calendar", "add", "--calendar", "business", "--start", "2026-11-27 17:00", "--duration", "PT2H" }, "--start: '2026-11-27 17:00' is not an ISO-8601 instant with an offset")]
    [InlineData(new[] { "calendar", "add", "--calendar", "business", "--start", "2026-11-27T17:00:00Z", "--duration", "2h" }, "--duration: '2h' is not an ISO-8601 duration")]
    [InlineData(new[] { "calendar", "add", "--calendar", "business", "--start", "2026-11-27T17:00:00Z" }, "give exactly one of --duration (e.g. PT48H) and --working-days (e.g. 3)")]
    public void Calendar_BadInput_ExitsWith2(string[] args, string expected)
    {
        var (exit, _, error) = Run(args);
        Assert.Equal(2, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Sla_TheBundledTickets()
    {
        var (exit, output, error) = Run("sla", "--input", RepositoryPaths.Combine("samples", "data", "tickets.json"), "--format", "json");

        Assert.StartsWith("6 records, 6 written, 0 failed; statuses:", error, StringComparison.Ordinal);
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var byId = json.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!);
        Assert.Equal(("response-B", "2026-12-01T15:30:00+08:00", "warning", "PT21H", "PT27H"),
            (byId["T-1002"].GetProperty("policy").GetString(), byId["T-1002"].GetProperty("deadline").GetString(), byId["T-1002"].GetProperty("status").GetString(),
             byId["T-1002"].GetProperty("remaining").GetString(), byId["T-1002"].GetProperty("elapsed").GetString()));
        Assert.Equal("breached", byId["T-1003"].GetProperty("status").GetString());
        Assert.Equal("met", byId["T-1004"].GetProperty("status").GetString());
        Assert.Equal("met-late", byId["T-1005"].GetProperty("status").GetString());
        Assert.Equal("paused", byId["T-1006"].GetProperty("status").GetString());
    }

    [Fact]
    public void Sla_CsvTickets_WithPausesInOneColumn()
    {
        var (exit, output, _) = Run("sla", "--input", RepositoryPaths.Combine("samples", "data", "tickets.csv"), "--format", "csv");
        Assert.Equal(0, exit);
        Assert.Contains("T-2001,response-B,2026-12-01T15:30:00+08:00,warning,PT21H,PT27H,,", output, StringComparison.Ordinal);
        Assert.Contains("T-2003,vip-inquiry,2026-11-23T11:00:00+00:00,breached,-PT1H,PT3H,2026-11-23T11:00:00+00:00,", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Sla_BadRecords_NameRecordAndField()
    {
        var input = Write("tickets.json", """
            [ { "id": "OK", "kind": "crisis", "start": "2026-11-23T09:00:00Z", "asOf": "2026-11-23T10:00:00Z" },
              { "id": "P1", "kind": "crisis", "start": "2026-11-23T09:00:00Z", "asOf": "2026-11-23T10:00:00Z",
                "pauses": [ { "from": "2026-11-23T09:30:00Z", "to": "2026-11-23T09:10:00Z" } ] },
              { "id": "A1", "kind": "crisis", "start": "2026-11-23T09:00:00Z", "asOf": "2026-11-23T08:00:00Z" },
              { "id": "N1", "policy": "nope", "start": "2026-11-23T09:00:00Z", "asOf": "2026-11-23T10:00:00Z" },
              { "id": "S1", "kind": "crisis", "start": "yesterday", "asOf": "2026-11-23T10:00:00Z" } ]
            """);

        var (exit, output, error) = Run("sla", "--input", input, "--format", "csv");

        Assert.Equal(2, exit);
        Assert.Contains("OK,crisis-first-response", output, StringComparison.Ordinal);
        Assert.Matches(@"tickets\.json record 2 \(line 2, byte \d+\) \(id P1\), field 'pauses\[0\]\.to'", error);
        Assert.Matches(@"tickets\.json record 3 \(line 4, byte \d+\) \(id A1\), field 'asOf'", error);
        Assert.Matches(@"tickets\.json record 4 \(line 5, byte \d+\) \(id N1\), field 'policy': 'nope' is not a policy", error);
        Assert.Matches(@"tickets\.json record 5 \(line 6, byte \d+\) \(id S1\), field 'start': 'yesterday' is not an instant with an offset", error);
        Assert.Contains("5 records, 1 written, 4 failed", error, StringComparison.Ordinal);
    }

    private string Write(string name, string content) => _temp.Write(name, content);

    private static (int Exit, string Output, string Error) Run(params string[] args) => CliRun.Run(args);
}
