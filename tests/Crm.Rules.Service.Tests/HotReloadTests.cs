using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace Crm.Rules.Service.Tests;

/// <summary>A change of the CrmRules section is answered with the new rule set, and an invalid one keeps the last good.</summary>
public sealed class HotReloadTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    [Fact]
    public async Task RuleSet_ConfigurationChanges_NewFingerprintThenLastGoodKept()
    {
        var source = new ReloadableSource();
        using var reloading = factory.WithWebHostBuilder(b => b.ConfigureAppConfiguration((_, config) => config.Add(source)));
        using var client = reloading.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ServiceFactory.Key);
        Assert.Equal(CrmRuleSet.SeedStandard.Fingerprint, await FingerprintOf(client));

        source.Provider.Replace(new() { ["CrmRules:valueGrading:missingValues"] = "renormalize" });
        var changed = await FingerprintOf(client);
        Assert.NotEqual(CrmRuleSet.SeedStandard.Fingerprint, changed);

        source.Provider.Replace(new() { ["CrmRules:valueGrading:missingValues"] = "guess" });
        Assert.Equal(changed, await FingerprintOf(client));
    }

    // The body's fingerprint, after checking that the header names the same rule set.
    private static async Task<string> FingerprintOf(HttpClient client)
    {
        using var response = await client.GetAsync("/v1/ruleset");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var fingerprint = body.RootElement.GetProperty("fingerprint").GetString()!;
        Assert.Equal(fingerprint, response.Headers.GetValues("X-Crm-Rules-Fingerprint").Single());
        return fingerprint;
    }

    private sealed class ReloadableSource : IConfigurationSource
    {
        public ReloadableProvider Provider { get; } = new();

        public IConfigurationProvider Build(IConfigurationBuilder builder) => Provider;
    }

    private sealed class ReloadableProvider : ConfigurationProvider
    {
        public void Replace(Dictionary<string, string?> data)
        {
            Data = new Dictionary<string, string?>(data, StringComparer.OrdinalIgnoreCase);
            OnReload();
        }
    }
}
