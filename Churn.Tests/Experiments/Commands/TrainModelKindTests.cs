namespace Churn.Tests.Experiments.Commands;

/// <summary>`train --model/--penalty/--l1-ratio/--lambda/--interactions`: the kind plumbing and its errors.</summary>
public sealed class TrainModelKindTests
{
    private static readonly string BigMl = TestPaths.Data("data/raw/churn-bigml-80.csv");

    private static CliRun Train(TempFolder temp, params string[] extra) => CliRun.Of(
        ["train", "--data", BigMl, "--label", "Churn", "--positive", "True", "--exclude", "State,Area code", "--out", temp.File("m.json"), .. extra]);

    [Fact]
    public void Train_Default_IsLinearWithEveryFeatureUsedAndNoLambda()
    {
        using var temp = new TempFolder();
        var json = Train(temp, "--json").Json();

        Assert.Equal("linear", json.GetProperty("model_kind").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("lambda").ValueKind);
        // Dense fit: every model column (13 after the four charge columns are dropped) is non-zero.
        Assert.Equal(json.GetProperty("features").GetArrayLength(), json.GetProperty("features_used").GetArrayLength());
        Assert.Equal(13, json.GetProperty("features_used").GetArrayLength());
    }

    [Fact]
    public void Train_SparseFixedLambda_ReportsKindLambdaAndFewerFeatures()
    {
        using var temp = new TempFolder();
        var run = Train(temp, "--model", "sparse", "--lambda", "0.03", "--json");

        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        Assert.Equal("sparse", json.GetProperty("model_kind").GetString());
        Assert.Equal("L1", json.GetProperty("penalty").GetString());
        Assert.Equal(0.03, json.GetProperty("lambda").GetDouble());
        var used = json.GetProperty("features_used").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.InRange(used.Count, 1, 12);
        var nonZero = json.GetProperty("coefficients").EnumerateArray().Skip(1)
            .Where(c => c.GetProperty("coefficient").GetDouble() != 0).Select(c => c.GetProperty("name").GetString()!).ToList();
        Assert.Equal(nonZero.Count, used.Count); // every bigml column is its own feature
        Assert.All(json.GetProperty("coefficients").EnumerateArray(), c => Assert.Equal(System.Text.Json.JsonValueKind.Null, c.GetProperty("p_value").ValueKind));
    }

    [Fact]
    public void Train_SparseFixedLambdaThatNeverConverges_ClearErrorAndNoModelFile()
    {
        // In fold 2 of this CV the cold-started fit at lambda 0.03 exhausts the pass cap: it used to crash
        // with an IndexOutOfRangeException (an empty path) instead of saying what happened.
        using var temp = new TempFolder();
        var run = CliRun.Of("train", "--data", TestPaths.Data("data/raw/telecom_churn_data_head1000.csv"), "--recipe", "case-study",
            "--cv", "5", "--model", "sparse", "--lambda", "0.03", "--out", temp.File("m.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("elastic-net fit at --lambda 0.03 did not converge", run.Error);
        Assert.Contains("MaxPasses", run.Error);
        Assert.DoesNotContain("internal error", run.Error);
        Assert.False(File.Exists(temp.File("m.json")));
    }

    [Fact]
    public void Train_SparseConsole_ShowsPathAndPostSelectionCaveat()
    {
        using var temp = new TempFolder();
        var run = Train(temp, "--model", "sparse");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("entering", run.Out);
        Assert.Contains("<- 1se", run.Out);
        Assert.Contains("post-selection", run.Out);
    }

    [Theory]
    [InlineData("--model", "tree")]
    [InlineData("--penalty", "l3")]
    [InlineData("--model", "linear", "--penalty", "l1")]
    [InlineData("--model", "sparse", "--penalty", "l2")]
    [InlineData("--model", "sparse", "--C", "2")]
    [InlineData("--lambda", "0.1")]
    [InlineData("--model", "sparse", "--lambda", "big")]
    [InlineData("--model", "sparse", "--lambda", "-1")]
    [InlineData("--penalty", "l1", "--l1-ratio", "0.5")]
    [InlineData("--penalty", "elasticnet", "--l1-ratio", "0")]
    [InlineData("--penalty", "elasticnet", "--l1-ratio", "1.5")]
    [InlineData("--interactions", "3")]
    [InlineData("--cv-measure", "auc")]
    [InlineData("--model", "sparse", "--cv-measure", "brier")]
    [InlineData("--model", "additive-pairs", "--interactions", "-2")]
    [InlineData("--model", "additive-pairs", "--interactions", "many")]
    [InlineData("--penalty", "l1", "--no-penalty")]
    public void Train_BadKindOptions_ExitTwoWithMessage(params string[] extra)
    {
        using var temp = new TempFolder();
        var run = Train(temp, extra);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: ", run.Error.Split('\n').Last(l => l.Length > 0));
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public void Train_PenaltyElasticNet_WithoutModelIsSparse()
    {
        using var temp = new TempFolder();
        var json = Train(temp, "--penalty", "elasticnet", "--l1-ratio", "0.5", "--lambda", "0.02", "--json").Json();

        Assert.Equal("sparse", json.GetProperty("model_kind").GetString());
        Assert.Equal("ElasticNet", json.GetProperty("penalty").GetString());
        Assert.Equal(0.5, json.GetProperty("l1_ratio").GetDouble());
    }
}
