using Churn.Algorithms.Linear;
using Churn.Experiments.Commands;
using Churn.Experiments.Modeling;
using Churn.Experiments.Sql;
using Churn.Tests.Experiments.Commands;
using Churn.Tests.Experiments.Data;

namespace Churn.Tests.Experiments.Sql;

/// <summary>
/// Training through DuckDB aggregates gives the in-memory fit: same dropped columns, categories and
/// medians, coefficients to 1e-9, training AUC and log-likelihood to 1e-9.
/// </summary>
public sealed class SqlChurnTrainerDuckDbTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Train_BigMlThroughDuckDb_EqualsInMemoryFit(bool unpenalised)
    {
        var options = new ChurnTrainingOptions { Penalty = unpenalised ? Penalty.None : Penalty.L2 };
        var data = TrainingDataLoader.Load(TestFiles.BigMl, "Churn", "True", ["State", "Area code"], null);
        var memory = ChurnTrainer.Train(data, options, "test");
        using var table = SqlTable.Open("duckdb:" + TestFiles.BigMl);
        var engine = SqlChurnTrainer.Train(table, new SqlTrainingRequest("Churn", "True", ["State", "Area code"], null), options, "test");

        Assert.Equal(memory.DroppedColumns, engine.DroppedColumns);
        var a = memory.Model;
        var b = engine.Model;
        Assert.Equal(a.ColumnNames, b.ColumnNames);
        Assert.Equal(a.Features.Numeric.Select(n => n.Median), b.Features.Numeric.Select(n => n.Median));
        Assert.Equal(a.Features.Categorical.Select(c => string.Join("|", c.Categories)), b.Features.Categorical.Select(c => string.Join("|", c.Categories)));
        Assert.True(b.Training.Converged, b.Training.StopReason);
        for (var j = 0; j < a.Coefficients.Count; j++)
        {
            Assert.True(Math.Abs(a.Coefficients[j].Coefficient - b.Coefficients[j].Coefficient) <= 1e-9,
                $"{a.Coefficients[j].Name}: in memory {a.Coefficients[j].Coefficient:R}, DuckDB {b.Coefficients[j].Coefficient:R}");
            if (unpenalised)
                Assert.True(Math.Abs(a.Coefficients[j].StandardError!.Value - b.Coefficients[j].StandardError!.Value) <= 1e-9, a.Coefficients[j].Name);
        }
        foreach (var key in new[] { "train_auc", "train_accuracy", "train_log_loss", "train_brier" })
            Assert.True(Math.Abs(a.Metrics[key] - b.Metrics[key]) <= 1e-9, $"{key}: {a.Metrics[key]:R} vs {b.Metrics[key]:R}");
        Assert.True(Math.Abs(a.Classifier.LogLikelihood - b.Classifier.LogLikelihood) <= 1e-9 * Math.Abs(a.Classifier.LogLikelihood));
    }

    [Fact]
    public void Train_SourceOption_WritesAModelThatScoresLikeTheInMemoryOne()
    {
        using var folder = new TempFolder();
        var run = CliRun.Of("train", "--source", "duckdb:" + TestFiles.BigMl, "--label", "Churn", "--positive", "True",
            "--exclude", "State,Area code", "--out", folder.File("m.json"), "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(2666, run.Json().GetProperty("rows").GetInt32());
        var memory = CliRun.Of("train", "--data", TestFiles.BigMl, "--label", "Churn", "--positive", "True",
            "--exclude", "State,Area code", "--out", folder.File("n.json"), "--json");
        Assert.Equal(memory.Json().GetProperty("train_auc").GetDouble(), run.Json().GetProperty("train_auc").GetDouble(), 9);
    }
}
