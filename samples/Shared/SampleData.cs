namespace Crm.Rules.Samples;

/// <summary>Where the samples find the real data sets: <c>../shared/data/</c> beside the repository, or a path given on the command line.</summary>
internal static class SampleData
{
    /// <summary>The repository root (the folder with Crm.Rules.sln), found from the binary's folder.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The data file: <paramref name="args"/>[<paramref name="index"/>] when given, otherwise <c>../shared/data/</c> + <paramref name="relative"/>.</summary>
    /// <returns>The path, or <see langword="null"/> (with a message on stderr) when the file is not there.</returns>
    public static string? Locate(string[] args, int index, string relative)
    {
        var path = args.Length > index ? args[index] : Path.Combine(RepositoryRoot, "..", "shared", "data", relative);
        if (File.Exists(path) || Directory.Exists(path))
        {
            return path;
        }

        Console.Error.WriteLine($"The data set is not here: {path}. It ships beside the repository in ../shared/data (see its README).");
        return null;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Crm.Rules.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
