using Crm.Rules.CommandLine;

namespace Crm.Rules.Tests.Support;

/// <summary>Runs the crm-rules command line in-process and captures its exit code, stdout and stderr.</summary>
internal static class CliRun
{
    public static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CliApp.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs with <paramref name="stdin"/> as the standard input (for <c>--input -</c>).</summary>
    public static (int Exit, string Output, string Error) RunWithInput(byte[] stdin, params string[] args)
    {
        Crm.Rules.CommandLine.Records.Inputs.StandardInput = () => new MemoryStream(stdin);
        return Run(args);
    }
}

/// <summary>A temporary folder for input files, deleted with the test class.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("crm-rules-test-").FullName;

    public string Write(string name, string content)
    {
        var path = System.IO.Path.Combine(Path, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
