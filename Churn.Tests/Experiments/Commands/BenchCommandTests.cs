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
}
