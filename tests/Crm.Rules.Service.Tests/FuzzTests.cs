using System.Net;
using System.Text;

namespace Crm.Rules.Service.Tests;

/// <summary>Malformed bodies, wrong content types and odd options never make the service answer 500.</summary>
public sealed class FuzzTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private static readonly string[] Commands = ["grade", "churn", "cadence", "sla", "prioritise", "lifecycle", "assess", "nps", "loyalty", "ruleset/validate"];

    private static readonly string[] ContentTypes =
        ["text/csv", "application/json", "application/x-ndjson", "application/jsonl", "text/plain", "application/xml", "text/csv; charset=latin1", "application/json; charset=utf-8", "multipart/form-data", "garbage/"];

    private static readonly string[] Queries = ["", "?asOf=2026-11-24", "?asOf=not-a-date", "?explain=true", "?explain=maybe", "?maxErrors=0", "?maxErrors=1", "?as-of=x", "?asOf=2026-11-24&asOf=2026-11-25"];

    private static readonly string[] SampleFiles = ["customers.csv", "tickets.json", "lifecycle-records.json", "profiles.csv", "loyalty-activities.csv"];

    [Fact]
    public async Task MalformedRequests_200Cases_NeverA500()
    {
        var random = new Random(15);
        var samples = SampleFiles.Select(f => File.ReadAllBytes(ServiceFactory.Data(f))).ToArray();
        using var client = factory.Authorized();
        var seen = new Dictionary<HttpStatusCode, int>();

        for (var i = 0; i < 200; i++)
        {
            var body = Mutate(random, samples[random.Next(samples.Length)]);
            var url = $"/v1/{Commands[random.Next(Commands.Length)]}{Queries[random.Next(Queries.Length)]}";
            using var content = new ByteArrayContent(body);
            var contentType = ContentTypes[random.Next(ContentTypes.Length)];
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            using var response = await client.PostAsync(url, content);

            var text = await response.Content.ReadAsStringAsync();
            seen[response.StatusCode] = seen.GetValueOrDefault(response.StatusCode) + 1;
            Assert.True((int)response.StatusCode < 500, $"case {i}: {url} {contentType} → {(int)response.StatusCode} {text}");
            Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        // The cases reach the commands: some answered, some refused as input, some refused by content type.
        var summary = string.Join(", ", seen.OrderBy(s => s.Key).Select(s => $"{(int)s.Key}: {s.Value}"));
        Assert.True(seen.ContainsKey(HttpStatusCode.OK) && seen.ContainsKey(HttpStatusCode.BadRequest) && seen.ContainsKey(HttpStatusCode.UnsupportedMediaType), summary);
        Assert.True(seen.ContainsKey(HttpStatusCode.UnprocessableEntity), summary);
    }

    // Random bytes, a sample cut short, a sample with bytes flipped, or a sample with a broken UTF-8 sequence.
    private static byte[] Mutate(Random random, byte[] sample)
    {
        switch (random.Next(5))
        {
            case 0:
                var noise = new byte[random.Next(0, 512)];
                random.NextBytes(noise);
                return noise;
            case 1:
                return sample[..random.Next(0, sample.Length)];
            case 2:
                var flipped = (byte[])sample.Clone();
                for (var k = random.Next(1, 8); k > 0; k--)
                {
                    flipped[random.Next(flipped.Length)] = (byte)random.Next(256);
                }

                return flipped;
            case 3:
                return [.. sample.Take(random.Next(sample.Length)), 0xC3, 0x28, .. sample.Skip(random.Next(sample.Length))];
            default:
                return Encoding.UTF8.GetBytes(random.Next(4) switch { 0 => "[", 1 => "{\"id\":", 2 => "id\n\n\n", _ => "" });
        }
    }
}
