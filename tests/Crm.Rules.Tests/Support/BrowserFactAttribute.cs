namespace Crm.Rules.Tests.Support;

/// <summary>
/// A fact that drives a real headless browser (Debian's <c>chromium</c>). Such tests form the <c>Browser</c> category
/// (<c>dotnet test --filter Category=Browser</c>); where no browser is on PATH they are skipped with a message that
/// says so, as <see cref="RealDataFactAttribute"/> does for absent data.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[Xunit.Sdk.XunitTestCaseDiscoverer("Crm.Rules.Tests.Support.ExplainedSkipFactDiscoverer", "Crm.Rules.Tests")]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (HeadlessBrowser.Find() is null)
        {
            Skip = $"No browser: none of {string.Join(", ", HeadlessBrowser.Names)} is on PATH (install Debian's with 'apt-get install chromium').";
        }
    }
}

/// <summary>Finds and runs a headless Chromium with a time limit, its own profile folder and no network chatter.</summary>
internal static class HeadlessBrowser
{
    public static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(90);

    /// <summary>The first browser found on PATH, or <see langword="null"/>.</summary>
    public static string? Find()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var name in Names)
        {
            foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Runs the browser on <paramref name="arguments"/> plus the flags every run needs; returns its exit code, stdout and stderr.</summary>
    /// <exception cref="TimeoutException">It did not finish in <see cref="TimeLimit"/> (it is killed with its children).</exception>
    public static (int Exit, string Output, string Error) Run(string workFolder, params string[] arguments)
    {
        var browser = Find() ?? throw new InvalidOperationException("No browser on PATH.");
        var start = new System.Diagnostics.ProcessStartInfo(browser)
        {
            WorkingDirectory = workFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Root in a container has no sandbox; a profile folder of its own lets tests run side by side; the rest keeps a
        // test run from reaching the network (updates, sync, field trials) or waiting on a GPU.
        string[] common =
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-default-apps", "--disable-extensions", "--no-first-run", "--no-default-browser-check",
            "--hide-scrollbars", "--mute-audio", "--user-data-dir=" + Path.Combine(workFolder, "profile"),
        ];
        foreach (var argument in common.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException($"{browser} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeLimit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{browser} did not finish within {TimeLimit.TotalSeconds} s.");
        }

        return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }
}
