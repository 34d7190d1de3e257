using Churn.Tests.Experiments.Data;

namespace Churn.Tests.Experiments.Commands;

/// <summary>
/// The streaming scorer writes, byte for byte, what `predict` wrote before it (row-at-a-time CsvHelper
/// reading): the expected files in Expected/ were produced by commit 365b605 with
/// `./churn train ...` then `./churn predict ...` as in each test.
/// </summary>
public sealed class PredictOutputTests
{
    private static string Expected(string name) => TestPaths.Data("Churn.Tests/Experiments/Commands/Expected/" + name);

    public static TheoryData<string, string[], string[], string> Cases => new()
    {
        // The case-study model on the shipped 1,000 raw rows (derived features, population flag).
        { "telecom_churn_data_head1000.csv", ["--recipe", "case-study"], [], "predict-case-study-head1000.csv" },
        // The US model, ranked riskiest first.
        { "churn-bigml-80.csv", ["--label", "Churn", "--positive", "True", "--exclude", "State,Area code"], ["--rank"], "predict-bigml-80.csv" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Predict_ShippedRows_ByteIdenticalToPreviousPredict(string data, string[] trainArgs, string[] predictArgs, string expected)
    {
        using var temp = new TempFolder();
        var path = TestFiles.Raw(data);
        Assert.Equal(0, CliRun.Of(["train", "--data", path, .. trainArgs, "--out", temp.File("m.json")]).ExitCode);
        var run = CliRun.Of(["predict", "--model", temp.File("m.json"), "--data", path, "--out", temp.File("s.csv"), .. predictArgs]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(File.ReadAllBytes(Expected(expected)), File.ReadAllBytes(temp.File("s.csv")));
    }

    [Fact]
    public void Predict_BadCellAfterManyRows_NamesRowAndLeavesNoOutput()
    {
        using var temp = new TempFolder();
        Assert.Equal(0, CliRun.Of("train", "--data", TestFiles.BigMl, "--label", "Churn", "--positive", "True",
            "--exclude", "State,Area code", "--out", temp.File("m.json")).ExitCode);
        var lines = File.ReadAllLines(TestFiles.BigMl);
        var bad = lines[2500].Split(',');
        bad[6] = "lots"; // Total day minutes
        lines[2500] = string.Join(",", bad);
        var data = temp.Write("bad.csv", string.Join("\n", lines) + "\n");

        var run = CliRun.Of("predict", "--model", temp.File("m.json"), "--data", data, "--out", temp.File("s.csv"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("row 2500", run.Error);
        Assert.Contains("line 2501", run.Error);
        Assert.Contains("column 'Total day minutes'", run.Error);
        Assert.Contains("value 'lots'", run.Error);
        Assert.False(File.Exists(temp.File("s.csv")));
    }

    /// <summary>
    /// A file large enough to be read in pieces on two threads (the shipped rows, tiled) gets, line for line, the lines
    /// the shipped rows get in one pass: by id, or by row number counted across the whole file.
    /// </summary>
    [Theory]
    [InlineData("telecom_churn_data_head1000.csv", 4, new[] { "--recipe", "case-study" })]
    [InlineData("churn-bigml-80.csv", 12, new[] { "--label", "Churn", "--positive", "True", "--exclude", "State,Area code" })]
    public void Predict_FileReadInPieces_SameLinesAsOnePass(string data, int times, string[] trainArgs)
    {
        using var temp = new TempFolder();
        var path = TestFiles.Raw(data);
        var rows = File.ReadAllLines(path);
        var tiled = temp.Write("tiled.csv", string.Join("\n", [rows[0], .. Enumerable.Repeat(rows[1..], times).SelectMany(r => r)]) + "\n");
        Assert.True(new FileInfo(tiled).Length > 2 << 20, "the tiled file is read in pieces");
        Assert.Equal(0, CliRun.Of(["train", "--data", path, .. trainArgs, "--out", temp.File("m.json")]).ExitCode);

        Assert.Equal(0, CliRun.Of("predict", "--model", temp.File("m.json"), "--data", path, "--out", temp.File("one.csv")).ExitCode);
        Assert.Equal(0, CliRun.Of("predict", "--model", temp.File("m.json"), "--data", tiled, "--out", temp.File("tiled.csv.out")).ExitCode);

        var one = File.ReadAllLines(temp.File("one.csv"));
        var pieces = File.ReadAllLines(temp.File("tiled.csv.out"));
        var numbered = one[0].StartsWith("row,", StringComparison.Ordinal);
        var n = one.Length - 1;
        Assert.Equal(one[0], pieces[0]);
        Assert.Equal(times * n, pieces.Length - 1);
        for (var i = 1; i < pieces.Length; i++)
        {
            var expected = one[(i - 1) % n + 1];
            if (numbered) expected = i.ToString(System.Globalization.CultureInfo.InvariantCulture) + expected[expected.IndexOf(',', StringComparison.Ordinal)..];
            Assert.Equal(expected, pieces[i]);
        }
    }
}
