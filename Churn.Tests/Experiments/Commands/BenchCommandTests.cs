using Churn.Experiments.Benchmarks;
using Churn.Experiments.Commands;
using Churn.Experiments.Data;

namespace Churn.Tests.Experiments.Commands;

public sealed class BenchCommandTests
{
    [Fact]
    public void ParseTiming_NoArguments_AllWorkloadsRepeatFive()
    {
        var request = BenchCommand.ParseTiming([]);
        Assert.Equal(["kmeans", "logreg", "auc", "sparse"], request.Workloads);
        Assert.Equal(5, request.Repeat);
        Assert.False(request.Json);
        Assert.Equal(10_000_000, request.AucRows);
        Assert.Equal(10, request.Tiles);
    }

    [Fact]
    public void ParseTiming_OneWorkloadJsonRepeat_ParsesEach()
    {
        var request = BenchCommand.ParseTiming(["auc", "--json", "--repeat", "3", "--auc-rows", "1000"]);
        Assert.Equal(["auc"], request.Workloads);
        Assert.True(request.Json);
        Assert.Equal(3, request.Repeat);
        Assert.Equal(1000, request.AucRows);
    }

    [Fact]
    public void ParseTiming_AllAndDuplicate_ListsEachOnce()
    {
        var request = BenchCommand.ParseTiming(["kmeans", "all"]);
        Assert.Equal(["kmeans", "logreg", "auc", "sparse"], request.Workloads);
    }

    [Fact]
    public void ParseTiming_SparseTiles_Parsed()
    {
        var request = BenchCommand.ParseTiming(["sparse", "--sparse-tiles", "100"]);
        Assert.Equal(["sparse"], request.Workloads);
        Assert.Equal(100, request.SparseTiles);
    }

    [Fact]
    public void ParseTiming_UnknownWorkload_ThrowsUsageNamingIt()
    {
        var e = Assert.Throws<UsageException>(() => BenchCommand.ParseTiming(["svm"]));
        Assert.Contains("'svm'", e.Message);
    }

    [Fact]
    public void ParseTiming_RepeatZero_ThrowsUsage()
    {
        var e = Assert.Throws<UsageException>(() => BenchCommand.ParseTiming(["--repeat", "0"]));
        Assert.Contains("--repeat", e.Message);
    }

    [Fact]
    public void ParseTiming_MisspelledOption_SuggestsTheRightOne()
    {
        var e = Assert.Throws<UsageException>(() => BenchCommand.ParseTiming(["--repeats", "2"]));
        Assert.Contains("--repeat", e.Message);
    }

    [Fact]
    public void Run_UnknownWorkloadThroughRunner_ExitsBadInput()
    {
        var error = new StringWriter();
        var code = CommandRunner.Run(["bench", "svm"], new CommandConsole(new StringWriter(), error));
        Assert.Equal(CommandRunner.BadInput, code);
        Assert.Contains("unknown bench workload", error.ToString());
    }

    [Fact]
    public void Run_SmallAucJson_WritesExactlyOneJsonObject()
    {
        var output = new StringWriter();
        var code = CommandRunner.Run(["bench", "auc", "--json", "--repeat", "1", "--auc-rows", "2000"],
            new CommandConsole(output, new StringWriter()));
        Assert.Equal(CommandRunner.Ok, code);
        using var doc = System.Text.Json.JsonDocument.Parse(output.ToString());
        var auc = doc.RootElement.GetProperty("workloads").GetProperty("auc");
        Assert.Equal(2000, auc.GetProperty("rows").GetInt32());
        Assert.InRange(auc.GetProperty("result").GetProperty("auc").GetDouble(), 0.5, 0.8);
    }

    [Fact]
    public void Run_SmallGridJson_PointsFilesAndPrefixRows()
    {
        using var folder = new TempFolder();
        var output = new StringWriter();
        var code = CommandRunner.Run(["bench", "grid", "--json", "--rows", "300,600", "--features", "3,5", "--k", "4", "--max-iter", "3",
            "--out", folder.Path, "--source", TestPaths.Data("data/raw/telecom_churn_data_head1000.csv")], new CommandConsole(output, new StringWriter()));
        Assert.Equal(CommandRunner.Ok, code);
        using var doc = System.Text.Json.JsonDocument.Parse(output.ToString());
        var points = doc.RootElement.GetProperty("points");
        Assert.Equal(2 * 2 * 3, points.GetArrayLength()); // rows x features x (kmeans, newton, lbfgs)
        foreach (var p in points.EnumerateArray())
        {
            if (p.GetProperty("workload").GetString() == "kmeans") Assert.InRange(p.GetProperty("iterations").GetInt32(), 1, 3);
            else Assert.True(p.GetProperty("converged").GetBoolean());
        }
        // One file per feature count at the largest row count: rows x (features + label), float64.
        Assert.Equal(600 * 6 * sizeof(double), new FileInfo(Path.Combine(folder.Path, "grid_600x5.f64")).Length);
        var source = GridData.Read(TestPaths.Data("data/raw/telecom_churn_data_head1000.csv"));
        var (small, _) = source.Build(300, 5, 42);
        var (large, _) = source.Build(600, 5, 42);
        Assert.Equal(small.ToArray(), large.SubMatrix(0, 300, 0, 5).ToArray());
        Assert.True(File.Exists(Path.Combine(folder.Path, "grid.json")));
    }

    [Fact]
    public void Run_GridWithWorkloads_RunsOnlyThoseAndNamesThemInTheManifest()
    {
        using var folder = new TempFolder();
        var output = new StringWriter();
        var code = CommandRunner.Run(["bench", "grid", "--json", "--rows", "300", "--features", "3", "--workloads", "logreg_lbfgs",
            "--out", folder.Path, "--source", TestPaths.Data("data/raw/telecom_churn_data_head1000.csv")], new CommandConsole(output, new StringWriter()));
        Assert.Equal(CommandRunner.Ok, code);
        using var doc = System.Text.Json.JsonDocument.Parse(output.ToString());
        var point = Assert.Single(doc.RootElement.GetProperty("points").EnumerateArray());
        Assert.Equal("logreg_lbfgs", point.GetProperty("workload").GetString());
        Assert.Equal(["logreg_lbfgs"], doc.RootElement.GetProperty("workloads").EnumerateArray().Select(w => w.GetString()));
    }

    [Fact]
    public void Run_GridWithUnknownWorkload_ExitsBadInputNamingIt()
    {
        var error = new StringWriter();
        var code = CommandRunner.Run(["bench", "grid", "--workloads", "kmeans,svm"], new CommandConsole(new StringWriter(), error));
        Assert.Equal(CommandRunner.BadInput, code);
        Assert.Contains("--workloads", error.ToString());
        Assert.Contains("'svm'", error.ToString());
    }

    [Fact]
    public void Run_GridWithBadRowCount_ExitsBadInputNamingTheOption()
    {
        var error = new StringWriter();
        var code = CommandRunner.Run(["bench", "grid", "--rows", "10,x"], new CommandConsole(new StringWriter(), error));
        Assert.Equal(CommandRunner.BadInput, code);
        Assert.Contains("--rows", error.ToString());
        Assert.Contains("'x'", error.ToString());
    }
}
