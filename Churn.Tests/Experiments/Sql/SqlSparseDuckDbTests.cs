using Churn.Algorithms.Linear;
using Churn.Algorithms.Preprocessing;
using Churn.Algorithms.Validation;
using Churn.Experiments.Data;
using Churn.Experiments.Modeling;
using Churn.Experiments.Sql;
using Churn.Tests.Experiments.Commands;
using Churn.Tests.Experiments.Data;

namespace Churn.Tests.Experiments.Sql;

/// <summary>
/// The sparse kind through DuckDB (weighted Gram sums per IRLS iteration, coordinate descent in memory)
/// against the in-memory fit on churn-bigml-80: with a fixed lambda the same zero pattern and the
/// coefficients to 1e-9 (the same passes run on the same sums, which differ only in the order of the
/// additions; measured 2e-14); with --lambda 1se the engine's hash-fold path CV gives the same lambdas,
/// fold deviances and choice as ElasticNetCrossValidation given the same folds.
/// </summary>
public sealed class SqlSparseDuckDbTests
{
    private static readonly string[] Excluded = ["State", "Area code"];

    internal static void AssertSameSparseFit(ChurnModel expected, ChurnModel actual, double tolerance)
    {
        Assert.Equal(expected.ColumnNames, actual.ColumnNames);
        Assert.Equal(expected.Coefficients.Select(c => c.Coefficient == 0), actual.Coefficients.Select(c => c.Coefficient == 0));
        Assert.Contains(actual.Coefficients, c => c.Coefficient == 0);
        for (var j = 0; j < expected.Coefficients.Count; j++)
            Assert.True(Math.Abs(expected.Coefficients[j].Coefficient - actual.Coefficients[j].Coefficient) <= tolerance,
                $"{expected.Coefficients[j].Name}: {expected.Coefficients[j].Coefficient:R} vs {actual.Coefficients[j].Coefficient:R}");
        Assert.Equal(expected.Training.Lambda, actual.Training.Lambda);
        Assert.Equal("sparse", actual.Training.ModelKind);
        Assert.Equal(expected.Metrics["train_auc"], actual.Metrics["train_auc"], 1e-9);
    }

    [Theory]
    [InlineData(Penalty.L1, 1.0, 0.005)]
    [InlineData(Penalty.ElasticNet, 0.5, 0.01)]
    public void Train_SparseFixedLambdaThroughDuckDb_EqualsInMemoryFit(Penalty penalty, double l1Ratio, double lambda)
    {
        using var folder = new TempFolder();
        var options = new ChurnTrainingOptions { Kind = ModelKind.Sparse, Penalty = penalty, L1Ratio = l1Ratio, Lambda = LambdaSelection.Fixed(lambda) };
        var memory = ChurnTrainer.Train(TrainingDataLoader.Load(TestFiles.BigMl, "Churn", "True", Excluded, null), options, "test").Model;
        using var table = SqlTable.Open("duckdb:" + SqlSourceDuckDbTests.ParquetSubset(folder, "all", TestFiles.BigMl, _ => true));
        var engine = SqlChurnTrainer.Train(table, new SqlTrainingRequest("Churn", "True", Excluded, null), options, "test").Model;

        AssertSameSparseFit(memory, engine, 1e-9);
        Assert.StartsWith("coordinate descent", engine.Training.Solver, StringComparison.Ordinal);
    }

    /// <summary>A third label value in an engine's table exits 2 naming source, column and values (the bad-input rule).</summary>
    [Fact]
    public void Train_LabelWithAThirdValue_RefusedNamingSourceColumnAndValues()
    {
        using var folder = new TempFolder();
        var lines = File.ReadAllLines(TestFiles.BigMl);
        var churn = Array.IndexOf(lines[0].Split(','), "Churn");
        var cells = lines[3].Split(',');
        cells[churn] = "Maybe";
        lines[3] = string.Join(",", cells);
        var csv = folder.File("third.csv");
        File.WriteAllLines(csv, lines);
        using var table = SqlTable.Open("duckdb:" + csv);
        var options = new ChurnTrainingOptions { Kind = ModelKind.Sparse, Penalty = Penalty.L1, Lambda = LambdaSelection.Fixed(0.01) };

        var error = Assert.Throws<ChurnDataException>(() => SqlChurnTrainer.Train(table, new SqlTrainingRequest("Churn", "True", Excluded, null), options, "test"));
        Assert.Contains("third.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains("label column 'Churn' has 3 distinct values ('false', 'maybe', 'true')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_SparseOneSeThroughDuckDb_EqualsInMemoryPathCvOnTheEngineFolds()
    {
        using var folder = new TempFolder();
        string[] features = ["Total day minutes", "Customer service calls", "International plan", "Number vmail messages", "Total eve minutes"];
        var options = new ChurnTrainingOptions { Kind = ModelKind.Sparse, Penalty = Penalty.L1, PathFolds = 3 };
        using var table = SqlTable.Open("duckdb:" + SqlSourceDuckDbTests.ParquetSubset(folder, "all", TestFiles.BigMl, _ => true));
        var engine = SqlChurnTrainer.Train(table, new SqlTrainingRequest("Churn", "True", [], features), options, "test");

        var data = TrainingDataLoader.Load(TestFiles.BigMl, "Churn", "True", [], features);
        var pipeline = FeaturePipeline.Fit(data.Table, data.NumericColumns, data.CategoricalColumns);
        var encoded = pipeline.Transform(data.Table);
        var x = StandardScaler.Fit(encoded).Transform(encoded);
        var labels = data.Labels.Select(v => (int)v).ToArray();
        var fold = SqlFolds.Assign(Enumerable.Range(1, labels.Length).Select(i => (long)i).ToArray(), labels, 3, options.Seed);
        var split = Enumerable.Range(0, 3).Select(f => new TrainTestIndices(
            Enumerable.Range(0, fold.Length).Where(i => fold[i] != f).ToArray(), Enumerable.Range(0, fold.Length).Where(i => fold[i] == f).ToArray())).ToList();
        var memory = ElasticNetCrossValidation.Run(x, data.Labels, new ElasticNetOptions { Tolerance = SparseSelection.Tolerance }, split);

        var cv = engine.Path!.CrossValidation!;
        Assert.Equal(memory.Path.Count, cv.Path.Count);
        for (var k = 0; k < memory.Path.Count; k++)
        {
            Assert.Equal(memory.Path.Lambdas[k], cv.Path.Lambdas[k], memory.Path.Lambdas[k] * 1e-9);
            Assert.Equal(memory.MeanDeviance[k], cv.MeanDeviance[k], 1e-9);
        }
        Assert.Equal(memory.IndexOneStandardError, cv.IndexOneStandardError);
        Assert.Equal(memory.IndexMin, cv.IndexMin);
        Assert.Equal(engine.Path.Index, cv.IndexOneStandardError);
        var expected = memory.Path.Coefficients(memory.IndexOneStandardError);
        var actual = cv.Path.Coefficients(cv.IndexOneStandardError);
        Assert.Equal(actual, engine.Path.Model.Coefficients.ToArray());
        Assert.Equal(expected.Select(c => c == 0), actual.Select(c => c == 0));
        for (var j = 0; j < expected.Length; j++) Assert.Equal(expected[j], actual[j], 1e-9);
    }
}
