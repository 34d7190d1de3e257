using System.Text.RegularExpressions;
using Churn.Experiments.Commands;

namespace Churn.Tests.Experiments.Commands;

/// <summary>Issue 13, item 15: messages say what is wrong in the user's terms, never in .NET's.</summary>
public sealed class MessageTests
{
    private static readonly string BigMl = TestPaths.Data("data/raw/churn-bigml-80.csv");

    private static string TrainedModelJson(TempFolder temp)
    {
        var model = temp.File("m.json");
        Assert.Equal(0, CliRun.Of("train", "--data", BigMl, "--label", "Churn", "--positive", "True",
            "--exclude", "State,Area code", "--out", model).ExitCode);
        return File.ReadAllText(model);
    }

    private static void AssertOneCleanError(CliRun run)
    {
        Assert.Equal(CommandRunner.BadInput, run.ExitCode);
        var error = run.Error.Split('\n').Last(l => l.Length > 0);
        Assert.StartsWith("error: ", error);
        foreach (var leak in new[] { "(Parameter '", "Actual value was", "System.", "Churn.Experiments", "NumberOfClusters", "\0", " x row", ".tmp", "LineNumber" })
            Assert.DoesNotContain(leak, run.Error);
    }

    [Fact]
    public void Segment_BlankColumn_NamesFileAndColumnAndWhatToDo()
    {
        using var temp = new TempFolder();
        var data = temp.Write("blank.csv", "a,b\n1,\n2,\n3,\n");

        var run = CliRun.Of("segment", "--data", data, "--features", "a,b", "--k", "2");

        AssertOneCleanError(run);
        Assert.Contains("file '" + data + "', column 'b': every cell is blank", run.Error);
        Assert.Contains("leave it out of --features", run.Error);
        Assert.DoesNotContain("NaN", run.Error);
    }

    [Fact]
    public void Segment_MoreSegmentsThanRows_SaysSoInOptionTerms()
    {
        using var temp = new TempFolder();
        var data = temp.Write("two.csv", "a\n1\n2\n");

        var run = CliRun.Of("segment", "--data", data, "--features", "a", "--k", "5");

        AssertOneCleanError(run);
        Assert.Contains("--k 5 asks for more segments than the 2 rows", run.Error);
    }

    [Fact]
    public void Train_MoreSegmentsThanRows_SaysSo()
    {
        using var temp = new TempFolder();
        var data = temp.Write("three.csv", "a,Churn\n1,True\n2,False\n3,True\n");

        var run = CliRun.Of("train", "--data", data, "--label", "Churn", "--positive", "True", "--segments", "5",
            "--segment-features", "a", "--out", temp.File("m.json"));

        AssertOneCleanError(run);
        Assert.Contains("Segments=5 asks for more segments than the 3 training rows", run.Error);
    }

    public static TheoryData<string, string, string, string> BrokenModelFiles() => new()
    {
        { "wrong type", "\"threshold\": 0.5", "\"threshold\": \"high\"", "'threshold' at line" },
        { "wrong type deep", "\"median\": 100,", "\"median\": \"x\",", "'features.numeric[0].median' at line 7 is not a number" },
        { "scale zero", @"(""scales"": \[\s*)[0-9.]+", "${1}0", "scales[0]=0 must be a finite number > 0." },
        { "duplicate key", "\"threshold\": 0.5", "\"threshold\": 0.5,\n  \"threshold\": 0.9", "key 'threshold' appears twice" },
        { "syntax", "\"median\": 100,", "\"median\": 100,,", "corrupt JSON at line 7: ',' is an invalid start" },
    };

    [Theory]
    [MemberData(nameof(BrokenModelFiles))]
    public void Evaluate_BrokenModelFile_RefusedInTheFilesTerms(string scenario, string find, string replace, string expected)
    {
        using var temp = new TempFolder();
        var json = TrainedModelJson(temp);
        var pattern = find.StartsWith('(') ? new Regex(find) : new Regex(Regex.Escape(find));
        Assert.True(pattern.IsMatch(json), scenario + ": fixture text not found");
        var model = temp.Write("broken.json", pattern.Replace(json, replace.StartsWith("${", StringComparison.Ordinal) ? replace : replace.Replace("$", "$$", StringComparison.Ordinal), 1));

        var run = CliRun.Of("evaluate", "--model", model, "--data", BigMl);

        AssertOneCleanError(run);
        Assert.Contains(expected, run.Error);
    }

    [Fact]
    public void Predict_OutIsAnExistingFolder_NoAlreadyExists()
    {
        using var temp = new TempFolder();
        TrainedModelJson(temp);
        Directory.CreateDirectory(temp.File("scores"));

        var run = CliRun.Of("predict", "--model", temp.File("m.json"), "--data", BigMl, "--out", temp.File("scores"));

        AssertOneCleanError(run);
        Assert.DoesNotContain("already exists", run.Error);
        Assert.Contains("is a folder", run.Error);
    }

    [Fact]
    public void Train_NulByteInACell_EchoedAsAnEscape()
    {
        using var temp = new TempFolder();
        var data = temp.Write("nul.csv", "x,Churn\n1,True\n2\0z,False\n3,True\n");

        var run = CliRun.Of("train", "--data", data, "--label", "Churn", "--positive", "True", "--features", "x", "--out", temp.File("m.json"));

        AssertOneCleanError(run);
        Assert.Contains("value '2\\0z'", run.Error);
    }
}

/// <summary>Issue 11 item 2, one check per option: the threshold is refused in one place with one message.</summary>
public sealed class ThresholdCheckTests
{
    private static readonly string BigMl = TestPaths.Data("data/raw/churn-bigml-80.csv");

    [Theory]
    [InlineData("1.5")]
    [InlineData("0")]
    public void Threshold_OutOfRangeFromTrainEvaluateOrModelFile_SameMessage(string value)
    {
        using var temp = new TempFolder();
        var message = "threshold=" + value + " must be > 0 and < 1.";
        string[] train = ["train", "--data", BigMl, "--label", "Churn", "--positive", "True", "--exclude", "State,Area code"];
        Assert.Equal(0, CliRun.Of([.. train, "--out", temp.File("m.json")]).ExitCode);
        var edited = temp.Write("edited.json", File.ReadAllText(temp.File("m.json")).Replace("\"threshold\": 0.5", "\"threshold\": " + value, StringComparison.Ordinal));

        var runs = new[]
        {
            CliRun.Of([.. train, "--threshold", value, "--out", temp.File("t.json")]),
            CliRun.Of("evaluate", "--model", temp.File("m.json"), "--data", BigMl, "--threshold", value),
            CliRun.Of("evaluate", "--model", edited, "--data", BigMl),
        };

        Assert.All(runs, run =>
        {
            Assert.Equal(CommandRunner.BadInput, run.ExitCode);
            Assert.Contains(message, run.Error);
        });
    }
}
