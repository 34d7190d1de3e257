namespace Churn.Tests.Experiments.Data;

/// <summary>Paths to the read-only raw data and throw-away CSV files under the temp directory.</summary>
internal static class TestFiles
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Churn.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Churn.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Raw(string name) => Path.Combine(Root.Value, "data", "raw", name);

    public static string Telecom1000 => Raw("telecom_churn_data_head1000.csv");

    public static string Seed => Raw("seed_churn_labeled_data.csv");

    public static string BigMl => Raw("churn-bigml-80.csv");
}

/// <summary>A CSV file under <see cref="Path.GetTempPath"/> that is deleted on dispose.</summary>
internal sealed class TempCsv : IDisposable
{
    public TempCsv(string content)
    {
        FilePath = Path.Combine(Path.GetTempPath(), "churn-test-" + Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(FilePath, content);
    }

    public string FilePath { get; }

    public void Dispose()
    {
        if (File.Exists(FilePath)) File.Delete(FilePath);
    }
}
