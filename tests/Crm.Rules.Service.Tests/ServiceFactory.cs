using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace Crm.Rules.Service.Tests;

/// <summary>The service in memory as production runs it (keys required), with one test key and a generous rate limit.</summary>
public sealed class ServiceFactory : WebApplicationFactory<Program>
{
    public const string Key = "test-key-0123456789abcdef";

    public static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "data", name);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Production: the checked-in development key must not be what makes these tests pass.
        builder.UseEnvironment("Production");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CrmRulesService:ApiKeys:0"] = Key,
            ["CrmRulesService:RateLimit:PermitLimit"] = "100000",
        }));
    }

    /// <summary>The same service with more settings laid over.</summary>
    public WebApplicationFactory<Program> With(params (string Key, string Value)[] settings)
        => WithWebHostBuilder(b => b.ConfigureAppConfiguration((_, config) =>
            config.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))));

    public HttpClient Authorized()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        return client;
    }
}
