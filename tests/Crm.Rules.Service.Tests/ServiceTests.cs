using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Crm.Rules.CommandLine;

namespace Crm.Rules.Service.Tests;

public sealed class ServiceTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private const string Fingerprint = "X-Crm-Rules-Fingerprint";

    private static StringContent Body(string text, string contentType) => new(text, Encoding.UTF8, contentType);

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    [Fact]
    public async Task Grade_WithoutKey_Is401ProblemDetails()
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsync("/v1/grade", Body("id\n", "text/csv"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, (await Json(response)).GetProperty("status").GetInt32());
        Assert.True(response.Headers.Contains(Fingerprint));
    }

    [Fact]
    public async Task Grade_WrongKey_Is401()
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ServiceFactory.Key + "x");
        using var response = await client.GetAsync("/v1/ruleset");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Grade_SampleCustomers_SameResultsAsTheCommandLine()
    {
        var path = ServiceFactory.Data("customers.csv");
        using var output = new StringWriter();
        Assert.Equal(0, CrmRulesCommandLine.Run(["grade", "--input", path, "--format", "json"], output, TextWriter.Null));
        using var expected = JsonDocument.Parse(output.ToString());

        using var client = factory.Authorized();
        using var response = await client.PostAsync("/v1/grade", Body(await File.ReadAllTextAsync(path), "text/csv"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await Json(response);
        var results = answer.GetProperty("results").EnumerateArray().Select(e => JsonSerializer.Serialize(e)).ToArray();
        Assert.Equal(expected.RootElement.EnumerateArray().Select(e => JsonSerializer.Serialize(e)).ToArray(), results);
        Assert.NotEmpty(results);
        Assert.Empty(answer.GetProperty("errors").EnumerateArray());
        Assert.Equal(answer.GetProperty("fingerprint").GetString(), response.Headers.GetValues(Fingerprint).Single());
    }

    [Fact]
    public async Task Grade_OneBadRecord_ProblemNamesLineAndFieldAndTheOthersAreAnswered()
    {
        const string csv = "id,historicalAmount,frequency,grossMargin,industryInfluence,needMatch,willingness\n" +
                           "C-1,5,5,4,5,5,4\nC-2,5,x,4,5,5,4\nC-3,3,3,3,3,3,3\n";
        using var client = factory.Authorized();
        using var response = await client.PostAsync("/v1/grade", Body(csv, "text/csv"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await Json(response);
        Assert.Equal(["C-1", "C-3"], answer.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        var problem = Assert.Single(answer.GetProperty("errors").EnumerateArray());
        Assert.Equal("urn:crm-rules:problem:record-error", problem.GetProperty("type").GetString());
        Assert.Equal(3, problem.GetProperty("line").GetInt64());
        Assert.Equal("C-2", problem.GetProperty("id").GetString());
        Assert.Equal("frequency", problem.GetProperty("field").GetString());
        Assert.Equal("'x' is not a number", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Grade_AcceptJsonLines_OneLinePerResultThenTheErrors()
    {
        const string jsonl = "{\"id\":\"C-1\",\"historicalAmount\":5,\"frequency\":5,\"grossMargin\":4,\"industryInfluence\":5,\"needMatch\":5,\"willingness\":4}\n" +
                             "{\"id\":\"C-2\",\"historicalAmount\":5,\"frequency\":\"5\",\"grossMargin\":4,\"industryInfluence\":5,\"needMatch\":5,\"willingness\":4}\n";
        using var client = factory.Authorized();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/grade") { Content = Body(jsonl, "application/x-ndjson") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal("C-1", JsonDocument.Parse(lines[0]).RootElement.GetProperty("id").GetString());
        var problem = Assert.Single(JsonDocument.Parse(lines[1]).RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(2, problem.GetProperty("line").GetInt64());
        Assert.Equal("frequency", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Grade_JsonLinesAnswer_ResultsInInputOrder_AndTheClosingLineNamesEveryError()
    {
        // 20,000 customers, every 1,000th with a bad frequency: the answer is read as it comes (headers first), its
        // lines are the results in input order, and the closing line names each failed record's line and field.
        const int customers = 20_000;
        var body = new StringBuilder("id,historicalAmount,frequency,grossMargin,industryInfluence,needMatch,willingness\n");
        for (var i = 1; i <= customers; i++)
        {
            body.Append("C-").Append(i).Append(",5,").Append(i % 1000 == 0 ? "x" : "4").Append(",4,5,5,4\n");
        }

        using var client = factory.Authorized();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/grade") { Content = Body(body.ToString(), "text/csv") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.Contains(Fingerprint));
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var ids = new List<string>();
        JsonElement closing = default;
        while (await reader.ReadLineAsync() is { } line)
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.TryGetProperty("errors", out var errors))
            {
                closing = errors.Clone();
                Assert.Null(await reader.ReadLineAsync());
                break;
            }

            ids.Add(document.RootElement.GetProperty("id").GetString()!);
        }

        var expected = Enumerable.Range(1, customers).Where(i => i % 1000 != 0).Select(i => $"C-{i}").ToList();
        Assert.Equal(expected, ids);
        Assert.Equal(Enumerable.Range(1, customers / 1000).Select(k => (long)(k * 1000) + 1), closing.EnumerateArray().Select(e => e.GetProperty("line").GetInt64()));
        Assert.All(closing.EnumerateArray(), e => Assert.Equal("frequency", e.GetProperty("field").GetString()));
    }

    private static string Customers(int count)
    {
        var body = new StringBuilder("id,historicalAmount,frequency,grossMargin,industryInfluence,needMatch,willingness\n");
        for (var i = 1; i <= count; i++)
        {
            body.Append("C-").Append(i).Append(",5,4,4,5,5,4\n");
        }

        return body.ToString();
    }

    [Fact]
    public async Task Grade_Json_MoreRecordsThanMaxRecords_Is413()
    {
        // A JSON answer is written once the run ends, so the request is refused whole; a JSON Lines answer has sent
        // its first results by then (the next test).
        using var limited = factory.With(("CrmRulesService:MaxRecords", "3"));
        using var client = limited.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ServiceFactory.Key);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/grade") { Content = Body(Customers(4), "text/csv") };
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await Json(response);
        Assert.Equal("Too many records", problem.GetProperty("title").GetString());
        Assert.Contains("at most 3 records", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // At the limit, the request is answered whole.
        using var exact = new HttpRequestMessage(HttpMethod.Post, "/v1/grade") { Content = Body(Customers(3), "text/csv") };
        using var answered = await client.SendAsync(exact);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }

    [Fact]
    public async Task Grade_JsonLines_MoreRecordsThanMaxRecords_AfterResultsWentOut_ClosesWithTheLimit()
    {
        // This is what shows the answer streams: a buffered answer would have been 413 (as for JSON), but the first
        // results had gone out with a 200 before the run reached the limit.
        using var limited = factory.With(("CrmRulesService:MaxRecords", "2000"));
        using var client = limited.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ServiceFactory.Key);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/grade") { Content = Body(Customers(3000), "text/csv") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2001, lines.Length);
        var problem = Assert.Single(JsonDocument.Parse(lines[^1]).RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("urn:crm-rules:problem:input-error", problem.GetProperty("type").GetString());
        Assert.Contains("more records than one run may read (2,000)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grade_JsonLines_AnInputRefusedAsAWholeIsStill400()
    {
        using var client = factory.Authorized();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/grade") { Content = Body("id,nonsense\nC-1,3\n", "text/csv") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("grade", "customers.csv", "text/csv", "")]
    [InlineData("churn", "churn-customers.csv", "text/csv", "?explain=true")]
    [InlineData("cadence", "cadence-customers.csv", "text/csv", "?asOf=2026-11-24")]
    [InlineData("sla", "tickets.json", "application/json", "")]
    [InlineData("prioritise", "demands.csv", "text/csv", "")]
    [InlineData("lifecycle", "lifecycle-records.json", "application/json", "")]
    [InlineData("assess", "profiles.csv", "text/csv", "?asOf=2026-11-24")]
    [InlineData("nps", "nps-answers.csv", "text/csv", "")]
    [InlineData("loyalty", "loyalty-activities.csv", "text/csv", "?asOf=2026-11-24")]
    public async Task Command_SampleData_AnsweredWithoutErrors(string command, string file, string contentType, string query)
    {
        using var client = factory.Authorized();
        using var response = await client.PostAsync($"/v1/{command}{query}", Body(await File.ReadAllTextAsync(ServiceFactory.Data(file)), contentType));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using var answer = JsonDocument.Parse(text);
        Assert.Empty(answer.RootElement.GetProperty("errors").EnumerateArray());
        Assert.NotEqual(0, answer.RootElement.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task Cadence_WithoutAsOf_Is400ProblemDetails()
    {
        using var client = factory.Authorized();
        using var response = await client.PostAsync("/v1/cadence", Body(await File.ReadAllTextAsync(ServiceFactory.Data("cadence-customers.csv")), "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/v1/grade?config=/etc/passwd", HttpStatusCode.BadRequest)]
    [InlineData("/v1/grade?viewer=admin:me", HttpStatusCode.BadRequest)]
    [InlineData("/v1/rfm", HttpStatusCode.NotFound)]
    public async Task Command_RefusedRequest_IsProblemDetails(string url, HttpStatusCode status)
    {
        using var client = factory.Authorized();
        using var response = await client.PostAsync(url, Body("id\n", "text/csv"));
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Command_PlainText_Is415()
    {
        using var client = factory.Authorized();
        using var response = await client.PostAsync("/v1/grade", Body("id\n", "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Command_Latin1Csv_Is415()
    {
        using var client = factory.Authorized();
        using var content = new ByteArrayContent("id\n"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", "text/csv; charset=iso-8859-1");
        using var response = await client.PostAsync("/v1/grade", content);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Grade_ManyAtOnce_EachAnswersItsOwnRecords()
    {
        // Requests share nothing but the rule set: 24 at once, each a different customer, each answered with its own.
        using var client = factory.Authorized();
        var answers = await Task.WhenAll(Enumerable.Range(1, 24).Select(async i =>
        {
            var csv = $"id,historicalAmount,frequency,grossMargin,industryInfluence,needMatch,willingness\nC-{i},{1 + (i % 5)},3,3,3,3,3\n";
            using var response = await client.PostAsync("/v1/grade", Body(csv, "text/csv"));
            var result = Assert.Single((await Json(response)).GetProperty("results").EnumerateArray());
            return (Sent: $"C-{i}", Got: result.GetProperty("id").GetString());
        }));

        Assert.All(answers, a => Assert.Equal(a.Sent, a.Got));
    }

    [Fact]
    public async Task RuleSet_Get_FingerprintAndCanonicalJson()
    {
        using var client = factory.Authorized();
        using var response = await client.GetAsync("/v1/ruleset");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await Json(response);
        Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, answer.GetProperty("fingerprint").GetString());
        Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, response.Headers.GetValues(Fingerprint).Single());
        Assert.Equal(CrmRuleSet.SeedStandard.CanonicalJson, JsonSerializer.Serialize(answer.GetProperty("rules")));
    }

    [Fact]
    public async Task RuleSet_ValidateValid_200WithFingerprint()
    {
        using var client = factory.Authorized();
        using var response = await client.PostAsync("/v1/ruleset/validate", Body("{}", "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await Json(response);
        Assert.True(answer.GetProperty("valid").GetBoolean());
        Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, answer.GetProperty("fingerprint").GetString());
    }

    [Fact]
    public async Task RuleSet_ValidateInvalid_422WithEveryErrorAndPath()
    {
        using var client = factory.Authorized();
        using var response = await client.PostAsync("/v1/ruleset/validate",
            Body("""{"valueGrading": {"grades": {"A": {"minimum": 9}}}, "bogus": 1}""", "application/json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var paths = (await Json(response)).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()!).ToArray();
        Assert.Equal(["valueGrading.grades.A.minimum", "bogus"], paths);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task Health_WithoutKey_Healthy(string path)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.Contains(Fingerprint));
    }

    [Fact]
    public async Task OpenApi_Document_NamesEveryPath()
    {
        using var client = factory.Authorized();
        using var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await Json(response)).GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "/v1/ruleset", "/v1/ruleset/validate", "/v1/{command}" }, paths);
    }

    [Fact]
    public async Task OpenApi_Document_NamesTheApiKeySchemeAndRequiresIt()
    {
        using var client = factory.Authorized();
        using var response = await client.GetAsync("/openapi/v1.json");

        var document = await Json(response);
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("apiKey");
        Assert.Equal(("apiKey", "header", "X-Api-Key"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("in").GetString(), scheme.GetProperty("name").GetString()));
        Assert.Contains(document.GetProperty("security").EnumerateArray(), r => r.TryGetProperty("apiKey", out _));
        Assert.False(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("bearer", out _));
    }

    [Fact]
    public async Task OpenApi_Document_WithoutAuthentication_NamesNoScheme()
    {
        using var open = factory.With(("CrmRulesService:RequireAuthentication", "false"));
        using var client = open.CreateClient();
        using var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await Json(response);
        Assert.False(document.TryGetProperty("security", out var security) && security.GetArrayLength() > 0);
    }

    [Fact]
    public async Task RateLimit_OverTheWindow_Is429()
    {
        using var limited = factory.With(("CrmRulesService:RateLimit:PermitLimit", "2"), ("CrmRulesService:RateLimit:WindowSeconds", "3600"));
        using var client = limited.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ServiceFactory.Key);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync("/v1/ruleset");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Body_OverTheLimit_Is413()
    {
        using var small = factory.With(("CrmRulesService:MaxRequestBodyBytes", "100"));
        using var client = small.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ServiceFactory.Key);
        using var response = await client.PostAsync("/v1/grade", Body(await File.ReadAllTextAsync(ServiceFactory.Data("customers.csv")), "text/csv"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Authentication_Off_AnswersWithoutKey()
    {
        using var open = factory.With(("CrmRulesService:RequireAuthentication", "false"));
        using var client = open.CreateClient();
        using var response = await client.GetAsync("/v1/ruleset");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Startup_KeysRequiredButShort_Fails()
    {
        using var weak = factory.With(("CrmRulesService:ApiKeys:1", "short"));
        var e = Assert.ThrowsAny<Exception>(() => weak.CreateClient());
        Assert.Contains("CrmRulesService:ApiKeys:1: a key must have at least 16 characters", e.ToString(), StringComparison.Ordinal);
    }
}
