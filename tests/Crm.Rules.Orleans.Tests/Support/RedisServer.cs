using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit.Sdk;

namespace Crm.Rules.Orleans.Tests.Support;

/// <summary>
/// A throw-away redis-server (Debian's <c>redis-server</c>) for this test run: loopback only, a free port, its files in a
/// temporary folder, no persistence of its own (the tests need a store that outlives silos, not the machine), stopped
/// when the cluster tests are done. CRM_RULES_REDIS_SERVER names another binary. When it cannot start, <see cref="Problem"/> says why and the Redis tests skip with it.
/// </summary>
internal sealed class RedisServer
{
    public static readonly string[] Names = ["redis-server"];

    private static readonly Lazy<RedisServer> Instance = new(() => new RedisServer());

    private readonly Process? _process;

    private RedisServer()
    {
        var chosen = Environment.GetEnvironmentVariable("CRM_RULES_REDIS_SERVER");
        var binary = string.IsNullOrEmpty(chosen) ? Find() : File.Exists(chosen) ? chosen : null;
        if (binary is null)
        {
            Problem = string.IsNullOrEmpty(chosen)
                ? "No Redis: redis-server is not on PATH (install Debian's with 'apt-get install redis-server'; .ci/run does)."
                : $"No Redis: CRM_RULES_REDIS_SERVER names '{chosen}', which is not a file.";
            return;
        }

        Folder = Directory.CreateTempSubdirectory("crm-rules-redis-").FullName;
        Port = FreePort();
        var start = new ProcessStartInfo(binary)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--bind", "127.0.0.1", "--port", Port.ToString(), "--dir", Folder, "--save", "", "--appendonly", "no", "--protected-mode", "yes", "--daemonize", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            _process = Process.Start(start);
            _process!.OutputDataReceived += (_, _) => { };
            _process.ErrorDataReceived += (_, _) => { };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!Ping())
            {
                if (_process.HasExited || DateTime.UtcNow > deadline)
                {
                    Problem = $"No Redis: {binary} did not answer PING on 127.0.0.1:{Port} within 10 s (exit code {(_process.HasExited ? _process.ExitCode.ToString() : "none, still running")}).";
                    Stop();
                    return;
                }

                Thread.Sleep(50);
            }
        }
        catch (Exception problem) when (problem is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            Problem = $"No Redis: {binary} could not be started ({problem.Message}).";
        }
    }

    public static RedisServer Shared => Instance.Value;

    /// <summary>Why there is no server, or null when it runs.</summary>
    public string? Problem { get; }

    public int Port { get; }

    public string? Folder { get; }

    /// <summary>The StackExchange.Redis configuration string.</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    public static string? Find()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var folders = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin").Append("/usr/sbin");
        return folders.SelectMany(folder => Names.Select(name => Path.Combine(folder, name))).FirstOrDefault(File.Exists);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private bool Ping()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            using var stream = client.GetStream();
            stream.Write("PING\r\n"u8);
            var buffer = new byte[16];
            var read = stream.Read(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Stops the server and removes its folder (the cluster fixture calls it when the last Redis test is done).</summary>
    public void Stop()
    {
        try
        {
            if (_process is { HasExited: false })
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        if (Folder is not null)
        {
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
                // a file still held: the temporary folder is left for the system to clean
            }
        }
    }
}

/// <summary>
/// A fact that needs the test run's redis-server (<see cref="RedisServer"/>): the durable path of the Orleans sample.
/// Such tests form the <c>Redis</c> category; without a server they are skipped with a message that says why, as the
/// library's tests do for absent data and browsers.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("Crm.Rules.Tests.Support.ExplainedSkipFactDiscoverer", "Crm.Rules.Orleans.Tests")]
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (RedisServer.Shared.Problem is { } problem)
        {
            Skip = problem;
        }
    }
}
