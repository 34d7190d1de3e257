using Churn.Experiments.Commands;
using Churn.Experiments.Modeling;

namespace Churn.Tests.Experiments.Commands;

/// <summary>`train --model additive|additive-pairs` end to end: JSON keys, the model file, and the same predictions after loading.</summary>
[Trait("Kind", "Process")]
public sealed class TrainAdditiveTests
{
    private static readonly string BigMl = TestPaths.Data("data/raw/churn-bigml-80.csv");

    private static CliRun Train(TempFolder temp, params string[] extra) => CliRun.Of(
        ["train", "--data", BigMl, "--label", "Churn", "--positive", "True", "--exclude", "State,Area code", "--out", temp.File("m.json"), .. extra]);

    [Fact]
    public void Train_AdditivePairsTwo_ReportsTermsAndLoadsWithSamePredictions()
    {
        using var temp = new TempFolder();
        var run = Train(temp, "--model", "additive-pairs", "--interactions", "2", "--json");

        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        Assert.Equal("additive-pairs", json.GetProperty("model_kind").GetString());
        Assert.True(json.GetProperty("lambda").GetDouble() > 0);
        var terms = json.GetProperty("terms").EnumerateArray().ToList();
        Assert.Equal(2, terms.Count(t => t.GetProperty("term").GetString()!.Contains(" × ")));
        Assert.All(terms, t => Assert.True(t.GetProperty("edf").GetDouble() > 0));
        // 13 source features after the charge columns are dropped, each with a term.
        Assert.Equal(13, json.GetProperty("features_used").GetArrayLength());
        Assert.Equal(0, json.GetProperty("terms_kept_linear").GetArrayLength());
        Assert.All(json.GetProperty("coefficients").EnumerateArray(), c => Assert.Equal(System.Text.Json.JsonValueKind.Null, c.GetProperty("p_value").ValueKind));

        var model = ModelFile.Load(temp.File("m.json"));
        Assert.NotNull(model.Basis);
        Assert.Equal(ModelFile.ToJson(model), File.ReadAllText(temp.File("m.json")));
        var data = TrainingDataLoader.Load(BigMl, "Churn", "True", ["State", "Area code"], null);
        var probabilities = model.PredictProbabilities(data.Table, out _);
        Assert.Equal(json.GetProperty("train_auc").GetDouble(), Churn.Algorithms.Metrics.RocAuc.Compute(data.Labels, probabilities), 12);
        for (var i = 0; i < 20; i++)
        {
            var row = i;
            var one = model.Predict(n => data.Table.Numeric(n).Values[row], n => data.Table.Text(n).Values[row], topFactors: 100);
            Assert.Equal(probabilities[i], one.Probability, 12);
            // The terms' contributions and the intercept give the log-odds.
            var logit = Math.Log(one.Probability / (1 - one.Probability));
            Assert.Equal(logit, model.Classifier.Intercept + one.Contributions.Sum(c => c.Effect), 9);
        }
        var pair = model.Predict(n => data.Table.Numeric(n).Values[0], n => data.Table.Text(n).Values[0], topFactors: 100)
            .Contributions.First(c => c.Feature.Contains(" × "));
        Assert.Contains(", ", pair.Value);
    }

    [Fact]
    public void Train_AdditiveCaseStudy_SaysWhichFeaturesStayLinearAndWhy()
    {
        // 300 rows for ~150 numeric features: no spline fits, so the additive model is the linear one, and says so.
        using var temp = new TempFolder();
        var run = CliRun.Of(["train", "--data", TestPaths.Data("data/raw/telecom_churn_data_head1000.csv"), "--recipe", "case-study",
            "--model", "additive", "--json", "--out", temp.File("m.json")]);

        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        var linear = json.GetProperty("terms_kept_linear").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains("arpu_6", linear);
        var warning = Assert.Single(json.GetProperty("warnings").EnumerateArray().Select(e => e.GetString()!), w => w.StartsWith("additive: ", StringComparison.Ordinal));
        Assert.Contains(linear.Count + " of ", warning);
        Assert.Contains("300 rows", warning);
        Assert.Contains("falls back to the linear one", warning);
    }

    [Fact]
    public void Train_AdditiveConsole_PrintsTermTableWithoutPValues()
    {
        using var temp = new TempFolder();
        var run = Train(temp, "--model", "additive");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("importance", run.Out);
        Assert.Contains("Customer service calls", run.Out);
        Assert.Contains("no Wald p-values", run.Out);
    }

    [Theory]
    [InlineData("--model", "additive", "--penalty", "l1")]
    [InlineData("--model", "additive", "--C", "0.5")]
    [InlineData("--model", "additive", "--interactions", "3")]
    [InlineData("--model", "additive-pairs", "--balanced")]
    public void Train_AdditiveWithOtherModelsOptions_ExitTwoAndNoFile(params string[] extra)
    {
        using var temp = new TempFolder();
        var run = Train(temp, extra);

        Assert.Equal(2, run.ExitCode);
        Assert.False(File.Exists(temp.File("m.json")));
    }
}
