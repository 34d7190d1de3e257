using System.Text.Json;
using Churn.Experiments.Experiments;

namespace Churn.Tests.Experiments.Experiments;

/// <summary>
/// The committed reports/ must be what `./churn experiment NAME --seed 42` writes today: a code change
/// that moves a number without regenerating the report fails here. README.md must match to the byte
/// (its numbers are rounded for reading); metrics.json must match in every field but the code commit,
/// numbers to 1e-9 relative (full-precision doubles may differ in the last bits across CPUs).
/// </summary>
[Trait("Kind", "Numeric")]
public sealed class CommittedReportsTests
{
    public static TheoryData<string> Experiments()
    {
        var data = new TheoryData<string>();
        foreach (var e in ExperimentCatalog.All) data.Add(e.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Experiments))]
    public void CommittedReport_EqualsRegenerated(string name)
    {
        var committed = Path.Combine(TestPaths.RepoRoot, "reports", name);
        Assert.True(Directory.Exists(committed), "reports/" + name + " is not committed; run ./churn experiment " + name + " --seed 42");
        var root = ExperimentReportRun.NewRoot();
        try
        {
            var fresh = ExperimentReportRun.Run(ExperimentCatalog.Find(name), 42, root);

            Assert.Equal(File.ReadAllText(Path.Combine(committed, "README.md")), File.ReadAllText(Path.Combine(fresh, "README.md")));
            using var a = JsonDocument.Parse(File.ReadAllText(Path.Combine(committed, "metrics.json")));
            using var b = JsonDocument.Parse(File.ReadAllText(Path.Combine(fresh, "metrics.json")));
            AssertSame(a.RootElement, b.RootElement, "$");
            var figures = Directory.GetFiles(fresh, "*.png").Select(Path.GetFileName).Order();
            Assert.Equal(figures, Directory.GetFiles(committed, "*.png").Select(Path.GetFileName).Order());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void AssertSame(JsonElement expected, JsonElement actual, string path)
    {
        Assert.True(expected.ValueKind == actual.ValueKind, path + ": " + expected.ValueKind + " vs " + actual.ValueKind);
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var names = expected.EnumerateObject().Select(p => p.Name).Where(n => n != "code_version").ToList();
                Assert.Equal(names, actual.EnumerateObject().Select(p => p.Name).Where(n => n != "code_version").ToList());
                foreach (var n in names) AssertSame(expected.GetProperty(n), actual.GetProperty(n), path + "." + n);
                break;
            case JsonValueKind.Array:
                Assert.True(expected.GetArrayLength() == actual.GetArrayLength(), path + ": array length");
                var i = 0;
                foreach (var (x, y) in expected.EnumerateArray().Zip(actual.EnumerateArray()))
                    AssertSame(x, y, path + "[" + i++ + "]");
                break;
            case JsonValueKind.Number:
                var e = expected.GetDouble();
                var v = actual.GetDouble();
                Assert.True(Math.Abs(e - v) <= 1e-9 * Math.Max(1, Math.Abs(e)), path + ": committed " + e.ToString("R") + ", regenerated " + v.ToString("R"));
                break;
            default:
                Assert.True(expected.ToString() == actual.ToString(), path + ": committed '" + expected + "', regenerated '" + actual + "'");
                break;
        }
    }
}
