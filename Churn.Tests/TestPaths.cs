internal static class TestPaths
{
    /// <summary>The folder containing Churn.sln, found by walking up from the test binaries.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Data(string relative) => Path.Combine(RepoRoot, relative);

    public static string Golden(string file) => Path.Combine(AppContext.BaseDirectory, "Golden", file);

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Churn.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException(
            "Churn.sln not found above " + AppContext.BaseDirectory);
    }
}
