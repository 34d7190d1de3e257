using Churn.Experiments.Commands;
using Churn.Experiments.Data;
using Churn.Tests.Experiments.Data;

namespace Churn.Tests.Experiments.Commands;

/// <summary>Issue 13, items 1 and 2: an output is whole or absent, and nothing of the user's is touched.</summary>
public sealed class OutputFileTests
{
    private static readonly string BigMl = TestPaths.Data("data/raw/churn-bigml-80.csv");

    private static string[] Train(string data, string output) =>
        ["train", "--data", data, "--label", "Churn", "--positive", "True", "--exclude", "State,Area code", "--out", output];

    private static string TrainedModel(TempFolder temp)
    {
        var model = temp.File("m.json");
        Assert.Equal(0, CliRun.Of(Train(BigMl, model)).ExitCode);
        return model;
    }

    [Fact]
    public void Train_InputNamedOutPlusTmp_InputSurvives()
    {
        using var temp = new TempFolder();
        var data = temp.Write("m.json.tmp", File.ReadAllText(BigMl));

        var run = CliRun.Of(Train(data, temp.File("m.json")));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(File.ReadAllText(BigMl), File.ReadAllText(data));
        Assert.Contains("\"format\"", File.ReadAllText(temp.File("m.json")));
    }

    [Fact]
    public void Predict_UsersOwnOutPlusTmp_KeptAsItWas()
    {
        using var temp = new TempFolder();
        var model = TrainedModel(temp);
        var mine = temp.Write("s.csv.tmp", "my notes\n");

        var run = CliRun.Of("predict", "--model", model, "--data", BigMl, "--out", temp.File("s.csv"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("my notes\n", File.ReadAllText(mine));
        Assert.Equal(2667, File.ReadAllLines(temp.File("s.csv")).Length);
    }

    [Fact]
    public void Predict_TwoRunsToTheSameOut_OneWholeFile()
    {
        using var temp = new TempFolder();
        var model = TrainedModel(temp);
        var output = temp.File("s.csv");
        using var start = new Barrier(2);

        var codes = Enumerable.Range(0, 2).AsParallel().WithDegreeOfParallelism(2).Select(_ =>
        {
            start.SignalAndWait();
            return CliRun.Of("predict", "--model", model, "--data", BigMl, "--out", output).ExitCode;
        }).ToArray();

        Assert.Equal([0, 0], codes);
        var lines = File.ReadAllLines(output);
        Assert.Equal(2667, lines.Length);
        Assert.Equal(lines.Length - 1, lines.Skip(1).Select(l => l.Split(',')[0]).Distinct().Count());
        Assert.Equal(["m.json", "s.csv"], Directory.GetFiles(temp.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Predict_FailureMidFile_NoTemporaryFileLeftInTheFolder()
    {
        using var temp = new TempFolder();
        var model = TrainedModel(temp);
        var lines = File.ReadAllLines(BigMl);
        var data = temp.Write("bad.csv", string.Join("\n", lines.Take(100)) + "\n" + lines[100].Replace(",", ",abc,", StringComparison.Ordinal) + "\n");

        var run = CliRun.Of("predict", "--model", model, "--data", data, "--out", temp.File("s.csv"));

        Assert.Equal(CommandRunner.BadInput, run.ExitCode);
        Assert.Equal(["bad.csv", "m.json"], Directory.GetFiles(temp.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Predict_OutIsAFifo_RefusedAndTheFifoStays()
    {
        using var temp = new TempFolder();
        var model = TrainedModel(temp);
        var fifo = AtomicFileTests.Fifo(temp, "pipe");

        var run = CliRun.Of("predict", "--model", model, "--data", BigMl, "--out", fifo);

        Assert.Equal(CommandRunner.BadInput, run.ExitCode);
        Assert.Contains("is a named pipe (FIFO), not a regular file", run.Error);
        Assert.Equal(AtomicFile.FileKind.Fifo, AtomicFile.Kind(fifo));
    }

    public static TheoryData<string, string, string> BadTargets() => new()
    {
        // The data file does not exist: a refusal of --out proves it was checked before reading anything.
        { "character device", "/dev/full", "'/dev/full' exists and is a character device" },
        { "folder", "{temp}", "is a folder" },
        { "under a file", "{file}/m.json", "which is a file, not a folder" },
        { "folder taking no files", "/proc/version", "'/proc' does not accept new files" },
    };

    [Theory]
    [MemberData(nameof(BadTargets))]
    public void Train_BadOut_RefusedBeforeAnyWork(string scenario, string output, string expected)
    {
        using var temp = new TempFolder();
        var file = temp.Write("notes.txt", "x\n");
        output = output.Replace("{temp}", temp.Path, StringComparison.Ordinal).Replace("{file}", file, StringComparison.Ordinal);

        var run = CliRun.Of(Train(temp.File("missing.csv"), output));

        Assert.True(run.ExitCode == CommandRunner.BadInput, scenario + ": exit " + run.ExitCode);
        Assert.Contains(expected, run.Error);
        Assert.DoesNotContain("missing.csv", run.Error);
        Assert.DoesNotContain(".tmp", run.Error);
        Assert.Equal("x\n", File.ReadAllText(file));
    }

    [Fact]
    public void Predict_BadOut_RefusedBeforeTheModelIsRead()
    {
        using var temp = new TempFolder();

        var run = CliRun.Of("predict", "--model", temp.File("no-model.json"), "--data", BigMl, "--out", temp.Path);

        Assert.Equal(CommandRunner.BadInput, run.ExitCode);
        Assert.Contains("is a folder", run.Error);
    }

    [Fact]
    public void Predict_OutDash_RefusedInsteadOfAFileNamedDash()
    {
        using var temp = new TempFolder();
        var model = TrainedModel(temp);
        var run = CliRun.Of("predict", "--model", model, "--data", BigMl, "--out", "-");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--out '-' would write a file named '-'", run.Error);
        Assert.False(File.Exists("-")); // the process's folder, where "-" would have gone
    }

    [Fact]
    public void Predict_IdGivenTwiceOrNamedLikeAnOutputColumn_Refused_OutputUntouched()
    {
        using var temp = new TempFolder();
        var model = TrainedModel(temp);
        var output = temp.Write("p.csv", "old");
        var twice = CliRun.Of("predict", "--model", model, "--data", BigMl, "--id", "State,State", "--out", output);
        Assert.Equal(2, twice.ExitCode);
        Assert.Contains("--id lists 'State' twice", twice.Error);

        // A file whose id column is called churn_probability: the output header would hold it twice.
        var renamed = temp.Write("renamed.csv", string.Join("\n", File.ReadAllLines(BigMl).Select((l, i) => i == 0 ? l.Replace("State,", "churn_probability,") : l)) + "\n");
        var clash = CliRun.Of("predict", "--model", model, "--data", renamed, "--id", "churn_probability", "--out", output);
        Assert.Equal(2, clash.ExitCode);
        Assert.Contains("id column 'churn_probability' has the name of an output column", clash.Error);
        Assert.Equal("old", File.ReadAllText(output));

        var campaign = CliRun.Of("campaign", "--model", model, "--data", renamed, "--id", "churn_probability", "--out", output);
        Assert.Equal(2, campaign.ExitCode);
        Assert.Contains("id column 'churn_probability' has the name of an output column", campaign.Error);
        Assert.Equal("old", File.ReadAllText(output));
    }
}
