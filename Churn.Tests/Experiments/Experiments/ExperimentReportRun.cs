using Churn.Experiments.Commands;
using Churn.Experiments.Experiments;

namespace Churn.Tests.Experiments.Experiments;

/// <summary>Runs an experiment into a fresh temp folder and checks what every report must contain.</summary>
internal static class ExperimentReportRun
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Runs <paramref name="experiment"/> with <paramref name="seed"/>; returns the report folder (caller deletes the root).</summary>
    public static string Run(IExperiment experiment, int seed, string root) =>
        ExperimentCatalog.Run(experiment, TestPaths.RepoRoot, seed, root, new Progress<string>(_ => { }));

    public static string NewRoot() => Directory.CreateTempSubdirectory("churn-experiment-test-").FullName;

    /// <summary>README.md, metrics.json and each PNG exist; PNGs are non-empty with the PNG signature.</summary>
    public static void AssertReport(string directory, IEnumerable<string> pngs)
    {
        Assert.True(new FileInfo(Path.Combine(directory, "README.md")).Length > 0);
        Assert.True(new FileInfo(Path.Combine(directory, "metrics.json")).Length > 0);
        foreach (var png in pngs)
        {
            var bytes = File.ReadAllBytes(Path.Combine(directory, png));
            Assert.True(bytes.Length > 1000, png + " is only " + bytes.Length + " bytes");
            Assert.Equal(PngSignature, bytes.Take(8).ToArray());
        }
    }

    /// <summary>Runs the experiment twice with the same seed and asserts byte-identical metrics.json.</summary>
    public static string AssertDeterministic(IExperiment experiment, int seed, IEnumerable<string> pngs)
    {
        var first = NewRoot();
        var second = NewRoot();
        try
        {
            var a = Run(experiment, seed, first);
            AssertReport(a, pngs);
            var b = Run(experiment, seed, second);
            Assert.Equal(File.ReadAllBytes(Path.Combine(a, "metrics.json")), File.ReadAllBytes(Path.Combine(b, "metrics.json")));
            Assert.Equal(File.ReadAllText(Path.Combine(a, "README.md")), File.ReadAllText(Path.Combine(b, "README.md")));
            return File.ReadAllText(Path.Combine(a, "metrics.json"));
        }
        finally
        {
            Directory.Delete(first, recursive: true);
            Directory.Delete(second, recursive: true);
        }
    }
}
