using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Crm.Rules.Service.Tests;

/// <summary>
/// DATA-4 over HTTP: the viewer is the authenticated caller's — an API key configured with a viewer, or a JWT's
/// <c>crm_role</c>/<c>sub</c>/<c>crm_team</c> claims — never the request's word.
/// </summary>
public sealed class ViewerTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private const string RepKey = "rep-key-u7-0123456789";
    private const string ManagerWithoutTeamKey = "manager-key-0123456789";
    private const string SigningKey = "test-signing-key-0123456789abcdef-0123456789";
    private const string Audience = "crm-rules-tests";

    // Two customers of u-7 (one whose id is an e-mail address, a contact detail), one of u-9, one of nobody.
    private const string Customers =
        "id,historicalAmount,frequency,grossMargin,industryInfluence,needMatch,willingness,owner,team\n" +
        "zhang.san@example.com,4,4,4,4,4,4,u-7,east\n" +
        "C2,5,5,5,5,5,5,u-9,east\n" +
        "C3,3,3,3,3,3,3,,west\n" +
        "C4,2,2,2,2,2,2,u-7,west\n";

    private WebApplicationFactory<Program> Service() => factory.With(
        ("CrmRulesService:Keys:0:Key", RepKey),
        ("CrmRulesService:Keys:0:Viewer", "sales-rep:u-7:east"),
        ("CrmRulesService:Keys:1:Key", ManagerWithoutTeamKey),
        ("CrmRulesService:Keys:1:Viewer", "manager:m-1"),
        ("CrmRulesService:Jwt:SigningKey", SigningKey),
        ("CrmRulesService:Jwt:Audience", Audience));

    private static async Task<(HttpStatusCode Status, JsonElement Answer)> Grade(HttpClient client)
    {
        using var response = await client.PostAsync("/v1/grade", new StringContent(Customers, Encoding.UTF8, "text/csv"));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, document.RootElement.Clone());
    }

    private static string[] Ids(JsonElement answer) => [.. answer.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString()!)];

    private static string Token(string signingKey, params (string Type, string Value)[] claims) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Audience = Audience,
        Issuer = "https://issuer.test",
        Subject = new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value))),
        Expires = DateTime.UtcNow.AddMinutes(5),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
    });

    private static HttpClient WithKey(WebApplicationFactory<Program> service, string key)
    {
        var client = service.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private static HttpClient WithToken(WebApplicationFactory<Program> service, string token)
    {
        var client = service.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task Grade_SalesRepKey_OwnCustomersOnly_ContactsMasked_HiddenCounted()
    {
        using var service = Service();
        using var client = WithKey(service, RepKey);

        var (status, answer) = await Grade(client);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["z***@example.com", "C4"], Ids(answer));
        Assert.Equal(2, answer.GetProperty("hidden").GetInt32());
        Assert.DoesNotContain("zhang.san", answer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grade_SalesRepKey_JsonLines_TheLastLineCountsTheHidden()
    {
        using var service = Service();
        using var client = WithKey(service, RepKey);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
        using var response = await client.PostAsync("/v1/grade", new StringContent(Customers, Encoding.UTF8, "text/csv"));

        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, lines.Length);
        Assert.Equal("""{"errors":[],"hidden":2}""", lines[^1]);
    }

    [Fact]
    public async Task Grade_ServiceAccountKey_EveryCustomer_ContactsStillMasked_NoHiddenCount()
    {
        using var service = Service();
        using var client = WithKey(service, ServiceFactory.Key);

        var (status, answer) = await Grade(client);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["z***@example.com", "C2", "C3", "C4"], Ids(answer));
        Assert.False(answer.TryGetProperty("hidden", out _));
    }

    [Fact]
    public async Task Grade_KeyWhoseViewerTheRulesRefuse_Is403()
    {
        using var service = Service();
        using var client = WithKey(service, ManagerWithoutTeamKey);

        var (status, answer) = await Grade(client);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("role 'manager' sees its team's customers", answer.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grade_ViewerInTheQuery_IsStillRefused()
    {
        using var service = Service();
        using var client = WithKey(service, RepKey);
        using var response = await client.PostAsync("/v1/grade?viewer=admin:a-1", new StringContent(Customers, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Grade_TokenSignedByTheKey_200_ViewerFromItsClaims()
    {
        using var service = Service();
        using var client = WithToken(service, Token(SigningKey, ("sub", "u-9"), ("crm_role", "sales-rep")));

        var (status, answer) = await Grade(client);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["C2"], Ids(answer));
        Assert.Equal(3, answer.GetProperty("hidden").GetInt32());
    }

    [Fact]
    public async Task Grade_TokenOfAManager_TheTeamsCustomers()
    {
        using var service = Service();
        using var client = WithToken(service, Token(SigningKey, ("sub", "m-1"), ("crm_role", "manager"), ("crm_team", "east")));

        var (status, answer) = await Grade(client);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["z***@example.com", "C2"], Ids(answer));
    }

    [Fact]
    public async Task Grade_TokenWithAWrongSignature_Is401()
    {
        using var service = Service();
        using var client = WithToken(service, Token("another-signing-key-0123456789abcdef-01234", ("sub", "u-7"), ("crm_role", "admin")));

        var (status, answer) = await Grade(client);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(401, answer.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Grade_TokenForAnotherAudience_Is401()
    {
        using var service = factory.With(("CrmRulesService:Jwt:SigningKey", SigningKey), ("CrmRulesService:Jwt:Audience", "another-service"));
        using var client = WithToken(service, Token(SigningKey, ("sub", "u-7"), ("crm_role", "admin")));

        var (status, _) = await Grade(client);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Grade_TokenWithoutARole_Is403_NeverEveryCustomer()
    {
        using var service = Service();
        using var client = WithToken(service, Token(SigningKey, ("sub", "u-7")));

        var (status, answer) = await Grade(client);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("'crm_role'", answer.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grade_TokenWithoutJwtConfigured_Is401()
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(SigningKey, ("sub", "u-7"), ("crm_role", "admin")));

        var (status, _) = await Grade(client);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public void Options_OnlyKeysWithViewers_AreEnough()
    {
        var options = new ServiceOptions();
        options.Keys.Add(new ServiceOptions.KeyOptions { Key = RepKey, Viewer = "sales-rep:u-7" });

        Assert.True(new ServiceOptionsValidation().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Options_BadKeysAndJwt_EveryProblemInOneMessage()
    {
        var options = new ServiceOptions();
        options.Keys.Add(new ServiceOptions.KeyOptions { Key = "short", Viewer = "sales-rep" });
        options.Jwt.SigningKey = "too-short";

        var result = new ServiceOptionsValidation().Validate(null, options);

        Assert.Equal(
            [
                "CrmRulesService:Keys:0:Key: a key must have at least 16 characters",
                "CrmRulesService:Keys:0:Viewer: 'sales-rep' is not role:id or role:id:team (1 part separated by ':')",
                "CrmRulesService:Jwt:Audience: give the audience tokens must name",
                "CrmRulesService:Jwt:SigningKey: must have at least 32 bytes",
            ],
            result.Failures);
    }
}
