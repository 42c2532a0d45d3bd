using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Crm.Rules.CommandLine;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Crm.Rules.Service.Tests;

/// <summary>
/// A bounded load test of the service on Kestrel over real loopback sockets: a fixed number of grade requests from a
/// fixed number of concurrent clients, every one answered 200 with all its records. Throughput and latency are
/// reported (run with <c>--filter Category=Load --logger "console;verbosity=detailed"</c>), never asserted: the
/// machine is shared, and a timing assertion would fail with the neighbours' builds, not with the service.
/// </summary>
/// <remarks>
/// Two baselines run the same way: <c>/healthz</c> (the floor: Kestrel, HTTP/1.1 and the middleware, no command) and
/// the same records graded in-process by <see cref="CrmRulesCommandLine.Run(string[], TextWriter, TextWriter)"/> (the
/// command without HTTP). The service's cost over the second is what HTTP, the body's temporary file and the answer's
/// re-writing add.
/// </remarks>
[Trait("Category", "Load")]
public sealed class LoadTests(ITestOutputHelper output)
{
    private const int Requests = 2_000;
    private const int Concurrency = 8;
    private const int CustomersPerRequest = 100;
    private const int WarmUp = 100;

    // The whole test stops by itself: no request may hang it past this.
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    private static string CustomersCsv()
    {
        var csv = new StringBuilder("id,historicalAmount,frequency,grossMargin,industryInfluence,needMatch,willingness\n");
        for (var i = 0; i < CustomersPerRequest; i++)
        {
            // Scores 1–5 in a fixed pattern, so every grade occurs and every run grades the same records.
            csv.Append(CultureInfo.InvariantCulture, $"C{i:D4},{1 + (i % 5)},{1 + (i * 3 % 5)},{1 + (i * 7 % 5)},{1 + (i / 5 % 5)},{1 + (i * 2 % 5)},{1 + (i / 25 % 5)}\n");
        }

        return csv.ToString();
    }

    [Fact]
    public async Task Grade_2000RequestsOf100Customers_8Concurrent_OverKestrel_NoneFails()
    {
        using var bound = new CancellationTokenSource(Bound);
        using var factory = new ServiceFactory();
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = new Uri(factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        };
        client.DefaultRequestHeaders.Add("X-Api-Key", ServiceFactory.Key);
        var csv = Encoding.UTF8.GetBytes(CustomersCsv());

        async Task<bool> Grade(CancellationToken cancel)
        {
            using var content = new ByteArrayContent(csv);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
            using var response = await client.PostAsync("/v1/grade", content, cancel);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            using var answer = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancel));
            return answer.RootElement.GetProperty("results").GetArrayLength() == CustomersPerRequest
                   && answer.RootElement.GetProperty("errors").GetArrayLength() == 0;
        }

        async Task<bool> Health(CancellationToken cancel)
        {
            using var response = await client.GetAsync("/healthz", cancel);
            return response.StatusCode == HttpStatusCode.OK;
        }

        var input = Path.Combine(Path.GetTempPath(), $"crm-rules-load-{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(input, csv, bound.Token);
        try
        {
            Task<bool> InProcess(CancellationToken cancel)
            {
                using var results = new StringWriter(CultureInfo.InvariantCulture);
                var exit = CrmRulesCommandLine.Run(["grade", "--input", input, "--format", "json"], results, TextWriter.Null);
                using var answer = JsonDocument.Parse(results.ToString());
                return Task.FromResult(exit == 0 && answer.RootElement.GetArrayLength() == CustomersPerRequest);
            }

            var health = await Measure("GET /healthz (floor)", Health, records: 0, bound.Token);
            var inProcess = await Measure("grade in-process (CrmRulesCommandLine.Run)", InProcess, CustomersPerRequest, bound.Token);
            var grade = await Measure("POST /v1/grade over Kestrel", Grade, CustomersPerRequest, bound.Token);

            Assert.Equal(0, health.Failed);
            Assert.Equal(0, inProcess.Failed);
            Assert.Equal(0, grade.Failed);
            Assert.Equal(Requests, grade.Latencies.Length);
        }
        finally
        {
            File.Delete(input);
        }
    }

    // Warms up, then sends Requests calls from Concurrency workers that each take the next number until none is left.
    private async Task<Run> Measure(string name, Func<CancellationToken, Task<bool>> call, int records, CancellationToken cancel)
    {
        for (var i = 0; i < WarmUp; i++)
        {
            await call(cancel);
        }

        var latencies = new double[Requests];
        var next = -1;
        var failed = 0;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < Requests)
            {
                var started = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await call(cancel);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
                {
                    ok = false;
                }

                latencies[n] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!ok)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }, cancel)));
        total.Stop();

        Array.Sort(latencies);
        var run = new Run(name, latencies, failed, total.Elapsed, records);
        output.WriteLine(run.ToString());
        return run;
    }

    private sealed record Run(string Name, double[] Latencies, int Failed, TimeSpan Elapsed, int Records)
    {
        // Nearest rank on the sorted latencies.
        private double Percentile(double p) => Latencies[Math.Max(0, (int)Math.Ceiling(p * Latencies.Length) - 1)];

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Name}: {Latencies.Length} requests, {Concurrency} concurrent, {Failed} failed, {Elapsed.TotalSeconds:F2} s, " +
            $"{Latencies.Length / Elapsed.TotalSeconds:F0} req/s{(Records == 0 ? "" : $" ({Latencies.Length * Records / Elapsed.TotalSeconds:F0} customers/s)")}, " +
            $"p50 {Percentile(0.50):F2} ms, p99 {Percentile(0.99):F2} ms, max {Latencies[^1]:F2} ms");
    }
}
